"""`timeline tag`: tag TimeML / TempEval-3 files or plain text, write TimeML or JSON.

Stages, each a pure function except the last:

    load_input(path, dct, place)   file -> TagInput (text, DCT, place; TimeML with its
                                   old TIMEX3 stripped)
    tag_input(inp)                 TagInput -> expressions (timeline.tagger.tag)
    render(inp, expressions, fmt)  -> the output document (TimeML or JSON)
    tag_files(...)                 all of the above for many files; writes --out

Every input is read and checked before anything is written, so one bad file
(missing DCT, unreadable, malformed XML) stops the run with nothing half-done.
"""
from __future__ import annotations

import calendar
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Iterable, Iterator

from .errors import InputError, UsageError, ValidationError
from .model import Expression
from .timeml_doc import (TIMEML_SUFFIXES, TimeMLDoc, insert_timexes, looks_like_timeml, parse_timeml,
                         plain_document, read_source, check_well_formed,
                         strip_timexes)

DCT_RE = re.compile(
    r"(\d{4})-?(\d{2})-?(\d{2})"
    r"(?:[T ](\d{2}):?(\d{2})(?::?(\d{2})(?:\.\d+)?)?)?"
    r"\s*(Z|[+-]\d{2}:?\d{2})?\Z")


@dataclass(frozen=True)
class Anchor:
    """A document creation time: what the tagger resolves against."""

    when: date            # a date, or a datetime (aware when the DCT has a UTC offset)
    value: str            # its TimeML value, no offset: "2019-02-28" or "2019-02-28T07:44"
    zone: str | None      # "+07:00"


@dataclass(frozen=True)
class TagInput:
    path: str
    text: str
    anchor: Anchor
    place: str | None
    doc: TimeMLDoc | None   # TimeML input (its own TIMEX3 stripped); None for plain text
    docid: str

    @property
    def out_name(self) -> str:
        return self.doc.stem if self.doc else Path(self.path).stem + ".tml"


def dct_problem(value: str) -> str | None:
    """Why ``value`` is not a document creation time, saying what is wrong ("'2019-02-30'
    is not a real date: February 2019 has 28 days"), or None."""
    m = DCT_RE.match(value.strip())
    if not m:
        return (f"{value!r} is not an ISO date (YYYY-MM-DD or YYYY-MM-DDThh:mm[+hh:mm])")
    y, mo, d, hh, mi, ss, tz = m.groups()
    year, month, day = int(y), int(mo), int(d)
    why = None
    if year < 1:
        why = "there is no year 0000"
    elif not 1 <= month <= 12:
        why = f"there is no month {mo} (01 to 12)"
    elif not 1 <= day <= calendar.monthrange(year, month)[1]:
        days = calendar.monthrange(year, month)[1]
        why = f"{calendar.month_name[month]} {year} has {days} days"
    elif hh and int(hh) > 23:
        why = f"there is no hour {hh} (00 to 23)"
    elif mi and int(mi) > 59:
        why = f"there is no minute {mi} (00 to 59)"
    elif ss and int(ss) > 59:
        why = f"there is no second {ss} (00 to 59)"
    elif tz and tz != "Z" and (int(tz[1:3]) > 23 or int(tz[-2:]) > 59):
        why = f"UTC offset {tz} is out of range (-23:59 to +23:59)"
    return f"{value!r} is not a real date: {why}" if why else None


def parse_dct(value: str, path: str | None = None) -> Anchor:
    """"2019-02-28", "19980108", "2019-02-28T07:44:00+07:00" -> Anchor."""
    why = dct_problem(value)
    if why:
        raise InputError(f"document creation time {why}", path=path)
    y, mo, d, hh, mi, ss, tz = DCT_RE.match(value.strip()).groups()
    zone = None
    if tz:
        zone = "+00:00" if tz == "Z" else f"{tz[:3]}:{tz[-2:]}"
    when = datetime.fromisoformat(f"{y}-{mo}-{d}T{hh or '00'}:{mi or '00'}:{ss or '00'}"
                                  + (zone or ""))
    if not hh and not zone:
        when = when.date()
    timeml = f"{y}-{mo}-{d}" + (f"T{hh}:{mi}" + (f":{ss}" if ss else "") if hh else "")
    return Anchor(when, timeml, zone)


def load_input(path: str | Path, dct: str | None = None, place: str | None = None) -> TagInput:
    """Read one input. A TimeML file brings its own DCT (``dct`` is used only when it has
    none); plain text needs ``dct``, a Markdown article may give it in its front matter."""
    path = str(path)
    raw = read_source(path)
    if looks_like_timeml(path, raw):
        check_well_formed(raw, path)
        doc = strip_timexes(parse_timeml(raw, path))
        value = doc.dct or dct
        if not value:
            raise InputError("no document creation time (a TIMEX3 with functionInDocument="
                             "\"CREATION_TIME\"); give one with --dct", path=path)
        return TagInput(path, doc.text, parse_dct(value, path), place, doc, doc.docid)
    text = raw
    if path.endswith(".md"):
        from .schema import load_article_file    # the same reader as check and extract
        loaded = load_article_file(Path(path), cwd=Path.cwd())
        if loaded.article is None:
            raise ValidationError([p for p in loaded.problems if p.severity == "error"])
        article = loaded.article
        text = article.text
        if article.anchor and not dct:      # the date alone when only the day is known
            dct = article.anchor.isoformat()
        place = place or article.place or article.timezone
    if not dct:
        raise InputError("plain text has no document creation time: give it with --dct "
                         "YYYY-MM-DD", path=path)
    return TagInput(path, text, parse_dct(dct, path), place, None, Path(path).stem)


