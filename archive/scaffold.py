"""The minutes file for a new meeting, built from the schema and the archive.

Pure functions: they read model objects and return text; scripts/new_meeting.py
writes the file. Keys and their order come from archive/schema.py, so the
template cannot drift from what the validator accepts.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from archive import model, schema
from archive.actions import build_chains
from archive.formatting import norwegian_date, norwegian_day_month

DEFAULT_START = "13:00"
DEFAULT_END = "15:00"

APPROVE_AGENDA = "Godkjenning av innkalling og dagsorden"
FOLLOW_UP = "Oppfølging fra tidligere møter"
FOCUS_AREAS = "Status for satsingsområdene"
ANY_OTHER_BUSINESS = "Eventuelt"
PLACEHOLDER = "Referatet fra denne saken er ikke skrevet ennå."

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
        elif spec.kind in ("refs", "texts"):
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
            lines.append(f'{pad}{spec.key}: "{value}"')  # unquoted, YAML reads 13:00 as 780
        else:
            lines.append(f"{pad}{spec.key}: {yaml_scalar(value)}")
    return lines


def approximate_date(meeting: model.Meeting) -> str:
    """«16. januar 2025», or «mellom 16. januar og 8. april 2025» for an undated meeting."""
    if meeting.date:
        return norwegian_date(meeting.date)
    if meeting.date_after and meeting.date_before:
        same_year = meeting.date_after.year == meeting.date_before.year
        start = norwegian_day_month(meeting.date_after) if same_year else norwegian_date(meeting.date_after)
        return f"mellom {start} og {norwegian_date(meeting.date_before)}"
    return "uten dato"


def previous_meeting(meetings: list[model.Meeting], date: dt.date) -> model.Meeting | None:
    """The group's last held meeting before `date` (planned meetings have no minutes)."""
    held = [m for m in meetings if m.status != "planlagt" and m.sort_date < date]
    return max(held, key=lambda m: (m.sort_date, m.id)) if held else None


def open_actions(meetings: list[model.Meeting], date: dt.date) -> list[model.ActionItem]:
    """Open action items of the group's earlier meetings, each in its latest form.

    An item already carried forward by a later meeting is represented by that
    later copy (which may be closed), so nothing is carried twice.
    """
    earlier = sorted((m for m in meetings if m.sort_date < date), key=lambda m: (m.sort_date, m.id))
    return [chain.latest for chain in build_chains(earlier) if chain.is_open]


def group_focus_areas(group: model.Group, groups: dict[str, model.Group], focus_areas: dict[str, model.FocusArea]) -> list[model.FocusArea]:
    """Focus areas of the group's working groups (or of the group itself)."""
    owners = {group.id} | {g.id for g in groups.values() if g.parent == group.id}
    return [a for a in focus_areas.values() if a.working_group in owners and a.status != "avsluttet"]


def meeting_template(
    group: model.Group,
    date: dt.date,
    today: dt.date,
    meetings: list[model.Meeting],
    groups: dict[str, model.Group],
    focus_areas: dict[str, model.FocusArea],
    names: dict[str, str],
) -> str:
    """The text of docs/moter/<group>/<date>.md for a new meeting.

    `meetings` are the group's meetings; `names` maps person and group ids to
    display names for the body text.
    """
    held = date < today
    agenda: list[dict[str, Any]] = []
    bodies: list[list[str]] = []

    agenda.append({"tittel": APPROVE_AGENDA})
    bodies.append([PLACEHOLDER])

    previous = previous_meeting(meetings, date)
    if previous is not None:
        agenda.append({"tittel": f"Godkjenning av referat fra møtet {approximate_date(previous)}", "møte": previous.id})
        bodies.append([PLACEHOLDER])

    carried = open_actions(meetings, date)
    if carried:
        entries, lines, used_ids = [], [], set()
        for action in carried:
            entry: dict[str, Any] = {}
            if action.id:
                action_id = action.id
                while action_id in used_ids:
                    action_id += "-2"
                used_ids.add(action_id)
                entry["id"] = action_id
            entry["ansvarlig"] = list(action.owner)
            entry["oppgave"] = action.task
            if action.due:
                entry["frist"] = action.due
            entry["status"] = "åpen"
            entry["fra"] = action.key
            entries.append(entry)
            owners = ", ".join(names.get(owner, owner) for owner in action.owner)
            lines.append(f"- {action.task} (ansvarlig: {owners})")
        agenda.append({"tittel": FOLLOW_UP, "oppfølging": entries})
        bodies.append(lines)

    areas = group_focus_areas(group, groups, focus_areas)
    if areas:
        item: dict[str, Any] = {"tittel": FOCUS_AREAS, "satsingsområder": [a.id for a in areas]}
        working = sorted({a.working_group for a in areas if a.working_group and a.working_group != group.id})
        if working:
            item["grupper"] = working
        agenda.append(item)
        lines = []
        for area in areas:
            owner = names.get(area.working_group, area.working_group) if area.working_group and area.working_group != group.id else ""
            lines.append(f"- {area.name}" + (f" ({owner})" if owner else ""))
        bodies.append(lines)

    agenda.append({"tittel": ANY_OTHER_BUSINESS})
    bodies.append([PLACEHOLDER])

    numbered = []
    for number, item in enumerate(agenda, start=1):
        numbered.append({"nr": str(number), **item})

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
        meta["møteleder"] = chair
    if group.secretary:
        meta["referent"] = group.secretary
    if held:
        meta["tilstede"] = None
        meta["forfall"] = None
    if group.members:
        meta["inviterte"] = list(group.members)
    meta["saker"] = numbered

    lines = ["---", *yaml_mapping(meta, schema.MEETING), "---", ""]
    for item, body in zip(numbered, bodies):
        lines += [f"## {item['nr']}. {item['tittel']}", "", *body, ""]
    return "\n".join(lines)
