"""Mentions: the dated happenings one article reports, and its undated sentences.

Pure stage per article (given the tagger and the analyser): sentences -> the
DATE/TIME expressions anchored on the calendar -> the clause each one dates ->
a Mention (quote, expression, date, kind, headline, entities, content words).
Sentences without such a date become Undated mentions: they never make an event on
their own but can corroborate one (another outlet's undated report of the same thing).
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from ..model import Article, Expression
from ..places import named_zone, offset_in, utc_offset
from ..timex import bounds, is_valid_event_date
from .clauses import (clause_top, dates_another_event, expression_tokens, governing_verb,
                      in_speech, is_open_question, is_planned, planned_noun, reported_on,
                      title_subject)
from .entities import entities_of, entity_kinds, lower_words, person_names_in
from .names import full_forms, spelling_counts
from .pronouns import Referents, reported_speaker
from .repairs import nouns_read_as_modifiers, places_named_as_people
from .subjects import object_name, once_subject, ordinals_in, subject_person
from .resources import Words
from .titles import Names, headline


@dataclass(frozen=True)
class Mention:
    """One report of a happening in one article (picklable: crosses process borders)."""

    article: str
    published: str                  # ISO publication date-time (for ordering)
    offset: int                     # start of the sentence in the article text
    quote: str
    expression: str                 # "" for undated corroboration
    date: str | None                # None: undated
    mod: str | None = None
    kind: str = "happened"
    title: str = ""
    score: float = 0.0
    words: tuple[str, ...] = ()     # content stems, for matching reports of one happening
    people: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    speech: bool = False            # evidence only: the date sits inside a quotation, or the
                                    # clause cannot stand as a headline (see titles.headline)
    once_subject: str | None = None  # the subject of a happening that befalls it once
    #                                  ("ferry" of "the ferry sank"): see once
    known: bool = False             # that subject is a name or known ("the ferry", "he")
    verb: str = ""                  # the lemma of the verb its title tells ("move")
    subject: str = ""               # the person its title's subject names, lower case
    #                                 ("hayward"; "" for no person or none known)
    ordinals: tuple[str, ...] = ()  # its clause's words that count or order ("second
    #                                 visit"): another ordinal, another occasion

    @property
    def once(self) -> tuple[str, str] | None:
        """(subject, verb) of a happening that befalls its subject once ("ferry",
        "sink"), which the clustering matches across outlets; None for any other."""
        return (self.once_subject, self.verb) if self.once_subject else None

    @property
    def key(self) -> tuple[str, int]:
        return (self.article, self.offset)


@dataclass
class ArticleMentions:
    article: str
    dated: list[Mention] = field(default_factory=list)
    undated: list[Mention] = field(default_factory=list)
    spellings: Counter = field(default_factory=Counter)  # person name as written -> uses


def stem(word: str, words: Words) -> str:
    """A crude stem by the language's suffix rules, enough to match "moved"/"moves",
    "ended"/"ending"."""
    w = word.casefold().replace("’", "'")
    for ending in words.stem_strip:
        if w.endswith(ending):
            w = w[:-len(ending)]
            break
    for rules in (words.stem_suffixes, words.stem_then):
        for rule in rules:
            if rule.applies(w):
                w = w[:len(w) - len(rule.suffix)] + rule.replace
                break
    return w


def content_words(text: str, words: Words, skip: list[tuple[int, int]] = ()) -> tuple[str, ...]:
    out = []
    for m in words.word.finditer(text):
        if any(a <= m.start() < b for a, b in skip):
            continue
        w = m.group().casefold()
        if w in words.stop_words or len(w) < 2:
            continue
        out.append(stem(w, words))
    return tuple(sorted(set(out)))


def anchoring(expr: Expression) -> bool:
    """A DATE/TIME on the calendar can date an event; durations, sets, *_REF cannot."""
    return expr.type in ("DATE", "TIME") and is_valid_event_date(expr.value_with_zone)


def sentence_spans(text: str, split, words: Words) -> list[tuple[int, int]]:
    """The sentences (start, end), without the dateline a paragraph opens with."""
    spans = []
    for start, end in split(text):
        dateline = words.dateline.match(text, start, end)
        if dateline:
            start = dateline.end()
        chunk = text[start:end]
        pos = 0
        for part in re.split(r"\n\s*\n", chunk):   # never across a paragraph break
            at = chunk.find(part, pos)
            pos = at + len(part)
            stripped = part.strip()
            if stripped:
                s = start + at + (len(part) - len(part.lstrip()))
                spans.append((s, s + len(stripped)))
    return spans


def _future(value: str, published: datetime) -> bool:
    span = bounds(value.split("+")[0].rstrip("Z") if "T" in value else value)
    if span is None:
        return False
    return span[0].date() > published.date()


def remote(value: str, published: datetime) -> bool:
    """Background, not news: a decade or century, or a bare year over ten years back
    ("the 1918 Spanish flu pandemic", "in the 1930s")."""
    span = bounds(value)
    if span is None:
        return True
    length = span[1] - span[0]
    if length > timedelta(days=366):
        return True
    return length > timedelta(days=31) and span[0].year < published.year - 10


def _pick(exprs: list[Expression], timezone_hint: str | None) -> Expression:
    """Of several expressions dating one clause, the finest (a clock time over a day);
    of equal precision, the one in the article's own zone, else the first."""
    def precision(e: Expression) -> int:
        span = bounds(e.value)
        return -int((span[1] - span[0]).total_seconds()) if span else -10**12
    best = max(precision(e) for e in exprs)
    finest = [e for e in exprs if precision(e) == best]
    for e in finest:
        if timezone_hint and e.zone == timezone_hint:
            return e
    return finest[0]


