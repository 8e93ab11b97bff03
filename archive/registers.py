"""Views across meetings: action items, decisions, attendance, calendar, open data.

Pure functions like those in views.py: model in, page text out, with `here`
the page's path below docs/; headings in Markdown, tables in HTML (see
archive/html.py). Each makes one pass over the meetings (or over indexes the
Repository built once), so the pages stay linear in the archive's size.
"""

from __future__ import annotations

import html
from collections import defaultdict

from archive import actions, attendance, charts, exports, model, schema
from archive.formatting import escape, escape_cell, link, meeting_date, norwegian_date
from archive.html import a, esc, file_url, table, unordered_list, url
from archive.repository import Repository
from archive.views import (
    _join,
    area_of_group,
    focus_area_link,
    group_link,
    meeting_name,
    organisation_link,
    owner_link,
    person_link,
)

ACTIONS_PAGE = "oppfolging/index.md"
DECISIONS_PAGE = "vedtak/index.md"
ATTENDANCE_PAGE = "oppmote/index.md"
CALENDAR_PAGE = exports.CALENDAR_PAGE
OPEN_DATA_PAGE = exports.OPEN_DATA_PAGE

# The chart shows the latest meetings; the tables below it hold them all.
CHART_MEETINGS = 24


def item_of(repo: Repository, action: model.ActionItem) -> tuple[model.Meeting, model.AgendaItem]:
    meeting = repo.meetings_by_id[action.meeting_id]
    item = next(i for i in meeting.agenda if i.number == action.agenda_number)
    return meeting, item


def item_label(item: model.AgendaItem) -> str:
    """«3. Næringsklynger – status», or «Sak 38/25 Budsjett» when the number says Sak."""
    separator = ". " if item.number.isdigit() else " "
    return f"{item.number}{separator}{item.title}"


def agenda_item_link(repo: Repository, meeting: model.Meeting, item: model.AgendaItem, here: str) -> str:
    number = f"sak {item.number}" if item.number[:1].isdigit() else item.number
    label = f"{meeting_name(repo, meeting)}, {meeting_date(meeting)}, {number}"
    return a(url(here, meeting.src_path, item.anchor), label)


def static_href(here: str, target: str) -> str:
    """A relative URL from the page `here` to a generated file (below docs/).

    Raw HTML, so the engine does not require the file to exist when a page is
    built without running the export first (see scripts/export_data.py); the
    site build test checks that every such file is there.
    """
    return file_url(here, target)


def plural(count: int, singular: str, plural_form: str) -> str:
    return f"{count} {singular if count == 1 else plural_form}"


# -- action items ------------------------------------------------------------

STATUS_LABELS = {"åpen": "<strong>åpen</strong>", "ferdig": "ferdig", "utgår": "utgår"}


def lead_areas(repo: Repository) -> dict[str, set[str]]:
    """For each person or group: the focus areas whose working group they are, lead or answer for."""
    areas: dict[str, set[str]] = defaultdict(set)
    for area in repo.focus_areas.values():
        group = repo.groups.get(area.working_group or "")
        if group is None:
            continue
        for ref in (group.id, group.leader, group.responsible):
            if ref:
                areas[ref].add(area.id)
    return areas


def chain_focus_areas(repo: Repository, chain: actions.ActionChain, areas_of_group: dict[str, str], leads: dict[str, set[str]]) -> list[str]:
    """The focus areas an action item belongs to.

    The areas of the agenda items it was recorded under (named there, or via
    a working group named there). When such an item names several areas and
    an owner leads the working group of some of them, only those: «Arbeidsgruppe
    2 fordeler ansvar» under a joint item belongs to Sirkulærøkonomi.
    """
    found: list[str] = []
    for entry in chain.entries:
        _, item = item_of(repo, entry)
        for area in [*item.focus_areas, *(areas_of_group[g] for g in item.groups if g in areas_of_group)]:
            if area not in found:
                found.append(area)
    owned = set().union(*(leads.get(owner, set()) for owner in chain.owners)) if chain.owners else set()
    narrowed = [a for a in found if a in owned]
    return narrowed or found


