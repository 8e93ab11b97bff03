"""Who came to the meetings: per meeting, and tallied by person and organisation.

Plain Python over the model; the views render it. Everything here is one pass
over the meetings, so it stays linear as the archive grows.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from archive import model


@dataclass
class MeetingAttendance:
    meeting: model.Meeting
    in_room: list[str]  # chair and secretary count here unless listed as online
    online: list[str]
    absent: list[str]

    @property
    def known(self) -> bool:
        """Attendance is known for held meetings whose minutes list who came."""
        return bool(self.in_room or self.online or self.absent)


@dataclass
class Tally:
    """How often one person (or the people of one organisation) came."""

    by_year: Counter = field(default_factory=Counter)  # attended, in the room or online
    online: int = 0
    absent: int = 0
    people: set[str] = field(default_factory=set)  # for organisations: who came
    last: MeetingAttendance | None = None  # for people: the latest meeting they came to

    @property
    def total(self) -> int:
        return sum(self.by_year.values())


def meeting_attendance(meeting: model.Meeting) -> MeetingAttendance:
    if meeting.status == "planlagt" or not meeting.minutes_in_archive:
        return MeetingAttendance(meeting, [], [], [])
    online = list(meeting.present_online)
    in_room = [p for p in meeting.attendees if p not in online]
    return MeetingAttendance(meeting, in_room, online, list(meeting.absent))


def known_attendance(meetings: Iterable[model.Meeting]) -> list[MeetingAttendance]:
    """Attendance of every meeting for which it is known, in the given order."""
    records = (meeting_attendance(m) for m in meetings)
    return [r for r in records if r.known]


def tally_by_person(records: Iterable[MeetingAttendance]) -> dict[str, Tally]:
    tallies: dict[str, Tally] = defaultdict(Tally)
    for record in records:
        year = record.meeting.year
        for person in record.in_room:
            tallies[person].by_year[year] += 1
            tallies[person].last = record
        for person in record.online:
            tallies[person].by_year[year] += 1
            tallies[person].online += 1
            tallies[person].last = record
        for person in record.absent:
            tallies[person].absent += 1
    return dict(tallies)


def tally_by_organisation(by_person: dict[str, Tally], people: dict[str, model.Person]) -> dict[str | None, Tally]:
    """Sum of the people's tallies per organisation (None: organisation not known)."""
    tallies: dict[str | None, Tally] = defaultdict(Tally)
    for person_id, tally in by_person.items():
        person = people.get(person_id)
        org = person.organisation if person else None
        total = tallies[org]
        total.by_year.update(tally.by_year)
        total.online += tally.online
        total.absent += tally.absent
        if tally.total:
            total.people.add(person_id)
    return dict(tallies)
