"""Detectors over an article's raw text: pure functions, knowledge from resource files.

The text is handled as blocks (paragraphs, split at blank lines) of lines. Stages:
boilerplate lines out -> title (first line) -> header lines (publication line, byline)
-> photo captions out (their date kept as a clue) -> agency stamp -> dateline (kept in
the text) -> trailing wire credit ("... – Bloomberg") off the last paragraph.
Each stage returns what it found and the remaining blocks; nothing is guessed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from ..places import lookup
from .resources import Resources, Rule

Blocks = list[list[str]]

_YEAR_RE = re.compile(r"\b(1[89]|20)\d\d\b")
_SENTENCE_END = ('.', '!', '?', '"', '”', "'", '’', ':', ';', ')')


@dataclass(frozen=True)
class Removed:
    kind: str       # boilerplate kind, "caption", "published_line", "byline", "stamp", "credit"
    text: str


@dataclass(frozen=True)
class Findings:
    """What the text says about itself."""

    title: str | None = None
    headline: str | None = None                   # run into the agency stamp's line
    url: str | None = None                        # a line that was only the page's address
    published: tuple[str, str] | None = None      # (how found, the date text)
    caption_dates: tuple[str, ...] = ()
    author: str | None = None
    place: str | None = None                      # as written in the dateline, e.g. "HANOI"
    dateline: str | None = None                   # the dateline as written, "HANOI (Bloomberg): "
    region: str | None = None
    wire: str | None = None
    outlet_hint: str | None = None                # outlet named in boilerplate
    removed: tuple[Removed, ...] = field(default=())


# --------------------------------------------------------------------------- blocks

def split_blocks(text: str) -> Blocks:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    blocks: Blocks = []
    for chunk in re.split(r"\n[ \t]*\n", text):
        lines = [ln.strip() for ln in chunk.split("\n") if ln.strip()]
        if lines:
            blocks.append(lines)
    return blocks


def join_blocks(blocks: Blocks) -> str:
    return "\n\n".join("\n".join(b) for b in blocks if b)


def _first_match(rules: tuple[Rule, ...], text: str) -> tuple[Rule, re.Match[str]] | None:
    for rule in rules:
        m = rule.pattern.match(text)
        if m:
            return rule, m
    return None


def headline_like(line: str) -> bool:
    """A headline: short and not a sentence."""
    return len(line) <= 160 and len(line.split()) <= 22 and not line.endswith(_SENTENCE_END[:3])


def list_item_like(line: str) -> bool:
    """A line of a related-stories list: a headline, possibly a question."""
    return len(line) <= 160 and len(line.split()) <= 22 and not line.endswith((".", '."', '.”'))


# --------------------------------------------------------------------------- stages

def strip_boilerplate(blocks: Blocks, res: Resources) -> tuple[Blocks, list[Removed]]:
    """Drop page-furniture lines; a list heading also drops the headlines after it."""
    kept: Blocks = []
    removed: list[Removed] = []
    in_list = ended = False
    for block in blocks:
        out = []
        for line in block:
            if ended:
                removed.append(Removed("after_end_of_article", line))
                continue
            hit = _first_match(res.boilerplate, line)
            if hit and hit[0].name == "credit_prefix" and line[hit[1].end():].strip():
                removed.append(Removed("credit_prefix", hit[1].group(0).strip()))
                line, hit = line[hit[1].end():].strip(), None
            ended = bool(hit) and hit[0].name == "end_of_article"
            if hit:
                removed.append(Removed(hit[0].name, line))
                in_list = hit[0].name == "list_heading" or (in_list and hit[0].name in (
                    "advertisement", "share_buttons"))
                continue
            if in_list and list_item_like(line):
                removed.append(Removed("related_list", line))
                continue
            in_list = False
            out.append(line)
        if out:
            kept.append(out)
    return kept, removed


def take_url_lines(blocks: Blocks, res: Resources) -> tuple[str | None, list[Removed], Blocks]:
    """Lines that are only an address: out of the text; the first is the article's url."""
    url = None
    removed: list[Removed] = []
    kept: Blocks = []
    for block in blocks:
        out = []
        for line in block:
            hit = _first_match(res.metadata["url_line"], line) if len(line) < 2100 else None
            if hit:
                url = url or hit[1].group("url")
                removed.append(Removed("url_line", line))
            else:
                out.append(line)
        if out:
            kept.append(out)
    return url, removed, kept


