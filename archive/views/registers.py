"""Views across meetings: follow-ups, decisions, attendance, the calendar, open data.

Pure functions like those in the other views: model in, pages out. Each makes one
pass over the meetings (or over indexes the Repository built once), so the
pages stay linear in the archive's size. No page grows without bound: the
registers show a page of rows at a time (archive/views/paging.py), and their
filters work over every row from the rows written as data (archive/views/lists.py).
"""

from __future__ import annotations

from collections import defaultdict

from archive import model
from archive.model import attendance, paths, schema
from archive.model.formatting import meeting_date, norwegian_date, plural
from archive.model.paths import url
from archive.model.repository import Repository
from archive.safety.markdown import render_inline
from archive.views import charts, exports, lists
from archive.views.common import (
    breadcrumb,
    follow_up_order,
    group_link,
    is_overdue,
    item_label,
    meeting_link,
    meeting_name,
    organisation_link,
    person_link,
)
from archive.views.html import EMPTY, Markup, a, concat, join, table, tag, unordered_list
from archive.views.meetings import FOLLOW_UP_HEAD, follow_up_cells, follow_up_facets, follow_up_row_attributes
from archive.views.pages import Heading, Later, Page
from archive.views.paging import LIST_PAGE, PAGE_ROWS, paged

# The chart shows the latest meetings; the tables hold them all.
CHART_MEETINGS = 24
# People in the attendance overview; all of them are on a page of their own.
ATTENDANCE_PEOPLE = 20  # with the chart, within the phone's 200 ms for a page (bench/phone.py)


# -- follow-ups --------------------------------------------------------------

FOLLOW_UP_STATUSES = [("åpen", "Åpne"), ("forfalt", "Forfalte"), ("ferdig", "Ferdige"), ("utgår", "Utgått")]


def follow_up_data(repo: Repository) -> lists.DataList:
    """Every follow-up as a row, one file per status, for the register's filters."""

    def rows() -> list[lists.Row]:
        here = lists.ROOT_PAGE
        out = []
        for chain in sorted(repo.action_chains, key=lambda c: follow_up_order(repo, c)):
            order = follow_up_order(repo, chain)
            latest = repo.meetings_by_id[chain.latest.meeting_id]
            out.append(
                lists.Row(
                    follow_up_cells(repo, chain, here, with_area=True),
                    follow_up_facets(repo, chain),
                    {
                        "frist": f"{order[0]}{order[1].isoformat()}{99999999 + order[2]:08d}{chain.key}",
                        "dato": latest.sort_date.isoformat() + chain.key,
                    },
                )
            )
        return out

    groups = [g for g in repo.groups if repo.meetings_by_group.get(g) or repo.chains_by_owner.get(g)]
    # A group's file first (smaller); the status files hold every follow-up once.
    return lists.DataList("oppfolging", FOLLOW_UP_HEAD, "follow-up-table", [("gruppe", groups), ("status", ["åpen", "ferdig", "utgår"])], rows, "status")


def _follow_up_table(repo: Repository, chains: list, here: str) -> Markup:
    if not chains:
        return tag("p", "Ingen oppfølgingspunkter her.")
    rows = [follow_up_cells(repo, chain, here, with_area=True) for chain in chains]
    attributes = [follow_up_row_attributes(repo, chain) for chain in chains]
    return tag("div", table(FOLLOW_UP_HEAD, rows, class_="follow-up-table", row_attributes=attributes), class_="sortable-table")


