"""Files the site offers besides its pages: calendars, the Atom feed, open data.

Pure functions from the model to text. The site builder (archive/site/pages.py)
writes them into the site's eksport/ folder, so MkDocs and Zensical alike copy
them as static files; no engine hook is needed.

Every output is deterministic for a given repository, site address and
generation time, so two exports of the same archive are identical.
"""

from __future__ import annotations

import datetime as dt
import json
import zoneinfo
from dataclasses import dataclass

from feedgen.feed import FeedGenerator
from icalendar import Calendar, Event, Timezone

from archive import model
from archive.model import schema
from archive.model.formatting import meeting_date, meeting_title
from archive.model.paths import CALENDAR_PAGE, EXPORT_DIR, meeting_calendar_file, page_url
from archive.model.repository import Repository

SCHEMA_FILE = "schema.json"
CALENDAR_FILE = "kalender.ics"
FEED_FILE = "feed.xml"
DATA_FILE = "data.json"

# Fixed for good: calendar programs recognise an event again by its UID, and
# feed readers an entry by its id. Never derive these from site_url, which
# differs between a preview and the published site.
UID_DOMAIN = "naeringsgruppen.osloregionen.no"
TAG_AUTHORITY = f"tag:{UID_DOMAIN},2025:"
TIMEZONE = "Europe/Oslo"
PRODID = "-//Osloregionen//Møtearkiv for Næringsgruppen//NO"
PUBLISHER = "Osloregionen – Faggruppe for næringssamarbeid"
FEED_LENGTH = 50
EMPTY_SITEMAP = '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>\n'


def group_calendar_file(group_id: str) -> str:
    return f"kalender-{group_id}.ics"


def group_feed_file(group_id: str) -> str:
    return f"feed-{group_id}.xml"


def absolute_url(site_url: str, path: str) -> str:
    return site_url.rstrip("/") + "/" + path


# -- what goes into the calendars ------------------------------------------


@dataclass(frozen=True)
class CalendarItem:
    uid: str
    kind: str  # "møte" or "arrangement"
    title: str
    date: dt.date
    start: str | None
    end: str | None
    group: str | None
    place: str | None
    page: str  # path below docs/ of the page that tells more
    anchor: str = ""
    external_link: str | None = None
    description: str = ""


def event_anchor(event_id: str) -> str:
    return f"arr-{event_id}"


def calendar_items(repo: Repository) -> tuple[list[CalendarItem], list[model.Meeting]]:
    """Meetings with a known date and all events, by date; and the meetings
    left out because their date is only approximately known."""
    items: list[CalendarItem] = []
    undated: list[model.Meeting] = []
    for meeting in repo.meetings:
        if not meeting.date:
            undated.append(meeting)
            continue
        group = repo.groups.get(meeting.group)
        name = f"Møte i {group.name if group else meeting.group}"
        place = ", ".join(p for p in [meeting.place, f"digitalt ({meeting.online})" if meeting.online else ""] if p) or None
        items.append(
            CalendarItem(
                uid=_meeting_uid(meeting),
                kind="møte",
                title=name,
                date=meeting.date,
                start=meeting.start,
                end=meeting.end,
                group=meeting.group,
                place=place,
                page=meeting.src_path,
                description=schema.MEETING_STATUS_LABELS[meeting.status] + ".",
            )
        )
    for event in repo.events.values():
        if not event.date:
            continue
        items.append(
            CalendarItem(
                uid=f"arrangement-{event.id}@{UID_DOMAIN}",
                kind="arrangement",
                title=event.title,
                date=event.date,
                start=event.start,
                end=event.end,
                group=event.group,
                place=event.place,
                page=CALENDAR_PAGE,
                anchor=event_anchor(event.id),
                external_link=event.link,
            )
        )
    items.sort(key=lambda i: (i.date, i.start or "", i.title, i.uid))
    return items, undated


