"""The minutes file for a new meeting, built from the schema and the archive.

Pure functions: they read model objects and return text; scripts/new_meeting.py
writes the file. Keys and their order come from archive/model/schema.py, so the
template cannot drift from what the validator accepts.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from archive import model
from archive.model import schema
from archive.model.actions import build_chains
from archive.model.formatting import approximate_date, norwegian_date
from archive.model.repository import fra_text

DEFAULT_START = "13:00"
DEFAULT_END = "15:00"

APPROVE_AGENDA = "Godkjenning av innkalling og dagsorden"
FOLLOW_UP = "Oppfølging fra tidligere møter"
FOCUS_AREAS = "Status for satsingsområdene"
ANY_OTHER_BUSINESS = "Eventuelt"
PLACEHOLDER = "Skriv referatet fra saken her."

_PLAIN = re.compile(r"^[A-Za-zÆØÅæøå0-9][\wÆØÅæøå .,()/–-]*$")
_YAML_WORDS = {"yes", "no", "on", "off", "true", "false", "null", "y", "n", "~"}


def yaml_scalar(value: Any) -> str:
    """One YAML value on one line, quoted whenever YAML could misread it."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    # Anything starting with a digit is quoted: YAML 1.1 reads 0x1A, 1_000 and 18:30 as numbers.
    if _PLAIN.match(text) and text.lower() not in _YAML_WORDS and not text[0].isdigit() and not text.endswith(" "):
        return text
    return '"' + "".join(_escape(char) for char in text) + '"'


def _escape(char: str) -> str:
    """One character inside a YAML double-quoted string."""
    if char in '"\\':
        return "\\" + char
    if char.isprintable() and not ("\ud800" <= char <= "\udfff"):
        return char
    code = ord(char)
    if code <= 0xFF:
        return f"\\x{code:02x}"
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def yaml_mapping(values: dict[str, Any], record_schema: schema.Schema, indent: int = 0) -> list[str]:
    """Lines of a mapping, keys in the schema's order; only keys the schema knows."""
    known = record_schema.by_key()
    unknown = set(values) - set(known)
    if unknown:
        raise KeyError(f"{record_schema.name} has no field {sorted(unknown)}")
    pad = " " * indent
    lines: list[str] = []
    for spec in record_schema.fields:
        if spec.key not in values:
            continue
        value = values[spec.key]
        if value is None:
            lines.append(f"{pad}{spec.key}:")
        elif spec.kind in ("refs", "texts", "choices"):
            lines.append(f"{pad}{spec.key}:")
            lines += [f"{pad}  - {yaml_scalar(item)}" for item in value]
        elif spec.kind == "records":
            lines.append(f"{pad}{spec.key}:")
            nested = schema.NESTED_SCHEMAS[spec.record]
            for record in value:
                record_lines = yaml_mapping(record, nested, indent + 4)
                record_lines[0] = f"{pad}  - " + record_lines[0].lstrip()
                lines += record_lines
        elif spec.kind == "time":
            lines.append(f'{pad}{spec.key}: "{value}"')  # quoted: reads as the time in any YAML reader, not only ours
        else:
            lines.append(f"{pad}{spec.key}: {yaml_scalar(value)}")
    return lines


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
    another group has carried on or closed since.
    """
    held = date < today
    items: list[tuple[str, list[str]]] = [(APPROVE_AGENDA, [PLACEHOLDER])]

    previous = previous_meeting(meetings, date)
    if previous is not None:
        if previous.date:
            items.append((f"Godkjenning av referat fra møtet {norwegian_date(previous.date)}", [PLACEHOLDER]))
        else:
            stem = previous.id.split("/", 1)[1]
            items.append((f"Godkjenning av referat fra forrige møte ({approximate_date(previous)})", [f"Gjelder: {stem}", "", PLACEHOLDER]))

    carried = open_actions(meetings if every_meeting is None else every_meeting, date, group.id)
    if carried:
        lines = ["Kryss av ([x]) det som er gjort. Det som skal følges opp videre, står åpent ([ ]).", ""]
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
                lines += [f"### {label} – {area.name}", "", PLACEHOLDER, ""]
            else:
                lines += [f"Satsingsområde: {area.name}", "", PLACEHOLDER, ""]
        items.append((FOCUS_AREAS, lines))

    items.append((ANY_OTHER_BUSINESS, [PLACEHOLDER]))

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

    lines = ["---", *yaml_mapping(meta, schema.MEETING), "---", ""]
    for number, (title, body) in enumerate(items, start=1):
        while body and not body[-1]:
            body = body[:-1]
        lines += [f"## {number}. {title}", "", *body, ""]
    return "\n".join(lines).rstrip("\n") + "\n"
