"""An article's text as its page shows it: escaped (article text is untrusted), in
paragraphs, with every time expression the tagger finds marked and, where the
expression dates an event of the record, linked to that event's page. Expressions
that an event cites but the current tagger does not find (a hand edit, an older
tagger) are marked too, so every date in the record can be traced to its words.

The text is marked only when an article's first page is rendered (the template calls
``provenance()``). The tagger's results are kept per article in the git-ignored cache
(``TimexCache``, keyed by the text, its anchors and the tagger's own files), filled in
the building process before any page is rendered, so a rebuild after editing an event
never loads the tagger, and only a new or edited article is tagged again.

Each mark's id is made from its own words and which occurrence of them it is
(``anchors.anchor_id``: "t-thursday-81f0fa", "t-thursday-81f0fa-2"), not from where it starts,
so editing the text elsewhere or checking it out with CRLF line ends leaves the links
into it alone. Each place an event cites (its expression inside its quote, found as
``locate`` finds it) has its id the same way: the mark's own when the mark is those
words, else an empty ``<span class="timex-at">`` just before the mark that covers it.
So an event page links a source's expression to ``articles/<id>/#<id>``
(``expression_link``) from the event's own source and the article's text alone,
without the tagger. (Links made before, ``#t<character offset>``, are not kept: they
still open the article page, at its top.)
"""
from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from markupsafe import Markup, escape

from .. import places
from ..errors import TimelineError
from ..atomic import replace_bytes
from . import labels
from .anchors import anchor_id, lf, locate
from .views import ArticleView, EventView

MORE_LINKS = 3            # events linked from one expression before "+N more"
TABLE_LINKS = 10          # events listed for one expression in the table before "N more"
_PARAGRAPH = re.compile(r"\r?\n[ \t]*\r?\n\s*")          # a blank line (CRLF too)
_TAGGER = Path(__file__).resolve().parent.parent / "tagger"


@dataclass
class Span:
    start: int
    end: int
    text: str
    kind: str                 # DATE | TIME | DURATION | SET | "cited" (only an event names it)
    value: str
    events: list[EventView] = field(default_factory=list)
    anchor: str = ""          # its id on the page ("t3")
    mod: str | None = None    # the tagger's TIMEX3 mod (BEFORE, APPROX, ...)
    reading: str = ""         # the value in words ("Thu 28 Feb 2019, morning", "2 hours"), if any

    def head(self, n: int) -> list[EventView]:
        """The first n events it dates (the page lists a few, then how many more)."""
        return self.events[:n]

    def beyond(self, n: int) -> int:
        return max(0, len(self.events) - n)


@dataclass
class Provenance:
    html: Markup              # the text: <p> paragraphs with marked expressions
    spans: list[Span]         # every marked expression, in text order
    note: str | None = None   # why nothing was tagged, when the tagger could not run
    cited_quotes: int = 0     # sentences events cite without a date in them (linked after them)
    table_links: int = TABLE_LINKS

    @property
    def linked(self) -> int:
        return sum(1 for s in self.spans if s.events)


def tagger_stamp() -> str:
    """What the tagger's output depends on (its code and word lists, and the gazetteer
    and tz database its zones come from), for the TimexCache and page fingerprints: an
    upgraded tagger or new place data re-tags and re-renders the article pages."""
    h = hashlib.blake2b(digest_size=8)
    for path in sorted(p for p in _TAGGER.rglob("*") if p.suffix in (".py", ".yaml")):
        h.update(path.read_bytes())
    h.update(Path(__file__).read_bytes())      # how this module calls it (anchor, place)
    h.update(places.data_stamp().encode("utf-8"))
    return h.hexdigest()


def cited_spans(text: str, article_id: str, events: list[EventView]
                ) -> tuple[dict[tuple[int, int], list[EventView]], dict[int, list[EventView]]]:
    """Where the events cite this article: (start, end) of each expression as they cite
    it (the expression inside its quote, the quote found in the text) -> the events it
    dates; and the end of each quote found in the text whose expression is not (undated
    evidence: extract's expression '', or words the text no longer has) -> its events."""
    where: dict[tuple[str, str], tuple[int, int] | None] = {}
    ends: dict[str, int] = {}
    out: dict[tuple[int, int], dict[str, EventView]] = {}
    quotes: dict[int, dict[str, EventView]] = {}
    for v in events:
        for s in v.sources:
            if s.article_id != article_id or not s.quote:
                continue
            key = (s.quote, s.expression)
            if s.expression.strip() and key not in where:      # many events cite the same sentence
                where[key] = locate(text, s.quote, s.expression)
            span = where.get(key)
            if span is not None:
                out.setdefault(span, {})[v.id] = v
                continue
            if s.quote not in ends:
                q = text.find(s.quote)
                ends[s.quote] = q + len(s.quote) if q >= 0 else -1
            if ends[s.quote] >= 0:
                quotes.setdefault(ends[s.quote], {})[v.id] = v
    return ({span: list(evs.values()) for span, evs in out.items()},
            {end: sorted(evs.values(), key=lambda v: (v.when.sort_key, v.id))
             for end, evs in quotes.items()})


