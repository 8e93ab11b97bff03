"""The minutes file for a new meeting, built from the schema and the archive.

Pure functions: they read model objects and return text; scripts/new_meeting.py
writes the file. Keys and their order come from archive/model/schema.py, so the
template cannot drift from what the validator accepts.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from archive import model
from archive.model import schema
from archive.model.actions import build_chains
from archive.model.formatting import approximate_date, norwegian_date
from archive.model.front_matter import write_front_matter, yaml_mapping, yaml_scalar  # noqa: F401 - yaml_scalar: the importer's
from archive.model.repository import fra_text

DEFAULT_START = "13:00"
DEFAULT_END = "15:00"

APPROVE_AGENDA = "Godkjenning av innkalling og dagsorden"
FOLLOW_UP = "Oppfølging fra tidligere møter"
FOCUS_AREAS = "Status for satsingsområdene"
ANY_OTHER_BUSINESS = "Eventuelt"


def previous_meeting(meetings: list[model.Meeting], date: dt.date) -> model.Meeting | None:
    """The group's last held meeting before `date` (planned meetings have no minutes)."""
    held = [m for m in meetings if m.status != "planlagt" and m.sort_date < date]
    return max(held, key=lambda m: (m.sort_date, m.id)) if held else None


def open_actions(meetings: list[model.Meeting], date: dt.date, group_id: str) -> list[model.ActionItem]:
    """The open follow-ups group `group_id` holds before `date`, each in its latest form.

    An item already carried forward by a later meeting is represented by that
    later copy (which may be closed), so nothing is carried twice. `meetings`
    may be every group's: an item another group has carried on or closed
    («Fra: naeringsgruppen/…») is no longer this group's to carry.
    """
    earlier = sorted((m for m in meetings if m.sort_date < date), key=lambda m: (m.sort_date, m.id))
    return [chain.latest for chain in build_chains(earlier) if chain.is_open and chain.latest.meeting_id.split("/", 1)[0] == group_id]


def group_focus_areas(group: model.Group, groups: dict[str, model.Group], focus_areas: dict[str, model.FocusArea]) -> list[model.FocusArea]:
    """Focus areas of the group's working groups (or of the group itself)."""
    owners = {group.id} | {g.id for g in groups.values() if g.parent == group.id}
    return [a for a in focus_areas.values() if a.working_group in owners and a.status != "avsluttet"]


def follow_up_line(action: model.ActionItem, meeting: model.Meeting, item: model.AgendaItem, group_id: str, names: dict[str, str]) -> str:
    """A carried follow-up, open, as the new minutes write it, with «Fra:» filled in."""
    owners = " og ".join(names.get(owner, owner) for owner in action.owner)
    task = action.task.rstrip()
    if not task.endswith((".", "!", "?")):
        task += "."
    parts = [task, f"Ansvar: {owners}."]
    if action.due:
        parts.append(f"Frist: {norwegian_date(action.due)}.")
    parts.append(f"Fra: {fra_text(meeting, item, action, group_id)}.")
    return "- [ ] " + " ".join(parts)


def template_help(held: bool, carried: bool, example_due: dt.date) -> list[str]:
    """The help for the secretary, as comment lines at the top of the front matter.

    YAML drops comments, so nothing here can reach the site, whatever the file
    becomes; the body holds only what the minutes say.
    """
    lines = [
        "Laget med «make new-meeting». Linjer som starter med # her i toppteksten",
        "vises ikke på nettstedet; la dem stå eller slett dem.",
    ]
    if held:
        lines += [
            "Fyll inn sted og tid, og hvem som kom under tilstede, tilstede_digitalt",
            "og forfall, én person per linje: «  - Fullt Navn». Slett et felt ingen står under.",
        ]
    else:
        lines += [
            "Før møtet: fyll inn sted. Sakene under er forslag til dagsorden: endre,",
            "legg til eller slett. Når møtet er holdt: sett status til utkast, og legg til",
            "tilstede:, tilstede_digitalt: og forfall: med én person per linje: «  - Fullt Navn».",
        ]
    lines += [
        "Under hver sak: det som ble sagt, «Vedtak: …» og nye oppfølgingspunkter,",
        f"for eksempel: - [ ] Oppgave. Ansvar: Fullt Navn. Frist: {norwegian_date(example_due)}.",
        "Slett saker som ikke ble behandlet.",
    ]
    if carried:
        lines += [
            "Under «Oppfølging fra tidligere møter»: kryss av med [x] det som er gjort;",
            "det som skal følges opp videre, står åpent med [ ]. La «Fra: …» stå.",
        ]
    return ["# " + line for line in lines]