@dataclass
class Prepared:
    """An article after tagging and sentence selection, waiting for its parses."""

    article: Article
    result: ArticleMentions
    dated_spans: list[tuple[int, int, list[Expression]]]
    sentences: list[tuple[int, int]]
    times: list[tuple[int, int]]                    # every time expression's span

    @property
    def texts(self) -> list[str]:
        return [self.article.text[s:e] for s, e, _ in self.dated_spans]


def prepare_article(article: Article, expressions: list[Expression], words: Words,
                    split) -> Prepared:
    """Sentences with a usable date (to parse) and the rest (undated evidence).

    A sentence whose dates all sit inside a quotation is not parsed: what someone said
    ("we couldn't sign an agreement today") corroborates an event, never makes one.
    """
    text = article.text
    result = ArticleMentions(article.id)
    published = article.published.isoformat()
    usable = [e for e in expressions if anchoring(e)]
    all_exprs = [(e.start, e.end) for e in expressions]
    dated_spans = []
    lead = True
    sentences = sentence_spans(text, split, words)
    for start, end in sentences:
        quote = text[start:end]
        if words.boilerplate.search(quote) or not words.word.search(quote):
            continue
        inside = [e for e in usable if start <= e.start and e.end <= end
                  and not remote(e.value, article.published)]
        if inside and not all(in_speech(quote, e.start - start) for e in inside):
            dated_spans.append((start, end, inside))
            lead = False
            continue
        # the lead: the news of the day, unless it names another time the text does not
        # date ("one Saturday afternoon", "that day", "recently"; "now" is the day's)
        if lead and not inside and not in_speech(quote + '"', len(quote)) and not any(
                start <= e.start < end and e.type in ("DATE", "TIME")
                and ("X" in e.value or e.value in ("PAST_REF", "FUTURE_REF")) for e in expressions):
            dated_spans.append((start, end, []))
        lead = False                                # and evidence as any undated sentence
        skip = [(a - start, b - start) for a, b in all_exprs if start <= a < end]
        if inside:                                   # dated, but only inside a quotation
            e = inside[0]
            result.undated.append(Mention(article.id, published, start, quote, e.text,
                                          e.value_with_zone, e.mod, speech=True,
                                          words=content_words(quote, words, skip)))
            continue
        pos = 0
        for clause in words.clause_break.split(quote):
            at = quote.find(clause, pos)
            pos = at + len(clause)
            found = content_words(clause, words, [(a - at, b - at) for a, b in skip])
            if found:
                result.undated.append(Mention(article.id, published, start, quote, "", None,
                                              words=found))
    return Prepared(article, result, dated_spans, sentences, all_exprs)