def _moment(date: dt.date, time: str | None) -> dt.date | dt.datetime:
    if not time:
        return date
    hour, minute = (int(part) for part in time.split(":"))
    return dt.datetime(date.year, date.month, date.day, hour, minute, tzinfo=zoneinfo.ZoneInfo(TIMEZONE))


def calendar_name(repo: Repository, group: str | None = None) -> str:
    name = "Næringsgruppen i Osloregionen"
    if group is not None:
        name += f" – {repo.groups[group].name}" if group in repo.groups else f" – {group}"
    return name


def calendar_ics(repo: Repository, site_url: str, generated: dt.datetime, group: str | None = None) -> str:
    """An iCalendar file (RFC 5545) of all meetings and events, or of one group's."""
    items, _ = calendar_items(repo)
    if group is not None:
        items = [i for i in items if i.group == group]
    return _calendar(items, calendar_name(repo, group), site_url, generated)


def meeting_ics(repo: Repository, meeting: model.Meeting, site_url: str, generated: dt.datetime) -> str | None:
    """The one meeting as a calendar file, to add to a calendar program; None for an undated meeting."""
    items, _ = calendar_items(repo)
    chosen = [i for i in items if i.uid == _meeting_uid(meeting)]
    return _calendar(chosen, _meeting_name(repo, meeting), site_url, generated) if chosen else None


def _meeting_name(repo: Repository, meeting: model.Meeting) -> str:
    group = repo.groups.get(meeting.group)
    return "Møte i " + meeting_title(meeting, group.name if group else meeting.group)


def _meeting_uid(meeting: model.Meeting) -> str:
    return f"mote-{meeting.id.replace('/', '-')}@{UID_DOMAIN}"


def _event(item: CalendarItem, site_url: str, generated: dt.datetime) -> bytes:
    """One VEVENT, written by icalendar (escaping, folding, time zones)."""
    url = absolute_url(site_url, page_url(item.page)) + (f"#{item.anchor}" if item.anchor else "")
    event = Event()
    event.add("uid", item.uid)
    event.add("dtstamp", generated.astimezone(dt.UTC))
    event.add("dtstart", _moment(item.date, item.start))
    if item.start and item.end:
        event.add("dtend", _moment(item.date, item.end))
    elif not item.start:
        event.add("dtend", item.date + dt.timedelta(days=1))  # all day
    event.add("summary", item.title)
    if item.place:
        event.add("location", item.place)
    event.add("url", url)
    event.add("description", " ".join(p for p in [item.description, f"Les mer: {item.external_link or url}"] if p))
    event.add("categories", ["Møte" if item.kind == "møte" else "Arrangement"])
    return event.to_ical()


def _timezone(years: list[int]) -> bytes:
    # icalendar knows Europe/Oslo's rules; its VTIMEZONE is made once per build.
    first, last = min(years), max(years) + 2
    return Timezone.from_tzid(TIMEZONE, first_date=dt.date(first, 1, 1), last_date=dt.date(last, 1, 1)).to_ical()


def _calendar(items: list[CalendarItem], name: str, site_url: str, generated: dt.datetime, events: dict | None = None, zone: bytes | None = None) -> str:
    """An iCalendar file: icalendar writes the calendar, its time zone and each event.

    `events` (uid → the event as written) and `zone` let the calendars of one
    build share what they have in common: each event is written once, however
    many calendars hold it.
    """
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", TIMEZONE)
    head, end = calendar.to_ical().rsplit(b"END:VCALENDAR", 1)
    # Always one VTIMEZONE, so even an empty calendar has the component RFC 5545 requires.
    parts = [head, zone or _timezone([i.date.year for i in items] or [generated.year])]
    parts += [events[item.uid] if events is not None else _event(item, site_url, generated) for item in items]
    parts.append(b"END:VCALENDAR" + end)
    return b"".join(parts).decode("utf-8")


# -- the Atom feed -----------------------------------------------------------


