"""Rule patterns into regexes: a rules.yaml pattern's {X} references expanded into the
lexicon's classes (captured as fields) and the macros (inlined), its {list:NAME},
{after:NAME} and {notafter:NAME} into the words of a lexicon list, its spaces into \\s+,
its literals lower-cased as the text is matched; and the same text with each class and
macro as a mark, so that regex_program.Pieces parses each of them once for all the rules
that inline it. Used by tagger.resources when it loads a language."""
from __future__ import annotations

import re
from pathlib import Path

from ..errors import ConfigError
from . import regex_program

# A macro of norm "piece" is syntax, not a field: inlined in a rule, never captured
# ("{COMMA}": an optional comma, tokenised or not).
PIECE = "piece"
# Text is matched in ASCII lower case (same length as the original, so offsets hold).
LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
REF_RE = re.compile(r"\{([A-Z][A-Z0-9_]*)(?:#(\d))?\}")
# A reference to a lexicon list, {FORM:NAME}; a FORM not of LIST_FORMS is refused (re would
# read "{lists:x}" as its own text).
LIST_REF_RE = re.compile(r"\{([a-z]+):([^{}]*)\}")
LIST_FORMS = ("list", "after", "notafter")
# A space in a rule (which stands for \s+) with a quantifier after it: " ?", " *", " {2}".
_QUANTIFIED_SPACE_RE = re.compile(r"(?<!\\) (?:[?*+]|\{\d)")


def fail(path: Path, message: str) -> ConfigError:
    """The error for a bad resource file: its path, then what is wrong."""
    return ConfigError(f"{path}: {message}")


def lower_literals(regex: str) -> str:
    """Lower-case a regex outside its {X} references (text is matched lower-cased); an
    escape keeps its case ("\\S" is not "\\s")."""
    def lower(t: re.Match) -> str:
        return "".join(part if part.startswith("\\") else part.translate(LOWER)
                       for part in _ESCAPE_OR_TEXT_RE.findall(t.group()))
    return re.sub(r"[^{}]+(?=\{|$)", lower, regex)


def case_checked(path: Path, regex: str, where: str) -> str:
    """``regex``, refused if it asks for case: a rule matches the text lower-cased, so a
    case-sensitive group ("(?-i:[A-Z]...)") could only ever match lower case."""
    if _CASE_GROUP_RE.search(regex):
        raise fail(path, f"{where}: no (?i) or (?-i:...): rules read the text lower-cased, so "
                         "case cannot be asked for there (a guard or a norm reads the capitals)")
    return regex


def _word(word: str, space: str) -> str:
    """A list's word as a regex: lower-cased, escaped, ``space`` between its words."""
    return space.join(map(re.escape, word.translate(LOWER).split()))


def list_regex(form: str, words) -> str:
    """What {FORM:NAME} stands for, ``words`` being list NAME's (rules.yaml's header):
    list, an alternation of the words (longest first); after, a look-behind for any of
    them and one space; notafter, one negative look-behind for each. A look-behind has a
    fixed width: one whitespace character between and after the words, and \\b before a
    word only where it begins with a letter or digit ("'s" may follow a word)."""
    ordered = sorted(words, key=lambda w: (-len(w), w))
    if form == "list":
        return "(?:" + "|".join(_word(w, r"\s+") for w in ordered) + ")" if ordered else "(?!)"
    behind = [("\\b" if re.match(r"\w", w) else "") + _word(w, r"\s") + r"\s" for w in ordered]
    if form == "after":
        return f"(?:{'|'.join(f'(?<={b})' for b in behind)})" if behind else "(?!)"
    return "".join(f"(?<!{b})" for b in behind)


# An escape or a run of other characters (lower_literals); a group that turns off or sets
# case-insensitivity (case_checked).
_ESCAPE_OR_TEXT_RE = re.compile(r"\\.|[^\\]+", re.S)
_CASE_GROUP_RE = re.compile(r"\(\?[a-zA-Z]*-[a-zA-Z]*i|\(\?[a-zA-Z]*i[a-zA-Z]*[:)]")
# A rule's spaces: an escaped character (left alone), a character class, or a space.
_SPACE_RE = re.compile(r"\\.|\[\^?\]?(?:\\.|[^\]\\])*\]| ")


def _space(m: re.Match) -> str:
    """A space in a rule is one or more spaces (\\s+), and a space inside a character
    class is one whitespace character ("[- ]": not "[-\\s+]", which also takes "+")."""
    token = m.group()
    return r"\s+" if token == " " else token.replace(" ", r"\s") if token[0] == "[" else token