def finish_article(prepared: Prepared, docs: list, words: Words) -> ArticleMentions:
    """The dated mentions of a prepared article, given the parses of its dated sentences."""
    article, result = prepared.article, prepared.result
    if not docs:
        return result
    text = article.text
    places_named_as_people(docs, words)
    nouns_read_as_modifiers(docs, words)
    names = Names.of_text(text, words)
    common = lower_words(text, words)
    kinds = entity_kinds(docs, words)
    full = full_forms(person_names_in(docs, words, common, kinds))
    people: dict[str, set[str]] = {}
    for name in full.values():
        people.setdefault(names.short(name.split(), words), set()).add(name)
    referents = Referents.of(text, prepared.sentences, people, words, common, prepared.times)
    names = names.with_roles(docs, words)
    result.spellings = spelling_counts(text, full.values())
    for (start, end, inside), doc in zip(prepared.dated_spans, docs):
        result.dated.extend(_sentence_mentions(article, text, start, end, inside, doc, words,
                                               names, full, referents, common, kinds))
    return result


def article_mentions(article: Article, expressions: list[Expression], analyzer, words: Words,
                     split) -> ArticleMentions:
    """Every dated mention and undated sentence of ``article`` (published must be set)."""
    prepared = prepare_article(article, expressions, words, split)
    return finish_article(prepared, analyzer.parse(prepared.texts), words)


def _sentence_mentions(article, text, start, end, inside, doc, words, names, full,
                       referents, common, kinds) -> list[Mention]:
    quote = text[start:end]
    if not any(t.pos_ in ("VERB", "AUX") for t in doc):
        return []                                   # a caption, a list item: no happening
    if not inside:
        return _lead_mention(article, start, quote, doc, words, names, full, referents, common,
                             kinds)
    skip = set()
    for e in inside:
        skip.update(t.i for t in expression_tokens(doc, e.start - start, e.end - start))
    by_verb: dict[int, list[Expression]] = {}
    verbs = {}
    for e in inside:
        toks = expression_tokens(doc, e.start - start, e.end - start)
        if toks and all(t.tag_ == "MD" for t in toks):
            continue                # "May the relief reach them soon": a wish, not a month
        verb = governing_verb(toks)
        if verb is None or dates_another_event(toks, words):
            continue        # "since his death on Thursday": the death's date, not the verb's
        by_verb.setdefault(verb.i, []).append(e)
        verbs[verb.i] = verb
    for vi, exprs in list(by_verb.items()):
        for e in reported_on(verbs[vi], exprs, start, doc, words):
            report = verbs[vi].head       # "said on Monday it will try again on Friday"
            by_verb[vi].remove(e)
            by_verb.setdefault(report.i, []).append(e)
            verbs[report.i] = report
    roles = tuple((t.idx, full.get(n, n)) for t in doc if (n := names.role(t, words)))
    zone_hint = article_zone(article)
    clocks = clock_places(quote, doc, [(e, e.start - start, e.end - start) for e in inside],
                          words, article.zone_place)
    out = []
    for vi in sorted(by_verb):
        exprs = by_verb[vi]
        verb = verbs[vi]
        if is_open_question(verb, words):
            continue        # "whether the company broke rules in 2009": no happening
        chosen = _pick(exprs, zone_hint)
        value = chosen.value_with_zone
        speech = in_speech(quote, chosen.start - start)
        if remote(value, article.published):
            continue
        lifted = planned_noun(verb, words)      # the clause the title tells
        told = verb if lifted is None else lifted[0]
        he = title_subject(told, words)
        pronoun = _pronoun_name(referents, start, he)
        speaker = _speaker(doc, he, clause_top(told, words), words, names, referents)
        title, score, complete = headline(doc, verb, skip, words, names, pronoun, speaker)
        if not title:
            continue
        subject = ((he.idx, full.get(pronoun, pronoun)),) if pronoun and he is not None \
            and he.lower_ in words.person_pronouns and re.match(rf"{re.escape(pronoun)}\b", title) \
            else ()                         # "he told reporters ...": the title's Trump
        person = subject_person(he, pronoun, words)
        whom = object_name(referents, start, told, person, words)
        if whom is not None:
            title, named = re.subn(rf"\b{re.escape(whom[0].text)}\b", whom[1], title, count=1)
            if named:                   # "Murray finds Jackson"
                subject += ((whom[0].idx, full.get(whom[1], whom[1])),)
        people, places, tags = entities_of(doc, words, full, frozenset(
            at for at, e in clocks.items() if e is not chosen), roles + subject, common, kinds)
        if not places and words.local_time.search(chosen.text) and article.place \
                and chosen.zone == zone_hint:
            places = (article.place,)   # "left before 1:30pm local time": on the clock of
            #                             the dateline (as the tagger read it), so there;
            #                             not when the tagger read a place the sentence names
        planned = is_planned(verb, words) or _future(value, article.published)
        told_text = clause_text(told, skip, words)
        words_ = content_words(told_text, words)
        out.append((verb, Mention(
            article.id, article.published.isoformat(), start, quote, chosen.text, value,
            chosen.mod, "planned" if planned else "happened", title,
            score - (3 if speech else 0), words_, people, places, tags, speech or not complete,
            *once_subject(told, he, pronoun, words), told.lemma_.casefold(),
            person, ordinals_in(told_text, words))))
    return _retold(out, words)