def _noon(date: dt.date) -> dt.datetime:
    return dt.datetime(date.year, date.month, date.day, 12, 0, tzinfo=zoneinfo.ZoneInfo(TIMEZONE))


def atom_feed(repo: Repository, site_url: str, group_id: str | None = None) -> str:
    """New and approved minutes: one entry per held meeting (of the group, when given), newest first.

    An entry is dated by the meeting, or, once the minutes are approved, by
    the meeting that approved them (when the archive has it), so approval
    shows in feed readers as an update of the same entry (its id is fixed).
    """
    approved_at: dict[str, model.Meeting] = {}
    for meeting in repo.meetings:
        for item in meeting.agenda:
            if item.refers_to_meeting and item.decisions:
                approved_at.setdefault(item.refers_to_meeting, meeting)
    entries = []
    for meeting in repo.meetings:
        if meeting.status == "planlagt" or (group_id is not None and meeting.group != group_id):
            continue
        group = repo.groups.get(meeting.group)
        when = meeting.sort_date
        approver = approved_at.get(meeting.id)
        if meeting.status == "godkjent" and approver is not None:
            when = max(when, approver.sort_date)
        summary = [schema.MEETING_STATUS_LABELS[meeting.status] + "."]
        if meeting.status == "godkjent" and approver is not None:
            summary.append(f"Godkjent på møtet {meeting_date(approver)}.")
        if not meeting.minutes_in_archive:
            summary.append("Selve referatet finnes ikke i arkivet.")
        counts = f"{len(meeting.agenda)} saker, {len(meeting.decisions)} vedtak, {len(meeting.actions)} oppfølgingspunkter."
        if meeting.agenda:
            summary.append(counts)
        entries.append((when, meeting, "Møte i " + meeting_title(meeting, group.name if group else meeting.group), " ".join(summary)))
    entries.sort(key=lambda e: (e[0], e[1].id), reverse=True)
    entries = entries[:FEED_LENGTH]
    feed = FeedGenerator()
    own = f"-{group_id}" if group_id else ""
    feed.id(TAG_AUTHORITY + "referater" + own)
    name = repo.groups[group_id].name if group_id in repo.groups else group_id
    feed.title(f"Referater fra {name}" if group_id else "Referater fra Næringsgruppen i Osloregionen")
    feed.subtitle("Nye og godkjente møtereferater.")
    feed.author({"name": PUBLISHER})
    feed.link(href=site_url, rel="alternate")
    feed.link(href=absolute_url(site_url, f"{EXPORT_DIR}/{group_feed_file(group_id) if group_id else FEED_FILE}"), rel="self")
    feed.language("nb")
    latest = entries[0][0] if entries else dt.date(2025, 1, 1)
    feed.updated(_noon(latest))
    for when, meeting, title, summary in reversed(entries):
        entry = feed.add_entry()
        entry.id(TAG_AUTHORITY + "moter/" + meeting.id)
        entry.title(title)
        entry.updated(_noon(when))
        entry.link(href=absolute_url(site_url, page_url(meeting.src_path)), rel="alternate")
        entry.summary(summary)
    return feed.atom_str(pretty=True).decode("utf-8")


# -- open data ---------------------------------------------------------------

# Top-level keys of data.json, named after the data files (and moter/ for meetings).
COLLECTIONS = (
    ("moter", schema.MEETING),
    ("grupper", schema.GROUP),
    ("satsingsomrader", schema.FOCUS_AREA),
    ("klynger", schema.CLUSTER),
    ("arrangementer", schema.EVENT),
    ("personer", schema.PERSON),
    ("organisasjoner", schema.ORGANISATION),
)