def expression_link(source) -> str:
    """``expression_link(s)``: the link to a source's time expression in its article's
    page (a views.SourceView), or "" when the article is not in the timeline or the
    quote or expression is not in its text."""
    article = source.article
    if article is None:
        return ""
    ident = _cited_id(article.text, source.quote, source.expression or "")
    return f"{article.link}#{ident}" if ident else ""


@lru_cache(maxsize=256)
def _cited_id(text: str, quote: str, expression: str) -> str:
    """The id of a source's expression in its article's text ("" when not there): many
    events cite the same sentence of an article, and each event page asks."""
    where = locate(text, quote, expression)
    return anchor_id(text, *where) if where else ""


def tag_article(article: ArticleView) -> tuple[list[tuple], str | None]:
    """The tagger's expressions (start, end, type, value, mod) in the article's text,
    anchored on its publication date (alone when only the day is known) and place as
    extract anchors them; ([], why) when it cannot run."""
    if article.anchor is None:
        return [], "The article has no publication date, so its time expressions cannot be resolved."
    from ..tagger import tag     # loads the language resources: only when an article is new
    try:
        found = tag(article.text, article.anchor, place=article.zone_place,
                    language=article.language)
    except TimelineError as exc:
        return [], f"The time expressions could not be tagged: {exc.message}"
    return [(x.start, x.end, x.type, x.value_with_zone, x.mod) for x in found], None


class TimexCache:
    """article key -> tag_article's result, kept across builds in one JSON file."""

    def __init__(self, path: Path | None = None, stamp: str = ""):
        self.path, self.stamp = path, stamp
        self.old: dict[str, list] = {}
        self.new: dict[str, list] = {}
        if path is not None:
            try:
                data = json.loads(Path(path).read_bytes())
                if data.get("stamp") == stamp:
                    self.old = data["articles"]
            except (OSError, ValueError, KeyError, TypeError, AttributeError):
                self.old = {}

    @staticmethod
    def key(article: ArticleView) -> str:
        h = hashlib.blake2b(digest_size=12)
        for part in (article.text, article.published_iso, article.zone_place or "",
                     article.language):
            h.update(part.encode("utf-8") + b"\0")
        return f"{article.id}:{h.hexdigest()}"

    def fill(self, articles: list[ArticleView]) -> None:
        """Tag every article not cached yet (in this process: forked renderers then find
        them), keep only this build's articles, and save when anything changed."""
        for a in articles:
            k = self.key(a)
            hit = self.old.get(k)
            self.new[k] = hit if hit is not None else list(tag_article(a))
        if self.path is not None and self.new != self.old:
            data = {"stamp": self.stamp, "articles": self.new}
            os.makedirs(os.path.dirname(self.path) or ".", exist_ok=True)
            replace_bytes(str(self.path), json.dumps(data, ensure_ascii=False).encode("utf-8"),
                          durable=False)

    def get(self, article: ArticleView) -> tuple[list, str | None]:
        hit = self.new.get(self.key(article))
        if hit is None:
            return tag_article(article)
        expressions, note = hit
        return [tuple(x) for x in expressions], note


def spans_for(text: str, expressions: list[tuple], cited: dict[tuple[int, int], list[EventView]]) -> list[Span]:
    """The tagger's expressions with the events each dates (a cited span overlapping it),
    then the cited spans no expression covers; overlapping spans keep the first."""
    spans = [Span(start, end, text[start:end], kind, value, mod=mod)
             for start, end, kind, value, mod in expressions if 0 <= start < end <= len(text)]
    loose = []
    for (start, end), evs in sorted(cited.items()):
        hits = [s for s in spans if s.start < end and start < s.end]
        for s in hits:
            have = {v.id for v in s.events}
            s.events.extend(v for v in evs if v.id not in have)
        if not hits:
            loose.append(Span(start, end, text[start:end], "cited", evs[0].value, list(evs)))
    out: list[Span] = []
    for s in sorted(spans + loose, key=lambda s: (s.start, -s.end)):
        if out and s.start < out[-1].end:
            continue
        out.append(s)
    for s in out:
        s.anchor = anchor_id(text, s.start, s.end)
        s.events.sort(key=lambda v: (v.when.sort_key, v.id))
    return out


