"""A problem found in a file: what every check reports and every printer prints."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass


def visible(text: str) -> str:
    """`text` with every invisible or line-breaking character written as its code
    (\\n, \\u202e …). A file may be named with a line break in it: printed as it
    is, the rest of its name would read as a problem of its own, or as a command
    to GitHub Actions («::error …»)."""
    if text.isprintable():
        return text
    return "".join(
        char if char == " " or unicodedata.category(char) not in ("Cc", "Cf", "Zl", "Zp", "Zs", "Cs", "Co", "Cn") else ascii(char)[1:-1] for char in text
    )


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    message: str

    @property
    def shown_path(self) -> str:
        return visible(self.path)

    def __str__(self) -> str:
        if self.line:
            return f"{self.shown_path}:{self.line}: {visible(self.message)}"
        return f"{self.shown_path}: {visible(self.message)}"

    def github_annotation(self) -> str:
        # GitHub Actions turns this line into an annotation on the diff. Its
        # properties end at «,» and «::», so those are escaped in the path too.
        message = visible(self.message).replace("%", "%25")
        path = self.shown_path.replace("%", "%25").replace(":", "%3A").replace(",", "%2C")
        location = f"file={path}"
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
