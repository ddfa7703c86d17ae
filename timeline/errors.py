"""The exception tree. The CLI catches TimelineError once, prints it, exits 1.

Every error a user can cause is a TimelineError carrying the file (and, for YAML,
the line and column) so the message can be printed as ``path:line:col: message``.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one file. ``line``/``col`` are 1-based, 0 when unknown."""

    path: str
    message: str
    line: int = 0
    col: int = 0
    severity: str = "error"  # "error" | "warning"

    def __str__(self) -> str:
        where = self.path
        if self.line:
            where += f":{self.line}"
            if self.col:
                where += f":{self.col}"
        prefix = "warning: " if self.severity == "warning" else ""
        return f"{where}: {prefix}{self.message}"


class TimelineError(Exception):
    """Base of every error the user can cause and fix. Exit code 1."""

    exit_code = 1

    def __init__(self, message: str, *, path: str | Path | None = None, line: int = 0, col: int = 0):
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        self.col = col

    def __str__(self) -> str:
        if self.path is None:
            return self.message
        return str(Problem(self.path, self.message, self.line, self.col))


class UsageError(TimelineError):
    """Wrong command-line use. Exit code 2."""

    exit_code = 2


class InputError(TimelineError):
    """An input file cannot be read or understood (encoding, binary, size, format)."""


class ValidationError(TimelineError):
    """One or more problems found while validating files; all are collected first."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        errors = [p for p in self.problems if p.severity == "error"]
        super().__init__(f"{len(errors)} problem(s) found")

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)


class ConfigError(TimelineError):
    """content/site.yaml is missing or wrong."""


class TemplateError(TimelineError):
    """A Jinja template failed to load or render (names the template and line)."""


class LockedError(TimelineError):
    """Another timeline process holds the project lock."""