TAGGABLE_SUFFIXES = TIMEML_SUFFIXES + (".txt", ".md")


def expand_folders(paths: Iterable[str | Path]) -> list[str]:
    """Files as given; a folder stands for the TimeML, text and Markdown files under it."""
    out: list[str] = []
    for p in map(Path, paths):
        if p.is_dir():
            found = sorted(f for f in p.rglob("*") if f.is_file() and f.name.endswith(TAGGABLE_SUFFIXES))
            if not found:
                raise InputError(f"no {', '.join(TAGGABLE_SUFFIXES)} files in this folder", path=p)
            out += map(str, found)
        else:
            out.append(str(p))
    return out


def tag_input(inp: TagInput) -> list[Expression]:
    from .tagger import tag
    return tag(inp.text, inp.anchor.when, place=inp.place)


def expression_json(e: Expression) -> dict:
    return {"start": e.start, "end": e.end, "text": e.text, "type": e.type, "value": e.value,
            "value_with_zone": e.value_with_zone, "mod": e.mod, "zone": e.zone,
            "quant": e.quant, "freq": e.freq, "temporal_function": e.temporal_function,
            "anchor": e.anchor}


def render(inp: TagInput, expressions: Iterable[Expression], fmt: str) -> tuple[str, int]:
    """The output document and the number of expressions it could not hold as tags."""
    expressions = list(expressions)
    if fmt == "json":
        import json      # only for --format json
        return json.dumps([expression_json(e) for e in expressions], indent=2,
                          ensure_ascii=False) + "\n", 0
    doc = inp.doc
    if doc is None:
        doc = parse_timeml(plain_document(inp.text, inp.docid, inp.anchor.value, inp.anchor.zone,
                                          inp.path), inp.path)
    return insert_timexes(doc, expressions)


def tag_files(files: Iterable[str | Path], *, dct: str | None = None, place: str | None = None,
              fmt: str = "timeml", out: Path | None = None) -> Iterator[str]:
    """Tag every file; write ``out/<name>.tml`` (or .json), or yield the documents
    for standard output. Yields the lines to print; warnings start with "warning:"."""
    from .atomic import atomic_write    # not timeline.store: that imports PyYAML

    if fmt not in ("timeml", "json"):
        raise UsageError(f"unknown format {fmt!r} (timeml or json)")
    why = dct_problem(dct) if dct is not None else None    # the CLI checks it while parsing
    if why:
        raise UsageError(f"--dct {why}")
    if place:
        from .places import zone
        if zone(place) is None:
            raise UsageError(f"--place {place!r}: not a known city or IANA time zone "
                             "(e.g. Hanoi, Asia/Bangkok)")
    inputs = [load_input(f, dct, place) for f in expand_folders(files)]
    names = [Path(i.out_name).stem + (".json" if fmt == "json" else ".tml") for i in inputs]
    if out is not None:
        if out.exists() and not out.is_dir():
            raise UsageError(f"--out {out}: is a file, not a folder; give a folder to write "
                             "the tagged files in")
        dupes = sorted(n for n, k in Counter(names).items() if k > 1)
        if dupes:
            raise UsageError(f"several inputs would write {dupes[0]} in {out}")
    results = []
    for inp in inputs:
        expressions = tag_input(inp)
        document, dropped = render(inp, expressions, fmt)
        results.append((inp, expressions, document, dropped))
    if fmt == "json" and out is None and len(results) > 1:
        import json
        merged = {inp.path: [expression_json(e) for e in exprs] for inp, exprs, _, _ in results}
        yield json.dumps(merged, indent=2, ensure_ascii=False)
    for (inp, exprs, document, dropped), name in zip(results, names):
        if dropped:
            yield (f"warning: {inp.path}: {dropped} overlapping or markup-crossing expression(s) "
                   "left out of the TimeML output")
        if out is None:
            if not (fmt == "json" and len(results) > 1):
                yield document.rstrip("\n")
            continue
        target = out / name
        # Atomic (old or new, never half-written) but not fsynced: tagger output is
        # rebuilt by running the command again, and an fsync per file was ~0.07 s of a
        # 0.6 s run over TBAQ's 256 files (as site pages, atomic_write's durable=False).
        atomic_write(target, document, durable=False)
        yield f"{target}: {len(exprs)} expression(s)"
