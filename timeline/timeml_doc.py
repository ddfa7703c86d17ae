"""TimeML / TempEval-3 documents: read them, strip TIMEX3, insert our TIMEX3.

Conventions (the same as the TempEval-3 scorer's, ../shared/tools/te3/):

* A document's *text* is the content of its ``<TEXT>`` element with every tag,
  comment and processing instruction removed and character references decoded
  (``&amp;`` -> ``&``). Offsets are character offsets into that string.
* TIMEX3 elements inside TEXT are the document's timexes; the creation time
  (``functionInDocument="CREATION_TIME"``, normally in ``<DCT>``) is not one.

Writing never re-serialises the document: TIMEX3 tags are spliced into the raw
file at the raw positions of their character offsets, so everything else (other
markup such as EVENT/SIGNAL, the original escaping, the header) stays byte-identical.
"""
from __future__ import annotations

import html
import re
import xml.parsers.expat
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError
from .model import Expression

MARKUP_RE = re.compile(r"<!--.*?-->|<\?.*?\?>|<![^>]*>|<[^>]+>", re.S)
TAG_RE = re.compile(r"<(/?)([A-Za-z_][\w.:-]*)([^>]*?)(/?)>\Z", re.S)
ATTR_RE = re.compile(r"""([A-Za-z_:][\w.:-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
ENTITY_RE = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")
TEXT_OPEN_RE = re.compile(r"<TEXT(?:\s[^>]*)?>")
TEXT_CLOSE_RE = re.compile(r"</TEXT\s*>")
DOCID_RE = re.compile(r"<DOCID>(.*?)</DOCID>", re.S)
TIMEX_OPEN_RE = re.compile(r"<TIMEX3\b[^>]*>", re.S)
TIMEX_ANY_RE = re.compile(r"</?TIMEX3\b[^>]*>", re.S)
TID_RE = re.compile(r'tid="([^"]*)"')
TLINK_RE = re.compile(r"<TLINK\b[^>]*?/>|<TLINK\b[^>]*>.*?</TLINK\s*>", re.S)

TIMEML_SUFFIXES = (".tml", ".TE3input", ".xml")


@dataclass
class Timex:
    """A TIMEX3 found in a document: [start, end) in its text, and its attributes."""

    start: int
    end: int
    attrs: dict
    text: str = ""

    @property
    def type(self) -> str:
        return self.attrs.get("type", "")

    @property
    def value(self) -> str:
        return self.attrs.get("value", "")


@dataclass
class Markup:
    """A piece of markup inside TEXT at raw [start, end), found at text offset ``offset``."""

    start: int
    end: int
    offset: int
    kind: str          # "open" | "close" | "empty" | "other" (comment, PI, declaration)
    name: str = ""
    attrs: dict = field(default_factory=dict)


class CharPositions:
    """The raw index of each text character (and of offset len(text): the end of TEXT),
    kept as runs instead of one int per character: a run of text copied from the raw
    file one to one, or the characters of one decoded entity (all at the entity's start)."""

    __slots__ = ("starts", "raw_starts", "steps", "length")

    def __init__(self) -> None:
        self.starts: list[int] = []      # text offset where each run begins
        self.raw_starts: list[int] = []  # its raw index
        self.steps: list[int] = []       # 1: copied; 0: an entity's characters
        self.length = 0                  # text characters so far

    def add(self, raw_start: int, n: int, step: int) -> None:
        if n:
            self.starts.append(self.length)
            self.raw_starts.append(raw_start)
            self.steps.append(step)
            self.length += n

    def end(self, raw_end: int) -> None:
        """Offset len(text) is at ``raw_end``."""
        self.starts.append(self.length)
        self.raw_starts.append(raw_end)
        self.steps.append(0)

    def __getitem__(self, offset: int) -> int:
        if not 0 <= offset <= self.length:
            raise IndexError(offset)
        i = bisect_right(self.starts, offset) - 1
        return self.raw_starts[i] + self.steps[i] * (offset - self.starts[i])


@dataclass
class TimeMLDoc:
    path: str
    raw: str                       # the whole file, decoded
    body_start: int                # raw offsets of the content of <TEXT>
    body_end: int
    text: str                      # tag-free, decoded TEXT content
    char_pos: CharPositions        # raw index of each text character, plus body_end
    markup: list                   # list[Markup] inside TEXT, in raw order
    dct: str | None                # value of the CREATION_TIME TIMEX3
    dct_tid: str | None
    docid: str
    timexes: list                  # list[Timex] inside TEXT (DCT and empty ones excluded)
    n_empty_timexes: int = 0

    @property
    def stem(self) -> str:
        return doc_name(self.path)


def doc_name(path: str | Path) -> str:
    """A document's name: the file name without .TE3input, always ending in .tml
    (x.TE3input, x.tml and x.xml are the same document)."""
    name = Path(path).name
    if name.endswith(".TE3input"):
        name = name[: -len(".TE3input")]
    if not name.endswith(".tml"):
        name = (name[:-4] if name.endswith(".xml") else name) + ".tml"
    return name


# --------------------------------------------------------------------------- reading

def parse_attrs(tag_body: str) -> dict:
    return {m.group(1): html.unescape(m.group(2) if m.group(2) is not None else m.group(3))
            for m in ATTR_RE.finditer(tag_body)}


def decode_bytes(data: bytes, path: str) -> str:
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError("binary file, not a text or TimeML document", path=path)
    for bom, enc in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            data = data[len(bom):]
            break
    else:
        enc = "utf-8"
    try:
        return data.decode(enc)
    except UnicodeDecodeError as exc:
        raise InputError(f"not {enc.upper()} text (byte {exc.start}): convert it to UTF-8", path=path) from None


def read_source(path: str | Path) -> str:
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path=path) from None
    return decode_bytes(data, str(path))


def check_well_formed(raw: str, path: str) -> None:
    """Raise InputError(path:line:col) if ``raw`` is not well-formed XML."""
    parser = xml.parsers.expat.ParserCreate("UTF-8")
    # the text is already decoded: blank out an encoding declaration (same length, so
    # line and column numbers stay right) and let expat read UTF-8
    data = re.sub(r"\A<\?xml[^>]*\?>", lambda m: " " * len(m.group(0)), raw, count=1)
    try:
        parser.Parse(data.encode("utf-8"), True)
    except xml.parsers.expat.ExpatError as exc:
        raise InputError(f"malformed XML: {xml.parsers.expat.ErrorString(exc.code)}",
                         path=path, line=exc.lineno, col=exc.offset + 1) from None


def _decode_segment(raw: str, start: int, end: int, pieces: list, char_pos: CharPositions) -> None:
    """Append the decoded characters of raw[start:end] and the raw index of each."""
    pos = start
    for m in ENTITY_RE.finditer(raw, start, end):
        pieces.append(raw[pos:m.start()])
        char_pos.add(pos, m.start() - pos, 1)
        decoded = html.unescape(m.group(0))
        pieces.append(decoded)
        char_pos.add(m.start(), len(decoded), 0)
        pos = m.end()
    pieces.append(raw[pos:end])
    char_pos.add(pos, end - pos, 1)


def find_dct(raw: str) -> tuple[str | None, str | None]:
    for m in TIMEX_OPEN_RE.finditer(raw):
        attrs = parse_attrs(m.group(0))
        if attrs.get("functionInDocument") == "CREATION_TIME":
            return attrs.get("value"), attrs.get("tid")
    return None, None


def parse_timeml(raw: str, path: str | Path = "<input>") -> TimeMLDoc:
    """Split a TimeML document into text, markup and timexes (lenient: no XML check)."""
    path = str(path)
    mo = TEXT_OPEN_RE.search(raw)
    if not mo:
        raise InputError("no <TEXT> element: not a TimeML/TempEval-3 document", path=path)
    mc = TEXT_CLOSE_RE.search(raw, mo.end())
    if not mc:
        raise InputError("<TEXT> is never closed", path=path)
    body_start, body_end = mo.end(), mc.start()
    pieces: list[str] = []
    char_pos = CharPositions()
    markup: list[Markup] = []
    open_timexes: list[tuple[dict, int]] = []
    found: list[Timex] = []
    last = body_start
    for m in MARKUP_RE.finditer(raw, body_start, body_end):
        _decode_segment(raw, last, m.start(), pieces, char_pos)
        last = m.end()
        offset = char_pos.length
        tm = TAG_RE.match(m.group(0))
        if not tm:
            markup.append(Markup(m.start(), m.end(), offset, "other"))
            continue
        kind = "close" if tm.group(1) else "empty" if tm.group(4) else "open"
        attrs = parse_attrs(tm.group(3)) if kind != "close" else {}
        markup.append(Markup(m.start(), m.end(), offset, kind, tm.group(2), attrs))
        if tm.group(2) != "TIMEX3":
            continue
        if kind == "open":
            open_timexes.append((attrs, offset))
        elif kind == "empty":
            found.append(Timex(offset, offset, attrs))
        elif not open_timexes:
            raise InputError("</TIMEX3> without an opening tag", path=path, line=_line(raw, m.start()))
        else:
            attrs, start = open_timexes.pop()
            found.append(Timex(start, offset, attrs))
    _decode_segment(raw, last, body_end, pieces, char_pos)
    if open_timexes:
        raise InputError("<TIMEX3> is never closed", path=path)
    char_pos.end(body_end)
    text = "".join(pieces)
    timexes, n_empty = [], 0
    for tx in found:
        if tx.attrs.get("functionInDocument") == "CREATION_TIME":
            continue
        tx.text = text[tx.start:tx.end]
        if not tx.text.strip():
            n_empty += 1
            continue
        timexes.append(tx)
    timexes.sort(key=lambda t: (t.start, t.end))
    m = DOCID_RE.search(raw)
    dct, dct_tid = find_dct(raw)
    return TimeMLDoc(path=path, raw=raw, body_start=body_start, body_end=body_end, text=text,
                     char_pos=char_pos, markup=markup, dct=dct, dct_tid=dct_tid,
                     docid=m.group(1).strip() if m else Path(path).name.split(".")[0],
                     timexes=timexes, n_empty_timexes=n_empty)


def _line(raw: str, index: int) -> int:
    return raw.count("\n", 0, index) + 1


def looks_like_timeml(path: str | Path, raw: str) -> bool:
    name = str(path)
    return name.endswith(TIMEML_SUFFIXES) or raw.lstrip().startswith(("<?xml", "<TimeML"))


# --------------------------------------------------------------------------- stripping

def strip_timexes(doc: TimeMLDoc) -> TimeMLDoc:
    """The document without the TIMEX3 tags inside TEXT (their text kept) and without
    the TLINKs that pointed at them; everything else byte-identical."""
    removed = {m.attrs.get("tid") for m in doc.markup if m.name == "TIMEX3" and m.kind != "close"
               and m.attrs.get("functionInDocument") != "CREATION_TIME"}
    removed.discard(None)
    body = TIMEX_ANY_RE.sub(lambda m: m.group(0) if "CREATION_TIME" in m.group(0) else "",
                            doc.raw[doc.body_start:doc.body_end])
    tail = doc.raw[doc.body_end:]
    if removed:
        def keep_tlink(m: re.Match) -> str:
            attrs = parse_attrs(m.group(0)[: m.group(0).index(">") + 1])
            linked = {attrs.get("timeID"), attrs.get("relatedToTime"), attrs.get("anchorTimeID")}
            return "" if linked & removed else m.group(0)
        tail = TLINK_RE.sub(keep_tlink, tail)
    raw = doc.raw[:doc.body_start] + body + tail
    if raw == doc.raw:      # nothing to strip (TempEval-3 input): the same document
        return doc
    return parse_timeml(raw, doc.path)


# --------------------------------------------------------------------------- writing

def escape_text(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def escape_attr(s: str) -> str:
    return escape_text(s).replace('"', "&quot;")


def _cut_points(doc: TimeMLDoc, offset: int, by_offset: dict) -> list[int]:
    """Raw positions where text offset ``offset`` can be cut, in raw order: before,
    between and after the markup that sits at that offset."""
    marks = by_offset.get(offset)
    if not marks:
        return [doc.char_pos[offset]]
    return [marks[0].start] + [m.end for m in marks]


def _balanced(markup: list, starts: list[int], lo: int, hi: int) -> bool:
    """The markup between raw positions lo and hi opens and closes in pairs.
    ``starts`` are the markup's raw start positions (sorted), to look only in [lo, hi)."""
    stack: list[str] = []
    for m in markup[bisect_left(starts, lo):bisect_left(starts, hi)]:
        if m.kind == "open":
            stack.append(m.name)
        elif m.kind == "close":
            if not stack or stack.pop() != m.name:
                return False
    return not stack


def timex_attrs(expr: Expression, tid: str, anchor_tid: str | None) -> list[tuple[str, str]]:
    """The TIMEX3 attributes of an expression, in the usual TimeML order."""
    attrs = [("tid", tid), ("type", expr.type), ("value", expr.value)]
    for name, val in (("mod", expr.mod), ("quant", expr.quant), ("freq", expr.freq)):
        if val:
            attrs.append((name, val))
    attrs.append(("temporalFunction", "true" if expr.temporal_function else "false"))
    if anchor_tid:
        attrs.append(("anchorTimeID", anchor_tid))
    if expr.zone:
        attrs.append(("zone", expr.zone))
    return attrs


def _anchor_tid(expr: Expression, dct: str | None, dct_tid: str | None, seen: dict) -> str | None:
    if not expr.temporal_function or not expr.anchor:
        return None
    if dct_tid and dct and (expr.anchor == dct or dct.startswith(expr.anchor + "T")):
        return dct_tid
    return seen.get(expr.anchor)


def _used_tids(raw: str) -> set[str]:
    """The values of every ``tid`` attribute in ``raw`` (what \\btid="..." finds: a
    leading \\b keeps re from searching for the literal, 8x slower on TBAQ)."""
    return {m.group(1) for m in TID_RE.finditer(raw)
            if not m.start() or not (raw[m.start() - 1].isalnum() or raw[m.start() - 1] == "_")}


def insert_timexes(doc: TimeMLDoc, expressions) -> tuple[str, int]:
    """The raw document with a TIMEX3 around each expression's span.

    Returns (document, number of expressions left out: empty or outside the text,
    overlapping one already tagged (earlier, or at the same start longer), or
    crossing other markup so that the tag could not nest)."""
    ordered = sorted(expressions, key=lambda e: (e.start, -(e.end - e.start)))
    by_offset: dict[int, list[Markup]] = {}
    for m in doc.markup:
        by_offset.setdefault(m.offset, []).append(m)
    starts_raw = [m.start for m in doc.markup]
    used = _used_tids(doc.raw)
    counter = dropped = 0
    seen: dict[str, str] = {}
    out: list[str] = []
    pos = last_end = 0
    for e in ordered:
        if not (0 <= e.start < e.end <= len(doc.text)) or e.start < last_end:
            dropped += 1
            continue
        starts = [p for p in _cut_points(doc, e.start, by_offset) if p >= pos]
        ends = _cut_points(doc, e.end, by_offset)
        pair = next(((a, b) for a in reversed(starts) for b in ends
                     if a <= b and _balanced(doc.markup, starts_raw, a, b)), None)
        if pair is None:
            dropped += 1
            continue
        counter += 1
        while f"t{counter}" in used:
            counter += 1
        tid = f"t{counter}"
        attrs = timex_attrs(e, tid, _anchor_tid(e, doc.dct, doc.dct_tid, seen))
        seen.setdefault(e.value, tid)
        a, b = pair
        body = " ".join(f'{k}="{escape_attr(v)}"' for k, v in attrs)
        out += [doc.raw[pos:a], f"<TIMEX3 {body}>", doc.raw[a:b], "</TIMEX3>"]
        pos, last_end = b, e.end
    out.append(doc.raw[pos:])
    return "".join(out), dropped


XML_ILLEGAL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def escape_plain_text(text: str, path: str) -> str:
    """Plain text as TEXT content that any XML parser reads back identically: & < > escaped
    and carriage returns as &#13; (a parser would turn CR LF into LF). Characters XML 1.0
    cannot hold at all are refused."""
    bad = XML_ILLEGAL_RE.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        raise InputError(f"contains U+{ord(bad.group(0)):04X}, which TimeML (XML) cannot hold; "
                         "use --format json", path=path, line=line)
    return escape_text(text).replace("\r", "&#13;")


def plain_document(text: str, docid: str, dct_value: str, dct_zone: str | None,
                   path: str = "<input>") -> str:
    """A minimal TimeML document around plain text (the text escaped, nothing else changed)."""
    dct_type = "TIME" if "T" in dct_value else "DATE"
    zone = f' zone="{escape_attr(dct_zone)}"' if dct_zone else ""
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<TimeML>\n'
            f"<DOCID>{escape_text(docid)}</DOCID>\n\n"
            f'<DCT><TIMEX3 tid="t0" type="{dct_type}" value="{escape_attr(dct_value)}"{zone} '
            f'temporalFunction="false" functionInDocument="CREATION_TIME">'
            f"{escape_text(dct_value)}</TIMEX3></DCT>\n\n"
            f"<TEXT>{escape_plain_text(text, path)}</TEXT>\n\n</TimeML>\n")