# Fields the export adds to what the files say, per kind of record.
EXTRA_FIELDS = {
    "meeting": {
        "id": ({"type": "string"}, "Møtets id: gruppens mappe og filnavnet, for eksempel naeringsgruppen/2025-01-16."),
        "url": ({"type": "string", "format": "uri"}, "Adressen til møtesiden."),
        "saker": ({"type": "array", "items": {"$ref": "#/$defs/agenda_item"}}, "Sakslisten, fra referatets overskrifter, med vedtak og oppfølgingspunkter."),
    },
    "agenda_item": {
        "anker": ({"type": "string"}, "Ankeret til saken på møtesiden, for eksempel sak-3."),
    },
    "action_item": {
        "nøkkel": ({"type": "string"}, "Punktets nøkkel, som et senere møte viser til i «fra»."),
        "gjeldende_status": ({"enum": list(schema.ACTION_STATUSES)}, "Status etter siste møte som har fulgt opp punktet."),
    },
    "person": {
        "epost": ({"type": "string", "format": "email"}, "Jobb-e-post; bare når personen har sagt ja til at den vises."),
        "telefon": ({"type": "string"}, "Jobbtelefon; bare når personen har sagt ja til at den vises."),
    },
}

_KIND_SCHEMAS = {
    "text": {"type": "string"},
    "multiline": {"type": "string"},
    "path": {"type": "string"},
    "phone": {"type": "string"},
    "email": {"type": "string", "format": "email"},
    "url": {"type": "string", "format": "uri"},
    "date": {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
    "time": {"type": "string", "pattern": r"^\d{2}:\d{2}$"},
    "ref": {"type": "string"},
    "refs": {"type": "array", "items": {"type": "string"}},
    "texts": {"type": "array", "items": {"type": "string"}},
    "choices": {"type": "array", "items": {"type": "string"}},
    "bool": {"type": "boolean"},
}


def public_fields(kind: schema.Schema) -> list[schema.Field]:
    return [f for f in kind.fields if f.public]


def _field_schema(spec: schema.Field) -> dict:
    if spec.kind == "choice":
        result = {"enum": list(spec.choices)}
    elif spec.kind == "records":
        result = {"type": "array", "items": {"$ref": f"#/$defs/{spec.record}"}}
    else:
        result = dict(_KIND_SCHEMAS[spec.kind])
    if spec.help:
        result["description"] = spec.help
    return result


def _record_schema(kind: schema.Schema) -> dict:
    properties = {f.key: _field_schema(f) for f in public_fields(kind)}
    for key, (field_schema, help_text) in EXTRA_FIELDS.get(kind.name, {}).items():
        properties[key] = {**field_schema, "description": help_text}
    required = [f.key for f in public_fields(kind) if f.required]
    required += [k for k in EXTRA_FIELDS.get(kind.name, {}) if k not in ("epost", "telefon")]
    # additionalProperties false: a field not marked public fails validation.
    return {"title": kind.label, "type": "object", "properties": properties, "required": required, "additionalProperties": False}


def json_schema() -> dict:
    """The JSON Schema (draft 2020-12) of data.json, built from archive/model/schema.py."""
    defs = {kind.name: _record_schema(kind) for _, kind in COLLECTIONS}
    for name in ("agenda_item", "action_item", "attachment"):
        defs[name] = _record_schema(schema.NESTED_SCHEMAS[name])
    properties = {
        "nettsted": {"type": "string", "format": "uri", "description": "Adressen til nettstedet."},
        "generert": {"type": "string", "format": "date-time", "description": "Når filen ble laget (UTC)."},
    }
    for key, kind in COLLECTIONS:
        properties[key] = {"type": "array", "items": {"$ref": f"#/$defs/{kind.name}"}, "description": kind.plural.capitalize() if kind.plural else "Møter"}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Åpne data fra møtearkivet til Næringsgruppen i Osloregionen",
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
        "$defs": defs,
    }


def json_schema_text() -> str:
    return json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"