def join_post_times(blocks: Blocks, res: Resources) -> Blocks:
    """A live page's post time alone on its line heads the post after it:
    "11:58 p.m. ET" + "Polls have closed ..." -> "11:58 p.m. ET: Polls have closed ..."."""
    flat = [(i, line) for i, block in enumerate(blocks) for line in block]
    out: Blocks = [[] for _ in blocks]
    pending = None
    for i, line in flat:
        if _first_match(res.metadata["post_time"], line):
            if pending is not None:
                out[pending[0]].append(pending[1])
            pending = (i, line)
            continue
        out[i].append(f"{pending[1]}: {line}" if pending else line)
        pending = None
    if pending is not None:
        out[pending[0]].append(pending[1])
    return [b for b in out if b]


def take_title(blocks: Blocks) -> tuple[str | None, Blocks]:
    """A first paragraph of one short line that is not a sentence is the headline."""
    if blocks and len(blocks[0]) == 1 and headline_like(blocks[0][0]) and len(blocks) > 1:
        return blocks[0][0], blocks[1:]
    return None, blocks


def _known_prefix(words: str, known) -> tuple[str, str]:
    """(the longest first words of ``words`` that ``known`` accepts, the rest)."""
    parts = words.split()
    for n in range(len(parts), 0, -1):
        if known(" ".join(parts[:n])):
            return " ".join(parts[:n]), " ".join(parts[n:])
    return "", words


def _end_before(m: re.Match, group: str, rest: str) -> int:
    """Where a matched group ends once its last words ``rest`` (and the space before
    them) are left out."""
    return m.end(group) - len(rest) - (1 if rest else 0)


def take_run_in_byline(line: str, res: Resources) -> tuple[dict[str, str], str, str] | None:
    """A byline run into the first line ("By Finlo Rohrer BBC News, Washington Everything
    so far tried has failed"): (author, outlet credit and dateline place found, the
    byline as removed, the line's text after it), or None when its credit names no known
    outlet. Place words the gazetteer does not know stay in the text."""
    hit = _first_match(res.metadata["byline_run_in"], line)
    if not hit:
        return None
    m = hit[1]
    outlet, rest = _known_prefix(m.group("credit"), res.outlet_named)
    if not outlet:
        return None
    found = {"author": m.group("author"), "author_credit": outlet}
    end = _end_before(m, "credit", rest)
    if m.group("role2"):
        end = m.end("role2")        # "BBC NI business reporter": all of it
    elif m.group("place") and not rest:
        place, left = _known_prefix(m.group("place"), lambda w: lookup(w) is not None)
        if place:
            found["place"] = place
            end = _end_before(m, "place", left)
    return found, line[:end], line[end:].lstrip(" ,")


def take_header_lines(blocks: Blocks, res: Resources, *, top: int = 6
                      ) -> tuple[dict[str, str], list[Removed], Blocks]:
    """Publication lines and bylines among the first ``top`` paragraphs (and a byline run
    into the first line, see take_run_in_byline)."""
    found: dict[str, str] = {}
    removed: list[Removed] = []
    kept: Blocks = []
    if blocks and blocks[0] and (run_in := take_run_in_byline(blocks[0][0], res)):
        found, byline, text = run_in
        removed.append(Removed("byline", byline))
        blocks = [[text, *blocks[0][1:]], *blocks[1:]] if text else [blocks[0][1:], *blocks[1:]]
    for i, block in enumerate(blocks):
        if i >= top:
            kept.append(block)
            continue
        out = []
        for line in block:
            hit = _first_match(res.metadata["published_line"], line)
            if hit and "published" not in found:
                found["published"] = hit[1].group("date")
                if _first_match(res.metadata["update_line"], line):
                    found["updated_only"] = "yes"
                removed.append(Removed("published_line", line))
                continue
            hit = _first_match(res.metadata["byline"], line) if len(line) < 100 else None
            if hit and "author" not in found:
                found["author"] = hit[1].group("author")
                if hit[1].groupdict().get("credit"):
                    found["author_credit"] = hit[1].group("credit")
                removed.append(Removed("byline", line))
                continue
            out.append(line)
        if out:
            kept.append(out)
    return found, removed, kept


def _credit(line: str, res: Resources, kinds: tuple[str, ...]) -> tuple[str, str] | None:
    """(text before the credit, canonical credited name) for a known credited name."""
    hit = _first_match(res.metadata["credit"], line)
    if not hit:
        return None
    outlet = res.outlet_named(hit[1].group("credit"))
    if outlet is None or outlet.kind not in kinds:
        return None
    return hit[1].group("body"), outlet.name


