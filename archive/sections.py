"""Splitting the body of minutes into the sections of its agenda items.

The secretary writes one `## <nr>. <Title>` heading per agenda item; the
front matter holds the same items with their decisions and action items.
The validator and the meeting page both match the two through this module.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_H2 = re.compile(r"^##(?!#)\s*(?P<text>.*?)\s*#*\s*$")
# A heading that looks like it names an agenda item: "3. …", "Sak 38/25 …", "07 – 2022 …".
_NUMBERED = re.compile(r"^(sak\s+)?\d", re.IGNORECASE)


@dataclass
class Section:
    heading: str  # the heading's text, as written
    line: int  # line of the heading in the file
    lines: list[str] = field(default_factory=list)  # the text under it

    @property
    def text(self) -> str:
        return "\n".join(self.lines).strip("\n")


@dataclass
class SplitBody:
    preamble: list[str]
    by_number: dict[str, Section]
    unmatched: list[Section]  # headings that name no agenda item, in order


def heading_number(heading: str, numbers: list[str]) -> str | None:
    """The agenda number a heading starts with, if any (longest match first)."""
    for number in sorted(numbers, key=len, reverse=True):
        if heading == number or re.match(re.escape(number) + r"(\.|\s|:|$)", heading):
            return number
    return None


def split_body(body: str, first_line: int, numbers: list[str]) -> SplitBody:
    preamble: list[str] = []
    by_number: dict[str, Section] = {}
    unmatched: list[Section] = []
    current: Section | None = None
    in_fence = False
    for offset, text in enumerate(body.split("\n")):
        if text.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
        match = None if in_fence else _H2.match(text)
        if match:
            heading = match.group("text")
            current = Section(heading, first_line + offset)
            number = heading_number(heading, numbers)
            if number is not None and number not in by_number:
                by_number[number] = current
            else:
                unmatched.append(current)
            continue
        (current.lines if current else preamble).append(text)
    return SplitBody(preamble, by_number, unmatched)


def looks_numbered(heading: str) -> bool:
    return bool(_NUMBERED.match(heading))
