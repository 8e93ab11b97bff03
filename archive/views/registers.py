"""Views across meetings: follow-ups, decisions, attendance, the calendar, open data.

Pure functions like those in the other views: model in, pages out. Each makes one
pass over the meetings (or over indexes the Repository built once), so the
pages stay linear in the archive's size. Decisions and attendance have one
page per year, so no page grows without bound.
"""

from __future__ import annotations

from collections import defaultdict
from functools import partial

from archive import model
from archive.model import attendance, paths, schema
from archive.model.formatting import meeting_date, norwegian_date, plural
from archive.model.paths import url
from archive.model.repository import Repository
from archive.safety.markdown import render_inline
from archive.views import charts, exports
from archive.views.common import group_link, meeting_link, meeting_name, organisation_link, person_link
from archive.views.html import Markup, a, concat, filter_select, join, table, tag, unordered_list
from archive.views.meetings import follow_up_table
from archive.views.pages import Heading, Later, Page

# The chart shows the latest meetings; the tables hold them all.
CHART_MEETINGS = 24


# -- follow-ups --------------------------------------------------------------


def action_register(repo: Repository, here: str = paths.ACTIONS_PAGE) -> Page:
    """Every follow-up in one table, open ones first, to sort and filter."""
    page = Page(here, "Oppfølging")
    page.blocks.append(Heading(1, "Oppfølging", ""))
    chains = sorted(repo.action_chains, key=lambda c: (not c.is_open, -(repo.meetings_by_id[c.first.meeting_id].sort_date.toordinal())))
    if not chains:
        page.blocks.append(tag("p", "Ingen oppfølgingspunkter er lagt inn ennå."))
        return page
    open_count = sum(1 for c in chains if c.is_open)
    intro = tag(
        "p",
        f"{plural(open_count, 'åpent', 'åpne')} og {plural(len(chains) - open_count, 'avsluttet', 'avsluttede')} oppfølgingspunkter. "
        "Åpne punkter står først, nyeste først. Et punkt som et senere møte har fulgt opp, står én gang, med status og ansvarlig fra det siste møtet.",
    )
    owners = sorted({o for c in chains for o in c.owners}, key=lambda ref: repo.name_of(ref).lower())
    areas = [area for area in repo.focus_areas if any(area in c.latest.focus_areas for c in chains)]

    form = tag(
        "form",
        [
            filter_select("status", "Status", "Alle", [("åpen", "Åpne"), ("ferdig", "Ferdige"), ("utgår", "Utgått")]),
            filter_select("ansvarlig", "Ansvarlig", "Alle ansvarlige", [(o, repo.name_of(o)) for o in owners]),
            filter_select("omrade", "Satsingsområde", "Alle satsingsområder", [(area, repo.focus_areas[area].name) for area in areas]),
            tag("p", "", class_="archive-filter-count", role="status", aria_live="polite"),
        ],
        class_="archive-filter",
        hidden=True,
        aria_label="Avgrens oppfølgingspunktene",
        data_rows="follow-up-table",
    )
    page.blocks.append(intro + form)
    page.blocks.append(Later(lambda: tag("div", follow_up_table(repo, chains, here, with_area=True), class_="sortable-table")))
    return page


# -- decisions ---------------------------------------------------------------


def _decisions_by_year(repo: Repository) -> dict[int, list[tuple[model.Meeting, model.AgendaItem, model.Decision]]]:
    by_year: dict[int, list] = defaultdict(list)
    for meeting in reversed(repo.meetings):
        for item, decision in meeting.decisions:
            by_year[meeting.year].append((meeting, item, decision))
    return by_year


def decision_table(repo: Repository, entries, here: str) -> Markup:
    rows = [
        [
            render_inline(decision.text),
            a(url(here, meeting.src_path, item.anchor), item.label),
            meeting_link(repo, meeting, here, label=meeting_date(meeting)),
            group_link(repo, meeting.group, here),
        ]
        for meeting, item, decision in entries
    ]
    return table(["Vedtak", "Sak", "Møtedato", "Gruppe"], rows, class_="decision-table")