def action_register(repo: Repository, here: str = paths.ACTIONS_PAGE) -> list[Page]:
    """The open follow-ups, overdue first and by deadline, a page at a time; the closed ones on
    pages of their own; a form that filters all of them by status, group, owner and focus area."""
    page = Page(here, "Oppfølging", hide=LIST_PAGE)
    page.blocks.append(Heading(1, "Oppfølging", ""))
    chains = sorted(repo.action_chains, key=lambda c: follow_up_order(repo, c))
    if not chains:
        page.blocks.append(tag("p", "Ingen oppfølgingspunkter er lagt inn ennå."))
        return [page]
    still_open = [c for c in chains if c.is_open]
    closed = [c for c in chains if not c.is_open]
    overdue = sum(1 for c in still_open if is_overdue(c.status, c.latest.due, repo.today))
    counts = [plural(len(still_open), "åpent", "åpne") + (f", av dem {overdue} forfalt" if overdue else "")]
    intro = tag(
        "p",
        concat(
            f"{counts[0]}. Forfalte står først, så de andre åpne etter frist. Et punkt som et senere møte har fulgt opp, står én gang, med status og ansvarlig fra det siste møtet. ",
            concat(a(url(here, paths.CLOSED_ACTIONS_PAGE), plural(len(closed), "avsluttet punkt", "avsluttede punkter")), " står på en egen side.")
            if closed
            else "Ingen punkter er avsluttet ennå.",
        ),
    )
    owners = sorted({o for c in chains for o in c.owners}, key=lambda ref: repo.name_of(ref).lower())
    areas = [area for area in repo.focus_areas if any(area in c.latest.focus_areas for c in chains)]
    groups = [g for g in repo.groups.values() if repo.meetings_by_group.get(g.id)]
    form = lists.filter_form(
        follow_up_data(repo),
        [
            lists.Facet("status", "Status", "Alle", FOLLOW_UP_STATUSES),
            lists.Facet("gruppe", "Gruppe", "Alle grupper", [(g.id, g.name) for g in groups]),
            lists.Facet("ansvarlig", "Ansvarlig", "Alle ansvarlige", [(o, repo.name_of(o)) for o in owners]),
            lists.Facet("omrade", "Satsingsområde", "Alle satsingsområder", [(area, repo.focus_areas[area].name) for area in areas]),
        ],
        aria_label="Avgrens oppfølgingspunktene",
        default={"status": "åpen"},
        sorts=[("frist", "Frist, forfalte først"), ("-dato", "Sist fulgt opp")],
        shards=[("status", "forfalt", "åpen")],
    )
    page.blocks.append(intro + form)
    crumbs = [(paths.ACTIONS_PAGE, "Oppfølging")]
    pages = paged(page, still_open, lambda piece, where: _follow_up_table(repo, piece, where), title="Oppfølging", crumbs=[])
    closed_page = Page(paths.CLOSED_ACTIONS_PAGE, "Avsluttede oppfølgingspunkter", hide=LIST_PAGE)
    closed_page.blocks.append(breadcrumb(closed_page.src, crumbs))
    closed_page.blocks.append(Heading(1, "Avsluttede oppfølgingspunkter", ""))
    closed_page.blocks.append(tag("p", f"{plural(len(closed), 'punkt', 'punkter')} som er ferdige eller utgått, sist avsluttet først."))
    pages += paged(closed_page, closed, lambda piece, where: _follow_up_table(repo, piece, where), title="Avsluttede oppfølgingspunkter", crumbs=crumbs)
    return pages


# -- decisions ---------------------------------------------------------------

DECISION_HEAD = ["Sak", "Vedtak", "Gruppe"]


def _decisions_by_year(repo: Repository) -> dict[int, list[tuple[model.Meeting, model.AgendaItem, model.Decision]]]:
    by_year: dict[int, list] = defaultdict(list)
    for meeting in reversed(repo.meetings):
        for item, decision in meeting.decisions:
            by_year[meeting.year].append((meeting, item, decision))
    return by_year


def decision_cells(repo: Repository, meeting: model.Meeting, item: model.AgendaItem, decision: model.Decision, here: str) -> list:
    # The meeting and the item first: on a phone each row is a card under that title.
    where = a(url(here, meeting.src_path, item.anchor), f"{meeting_date(meeting)}, {item_label(item)}")
    text = render_inline(decision.text)
    return [where, tag("span", text, lang="nn") if meeting.language == "nn" else text, group_link(repo, meeting.group, here)]


def decision_table(repo: Repository, entries, here: str) -> Markup:
    if not entries:
        return tag("p", "Ingen vedtak.")
    return table(DECISION_HEAD, [decision_cells(repo, m, item, d, here) for m, item, d in entries], class_="decision-table")


def decision_data(repo: Repository) -> lists.DataList:
    by_year = _decisions_by_year(repo)

    def rows() -> list[lists.Row]:
        here = lists.ROOT_PAGE
        return [
            lists.Row(
                decision_cells(repo, m, item, d, here),
                {"ar": str(m.year), "gruppe": m.group, "omrade": " ".join(dict.fromkeys([*d.focus_areas, *item.focus_areas]))},
                {"dato": f"{m.sort_date.isoformat()}{m.id}{item.line:06d}{d.line:06d}"},
            )
            for year in sorted(by_year, reverse=True)
            for m, item, d in by_year[year]
        ]

    years = [str(y) for y in sorted(by_year, reverse=True)]
    groups = [g for g in repo.groups if any(m.decisions for m in repo.meetings_by_group.get(g, []))]
    # A group's or a year's file; the groups' files hold every decision once, in fewer files than the years'.
    return lists.DataList("vedtak", DECISION_HEAD, "decision-table", [("gruppe", groups), ("ar", years)], rows, "gruppe")


