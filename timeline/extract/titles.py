"""Headlines from a parsed sentence: who did what, in a few words, present tense.

The clause that carries the date is found from the parse (the verb the time expression
hangs on: timeline.extract.clauses); its subject, verb and object are rendered headline-style: articles and
possessive pronouns dropped, names shortened to the form the article uses ("Trump",
"Kim"), the verb in the present ("ends", "moves"), passives without their auxiliary
("Summit organised in Hanoi"), the future as "to" ("Presidents to meet"), a past habit
as written ("BP used to publish"). What someone claims, alleges, denies or accuses someone
of keeps who claims it, its tenses as written ("Chernoff claims singer swallowed several
pills"), never stated as a fact; what is only said keeps "X says" when the date is on the
saying and the happening when it is on what was said. A relative clause's subject is
the noun it describes ("the rig that exploded on April 20": "Rig explodes"), a pronoun
in what a speaker says the speaker ("BP said it will ...": timeline.extract.pronouns),
and a date on a plan ("a visit planned for Thursday has been called off") dates what
the sentence tells of the planned thing. The phrases themselves are written by
timeline.extract.phrases, what the verb takes by timeline.extract.objects. Pure
functions over spaCy tokens; the word lists come from the language's resources.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from .clauses import (BE, HAVE, SUBJECTS, base_verb, claim_frame, claim_noun, clause_top,
                      coordinated, counted, planned_noun, standalone, subject_of,
                      untold_relative)
from .objects import keep_negations, objects
from .phrases import Render, verbatim
from .resources import Words

OBJECTS = ("dobj", "attr", "acomp", "oprd", "dative", "prt", "agent")


@dataclass(frozen=True)
class Names:
    """How an article refers to people: counts of capitalised words in its text, and the
    roles it gives them ("US president Donald Trump" -> "the president" means Trump)."""

    counts: Counter
    roles: tuple[tuple[str, str], ...] = ()
    people: frozenset[str] = frozenset()    # the words of the people's names it writes

    @classmethod
    def of_text(cls, text: str, words: Words) -> "Names":
        """Counts of the capitalised words of ``text``, without their possessive ending
        ("Murray's" is Murray)."""
        return cls(Counter(words.possessive.sub("", w) or w
                           for w in words.capitalised_word.findall(text)))

    def with_roles(self, docs, words: Words) -> "Names":
        found: dict[str, set[str]] = {}
        people: set[str] = set()
        for doc in docs:
            for ent in doc.ents:
                if ent.label_ != "PERSON":
                    continue
                people.update(t.text for t in ent)
                short = self.short([t.text for t in ent], words)
                for t in ent.root.children:
                    if t.dep_ == "compound" and t.i < ent.start and t.pos_ == "NOUN":
                        found.setdefault(t.lower_, set()).add(short)
        roles = tuple(sorted((role, next(iter(who))) for role, who in found.items()
                             if len(who) == 1))
        return Names(self.counts, roles, frozenset(people))

    def role(self, token, words: Words) -> str | None:
        """The person a definite singular role noun ("the (US) president") stands for."""
        if token.pos_ != "NOUN" or token.tag_ != "NN":
            return None
        if not any(c.dep_ == "det" and c.lower_ in words.definite_articles
                   for c in token.children):
            return None
        return dict(self.roles).get(token.lower_)

    def short(self, tokens: list[str], words: Words) -> str:
        """The part of a name the article uses alone most often ("Kim", not "Jong")."""
        joined: list[str] = []          # "Ban Ki - Moon": the hyphenated given name is one
        for t in tokens:
            if joined and (t in "-‐" or joined[-1][-1:] in "-‐"):
                joined[-1] += t
            else:
                joined.append(t)
        parts = [t for t in joined if any(p[:1].isupper() for p in t.split("-"))
                 and t.casefold() not in words.honorifics]
        if not parts:
            return " ".join(tokens)

        def uses(part: str) -> int:     # "al-Megrahi" is written "Megrahi" too
            if part[:1].isupper():
                return self.counts.get(part, 0)
            return max(self.counts.get(p, 0) for p in part.split("-"))
        best = max(range(len(parts)), key=lambda i: (uses(parts[i]), i))
        return parts[best]


def _infinitive(lemma: str, words: Words) -> str:
    """The lemma as written (the language's word for BE and HAVE)."""
    return {BE: words.headline["be"], HAVE: words.headline["have"]}.get(lemma, lemma)


def _third_person(lemma: str, words: Words) -> str:
    if lemma == BE:
        return words.headline["is"]
    if lemma == HAVE:
        return words.headline["has"]
    for pattern, replacement in words.third_person:
        if pattern.search(lemma):
            return pattern.sub(replacement, lemma, count=1)
    return lemma


def _plural(subject, words: Words, names: Names) -> bool:
    if subject is None:
        return False
    if (subject.ent_type_ == "PERSON" or subject.text in names.people) \
            and not coordinated(subject):
        return False                    # "Sanders" (tagged NNPS) is one person
    if subject.tag_ in ("NNS", "NNPS") or subject.lower_ in words.plural_pronouns:
        return True
    whole = counted(subject, words)
    if whole is not None and subject.pos_ in ("ADJ", "PRON", "DET"):
        return _plural(whole, words, names)     # "most of the oysters are", "some of it is"
    return coordinated(subject)


def _habitual(top, words: Words) -> bool:
    """A past habit ("BP used to publish its results in November"): a form of
    past_habitual with a to-infinitive, no object and no auxiliary (not "was used to
    treat", "used dispersants to break up the oil")."""
    children = list(top.children)
    return top.lower_ in words.past_habitual and not any(
        c.dep_ in ("dobj", "aux", "auxpass", "nsubjpass") for c in children) and any(
        c.dep_ == "xcomp" and any(a.dep_ == "aux" and a.lower_ in words.infinitive_markers
                                  for a in c.children) for c in children)


def _verb_parts(render: Render, verb, top, subject, words: Words) -> None:
    """The verb group, headline-style, into ``render``."""
    children = list(top.children)
    auxes = [c for c in children if c.dep_ in ("aux", "auxpass")
             and c.i not in render.skip]    # "since 2 May have been sent": no modal "may"
    if not auxes and top.dep_ == "conj" and not any(c.dep_ in SUBJECTS for c in children):
        auxes = [c for c in top.head.children if c.dep_ == "aux"]   # "could arrive on
        # Wednesday and be usable", not "will be refined ... and BP hopes"
    neg = any(c.dep_ == "neg" for c in children)
    future = any(c.dep_ == "aux" and c.lower_ in words.future_aux for c in auxes) or (
        top.dep_ in ("ccomp", "acl") and any(c.dep_ == "aux" and c.lower_ in
                                              words.infinitive_markers for c in children))
    # "expect takings to be down": "Takings to be down", not "Takings are down";
    # "plans to open the institute": "Plans to open institute", not "Plans open"
    passive = any(c.dep_ in ("auxpass", "nsubjpass", "agent") for c in children) or (
        top.tag_ in ("VBN", "VBD")
        and any(c.dep_ in ("aux", "auxpass") and c.lower_ in words.be_forms for c in children)) or (
        top.tag_ == "VBN" and top.dep_ == "acl" and not auxes)  # "the proposal released"
    modal = next((c for c in auxes if c.dep_ == "aux" and c.tag_ == "MD" and c.lower_
                  not in words.future_aux | words.have_forms | words.be_forms), None)
    perfect = any(c.dep_ == "aux" and c.lower_ in words.have_forms for c in children)
    h = words.headline
    plural = _plural(subject, words, render.names)
    no = h["not"] + " " if neg else ""
    lemma = base_verb(top, words)
    if lemma == BE and verb is not top:          # "Cameron is to meet Obama"
        future = True
        lemma = ""
    if _habitual(top, words):                   # "BP used to publish": as written
        text = top.lower_
    elif lemma == BE and not future:      # "must be zero-carbon": the modal stays
        text = f"{modal.lower_} {no}{h['be']}" if modal is not None else \
            (h["are"] if plural else h["is"]) + (" " + h["not"] if neg else "")
    elif not lemma:
        text = h["not"] if neg else ""
    elif passive and (future or modal is not None):     # "to be evicted", "could be sealed"
        text = f"{modal.lower_ if modal is not None else h['to']} {no}{h['be']} {top.text}"
    elif passive:
        text = no + top.text
    elif future:
        text = f"{no}{h['to']} {_infinitive(lemma, words)}"
    elif modal is not None and perfect:     # "would have damaged"
        text = f"{modal.lower_} {no}{h['have']} {top.text}"
    elif modal is not None:
        text = f"{modal.lower_} {no}{_infinitive(lemma, words)}"
    elif neg:
        text = f"{h['do'] if plural else h['does']} {h['not']} {_infinitive(lemma, words)}"
    elif top.tag_ == "VBG" and not any(c.dep_ == "aux" for c in children):
        text = top.text
    else:
        text = _infinitive(lemma, words) if plural else _third_person(lemma, words)
    if verb is not top:             # "is to be decided": not "to decide"
        rest = _infinitive(base_verb(verb, words), words)
        if any(c.dep_ == "auxpass" for c in verb.children):
            rest = f"{h['be']} {verb.text}"
        for c in verb.children:
            if c.dep_ == "prt":
                render.particle(c)
        if any(c.dep_ in ("dobj", "dative") and top.i < c.i < verb.i for c in children):
            render.parts[verb.i] = f"{h['to']} {rest}"     # "uses dispersants to break up"
        else:
            text = f"{text} {h['to']} {rest}".strip()
    first = min((c.i for c in children if c.dep_ in ("aux", "auxpass")), default=top.i)
    if " " in text and first < top.i:       # "could be permanently sealed", not
        group, last = text.rsplit(" ", 1)   # "permanently could be sealed"
        render.parts[first] = group
        render.parts[top.i] = last
    else:
        render.parts[top.i] = text
    for c in children:
        if c.dep_ == "prt":
            render.particle(c)
        elif c.dep_ == "neg" and neg and h["not"] in text.split():
            render.parts[c.i] = ""          # written as "not" in the verb group: not twice


def headline(doc, verb, skip: set[int], words: Words, names: Names,
             pronoun_name: str | None = None, antecedent=None) -> tuple[str, float, bool]:
    """(title, score, complete) for the clause of ``verb``; ``skip`` = the dates' tokens;
    ``pronoun_name``: the person a "he"/"she" subject stands for, named before the
    sentence; ``antecedent``: the token a pronoun subject stands for in it (the speaker
    of "BP said it will ...": pronouns.reported_speaker).

    The score ranks mentions of one happening: a named subject and an object make a
    better headline than a pronoun or a bare "X says". ``complete`` is False when the
    clause cannot stand as a headline (no subject, "which"/"it", what was said or shown
    left out): such a mention adds evidence to an event but never makes one.
    """
    lifted = planned_noun(verb, words)     # "a visit planned for Thursday was called off"
    if lifted is not None:
        verb = lifted[0]
    top = clause_top(verb, words)
    frame = claim_frame(verb, words)        # "Chernoff claimed the singer swallowed ..."
    reporting = top.lemma_.casefold() in words.reporting_verbs and not any(
        c.dep_ in ("auxpass", "nsubjpass") for c in top.children)
    # a passive "was said to be", "were told to attend" reports nobody's words: its
    # subject is who it is about ("Man said to be in stable condition")
    render = Render(doc, words, names, skip)
    said_by = frame[0] if frame is not None else top
    subject = subject_of(said_by)
    after = _after_dateline(doc, subject_of(top), top, skip)
    if after is None and frame is not None:
        after = _after_dateline(doc, subject, said_by, skip)
    if after is not None:                   # a page's heading run into the sentence
        title = verbatim(doc, after, top.right_edge.i + 1, skip, words)
        return title, 0.0, len(title.split()) >= 3
    score = 0.0
    complete = subject is not None and subject.tag_ not in ("WDT", "WP", "WP$")
    if subject is not None and subject.pos_ == "PRON" and any(
            t.dep_ in ("nsubj", "nsubjpass") and t.pos_ in ("NOUN", "PROPN") and t.i < subject.i
            for t in doc):
        pronoun_name = None     # "Her son told the agency he had heard ...": he is the son,
                                # not the last person named before this sentence
    if subject is not None:
        partitive = counted(subject, words) is not None    # "some of the oil": a noun phrase
        if subject.pos_ == "PRON" and not partitive and antecedent is None and not (
                subject.lower_ in words.person_pronouns and pronoun_name):
            complete = False
        if subject.pos_ == "PRON" and antecedent is not None:
            render.noun_phrase(antecedent)      # "BP to attempt ...", from "BP said it will"
            subject = antecedent
            score += 1
        elif subject.lower_ in words.person_pronouns and pronoun_name:
            render.parts[subject.i] = pronoun_name
            score += 1
        elif subject.pos_ == "PRON" and not partitive:
            render.noun_phrase(subject)
            score -= 2
        else:
            render.noun_phrase(subject)
            score += 2
    noun = claim_noun(verb, words)
    if noun is not None:        # "claims that the rescue operation has been a success"
        rest, _ = _reported(doc, noun, top, skip, words, names)
        mark = next((c.text + " " for c in top.children if c.dep_ == "mark"), "")
        return f"{noun.text[:1].upper()}{noun.text[1:]} {mark}{rest}", score - 2, \
            len(rest.split()) >= 3
    if frame is not None or reporting:
        speaker = render.text() or words.headline["statement"]
        if frame is not None:       # the claim, as claimed: "Chernoff claims singer swallowed"
            said_by, inner = frame
            claim = Render(doc, words, names, skip)
            _verb_parts(claim, said_by, said_by, subject, words)
            verb_text = claim.text()
            verb_text = verb_text[:1].lower() + verb_text[1:]
            complete = complete and render.count() > 0 and _has_subject(inner, words)
        else:
            inner = next((c for c in top.children if c.dep_ in ("ccomp", "xcomp")), None)
            verb_text = words.headline["say"] if _plural(subject, words, names) \
                else words.headline["says"]
        score -= 2
        rest, pronoun = _reported(doc, said_by, inner, skip, words, names)
        complete = complete and len(rest.split()) - pronoun >= 2    # not "X says it believes"
        return (f"{speaker} {verb_text} {rest}".strip() if rest else f"{speaker} {verb_text}"), \
            score, complete
    _verb_parts(render, verb, top, subject, words)
    for c in top.children if verb is not top else ():
        if c.dep_ in ("dobj", "dative") and c.i < verb.i and c.i not in skip:
            render.noun_phrase(c)           # "BP used dispersants to break up the oil"
    has_object = objects(render, verb, words, skip, budget=words.max_words)
    score += 1 if has_object else 0
    if render.count() < 3:
        score -= 3          # "Jackson dies" makes an event, but any fuller report titles it
    if lifted is not None:                  # "Visit to Kabul by Khalilzad called off"
        render.phrases_of(lifted[1])
    keep_negations(render, doc)
    title = render.text()
    last = title.rsplit(" ", 1)[-1].casefold() if title else ""
    if subject is not None and not any(i in render.parts for i in
                                       (t.i for t in subject.subtree)):
        complete = False                            # "This is a good start" -> "Is good start"
    count = len(title.split())
    # what is said, shown, ... (a clause after the verb, or one before a verb with no
    # object of its own: "..., British media reported on Wednesday"); not a clause the
    # parse hung before a verb with its object ("Castro accused Mexico of failing ...
    # until after Obama had visited the country on 16 April")
    direct = any(c.dep_ == "dobj" and c.i not in skip for c in verb.children)
    named = subject is not None and subject.lower_ in words.person_pronouns \
        and bool(pronoun_name)                      # "He was arrested": "Jackson arrested"
    if count < 2 or count == 2 and not standalone(subject, verb, skip, words, named) \
            or last in words.be_forms | words.have_forms or last == words.headline["to"] \
            or any(c.dep_ == "ccomp" and (c.i > c.head.i or not direct)
                   for c in list(verb.children) + list(top.children)) \
            or untold_relative(top, words) or any(
                doc[i].pos_ == "PRON" and doc[i].lower_ in words.first_person_pronouns
                for i, part in render.parts.items() if part):
        complete = False                    # "Story happens to me": someone's own telling
    return title, score, complete


def _has_subject(inner, words: Words) -> bool:
    """A claimed clause says who did it: its own subject ("there" too), or the claimant's
    ("denied giving", "accused BP of lying"); not a clause the parse left without one
    ("Murray insists [...] The last time Dr Murray administered it was 1040"), nor one
    whose subject the title cannot show ("insisted that nothing has changed")."""
    subject = subject_of(inner)
    return inner.dep_ in ("pcomp", "xcomp") or any(c.dep_ == "expl" for c in inner.children) \
        or subject is not None and (subject.pos_ != "PRON"
                                    or subject.lower_ in words.reported_pronouns)


def _reported(doc, said_by, inner, skip: set[int], words: Words, names: Names) -> tuple[str, int]:
    """What ``said_by`` reports, its tenses as written ("singer swallowed several pills",
    "BP of taking safety shortcuts"), and 1 when its subject is a pronoun kept."""
    said = Render(doc, words, names, skip)
    pronoun = 0
    if inner is not None:
        if inner.dep_ == "pcomp":           # "accused BP of lying": whom, and the "of"
            said.parts[inner.head.i] = inner.head.text
            for c in said_by.children:
                if c.dep_ in ("dobj", "dative") and c.i not in skip:
                    said.noun_phrase(c)
        inner_subject = None if inner.dep_ in ("pcomp", "xcomp") else subject_of(inner)
        # (a to-clause's or "of" clause's subject is the speaker's: "denied giving")
        if inner_subject is not None and (inner_subject.pos_ != "PRON" or
                                          inner_subject.lower_ in words.reported_pronouns):
            said.noun_phrase(inner_subject)     # "Pedre says he has seen ..."
            pronoun = int(inner_subject.pos_ == "PRON")
        for c in inner.children:           # "there was"
            if c.dep_ in ("aux", "neg", "auxpass", "expl") and c.i not in skip:
                said.parts[c.i] = c.text
        said.parts[inner.i] = inner.text
        objects(said, inner, words, skip, budget=words.max_words - 3)
        for c in inner.children:           # "was breaking down"
            if c.dep_ == "prt" and c.i not in skip:
                said.particle(c)
    keep_negations(said, doc)
    rest = said.text()
    if rest and not _proper_start(doc, said):
        rest = rest[:1].lower() + rest[1:]
    return rest, pronoun


def _after_dateline(doc, subject, top, skip: set[int]) -> int | None:
    """The first word after a dateline the parse took into the subject: "... the deaths
    of 11 workers and billions of pounds of damage Sunday 19 September 2010 22.02 BST
    Vessels work around the rig" (a date between the subject and its verb, after no
    preposition or article, hanging on the words before it, a capitalised noun after it)
    is not "Deaths work around rig"."""
    if subject is None or subject.i > top.i:
        return None
    for i in range(subject.i + 1, top.i):
        if i not in skip or i - 1 in skip or doc[i - 1].pos_ in ("ADP", "DET"):
            continue                        # not where a date starts after a word
        j = next((k for k in range(i, top.i) if k not in skip), top.i)
        if j < top.i and doc[j].is_title and doc[j].pos_ in ("PROPN", "NOUN") and any(
                t.head.i < i for t in doc[i:j]):
            return j        # (a date that modifies the words after it is no dateline:
                            # "the April 20 Deepwater Horizon disaster")
    return None


def _proper_start(doc, render: Render) -> bool:
    first = min((i for i, p in render.parts.items() if p), default=None)
    return first is not None and (doc[first].pos_ == "PROPN" or doc[first].ent_type_ in
                                  ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT"))
