"""Where a source's time expression is, and the id of those words on the article page.

``find_expression`` finds an expression in its quote (the event page's highlight marks
it there); ``locate`` finds it in the article's text (the link into the article page
goes there); ``anchor_id`` names those words on the article page from the words
themselves and which occurrence of them it is, so links into an article survive edits
elsewhere in it and CRLF checkouts (see provenance, which writes the ids).
"""
from __future__ import annotations

import re
import unicodedata
import zlib


def locate(text: str, quote: str, expression: str) -> tuple[int, int] | None:
    """(start, end) in ``text`` of a source's expression: where ``find_expression`` finds
    it in the first occurrence of its quote (where the event page's highlight marks it);
    None when either is not there."""
    q = text.find(quote) if quote and expression.strip() else -1
    if q < 0:
        return None
    where = find_expression(quote, expression)
    return (q + where[0], q + where[1]) if where else None


def find_expression(quote: str, expression: str) -> tuple[int, int] | None:
    """(start, end) in ``quote`` of the first occurrence of the (stripped) expression,
    ignoring case by Unicode case folding, also where folding changes a character's
    length ('ß' -> 'ss', 'İ' -> 'i̇'): a match must begin and end on whole characters of
    the quote. None when it is not there. The event page's highlight and the link into
    the article page (``locate``) both find it so."""
    expr = expression.strip()
    if not expr:
        return None
    folded, wanted = quote.casefold(), expr.casefold()
    if len(folded) == len(quote):        # every character folds to one: same positions
        i = folded.find(wanted)
        return (i, i + len(wanted)) if i >= 0 else None
    origin = [k for k, ch in enumerate(quote) for _ in ch.casefold()]   # folded -> quote index
    origin.append(len(quote))
    i = folded.find(wanted)
    while i >= 0:
        j = i + len(wanted)
        if (i == 0 or origin[i - 1] != origin[i]) and origin[j - 1] != origin[j]:
            return origin[i], origin[j]
        i = folded.find(wanted, i + 1)
    return None


def anchor_id(text: str, start: int, end: int) -> str:
    """The id of the words ``text[start:end]`` on the article's page: made from those
    words alone (a short slug and hash of them) and, for a repeat, which occurrence of
    them in the text it is ("t-thursday-81f0fa", the second "t-thursday-81f0fa-2").
    So an id stays when the text is edited anywhere but those words or an earlier
    occurrence of them, and is the same whether the file has CRLF or LF line ends
    (counted and hashed with every line end read as LF)."""
    words = text[start:end]
    if "\r" in text:
        words, start, text = lf(words), len(lf(text[:start])), lf(text)
    n = _earlier(text, words, start)
    digest = f"{zlib.crc32(words.encode('utf-8')) & 0xFFFFFF:06x}"
    slug = words.lower() if words.isascii() and words.isalnum() else _slug(words)
    ident = f"t-{slug}-{digest}" if slug else f"t-{digest}"
    return f"{ident}-{n + 1}" if n else ident


def _earlier(text: str, words: str, start: int) -> int:
    """How many times ``words`` begin in ``text`` before ``start``, also where one runs
    into the next ('day by day' in 'day by day by day' twice: str.count sees one, and
    both would get the same id)."""
    n, stop = 0, start + len(words) - 1
    p = text.find(words, 0, stop)
    while p >= 0:
        n += 1
        p = text.find(words, p + 1, stop)
    return n


_NOT_SLUG = re.compile(r"[^a-z0-9]+")
SLUG_MAX = 24


def _slug(words: str) -> str:
    """"Thu, 28 Feb" -> "thu-28-feb": ASCII letters and digits (accents dropped), at most
    SLUG_MAX characters, cut at a hyphen."""
    if not words.isascii():
        words = unicodedata.normalize("NFKD", words).encode("ascii", "ignore").decode("ascii")
    slug = _NOT_SLUG.sub("-", words.lower()).strip("-")
    if len(slug) > SLUG_MAX:
        cut = slug[:SLUG_MAX + 1]
        slug = cut.rsplit("-", 1)[0] if "-" in cut else slug[:SLUG_MAX]
    return slug


def lf(text: str) -> str:
    """Every line end (CRLF, CR) as LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")
