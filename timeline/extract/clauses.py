"""The clause a time expression belongs to, in a spaCy parse: the verb it hangs on, the
verb that carries the subject, that subject, and whether the clause tells of something
planned rather than done. Pure functions over tokens; the words come from the language's
resources (timeline.extract.titles renders the clause as a headline).
"""
from __future__ import annotations

from .resources import Words

VERBISH = ("VERB", "AUX")
NOUNISH = ("NOUN", "PROPN", "PRON", "NUM")
SUBJECTS = ("nsubj", "nsubjpass", "csubj")
NOMINAL_MODIFIERS = ("poss", "compound", "amod", "nummod", "nmod")
BE, HAVE = "<be>", "<have>"     # base_verb's names for the copula and the perfect auxiliary
# What a two-word title (standalone) would leave out of a verb; the subjects that are
# names; the parts of speech that carry content.
LEFT_OUT = ("dobj", "dative", "xcomp", "ccomp", "attr", "acomp", "oprd")
# The entity labels that name something (phrases shows them whole), and the subjects that
# are names: those with people and without places ("Venezuela sinks" was a place the
# parser took for the subject of "an offshore platform ... sank")
NAMES = ("GPE", "LOC", "FAC", "ORG", "NORP", "EVENT", "WORK_OF_ART", "PRODUCT", "LAW")
NAMED_SUBJECTS = ("PERSON",) + tuple(n for n in NAMES if n not in ("GPE", "LOC"))
CONTENT_POS = ("NOUN", "PROPN", "VERB", "ADJ", "NUM")
RELATIVE_TAGS = ("WDT", "WP")   # "which", "that", "who" (not "whose": "whose car")


def expression_tokens(doc, start: int, end: int) -> list:
    return [t for t in doc if t.idx < end and t.idx + len(t.text) > start]


def _root(tokens: list):
    """The token of an expression that hangs on a word outside it (its head in the parse);
    of several, not a determiner: in "after the 12 January earthquake" the expression's
    "the" is the earthquake's, and so is its date ("12" a modifier of the noun)."""
    inside = {t.i for t in tokens}
    outward = [t for t in tokens if t.head.i not in inside or t.head.i == t.i]
    return next((t for t in outward if t.dep_ != "det"), outward[0] if outward else tokens[0])


def governing_verb(tokens: list):
    """The verb a time expression hangs on; None when it only modifies a noun
    ("Thursday's summit", "a 1957 pandemic") or the sentence has no verb."""
    if not tokens:
        return None
    inside = {t.i for t in tokens}
    root = _root(tokens)
    if root.dep_ in NOMINAL_MODIFIERS and root.head.pos_ in ("NOUN", "PROPN"):
        return None
    node = root
    while node.pos_ not in VERBISH or node.i in inside:
        if node.head.i == node.i:
            return None
        node = node.head
    return node


def reported_on(verb, exprs: list, start: int, doc, words: Words) -> list:
    """Of the expressions dating a reported clause's ``verb`` (several), those written
    between the reporting verb and the clause's subject: the report's day, which the
    model hung on the clause ("BP said on Monday it will try again on Friday": "on
    Monday" on "try", which then kept the first day). ``start``: the sentence's offset
    in the text the expressions' offsets count in. A clause dated once keeps its date
    ("BP said on Sunday it is making progress": Sunday's news, told without "says")."""
    report = verb.head
    if len(exprs) < 2 or verb.dep_ != "ccomp" or report.i > verb.i \
            or report.lemma_.casefold() not in words.reporting_verbs:
        return []
    opening = [c.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "mark")]
    if not opening:
        return []
    moved = [e for e in exprs
             if (toks := expression_tokens(doc, e.start - start, e.end - start))
             and all(report.i < t.i < min(opening) for t in toks)]
    return moved if len(moved) < len(exprs) else []


