"""Who a sentence's leading "he"/"she" is, from what the article itself says.

A headline that replaces "He told reporters ..." with a name puts words in that
person's mouth, and the person is then listed among the event's people: a wrong
name is the worst error a timeline can make, a pronoun left as written is not. So a
person named before the sentence stands for its pronoun only when the article says
their gender or nobody else is there to mean:

* a person's gender is what the article says of them: a gendered title before their
  name ("Mrs May", "Mr Trump", "spokeswoman Sarah Sanders": the language's he_titles /
  she_titles), or a subject pronoun ("he"/"she": he_pronouns / she_pronouns) later in
  a sentence that names them and nobody else, or in the next sentence when it names
  nobody. A title outranks pronouns (quotes make them noisy: "... Mr Hayward," she
  said); evidence for both genders is no evidence;
* the candidates are the people named in the 2,000 characters before the sentence,
  the last named first. A lone candidate stands for the pronoun unless the article
  gives them the other gender. Of several, those of the other gender are passed over;
  the first one left stands for it only if the article gives them the pronoun's gender
  and no other candidate not of the other gender is named since the start of the
  sentence naming them ("Trump met Kim. He said ..." with both men: either; left as
  written). A candidate of unknown gender before any match leaves the pronoun as written;
* a name is a person's only where it is theirs: not inside a time expression ("in May"
  is no Theresa May), not after a capitalised word that is neither part of their name,
  a title nor a word the article writes in lower case ("Janet Jackson" is someone else,
  of unknown gender), and a short name two people share ("Obama": Barack and Michelle)
  is given no gender and stands for no pronoun.

No list of first names and no model: only the article's words. Pure: text in, names out.

Within one sentence the parse says more: what someone says of "it" or "they" is what
they say of themselves ("BP said on Monday it will again attempt ...": BP;
``reported_speaker``), as is "he"/"she" when the article gives the speaker that gender;
the "it" of a clause of time is the subject of the clause it hangs on ("The rig had been
burning for 36 hours when it sank on Thursday").
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .clauses import BE, SUBJECTS, base_verb, subject_of
from .resources import Words

WINDOW = 2000


def _pattern(words) -> re.Pattern[str]:
    alts = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![\w'’-])(?:{alts})(?![\w'’-])", re.IGNORECASE)


def _titled(before: str, titles: re.Pattern[str], name: frozenset[str]) -> bool:
    """A title ends ``before``, or comes just before up to two words of the person's
    ``name`` ("Mrs Theresa May"; not "first lady Michelle Obama" for Barack Obama)."""
    if before[-1:] not in (" ", "\n"):
        return False
    for word in reversed(before.split()[-3:]):
        if titles.fullmatch(word):
            return True
        if word not in name:
            return False
    return False


def _other(text: str, p: int, name: frozenset[str], titles: frozenset[str]) -> str | None:
    """The capitalised word before the name at ``p`` when it makes it someone else's
    ("Janet" Jackson is not Michael Jackson): neither part of their name nor a title nor
    a word the article writes in lower case ("Even Dudley realizes": ``titles`` has those)."""
    before = text[max(0, p - 40):p].split()
    if not before or text[p - 1:p] not in (" ", "\n"):
        return None
    word = before[-1]
    return None if not word[:1].isupper() or word in name or word.casefold() in titles \
        else word


@dataclass(frozen=True)
class Referents:
    """The people an article names (short form -> positions) and the gender it gives each."""

    positions: dict[str, tuple[int, ...]]
    gender: dict[str, str]                  # short name -> "he" / "she" (absent: unknown)
    sentence_starts: tuple[int, ...]
    pronouns: dict[str, str]                # subject pronoun (lower case) -> "he" / "she"
    shared: frozenset[str]      # names never given a pronoun: two people's ("Obama" for
                                # Barack and Michelle), or another's ("Janet Jackson")

    @classmethod
    def of(cls, text: str, sentences: list[tuple[int, int]], people: dict[str, set[str]],
           words: Words, common: frozenset[str] = frozenset(),
           times: list[tuple[int, int]] = ()) -> "Referents":
        """``people``: the short form of each person the article names -> their full
        names ("Trump" -> {"Donald Trump"}). A short form two people share ("Obama":
        Barack and Michelle) is never given a gender, so it stands for no pronoun.
        ``common``: the words the article writes in lower case (entities.lower_words);
        ``times``: the (start, end) of the article's time expressions."""
        name = {s: frozenset(" ".join(full).split()) for s, full in people.items()}
        known = (words.name_titles | words.honorifics | words.he_titles | words.she_titles
                 | {w.casefold() for w in common})
        found: dict[str, list[int]] = {}
        for s in people:                # "Janet Jackson": someone, of unknown gender
            for m in re.finditer(rf"(?<![\w-]){re.escape(s)}(?![\w-])", text) if s else ():
                if any(a <= m.start() < b for a, b in times):
                    continue
                other = _other(text, m.start(), name[s], known)
                found.setdefault(f"{other} {s}" if other else s, []).append(m.start())
        positions = {s: tuple(p) for s, p in found.items()}
        unique = {s for s in positions if len(people.get(s, ())) == 1}
        pronouns = {w: "he" for w in words.he_pronouns} | {w: "she" for w in words.she_pronouns}
        titled: dict[str, set[str]] = {s: set() for s in positions}
        said: dict[str, set[str]] = {s: set() for s in positions}
        for g, titles in (("he", words.he_titles), ("she", words.she_titles)):
            before = _pattern(titles)
            for s in unique:
                for p in positions[s]:  # "Mrs May", "Mrs Theresa May", "Mr. Trump"
                    if _titled(text[max(0, p - 60):p], before, name[s]):
                        titled[s].add(g)
        pron = _pattern(pronouns)
        spans = sorted(sentences)
        for i, (a, b) in enumerate(spans):
            named = [(p, s) for s, ps in positions.items() for p in ps if a <= p < b]
            if len({s for _, s in named}) != 1:
                continue
            s = named[0][1]
            after = [pronouns[m.group().casefold()]
                     for m in pron.finditer(text, min(p for p, _ in named), b)]
            if i + 1 < len(spans):
                na, nb = spans[i + 1]
                if not any(na <= p < nb for ps in positions.values() for p in ps):
                    after += [pronouns[m.group().casefold()] for m in pron.finditer(text, na, nb)]
            if len(set(after)) == 1:
                said[s].add(after[0])
        gender = {s: next(iter(titled[s] or g)) for s, g in said.items()
                  if len(titled[s] or g) == 1 and s in unique}
        return cls(positions, gender, tuple(a for a, _ in spans), pronouns,
                   frozenset(positions) - unique)

    def agrees(self, name: str, pronoun: str) -> bool:
        """The article gives the person of short name ``name`` the gender of ``pronoun``."""
        g = self.pronouns.get(pronoun.casefold())
        return g is not None and name not in self.shared and self.gender.get(name) == g

    def name(self, start: int, pronoun: str) -> str | None:
        """The short name the subject ``pronoun`` of the sentence at ``start`` stands for,
        or None (leave it as written)."""
        g = self.pronouns.get(pronoun.casefold())
        if g is None:
            return None
        last = {s: max(p for p in ps if p < start) for s, ps in self.positions.items()
                if any(start - WINDOW <= p < start for p in ps)}
        order = sorted(last, key=lambda s: (-last[s], s))
        if len(order) == 1:
            lone = order[0]
            return None if self.gender.get(lone, g) != g or lone in self.shared else lone
        for k, s in enumerate(order):
            known = self.gender.get(s)
            if known is None:
                return None
            if known != g:
                continue
            since = max((b for b in self.sentence_starts if b <= last[s]), default=0)
            rivals = [r for r in order[:k] + order[k + 1:]
                      if last[r] >= since and self.gender.get(r, g) == g]
            return None if rivals else s
        return None