def take_captions(blocks: Blocks, res: Resources) -> tuple[list[str], list[Removed], Blocks]:
    """Photo captions: labelled ones anywhere, credited one-line paragraphs that are not
    the article's last paragraph. Returns the dates written in them as clues."""
    dates: list[str] = []
    removed: list[Removed] = []
    kept: Blocks = []
    for i, block in enumerate(blocks):
        line = block[0]
        is_caption = len(block) == 1 and (
            _first_match(res.metadata["caption"], line) is not None
            or (i < len(blocks) - 1 and _is_caption_line(line, res)))
        if not is_caption:
            kept.append(block)
            continue
        removed.append(Removed("caption", line))
        dates += dates_in_caption(line, res)
    return dates, removed, kept


def dates_in_caption(line: str, res: Resources) -> list[str]:
    found = []
    for rule in res.metadata["caption_date"]:
        m = rule.pattern.search(line)
        if m:
            found.append(m.group("date"))
    return found


def _stamp(line: str, res: Resources) -> tuple[dict[str, str], str]:
    """An agency stamp "PLACE | Mon May 24, 2010 7:32 pm EDT" in ``line``: (found, rest).
    Text before it on the line is kept in found["before"] (a headline, byline or credit)."""
    for rule in res.metadata["stamp"]:
        m = rule.pattern.search(line)
        if m:
            found = {k: v for k, v in m.groupdict().items() if v}
            found["stamp"] = m.group(0).strip()
            if line[:m.start()].strip():
                found["before"] = line[:m.start()].strip()
            return found, line[m.end():]
    return {}, line


def _is_caption_line(line: str, res: Resources) -> bool:
    return len(line.split()) <= 80 and (
        _first_match(res.metadata["caption"], line) is not None
        or _credit(line, res, ("wire", "photo", "outlet")) is not None)


def take_lead(blocks: Blocks, res: Resources, *, look: int = 3
              ) -> tuple[dict[str, str], dict[str, str], list[str], Blocks]:
    """Find the lead among the first ``look`` lines: an agency stamp is cut off, the
    dateline ("HANOI (Bloomberg):", "[HANOI]") stays in the text. Caption lines standing
    before it in the same paragraph are cut too. Returns (stamp, dateline, captions, blocks)."""
    if not blocks:
        return {}, {}, [], blocks
    first = blocks[0]
    for i, line in enumerate(first[:look]):
        stamp, rest = _stamp(line, res)
        hit = _first_match(res.metadata["dateline"], rest)
        if not (stamp or hit):
            continue
        before = first[:i]
        if before and not stamp and not all(_is_caption_line(b, res) for b in before):
            return {}, {}, [], blocks       # not the lead: leave the text alone
        dateline = {k: v for k, v in hit[1].groupdict().items() if v} if hit else {}
        if hit:
            dateline["text"] = hit[1].group(0)
        lead = ([rest] if rest else []) + first[i + 1:]
        return stamp, dateline, before, ([lead] if lead else []) + blocks[1:]
    return {}, {}, [], blocks


def take_trailing_credit(blocks: Blocks, res: Resources) -> tuple[str | None, Blocks]:
    """"... left for Vietnam. – Bloomberg" ends a wire story: credit off, wire recorded."""
    if not blocks:
        return None, blocks
    found = _credit(blocks[-1][-1], res, ("wire", "outlet"))
    if not found:
        return None, blocks
    body, name = found
    last = blocks[-1][:-1] + [body]
    return name, blocks[:-1] + [last]


def outlet_named_in(removed: list[Removed], res: Resources) -> str | None:
    """An outlet a boilerplate line names ("BT is now on Telegram!" -> The Business Times)."""
    for item in removed:
        if item.kind in ("subscription", "copyright", "share_buttons"):
            outlet = res.outlet_in_line(item.text)
            if outlet:
                return outlet.name
    return None


