"""Loading and validating a language's tagger resources (lexicon.yaml, rules.yaml).

A language is a folder ``resources/<lang>/`` holding two YAML files whose formats are
described in their headers (a rule's pattern becomes a regex in tagger.expand). Loading
checks every field and names the file (and the rule) in a ConfigError when something is
wrong; a second language needs only a new folder. The result is an immutable
:class:`Resources` value.

Start-up cost: :func:`cached` (what the tagger uses) reads the packaged resources through
the user cache (timeline.usercache), so a process pays the YAML reading, validation and
rule analysis (~0.13 s CPU) only the first time a given version of the files and code is
loaded (each class and macro is parsed once for all the rules that inline it:
regex_program.Pieces); each rule's regex is compiled on first use, from the program the
cache keeps for it (tagger/regex_program.py: no parsing and compiling of ~150 patterns again).
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

from .. import model, usercache
from ..errors import ConfigError
from . import dispatch, regex_program
from .expand import LIST_REF_RE, LOWER, Expander as _Expander, fail as _fail
from ..model import TIMEX_MODS, TIMEX_TYPES

RESOURCE_ROOT = Path(__file__).with_name("resources")
LEXICON_FORMAT = "timeline-tagger/lexicon 1"
RULES_FORMAT = "timeline-tagger/rules 1"
NORMS = ("day", "year", "year2", "number", "clock", "decade", "century", "lookup", "copy",
         "offset", "local", "spelledyear", "place", "hhmm", "numdate", "piece")
RULE_KEYS = {"id", "pattern", "pre", "post", "type", "value", "mod", "direction", "quant",
             "freq", "zone", "weekday", "guard", "backdrop", "examples"}
# The lexicon lists the tagger's code reads: each language's lexicon must have them all
# (an empty list is allowed), so a missing one is an error at load, not a silent gap.
# The classes the code reads by name (beside those the rules name, which load checks):
# required for the same reason. tests/test_tagger_cases.py checks that every class name
# quoted in the tagger's code is here.
REQUIRED_CLASSES = (
    "CLOCKWORD", "CLOCKLINK", "CLOCKFRACTION", "AMPM", "FRACTION", "YEARWORD", "NUMWORD",
    "DAYWORD", "PARTDAY",
    # read by the recogniser's guards
    "UNIT", "DEICTIC", "REFWORD", "SEASON", "POSPRE", "REL", "HOLIDAY", "EVERY", "WEEKDAY",
    "WEEKDAYS", "WEEKDAYABBR", "MONTH", "MONTHABBR", "ZONE", "TIMEPRE", "CLOCKDAY",
    # read by offsets
    "DAYSIDE", "OFFSETLINK")
REQUIRED_LISTS = (
    "future_cues", "strong_future_cues", "plan_participles", "deferral_verbs", "past_cues",
    "date_followers", "clause_words", "subordinators", "passive_auxiliaries",
    "pluperfect_auxiliaries", "past_auxiliaries", "plan_adverbs", "perfect_participles",
    "determiners", "adverbs", "past_possessives", "reporting_verbs", "year_fillers",
    "year_determiners", "of_the_unit_heads", "rate_words", "discourse_openers",
    "discourse_followers", "sentence_starters", "glued_openers", "glue_blockers", "destination_words", "relative_pronouns", "titles", "abbreviations", "deadline_words", "sentence_connectives",
    "range_words", "plan_prepositions", "plan_adverb_links", "plan_adverb_determiners",
    "date_prepositions", "deferral_prepositions", "past_adverbs", "aside_openers", "clock_day_links",
    "placing_prepositions", "counterfactual_modals", "irregular_participles",
    "past_endings", "adverb_endings", "present_perfect_auxiliaries",
    "future_be_forms", "infinitive_markers", "base_form_cues", "conditional_future_cues",
    "present_be_forms",
    "schedule_prepositions", "progressive_endings", "adjacent_future_cues", "noun_future_cues",
    "past_month_prepositions", "past_day_prepositions", "ahead_adjectives", "habitual_cues",
    "complementizers", "past_ending_exceptions", "causative_verbs",
    # read by offsets
    "offset_blockers", "offset_duration_verbs",
    # read by the recogniser's guards (plural_endings, singular_endings and
    # irregular_plurals by tense.Cues too)
    "name_months", "name_month_verbs", "street_words", "street_followers", "name_heads",
    "press_nouns", "month_openers", "number_labels",
    "year_events", "anchored_followers", "name_links", "rate_articles", "amount_suffixes",
    "oclock_words", "day_suffixes", "holiday_things", "deictic_clause_openers", "day_name_openers",
    "count_coordinators", "plural_verbs", "weekday_papers", "number_links", "year_coordinators",
    "plural_endings", "singular_endings", "title_links", "place_weekday_papers",
    "paper_cues_before", "paper_cues_after", "irregular_plurals", "possessive_endings",
    "zone_time_words", "season_pair_openers", "displacement_verbs", "verb_particles",
    "unmoved_objects", "temperature_words", "decade_openers",
    # read by the tagger's discourse checks (a bare clock's narrated day or an event's
    # day, weekday pairs); lists only rules name ({list:...}) are checked by the rules' load
    "clock_prepositions", "backdrop_prepositions", "pair_words", "range_openers", "year_openers", "event_day_words",
    "event_day_links")
EXAMPLE_KEYS = {"text", "anchor", "place", "value", "type", "mod", "zone", "quant", "freq", "span"}
_NAME_RE = re.compile(r"^[A-Z][A-Z0-9_]*$")


@dataclass(frozen=True)
class Macro:
    name: str
    regex: str            # with {X} references still in it
    norm: str


@dataclass(frozen=True)
class Rule:
    index: int
    id: str
    type: str
    value: str
    regex: str            # expanded, with this rule's named groups
    fields: tuple         # ((group name, field name, norm, class names), ...)
    span_group: str       # group holding the expression's span
    mod: str | None = None
    direction: str | None = None
    quant: str | None = None
    freq: str | None = None
    zone: str | None = None
    guard: str | None = None
    weekday: str | None = None   # template of the ISO weekday written with a date
    # regex compiled into plain data (regex_program.program), None where unsupported
    program: tuple | None = field(default=None, repr=False, compare=False)
    backdrop: bool = False       # a day named in passing: not the date narrated after it

    @cached_property
    def field_names(self) -> frozenset:
        return frozenset(f for _, f, *_ in self.fields)

    @cached_property
    def compiled(self) -> re.Pattern:
        """The rule's pattern, compiled on first use (load validated it already)."""
        if self.program is not None:
            return regex_program.pattern(self.program)
        return re.compile(self.regex)

    def __getstate__(self) -> dict:
        # Pickled (usercache) without what is derived on use: a process compiles only
        # the rules its text reaches.
        return {k: v for k, v in self.__dict__.items() if k not in ("compiled", "field_names")}


