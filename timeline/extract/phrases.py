"""Phrases of a parse written headline-style: a noun phrase without its articles and
possessive pronouns, a person by the short name the article uses, a place name whole,
a prepositional phrase with its object. ``Render`` collects the tokens a title shows and
writes them in sentence order (timeline.extract.titles picks the clause and its verb).
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .clauses import NAMES, NOUNISH, VERBISH
from .resources import Words

if TYPE_CHECKING:
    from .titles import Names

NUMBER_PHRASE = 10      # words: a longer number phrase is dropped whole, never cut
SHORT_PHRASE = 5        # words: the longest object of a preposition that is no noun
SPEECH_MARKS = "\"“”‘’'«»"


def shown(token) -> bool:
    """A token a title shows from a phrase: words, and the hyphens inside a word
    ("7.0-magnitude", "Port-au-Prince"), not other punctuation."""
    return token.pos_ != "PUNCT" or token.tag_ == "HYPH"


class Render:
    """Collects token index -> rendered text; renders in sentence order."""

    def __init__(self, doc, words: Words, names: Names, skip: set[int]):
        self.doc, self.words, self.names, self.skip = doc, words, names, skip
        self.parts: dict[int, str] = {}

    def count(self) -> int:
        """Words so far, as the title will show them ("Port-au-Prince" is one). Not a
        pure count: it renders through text(), which settles ``parts`` first (drops a
        dangling preposition or "and", adds the rest of a hyphenated word), so a caller
        that saves ``parts`` to undo a step must save them before counting."""
        return len(self.text().split())

    def noun_phrase(self, head, depth: int = 0) -> None:
        if head.i in self.skip:
            return
        doc = self.doc
        if head.ent_type_ == "PERSON":
            ent = self._entity(head)
            if ent is None or not any(self.parts.get(t.i) for t in ent):
                self.parts[head.i] = self._short(head)
                for t in ent or ():     # once per person, not once per word of the name
                    self.parts.setdefault(t.i, "")
            self._extras(head, depth)
            return
        if head.lower_ in self.words.dropped_determiners or head.lower_ in self.words.honorifics:
            return
        name = next((e for e in doc.ents if e.root.i == head.i and e.label_ in NAMES), None)
        if name is not None:            # "Port-au-Prince", not "Port Prince"
            for t in name:
                if t.text in ("(", "["):    # "Prince (l)": a picture's left, not the name
                    break
                if t.i not in self.skip and t.lower_ not in self.words.dropped_determiners:
                    self.parts[t.i] = t.text
        if self._number_phrase(head):
            return
        person = self.names.role(head, self.words)
        if person:
            self.parts[head.i] = person
            return
        if head.pos_ == "PRON" and head.lower_ in self.words.possessive_pronouns:
            return
        children = list(head.children)
        poss = [c for c in children if c.dep_ == "poss" and c.ent_type_ == "PERSON"]
        partner = [p for c in children if c.dep_ == "prep"
                   and c.lower_ in self.words.partner_prepositions
                   for p in c.children if p.dep_ == "pobj" and p.ent_type_ == "PERSON"]
        if poss and partner and head.pos_ == "NOUN":    # "Trump's summit with Kim"
            a = self._short(poss[0])
            b = self._short(partner[0])
            self.parts[poss[0].i] = f"{a}{self.words.pair_joiner}{b}"
            self.parts[head.i] = head.text
            for c in children:
                if c.dep_ == "compound":
                    self.parts[c.i] = c.text
            return
        self.parts[head.i] = head.text
        for child in children:
            if child.i in self.skip:
                continue
            dep = child.dep_
            if dep in ("nummod", "quantmod"):          # "more than 500", "about 49,500"
                for t in child.subtree:
                    if t.i not in self.skip and shown(t):
                        self.parts[t.i] = t.text
            elif dep in ("compound", "amod", "nmod", "poss"):
                if dep == "amod" and depth > 0 and child.ent_type_ != "ORDINAL" \
                        and child.lower_ not in self.words.ordinal_words:
                    continue        # but "for a second time", not "for time"
                self.noun_phrase(child, depth + 1)
            elif dep == "case":
                self.parts[child.i] = child.text
            elif dep == "det" and child.lower_ in self.words.kept_determiners:
                self.parts[child.i] = child.text
            elif dep == "punct" and child.tag_ == "HYPH":
                self.parts[child.i] = child.text         # "7.0-magnitude"
            elif dep == "neg":
                self.parts[child.i] = child.text
            elif dep == "advmod" and child.lower_ in self.words.kept_adverbs:
                self.parts[child.i] = child.text
            elif dep == "advmod" and child.pos_ == "ADP" and child.i > head.i \
                    and not list(child.children):
                self.parts[child.i] = child.text     # "declared the rescue phase over":
                #                                      the object's state, not to be lost
        partitive = head.lower_ in self.words.partitive_heads
        if depth == 0 and (head.pos_ == "NOUN" or partitive):   # "part of the plan"
            of = next((c for c in children if c.dep_ == "prep"
                       and c.lower_ in self.words.of_prepositions
                       and c.i not in self.skip), None)
            if of is not None and len(list(of.subtree)) <= 5:
                self.prep_phrase(of)
            elif of is not None and partitive:      # "series of calls [between 1100 ...]"
                before = dict(self.parts)
                if self.prep_phrase(of, whole=False) and self.count() > self.words.max_words:
                    self.parts = before
        self._extras(head, depth)

    def _extras(self, head, depth: int) -> None:
        for child in head.children:
            if child.i in self.skip:
                continue
            if child.dep_ == "cc" and any(c.dep_ == "conj" for c in head.children):
                self.parts[child.i] = child.text
            elif child.dep_ == "conj" and child.pos_ in NOUNISH + ("ADJ",) \
                    and not self._apart(child, head):
                self.noun_phrase(child, depth + 1)
            elif child.dep_ == "case":
                self.parts[child.i] = child.text

    def _apart(self, a, b) -> bool:
        """A date lies between two words: a byline's "... deaths of 11 workers Sunday 19
        September 2010 22.02 BST Vessels work ..." does not make "Deaths Vessels"."""
        return any(i in self.skip for i in range(min(a.i, b.i) + 1, max(a.i, b.i)))

    def _dropped(self, token) -> bool:
        return token.lower_ in self.words.dropped_determiners or (
            token.pos_ == "PRON" and token.lower_ in self.words.possessive_pronouns)

    def _number_phrase(self, head) -> bool:
        """A number is written with its whole phrase or not at all: "one in 100,000 and
        one in 1,000,000", "as much as half", "one of children", never "between one and
        one" or "by as half". False (nothing written) when the phrase is not short."""
        if head.pos_ != "NUM" and not any(c.dep_ == "quantmod" for c in head.children):
            return False
        # up to the first comma, dash or bracket after the number ("$990m (#675m)": not the
        # aside); a phrase that goes on past it ("$800 billion in fake cigarettes, branded
        # shoes, ...") is left out whole
        end = next((t.i for t in head.subtree if t.i > head.i and not shown(t)), len(head.doc))
        cut = {t.i for c in head.children if c.right_edge.i >= end for t in c.subtree}
        tokens = [t for t in head.subtree if t.i < end and t.i not in cut and shown(t)
                  and (not self._dropped(t) or t.dep_ == "det" and t.head.dep_ == "npadvmod")]
        #   a rate's article stays: "$6 million a day", not "$6 million day"
        if any(t.i in self.skip for t in head.subtree) or len(tokens) > NUMBER_PHRASE:
            return False
        for t in tokens:
            self.parts[t.i] = t.text
        return True

    def _entity(self, token):
        """The named entity ``token`` is part of, or None."""
        return next((e for e in self.doc.ents if e.start <= token.i < e.end), None)

    def _short(self, token) -> str:
        """The short name the article uses for the person ``token`` names."""
        ent = self._entity(token)
        return self.names.short([t.text for t in ent] if ent is not None else [token.text],
                                self.words)

    def prep_phrase(self, prep, whole: bool = True) -> bool:
        """Write "<prep> <its object's phrase>"; False (nothing written) where that would
        cut what the sentence says. ``whole``: refuse a phrase with a date anywhere in it;
        else only a date in the object itself ("of calls between 1100 and 1200" is "of
        calls"), and a noun object is written with its own modifiers ("of worst
        disasters")."""
        objs = [c for c in prep.children if c.dep_ in ("pobj", "pcomp")]
        dated = prep.subtree if whole else (prep, *objs)
        if any(t.i in self.skip for t in dated):      # the preposition is one of them
            return False
        if not objs:
            return False
        self.parts[prep.i] = prep.text
        for obj in objs:
            if obj.pos_ == "NUM" and not self._number_phrase(obj):
                self.parts.pop(prep.i)      # a preposition and a number cut from its
                return False                # phrase would say what the sentence does not
            if obj.pos_ not in VERBISH + NOUNISH:   # "as a bit out of left field": whole
                tokens = [t for t in obj.subtree if shown(t) and not self._dropped(t)]
                if len(tokens) > SHORT_PHRASE:          # or not at all, never "as out"
                    self.parts.pop(prep.i)
                    return False
                for t in tokens:
                    self.parts[t.i] = t.text
            elif obj.pos_ in VERBISH:
                self.parts[obj.i] = obj.text
                for c in obj.children:
                    if c.dep_ == "dobj":
                        self.noun_phrase(c, 1)
            else:
                self.noun_phrase(obj, 1 if whole else 0)
        return True

    def phrases_of(self, noun) -> None:
        """The prepositional phrases of ``noun`` after it, each without a date hung on
        it, while the title stays in length ("visit to Kabul by Khalilzad")."""
        for c in noun.children:
            if c.dep_ != "prep" or c.i < noun.i or any(self.parts.get(t.i) for t in c.subtree):
                continue
            before = dict(self.parts)
            if self.prep_phrase(c, whole=False) and self.count() > self.words.max_words:
                self.parts = before

    def particle(self, prt) -> None:
        """A verb's particle, with the object the parse hung on it ("was taken off the
        endangered list": not "taken off"); the particle alone when that object holds
        a date."""
        if not any(c.dep_ == "pobj" for c in prt.children) or not self.prep_phrase(prt):
            self.parts[prt.i] = prt.text

    def _whole_words(self) -> None:
        """A word written with hyphens ("Port-au-Prince": five tokens) is shown whole when
        any of its parts is: the parser may take "au" for a preposition, and the entity
        recogniser may miss the name ("spent the night in the Port-au-Prince")."""
        doc, parts = self.doc, self.parts
        for i in [i for i, part in parts.items() if part]:
            lo = hi = i
            while lo > 0 and doc[lo - 1].whitespace_ == "" and "HYPH" in (doc[lo - 1].tag_, doc[lo].tag_):
                lo -= 1
            while hi + 1 < len(doc) and doc[hi].whitespace_ == "" and "HYPH" in (doc[hi].tag_, doc[hi + 1].tag_):
                hi += 1
            for k in range(lo, hi + 1):
                if k not in parts and k not in self.skip:
                    parts[k] = doc[k].text

    def _no_dangling(self) -> None:
        """A preposition without its object, an "and" without both its sides, is dropped
        with what hangs on it: the title leaves a whole phrase out, never half of one."""
        doc, parts = self.doc, self.parts

        def on(token) -> bool:
            return any(parts.get(t.i) for t in token.subtree)
        for i in sorted(parts, reverse=True):
            t = doc[i]
            if not parts.get(i):
                continue
            if t.dep_ in ("prep", "agent") and t.pos_ == "ADP" and not any(
                    on(c) for c in t.children if c.dep_ in ("pobj", "pcomp")):
                for d in t.subtree:
                    parts.pop(d.i, None)
            elif t.dep_ == "cc" and not (parts.get(t.head.i) and any(
                    on(c) for c in t.head.children if c.dep_ == "conj" and c.i > t.i)) \
                    and (any(c.dep_ == "conj" for c in t.head.children) or not parts.get(t.head.i)):
                parts.pop(i)

    def text(self) -> str:
        self._no_dangling()
        self._whole_words()
        for i in [i for i in self.parts if self.parts.get(i + 2) and i + 1 not in self.parts]:
            slash = self.doc[i + 1]
            if slash.text == "/" and not slash.whitespace_ and not self.doc[i].whitespace_:
                self.parts[i + 1] = "/"         # "$6 million/day", not "$6 million day"
        out: list[str] = []
        prev = None
        for i in sorted(self.parts):
            part = self.parts[i]
            if not part or (self.doc[i].tag_ == "HYPH" and not (self.parts.get(i - 1)
                                                                  and self.parts.get(i + 1))):
                continue                # a hyphen only between two words the title shows
            glue = prev is not None and prev == i - 1 and self.doc[prev].whitespace_ == ""
            if out and (glue or part.startswith("'")):
                out[-1] += part
            else:
                out.append(part)
            prev = i
        return re.sub(r"\s+", " ", _as_title(" ".join(out), SPEECH_MARKS + " ,;:-–—()[]"))


def _as_title(text: str, ends: str) -> str:
    """``text`` written as a title: without the characters ``ends`` at either end or a
    double quotation mark inside, its first letter a capital."""
    text = text.strip(ends)
    for mark in "\"“”":
        text = text.replace(mark, "")
    return text[:1].upper() + text[1:]


def verbatim(doc, start: int, end: int, skip: set[int], words: Words) -> str:
    """The sentence's own words from ``start``, when no headline can be made from the
    parse: up to the first clause break or date, at most the title's length, not ending
    on a preposition, article or conjunction ("Vessels work around the Deepwater Horizon
    rig" from "... Vessels work around the Deepwater Horizon rig, site of the spill")."""
    out = []
    for t in doc[start:end]:
        if t.i in skip or (out and t.pos_ == "PUNCT" and t.tag_ != "HYPH"
                           and t.text not in SPEECH_MARKS):
            break
        out.append(t)
        if len(out) >= words.max_words:
            break
    while out and out[-1].pos_ in ("ADP", "CCONJ", "SCONJ", "DET", "PART", "PUNCT"):
        out.pop()
    return _as_title("".join(t.text + t.whitespace_ for t in out), SPEECH_MARKS + " ")