def decision_pages(repo: Repository) -> list[Page]:
    """The decisions register: an index with the latest decisions, and one page per year."""
    here = paths.DECISIONS_PAGE
    index = Page(here, "Vedtak")
    index.blocks.append(Heading(1, "Vedtak", ""))
    by_year = _decisions_by_year(repo)
    if not by_year:
        index.blocks.append(tag("p", "Ingen vedtak er lagt inn ennå."))
        return [index]
    years = sorted(by_year, reverse=True)
    count = sum(len(entries) for entries in by_year.values())
    year_links = unordered_list(
        (a(url(here, paths.decisions_year_page(year)), str(year)) + f": {plural(len(by_year[year]), 'vedtak', 'vedtak')}" for year in years), class_="year-list"
    )
    index.blocks.append(
        tag("p", f"{plural(count, 'vedtak', 'vedtak')} i arkivet, nyeste først. Søk (tasten /) for å finne ord i vedtakene. Vedtak år for år:") + year_links
    )
    latest = [entry for year in years for entry in by_year[year]][:20]
    index.blocks.append(Heading(2, "Siste vedtak", "siste"))
    index.blocks.append(decision_table(repo, latest, here))
    pages = [index]
    for year in years:
        src = paths.decisions_year_page(year)
        page = Page(src, f"Vedtak {year}")
        page.blocks.append(Heading(1, f"Vedtak {year}", ""))
        page.blocks.append(tag("p", Markup(f"{plural(len(by_year[year]), 'vedtak', 'vedtak')}, nyeste først. ") + a(url(src, here), "Alle år") + "."))
        page.blocks.append(Later(partial(decision_table, repo, by_year[year], src)))
        pages.append(page)
    return pages


# -- attendance --------------------------------------------------------------


def _names(repo: Repository, people: list[str], here: str, meeting: model.Meeting) -> Markup:
    if not people:
        return Markup("–")
    roles = {meeting.chair: "møteleder", meeting.secretary: "referent"}
    return concat(f"{len(people)}: ", join(concat(person_link(repo, p, here), f" ({roles[p]})" if p in roles else None) for p in people))


def attendance_chart(repo: Repository, records: list[attendance.MeetingAttendance]) -> Markup:
    shown = records[-CHART_MEETINGS:]
    labels = [meeting_name(repo, r.meeting) for r in shown]
    series = [
        charts.Series("Til stede", [len(r.in_room) for r in shown], charts.PALETTE[0]),
        charts.Series("Digitalt", [len(r.online) for r in shown], charts.PALETTE[1]),
        charts.Series("Forfall", [len(r.absent) for r in shown], charts.PALETTE[2]),
    ]
    description = "Stolpediagram. " + " ".join(
        f"{label}: {len(r.in_room)} til stede, {len(r.online)} digitalt, {len(r.absent)} forfall." for label, r in zip(labels, shown, strict=True)
    )
    return charts.stacked_bar_chart(
        "oppmote-diagram", f"Oppmøte per møte ({plural(len(shown), 'møte', 'siste møter')} med kjent oppmøte)", description, labels, series
    )


def attendance_pages(repo: Repository) -> list[Page]:
    """Attendance: the chart and the tallies by person and organisation; one page per year."""
    here = paths.ATTENDANCE_PAGE
    index = Page(here, "Oppmøte")
    index.blocks.append(Heading(1, "Oppmøte", ""))
    records = attendance.known_attendance(repo.meetings)
    if not records:
        index.blocks.append(tag("p", "Oppmøtet er ikke registrert for noen møter ennå."))
        return [index]
    known = {r.meeting.id for r in records}
    unknown = [m for m in repo.meetings if m.held and m.id not in known]
    by_year: dict[int, list[attendance.MeetingAttendance]] = defaultdict(list)
    for record in records:
        by_year[record.meeting.year].append(record)
    years = sorted(by_year, reverse=True)
    intro = [tag("p", f"Oppmøtet er kjent for {plural(len(records), 'møte', 'møter')}. Møteleder og referent regnes som til stede. Møte for møte, år for år:")]
    intro.append(
        unordered_list(
            (a(url(here, paths.attendance_year_page(y)), str(y)) + f": {plural(len(by_year[y]), 'møte', 'møter')}" for y in years), class_="year-list"
        )
    )
    if unknown:
        intro.append(
            tag(
                "p",
                Markup("Oppmøtet er ikke kjent for ")
                + join(meeting_link(repo, m, here) for m in unknown[-10:])
                + " (referatet finnes ikke i arkivet eller sier ikke hvem som kom).",
            )
        )
    index.blocks.append(Markup("\n").join(intro))
    shown = records[-CHART_MEETINGS:]
    index.blocks.append(Heading(2, "Over tid", "over-tid"))
    index.blocks.append(
        tag(
            "figure",
            attendance_chart(repo, records) + tag("figcaption", "Oppmøte per møte: til stede, digitalt og forfall. Tallene står i tabellen under."),
            class_="attendance-chart",
        )
        + table(
            ["Møte", "Til stede", "Digitalt", "Forfall"],
            [[meeting_link(repo, r.meeting, here), str(len(r.in_room)), str(len(r.online)), str(len(r.absent))] for r in reversed(shown)],
        )
    )
    by_person = attendance.tally_by_person(records)
    index.blocks.append(Heading(2, "Etter person", "etter-person"))
    rows = []
    for person_id, tally in sorted(by_person.items(), key=lambda kv: (-kv[1].total, repo.name_of(kv[0]).lower())):
        person = repo.people.get(person_id)
        org = organisation_link(repo, person.organisation if person else None, here) or "–"
        last = tally.last.meeting if tally.last else None
        rows.append(
            [
                person_link(repo, person_id, here),
                org,
                str(tally.total),
                str(tally.online),
                str(tally.absent),
                meeting_link(repo, last, here, label=meeting_date(last)) if last else "–",
            ]
        )
    index.blocks.append(
        tag("p", "Hvor mange møter hver person har vært på; digital deltakelse er tatt med i totalen.")
        + tag("div", table(["Person", "Organisasjon", "Totalt", "Herav digitalt", "Forfall", "Sist til stede"], rows), class_="sortable-table")
    )
    by_org = attendance.tally_by_organisation(by_person, repo.people)
    index.blocks.append(Heading(2, "Etter organisasjon", "etter-organisasjon"))

    def org_name(org_id: str | None) -> str:
        return repo.organisations[org_id].name if org_id in repo.organisations else "Ikke oppgitt"

    rows = []
    for org_id, tally in sorted(by_org.items(), key=lambda kv: (-kv[1].total, org_name(kv[0]).lower())):
        rows.append([organisation_link(repo, org_id, here) or org_name(org_id), str(tally.total), str(len(tally.people)), str(tally.absent)])
    index.blocks.append(
        tag("p", "Summen av deltakelsene til organisasjonens folk.")
        + tag("div", table(["Organisasjon", "Totalt", "Personer som har deltatt", "Forfall"], rows), class_="sortable-table")
    )
    pages = [index]
    for year in years:
        src = paths.attendance_year_page(year)
        page = Page(src, f"Oppmøte {year}")
        page.blocks.append(Heading(1, f"Oppmøte {year}", ""))
        page.blocks.append(tag("p", Markup("Møte for møte, nyeste først. ") + a(url(src, here), "Oppmøte alle år") + "."))
        page.blocks.append(Later(partial(attendance_year_table, repo, by_year[year], src)))
        pages.append(page)
    return pages


