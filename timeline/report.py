"""What a command did, as lines for the terminal and an exit code."""
from __future__ import annotations

from dataclasses import dataclass, field

from .errors import Problem


@dataclass
class Report:
    """Collected by a library function, printed by the CLI."""

    info: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    summary: str = ""

    def add(self, problem: Problem) -> None:
        self.problems.append(problem)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def exit_code(self) -> int:
        return 1 if self.errors else 0

    def lines(self) -> list[str]:
        out = list(self.info)
        out.extend(str(p) for p in self.problems)
        if self.summary:
            out.append(self.summary)
        return out