def decision_pages(repo: Repository) -> list[Page]:
    """The decisions register: the latest decisions with filters over all of them, and one page per year."""
    here = paths.DECISIONS_PAGE
    index = Page(here, "Vedtak", hide=("navigation",))
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
    groups = [g for g in repo.groups.values() if repo.meetings_by_group.get(g.id)]
    form = lists.filter_form(
        decision_data(repo),
        [
            lists.Facet("gruppe", "Gruppe", "Alle grupper", [(g.id, g.name) for g in groups]),
            lists.Facet("omrade", "Satsingsområde", "Alle satsingsområder", [(a_.id, a_.name) for a_ in repo.focus_areas.values()]),
            lists.Facet("ar", "År", "Alle år", [(str(y), str(y)) for y in years]),
        ],
        aria_label="Avgrens vedtakene",
        sorts=[("-dato", "Nyeste først"), ("dato", "Eldste først")],
    )
    index.blocks.append(
        tag("p", f"{plural(count, 'vedtak', 'vedtak')} i arkivet, nyeste først. Søket øverst på siden finner ord i vedtakene. Vedtak år for år:")
        + year_links
        + form
    )
    latest = [entry for year in years for entry in by_year[year]][:PAGE_ROWS]
    index.blocks.append(Heading(2, "Siste vedtak", "siste"))
    index.blocks.append(Later(lambda: tag("div", decision_table(repo, latest, here), class_="decision-list"), searchable=False))
    pages = [index]
    crumbs = [(here, "Vedtak")]
    for year in years:
        src = paths.decisions_year_page(year)
        page = Page(src, f"Vedtak {year}", hide=LIST_PAGE)
        page.blocks.append(breadcrumb(src, crumbs))
        page.blocks.append(Heading(1, f"Vedtak {year}", ""))
        page.blocks.append(tag("p", Markup(f"{plural(len(by_year[year]), 'vedtak', 'vedtak')}, nyeste først. ") + a(url(src, here), "Alle år") + "."))
        pages += paged(page, by_year[year], lambda piece, where: decision_table(repo, piece, where), title=f"Vedtak {year}", crumbs=crumbs)
    return pages


# -- attendance --------------------------------------------------------------


def _names(repo: Repository, people: list[str], here: str, meeting: model.Meeting) -> Markup:
    if not people:
        return Markup(EMPTY)
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


def _person_rows(repo: Repository, tallies: list[tuple[str, attendance.Tally]], here: str) -> list[list]:
    rows = []
    for person_id, tally in tallies:
        person = repo.people.get(person_id)
        org = organisation_link(repo, person.organisation if person else None, here) or EMPTY
        last = tally.last.meeting if tally.last else None
        rows.append(
            [
                person_link(repo, person_id, here),
                org,
                str(tally.total),
                str(tally.online),
                str(tally.absent),
                meeting_link(repo, last, here, label=meeting_date(last)) if last else EMPTY,
            ]
        )
    return rows


PERSON_ATTENDANCE_HEAD = ["Person", "Organisasjon", "Totalt", "Herav digitalt", "Forfall", "Sist til stede"]


