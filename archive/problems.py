"""A problem found in a file: what every check reports and every printer prints."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    message: str

    def __str__(self) -> str:
        if self.line:
            return f"{self.path}:{self.line}: {self.message}"
        return f"{self.path}: {self.message}"

    def github_annotation(self) -> str:
        # GitHub Actions turns this line into an annotation on the diff.
        message = self.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        location = f"file={self.path}"
        if self.line:
            location += f",line={self.line}"
        return f"::error {location}::{message}"


# A check reports problems through a callable that takes (line, message).
Report = Callable[[int, str], None]


def format_problems(problems: Iterable[Problem]) -> str:
    return "\n".join(str(p) for p in sorted(set(problems)))


class InvalidRepository(Exception):
    """Raised by adapters that must stop (the site build) when data is invalid."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        count = len(self.problems)
        heading = f"{count} feil i møtearkivet må rettes før nettstedet kan bygges:"
        super().__init__(heading + "\n" + format_problems(self.problems))
