"""Rule patterns into regexes: a rules.yaml pattern's {X} references expanded into the
lexicon's classes (captured as fields) and the macros (inlined), its spaces into \\s+, its
literals lower-cased as the text is matched; and the same text with each class and macro
as a mark, so that regex_program.Pieces parses each of them once for all the rules that
inline it. Used by tagger.resources when it loads a language."""
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
# A space in a rule (which stands for \s+) with a quantifier after it: " ?", " *", " {2}".
_QUANTIFIED_SPACE_RE = re.compile(r"(?<!\\) (?:[?*+]|\{\d)")


def fail(path: Path, message: str) -> ConfigError:
    """The error for a bad resource file: its path, then what is wrong."""
    return ConfigError(f"{path}: {message}")


def lower_literals(regex: str) -> str:
    """Lower-case a regex outside its {X} references (text is matched lower-cased)."""
    return re.sub(r"[^{}]+(?=\{|$)", lambda t: t.group().translate(LOWER), regex)


# A rule's spaces: an escaped character (left alone), a character class, or a space.
_SPACE_RE = re.compile(r"\\.|\[\^?\]?(?:\\.|[^\]\\])*\]| ")


def _space(m: re.Match) -> str:
    """A space in a rule is one or more spaces (\\s+), and a space inside a character
    class is one whitespace character ("[- ]": not "[-\\s+]", which also takes "+")."""
    token = m.group()
    return r"\s+" if token == " " else token.replace(" ", r"\s") if token[0] == "[" else token


class Expander:
    """Turns {X} references into regex text: inline for macros, captured for rules."""

    def __init__(self, path: Path, class_regex: dict, macros: dict):
        self.path, self.class_regex, self.macros = path, class_regex, macros
        self._inline: dict[str, str] = {}
        # parses each class and macro once for all the rules that inline it
        self.pieces = regex_program.Pieces(self.skeleton)

    def inline(self, name: str, stack: tuple = ()) -> str:
        if name in self.class_regex:
            return self.class_regex[name]
        if name not in self.macros:
            raise fail(self.path, f"unknown class or macro {{{name}}}")
        if name in stack:
            raise fail(self.path, f"macro {name} refers to itself")
        if name not in self._inline:
            body = REF_RE.sub(lambda m: f"(?:{self.inline(m.group(1), stack + (name,))})",
                               lower_literals(self.macros[name].regex))
            self._inline[name] = body
        return self._inline[name]

    def skeleton(self, name: str) -> str:
        """inline(name) with the classes and macros it inlines as marks (Pieces)."""
        if name in self.class_regex:
            return self.class_regex[name]
        return REF_RE.sub(lambda m: self.pieces.mark(m.group(1)),
                           lower_literals(self.macros[name].regex))

    def classes_of(self, name: str) -> tuple:
        if name in self.class_regex:
            return (name,)
        return tuple(m.group(1) for m in REF_RE.finditer(self.macros[name].regex)
                     if m.group(1) in self.class_regex)

    def rule(self, index: int, where: str, pattern: str, fields: list) -> tuple[str, str]:
        """(the pattern's regex, its skeleton: the same with the classes and macros as
        marks, see skeleton())."""
        marks = []

        def sub(m: re.Match) -> str:
            name, nth = m.group(1), m.group(2)
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
        text = _SPACE_RE.sub(_space, lower_literals(pattern))
        regex, marks = REF_RE.sub(sub, text), iter(marks)
        return regex, REF_RE.sub(lambda m: next(marks), text)