def attendance_pages(repo: Repository) -> list[Page]:
    """Attendance: the chart and the tallies by person and organisation; one page per year."""
    here = paths.ATTENDANCE_PAGE
    index = Page(here, "Oppmøte", hide=("navigation",))
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
    ranked = sorted(by_person.items(), key=lambda kv: (-kv[1].total, repo.name_of(kv[0]).lower()))
    index.blocks.append(Heading(2, "Etter person", "etter-person"))
    more = (
        tag(
            "p",
            concat(f"De {ATTENDANCE_PEOPLE} som har vært på flest møter. ", a(url(here, paths.ATTENDANCE_PEOPLE_PAGE), f"Alle {len(ranked)} personer"), "."),
        )
        if len(ranked) > ATTENDANCE_PEOPLE
        else Markup("")
    )
    index.blocks.append(
        tag("p", "Hvor mange møter hver person har vært på; digital deltakelse er tatt med i totalen.")
        + more
        + tag("div", table(PERSON_ATTENDANCE_HEAD, _person_rows(repo, ranked[:ATTENDANCE_PEOPLE], here)), class_="sortable-table")
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
    crumbs = [(here, "Oppmøte")]
    if len(ranked) > ATTENDANCE_PEOPLE:
        people_page = Page(paths.ATTENDANCE_PEOPLE_PAGE, "Oppmøte etter person", hide=LIST_PAGE)
        people_page.blocks.append(breadcrumb(people_page.src, crumbs))
        people_page.blocks.append(Heading(1, "Oppmøte etter person", ""))
        people_page.blocks.append(tag("p", "Flest møter først; digital deltakelse er tatt med i totalen."))
        pages += paged(
            people_page,
            ranked,
            lambda piece, where: tag("div", table(PERSON_ATTENDANCE_HEAD, _person_rows(repo, piece, where)), class_="sortable-table"),
            title="Oppmøte etter person",
            crumbs=crumbs,
        )
    for year in years:
        src = paths.attendance_year_page(year)
        page = Page(src, f"Oppmøte {year}", hide=LIST_PAGE)
        page.blocks.append(breadcrumb(src, crumbs))
        page.blocks.append(Heading(1, f"Oppmøte {year}", ""))
        page.blocks.append(tag("p", Markup("Møte for møte, nyeste først. ") + a(url(src, here), "Oppmøte alle år") + "."))
        newest = list(reversed(by_year[year]))
        pages += paged(
            page, newest, lambda piece, where: attendance_year_table(repo, piece, where), title=f"Oppmøte {year}", crumbs=crumbs, per_page=PAGE_ROWS // 2
        )
    return pages


def attendance_year_table(repo: Repository, records: list, here: str) -> Markup:
    rows = [
        [
            meeting_link(repo, r.meeting, here),
            _names(repo, r.in_room, here, r.meeting),
            _names(repo, r.online, here, r.meeting),
            _names(repo, r.absent, here, r.meeting),
        ]
        for r in records
    ]
    return table(["Møte", "Til stede", "Digitalt", "Forfall"], rows)


# -- calendar ----------------------------------------------------------------

CALENDAR_HEAD = ["Dato", "Hva", "Gruppe"]
# Past meetings and events on the calendar page itself; the rest on pages of their own.
CALENDAR_PAST = 20


def _calendar_row(repo: Repository, item: exports.CalendarItem, here: str) -> list:
    """Date and time in one cell, what and where in the next: no column of empty times or places."""
    when = norwegian_date(item.date)
    if item.start:
        when += ", kl. " + (f"{item.start}–{item.end}" if item.end else item.start)
    if item.kind == "møte":
        what = a(url(here, item.page), item.title)
    else:
        what = tag("span", a(item.external_link, item.title) if item.external_link else item.title, id=item.anchor) + " (arrangement)"
    if item.place:
        what = concat(what, tag("br"), tag("span", item.place, class_="calendar-place"))
    group = group_link(repo, item.group, here) if item.group else EMPTY
    return [when, what, group]


def calendar_table(repo: Repository, items: list, here: str) -> Markup:
    return table(CALENDAR_HEAD, [_calendar_row(repo, i, here) for i in items], class_="calendar-table")


def subscribe_row(label: str, address: str, feed: str | None = None) -> Markup:
    """One calendar to subscribe to: the full address to copy, a webcal: link that opens the
    calendar program, and, for a group, its news feed."""
    webcal = "webcal://" + address.split("://", 1)[1] if "://" in address else address
    field_id = "kal-" + address.rsplit("/", 1)[-1].replace(".", "-")
    links = [a(webcal, "Åpne i kalenderprogrammet"), " · ", a(address, "Last ned")]
    if feed:
        links += [" · ", a(feed, "Nyhetsstrøm (Atom)", type="application/atom+xml")]
    return tag(
        "li",
        [
            tag("strong", label),
            tag(
                "span",
                [
                    tag("label", f"Adresse til kalenderen {label}", for_=field_id, class_="visually-hidden"),
                    tag("input", type="text", readonly=True, value=address, id=field_id, class_="calendar-address"),
                    tag("button", "Kopier", type="button", class_="md-button copy-button", data_copy=field_id, hidden=True),
                ],
                class_="calendar-field",
            ),
            tag("span", links, class_="calendar-links"),
        ],
    )


def subscribe_section(repo: Repository, site_url: str, groups: list[model.Group] | None = None) -> Markup:
    """The calendars and feeds to subscribe to: everything, then each group's (folded away when there are several)."""
    everything = subscribe_row(
        "Alle møter og arrangementer",
        exports.absolute_url(site_url, f"{paths.EXPORT_DIR}/{exports.CALENDAR_FILE}"),
        exports.absolute_url(site_url, f"{paths.EXPORT_DIR}/{exports.FEED_FILE}"),
    )
    groups = list(repo.groups.values()) if groups is None else groups
    per_group = [
        subscribe_row(
            g.name,
            exports.absolute_url(site_url, f"{paths.EXPORT_DIR}/{exports.group_calendar_file(g.id)}"),
            exports.absolute_url(site_url, f"{paths.EXPORT_DIR}/{exports.group_feed_file(g.id)}"),
        )
        for g in groups
    ]
    intro = tag(
        "p",
        "Legg kalenderen til i Outlook, Google Kalender eller på telefonen: kopier adressen og velg «Legg til kalender fra Internett» (eller «abonner»), eller trykk «Åpne i kalenderprogrammet». Nyhetsstrømmen sier fra om nye og godkjente referater. Begge oppdateres hver gang nettstedet bygges.",
    )
    folded = (
        tag(
            "details",
            tag("summary", f"Kalender og nyhetsstrøm for én gruppe ({len(per_group)})") + tag("ul", per_group, class_="subscribe-list"),
            class_="group-calendars",
        )
        if per_group
        else Markup("")
    )
    return intro + tag("ul", everything, class_="subscribe-list") + folded


def calendar_page(repo: Repository, site_url: str, here: str = paths.CALENDAR_PAGE) -> list[Page]:
    """The calendars to subscribe to, the coming meetings and events, the latest past ones;
    the older ones on pages of their own."""
    page = Page(here, "Kalender", hide=("navigation",))
    page.blocks.append(Heading(1, "Kalender", ""))
    items, undated = exports.calendar_items(repo)
    coming = [i for i in items if i.date >= repo.today]
    past = [i for i in reversed(items) if i.date < repo.today]
    page.blocks.append(Heading(2, "Abonner", "abonner"))
    page.blocks.append(subscribe_section(repo, site_url))
    page.blocks.append(Heading(2, "Kommende", "kommende"))
    page.blocks.append(
        Later(lambda: calendar_table(repo, coming[:PAGE_ROWS], here)) if coming else tag("p", "Ingen kommende møter eller arrangementer er lagt inn.")
    )
    if len(coming) > PAGE_ROWS:
        page.blocks.append(tag("p", f"Viser de {PAGE_ROWS} første av {len(coming)}. Alle møtene står i møtearkivet."))
    page.blocks.append(Heading(2, "Tidligere", "tidligere"))
    if past:
        more = (
            tag("p", a(url(here, paths.PAST_CALENDAR_PAGE), f"Alle {len(past)} tidligere møter og arrangementer")) if len(past) > CALENDAR_PAST else Markup("")
        )
        page.blocks.append(Later(lambda: calendar_table(repo, past[:CALENDAR_PAST], here) + more))
    else:
        page.blocks.append(tag("p", "Ingen tidligere møter eller arrangementer."))
    if undated:
        page.blocks.append(Heading(2, "Møter uten sikker dato", "uten-dato"))
        page.blocks.append(
            tag("p", "Disse møtene er ikke med i kalenderfilene, fordi datoen bare er omtrent kjent:")
            + unordered_list(meeting_link(repo, m, here) for m in undated)
        )
    pages = [page]
    if len(past) > CALENDAR_PAST:
        older = Page(paths.PAST_CALENDAR_PAGE, "Tidligere møter og arrangementer", hide=LIST_PAGE)
        crumbs = [(here, "Kalender")]
        older.blocks.append(breadcrumb(older.src, crumbs))
        older.blocks.append(Heading(1, "Tidligere møter og arrangementer", ""))
        older.blocks.append(tag("p", "Nyeste først."))
        pages += paged(older, past, lambda piece, where: calendar_table(repo, piece, where), title="Tidligere møter og arrangementer", crumbs=crumbs)
    return pages


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