def dates_another_event(tokens: list, words: Words) -> bool:
    """Whether a time expression dates the event a noun names, placed before or after the
    clause's own happening ("Album rockets up the charts since his death on Thursday",
    "protests after the vote on Tuesday"): it hangs on a noun that is the object of one
    of relation_prepositions, so it is not the date of the clause's verb."""
    if not tokens:
        return False
    root = _root(tokens)
    prep = root.head if root.dep_ == "pobj" else None
    if prep is None or prep.dep_ != "prep" or prep.head.pos_ not in ("NOUN", "PROPN"):
        return False
    noun = prep.head
    return noun.dep_ == "pobj" and noun.head.lower_ in words.relation_prepositions


def clause_top(verb, words: Words):
    """Climb xcomp links to the verb that carries the subject ("planned" in "had planned
    to sign"), also through an adjective of planned_verbs ("are due to open": are)."""
    top = verb
    while top.dep_ == "xcomp":
        head = top.head
        if head.pos_ in VERBISH:
            top = head
        elif head.pos_ == "ADJ" and head.dep_ == "acomp" \
                and head.head.pos_ in VERBISH and head.lemma_.casefold() in words.planned_verbs:
            top = head.head
        else:
            break
    return top


def in_speech(sentence: str, char: int) -> bool:
    """The character offset lies inside quotation marks opened in this sentence."""
    marks = sum(sentence[:char].count(m) for m in "\"“”")
    return marks % 2 == 1


def is_open_question(verb, words: Words) -> bool:
    """The verb's clause asks or supposes rather than reports: opened by a word of
    open_question_marks ("explore whether the company broke rules in 2009", "if the cap
    holds until Friday"), on the verb or the clause it belongs to."""
    return any(c.dep_ == "mark" and c.lower_ in words.open_question_marks
               for node in (verb, clause_top(verb, words)) for c in node.children)


def is_planned(verb, words: Words) -> bool:
    """Planned, expected, cancelled or future: the verb or a verb it depends on says so."""
    node = verb
    for _ in range(4):
        if node.lemma_.casefold() in words.planned_verbs:
            return True
        for child in node.children:
            if child.dep_ in ("aux", "auxpass") and child.lower_ in words.future_aux:
                return True
            if child.dep_ == "aux" and child.lower_ in words.going_to:
                return True
            if child.dep_ in ("acomp", "oprd") and child.lemma_.casefold() in words.planned_verbs:
                return True
        if node.dep_ == "xcomp" and base_verb(node.head, words) == BE:     # "is to meet"
            return True
        if node.dep_ not in ("xcomp", "ccomp", "conj", "advcl") or node.head.i == node.i:
            break
        if node.dep_ in ("ccomp", "advcl") and node.head.lemma_.casefold() in words.reporting_verbs:
            break
        node = node.head
    return False


def base_verb(token, words: Words) -> str:
    """The verb's lemma, BE or HAVE for the forms of the copula and the perfect auxiliary
    (which the lemmatizer can leave alone)."""
    lemma = (token.lemma_ or token.lower_).casefold()
    if lemma in words.be_forms or token.lower_ in words.be_forms:
        return BE
    if lemma in words.have_forms:
        return HAVE
    return lemma


def subject_of(verb):
    """The verb's subject, climbing "and" and to-clause links ("collapsed and died"); of
    a relative clause whose subject is its relative pronoun, the noun it stands for ("the
    rig that exploded", "Jackson, who collapsed and died": rig, Jackson)."""
    node = verb
    for _ in range(4):
        for c in node.children:
            if c.dep_ in SUBJECTS:
                if c.tag_ in RELATIVE_TAGS and node.dep_ == "relcl" and node.head.pos_ in NOUNISH:
                    return node.head
                return c
        if node.dep_ in ("relcl", "acl") and node.head.pos_ in NOUNISH:
            return node.head
        if node.dep_ not in ("conj", "xcomp") or node.head.i == node.i:
            return None
        node = node.head
    return None