def clock_places(quote: str, doc, exprs: list, words: Words,
                 home: str | None) -> dict[int, object]:
    """Place names that say on whose clock a time is read, by character offset in the
    sentence -> the expression they belong to (None: "9am Washington time", written after
    the time or inside it, never where anything happened). "(2.30pm in Kuala Lumpur)" converts a time to another city's
    clock: that city is where the event happened only if that clock is the one dating it
    (the caller decides). ``exprs``: (expression, start, end) in sentence offsets; the
    words between come from the language's patterns clock_place_link / _suffix; ``home``:
    the dateline's place or zone, as the tagger was given it."""
    out: dict[int, object] = {}
    places = [ent for ent in doc.ents if ent.label_ in ("GPE", "LOC")]
    for e, start, end in exprs:
        if e.type != "TIME":
            continue
        after = words.clock_place_link.match(quote, end)
        for ent in places:
            if start <= ent.start_char and ent.end_char <= end:
                out[ent.start_char] = None      # inside the time: "10:57 UK time"
            elif after and ent.start_char == after.end() and _zone_of(ent.text, e, home):
                out[ent.start_char] = e
            elif not quote[end:ent.start_char].strip() and ent.start_char >= end \
                    and words.clock_place_suffix.match(quote, ent.end_char):
                out[ent.start_char] = None
    return out


def _zone_of(place: str, expr: Expression, home: str | None) -> bool:
    """The tagger read the time on this place's clock (its zone is the offset of the zone
    the place names in text, as the tagger reads "at 8 pm in Ontario", with the same
    dateline: "10pm in Westminster" in a London article)."""
    sp = bounds(expr.value)
    if sp is None or not expr.zone:
        return False
    return offset_in(named_zone(place, home), sp[0]) == expr.zone