@dataclass(frozen=True)
class Example:
    source: str           # "rules.yaml" etc., for test ids
    text: str
    anchor: str
    place: str | None
    expected: dict        # value/type/mod/zone/... (value None = nothing found)
    span: str | None = None   # the words of the expression checked (None: the last found)


@dataclass(frozen=True)
class Resources:
    language: str
    classes: dict         # class -> {normalised form: value}
    cased: dict           # class -> {normalised form: the forms as written} (case-sensitive
    #                       forms: "Mar" and "MAR"; a form written in lower case is any case)
    lists: dict           # list name -> frozenset of words
    rules: tuple          # Rule, in priority order
    examples: tuple       # Example
    gate: Any             # compiled: word starts where an expression may begin
    by_word: dict         # first word ("" = a digit...) -> the Rules that can start so, in order
    weak: frozenset       # first words that are no expression alone ("the", "last", "at")
    follow: frozenset     # every word of the lexicon and the rules: what may follow a weak word
    # the gate compiled into plain data (regex_program.program), None where unsupported
    gate_program: tuple | None = field(default=None, repr=False, compare=False)
    # first word -> (the next word's key -> the Rules to try, in order; the Rules for a
    # word of no key), for the few first words of many rules: dispatch.by_second_word
    by_pair: dict = field(default_factory=dict, repr=False, compare=False)

    def __getstate__(self) -> dict:
        # Pickled (usercache) with the gate as its compiled program: a pickled Pattern is
        # only its source, compiled again by every process that unpickles it (~4 ms).
        state = {k: v for k, v in self.__dict__.items() if k != "guard_patterns"}   # built on use
        return {**state, "gate": self.gate_program or self.gate, "gate_program": None}

    def __setstate__(self, state: dict) -> None:
        gate = state["gate"]
        if isinstance(gate, tuple):
            state = {**state, "gate": regex_program.pattern(gate), "gate_program": gate}
        self.__dict__.update(state)

    @cached_property
    def guard_patterns(self):
        """The guards' regexes of this language's lists (guards.GuardPatterns), on first use."""
        from .guards import guard_patterns    # guards imports this module
        return guard_patterns(self.lists)

    def lookup(self, classes: tuple, text: str) -> str | None:
        """The value of ``text`` (as written) in the first of ``classes`` that has it."""
        key = form_key(text)
        for name in classes:
            value = self.classes[name].get(key)
            if value is not None:
                written = self.cased[name].get(key)
                if written is not None and " ".join(text.split()).rstrip(".-") not in written:
                    continue      # "may" is not "May"
                return value
        return None


