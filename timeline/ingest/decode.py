"""Bytes -> text for one input, or a clear refusal.

Order: size limit, known binary signatures, BOMs (UTF-8/16/32), UTF-16 without a BOM,
NUL bytes (binary), strict UTF-8, then charset-normalizer for legacy encodings
(Windows-1252, Latin-1, ...). Text that still looks like control-character soup is
refused rather than written out as mojibake.
"""
from __future__ import annotations

import codecs
from dataclasses import dataclass

from ..errors import InputError

#: Largest single-article input (a .txt/.md/.html file or one JSON Lines record).
#: A saved news page is well under 5 MB; anything bigger is not one article.
MAX_ARTICLE_BYTES = 10 * 1024 * 1024

_SIGNATURES = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or .docx/.xlsx/.epub)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "an executable"),
    (b"\xd0\xcf\x11\xe0", "a legacy Office document"),
)

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str          # what it was decoded as, e.g. "utf-8", "utf-16-le", "cp1252"
    bom: bool = False


def check_size(size: int, where: str) -> None:
    if size > MAX_ARTICLE_BYTES:
        raise InputError(
            f"{size / 1048576:.1f} MB is too large for one article (limit "
            f"{MAX_ARTICLE_BYTES // 1048576} MB); split it or save just the article",
            path=where)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a BOM: NULs in every other byte of an ASCII-heavy text."""
    sample = data[:4096]
    if len(sample) < 4 or len(sample) % 2:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = len(sample) // 2
    if odd > 0.3 * half and even == 0:
        return "utf-16-le"
    if even > 0.3 * half and odd == 0:
        return "utf-16-be"
    return None


def _looks_binary(text: str) -> bool:
    sample = text[:8192]
    if not sample:
        return False
    bad = sum(1 for c in sample if (ord(c) < 32 and c not in "\t\n\r\f") or 0x7F <= ord(c) < 0xA0)
    return bad > max(2, len(sample) // 100)


def decode_bytes(data: bytes, where: str) -> Decoded:
    """Decode one input's bytes; raise InputError naming ``where`` when it is not text."""
    check_size(len(data), where)
    for magic, what in _SIGNATURES:
        if data.startswith(magic):
            raise InputError(f"binary file ({what}), not an article; save the article as "
                             ".txt, .md or .html", path=where)
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data[len(bom):].decode(enc), enc, bom=True)
            except UnicodeDecodeError as exc:
                raise InputError(f"starts with a {enc} byte-order mark but is not valid "
                                 f"{enc} (byte {exc.start + len(bom)})", path=where) from None
    enc16 = _utf16_without_bom(data)
    if enc16:
        try:
            return Decoded(data.decode(enc16), enc16)
        except UnicodeDecodeError:
            pass
    if b"\x00" in data[:65536]:
        raise InputError("binary file (contains NUL bytes), not an article", path=where)
    try:
        text = data.decode("utf-8")
        encoding = "utf-8"
    except UnicodeDecodeError:
        text, encoding = _legacy(data, where)
    if _looks_binary(text):
        raise InputError("binary file (mostly control characters), not an article", path=where)
    return Decoded(text, encoding)


def _legacy(data: bytes, where: str) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError("not text in any encoding charset-normalizer recognises; save it "
                         "as UTF-8", path=where)
    encoding = best.encoding
    # Single-byte Western text: Windows-1252 is a superset of Latin-1's printable range and
    # is what "Latin-1" web pages really are (curly quotes at 0x91-0x94); when the text
    # reads the same in several code pages, name it by the one the web uses.
    if encoding in ("latin_1", "iso8859_1", "iso8859_15") or "cp1252" in getattr(
            best, "could_be_from_charset", ()):
        try:
            return data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            pass
    return str(best), encoding
