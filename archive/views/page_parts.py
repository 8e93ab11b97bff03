"""Parts of the archive that a page written by hand can show, through the macros
of macros/main.py: a register, a group's open follow-ups, the next meeting, the
guide's field tables, the open-data files.

Each part is a view like the others (model in, HTML out, text escaped by
construction) that takes the page it is shown on (`here`), the site's address
and its own arguments, and refuses an argument it does not know with a
Norwegian message naming the values it takes. A maintainer adds a part here
and names it in macros/main.py; docs-dev/pages.md lists them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from archive.model import schema
from archive.model.formatting import meeting_date, meeting_time
from archive.model.repository import Repository
from archive.model.scaffold import yaml_scalar
from archive.views import registers
from archive.views.common import group_link, meeting_link
from archive.views.html import Markup, concat, table, tag
from archive.views.meetings import follow_up_table, open_chains


class PartError(ValueError):
    """A part asked for with arguments it does not take: the build stops with the page's name."""


@dataclass(frozen=True)
class Where:
    repo: Repository
    here: str  # the source path of the page the part is shown on
    site_url: str


def _group(repo: Repository, group: str | None) -> str | None:
    if group is not None and group not in repo.groups:
        raise PartError(f"ukjent gruppe «{group}»; grupper: {', '.join(sorted(repo.groups))}")
    return group


def register(where: Where, kind: str, group: str | None = None, year: int | None = None) -> Markup:
    """A register across meetings: «vedtak» (decisions), «oppfolging» (open follow-ups) or «moter» (meetings), for one group or year if given."""
    repo, here = where.repo, where.here
    group = _group(repo, group)
    meetings = [m for m in repo.meetings if (group is None or m.group == group) and (year is None or m.year == year)]
    if kind == "vedtak":
        entries = [(m, item, decision) for m in meetings for item in m.agenda for decision in item.decisions]
        if not entries:
            return tag("p", "Ingen vedtak ennå.")
        return registers.decision_table(repo, list(reversed(entries)), here)
    if kind == "oppfolging":
        return open_follow_ups(where, group)
    if kind == "moter":
        rows = [[meeting_link(repo, m, here, label=meeting_date(m)), group_link(repo, m.group, here)] for m in reversed(meetings)]
        return table(["Dato", "Gruppe"], rows, class_="meeting-table") if rows else tag("p", "Ingen møter ennå.")
    raise PartError(f"ukjent register «{kind}»; registre: vedtak, oppfolging, moter")


def open_follow_ups(where: Where, group: str | None = None) -> Markup:
    """The follow-ups still open, for one group if given, with who is responsible and by when."""
    repo = where.repo
    group = _group(repo, group)
    chains = [chain for chain in open_chains(repo) if group is None or repo.item_of_action[chain.latest.key][0].group == group]
    if not chains:
        return tag("p", "Ingen åpne oppfølgingspunkter.")
    return follow_up_table(repo, chains, where.here)


def next_meeting(where: Where, group: str | None = None) -> Markup:
    """The next meeting on the calendar (status «planlagt» and a date from today), for one group if given."""
    repo = where.repo
    group = _group(repo, group)
    coming = [m for m in repo.meetings if m.date and m.date >= repo.today and (group is None or m.group == group)]
    if not coming:
        return tag("p", "Ingen kommende møter er lagt inn.")
    meeting = min(coming, key=lambda m: (m.date, m.id))
    when = concat(meeting_link(repo, meeting, where.here, label=meeting_date(meeting)), f" {meeting_time(meeting)}" if meeting_time(meeting) else "")
    return tag("p", concat(when, " – ", group_link(repo, meeting.group, where.here), f", {meeting.place}" if meeting.place else ""))


def field_table(where: Where, kind: str) -> Markup:
    """The fields of one kind of record from archive/model/schema.py, with a YAML example each: the guide's tables."""
    if kind not in schema.ALL_SCHEMAS:
        raise PartError(f"ukjent slags oppføring «{kind}»; slag: {', '.join(schema.ALL_SCHEMAS)}")
    rows = []
    for spec in schema.ALL_SCHEMAS[kind].fields:
        value = schema.KINDS[spec.kind] + (": " + ", ".join(spec.choices) if spec.choices else "")
        rows.append([tag("code", spec.key), "ja" if spec.required else "nei", value, spec.help, _example_yaml(spec)])
    return table(["Felt", "Påkrevd", "Verdi", "Forklaring", "Eksempel"], rows, class_="field-table")


def _example_yaml(spec: schema.Field) -> Markup:
    if spec.example is None:
        return Markup("")
    if isinstance(spec.example, list):
        lines = [f"{spec.key}:"] + [f"  - {yaml_scalar(item)}" for item in spec.example]
        return tag("pre", tag("code", "\n".join(lines)))
    value = f'"{spec.example}"' if spec.kind == "time" else yaml_scalar(spec.example)
    return tag("code", f"{spec.key}: {value}")


def export_files(where: Where) -> Markup:
    """The calendars, the feed and the open data, by their full addresses."""
    return registers.export_links(where.site_url)


def open_data_fields(where: Where) -> Markup:
    """The fields of the open data (eksport/data.json), from the same schemas."""
    return registers.open_data_fields()


# The parts by the name a macro gives them (macros/main.py).
PARTS: dict[str, Callable[..., Markup]] = {
    "register": register,
    "open_follow_ups": open_follow_ups,
    "next_meeting": next_meeting,
    "field_table": field_table,
    "export_files": export_files,
    "open_data_fields": open_data_fields,
}