def _action_row(repo: Repository, chain: actions.ActionChain, here: str, with_owner: bool) -> list[str]:
    first_meeting, first_item = item_of(repo, chain.first)
    origin = agenda_item_link(repo, first_meeting, first_item, here)
    if len(chain.entries) > 1:
        latest_meeting, latest_item = item_of(repo, chain.latest)
        origin += f"<br>sist fulgt opp: {agenda_item_link(repo, latest_meeting, latest_item, here)}"
    cells = [esc(chain.latest.task)]
    if with_owner:
        cells.append(_join([owner_link(repo, o, here) for o in chain.owners]))
    cells += [
        STATUS_LABELS.get(chain.status, chain.status),
        norwegian_date(chain.latest.due) if chain.latest.due else "–",
        origin,
    ]
    return cells


def _action_table(repo: Repository, chains: list[actions.ActionChain], here: str, with_owner: bool) -> list[str]:
    head = ["Oppgave", "Ansvarlig", "Status", "Frist", "Fra møte"] if with_owner else ["Oppgave", "Status", "Frist", "Fra møte"]
    return [table(head, [_action_row(repo, chain, here, with_owner) for chain in chains])]


def action_register(repo: Repository, here: str = ACTIONS_PAGE) -> str:
    """Every action item across meetings, open ones first, by owner and by focus area."""
    chains = actions.sorted_open_first(repo.action_chains)
    if not chains:
        return "Ingen oppfølgingspunkter er lagt inn ennå."
    open_count = sum(1 for c in chains if c.is_open)
    out = [
        f"{plural(open_count, 'åpent', 'åpne')} og {plural(len(chains) - open_count, 'avsluttet', 'avsluttede')} "
        "oppfølgingspunkter. Åpne punkter står først. Et punkt som et senere møte har fulgt opp, "
        "står én gang, med status fra det siste møtet.",
        "",
        "Vis: [etter ansvarlig](#etter-ansvarlig) · [etter satsingsområde](#etter-satsingsomrade)",
        "",
        "## Etter ansvarlig {#etter-ansvarlig}",
        "",
    ]
    by_owner: dict[str, list[actions.ActionChain]] = defaultdict(list)
    for chain in chains:
        for owner in chain.owners:
            by_owner[owner].append(chain)
    for owner in sorted(by_owner, key=lambda ref: repo.name_of(ref).lower()):
        owned = by_owner[owner]
        still_open = sum(1 for c in owned if c.is_open)
        out += [f"### {escape(repo.name_of(owner))} {{#ansvarlig-{owner}}}", ""]
        out += [f"{owner_link(repo, owner, here)}: {plural(still_open, 'åpent punkt', 'åpne punkter')} av {len(owned)}.", ""]
        out += _action_table(repo, owned, here, with_owner=False)
        out.append("")
    out += ["## Etter satsingsområde {#etter-satsingsomrade}", ""]
    areas_of_group = area_of_group(repo)
    leads = lead_areas(repo)
    by_area: dict[str | None, list[actions.ActionChain]] = defaultdict(list)
    for chain in chains:
        for area in chain_focus_areas(repo, chain, areas_of_group, leads) or [None]:
            by_area[area].append(chain)
    for area_id in [*repo.focus_areas, None]:
        if not by_area.get(area_id):
            continue
        if area_id is None:
            out += ["### Uten satsingsområde {#omrade-ingen}", ""]
        else:
            out += [f"### {escape(repo.focus_areas[area_id].name)} {{#omrade-{area_id}}}", ""]
            out += [f"Mer om {focus_area_link(repo, area_id, here)}.", ""]
        out += _action_table(repo, by_area[area_id], here, with_owner=True)
        out.append("")
    return "\n".join(out).rstrip() + "\n"


# -- decisions ---------------------------------------------------------------