def form_key(text: str) -> str:
    """How a surface form is looked up: lower case, one space, no trailing full stop."""
    return " ".join(text.lower().split()).rstrip(".-") or text.lower()


def _load_yaml(path: Path, expected_format: str, language: str, raw: bytes | None = None) -> dict:
    """The file's mapping (``raw``: its bytes, when already read), header checked."""
    import yaml    # only when the resources are not in the user cache

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)   # libyaml when available
    try:
        data = yaml.load((path.read_bytes() if raw is None else raw).decode("utf-8"), Loader=loader)
    except OSError as exc:
        raise _fail(path, f"cannot read: {exc}") from None
    except UnicodeDecodeError as exc:
        raise _fail(path, f"not UTF-8 text (byte {exc.start})") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}:{mark.column + 1}" if mark else ""
        raise ConfigError(f"{path}{where}: malformed YAML: {getattr(exc, 'problem', exc)}") from None
    if not isinstance(data, dict):
        raise _fail(path, "expected a mapping at the top level")
    if data.get("format") != expected_format:
        raise _fail(path, f"format must be {expected_format!r}, found {data.get('format')!r}")
    if data.get("language") != language:
        raise _fail(path, f"language must be {language!r} (the folder's name)")
    return data


def _form_tokens(form: str) -> list[str]:
    """A form as regex tokens (regex_program.trie): its characters, \\s+ between words."""
    words = form.translate(LOWER).split()
    return [t for i, w in enumerate(words) for t in [r"\s+"] * bool(i) + [re.escape(c) for c in w]]


def _class_regex(forms: dict) -> str:
    # Longest first, so "a few" beats "a"; whole words only. Written as a trie (smaller,
    # quicker to parse, compile and match; the same alternatives in the same order).
    ordered = [_form_tokens(f) for f in sorted(forms, key=lambda f: (-len(f), f))]
    alts = regex_program.trie(ordered) or "|".join("".join(tokens) for tokens in ordered)
    # Whole words at the end; the start is bounded by whatever precedes in the rule
    # (a space, or the word start the combined pattern requires), so "1:30pm" works.
    return rf"(?:{alts})(?![\w])" if all(f[-1].isalnum() for f in forms) else f"(?:{alts})"