def _month_later(date: dt.date) -> dt.date:
    """The first day of the month after next: a plausible deadline for the example."""
    month = date.month + 2
    return dt.date(date.year + (month - 1) // 12, (month - 1) % 12 + 1, 1)


def meeting_template(
    group: model.Group,
    date: dt.date,
    today: dt.date,
    meetings: list[model.Meeting],
    groups: dict[str, model.Group],
    focus_areas: dict[str, model.FocusArea],
    names: dict[str, str],
    item_of_action: dict[str, tuple[model.Meeting, model.AgendaItem]],
    every_meeting: list[model.Meeting] | None = None,
) -> str:
    """The text of docs/moter/<group>/<date>.md for a new meeting.

    `meetings` are the group's meetings; `names` maps person and group ids to
    display names; `item_of_action` finds the meeting and item of a follow-up;
    `every_meeting` (all groups') shows which of the group's follow-ups
    another group has carried on or closed since. The body holds only headings,
    label lines and the carried follow-ups: no help text that a forgotten edit
    would publish (template_help is in the front matter).
    """
    held = date < today
    items: list[tuple[str, list[str]]] = [(APPROVE_AGENDA, [])]

    previous = previous_meeting(meetings, date)
    if previous is not None:
        if previous.date:
            items.append((f"Godkjenning av referat fra møtet {norwegian_date(previous.date)}", []))
        else:
            stem = previous.id.split("/", 1)[1]
            items.append((f"Godkjenning av referat fra forrige møte ({approximate_date(previous)})", [f"Gjelder: {stem}"]))

    carried = open_actions(meetings if every_meeting is None else every_meeting, date, group.id)
    if carried:
        lines = []
        for action in carried:
            meeting, item = item_of_action[action.key]
            lines.append(follow_up_line(action, meeting, item, group.id, names))
        items.append((FOLLOW_UP, lines))

    areas = group_focus_areas(group, groups, focus_areas)
    if areas:
        lines = []
        for area in areas:
            working = groups.get(area.working_group or "")
            if working is not None and working.id != group.id:
                label = f"Gruppe {working.number}" if working.number else working.name
                lines += [f"### {label} – {area.name}", ""]
            else:
                lines += [f"Satsingsområde: {area.name}", ""]
        items.append((FOCUS_AREAS, lines))

    items.append((ANY_OTHER_BUSINESS, []))

    meta: dict[str, Any] = {
        "gruppe": group.id,
        "dato": date,
        "start": DEFAULT_START,
        "slutt": DEFAULT_END,
        "sted": None,
        "status": "utkast" if held else "planlagt",
    }
    chair = group.leader or group.responsible
    if chair:
        meta["møteleder"] = names.get(chair, chair)
    if group.secretary:
        meta["referent"] = names.get(group.secretary, group.secretary)
    if held:
        meta["tilstede"] = None
        meta["tilstede_digitalt"] = None
        meta["forfall"] = None

    lines = []
    for number, (title, body) in enumerate(items, start=1):
        while body and not body[-1]:
            body = body[:-1]
        lines += [f"## {number}. {title}", ""]
        if body:
            lines += [*body, ""]
    return write_front_matter(meta, schema.MEETING, "\n".join(lines), comments=template_help(held, bool(carried), _month_later(date)))
