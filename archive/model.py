"""The records of the meetings archive, as plain Python objects.

Nothing here knows about MkDocs. Every record remembers the file and line it
came from, so that checks across records can point at the exact place.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field


@dataclass
class Located:
    path: str = ""
    line: int = 0
    lines: dict[str, int] = field(default_factory=dict, repr=False, compare=False)

    def line_of(self, attr: str) -> int:
        return self.lines.get(attr, self.line)


@dataclass
class Organisation(Located):
    id: str = ""
    name: str = ""
    kind: str = ""
    county: str | None = None
    website: str | None = None
    aliases: list[str] = field(default_factory=list)
    source: str | None = None


@dataclass
class Person(Located):
    id: str = ""
    name: str = ""
    organisation: str | None = None
    roles: list[str] = field(default_factory=list)
    email: str | None = None
    phone: str | None = None
    public_fields: list[str] = field(default_factory=list)
    name_confirmed: bool = True
    aliases: list[str] = field(default_factory=list)
    note: str | None = None
    source: str | None = None

    @property
    def public_email(self) -> str | None:
        return self.email if "epost" in self.public_fields else None

    @property
    def public_phone(self) -> str | None:
        return self.phone if "telefon" in self.public_fields else None


@dataclass
class Group(Located):
    id: str = ""
    name: str = ""
    full_name: str | None = None
    parent: str | None = None
    number: str | None = None
    leader: str | None = None
    responsible: str | None = None
    secretary: str | None = None
    members: list[str] = field(default_factory=list)
    mandate: str | None = None
    status: str = ""
    established: dt.date | None = None
    source: str | None = None


@dataclass
class FocusArea(Located):
    id: str = ""
    name: str = ""
    working_group: str | None = None
    description: str | None = None
    status: str = ""


@dataclass
class Cluster(Located):
    id: str = ""
    name: str = ""
    level: str | None = None
    region: str | None = None
    sector: str | None = None
    website: str | None = None
    contact: str | None = None
    note: str | None = None
    source: str | None = None


@dataclass
class Event(Located):
    id: str = ""
    title: str = ""
    date: dt.date | None = None
    start: str | None = None
    end: str | None = None
    place: str | None = None
    link: str | None = None
    group: str | None = None
    source: str | None = None


@dataclass
class ActionItem(Located):
    id: str | None = None
    owner: list[str] = field(default_factory=list)
    task: str = ""
    due: dt.date | None = None
    status: str = "åpen"
    carried_from: str | None = None
    # Set when the meeting is built: where the item was recorded.
    meeting_id: str = ""
    agenda_number: str = ""
    index: int = 0

    @property
    def key(self) -> str:
        """The stable name by which later meetings refer to this item."""
        return f"{self.meeting_id}#{self.id or self.index}"


@dataclass
class AgendaItem(Located):
    number: str = ""
    title: str = ""
    number_restored: bool = False
    focus_areas: list[str] = field(default_factory=list)
    clusters: list[str] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)
    refers_to_meeting: str | None = None
    decisions: list[str] = field(default_factory=list)
    actions: list[ActionItem] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        # "3" → sak-3, "Sak 38/25" → sak-38-25
        slug = re.sub(r"[^a-z0-9]+", "-", self.number.lower().replace("æ", "ae").replace("ø", "o").replace("å", "a")).strip("-")
        return "sak-" + re.sub(r"^sak-", "", slug)


@dataclass
class Attachment(Located):
    title: str = ""
    file: str | None = None


@dataclass
class Meeting(Located):
    id: str = ""  # path below docs/moter without .md, e.g. naeringsgruppen/2025-01-16
    src_path: str = ""  # path below docs/, e.g. moter/naeringsgruppen/2025-01-16.md
    group: str = ""
    title: str | None = None
    date: dt.date | None = None
    date_after: dt.date | None = None
    date_before: dt.date | None = None
    date_note: str | None = None
    start: str | None = None
    end: str | None = None
    place: str | None = None
    online: str | None = None
    status: str = ""
    minutes_in_archive: bool = True
    chair: str | None = None
    secretary: str | None = None
    present: list[str] = field(default_factory=list)
    present_online: list[str] = field(default_factory=list)
    absent: list[str] = field(default_factory=list)
    invited: list[str] = field(default_factory=list)
    agenda: list[AgendaItem] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    events: list[str] = field(default_factory=list)
    source: str | None = None
    body: str = ""
    body_first_line: int = 1

    @property
    def date_known(self) -> bool:
        return self.date is not None

    @property
    def sort_date(self) -> dt.date:
        """The date used for ordering: the date, or the latest it can have been."""
        if self.date:
            return self.date
        if self.date_before:
            return self.date_before - dt.timedelta(days=1)
        if self.date_after:
            return self.date_after + dt.timedelta(days=1)
        return dt.date.min

    @property
    def year(self) -> int:
        return self.sort_date.year

    @property
    def attendees(self) -> list[str]:
        """Everyone who took part: chair, secretary, present in the room and online."""
        seen: list[str] = []
        for person in [self.chair, self.secretary, *self.present, *self.present_online]:
            if person and person not in seen:
                seen.append(person)
        return seen

    @property
    def actions(self) -> list[ActionItem]:
        return [action for item in self.agenda for action in item.actions]

    @property
    def decisions(self) -> list[tuple[AgendaItem, str]]:
        return [(item, decision) for item in self.agenda for decision in item.decisions]