def attendance_year_table(repo: Repository, records: list, here: str) -> Markup:
    rows = [
        [
            meeting_link(repo, r.meeting, here),
            _names(repo, r.in_room, here, r.meeting),
            _names(repo, r.online, here, r.meeting),
            _names(repo, r.absent, here, r.meeting),
        ]
        for r in reversed(records)
    ]
    return table(["Møte", "Til stede", "Digitalt", "Forfall"], rows)


# -- calendar ----------------------------------------------------------------


def _calendar_row(repo: Repository, item: exports.CalendarItem, here: str) -> list:
    when = (f"{item.start}–{item.end}" if item.end else item.start) if item.start else "–"
    if item.kind == "møte":
        what = a(url(here, item.page), item.title)
    else:
        what = tag("span", a(item.external_link, item.title) if item.external_link else item.title, id=item.anchor) + " (arrangement)"
    group = group_link(repo, item.group, here) if item.group else "–"
    return [norwegian_date(item.date), when, what, item.place or "–", group]


def subscribe_row(label: str, address: str) -> Markup:
    """One calendar to subscribe to: the full address to copy, and a webcal: link that opens the calendar program."""
    webcal = "webcal://" + address.split("://", 1)[1] if "://" in address else address
    field_id = "kal-" + address.rsplit("/", 1)[-1].replace(".", "-")
    return tag(
        "li",
        [
            tag("strong", label),
            tag(
                "span",
                [
                    tag("label", f"Adresse til {label}", for_=field_id, class_="visually-hidden"),
                    tag("input", type="text", readonly=True, value=address, id=field_id, class_="calendar-address"),
                    tag("button", "Kopier", type="button", class_="md-button copy-button", data_copy=field_id, hidden=True),
                ],
                class_="calendar-field",
            ),
            tag("span", [a(webcal, "Åpne i kalenderprogrammet"), " · ", a(address, "Last ned")], class_="calendar-links"),
        ],
    )