def _value(spec: schema.Field, value):
    if spec.kind == "records":
        nested = schema.NESTED_SCHEMAS[spec.record]
        return [_record(nested, entry) for entry in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return [getattr(v, "text", v) for v in value]  # decisions are records with a text
    return value


def _record(kind: schema.Schema, record) -> dict:
    return {f.key: _value(f, getattr(record, f.attr)) for f in public_fields(kind) if getattr(record, f.attr) is not None}


def open_data(repo: Repository, site_url: str, generated: dt.datetime) -> dict:
    """Everything members may read, as one JSON document; only public fields."""
    data: dict = {"nettsted": site_url, "generert": generated.astimezone(dt.UTC).isoformat()}
    data["moter"] = []
    for meeting in repo.meetings:
        record = {"id": meeting.id, "url": absolute_url(site_url, page_url(meeting.src_path)), **_record(schema.MEETING, meeting)}
        record["saker"] = []
        for item in meeting.agenda:
            item_record = _record(schema.AGENDA_ITEM, item)
            item_record["anker"] = item.anchor
            for action_record, action in zip(item_record.get("oppfølging", []), item.actions, strict=True):
                action_record["nøkkel"] = action.key
                # A planned meeting's follow-up is in no chain: it has the status of the task it carries, or its own.
                chain = repo.chain_of.get(action.key) or repo.chain_of.get(action.carried_from or "")
                action_record["gjeldende_status"] = chain.status if chain else action.status
            record["saker"].append(item_record)
        data["moter"].append(record)
    sources = {
        "grupper": repo.groups,
        "satsingsomrader": repo.focus_areas,
        "klynger": repo.clusters,
        "arrangementer": repo.events,
        "personer": repo.people,
        "organisasjoner": repo.organisations,
    }
    for key, kind in COLLECTIONS[1:]:
        data[key] = [_record(kind, record) for record in sources[key].values()]
    for record, person in zip(data["personer"], repo.people.values(), strict=True):
        # Contact details only with the person's consent (their «offentlig» list).
        if person.public_email:
            record["epost"] = person.public_email
        if person.public_phone:
            record["telefon"] = person.public_phone
    return data


def open_data_json(repo: Repository, site_url: str, generated: dt.datetime) -> str:
    # One line: a large archive's data is read by programs, and indentation doubled its size.
    return json.dumps(open_data(repo, site_url, generated), ensure_ascii=False, separators=(",", ":")) + "\n"


# -- everything at once ----------------------------------------------------


def calendar_feed_and_data_files(repo: Repository, site_url: str, generated: dt.datetime) -> dict[str, str]:
    """File name (inside eksport/) → text: the calendars (all, each group's, each dated
    meeting's), the feeds (all, each group's), the open data and its schema. The registers'
    rows join them in `archive.views.export_files`."""
    items, _ = calendar_items(repo)
    events = {item.uid: _event(item, site_url, generated) for item in items}
    zone = _timezone([i.date.year for i in items] or [generated.year])
    files = {
        CALENDAR_FILE: _calendar(items, calendar_name(repo), site_url, generated, events, zone),
        FEED_FILE: atom_feed(repo, site_url),
        DATA_FILE: open_data_json(repo, site_url, generated),
        SCHEMA_FILE: json_schema_text(),
        # The theme takes every <link rel="alternate"> for another language of the site and
        # reads the sitemap beside it: the feeds' links (overrides/main.html) point here.
        "sitemap.xml": EMPTY_SITEMAP,
    }
    by_group: dict[str, list[CalendarItem]] = {group_id: [] for group_id in repo.groups}
    for item in items:  # one pass, not one per group
        if item.group in by_group:
            by_group[item.group].append(item)
    for group_id, group_items in by_group.items():
        files[group_calendar_file(group_id)] = _calendar(group_items, calendar_name(repo, group_id), site_url, generated, events, zone)
        files[group_feed_file(group_id)] = atom_feed(repo, site_url, group_id)
    by_uid = {item.uid: item for item in items}
    for meeting in repo.meetings:
        item = by_uid.get(_meeting_uid(meeting))
        if item is not None:
            files[meeting_calendar_file(meeting.id)] = _calendar([item], _meeting_name(repo, meeting), site_url, generated, events, zone)
    return files