def _parse_lexicon(path: Path, data: dict) -> tuple[dict, dict, dict]:
    classes: dict[str, dict[str, str]] = {}
    cased: dict[str, dict[str, str]] = {}
    class_regex: dict[str, str] = {}
    raw = data.get("classes")
    if not isinstance(raw, dict) or not raw:
        raise _fail(path, "'classes' must be a non-empty mapping")
    for name, forms in raw.items():
        if not isinstance(name, str) or not _NAME_RE.match(name):
            raise _fail(path, f"class name {name!r} must be UPPER_CASE")
        if not isinstance(forms, dict) or not forms:
            raise _fail(path, f"class {name}: expected a non-empty mapping form -> value")
        table, written, any_case = {}, {}, set()
        for form, value in forms.items():
            if not isinstance(form, str) or not form.strip() or value is None:
                raise _fail(path, f"class {name}: bad entry {form!r}: {value!r}")
            table[form_key(form)] = str(value)
            if form != form.lower():    # "Mar" and "MAR" both: either as written
                written.setdefault(form_key(form), set()).add(" ".join(form.split()).rstrip("."))
            else:
                any_case.add(form_key(form))
        classes[name] = table
        cased[name] = {k: frozenset(v) for k, v in written.items() if k not in any_case}
        class_regex[name] = _class_regex({str(f): None for f in forms})
    lists = {}
    for name, words in (data.get("lists") or {}).items():
        if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
            raise _fail(path, f"list {name}: expected a list of words")
        lists[name] = frozenset(w.lower() for w in words)
        if len(lists[name]) != len(words):
            twice = sorted(w for w, n in Counter(w.lower() for w in words).items() if n > 1)
            raise _fail(path, f"list {name}: {', '.join(twice)} written twice (a slip: "
                              "was another word meant?)")
    _require(path, "lists", REQUIRED_LISTS, lists, "; an empty list [] is allowed")
    _require(path, "classes", REQUIRED_CLASSES, classes)
    return classes, cased, class_regex, lists


def _require(path: Path, kind: str, names: tuple, present: dict, note: str = "") -> None:
    """Refuse a lexicon without one of ``names`` (its ``kind``: lists, classes), which the
    tagger's code reads by name."""
    missing = [name for name in names if name not in present]
    if missing:
        raise _fail(path, f"{kind}: missing {', '.join(missing)} (the tagger reads each{note})")


def _parse_macros(path: Path, data: dict, classes: dict) -> dict:
    macros = {}
    for name, spec in (data.get("macros") or {}).items():
        if not _NAME_RE.match(str(name)) or name in classes:
            raise _fail(path, f"macro name {name!r} must be UPPER_CASE and not a class name")
        if not isinstance(spec, dict) or not isinstance(spec.get("regex"), str):
            raise _fail(path, f"macro {name}: needs 'regex' (a string) and 'norm'")
        if spec.get("norm") not in NORMS:
            raise _fail(path, f"macro {name}: norm must be one of {', '.join(NORMS)}")
        macros[name] = Macro(name, spec["regex"], spec["norm"])
    return macros


def _parse_examples(path: Path, items: Any, where: str) -> list[Example]:
    out = []
    for item in items or []:
        if not isinstance(item, dict) or not isinstance(item.get("text"), str) \
                or "anchor" not in item or set(item) - EXAMPLE_KEYS:
            raise _fail(path, f"{where}: an example needs text and anchor (and only "
                              f"{', '.join(sorted(EXAMPLE_KEYS))}): {item!r}")
        expected = {k: item[k] for k in ("value", "type", "mod", "zone", "quant", "freq")
                    if k in item}
        out.append(Example(path.name, item["text"], str(item["anchor"]), item.get("place"),
                           expected, item.get("span")))
    return out