def calendar_page(repo: Repository, site_url: str, here: str = paths.CALENDAR_PAGE) -> Page:
    """Coming and past meetings and events, the calendars to subscribe to, and what they leave out."""
    page = Page(here, "Kalender")
    page.blocks.append(Heading(1, "Kalender", ""))
    items, undated = exports.calendar_items(repo)
    coming = [i for i in items if i.date >= repo.today]
    past = [i for i in reversed(items) if i.date < repo.today]
    page.blocks.append(Heading(2, "Abonner", "abonner"))
    everything = subscribe_row("Alle møter og arrangementer", exports.absolute_url(site_url, f"{paths.EXPORT_DIR}/{exports.CALENDAR_FILE}"))
    per_group = [subscribe_row(g.name, exports.absolute_url(site_url, f"{paths.EXPORT_DIR}/{exports.group_calendar_file(g.id)}")) for g in repo.groups.values()]
    intro = tag(
        "p",
        "Legg kalenderen til i Outlook, Google Kalender eller på telefonen: kopier adressen og velg «Legg til kalender fra Internett» (eller «abonner»), eller trykk «Åpne i kalenderprogrammet». Kalenderen oppdateres hver gang nettstedet bygges.",
    )
    # One calendar for everything first; the groups' own calendars folded away below it.
    groups = (
        tag("details", tag("summary", f"Kalender for én gruppe ({len(per_group)})") + tag("ul", per_group, class_="subscribe-list"), class_="group-calendars")
        if per_group
        else Markup("")
    )
    page.blocks.append(intro + tag("ul", everything, class_="subscribe-list") + groups)
    head = ["Dato", "Tid", "Hva", "Sted", "Gruppe"]
    page.blocks.append(Heading(2, "Kommende", "kommende"))
    page.blocks.append(
        table(head, [_calendar_row(repo, i, here) for i in coming]) if coming else tag("p", "Ingen kommende møter eller arrangementer er lagt inn.")
    )
    page.blocks.append(Heading(2, "Tidligere", "tidligere"))
    page.blocks.append(table(head, [_calendar_row(repo, i, here) for i in past]) if past else tag("p", "Ingen tidligere møter eller arrangementer."))
    if undated:
        page.blocks.append(Heading(2, "Møter uten sikker dato", "uten-dato"))
        page.blocks.append(
            tag("p", "Disse møtene er ikke med i kalenderfilene, fordi datoen bare er omtrent kjent:")
            + unordered_list(meeting_link(repo, m, here) for m in undated)
        )
    return page


# -- open data ---------------------------------------------------------------

KIND_TYPES = {
    "text": "tekst",
    "multiline": "tekst",
    "path": "tekst (filsti)",
    "phone": "tekst",
    "email": "e-postadresse",
    "url": "nettadresse",
    "date": "dato (ÅÅÅÅ-MM-DD)",
    "time": "klokkeslett (TT:MM)",
    "ref": "id",
    "refs": "liste med id-er",
    "texts": "liste med tekster",
    "bool": "true/false",
    "choice": "ett av",
    "choices": "liste, hvert ett av",
    "records": "liste",
}


def _field_table(rows: list[tuple[str, str, str]]) -> Markup:
    return table(["Felt", "Verdi", "Forklaring"], [[tag("code", key), value, help_text] for key, value, help_text in rows], class_="field-table")


def open_data_fields() -> Markup:
    """The fields of data.json per kind of record, from the same schema the export uses."""
    out = []
    kinds = [(key, kind) for key, kind in exports.COLLECTIONS] + [(None, schema.NESTED_SCHEMAS[n]) for n in ("agenda_item", "action_item", "attachment")]
    for key, kind in kinds:
        where = f"«{key}»" if key else "inne i et møte"
        rows = []
        extra = exports.EXTRA_FIELDS.get(kind.name, {})
        for spec in exports.public_fields(kind):
            value = KIND_TYPES[spec.kind] + (": " + ", ".join(spec.choices) if spec.choices else "")
            if spec.kind == "records":
                value = "liste med " + schema.NESTED_SCHEMAS[spec.record].label + "er"
            rows.append((spec.key, value, spec.help))
        for key_, (field_schema, help_text) in extra.items():
            rows.append((key_, _json_type(field_schema), help_text))
        block = tag("h3", f"{kind.label.capitalize()} ({where})", id=f"felt-{kind.name.replace('_', '-')}") + _field_table(rows)
        if kind.name == "person":
            hidden = [f.key for f in kind.fields if not f.public and f.key not in extra]
            block += tag("p", "Disse feltene fra personregisteret er aldri med: " + ", ".join(hidden) + ".")
        out.append(block)
    return Markup("\n").join(out)


def _json_type(field_schema: dict) -> str:
    if "enum" in field_schema:
        return "ett av: " + ", ".join(field_schema["enum"])
    return {"string": "tekst", "boolean": "true/false", "array": "liste"}.get(field_schema.get("type", ""), "tekst")


def export_links(site_url: str) -> Markup:
    """The generated files, by their full addresses, for the open-data page."""
    files = [
        (exports.DATA_FILE, "alle møter, grupper, satsingsområder, klynger, arrangementer, personer og organisasjoner."),
        (exports.SCHEMA_FILE, "JSON-skjemaet (utkast 2020-12) som beskriver data.json."),
        (exports.FEED_FILE, "nyhetsstrøm (Atom) med nye og godkjente referater."),
        (exports.CALENDAR_FILE, "kalender (iCalendar) med alle møter og arrangementer; én fil per gruppe står på kalendersiden."),
    ]
    return unordered_list(a(exports.absolute_url(site_url, f"{paths.EXPORT_DIR}/{name}"), name) + f": {text}" for name, text in files)