def decision_register(repo: Repository, here: str = DECISIONS_PAGE) -> str:
    """Every decision across meetings, newest first, one table per year."""
    by_year: dict[int, list[str]] = defaultdict(list)
    count = 0
    meetings_with = 0
    for meeting in reversed(repo.meetings):
        if meeting.decisions:
            meetings_with += 1
        for item, decision in meeting.decisions:
            count += 1
            by_year[meeting.year].append([
                a(url(here, meeting.src_path), meeting_date(meeting)),
                group_link(repo, meeting.group, here),
                a(url(here, meeting.src_path, item.anchor), item_label(item)),
                esc(decision),
            ])
    if not count:
        return "Ingen vedtak er lagt inn ennå."
    out = [f"{plural(count, 'vedtak', 'vedtak')} fra {plural(meetings_with, 'møte', 'møter')}, nyeste først. Bruk søket for å finne ord i vedtakene.", ""]
    for year in sorted(by_year, reverse=True):
        out += [f"## {year}", "", table(["Møtedato", "Gruppe", "Sak", "Vedtak"], by_year[year]), ""]
    return "\n".join(out).rstrip() + "\n"


# -- attendance --------------------------------------------------------------

def _names(repo: Repository, people: list[str], here: str, meeting: model.Meeting) -> str:
    if not people:
        return "–"
    roles = {meeting.chair: "møteleder", meeting.secretary: "referent"}
    parts = []
    for person in people:
        role = roles.get(person)
        parts.append(person_link(repo, person, here) + (f" ({role})" if role else ""))
    return f"{len(people)}: " + _join(parts)


def chart_label(meeting: model.Meeting) -> str:
    if meeting.date:
        return meeting.date.strftime("%d.%m.%Y")
    if meeting.date_before:
        return f"udatert, før {meeting.date_before.strftime('%d.%m.%Y')}"
    return "udatert"


def attendance_chart(repo: Repository, records: list[attendance.MeetingAttendance]) -> str:
    shown = records[-CHART_MEETINGS:]
    labels = [f"{repo.groups[r.meeting.group].name if r.meeting.group in repo.groups else r.meeting.group}, {chart_label(r.meeting)}" for r in shown]
    series = [
        charts.Series("Til stede", [len(r.in_room) for r in shown], charts.PALETTE[0]),
        charts.Series("Digitalt", [len(r.online) for r in shown], charts.PALETTE[1]),
        charts.Series("Forfall", [len(r.absent) for r in shown], charts.PALETTE[2]),
    ]
    description = "Stolpediagram. " + " ".join(
        f"{label}: {len(r.in_room)} til stede, {len(r.online)} digitalt, {len(r.absent)} forfall." for label, r in zip(labels, shown)
    )
    return charts.stacked_bar_chart("oppmote-diagram", f"Oppmøte per møte ({plural(len(shown), 'møte', 'siste møter')} med kjent oppmøte)", description, labels, series)


