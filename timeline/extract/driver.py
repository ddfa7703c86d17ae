"""`timeline extract`: articles -> events, merged into content/events/ (the table of contents).

    articles (dated) --[tag + parse, per article, in --jobs processes]--> mentions
    mentions --cluster--> events --merge with the record (hand edits kept)--> YAML files

The output does not depend on --jobs: per-article work is pure and its results are
collected in article order; clustering and ids use explicit sort keys.
"""
from __future__ import annotations

import os
import sys

from ..errors import Problem, UsageError
from ..model import Article, Event
from ..project import Project
from ..report import Report
from ..store import event_path, write_event
from ..store import atomic_write
from ..workers import WorkerPool, interrupts_held, orphaned, usable_cores
from .assemble import cluster_to_event, event_order
from .cluster import cluster_mentions, mention_order
from .mentions import ArticleMentions, finish_article, prepare_article
from .merge import STATE_NAME, dump_state, fingerprint, load_state, merge
from .nlp import MODELS
from .names import unify_names
from .resources import load_words, resource_path

BATCH = 16          # articles per parse batch (and per task sent to a worker process)
_WORKER: dict = {}   # per-process: the loaded analyser (set once by _init_worker)


def _init_worker(language: str) -> None:
    """Load the analyser and word lists (in this process, or in each worker process)."""
    from .nlp import load_analyzer
    _WORKER["analyzer"] = load_analyzer(language)
    _WORKER["words"] = load_words(language)


def _analyse(articles: list[Article]) -> list[ArticleMentions]:
    """Mentions of a batch of articles; their dated sentences are parsed in one pipe."""
    from ..tagger import split_sentences, tag
    if orphaned():                    # extract was killed (where the kernel cannot tell us)
        os._exit(1)
    words = _WORKER["words"]
    prepared = []
    for article in articles:
        expressions = tag(article.text, article.anchor,
                          place=article.zone_place)
        prepared.append(prepare_article(article, expressions, words, split_sentences))
    docs = _WORKER["analyzer"].parse([t for p in prepared for t in p.texts])
    out, at = [], 0
    for p in prepared:
        n = len(p.dated_spans)
        out.append(finish_article(p, docs[at:at + n], words))
        at += n
    return out


def _batches(articles: list[Article], size: int) -> list[list[Article]]:
    return [articles[i:i + size] for i in range(0, len(articles), size)]


def analyse_articles(articles: list[Article], jobs: int = 1, progress: bool = False,
                     language: str = "en") -> list[ArticleMentions]:
    """Mentions of every article, in the order given (parallel over ``jobs`` processes)."""
    bar = _progress(len(articles), progress)
    out: list[ArticleMentions] = []
    batches = _batches(articles, BATCH)
    try:
        if jobs <= 1 or len(batches) < 2:
            _init_worker(language)
            for batch in batches:
                out.extend(_analyse(batch))
                bar.update(len(batch))
        else:
            with WorkerPool(min(jobs, len(batches)), _init_worker, (language,)) as pool:
                for result in pool.map(_analyse, batches):
                    out.extend(result)
                    bar.update(len(result))
    finally:
        bar.close()
    return out


def _progress(total: int, progress: bool):
    from tqdm import tqdm
    show = progress and total > 1 and sys.stderr.isatty()
    return tqdm(total=total, disable=not show, file=sys.stderr, unit="article",
                desc="extract", leave=False)


def run_extract(project: Project, jobs: int = 1, progress: bool = False) -> Report:
    """Extract events from every dated article and merge them into content/events/."""
    from ..schema import load_articles, load_events

    if not isinstance(jobs, int) or jobs < 1:
        raise UsageError(f"--jobs must be a whole number of processes, at least 1 (not {jobs})")
    report = Report()
    cores = usable_cores()
    if jobs > cores:         # each worker holds its own parser (~400 MB): more only thrash
        report.info.append(f"--jobs {jobs}: using {cores}, the cores this machine gives timeline")
        jobs = cores
    articles, problems = load_articles(project)
    report.problems.extend(p for p in problems if p.severity == "error")
    dated = []
    for article in articles:
        if article.published is None:
            report.add(Problem(article.path or article.id,
                               "skipped: no publication date; fill in `published` in the front "
                               "matter (ISO 8601 with UTC offset, e.g. "
                               "published: \"2019-02-28T07:44:00+07:00\")", severity="warning"))
        elif not readable(language_of(article)):
            report.add(Problem(article.path or article.id,
                               f"skipped: extract has no model for language "
                               f"{article.language!r} (it reads: {', '.join(MODELS)}); add its "
                               "events by hand, or set `language` if the text is in one of "
                               "those", severity="warning"))
        else:
            dated.append(article)
    skipped = {a.id for a in articles} - {a.id for a in dated}
    existing, event_problems = load_events(project)
    bad = [p for p in event_problems if p.severity == "error"]
    report.problems.extend(bad)
    if report.errors:      # every problem at once, then nothing written (never half a record)
        counts = (("content/articles/", len(report.errors) - len(bad)),
                  ("content/events/", len(bad)))
        where = " and ".join(folder for folder, n in counts if n)
        report.summary = (f"extract: nothing written: fix the {len(report.errors)} problem(s) "
                          f"in {where} first (an unreadable article would lose its events; "
                          "hand edits must never be overwritten)")
        return report
    try:
        merged = _extract(project, dated, existing, skipped, jobs, progress)
    except KeyboardInterrupt:
        raise KeyboardInterrupt("nothing written") from None
    with interrupts_held() as interrupted:   # a Ctrl-C now waits for the record to be whole
        counts = _write(project, merged, existing)
    if interrupted:
        raise KeyboardInterrupt(f"after writing all {len(merged.events)} event(s) "
                                "(content/events/ is complete)")
    report.info.extend(merged.notes)
    for event_id, message in merged.warnings:
        report.add(Problem(str(event_path(project.events_dir, event_id)), message,
                           severity="warning"))
    n_problems = len(report.problems)
    report.summary = (f"extract: {len(articles)} article(s) read ({len(articles) - len(dated)} "
                      f"skipped), {len(merged.events)} event(s): {counts['new']} new, "
                      f"{counts['updated']} updated, {counts['unchanged']} unchanged, "
                      f"{len(merged.removed)} removed; {n_problems} problem(s)")
    return report


