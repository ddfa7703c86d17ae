"""What a headline's verb takes, written into a Render: its objects and complements
("worth $10bn", "able to attend"), its to-clause ("agree to cut output"), its first
prepositional phrase and the adverbs that change what it says, each whole or not at all,
and never the date (timeline.extract.titles writes the subject and the verb).
"""
from __future__ import annotations

from .clauses import BE, base_verb
from .phrases import SHORT_PHRASE, Render, shown
from .resources import Words

COMPLEMENTS = ("prep", "xcomp", "dobj", "npadvmod")      # of an adjective: "worth $10bn"
ASIDE_MARKS = ("--", "—", "–", ";")
QUANTITIES = ("CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY")


def _to_clause(render: Render, verb, skip: set[int], words: Words) -> bool:
    """"agreed on Thursday to cut output from January": the dated verb's object is its
    to-clause ("Producers agree to cut output"), without that clause's own dates."""
    for c in verb.children:
        if c.dep_ != "xcomp" or c.pos_ != "VERB" or c.i in skip:
            continue
        to = [t for t in c.children if t.dep_ == "aux" and t.lower_ in words.infinitive_markers]
        if not to:
            continue
        for n in c.children:                # "decides not to give evidence"
            if n.dep_ == "neg":
                render.parts[n.i] = n.text
        render.parts[to[0].i] = words.headline["to"]
        for be in c.children:               # "to be seized", not "to seized"
            if be.dep_ == "auxpass":
                render.parts[be.i] = be.text
        render.parts[c.i] = c.text
        for d in c.children:
            if d.dep_ in ("dobj", "attr", "dative") and d.i not in skip:
                render.noun_phrase(d)
        return True
    return False


def _date_on_object(prep, skip: set[int]) -> bool:
    """Every date in ``prep``'s phrase is in a phrase of its own hung on the object ("in
    the threat [on New Year's Eve]"), none a word of the object's ("at 14:30 GMT Help")."""
    nested = {t.i for o in prep.children if o.dep_ == "pobj" for p in o.children
              if p.dep_ == "prep" for t in p.subtree}
    return all(t.i in nested for t in prep.subtree if t.i in skip)


def keep_negations(render: Render, doc) -> None:
    """A "not"/"never" on any word the title shows stays in it: "pleaded not guilty"
    must never read "pleads guilty"."""
    for t in doc:
        if t.dep_ == "neg" and t.head.i in render.parts and t.i not in render.parts:
            render.parts[t.i] = t.text


def _hedge(adverb, words: Words) -> bool:
    """A kept adverb that changes what a verb or adjective says ("too", "nearly",
    "hardly"); not one that only stresses it ("very": a stop word)."""
    return adverb.lower_ in words.kept_adverbs and adverb.lower_ not in words.stop_words


def _complement(render: Render, adjective, skip: set[int], words: Words) -> bool:
    """An adjective complement with what completes it ("worth $10bn", "aged 50", "able to
    attend"), all of it or the adjective alone: "was worth $10bn last year, about a sixth of
    the FTSE 100 payout to shareholders" is not "worth sixth to shareholders". A number
    word ("a sixth", "aged 50") is not shown without its complement."""
    rest = [d for d in adjective.children if d.dep_ in COMPLEMENTS and not all(
        t.i in skip for t in d.subtree if t.i != d.i or d.dep_ != "prep")]  # not its date
    whole = all(len(list(d.subtree)) <= 5 and not any(t.i in skip for t in d.subtree)
                for d in rest)
    if not whole and (adjective.ent_type_ in QUANTITIES or any(
            d.dep_ in ("dobj", "npadvmod") for d in rest)):
        return False
    render.parts[adjective.i] = adjective.text
    for d in adjective.children:            # "too obsessed", "nearly complete"
        if d.dep_ == "advmod" and _hedge(d, words):
            render.parts[d.i] = d.text
    for d in rest if whole else ():
        for t in d.subtree:
            if shown(t) and t.lower_ not in words.dropped_determiners:
                render.parts[t.i] = t.text
    return True


