"""The records of the meetings archive, as plain Python objects.

Nothing here knows about the site engine. Every record remembers the file and
line it came from, so that checks across records can point at the exact place.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(slots=True)
class Located:
    path: str = ""
    line: int = 0
    lines: dict[str, int] = field(default_factory=dict, repr=False, compare=False)
    # Attributes whose value had a problem that is reported already.
    invalid: set[str] = field(default_factory=set, repr=False, compare=False)

    def line_of(self, attr: str) -> int:
        return self.lines.get(attr, self.line)


@dataclass(slots=True)
class Organisation(Located):
    id: str = ""
    name: str = ""
    kind: str = ""
    county: str | None = None
    website: str | None = None
    aliases: list[str] = field(default_factory=list)
    source: str | None = None


@dataclass(slots=True)
class Person(Located):
    id: str = ""
    name: str = ""
    organisation: str | None = None
    roles: list[str] = field(default_factory=list)
    email: str | None = None
    phone: str | None = None
    public_fields: list[str] = field(default_factory=list)
    consent: str | None = None  # where the person agreed to show the fields in public_fields
    name_confirmed: bool = True
    aliases: list[str] = field(default_factory=list)
    note: str | None = None
    source: str | None = None

    # Contact details are shown only when listed as public and the person's
    # consent is recorded: no source, no contact data.
    @property
    def public_email(self) -> str | None:
        return self.email if "epost" in self.public_fields and self.consent else None

    @property
    def public_phone(self) -> str | None:
        return self.phone if "telefon" in self.public_fields and self.consent else None


@dataclass(slots=True)
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


@dataclass(slots=True)
class FocusArea(Located):
    id: str = ""
    name: str = ""
    working_group: str | None = None
    description: str | None = None
    status: str = ""


@dataclass(slots=True)
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


@dataclass(slots=True)
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


# -- what the body of minutes holds -------------------------------------------


@dataclass(slots=True)
class Decision(Located):
    """`Vedtak: …` in the body of an agenda item."""

    text: str = ""
    group: str | None = None  # the working group whose part of the item it stands in
    focus_areas: list[str] = field(default_factory=list)


@dataclass(slots=True)
class ActionItem(Located):
    """A follow-up: a task-list item in the body of an agenda item."""

    key: str = ""  # <meeting-id>#<item anchor>-<n>: unique by construction
    owner: list[str] = field(default_factory=list)  # person or group ids
    task: str = ""
    due: dt.date | None = None
    status: str = "åpen"  # åpen | ferdig | utgår
    carried_from: str | None = None  # key of the earlier follow-up this one reports on
    carried_from_text: str = ""  # `Fra: …` as written, for messages
    meeting_id: str = ""
    agenda_number: str = ""
    index: int = 0  # 1-based among the item's follow-ups
    group: str | None = None  # the working group whose part of the item it stands in
    focus_areas: list[str] = field(default_factory=list)


# Blocks of an agenda item's body, in the order they were written. The views
# render prose as Markdown and the other blocks from the model.


@dataclass(slots=True)
class Prose:
    text: str  # Markdown, as written
    line: int


@dataclass(slots=True)
class DecisionBlock:
    decisions: list[Decision]
    line: int


@dataclass(slots=True)
class FollowUpList:
    actions: list[ActionItem]
    line: int


@dataclass(slots=True)
class LinkLine:
    label: str  # as written: «Klynger», «Gjelder» …
    kind: str  # focus_area | cluster | group | meeting
    targets: list[str]  # ids (for meetings: meeting ids)
    line: int


@dataclass(slots=True)
class Subsection:
    """A `###` heading inside an agenda item; `group` when it names a working group."""

    title: str
    anchor: str
    group: str | None
    line: int


Block = Prose | DecisionBlock | FollowUpList | LinkLine | Subsection


@dataclass(slots=True)
class AgendaItem(Located):
    number: str = ""  # as written, normalised: "3", "Sak 38/25", "19/13"; "" when unnumbered
    title: str = ""
    anchor: str = ""  # sak-3, sak-38-25, unique in the meeting
    number_restored: bool = False  # written as [4]: the number is not in the original
    focus_areas: list[str] = field(default_factory=list)
    clusters: list[str] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)
    refers_to_meeting: str | None = None
    decisions: list[Decision] = field(default_factory=list)
    actions: list[ActionItem] = field(default_factory=list)
    blocks: list = field(default_factory=list, repr=False)  # list[Block]

    @property
    def label(self) -> str:
        """«3. Næringsklynger – status», «Sak 38/25 Budsjett», or the title alone."""
        if not self.number:
            return self.title
        separator = ". " if self.number.isdigit() else " "
        return f"{self.number}{separator}{self.title}"

    @property
    def reference(self) -> str:
        """How running text names the item: «sak 3», «sak 38/25»."""
        if not self.number:
            return f"saken «{self.title}»"
        return f"sak {self.number[4:] if self.number.lower().startswith('sak ') else self.number}"


@dataclass(slots=True)
class Attachment(Located):
    title: str = ""
    file: str | None = None


@dataclass  # not slots: the views keep their caches on the meeting
class Meeting(Located):
    id: str = ""  # path below docs/moter without .md, e.g. naeringsgruppen/2025-01-16
    src_path: str = ""  # path below docs/, e.g. moter/naeringsgruppen/2025-01-16.md
    group: str = ""
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
    invited: list[str] = field(default_factory=list)  # the group's members unless the file says otherwise
    invited_as_written: bool = False  # True when the file lists «inviterte» itself
    attachments: list[Attachment] = field(default_factory=list)
    events: list[str] = field(default_factory=list)
    source: str | None = None
    raw_body: str = field(default="", repr=False)  # the Markdown below the front matter, as written
    preamble: list = field(default_factory=list, repr=False)  # list[Block] before the first item
    agenda: list[AgendaItem] = field(default_factory=list)
    body_first_line: int = 1
    language_form: str | None = None  # «målform» as written: bokmål | nynorsk
    language: str = "nb"  # the minutes' language: nb or nn (written, else detected from the text)

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
    def held(self) -> bool:
        return self.status != "planlagt"

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
    def decisions(self) -> list[tuple[AgendaItem, Decision]]:
        return [(item, decision) for item in self.agenda for decision in item.decisions]