def attendance_page(repo: Repository, here: str = ATTENDANCE_PAGE) -> str:
    records = attendance.known_attendance(repo.meetings)
    held = [m for m in repo.meetings if m.status != "planlagt"]
    if not records:
        return "Oppmøtet er ikke registrert for noen møter ennå."
    known = {r.meeting.id for r in records}
    unknown = [m for m in held if m.id not in known]
    out = []
    out += [f"Oppmøtet er kjent for {plural(len(records), 'møte', 'møter')}.", ""]
    if unknown:
        out += ["Oppmøtet er ikke kjent for " + _join([a(url(here, m.src_path), f"{meeting_name(repo, m)}, {meeting_date(m)}") for m in unknown]) + " (referatet finnes ikke i arkivet eller sier ikke hvem som kom).", ""]
    rows = [
        [
            a(url(here, record.meeting.src_path), f"{meeting_name(repo, record.meeting)}, {meeting_date(record.meeting)}"),
            _names(repo, record.in_room, here, record.meeting),
            _names(repo, record.online, here, record.meeting),
            _names(repo, record.absent, here, record.meeting),
        ]
        for record in reversed(records)
    ]
    out += ["## Møte for møte {#mote-for-mote}", "", table(["Møte", "Til stede", "Digitalt", "Forfall"], rows)]
    shown = records[-CHART_MEETINGS:]
    out += ["", "## Over tid {#over-tid}", ""]
    out += [
        '<figure class="attendance-chart">',
        attendance_chart(repo, records),
        '<figcaption>Oppmøte per møte: til stede, digitalt og forfall. Tallene står i tabellen under.</figcaption>',
        "</figure>",
        "",
        table(
            ["Møte", "Til stede", "Digitalt", "Forfall"],
            [[esc(f"{meeting_name(repo, r.meeting)}, {meeting_date(r.meeting)}"), str(len(r.in_room)), str(len(r.online)), str(len(r.absent))] for r in shown],
        ),
    ]
    years = sorted({r.meeting.year for r in records})
    by_person = attendance.tally_by_person(records)
    out += ["", "## Etter person {#etter-person}", "", "Hvor mange møter hver person har vært på, per år; digital deltakelse er tatt med i tallene.", ""]
    rows = []
    for person_id, tally in sorted(by_person.items(), key=lambda kv: (-kv[1].total, repo.name_of(kv[0]).lower())):
        person = repo.people.get(person_id)
        org = organisation_link(repo, person.organisation if person else None, here) or "–"
        counts = [str(tally.by_year.get(y, 0)) for y in years]
        rows.append([person_link(repo, person_id, here), org, *counts, str(tally.total), str(tally.online), str(tally.absent)])
    out.append(table(["Person", "Organisasjon", *(str(y) for y in years), "Totalt", "Herav digitalt", "Forfall"], rows))
    by_org = attendance.tally_by_organisation(by_person, repo.people)
    out += ["", "## Etter organisasjon {#etter-organisasjon}", "", "Summen av deltakelsene til organisasjonens folk, per år.", ""]
    rows = []

    def org_name(org_id: str | None) -> str:
        return repo.organisations[org_id].name if org_id in repo.organisations else "Ikke oppgitt"

    for org_id, tally in sorted(by_org.items(), key=lambda kv: (-kv[1].total, org_name(kv[0]).lower())):
        name = organisation_link(repo, org_id, here) or esc(org_name(org_id))
        counts = [str(tally.by_year.get(y, 0)) for y in years]
        rows.append([name, *counts, str(tally.total), str(len(tally.people)), str(tally.absent)])
    out.append(table(["Organisasjon", *(str(y) for y in years), "Totalt", "Personer som har deltatt", "Forfall"], rows))
    return "\n".join(out).rstrip() + "\n"


# -- calendar ----------------------------------------------------------------

def _calendar_row(repo: Repository, item: exports.CalendarItem, here: str) -> list[str]:
    when = " ".join(p for p in [item.start and (f"{item.start}–{item.end}" if item.end else item.start)] if p) or "–"
    if item.kind == "møte":
        what = a(url(here, item.page), item.title)
    else:
        title = a(item.external_link, item.title) if item.external_link else esc(item.title)
        what = f'<span id="{item.anchor}"></span>{title} (arrangement)'
    if item.place:
        what += f", {esc(item.place)}"
    group = group_link(repo, item.group, here) if item.group else "–"
    return [norwegian_date(item.date), when, what, group]


def calendar_page(repo: Repository, here: str = CALENDAR_PAGE) -> str:
    """Coming and past meetings and events, the calendar files, and what they leave out."""
    items, undated = exports.calendar_items(repo)
    coming = [i for i in items if i.date >= repo.today]
    past = [i for i in reversed(items) if i.date < repo.today]
    feed = lambda name: html.escape(static_href(here, f"{exports.EXPORT_DIR}/{name}"))  # noqa: E731
    out = [
        "## Abonner {#abonner}",
        "",
        "Legg kalenderen til i Outlook, Google Kalender eller telefonen med adressen til en av disse "
        "kalenderfilene (iCalendar). Den oppdateres hver gang nettstedet bygges.",
        "",
        f'- <a href="{feed(exports.CALENDAR_FILE)}">Alle møter og arrangementer</a>',
    ]
    out += [f'- <a href="{feed(exports.group_calendar_file(g.id))}">{html.escape(g.name)}</a>' for g in repo.groups.values()]
    head = ["Dato", "Tid", "Hva", "Gruppe"]
    out += ["", "## Kommende {#kommende}", ""]
    out += [table(head, [_calendar_row(repo, i, here) for i in coming])] if coming else ["Ingen kommende møter eller arrangementer er lagt inn."]
    out += ["", "## Tidligere {#tidligere}", ""]
    out += [table(head, [_calendar_row(repo, i, here) for i in past])] if past else ["Ingen tidligere møter eller arrangementer."]
    if undated:
        out += [
            "", "## Møter uten sikker dato {#uten-dato}", "",
            "Disse møtene er ikke med i kalenderfilene, fordi datoen bare er omtrent kjent:", "",
        ]
        out.append(unordered_list(a(url(here, m.src_path), f"{meeting_name(repo, m)}, {meeting_date(m)}") for m in undated))
    return "\n".join(out).rstrip() + "\n"