def reported_speaker(subject, top, words: Words):
    """Who the subject pronoun of a reported clause stands for: the speaker of the
    reporting verb ("BP said on Monday it will again attempt to contain oil": BP;
    "officials said they ..."), or None. The "it" of a clause of time or reason is the
    subject of the clause it hangs on ("The rig had been burning for 36 hours when it
    sank on Thursday": the rig; a "he" there is left alone: "Murray, who was with the
    singer when he collapsed"). ``top``: the verb of the clause the title tells,
    whose own subject the pronoun must be. "It" is a speaker that is no person and no
    people ("the company", "BP"; not "the president", "officials"); "they", people or
    things in the plural; "he"/"she" a named person (whether the article gives them that
    gender is the caller's to check: Referents.agrees). Not in a clause that tells no
    happening: a copula or a verb with an adjective ("said it was too early", "said it
    remained unclear", "said they were here")."""
    if subject is None or subject.pos_ != "PRON" or subject.dep_ not in SUBJECTS \
            or subject.head.i != top.i:     # the subject of the clause the title tells
        return None
    clause = top
    said = clause.dep_ == "ccomp" and clause.head.lemma_.casefold() in words.reporting_verbs
    when = clause.dep_ == "advcl" and clause.head.pos_ in ("VERB", "AUX") and any(
        c.dep_ == "mark" or c.tag_ == "WRB" for c in clause.children)   # since, when
    if not (said or when) or when and subject.lower_ not in words.thing_pronouns:
        return None
    speaker = subject_of(clause.head)
    if speaker is None or speaker.dep_ not in ("nsubj", "nsubjpass") \
            or speaker.pos_ not in ("NOUN", "PROPN") or said and speaker.dep_ != "nsubj":
        return None
    pronoun = subject.lower_
    many = speaker.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in speaker.children)
    person = speaker.ent_type_ == "PERSON"
    if base_verb(clause, words) == BE or any(c.dep_ in ("acomp", "expl") for c in clause.children):
        return None         # "said it was too early", "said they were here": no happening
    if pronoun in words.thing_pronouns:
        return None if many or person or speaker.lower_ in words.person_nouns else speaker
    if pronoun in words.group_pronouns:
        return speaker if many else None
    if pronoun in words.he_pronouns | words.she_pronouns:
        return speaker if person and not many else None
    return None
