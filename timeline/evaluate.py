"""`timeline eval GOLD SYSTEM`: TempEval-3 Task A scores for TIMEX3.

Definitions (those of the TempEval-3 scorer, micro-averaged over documents):

* strict P/R/F1: a system timex with exactly a gold timex's span;
  relaxed P/R/F1: a system timex overlapping a gold timex by at least a character.
* type / value F1: relaxed matches whose attribute equals gold's;
  P = correct / system timexes, R = correct / gold timexes.
* Matching is one-to-one: exact spans first, then the largest overlap (then the
  closest start, then text order).
* Spans are offsets into the tag-free TEXT content (timeline.timeml_doc); the DCT
  and empty TIMEX3 elements are not scored. When a system changed the text, its
  spans are carried over to the gold text through a character alignment (difflib)
  and the document is reported.

Documents are paired by file name (``x.TE3input`` and ``x.tml`` are the same
document): first in the same sub-folder, then anywhere under SYSTEM, then by DOCID.
"""
from __future__ import annotations

import difflib
import json
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError
from .timeml_doc import TIMEML_SUFFIXES, TimeMLDoc, Timex, doc_name, parse_timeml, read_source


@dataclass
class Counts:
    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    type: int = 0
    value: int = 0

    def add(self, other: "Counts") -> None:
        for k in ("gold", "system", "strict", "relaxed", "type", "value"):
            setattr(self, k, getattr(self, k) + getattr(other, k))


@dataclass
class Scores:
    docs: int = 0
    counts: Counts = field(default_factory=Counts)
    missing: list = field(default_factory=list)          # gold docs without system output
    text_mismatch: list = field(default_factory=list)    # system text differs from gold's
    unreadable: list = field(default_factory=list)       # system files that are not TimeML
    spans_lost: int = 0
    per_doc: list = field(default_factory=list)          # (name, Counts)
    errors: list = field(default_factory=list)           # (doc, kind, gold..., system...)


# --------------------------------------------------------------------------- matching

def pair_timexes(gold: list[Timex], system: list[Timex]) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, system index) of overlapping timexes."""
    candidates = []
    for gi, g in enumerate(gold):
        for si, s in enumerate(system):
            overlap = min(g.end, s.end) - max(g.start, s.start)
            if overlap <= 0:
                continue
            same = (g.start, g.end) == (s.start, s.end)
            candidates.append((0 if same else 1, -overlap, abs(g.start - s.start), gi, si))
    candidates.sort()
    taken_g: set[int] = set()
    taken_s: set[int] = set()
    pairs = []
    for *_, gi, si in candidates:
        if gi in taken_g or si in taken_s:
            continue
        taken_g.add(gi)
        taken_s.add(si)
        pairs.append((gi, si))
    return pairs


def align_spans(system: TimeMLDoc, gold_text: str) -> tuple[list[Timex], int]:
    """System timexes moved onto the gold text when the system changed the text.
    Returns (timexes, spans with no character left in the gold text)."""
    if system.text == gold_text:
        return list(system.timexes), 0
    where: list = [None] * len(system.text)
    matcher = difflib.SequenceMatcher(None, system.text, gold_text, autojunk=False)
    for a, b, size in matcher.get_matching_blocks():
        where[a:a + size] = range(b, b + size)
    moved, lost = [], 0
    for t in system.timexes:
        kept = [where[i] for i in range(t.start, t.end) if where[i] is not None]
        if not kept:
            lost += 1
            continue
        moved.append(Timex(kept[0], kept[-1] + 1, t.attrs, gold_text[kept[0]:kept[-1] + 1]))
    return moved, lost


def score_doc(gold: TimeMLDoc, system: list[Timex]) -> tuple[Counts, list[tuple]]:
    """Counts for one document, and one row per imperfect pair, miss or false alarm:
    (kind, gold text, type, value, system text, type, value)."""
    c = Counts(gold=len(gold.timexes), system=len(system))
    errors = []
    pairs = pair_timexes(gold.timexes, system)
    for gi, si in pairs:
        g, s = gold.timexes[gi], system[si]
        exact = (g.start, g.end) == (s.start, s.end)
        c.relaxed += 1
        c.strict += exact
        c.type += g.type == s.type
        c.value += g.value == s.value
        wrong = [k for k, ok in (("span", exact), ("type", g.type == s.type),
                                 ("value", g.value == s.value)) if not ok]
        if wrong:
            errors.append(("+".join(wrong), g.text, g.type, g.value, s.text, s.type, s.value))
    paired_g, paired_s = {gi for gi, _ in pairs}, {si for _, si in pairs}
    errors += [("missed", g.text, g.type, g.value, "", "", "")
               for i, g in enumerate(gold.timexes) if i not in paired_g]
    errors += [("spurious", "", "", "", s.text, s.type, s.value)
               for i, s in enumerate(system) if i not in paired_s]
    return c, errors


# --------------------------------------------------------------------------- files

def _files(path: Path, suffixes: tuple[str, ...]) -> tuple[Path, list[Path]]:
    """(root, files): a folder's matching files, recursively, or a single file."""
    if path.is_file():
        return path.parent, [path]
    if not path.is_dir():
        raise InputError("no such file or folder", path=path)
    return path, sorted(p for p in path.rglob("*") if p.is_file() and p.name.endswith(suffixes))