def _parse_rules(path: Path, data: dict, expander: _Expander) -> tuple[list[Rule], list, dict]:
    """(rules, their examples, rule index -> its parsed regex)."""
    from .guards import GUARDS    # the guards a rule may name (guards imports this module)
    raw = data.get("rules")
    if not isinstance(raw, list) or not raw:
        raise _fail(path, "'rules' must be a non-empty list")
    rules, examples, seen, trees = [], [], set(), {}
    for index, spec in enumerate(raw):
        if not isinstance(spec, dict):
            raise _fail(path, f"rule #{index + 1}: expected a mapping")
        rid = spec.get("id")
        where = f"rule {rid or '#' + str(index + 1)}"
        if not isinstance(rid, str) or rid in seen:
            raise _fail(path, f"{where}: needs a unique string id")
        seen.add(rid)
        unknown = set(spec) - RULE_KEYS
        if unknown:
            raise _fail(path, f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
        if spec.get("type") not in TIMEX_TYPES:
            raise _fail(path, f"{where}: type must be one of {', '.join(TIMEX_TYPES)}")
        for key in ("pattern", "value"):
            if not isinstance(spec.get(key), str) or not spec[key]:
                raise _fail(path, f"{where}: '{key}' must be a non-empty string")
        if spec.get("guard") not in (None, *GUARDS):
            raise _fail(path, f"{where}: guard must be one of {', '.join(GUARDS)}")
        mod = spec.get("mod")
        if mod and "{" not in mod and mod not in TIMEX_MODS:
            raise _fail(path, f"{where}: mod {mod!r} is not a TimeML mod")
        fields: list = []
        span = f"r{index}_S"
        body = expander.rule(index, where, spec["pattern"], fields)
        pre = expander.rule(index, where, spec["pre"], fields) if spec.get("pre") else ("", "")
        post = expander.rule(index, where, spec["post"], fields) if spec.get("post") else ("", "")
        # pre is matched but left out of the span; post is only looked at
        regex, skeleton = (f"{p}(?P<{span}>{b})" + (f"(?={q})" if q else "")
                           for p, b, q in zip(pre, body, post))
        try:
            trees[index] = expander.pieces.parse(skeleton, regex)
            program = regex_program.program(regex, trees[index])
        except re.error as exc:
            raise _fail(path, f"{where}: bad pattern: {exc}") from None
        known = {f for _, f, *_ in fields}
        for key in ("value", "mod", "direction", "quant", "freq", "zone", "weekday"):
            # The last alternative of {A|B|lit} may be a literal; the others are fields.
            for m in re.finditer(r"\{([^{}]+)\}", spec.get(key) or ""):
                alts = m.group(1).split("|")
                for alt in alts[:-1] if len(alts) > 1 else alts:
                    if alt not in known:
                        raise _fail(path, f"{where}: {key} refers to {{{alt}}}, not in its pattern")
        if not isinstance(spec.get("backdrop", False), bool):
            raise _fail(path, f"{where}: backdrop must be true or false")
        rules.append(Rule(index, rid, spec["type"], spec["value"], regex, tuple(fields), span,
                          spec.get("mod"), spec.get("direction"), spec.get("quant"),
                          spec.get("freq"), spec.get("zone"), spec.get("guard"),
                          spec.get("weekday"), program, spec.get("backdrop", False)))
        examples += _parse_examples(path, spec.get("examples"), where)
    return rules, examples, trees


def _folder(language: str, root: Path | None) -> Path:
    if not re.fullmatch(r"[a-z]{2,3}", language or ""):
        raise ConfigError(f"tagger language must be an ISO 639 code, got {language!r}")
    folder = (root or RESOURCE_ROOT) / language
    if not folder.is_dir():
        raise ConfigError(f"no tagger resources for language {language!r} (expected {folder})")
    return folder


def load(language: str = "en", root: Path | None = None) -> Resources:
    """Read, validate and compile one language's resources (raises ConfigError)."""
    return _load(language, _folder(language, root))


def _load(language: str, folder: Path, raw: tuple[bytes, bytes] | None = None) -> Resources:
    """load() from ``folder``; ``raw``: the bytes of lexicon.yaml and rules.yaml if read."""
    lex_path, rules_path = folder / "lexicon.yaml", folder / "rules.yaml"
    lex = _load_yaml(lex_path, LEXICON_FORMAT, language, raw and raw[0])
    classes, cased, class_regex, lists = _parse_lexicon(lex_path, lex)
    rules_data = _load_yaml(rules_path, RULES_FORMAT, language, raw and raw[1])
    macros = _parse_macros(rules_path, rules_data, classes)
    rules, examples, trees = _parse_rules(rules_path, rules_data,
                                          _Expander(rules_path, class_regex, macros, lists))
    examples = _parse_examples(lex_path, lex.get("examples"), "examples") + examples \
        + _parse_examples(rules_path, rules_data.get("examples"), "examples")
    follow = frozenset(_all_words(classes, rules_data, lists))
    try:
        gate, by_word = dispatch.by_first_word(rules, follow, trees)   # each parsed once
    except ValueError as exc:
        raise _fail(rules_path, str(exc)) from None
    gate_program = regex_program.program(gate)      # compiled once, kept for the cache
    gate = regex_program.pattern(gate_program) if gate_program else re.compile(gate)
    weak = frozenset(w for w, members in by_word.items()
                     if w and not any(r.compiled.fullmatch(w) for r in members))
    return Resources(language, classes, cased, lists, tuple(rules), tuple(examples), gate, by_word,
                     weak, follow, gate_program, dispatch.by_second_word(by_word, trees))


def _all_words(classes: dict, rules_data: dict, lists: dict) -> set[str]:
    """Every word of the lexicon's forms and of the rules' literal text, with the words of
    the lexicon lists it refers to ({list:NAME}...) as if written out."""
    words = {w for table in classes.values() for form in table for w in re.findall(r"[a-z]+", form)}
    texts = [str(spec.get(key) or "") for spec in rules_data.get("rules", [])
             for key in ("pattern", "pre", "post")]
    texts += [str(spec.get("regex") or "") for spec in (rules_data.get("macros") or {}).values()]
    text = "\n".join(texts)           # read in one pass (a first run's load)
    listed = [w for m in LIST_REF_RE.finditer(text) for w in lists.get(m.group(2), ())]
    text = re.sub(r"\{[^{}\n]*\}|\\[a-z]", " ", text).translate(LOWER)
    return words | set(re.findall(r"[a-z]+", " ".join([text, *listed])))


def load_remembered(language: str = "en", root: Path | None = None) -> Resources:
    """:func:`load`, remembered across processes (timeline.usercache) under a key of the
    resource files' bytes and of the code that loads them: a process whose files and
    code were loaded before unpickles the result (a few ms) instead of reading,
    validating and analysing every rule again, and compiles only the rules it uses.
    Any change to either is a new key, so the result is always what load() gives."""
    folder = _folder(language, root)
    try:
        raw = ((folder / "lexicon.yaml").read_bytes(), (folder / "rules.yaml").read_bytes())
    except OSError:
        return _load(language, folder)     # reports the missing or unreadable file
    # The bytes hashed are the bytes parsed: a file edited meanwhile cannot be cached
    # under another version's key. The code: every module of the tagger (a module split
    # off later is in the key without anyone listing it) and the data model, each
    # length-prefixed by usercache.key.
    code = [p.read_bytes() for p in sorted(Path(__file__).parent.glob("*.py"))]
    key = usercache.key(language, *raw, regex_program.INTERPRETER,
                        Path(model.__file__).read_bytes(), *code)
    return usercache.remembered(f"tagger-{language}", key, lambda: _load(language, folder, raw))


@lru_cache(maxsize=8)
def cached(language: str = "en") -> Resources:
    """The packaged resources of a language, loaded once per process (immutable)."""
    return load_remembered(language)
