"""Mentions -> events: one event per happening, across sentences and articles.

Two dated mentions report the same happening when their dates are compatible (one
contains the other: "2019-02-28" and "2019-02-28T14:00+07:00") and their content words
agree (cosine of IDF-weighted word sets). Reports from different articles that agree
strongly on content but not on the date are one event whose `conflicts` lists the
other dates: both are kept, none is picked silently. A report of what befalls its
subject once ("the ferry sank": Mention.once) goes first to an event founded on the
same, and joins it across a date days apart (once_more). Undated sentences and dates
inside quotations never make an event; they add evidence to the event they match best
(another outlet's undated report of the day's news, dated by its publication day).
Everything is ordered explicitly, so the result does not depend on input order.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from datetime import date, datetime, timedelta

from ..timex import bounds
from .entities import entity_key
from .mentions import ArticleMentions, Mention

SAME = 0.30          # same happening, compatible dates
CONFLICT = 0.55      # same happening reported with another date (different articles)
CORROBORATE = 0.35   # an undated or quoted sentence reports this happening
ONCE_GAP = timedelta(days=2)    # reports of a once-only happening this close are one
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


@dataclass
class Cluster:
    mentions: list[Mention] = field(default_factory=list)   # dated, in order of arrival
    evidence: list[Mention] = field(default_factory=list)   # undated / quoted corroboration

    @property
    def all(self) -> list[Mention]:
        return sorted(self.mentions + self.evidence, key=mention_order)


def mention_order(m: Mention) -> tuple:
    return (m.published, m.article, m.offset, m.date or "")


@lru_cache(maxsize=65536)
def span(value: str) -> tuple[datetime, datetime] | None:
    return bounds(value)


def compatible(a: str, b: str) -> bool:
    """One date contains the other (same happening told at different precision)."""
    sa, sb = span(a), span(b)
    if sa is None or sb is None:
        return a == b
    return (sa[0] <= sb[0] and sb[1] <= sa[1]) or (sb[0] <= sa[0] and sa[1] <= sb[1])


class Weights:
    """Inverse document frequency of content words over every sentence of the run."""

    def __init__(self, sentences: list[tuple[str, ...]]):
        df = Counter(w for words in sentences for w in set(words))
        n = max(len(sentences), 1)
        self.idf = {w: math.log((n + 1) / (c + 0.5)) for w, c in df.items()}
        self.cut = math.log(50) if n >= 500 else 0.0

    def rare(self, words: tuple[str, ...]) -> list[str]:
        """The words that identify a happening (rarer than one sentence in fifty)."""
        return [w for w in words if self.idf.get(w, 0.0) >= self.cut]

    def cosine(self, a: tuple[str, ...], b: tuple[str, ...]) -> float:
        if not a or not b:
            return 0.0
        sa, sb = set(a), set(b)
        shared = sa & sb
        if len(shared) < 2:
            return 0.0
        w = self.idf     # fsum: exact, so the result does not depend on set order
        num = math.fsum(w.get(x, 0.0) ** 2 for x in shared)
        den = math.sqrt(math.fsum(w.get(x, 0.0) ** 2 for x in sa)
                        * math.fsum(w.get(x, 0.0) ** 2 for x in sb))
        return num / den if den else 0.0


def similarity(weights: Weights, a: Mention, b: Mention) -> float:
    """How surely two mentions report one happening: 1 for the same clause of the same
    sentence in two articles (a wire story that two outlets printed: "In an interview
    with the Guardian newspaper published on May 14, ..."), else the cosine of their
    content words (which a clause of one or two content words cannot reach)."""
    if a.article != b.article and a.expression == b.expression and a.title == b.title and (
            a.quote == b.quote
            or " ".join(a.quote.split()).casefold() == " ".join(b.quote.split()).casefold()):
        return 1.0
    return weights.cosine(a.words, b.words)


def numbers(m: Mention) -> frozenset[str]:
    """The figures a report gives besides its date ("About 250 boats ... on Friday": 250;
    "fell 1.1 percent at 4:29 a.m. ET": 1.1), thousands separators dropped."""
    quote = m.quote.replace(m.expression, " ", 1) if m.expression else m.quote
    return frozenset(n.replace(",", "") for n in _NUMBER.findall(quote))


def other_occasion(a: Mention, b: Mention, repeats: frozenset[str]) -> bool:
    """Whether two alike reports on different dates tell two occasions of a recurring
    happening, not one happening dated two ways: each gives a figure the other lacks
    ("About 250 boats used dispersants on Friday", "Nearly 200 boats ... on Saturday";
    "BP shares fell 1.1 percent" / "0.9 percent") or an ordinal ("will make his second
    visit ... on Friday", "his fourth visit ... on Monday"), or one says it happened again
    (``repeats``: "... the oil again on Sunday"), or both say it in the same words of
    their own day, which the dates then differ by as much as the days they were
    published on ("From 9pm Mark is joined by Mark Clemmit" in two weeks' listings,
    "0000 The BBC is discontinuing this live update page for the night" on two days)."""
    na, nb = numbers(a), numbers(b)
    if na - nb and nb - na:
        return True
    oa, ob = set(a.ordinals), set(b.ordinals)
    if oa - ob and ob - oa:
        return True
    if a.expression.casefold() == b.expression.casefold() and _same_shift(a, b):
        return True
    return any(w in repeats for m in (a, b) for w in _WORD.findall(m.quote.casefold()))


def same_person(a: Mention, b: Mention) -> bool:
    """Whether two reports' titles may tell one person's deed: not when each names a
    different person as its subject ("Hayward became BP's chief executive in 2007",
    "Dudley became BP's chief executive last month")."""
    return not (a.subject and b.subject and a.subject != b.subject)


def _same_shift(a: Mention, b: Mention) -> bool:
    """Whether the dates of ``a`` and ``b`` are as many days apart as their publication
    days: one expression read against each one's own day."""
    sa, sb = span(a.date), span(b.date)
    if sa is None or sb is None:
        return False
    published = date.fromisoformat(b.published[:10]) - date.fromisoformat(a.published[:10])
    return published.days != 0 and (sb[0].date() - sa[0].date()) == published


def once_more(a: Mention, b: Mention, names: dict[str, frozenset[str]]) -> bool:
    """Whether two reports tell a happening its subject meets once ("the ferry sank", a
    death, an explosion: Mention.once) of the same subject, known in one at least ("the
    ferry", a name), in articles of one story (they name a place, person or organisation
    in common: one_story), dated days apart (ONCE_GAP): one happening the outlets date
    differently (AP's "sank late Saturday", Reuters' "on Sunday night"), whatever else
    their sentences say. Not two
    singers who died in Nashville and in London, nor "a man died" on Friday and on
    Saturday."""
    if a.once is None or a.once != b.once or not (a.known or b.known) \
            or not one_story(a, b, names):
        return False
    sa, sb = span(a.date), span(b.date)
    if sa is None or sb is None:
        return False
    return max(sa[0], sb[0]) - min(sa[1], sb[1]) <= ONCE_GAP


def one_story(a: Mention, b: Mention, names: dict[str, frozenset[str]]) -> bool:
    """Whether the articles of two reports tell one story: they name a place, person or
    organisation in common (``names``: article -> the keys of its reports' names)."""
    return bool(names[a.article] & names[b.article])


_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def _day_keys(value: str) -> tuple[str, ...]:
    """Index keys of a date: its year, month and day ("2019", "2019-02", "2019-02-28")."""
    sp = span(value)
    if sp is None:
        return (value,)
    start, end = sp
    if end - start <= timedelta(days=1):
        return (f"{start:%Y}", f"{start:%Y-%m}", f"{start:%Y-%m-%d}")
    if end - start <= timedelta(days=31) and start.month == (end - timedelta(seconds=1)).month:
        return (f"{start:%Y}", f"{start:%Y-%m}")
    return (f"{start:%Y}",)


class _Index:
    """Clusters by date key (compatible dates) and by rare word (reports of one happening)."""

    def __init__(self, weights: "Weights"):
        self.weights = weights
        self.clusters: list[Cluster] = []
        self.by_day: dict[str, list[int]] = {}      # finest key of each mention -> clusters
        self.by_coarse: dict[str, list[int]] = {}   # year/month keys of every mention
        self.by_word: dict[str, list[int]] = {}
        self.by_once: dict[tuple[str, str], list[int]] = {}

    def add(self, i: int, m: Mention) -> None:
        keys = _day_keys(m.date)
        self.by_day.setdefault(keys[-1], []).append(i)
        for k in keys[:-1]:
            self.by_coarse.setdefault(k, []).append(i)
        for w in self.weights.rare(m.words):
            self.by_word.setdefault(w, []).append(i)
        if m.once is not None:
            self.by_once.setdefault(m.once, []).append(i)

    def compatible_candidates(self, m: Mention) -> set[int]:
        keys = _day_keys(m.date)
        out = set()
        for k in keys:                       # clusters at a coarser date containing m's
            out.update(self.by_day.get(k, ()))
        out.update(self.by_coarse.get(keys[-1], ()))  # finer clusters inside a coarse m
        return out

    def once_candidates(self, m: Mention) -> set[int]:
        return set(self.by_once.get(m.once, ())) if m.once is not None else set()

    def word_candidates(self, m: Mention) -> set[int]:
        counts = Counter(i for w in self.weights.rare(m.words) for i in self.by_word.get(w, ()))
        return {i for i, n in counts.items() if n >= 2}


def cluster_mentions(articles: list[ArticleMentions],
                     repeats: frozenset[str] = frozenset()) -> list[Cluster]:
    """Dated mentions grouped into one cluster per happening, then the undated and quoted
    ones added as evidence (``repeats``: the words that tell a happening recurred, which
    keep alike reports on different dates apart: see other_occasion)."""
    articles = sorted(articles, key=lambda a: a.article)
    dated = sorted((m for a in articles for m in a.dated), key=mention_order)
    undated = sorted((m for a in articles for m in a.undated), key=mention_order)
    weights = Weights([m.words for m in dated] + [m.words for m in undated])
    names = {a.article: frozenset(entity_key(n) for m in a.dated + a.undated
                                  for n in m.places + m.people + m.tags) for a in articles}
    index = _Index(weights)
    clusters = index.clusters
    for m in (m for m in dated if not m.speech):
        best, best_rank = None, (False, 0.0)
        near = index.compatible_candidates(m)
        for i in sorted(near | index.word_candidates(m) | index.once_candidates(m)):
            c = clusters[i]
            sims = [(similarity(weights, m, x), x) for x in c.mentions]
            sim = max(s for s, _ in sims)
            same_date = i in near and any(compatible(m.date, x.date) for x in c.mentions)
            # only the founding report says what an event is about (a later one joined it)
            founder = c.mentions[0]
            # an event founded on the same once-only happening ("the ferry sank") is the
            # surest match: it goes before word overlap ("... two hours after leaving
            # Baubau port" is the sinking, not the leaving another report dated)
            once = m.once is not None and founder.once == m.once
            other_article = all(x.article != m.article for x in c.mentions)
            # a report dated otherwise conflicts with the reports of the event's own date
            # (its founder's), not with one that joined it as a conflict itself: no chain
            # of live-blog lines or radio listings, each like the one before
            conflict = other_article and not same_date and any(
                (s >= CONFLICT and m.verb == x.verb or once and once_more(m, x, names))
                and not other_occasion(m, x, repeats) and same_person(m, x)
                for s, x in sims if compatible(x.date, founder.date))
            # the same once-only happening on the founding report's own date, told of a
            # known subject in an article of the same story, needs no more in common
            # ("Transocean, owner of the Deepwater Horizon rig that exploded on 20 April"
            # and "A month ago a rig exploded in the Gulf of Mexico, killing 11 workers")
            founded = once and m.known and compatible(m.date, founder.date) \
                and one_story(m, founder, names)
            rank = (once, sim)
            if ((same_date and (sim >= SAME or founded)) or conflict) and rank > best_rank:
                best, best_rank = i, rank
        if best is None:
            clusters.append(Cluster([m]))
            best = len(clusters) - 1
        else:
            clusters[best].mentions.append(m)
        index.add(best, m)
    for m in [m for m in dated if m.speech] + undated:
        best, best_sim = None, CORROBORATE
        if m.date is not None:
            candidates = index.compatible_candidates(m)
        else:
            day = date.fromisoformat(m.published[:10])
            candidates = set(index.by_day.get(day.isoformat(), ())) | set(
                index.by_day.get((day - timedelta(days=1)).isoformat(), ()))
        for i in sorted(candidates):
            c = clusters[i]
            if m.date is not None and not any(compatible(m.date, x.date) for x in c.mentions):
                continue
            if m.date is None and (any(x.article == m.article for x in c.mentions)
                                   or not _near_publication(c, m)):
                continue
            sim = max(similarity(weights, m, x) for x in c.mentions)
            if sim > best_sim:
                best, best_sim = c, sim
        if best is not None:
            best.evidence.append(m)
    return clusters


def _near_publication(c: Cluster, m: Mention) -> bool:
    """An undated report can only be about the news of its publication day (or the eve)."""
    day = date.fromisoformat(m.published[:10])
    for x in c.mentions:
        s = span(x.date)
        if s and (s[0].date() in (day, day - timedelta(days=1))) and s[1] - s[0] <= timedelta(days=1):
            return True
    return False


def canonical(names: list[str]) -> list[str]:
    """Names in first-seen order, spelling variants merged to the most used spelling."""
    groups: dict[str, Counter] = {}
    order: list[str] = []
    for name in names:
        key = entity_key(name)
        if key not in groups:
            groups[key] = Counter()
            order.append(key)
        groups[key][name] += 1
    out = []
    for key in order:
        counts = groups[key]
        out.append(sorted(counts, key=lambda n: (-counts[n], -len(n), n))[0])
    return out


def widen(people: list[str]) -> list[str]:
    """Drop a lone surname when the full name is also there ("Trump" with "Donald Trump")."""
    out = []
    for name in people:
        if " " not in name and any(other != name and name in other.replace("-", " ").split()
                                   for other in people):
            continue
        out.append(name)
    return out
