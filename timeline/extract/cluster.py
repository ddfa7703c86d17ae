"""Mentions -> events: one event per happening, across sentences and articles.

Two dated mentions report the same happening when their dates are compatible (one
contains the other: "2019-02-28" and "2019-02-28T14:00+07:00") and their content words
agree (cosine of IDF-weighted word sets). Reports from different articles that agree
strongly on content but not on the date are one event whose `conflicts` lists the
other dates: both are kept, none is picked silently. Undated sentences and dates
inside quotations never make an event; they add evidence to the event they match best
(another outlet's undated report of the day's news, dated by its publication day).
Everything is ordered explicitly, so the result does not depend on input order.
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from ..timex import bounds
from .entities import entity_key
from .mentions import ArticleMentions, Mention

SAME = 0.30          # same happening, compatible dates
CONFLICT = 0.55      # same happening reported with another date (different articles)
CORROBORATE = 0.35   # an undated or quoted sentence reports this happening


@dataclass
class Cluster:
    mentions: list[Mention] = field(default_factory=list)   # dated, in order of arrival
    evidence: list[Mention] = field(default_factory=list)   # undated / quoted corroboration

    @property
    def all(self) -> list[Mention]:
        return sorted(self.mentions + self.evidence, key=mention_order)


def mention_order(m: Mention) -> tuple:
    return (m.published, m.article, m.offset, m.date or "")


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

    def cosine(self, a: tuple[str, ...], b: tuple[str, ...]) -> float:
        if not a or not b:
            return 0.0
        sa, sb = set(a), set(b)
        shared = sa & sb
        if len(shared) < 2:
            return 0.0
        w = self.idf
        num = sum(w.get(x, 0.0) ** 2 for x in shared)
        den = math.sqrt(sum(w.get(x, 0.0) ** 2 for x in sa) * sum(w.get(x, 0.0) ** 2 for x in sb))
        return num / den if den else 0.0


def cluster_mentions(articles: list[ArticleMentions]) -> list[Cluster]:
    articles = sorted(articles, key=lambda a: a.article)
    dated = sorted((m for a in articles for m in a.dated), key=mention_order)
    undated = sorted((m for a in articles for m in a.undated), key=mention_order)
    weights = Weights([m.words for m in dated] + [m.words for m in undated])
    clusters: list[Cluster] = []
    primary = [m for m in dated if not m.speech]
    quoted = [m for m in dated if m.speech]
    for m in primary:
        best, best_sim = None, 0.0
        for c in clusters:
            sim = max(weights.cosine(m.words, x.words) for x in c.mentions)
            same_date = any(compatible(m.date, x.date) for x in c.mentions)
            other_article = all(x.article != m.article for x in c.mentions)
            if (same_date and sim >= SAME) or (other_article and sim >= CONFLICT):
                if sim > best_sim:
                    best, best_sim = c, sim
        if best is None:
            clusters.append(Cluster([m]))
        else:
            best.mentions.append(m)
    for m in quoted + undated:
        best, best_sim = None, CORROBORATE
        for c in clusters:
            if m.date is not None and not any(compatible(m.date, x.date) for x in c.mentions):
                continue
            if m.date is None and (any(x.article == m.article for x in c.mentions)
                                   or not _near_publication(c, m)):
                continue
            sim = max(weights.cosine(m.words, x.words) for x in c.mentions)
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