# -- open data ---------------------------------------------------------------

KIND_TYPES = {
    "text": "tekst", "multiline": "tekst", "path": "tekst (filsti)", "phone": "tekst",
    "email": "e-postadresse", "url": "nettadresse", "date": "dato (ÅÅÅÅ-MM-DD)",
    "time": "klokkeslett (TT:MM)", "ref": "id", "refs": "liste med id-er",
    "texts": "liste med tekster", "bool": "true/false", "choice": "ett av", "records": "liste",
}


def open_data_fields() -> str:
    """The fields of data.json per kind of record, from the same schema the export uses."""
    out = []
    kinds = [(key, kind) for key, kind in exports.COLLECTIONS] + [(None, schema.NESTED_SCHEMAS[n]) for n in ("agenda_item", "action_item", "attachment")]
    for key, kind in kinds:
        where = f"`{key}`" if key else "inne i et møte"
        out += [f"### {kind.label.capitalize()} ({where}) {{#felt-{kind.name.replace('_', '-')}}}", "", "| Felt | Verdi | Forklaring |", "|---|---|---|"]
        for key_, (field_schema, help_text) in exports.EXTRA_FIELDS.get(kind.name, {}).items():
            if kind.name == "person":
                continue  # listed with the person's own fields below
            out.append(f"| `{key_}` | {escape_cell(_json_type(field_schema))} | {escape_cell(help_text)} |")
        for spec in exports.public_fields(kind):
            value = KIND_TYPES[spec.kind] + (": " + ", ".join(spec.choices) if spec.choices else "")
            if spec.kind == "records":
                value = "liste med " + schema.NESTED_SCHEMAS[spec.record].label + "er"
            out.append(f"| `{spec.key}` | {escape_cell(value)} | {escape_cell(spec.help)} |")
        if kind.name == "person":
            for key_, (field_schema, help_text) in exports.EXTRA_FIELDS["person"].items():
                out.append(f"| `{key_}` | {escape_cell(_json_type(field_schema))} | {escape_cell(help_text)} |")
            hidden = [f"`{f.key}`" for f in kind.fields if not f.public and f.key not in exports.EXTRA_FIELDS["person"]]
            out += ["", "Disse feltene fra personregisteret er aldri med: " + ", ".join(hidden) + "."]
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def _json_type(field_schema: dict) -> str:
    if "enum" in field_schema:
        return "ett av: " + ", ".join(field_schema["enum"])
    return {"string": "tekst", "boolean": "true/false"}.get(field_schema.get("type", ""), "tekst")


def export_links(here: str = OPEN_DATA_PAGE) -> str:
    """Links to the generated files, for the open data page."""
    def href(name: str) -> str:
        return html.escape(static_href(here, f"{exports.EXPORT_DIR}/{name}"))

    return "\n".join([
        f'- <a href="{href(exports.DATA_FILE)}">{exports.DATA_FILE}</a>: alle møter, grupper, satsingsområder, klynger, arrangementer, personer og organisasjoner.',
        f'- <a href="{href(exports.FEED_FILE)}">{exports.FEED_FILE}</a>: nyhetsstrøm (Atom) med nye og godkjente referater.',
        f'- <a href="{href(exports.CALENDAR_FILE)}">{exports.CALENDAR_FILE}</a>: kalender (iCalendar) med alle møter og arrangementer; én fil per gruppe på [kalendersiden]({link(here, CALENDAR_PAGE, "abonner")}).',
    ])