def _lines(text: str) -> Markup:
    """Escaped text whose single line breaks (LF, CRLF or CR) are kept as <br>."""
    return escape(lf(text)).replace("\n", Markup("<br>\n"))


def _mark(s: Span, piece: str, first: bool, last: bool) -> Markup:
    """One paragraph's piece of a span: the first piece carries the span's id, the
    last its "also dates" links; an expression within one paragraph is one piece."""
    label = f"{s.kind.lower()} {s.value}" if s.kind != "cited" else f"cited as {s.value}"
    cont = "" if first else " timex-cont"
    ident = Markup(' id="{}"').format(s.anchor) if first else Markup("")
    if not s.events:
        return Markup('<mark class="timex timex-free{}"{} title="{}">{}</mark>').format(
            cont, ident, label, _lines(piece))
    head = s.events[0]
    out = Markup('<mark class="{}{}"{} title="{}"><a href="{}">{}</a></mark>').format(
        "timex timex-cited" if s.kind == "cited" else "timex", cont, ident,
        f"{label}: {head.title}", head.link, _lines(piece))
    extra = [Markup('<a href="{}" aria-label="also dates: {}">{}</a>').format(v.link, v.title, n)
             for n, v in enumerate(s.events[1:MORE_LINKS], 2)]
    if s.beyond(MORE_LINKS):
        extra.append(Markup('<a href="#{}-row">+{} more</a>').format(s.anchor, s.beyond(MORE_LINKS)))
    if extra and last:
        out += Markup('<sup class="timex-more">') + Markup(" ").join(extra) + Markup("</sup>")
    return out


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each blank-line separated paragraph, its edges' blanks left out."""
    out, pos = [], 0
    for m in list(_PARAGRAPH.finditer(text)) + [None]:
        stop = m.start() if m else len(text)
        chunk = text[pos:stop]
        lead = len(chunk) - len(chunk.lstrip())
        if chunk.strip():
            out.append((pos + lead, pos + len(chunk.rstrip())))
        pos = m.end() if m else stop
    return out


def _cites(events: list[EventView]) -> Markup:
    """The link(s) after a sentence that events cite without a date of its own."""
    links = [Markup('<a href="{}" aria-label="cited by the event: {}" title="{}">{}</a>').format(
        v.link, v.title, f"{v.title} ({v.label})", "event" if n == 1 else n)
        for n, v in enumerate(events[:MORE_LINKS], 1)]
    if len(events) > MORE_LINKS:
        links.append(Markup('<a href="#events-heading">+{} more</a>').format(len(events) - MORE_LINKS))
    return Markup('<sup class="cites">') + Markup(" ").join(links) + Markup("</sup>")


def _note_offsets(notes: dict[int, list[EventView]], spans: list[Span],
                  paras: list[tuple[int, int]]) -> list[tuple[int, list[EventView]]]:
    """Where each quote's link goes: its end, moved past a span it falls inside and back
    to the end of its paragraph when it falls in the blank lines after it."""
    out = []
    for at, events in notes.items():
        for s in spans:
            if s.start < at < s.end:
                at = s.end
        for a, b in reversed(paras):
            if at >= a:
                at = min(at, b)
                break
        else:
            at = paras[0][0] if paras else 0
        out.append((at, events))
    return sorted(out, key=lambda n: n[0])


def cited_anchors(text: str, spans: list[Span], cited) -> list[tuple[int, Markup]]:
    """An empty element with the id of each cited place (``cited``: cited_spans' distinct
    (start, end) pairs) that no mark has (a mark of other words, even from the same start,
    has another id): where it starts, or, when that is inside the mark that covers it (a
    longer expression the tagger found, or another event's overlapping one), just before
    that mark (so ``.timex-at:target + mark`` outlines it)."""
    marked = {(s.start, s.end) for s in spans}
    out = []
    for start, end in cited:
        if (start, end) not in marked:
            at = min(start, next((s.start for s in spans if s.start < end and start < s.end), start))
            out.append((at, Markup('<span class="timex-at" id="{}"></span>').format(
                anchor_id(text, start, end))))
    return sorted(out, key=lambda a: a[0])