def read_doc(path: Path) -> TimeMLDoc:
    return parse_timeml(read_source(path), path)


def evaluate_dirs(gold: Path, system: Path, errors_tsv: Path | None = None) -> Scores:
    """Score every gold .tml under ``gold`` against the documents under ``system``;
    with ``errors_tsv``, also write every imperfect match there (see :func:`errors_table`)."""
    gold, system = Path(gold), Path(system)
    gold_root, gold_files = _files(gold, (".tml",))
    if not gold_files:
        raise InputError("no gold .tml files", path=gold)
    sys_root, sys_files = _files(system, TIMEML_SUFFIXES)
    scores = Scores()
    by_place: dict = {}
    by_name: dict = {}
    by_docid: dict = {}
    for p in sys_files:
        try:
            doc = read_doc(p)
        except InputError as exc:
            scores.unreadable.append(str(exc))
            continue
        name = doc_name(p)
        by_place[(p.parent.relative_to(sys_root).as_posix(), name)] = doc
        by_name.setdefault(name, doc)
        by_docid.setdefault(doc.docid, doc)
    for gp in gold_files:
        gdoc = read_doc(gp)
        name = doc_name(gp)
        sdoc = (by_place.get((gp.parent.relative_to(gold_root).as_posix(), name))
                or by_name.get(name) or by_docid.get(gdoc.docid))
        scores.docs += 1
        timexes: list[Timex] = []
        if sdoc is None:
            scores.missing.append(gp.name)
        else:
            timexes, lost = align_spans(sdoc, gdoc.text)
            scores.spans_lost += lost
            if sdoc.text != gdoc.text:
                scores.text_mismatch.append(gp.name)
        counts, errors = score_doc(gdoc, timexes)
        scores.errors += [(gp.name, *e) for e in errors]
        scores.counts.add(counts)
        scores.per_doc.append((gp.name, counts))
    if errors_tsv is not None:
        from .store import atomic_write
        atomic_write(errors_tsv, errors_table(scores))
    return scores


# --------------------------------------------------------------------------- reporting

def prf(correct: int, n_system: int, n_gold: int) -> dict:
    p = correct / n_system if n_system else 0.0
    r = correct / n_gold if n_gold else 0.0
    return {"p": p, "r": r, "f1": 2 * p * r / (p + r) if p + r else 0.0, "correct": correct}


def summary(scores: Scores) -> dict:
    c = scores.counts
    return {
        "docs": scores.docs,
        "gold_timexes": c.gold,
        "system_timexes": c.system,
        "strict": prf(c.strict, c.system, c.gold),
        "relaxed": prf(c.relaxed, c.system, c.gold),
        "type": prf(c.type, c.system, c.gold),
        "value": prf(c.value, c.system, c.gold),
        "type_accuracy": c.type / c.relaxed if c.relaxed else 0.0,
        "value_accuracy": c.value / c.relaxed if c.relaxed else 0.0,
        "warnings": {
            "missing_system_docs": len(scores.missing),
            "text_mismatch_docs": len(scores.text_mismatch),
            "spans_lost_in_alignment": scores.spans_lost,
            "unreadable_system_files": len(scores.unreadable),
        },
    }


def format_scores(scores: Scores, as_json: bool = False) -> str:
    s = summary(scores)
    if as_json:
        return json.dumps(s, indent=2)
    pct = lambda x: f"{100 * x:8.2f}"  # noqa: E731
    lines = [f"TIMEX3 (TempEval-3 Task A): {s['docs']} docs, {s['gold_timexes']} gold / "
             f"{s['system_timexes']} system timexes",
             f"{'':10}{'P':>8}{'R':>8}{'F1':>8}"]
    for key in ("strict", "relaxed", "type", "value"):
        m = s[key]
        line = f"{key:10}{pct(m['p'])}{pct(m['r'])}{pct(m['f1'])}"
        if key in ("type", "value"):
            line += f"   (accuracy on relaxed matches {100 * s[key + '_accuracy']:.2f})"
        lines.append(line)
    warn = {k: v for k, v in s["warnings"].items() if v}
    if warn:
        lines.append("warning: " + ", ".join(f"{k.replace('_', ' ')}: {v}" for k, v in warn.items()))
    lines += [f"warning: {u}" for u in scores.unreadable]
    return "\n".join(lines)


def errors_table(scores: Scores) -> str:
    """Every imperfect match, miss and false alarm as TSV, for error analysis."""
    head = "doc\tkind\tgold_text\tgold_type\tgold_value\tsys_text\tsys_type\tsys_value\n"
    clean = lambda x: str(x).replace("\t", " ").replace("\n", " ")  # noqa: E731
    return head + "".join("\t".join(map(clean, e)) + "\n" for e in scores.errors)