def _extract(project: Project, dated: list[Article], existing: list[Event], skipped: set[str],
             jobs: int, progress: bool):
    """The merged record (nothing written): analyse, cluster, merge with what is there."""
    languages = sorted({language_of(a) for a in dated}) or ["en"]
    mentions: list[ArticleMentions] = []
    for language in languages:
        mentions.extend(analyse_articles([a for a in dated if language_of(a) == language],
                                         jobs=jobs, progress=progress, language=language))
    state = load_state(project.events_dir)
    lists = [load_words(language) for language in languages]
    repeats = frozenset().union(*(w.repetition_words for w in lists))
    extracted = _events(mentions, edited_people(existing, state), repeats)
    id_stop = frozenset().union(*(w.id_stop_words for w in lists))
    return merge(extracted, existing, state, skipped, id_stop)


def language_of(article: Article) -> str:
    """The article's language as a model key: "en-GB" and "EN" are "en"."""
    return (article.language or "en").replace("_", "-").split("-")[0].lower()


def readable(language: str) -> bool:
    """Whether extract has a parser model and word lists for ``language``."""
    return language in MODELS and resource_path(language).is_file()


def _events(mentions: list[ArticleMentions], preferred: frozenset[str] = frozenset(),
            repeats: frozenset[str] = frozenset()):
    """Events in record order, each person under one name across the timeline
    (``preferred``: the spellings of people an editor wrote; ``repeats``: the words that
    say a happening recurred, see cluster.other_occasion)."""
    clusters = cluster_mentions(mentions, repeats)
    pairs = []
    for cluster in clusters:
        event = cluster_to_event(cluster)
        first = min(cluster.mentions, key=mention_order)
        pairs.append((event_order(event, first), event))
    events = [event for _, event in sorted(pairs, key=lambda p: p[0])]
    return unify_names(events, {m.article: m.spellings for m in mentions}, preferred)


def edited_people(existing: list[Event], state: dict[str, dict[str, str]]) -> frozenset[str]:
    """The names in events whose people are the editor's: reviewed ones, and auto ones
    whose people were changed by hand (they differ from what extract last wrote)."""
    out: set[str] = set()
    for event in existing:
        known = state.get(event.id, {}).get("people")
        if event.status == "reviewed" or (event.status == "auto" and known is not None
                                          and fingerprint(event, "people") != known):
            out.update(event.people)
    return frozenset(out)


def _write(project: Project, merged, existing: list[Event]) -> dict[str, int]:
    """Write the record: the events merge made or refreshed; an event it kept as it was
    read (reviewed, rejected, a person's own) is not written again, so its file stays
    byte for byte what its editor saved (comments, order, quoting)."""
    counts = {"new": 0, "updated": 0, "unchanged": 0}
    events_dir = project.events_dir
    events_dir.mkdir(parents=True, exist_ok=True)
    as_read = {e.id: e for e in existing}
    existing_ids = set(as_read)
    for event in merged.events:
        if as_read.get(event.id) is event:
            counts["unchanged"] += 1
            continue
        changed = write_event(events_dir, event)
        if event.id not in existing_ids:
            counts["new"] += 1
        elif changed:
            counts["updated"] += 1
        else:
            counts["unchanged"] += 1
    for event_id in merged.removed:
        try:
            os.unlink(event_path(events_dir, event_id))
        except FileNotFoundError:
            pass
    atomic_write(events_dir / STATE_NAME, dump_state(merged.state))
    return counts