def text_html(text: str, spans: list[Span], notes: dict[int, list[EventView]] | None = None,
              anchors: list[tuple[int, Markup]] = ()) -> Markup:
    """Paragraphs (blank-line separated) of escaped text with the spans marked. A span
    that crosses a paragraph break is marked in each paragraph it reaches (the marks
    never straddle a <p>): its first piece has its id, later ones class timex-cont.
    ``notes`` (a quote's end -> events citing it without a date) put links there;
    ``anchors`` ((offset, markup), sorted: cited_anchors) go before the text at their offset."""
    paras = paragraphs(text)
    pending = sorted([(at, _cites(events)) for at, events in _note_offsets(notes or {}, spans, paras)]
                     + list(anchors), key=lambda p: p[0])
    parts: list[Markup] = []
    i, opened, j = 0, False, 0      # opened: the span at i has a piece in an earlier paragraph

    def plain(lo: int, hi: int) -> list[Markup]:
        """text[lo:hi] escaped, with the links of the quotes that end in it."""
        nonlocal j
        out = []
        while j < len(pending) and pending[j][0] <= hi:
            at = max(pending[j][0], lo)
            out += [_lines(text[lo:at]), pending[j][1]]
            lo, j = at, j + 1
        out.append(_lines(text[lo:hi]))
        return out

    for a, b in paras:
        para: list[Markup] = []
        pos = a
        while i < len(spans) and spans[i].start < b:
            s = spans[i]
            lo, hi = max(s.start, a), min(s.end, b)
            if text[lo:hi].strip():
                last = not text[hi:s.end].strip()
                para += plain(pos, lo) + [_mark(s, text[lo:hi], not opened, last)]
                pos, opened = hi, True
            if s.end > b:            # it goes on in the next paragraph
                break
            i, opened = i + 1, False
        para += plain(pos, b)
        parts.append(Markup("<p>{}</p>").format(Markup("").join(para)))
    return Markup("\n").join(parts)


REFS = {"PRESENT_REF": "the present", "PAST_REF": "the past", "FUTURE_REF": "the future"}
_UNITS = {"CE": "century", "DE": "decade", "Y": "year", "Q": "quarter", "M": "month", "W": "week",
          "D": "day", "H": "hour", "TM": "minute", "S": "second"}
_DURATION = re.compile(r"P((?:(?:\d+(?:\.\d+)?|X)(?:CE|DE|Y|Q|M|W|D))*)"
                       r"(?:T((?:(?:\d+(?:\.\d+)?|X)[HMS])+))?")
_AMOUNT = re.compile(r"(\d+(?:\.\d+)?|X)(CE|DE|Y|Q|M|W|D|H|S)")


def _amounts(value: str) -> list[tuple[str, str]] | None:
    """"P2DT12H" -> [("2", "D"), ("12", "H")]; None when it is not a TimeML duration."""
    m = _DURATION.fullmatch(value)
    if not m or not (m.group(1) or m.group(2)):
        return None
    return (_AMOUNT.findall(m.group(1) or "")
            + [(n, "TM" if u == "M" else u) for n, u in _AMOUNT.findall(m.group(2) or "")])


def _unit(n: str, unit: str) -> str:
    word = _UNITS[unit]
    plural = "centuries" if word == "century" else word + "s"
    return plural if n == "X" else f"{n} {word if n == '1' else plural}"


def reading(kind: str, value: str, mod: str | None, zones: list[tuple[str, str]]) -> str:
    """A TimeML value in words, as the timeline labels dates ("" when there are none):
    "2019-02-28T14:30+08:00" -> "Thu 28 Feb 2019, 14:30 Kuala Lumpur (UTC+8)", "PT2H" ->
    "2 hours", "PXM" -> "months", "P1W" as a SET -> "every week", "FUTURE_REF" -> "the future"."""
    if value in REFS:
        return REFS[value]
    amounts = _amounts(value)
    if amounts is not None:
        words = " ".join(_unit(n, u) for n, u in amounts)
        if kind == "SET":
            return "every " + (_UNITS[amounts[0][1]] if amounts == [("1", amounts[0][1])] else words)
        word = labels.MOD_WORDS.get(mod or "") if mod not in ("START", "MID", "END") else None
        return f"{word} {words}" if word else words
    try:
        return labels.label(labels.parse(value), mod=mod, zones=zones)
    except labels.DateError:
        return ""


def provenance(article: ArticleView, timex: TimexCache | None = None) -> Provenance:
    """The article's text with its time expressions marked and linked to its events."""
    text = article.text
    expressions, note = (timex or TimexCache()).get(article)
    cited, quotes = cited_spans(text, article.id, article.events)
    spans = spans_for(text, expressions, cited)
    zones = [(article.place or article.timezone, article.timezone)] if article.timezone else []
    for s in spans:
        s.reading = reading(s.kind, s.value, s.mod, zones)
    return Provenance(text_html(text, spans, quotes, cited_anchors(text, spans, cited)), spans, note,
                      cited_quotes=len(quotes))


def provenance_fp(article: ArticleView) -> tuple:
    """What the text part of an article page shows besides the article itself: its text
    and the events that cite it (their page fingerprints cover links, titles and quotes)."""
    text_hash = hashlib.blake2b(article.text.encode("utf-8"), digest_size=8).hexdigest()
    return (text_hash, [v.page_fp for v in article.events])