class Expander:
    """Turns {X} references into regex text (inline for macros, captured for rules), and
    references to lexicon lists into their words."""

    def __init__(self, path: Path, class_regex: dict, macros: dict, lists: dict):
        self.path, self.class_regex, self.macros, self.lists = path, class_regex, macros, lists
        self._inline: dict[str, str] = {}
        # each macro's regex with its literals lower-cased and its lists written out: every
        # macro's list references checked at load, whether a rule uses it or not
        self._texts = {name: self.lists_in(lower_literals(case_checked(path, macro.regex, f"macro {name}")),
                                           f"macro {name}")
                       for name, macro in macros.items()}
        for name, text in self._texts.items():
            for m in REF_RE.finditer(text):
                self._known(m.group(1), f"macro {name}")
        # parses each class and macro once for all the rules that inline it, from its
        # text with the classes and macros it inlines as marks
        self.pieces = regex_program.Pieces(lambda name: self._expand(name, self.pieces.mark))

    def lists_in(self, regex: str, where: str) -> str:
        """``regex`` with its references to lexicon lists written out (list_regex)."""
        def sub(m: re.Match) -> str:
            form, name = m.groups()
            if form not in LIST_FORMS:
                raise fail(self.path, f"{where}: {m.group()} is no reference: a lexicon list "
                                       f"is {{list:NAME}}, {{after:NAME}} or {{notafter:NAME}}")
            if name not in self.lists:
                raise fail(self.path, f"{where}: {m.group()}: the lexicon has no list {name!r}")
            return list_regex(form, self.lists[name])
        return LIST_REF_RE.sub(sub, regex) if "{" in regex else regex

    def _known(self, name: str, where: str) -> None:
        if name not in self.class_regex and name not in self.macros:
            raise fail(self.path, f"{where}: unknown class or macro {{{name}}}")

    def _expand(self, name: str, ref) -> str:
        """A class's regex, or macro ``name``'s with each {X} in it as ``ref(X)``: the
        inlined text (inline()) or a mark (Pieces.mark)."""
        if name in self.class_regex:
            return self.class_regex[name]
        return REF_RE.sub(lambda m: ref(m.group(1)), self._texts[name])

    def inline(self, name: str, stack: tuple = ()) -> str:
        """The regex text of a class or macro ``name`` (known: see _known)."""
        if name in stack:
            raise fail(self.path, f"macro {name} refers to itself")
        if name not in self._inline:
            self._inline[name] = self._expand(
                name, lambda ref: f"(?:{self.inline(ref, stack + (name,))})")
        return self._inline[name]

    def classes_of(self, name: str) -> tuple:
        if name in self.class_regex:
            return (name,)
        return tuple(m.group(1) for m in REF_RE.finditer(self.macros[name].regex)
                     if m.group(1) in self.class_regex)

    def rule(self, index: int, where: str, pattern: str, fields: list) -> tuple[str, str]:
        """(the pattern's regex, its skeleton: the same with the classes and macros as
        marks, see regex_program.Pieces)."""
        marks = []

        def sub(m: re.Match) -> str:
            name, nth = m.group(1), m.group(2)
            self._known(name, where)
            if name in self.macros and self.macros[name].norm == PIECE:
                if nth:
                    raise fail(self.path, f"{where}: {{{name}}} is a piece (not captured); "
                                           f"write it without #{nth}")
                marks.append(self.pieces.mark(name))
                return f"(?:{self.inline(name)})"
            field = name if not nth else f"{name}_{nth}"
            group = f"r{index}_{field}"
            if any(g == group for g, *_ in fields):
                raise fail(self.path, f"{where}: {{{field}}} used twice; write {{{name}#2}}")
            norm = self.macros[name].norm if name in self.macros else "lookup"
            body = self.inline(name)
            fields.append((group, field, norm, self.classes_of(name)))
            marks.append(f"(?P<{group}>{self.pieces.mark(name)})")
            return f"(?P<{group}>{body})"

        if _QUANTIFIED_SPACE_RE.search(pattern):
            # " ?" reads as an optional space but becomes "\s+?", one or more: "June ?,"
            # then missed the untokenised "June, 2009"
            raise fail(self.path, f"{where}: a quantifier after a space (a space already means "
                                   "one or more); write \\s* or \\s? for an optional space")
        text = self.lists_in(_SPACE_RE.sub(_space, lower_literals(case_checked(self.path, pattern, where))),
                             where)
        regex, marks = REF_RE.sub(sub, text), iter(marks)
        return regex, REF_RE.sub(lambda m: next(marks), text)
