"""One person, one name across the whole timeline (and one spelling per place and tag).

Within an article, mentions already widen a lone surname to the full name the article
gives ("Trump" -> "Donald Trump"). Across articles one person is written in several ways
("Kim Jong-un" in one outlet, "Kim Jong Un" in another; "Nicolás"/"Nicolas Maduro";
"Sarah Sanders"/"Sarah Huckabee Sanders"), and a short item may give the surname alone.
Run over every extracted event at once, this stage decides who is who:

* names equal but for case, spaces, hyphens, diacritics and punctuation are one person
  (entities.entity_key; honorifics, offices and possessives were cleaned off before);
* a name of two words that are the first and last word of exactly one longer name
  ("Sarah Sanders") is that person; a longer short form never merges: "George W. Bush"
  keeps the first and last word of "George H. W. Bush" but names another man;
* a surname alone is a person only when exactly one person of that surname is named in
  the same story (articles an event cites together are one story): "Trump" is Donald
  Trump when no other Trump is written there. When two are ("Bush": George W. and Laura
  Bush), or none, it stays as written, for the editor: a wrong merge would put words in
  the wrong mouth, and a bare "Bush" is what the source says. A first name alone
  ("Joe") never merges across articles;
* a person is shown in the spelling the articles use most (occurrences in their texts);
  a spelling an editor wrote in an event extract may not change (reviewed, or people
  edited by hand) wins; ties: the form with more words, then code-point order.

Places and tags: spellings equal but for case and punctuation ("U.S." / "US",
"WASHINGTON" / "Washington") are one, shown as most events write it (ties: not all
capitals, then code-point order).

Within one article (full_forms, before any of this) the same holds: a word of a name
("Trump", "Kim") stands for the one person of the article whose name carries it, and
stays as written when two do ("Kim" where Kim Jong Un and Kim Yo Jong are both named).

Pure: events and counts in, events out.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from ..model import Event
from .entities import entity_key

_WORD_SPLIT = re.compile(r"[\s\-–‐]+")


def name_words(name: str) -> tuple[str, ...]:
    """The words of a name as keys: "Kim Jong-un" -> ("kim", "jong", "un")."""
    return tuple(k for k in (entity_key(w) for w in _WORD_SPLIT.split(name)) if k)


class _Union:
    def __init__(self, keys):
        self.parent = {k: k for k in keys}

    def find(self, k: str) -> str:
        while self.parent[k] != k:
            self.parent[k] = self.parent[self.parent[k]]
            k = self.parent[k]
        return k

    def join(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def person_names(names: set[str], counts: Counter, preferred: frozenset[str] = frozenset()
                 ) -> dict[str, str]:
    """Every name in ``names`` (and ``preferred``) -> the spelling the timeline shows for
    that person (spelling variants and a left-out middle name; lone words untouched).
    ``counts``: how often each spelling occurs in the articles."""
    spellings: dict[str, set[str]] = {}
    for name in sorted(set(names) | set(preferred)):
        key = entity_key(name)
        if key:
            spellings.setdefault(key, set()).add(name)
    words = {k: name_words(min(v)) for k, v in spellings.items()}
    union = _Union(spellings)
    full = sorted(k for k in spellings if len(words[k]) >= 2)
    for k in full:                       # "Sarah Sanders" within "Sarah Huckabee Sanders"
        w = words[k]
        if len(w) != 2:                  # a middle word of its own tells people apart
            continue
        longer = [o for o in full if len(words[o]) > len(w) and words[o][0] == w[0]
                  and words[o][-1] == w[-1]]
        if len(longer) == 1:
            union.join(k, longer[0])
    members: dict[str, list[str]] = {}
    for k in sorted(spellings):
        members.setdefault(union.find(k), []).append(k)
    out: dict[str, str] = {}
    for keys in members.values():
        candidates = [n for k in keys for n in spellings[k]]
        best = min(candidates, key=lambda n: (n not in preferred, -counts.get(n, 0),
                                              -len(name_words(n)), n))
        for n in candidates:
            out[n] = best
    return out


def full_forms(names) -> dict[str, str]:
    """Within one article (``names``: the people it names, as written): each name, and
    each word of a name of several words, -> the full name it stands for. A name of
    several words stands for itself (its spellings across articles are person_names'
    business); a word ("Trump", "Donald", a lone "Kim") for the longest form of the one
    person of the article whose name carries it ("Sarah Sanders" and "Sarah Huckabee
    Sanders" are one person). A word two people carry ("Bush": George W. and Laura
    Bush; "Kim": Kim Jong Un and Kim Yo Jong) stands for nobody: a name written alone
    stays as written."""
    distinct = sorted(set(names))
    multi = [n for n in distinct if len(n.split()) >= 2]
    same = person_names(set(multi), Counter())
    forms: dict[str, list[str]] = {}
    for n in multi:
        forms.setdefault(same[n], []).append(n)
    carriers: dict[str, set[str]] = {}
    for person, spellings in forms.items():
        for n in spellings:
            for w in n.replace("-", " ").split():
                carriers.setdefault(w, set()).add(person)
    full = {n: n for n in multi}
    for w, people in carriers.items():
        if len(people) == 1:
            full.setdefault(w, min(forms[next(iter(people))],
                                   key=lambda n: (-len(n.split()), n)))
    for n in distinct:
        full.setdefault(n, n)       # a lone name nobody (or two people) in the article carries
    return full


def stories(events: list[Event]) -> dict[str, str]:
    """Article id -> its story: articles are one story when an event cites both."""
    union = _Union(sorted({s.article for e in events for s in e.sources}))
    for event in events:
        cited = sorted({s.article for s in event.sources})
        for other in cited[1:]:
            union.join(cited[0], other)
    return {a: union.find(a) for a in union.parent}


def surnames(events: list[Event], used: dict[str, set[str]]) -> list[dict[str, str]]:
    """Per event, lone surname -> the full name it stands for: the one person of that
    surname named in the same story (``used``: full name -> the articles that write it).
    Two or more ("Murray": Conrad Murray, and a Colin Murray named once), or none: none."""
    story = stories(events)
    by_surname: dict[tuple[str, str], set[str]] = {}
    for name, articles in sorted(used.items()):
        w = name_words(name)
        if len(w) < 2:
            continue
        for a in articles:
            if a in story:
                by_surname.setdefault((story[a], w[-1]), set()).add(name)
    out = []
    for event in events:
        found: dict[str, str] = {}
        home = story.get(event.sources[0].article) if event.sources else None
        for name in event.people:
            w = name_words(name)
            if len(w) != 1:
                continue
            carriers = by_surname.get((home, w[0]), set())
            if len(carriers) == 1:
                found[name] = next(iter(carriers))
        out.append(found)
    return out


def unify_names(events: list[Event], spellings: dict[str, Counter],
                 preferred: frozenset[str] = frozenset()) -> list[Event]:
    """``events`` with each person, place and tag under one name (the module's rules).
    ``spellings``: article id -> person name as written -> how often."""
    counts: Counter = Counter()
    for article in sorted(spellings):
        counts.update(spellings[article])
    shown = person_names({p for e in events for p in e.people}, counts, preferred)
    used: dict[str, set[str]] = {}
    for article, names in spellings.items():
        for name in names:
            used.setdefault(shown.get(name, name), set()).add(article)
    events = [_renamed(e, shown) for e in events]
    events = [_renamed(e, lone) for e, lone in zip(events, surnames(events, used))]
    return unify_terms(unify_terms(events, "places"), "tags")


def _renamed(event: Event, mapping: dict[str, str], field: str = "people") -> Event:
    old = getattr(event, field)
    new = list(dict.fromkeys(mapping.get(p, p) for p in old))
    return replace(event, **{field: new}) if new != old else event


def unify_terms(events: list[Event], field: str) -> list[Event]:
    """``events`` with one spelling per place (``field`` "places") or tag ("tags")."""
    counts = Counter(n for e in events for n in getattr(e, field))
    groups: dict[str, list[str]] = {}
    for name in sorted(counts):
        groups.setdefault(entity_key(name), []).append(name)
    shown = {}
    for names in groups.values():
        best = min(names, key=lambda n: (-counts[n], n.isupper(), n))
        shown.update((n, best) for n in names)
    return [_renamed(e, shown, field) for e in events]


def spelling_counts(text: str, names) -> Counter:
    """How often each name occurs in ``text`` as written (whole words)."""
    counts: Counter = Counter()
    for name in sorted(set(names)):
        n = len(re.findall(rf"(?<!\w){re.escape(name)}(?!\w)", text))
        if n:
            counts[name] = n
    return counts