def _shared_object(render: Render, verb, skip: set[int]) -> bool:
    """"modified and expanded the boundaries of the area": the object the parse hangs on
    the second of two verbs joined right after the first is the first's too ("Authorities
    modify boundaries of area", not "Authorities modify")."""
    for c in verb.children:
        if c.dep_ == "conj" and c.pos_ == "VERB" and c.i == verb.i + 2 \
                and verb.doc[verb.i + 1].dep_ == "cc":
            obj = next((d for d in c.children if d.dep_ == "dobj" and d.i not in skip), None)
            if obj is not None:
                render.noun_phrase(obj)
                return True
    return False


def objects(render: Render, verb, words: Words, skip: set[int], budget: int) -> bool:
    has_object = False
    aside = min((c.i for c in verb.children if c.i > verb.i and c.dep_ == "punct"
                 and c.text in ASIDE_MARKS), default=len(verb.doc))
    for c in verb.children:
        if c.i in skip or c.i > aside:      # "is 5,000 barrels per day -- five times
            continue                        # greater than first estimated": an aside
        if c.dep_ == "dative" and c.pos_ == "ADP":     # "gives a safety review to Obama"
            has_object = render.prep_phrase(c) or has_object
        elif c.dep_ == "dative" and c.pos_ == "PRON" and any(d.dep_ == "dobj" for d in verb.children):
            continue        # "had cost it $350 million": "costs $350 million", no bare "it"
        elif c.dep_ == "dobj" and c.pos_ == "ADV" \
                and any(d.dep_ in ("advmod", "prep") for d in c.children):
            # "could reach as far west as Atchafalaya Bay": the adverb's phrase whole, or
            # the adverb alone when that is long ("reach west" would say less, not other)
            tokens = [t for t in c.subtree if shown(t) and t.i not in skip]
            for t in tokens if len(tokens) <= SHORT_PHRASE + 1 else (c,):
                render.parts[t.i] = t.text
            has_object = True
        elif c.dep_ in ("dobj", "attr", "dative", "oprd"):
            render.noun_phrase(c)
            has_object = True
        elif c.dep_ == "acomp":
            has_object = _complement(render, c, skip, words) or has_object
        elif c.dep_ == "agent":
            has_object = render.prep_phrase(c) or has_object
    if not has_object and base_verb(verb, words) == BE:
        for c in verb.children:     # "takings to be down by half": the adverb is the news
            if c.dep_ == "advmod" and c.i > verb.i and c.i not in skip and not list(c.children):
                render.parts[c.i] = c.text
                has_object = True
                break
    if not has_object:
        has_object = _to_clause(render, verb, skip, words)
    if not has_object:
        has_object = _shared_object(render, verb, skip)
    for c in verb.children:
        if render.count() >= budget - 1:
            break
        if c.i in skip:
            continue
        # a date hung on the object of the verb's first word ("had phoned in the threat
        # on New Year's Eve", "in" taken for a preposition): the phrase without it
        dated = any(t.i in skip for t in c.subtree)
        close = dated and not has_object and c.i == verb.i + 1 and base_verb(verb, words) != BE \
            and not any(d.dep_ == "auxpass" for d in verb.children) \
            and _date_on_object(c, skip)                            # not "based on interviews"
        if dated and not close:
            continue
        if c.dep_ == "prep" and c.i > verb.i and c.tag_ != "VBG":   # not "following ..."
            before = dict(render.parts)
            if render.prep_phrase(c, whole=not close) and render.count() > budget:
                render.parts = before
            else:
                break
    for c in verb.children:                 # "almost collapsed" is not "collapses"
        if c.dep_ == "advmod" and _hedge(c, words) and c.i not in skip:
            render.parts[c.i] = c.text
    for c in verb.children:
        if c.i in skip or render.count() >= budget:
            continue
        if c.dep_ == "advmod" and (words.manner_adverb.search(c.lower_)
                                   or c.lower_ in words.complement_adverbs and c.i > verb.i
                                   and not list(c.children)):
            render.parts[c.i] = c.text      # "came together", "went home", "ran aground"
        elif c.dep_ in ("advmod", "npadvmod") and c.i > verb.i:
            tokens = [t for t in c.subtree if shown(t)]
            n = sum(t.pos_ != "PUNCT" for t in tokens)
            if 1 < n <= 5 and not any(t.i in skip for t in c.subtree) \
                    and render.count() + n <= budget:
                for t in tokens:
                    render.parts[t.i] = t.text
    return has_object