def analyse_text(text: str, res: Resources, *, want_title: bool = True) -> tuple[str, Findings]:
    """Run every stage; return the cleaned body and what was found."""
    blocks, removed = strip_boilerplate(split_blocks(text), res)
    url, url_removed, blocks = take_url_lines(blocks, res)
    removed += url_removed
    title = None
    if want_title:
        title, blocks = take_title(blocks)
    header, header_removed, blocks = take_header_lines(blocks, res)
    blocks = join_post_times(blocks, res)
    credit, blocks = take_trailing_credit(blocks, res)
    caption_dates, caption_removed, blocks = take_captions(blocks, res)
    stamp, dateline, lead_captions, blocks = take_lead(blocks, res)
    before, headline = stamp.get("before"), None
    credit_then_by = _first_match(res.metadata["credit_byline"], before or "")
    if credit_then_by and _is_caption_line(credit_then_by[1].group("credit"), res):
        lead_captions.append(credit_then_by[1].group("credit"))   # "U.S. Navy/Handout By Jane Roe"
        before = credit_then_by[1].group("byline")
    if before:                  # what the stamp's line opened with
        hit = _first_match(res.metadata["byline"], before) if len(before) < 100 else None
        if hit:
            header.setdefault("author", hit[1].group("author"))
            header_removed.append(Removed("byline", before))
        elif headline_like(before) and not _is_caption_line(before, res):
            headline = before
        else:
            lead_captions.append(before)
    for line in lead_captions:
        caption_removed.append(Removed("caption", line))
        caption_dates += dates_in_caption(line, res)
    removed += header_removed + caption_removed
    if stamp:
        removed.append(Removed("stamp", stamp["stamp"]))
    if credit:
        removed.append(Removed("credit", credit))
    published = None
    if "published" in header:
        published = ("update line" if header.get("updated_only") else "publication line",
                     header["published"])
    elif stamp.get("date"):
        published = ("agency stamp", stamp["date"])
    # A byline's credit ("By Jane Roe, Reuters", "By Tom Smith For Mailonline") names the
    # wire only when it is a known wire; a known outlet there is a clue to the outlet.
    by = res.outlet_named(header["author_credit"]) if header.get("author_credit") else None
    wire = dateline.get("wire") or credit or (by.name if by and by.kind == "wire" else None)
    if wire:
        outlet = res.outlet_named(wire)
        wire = outlet.name if outlet else wire
    findings = Findings(
        title=title or (headline if want_title else None), headline=headline, url=url,
        published=published, caption_dates=tuple(caption_dates),
        author=header.get("author"),
        place=dateline.get("place") or stamp.get("place") or header.get("place"),
        dateline=dateline.get("text"),
        region=dateline.get("region") or stamp.get("region"), wire=wire,
        outlet_hint=outlet_named_in(removed, res) or (
            by.name if by and by.kind == "outlet" else None), removed=tuple(removed))
    return join_blocks(blocks), findings


# --------------------------------------------------------------------------- dates

@dataclass(frozen=True)
class When:
    value: datetime          # naive when the text gave no zone
    precision: str           # "day" | "minute"
    zone_word: str | None = None   # the zone as written after the time ("EST", "ET", "IST")
    ambiguous: bool = False        # "03/04/2020": 3 April or March 4, the text cannot say


# A date in figures: "03/04/2020", "03.04.2020" (day, separator, month).
_NUMERIC_DATE = re.compile(r"\b(\d{1,2})([/.])(\d{1,2})\2(?:\d{4}|\d\d)\b")

# A zone word after a clock time: "EST", "ET", "BST", "CEST", "UTC", not "GMT+8".
_ZONE_WORD = re.compile(r"(?<![\w+-])([A-Z]{1,4}T|UTC|Z)(?![\w+-])")


def parse_when(text: str | None, res: Resources) -> When | None:
    """A written date ("Thu, Feb 28, 2019 · 07:44 AM", "2010-02-05", "Feb 28, 2019") or
    None, read in the resources' language (its clock_time rules say whether a time of day
    is written). A year must be written: relative dates ("2 hours ago") are never resolved."""
    if not text:
        return None
    text = str(text).strip()
    if len(text) > 120:                # a date is short; never hand dateparser a whole text
        return None
    try:
        value = datetime.fromisoformat(text.replace("Z", "+00:00"))
        return When(value, "minute" if "T" in text or " " in text else "day")
    except ValueError:
        pass
    if not _YEAR_RE.search(text):
        return None
    import dateparser  # slow import; only free-form dates need it

    cleaned = re.sub(r"[·•|]", " ", text)
    numeric = _NUMERIC_DATE.search(cleaned)
    settings = {"REQUIRE_PARTS": ["day", "month", "year"], "PREFER_DAY_OF_MONTH": "first"}
    if numeric and numeric.group(2) == ".":
        settings["DATE_ORDER"] = "DMY"          # "03.04.2020" is 3 April wherever it is used
    value = dateparser.parse(cleaned, languages=[res.language], settings=settings)
    if value is None:
        return None
    ambiguous = bool(numeric and numeric.group(2) == "/"
                     and numeric.group(1) != numeric.group(3)
                     and int(numeric.group(1)) <= 12 and int(numeric.group(3)) <= 12)
    timed = next((m for rule in res.metadata["clock_time"] if (m := rule.pattern.search(cleaned))),
                 None)
    word = _ZONE_WORD.search(cleaned, timed.end()) if timed else None
    return When(value, "minute" if timed else "day", word.group(1) if word else None,
                ambiguous)