def planned_noun(verb, words: Words):
    """(its verb, the noun) when ``verb`` is a participle of planned_verbs that only says
    when something was planned ("a visit to Kabul by envoy Khalilzad planned for
    Thursday has been called off", "cancelled a visit that had been scheduled for
    Friday"): the date is the planned thing's, and what the sentence tells of it is the
    clause of the noun it describes (called off, cancelled); None otherwise. The parse
    may hang the participle on a noun inside that noun's phrase ("by ... Khalilzad")."""
    participle = verb.tag_ == "VBN" or verb.dep_ == "acl" and not any(
        c.dep_ in SUBJECTS for c in verb.children)      # (the parse may tag it VBD)
    if verb.dep_ not in ("acl", "relcl") or not participle \
            or verb.lemma_.casefold() not in words.planned_verbs:
        return None
    noun = verb.head
    for _ in range(4):
        if noun.dep_ in SUBJECTS + ("dobj",) and noun.head.pos_ in VERBISH:
            return noun.head, noun
        if noun.dep_ not in ("pobj", "prep", "compound", "appos", "conj"):
            return None
        noun = noun.head
    return None


def untold_relative(top, words: Words) -> bool:
    """A relative clause a headline cannot tell from its parts: one whose relative word
    is not its subject ("signs of stress which the singer showed": no "Which singer
    shows"; "the virus which the WHO warned today has the potential ...": the parse
    cannot tell which verb the object is of); one of "whose" ("Murray, whose
    trial is due to begin"); one that only describes its noun ("Frieden, who has been New
    York City's top health official since 2002": a copula, no happening); one whose
    "which" (thing_pronouns) the parse hung on a person ("the governor of Louisiana,
    which is still recovering": Louisiana is, not the governor), or whose "who"
    (person_relatives) it hung on an abstract noun (abstract_endings: "a reputation for
    speaking his mind who sparked a huge row": he did)."""
    node = top
    while node.dep_ == "conj" and node.head.pos_ in VERBISH:
        node = node.head                            # "who collapsed and died"
    if node.dep_ != "relcl":
        return False
    noun = node.head
    person = noun.ent_type_ == "PERSON" or noun.lower_ in words.person_nouns
    return base_verb(node, words) == BE or any(
        c.dep_ in SUBJECTS and c.lower_ in words.thing_pronouns and person or
        c.dep_ in SUBJECTS and c.lower_ in words.person_relatives and noun.pos_ == "NOUN"
        and noun.lower_.endswith(tuple(words.abstract_endings)) or
        c.tag_ in RELATIVE_TAGS and c.dep_ not in SUBJECTS or c.tag_ == "WP$"
        or any(d.tag_ == "WP$" for d in c.children) for c in node.children)


def claim_frame(verb, words: Words):
    """(claim verb, claimed clause) when the clause of ``verb`` is what someone claims,
    alleges, denies or accuses someone of (claim_verbs): "Chernoff claimed the singer
    swallowed several pills on the morning of his death" -> (claimed, swallowed);
    "accused BP on Monday of lying" -> (accused, lying). None otherwise, also for a
    claim verb without a clause ("denied the charge"), a clause joined to one by "and"
    ("denied the charge and was released"), a side clause ("insists the company will
    bounce back as analysts forecast a slump": the writer's, not the claim) and a passive
    claim, whose title says it ("Alyeska was accused of putting safety at risk")."""
    top = clause_top(verb, words)
    if top.lemma_.casefold() in words.claim_verbs and not _passive(top):
        inner = verb if verb is not top else _claimed_clause(top)
        return None if inner is None else (top, inner)
    node = top
    for _ in range(5):
        head = node.head
        if head.i == node.i:
            return None
        if node.dep_ == "ccomp" and head.lemma_.casefold() in words.claim_verbs:
            return None if _passive(head) else (head, top)
        if node.dep_ == "pcomp" and head.dep_ == "prep" \
                and head.head.lemma_.casefold() in words.claim_verbs:
            return None if _passive(head.head) else (head.head, top)   # "accused BP of lying"
        if node.dep_ not in ("ccomp", "conj", "xcomp") or (
                node.dep_ == "ccomp" and head.lemma_.casefold() in words.reporting_verbs):
            return None     # "X claims ... Oil giant says workers collect ...": what is
        node = head         # said is the said clause's (a heading run into the text)
    return None