def _lead_mention(article, start, quote, doc, words, names, full, referents,
                  common, kinds) -> list[Mention]:
    """An article's undated lead sentence reports the news of its publication day ("The
    doctor has pleaded not guilty to ..."): dated by that day, with no expression. Not
    when the lead is about what is still to come, or cannot stand as a headline."""
    root = next((t for t in doc if t.dep_ == "ROOT" and t.pos_ == "VERB"), None)
    if root is not None and root.lemma_.casefold() in words.reporting_verbs:
        # "A powerful earthquake has hit Haiti, officials said": what was reported
        root = next((c for c in root.children if c.dep_ == "ccomp" and c.pos_ == "VERB"), None)
    if root is None or is_planned(root, words) or not _reports_a_happening(root, words):
        return []
    title, score, complete = headline(doc, root, set(), words, names,
                                      _pronoun_name(referents, start, title_subject(root, words)))
    if not title or not complete:
        return []
    people, places, tags = entities_of(doc, words, full, common=common, kinds=kinds)
    return [Mention(article.id, article.published.isoformat(), start, quote, "",
                    article.published.date().isoformat(), None, "happened", title, score,
                    content_words(clause_text(root, set(), words), words), people, places,
                    tags, False)]


def _reports_a_happening(verb, words: Words) -> bool:
    """Simple past or present perfect, active ("The judge barred ...", "has pleaded"):
    not a description ("Propofol is a sedative") nor a passive background ("was raised")."""
    aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if verb.tag_ == "VBD":
        return not aux
    return verb.tag_ == "VBN" and bool(aux & words.have_forms) and not any(
        c.dep_ == "auxpass" for c in verb.children)


def clause_text(verb, skip: set[int], words: Words) -> str:
    """The words of the clause a date belongs to, without side clauses ("plunging future
    talks into question") or the reporting frame ("..., Sanders told reporters")."""
    top = clause_top(verb, words)
    reporting = top.lemma_.casefold() in words.reporting_verbs
    side = ("advcl", "relcl", "parataxis", "acl") + (() if reporting else ("ccomp",))
    dropped: set[int] = set()
    for t in top.subtree:
        if t.i != top.i and t.dep_ in side and t.head.i == top.i:
            dropped.update(x.i for x in t.subtree)
    return " ".join(t.text for t in top.subtree if t.i not in dropped and t.i not in skip)


def _retold(made: list[tuple], words: Words) -> list[Mention]:
    """The mentions of one sentence, ``made`` as (verb, mention), less a report
    (reporting_verbs) of a happening that its reported clause dates no later than the
    report and that is an event's mention too ("An overloaded ferry sank late Saturday ...,
    officials said Monday": the sinking, not "Officials say ferry sank" on Monday). A
    plan it reports ("BP said on Monday it will try again on Friday") keeps the
    announcement, and so does a report whose clause is dated only in a clause of its own
    ("said that 42 countries had recorded cases since the outbreak was noticed last
    month")."""
    out = []
    for verb, m in made:
        said = bounds(m.date) if verb.lemma_.casefold() in words.reporting_verbs else None
        if said and any((told := bounds(x.date)) and told[1] <= said[1] for v, x in made
                        if v.dep_ == "ccomp" and v.head.i == verb.i and not x.speech):
            continue
        out.append(m)
    return out


def article_zone(article: Article) -> str | None:
    """The UTC offset of the article's dateline place on its publication day."""
    return utc_offset(article.zone_place, article.published)


def _speaker(doc, subject, top, words: Words, names: Names, referents: Referents):
    """The speaker a reported clause's subject pronoun stands for (pronouns.py); a
    "he"/"she" only when the article gives that person the pronoun's gender."""
    speaker = reported_speaker(subject, top, words)
    if speaker is None or speaker.ent_type_ != "PERSON":
        return speaker
    name = next((e for e in doc.ents if e.start <= speaker.i < e.end), None)
    short = names.short([t.text for t in name] if name is not None else [speaker.text], words)
    return speaker if referents.agrees(short, subject.lower_) else None


def _pronoun_name(referents: Referents, start: int, subject) -> str | None:
    """The person a sentence's subject "he"/"she" stands for (pronouns.py), or None."""
    return None if subject is None else referents.name(start, subject.lower_)