def _claimed_clause(claim):
    """What the claim verb ``claim`` (itself the dated verb) claims: its clause
    ("claimed the singer swallowed", ccomp) or verbal xcomp, else the verb a preposition
    of it takes ("accused BP of lying"); None without one ("denied the charge")."""
    clause = next((c for c in claim.children if c.dep_ == "ccomp"
                   or (c.dep_ == "xcomp" and c.pos_ == "VERB")), None)
    if clause is not None:
        return clause
    return next((p for c in claim.children if c.dep_ == "prep"
                 for p in c.children if p.dep_ == "pcomp" and p.pos_ == "VERB"), None)


def claim_noun(verb, words: Words):
    """The claim noun whose content the clause of ``verb`` is ("stepped back from claims
    that Jackson swallowed a fatal dose": claims), or None: someone's claim, which no
    title may state as a fact."""
    top = clause_top(verb, words)
    if top.dep_ not in ("acl", "ccomp", "appos") or top.head.pos_ != "NOUN" \
            or top.head.lower_ not in words.claim_nouns:
        return None
    subject = subject_of(top)       # after the noun: not "the claims filed as of Monday"
    return top.head if subject is not None and subject.i > top.head.i else None


def _passive(verb) -> bool:
    """Passive, or a participle without an auxiliary ("the doctor accused of causing")."""
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children) or (
        verb.tag_ == "VBN" and not any(c.dep_ == "aux" for c in verb.children))


def title_subject(verb, words: Words):
    """The subject a title of ``verb``'s clause starts with: the claimant's for a claimed
    clause ("He claimed the singer had swallowed pills": he), else its own."""
    frame = claim_frame(verb, words)
    return subject_of(frame[0] if frame is not None else clause_top(verb, words))


def coordinated(noun) -> bool:
    """Whether ``noun`` heads "X and Y" (a conjunct joined by a coordinator), not an
    apposition the parse calls a conjunct ("the powerful anesthetic, Propofol, which
    killed him": one anesthetic)."""
    node = noun
    for _ in range(8):       # "BP, Transocean and Halliburton": the "and" is the last one's
        conj = next((c for c in node.children if c.dep_ == "conj"), None)
        if conj is None:
            return False
        if any(c.dep_ == "cc" for c in node.children) or any(c.dep_ == "cc" for c in conj.children):
            return True
        node = conj
    return False


def counted(token, words: Words):
    """What a partitive word counts ("[some] of the oil" -> oil), or None."""
    if token.lower_ not in words.partitive_heads:
        return None
    return next((p for c in token.children if c.dep_ == "prep" and c.lower_ in
                 words.of_prepositions for p in c.children if p.dep_ == "pobj"), None)


def standalone(subject, verb, skip: set[int], words: Words, named: bool = False) -> bool:
    """Whether a named or noun subject and its verb say what happened in two words
    ("Jackson dies", "Rig sinks", "Well capped"; ``named``: the subject is a pronoun the
    title replaced with the name it stands for, "He was arrested" -> "Jackson
    arrested"): a verb of standalone_verbs, no
    participle of a noun ("a call with analysts planned for Friday"), with nothing the
    title leaves out: no object or complement ("BP began trying to thread a tube",
    "come the autumn"), no phrase dropped for the date in it ("was based on interviews
    between May 21-23")."""
    if subject is None or verb.dep_ in ("acl", "relcl") \
            or base_verb(verb, words) not in words.standalone_verbs:
        return False
    # a name the entity recogniser knows, or a noun with a determiner ("the rig", "its
    # chief"): not a capitalised word the parser took for a name ("Signs emerged
    # yesterday that ..."), nor a bare plural ("people stayed home")
    if not (named or subject.ent_type_ in NAMED_SUBJECTS or subject.pos_ == "NOUN" and any(
            c.dep_ in ("det", "poss") for c in subject.children)):
        return False
    if any(c.dep_ in ("acl", "ccomp") for c in subject.children):
        return False                # what the subject says is in its clause: "Signs that ..."
    for c in verb.children:
        if c.dep_ in LEFT_OUT:
            return False
        if c.dep_ == "prep" and any(t.i in skip for t in c.subtree) \
                and any(t.i not in skip and t.pos_ in CONTENT_POS for t in c.subtree):
            return False
    return True
