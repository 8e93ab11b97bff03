"""Pure rendering functions: model objects in, pages out.

Every function takes `here`, the source path of the page it renders for, and
links relative to it (archive/paths.py). Pages are made of headings and HTML
blocks (archive/pages.py); HTML is built by archive/html.py, so text from
minutes and data is escaped by construction, and Markdown written by people is
rendered and cleaned by archive/markdown.py.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import partial

from archive import model, paths, schema
from archive.formatting import meeting_date, meeting_time, meeting_title, norwegian_date, plural
from archive.html import Markup, a, badge, concat, definition_list, filter_select, join, table, tag, unordered_list
from archive.markdown import render_inline, render_many, render_markdown
from archive.pages import Heading, Later, Page
from archive.paths import url
from archive.repository import Repository

# -- links -----------------------------------------------------------------


def _cached_link(repo: Repository, kind: str, ref: str, here: str, make) -> Markup:
    """Links depend on the page only through its depth: made once per depth and target.

    A large archive links the same people and groups hundreds of thousands of times.
    """
    cache = repo.__dict__.setdefault("_link_cache", {})
    key = (kind, ref, paths.page_url(here).count("/"))
    link = cache.get(key)
    if link is None:
        link = cache[key] = make()
    return link


def person_link(repo: Repository, person_id: str, here: str) -> Markup:
    person = repo.people.get(person_id)
    if person is None:
        return tag("span", person_id)
    return _cached_link(repo, "person", person_id, here, lambda: a(url(here, paths.person_page(person.id)), person.name))


def group_link(repo: Repository, group_id: str, here: str) -> Markup:
    group = repo.groups.get(group_id)
    if group is None:
        return tag("span", group_id)
    return _cached_link(repo, "group", group_id, here, lambda: a(url(here, paths.GROUPS_PAGE, group.id), group.name))


def owner_link(repo: Repository, ref: str, here: str) -> Markup:
    return group_link(repo, ref, here) if ref in repo.groups else person_link(repo, ref, here)


def focus_area_link(repo: Repository, area_id: str, here: str) -> Markup:
    area = repo.focus_areas[area_id]
    return _cached_link(repo, "area", area_id, here, lambda: a(url(here, paths.focus_area_page(area.id)), area.name))


def cluster_link(repo: Repository, cluster_id: str, here: str) -> Markup:
    cluster = repo.clusters[cluster_id]
    return _cached_link(repo, "cluster", cluster_id, here, lambda: a(url(here, paths.CLUSTERS_PAGE, cluster.id), cluster.name))


def organisation_anchor(org_id: str) -> str:
    return f"org-{org_id}"


def organisation_link(repo: Repository, org_id: str | None, here: str) -> Markup:
    if not org_id or org_id not in repo.organisations:
        return Markup("")
    org = repo.organisations[org_id]
    return _cached_link(repo, "org", org_id, here, lambda: a(url(here, paths.ORGANISATIONS_PAGE, organisation_anchor(org.id)), org.name))


def group_name(repo: Repository, group_id: str) -> str:
    group = repo.groups.get(group_id)
    return group.name if group else group_id


def meeting_name(repo: Repository, meeting: model.Meeting) -> str:
    """«Næringsgruppen, 16. januar 2025»: group and date, distinct for every meeting."""
    return meeting_title(meeting, group_name(repo, meeting.group))


def meeting_link(repo: Repository, meeting: model.Meeting, here: str, anchor: str = "", label: str | None = None) -> Markup:
    if anchor or label:
        return a(url(here, meeting.src_path, anchor), label or meeting_name(repo, meeting))
    return _cached_link(repo, "meeting", meeting.id, here, lambda: a(url(here, meeting.src_path), meeting_name(repo, meeting)))


def item_link(repo: Repository, meeting: model.Meeting, item: model.AgendaItem, here: str) -> Markup:
    return _cached_link(
        repo,
        "item",
        f"{meeting.id}#{item.anchor}",
        here,
        lambda: a(url(here, meeting.src_path, item.anchor), f"{meeting_name(repo, meeting)}, {item.reference}"),
    )


MEETING_STATUS_KIND = {"planlagt": "planned", "utkast": "draft", "godkjent": "approved"}
ACTION_STATUS_LABELS = {"åpen": "Åpen", "ferdig": "Ferdig", "utgår": "Utgår"}
ACTION_STATUS_KIND = {"åpen": "open", "ferdig": "done", "utgår": "dropped"}
GROUP_STATUS_KIND = {"aktiv": "open", "ikke startet": "planned", "avsluttet": "dropped"}


def meeting_status_badge(meeting: model.Meeting) -> Markup:
    return badge(schema.MEETING_STATUS_SHORT[meeting.status], MEETING_STATUS_KIND[meeting.status])


def action_status_badge(status: str) -> Markup:
    return badge(ACTION_STATUS_LABELS[status], ACTION_STATUS_KIND[status])


def group_status_badge(status: str) -> Markup:
    return badge(status.capitalize(), GROUP_STATUS_KIND.get(status, "planned"))


def search_filters(**values) -> Markup:
    """Filters and labels the search (Pagefind) reads from a page; nothing a reader sees."""
    spans = []
    for name, value in values.items():
        for one in value if isinstance(value, (list, tuple)) else [value]:
            if one:
                spans.append(tag("span", one, data_pagefind_filter=name))
    return tag("div", spans, hidden=True, data_pagefind_ignore="index")


def search_meta(**values) -> Markup:
    """Labels the search shows beside a result (Pagefind meta, e.g. the date); nothing a reader sees."""
    spans = [tag("span", value, data_pagefind_meta=name) for name, value in values.items() if value]
    return tag("div", spans, hidden=True, data_pagefind_ignore="index")


# -- the meeting page ------------------------------------------------------


def breadcrumb(repo: Repository, meeting: model.Meeting, here: str) -> Markup:
    crumbs = [
        a(url(here, paths.ARCHIVE_PAGE), "Møter"),
        a(url(here, paths.ARCHIVE_BY_GROUP_PAGE, meeting.group), group_name(repo, meeting.group)),
        a(url(here, paths.ARCHIVE_PAGE, str(meeting.year)), str(meeting.year)),
    ]
    return tag("nav", tag("ol", [tag("li", crumb) for crumb in crumbs]), class_="breadcrumb", aria_label="Brødsmulesti")


def attendance_line(repo: Repository, meeting: model.Meeting, people: list[str], here: str) -> Markup:
    roles = {meeting.chair: "møteleder", meeting.secretary: "referent"}
    return join(concat(person_link(repo, p, here), f" ({roles[p]})" if p in roles else None) for p in people)


def meeting_card(repo: Repository, meeting: model.Meeting, here: str) -> Markup:
    """The header card: the facts from the front matter."""
    from archive.attendance import meeting_attendance

    rows: list[tuple] = []
    date_text = Markup(tag("span", meeting_date(meeting)))
    if meeting.date_note:
        date_text += tag("br") + tag("em", meeting.date_note)
    rows.append(("Dato", date_text))
    if meeting_time(meeting):
        rows.append(("Tid", meeting_time(meeting)))
    if meeting.place:
        rows.append(("Sted", meeting.place))
    if meeting.online:
        rows.append(("Digitalt", meeting.online))
    rows.append(("Gruppe", group_link(repo, meeting.group, here)))
    rows.append(("Status", meeting_status_badge(meeting) + " " + tag("span", schema.MEETING_STATUS_LABELS[meeting.status], class_="badge-text")))
    if meeting.chair:
        rows.append(("Møteleder", person_link(repo, meeting.chair, here)))
    if meeting.secretary:
        rows.append(("Referent", person_link(repo, meeting.secretary, here)))
    record = meeting_attendance(meeting)
    # The same counts as the attendance register: chair and secretary are present too.
    if record.in_room:
        rows.append((f"Til stede ({len(record.in_room)})", attendance_line(repo, meeting, record.in_room, here)))
    if record.online:
        rows.append((f"Til stede digitalt ({len(record.online)})", attendance_line(repo, meeting, record.online, here)))
    if record.absent:
        rows.append((f"Forfall ({len(record.absent)})", attendance_line(repo, meeting, record.absent, here)))
    if meeting.invited:
        rows.append(("Inviterte", a("#inviterte", plural(len(meeting.invited), "invitert", "inviterte"))))
    return tag("div", definition_list(rows), data_pagefind_ignore="all")


def page_tools() -> Markup:
    """The print button (print-button.js makes it work; without JavaScript it stays hidden)."""
    return tag("p", tag("button", "Skriv ut referatet", type="button", class_="md-button print-button", hidden=True), class_="page-tools")


def contents_list(meeting: model.Meeting) -> Markup:
    """The agenda as a contents list, for phones, where the theme shows none for this page."""
    items = [tag("li", a(f"#{item.anchor}", item.label)) for item in meeting.agenda]
    summary = tag("summary", f"Innhold: {plural(len(meeting.agenda), 'sak', 'saker')}")
    return tag("details", summary + tag("ol", items, class_="plain-list"), class_="contents-list", data_pagefind_ignore="all")


def prose_html(meeting: model.Meeting) -> dict[int, Markup]:
    """The HTML of every text block of the minutes, rendered together once (for the meeting page)."""
    cached = meeting.__dict__.get("_prose_html")
    if cached is None:
        blocks = [b for b in [*meeting.preamble, *(b for item in meeting.agenda for b in item.blocks)] if isinstance(b, model.Prose)]
        rendered = render_many([b.text for b in blocks], meeting.src_path, meeting.src_path)
        cached = meeting.__dict__["_prose_html"] = {id(b): html for b, html in zip(blocks, rendered, strict=True)}
    return cached


def render_blocks(repo: Repository, meeting: model.Meeting, blocks: list, here: str) -> Markup:
    out: list[Markup] = []
    rendered = prose_html(meeting) if here == meeting.src_path else {}
    for block in blocks:
        if isinstance(block, model.Prose):
            out.append(rendered.get(id(block)) or render_markdown(block.text, meeting.src_path, here))
        elif isinstance(block, model.DecisionBlock):
            body = [tag("p", render_inline(d.text)) for d in block.decisions]
            out.append(tag("div", [tag("p", "Vedtak", class_="admonition-title"), *body], class_="admonition success vedtak"))
        elif isinstance(block, model.FollowUpList):
            entries = [tag("li", follow_up_line(repo, action, here)) for action in block.actions]
            out.append(
                tag(
                    "div", [tag("p", "Oppfølging", class_="admonition-title"), tag("ul", entries, class_="follow-ups")], class_="admonition abstract oppfolging"
                )
            )
        elif isinstance(block, model.LinkLine):
            out.append(link_line(repo, meeting, block, here))
        elif isinstance(block, model.Subsection):
            out.append(tag("h3", block.title, id=block.anchor))
    return Markup("\n".join(out))


def link_line(repo: Repository, meeting: model.Meeting, block: model.LinkLine, here: str) -> Markup:
    if block.kind == "meeting":
        return Markup("")  # shown once, by agenda_item_body, whichever way the item names it
    makers = {"focus_area": focus_area_link, "cluster": cluster_link, "group": group_link}
    links = join(makers[block.kind](repo, target, here) for target in block.targets)
    return tag("p", [tag("strong", f"{block.label}:"), " ", links], class_="agenda-links")


def follow_up_line(repo: Repository, action: model.ActionItem, here: str) -> Markup:
    chain = repo.chain_of.get(action.key)
    parts = [action_status_badge(action.status), " ", render_inline(action.task)]
    details = [concat(tag("strong", "Ansvar:"), " ", join(owner_link(repo, o, here) for o in action.owner))]
    if action.due:
        details.append(f"Frist: {norwegian_date(action.due)}")
    if action.carried_from and action.carried_from in repo.item_of_action:
        origin_meeting, origin_item = repo.item_of_action[action.carried_from]
        details.append(concat("Fra: ", item_link(repo, origin_meeting, origin_item, here)))
    if chain and chain.latest is not action:
        latest_meeting, latest_item = repo.item_of_action[chain.latest.key]
        details.append(concat("Fulgt opp: ", item_link(repo, latest_meeting, latest_item, here), f" ({ACTION_STATUS_LABELS[chain.status].lower()})"))
    return concat(*parts, " ", tag("span", join(details, ". "), class_="follow-up-details"))


def agenda_item_body(repo: Repository, meeting: model.Meeting, item: model.AgendaItem, here: str) -> Markup:
    out: list[Markup] = []
    if item.number_restored:
        out.append(tag("p", "Saksnummeret står ikke i originalen; det er satt inn.", class_="restored"))
    if item.refers_to_meeting and item.refers_to_meeting in repo.meetings_by_id:
        out.append(tag("p", tag("strong", "Gjelder:") + " " + meeting_link(repo, repo.meetings_by_id[item.refers_to_meeting], here), class_="agenda-links"))
    out.append(render_blocks(repo, meeting, item.blocks, here))
    return Markup("\n").join(part for part in out if part)


def meeting_heading(repo: Repository, meeting: model.Meeting) -> str:
    return f"Møte i {group_name(repo, meeting.group)}, {meeting_date(meeting)}"


def meeting_page(repo: Repository, meeting: model.Meeting) -> Page:
    """The whole meeting page: breadcrumb, card, the agenda as written, attachments, invited."""
    here = meeting.src_path
    page = Page(here, meeting_heading(repo, meeting), searchable=True)
    page.blocks.append(Later(partial(breadcrumb, repo, meeting, here), searchable=False))
    page.blocks.append(Heading(1, page.title, ""))
    page.blocks.append(Later(partial(meeting_header, repo, meeting, here), searchable=False))
    page.blocks.append(Later(partial(meeting_intro, repo, meeting, here)))
    for item in meeting.agenda:
        page.blocks.append(Heading(2, item.label, item.anchor))
        page.blocks.append(Later(partial(agenda_item_body, repo, meeting, item, here)))
    if meeting.attachments:
        page.blocks += [Heading(2, "Vedlegg", "vedlegg"), Later(partial(attachment_list, meeting, here))]
    if meeting.events:
        page.blocks += [Heading(2, "Arrangementer nevnt i referatet", "arrangementer"), Later(partial(meeting_events, repo, meeting, here))]
    if meeting.invited:
        page.blocks += [Heading(2, f"Inviterte ({len(meeting.invited)})", "inviterte"), Later(partial(invited_list, repo, meeting, here), searchable=False)]
    page.blocks.append(Later(partial(previous_next, repo, meeting, here), searchable=False))
    return page


def meeting_header(repo: Repository, meeting: model.Meeting, here: str) -> Markup:
    """Under the meeting's heading: the print button, the card, a note, the contents."""
    # Printing is for the minutes: a meeting known only from other minutes has none to print.
    top = [page_tools()] if meeting.minutes_in_archive else []
    top.append(meeting_card(repo, meeting, here))
    if not meeting.minutes_in_archive:
        top.append(
            tag(
                "div",
                tag("p", "Referatet finnes ikke i arkivet", class_="admonition-title")
                + tag("p", "Møtet er kjent fra andre referater, men selve referatet er ikke lagt inn her."),
                class_="admonition note",
            )
        )
    if len(meeting.agenda) > 3:
        top.append(contents_list(meeting))
    return Markup("\n").join(top)


def meeting_intro(repo: Repository, meeting: model.Meeting, here: str) -> Markup:
    """The search's labels for the meeting, and the text before the first item."""
    areas = sorted({area for item in meeting.agenda for area in item.focus_areas})
    filters = search_filters(
        type="Møte",
        gruppe=group_name(repo, meeting.group),
        ar=str(meeting.year),
        satsingsomrade=[repo.focus_areas[a].name for a in areas],
    ) + search_meta(dato=meeting_date(meeting))
    return filters + (render_blocks(repo, meeting, meeting.preamble, here) if meeting.preamble else Markup(""))


def attachment_list(meeting: model.Meeting, here: str) -> Markup:
    folder = meeting.src_path.rsplit("/", 1)[0]
    return unordered_list(
        a(paths.file_url(here, f"{folder}/{attachment.file}"), attachment.title)
        if attachment.file
        else tag("span", attachment.title) + " " + tag("em", "(ikke i arkivet)")
        for attachment in meeting.attachments
    )


def meeting_events(repo: Repository, meeting: model.Meeting, here: str) -> Markup:
    entries = []
    for event_id in meeting.events:
        event = repo.events[event_id]
        link = a(url(here, paths.CALENDAR_PAGE, f"arr-{event.id}"), event.title)
        entries.append(link + (f", {norwegian_date(event.date)}" if event.date else ""))
    return unordered_list(entries)


def invited_list(repo: Repository, meeting: model.Meeting, here: str) -> Markup:
    entries = []
    for person_id in meeting.invited:
        person = repo.people.get(person_id)
        org = organisation_link(repo, person.organisation if person else None, here)
        entries.append(concat(person_link(repo, person_id, here), " – " if org else None, org or None))
    summary = tag("summary", f"Vis alle {len(meeting.invited)} inviterte")
    note = Markup("") if meeting.invited_as_written else tag("p", f"Gruppens medlemmer: {group_name(repo, meeting.group)}.")
    return tag("details", summary + note + unordered_list(entries, class_="columns"), class_="invited", data_pagefind_ignore="all")


def previous_next(repo: Repository, meeting: model.Meeting, here: str) -> Markup:
    parts = []
    previous = repo.previous_meeting(meeting)
    following = repo.next_meeting(meeting)
    if previous:
        parts.append(Markup("← Forrige møte: ") + meeting_link(repo, previous, here))
    if following:
        parts.append(Markup("Neste møte: ") + meeting_link(repo, following, here) + " →")
    if not parts:
        parts.append("Dette er det eneste møtet i gruppen i arkivet.")
    return tag("nav", tag("p", join(parts, " · ")), class_="meeting-nav", aria_label="Forrige og neste møte", data_pagefind_ignore="all")


# -- the archive -----------------------------------------------------------


def meeting_row(repo: Repository, meeting: model.Meeting, here: str) -> list:
    summary = plural(len(meeting.agenda), "sak", "saker") if meeting.agenda else "–"
    if not meeting.minutes_in_archive:
        summary = "referatet er ikke i arkivet"
    return [
        a(url(here, meeting.src_path), meeting_date(meeting)),
        group_link(repo, meeting.group, here),
        summary,
        meeting_status_badge(meeting),
    ]


ARCHIVE_HEAD = ["Dato", "Gruppe", "Innhold", "Status"]


def meeting_focus_areas(meeting: model.Meeting) -> list[str]:
    found: list[str] = []
    for item in meeting.agenda:
        for area in item.focus_areas:
            if area not in found:
                found.append(area)
    return found


def archive_filter(repo: Repository, years: list[int], here: str) -> Markup:
    """Ways to narrow the archive: links that work without JavaScript, and a form
    (shown by archive-filter.js) that hides rows and keeps the choice in the address."""
    groups = [g for g in repo.groups.values() if repo.meetings_by_group.get(g.id)]
    link_rows = [
        ("Gruppe", [a(url(here, paths.ARCHIVE_BY_GROUP_PAGE, g.id), g.name) for g in groups]),
        ("Satsingsområde", [focus_area_link(repo, area, here) for area in repo.focus_areas]),
        ("År", [a(f"#{year}", str(year)) for year in years]),
    ]
    links = tag("p", join((tag("strong", f"{label}:") + " " + join(parts, " · ") for label, parts in link_rows if parts), "\n"), class_="archive-links")

    form = tag(
        "form",
        [
            filter_select("gruppe", "Gruppe", "Alle grupper", [(g.id, g.name) for g in groups]),
            filter_select("omrade", "Satsingsområde", "Alle satsingsområder", [(a_.id, a_.name) for a_ in repo.focus_areas.values()]),
            filter_select("ar", "År", "Alle år", [(str(y), str(y)) for y in years]),
            tag("p", "", class_="archive-filter-count", role="status", aria_live="polite"),
        ],
        class_="archive-filter",
        hidden=True,
        aria_label="Avgrens møtelisten",
    )
    return tag("div", links + form, data_pagefind_ignore="all")


def meeting_archive(repo: Repository, here: str = paths.ARCHIVE_PAGE) -> Page:
    """All meetings, newest first, under one heading per year, with filters."""
    page = Page(here, "Møter")
    page.blocks.append(Heading(1, "Møtearkiv", ""))
    if not repo.meetings:
        page.blocks.append(tag("p", "Ingen møter er lagt inn ennå."))
        return page
    by_year: dict[int, list[model.Meeting]] = defaultdict(list)
    for meeting in reversed(repo.meetings):
        by_year[meeting.year].append(meeting)
    years = sorted(by_year, reverse=True)
    intro = tag(
        "p",
        Markup("Alle møter i arkivet, nyeste først. Se også ")
        + a(url(here, paths.ARCHIVE_BY_GROUP_PAGE), "møtene etter gruppe")
        + " og "
        + a(url(here, paths.CALENDAR_PAGE), "kalenderen")
        + ".",
    )
    page.blocks.append(intro + archive_filter(repo, years, here))
    for year in years:
        meetings = by_year[year]
        attributes = [{"data_gruppe": m.group, "data_omrade": " ".join(meeting_focus_areas(m)), "data_ar": str(m.year)} for m in meetings]
        page.blocks.append(Heading(2, str(year), str(year)))
        page.blocks.append(Later(partial(_archive_year, repo, meetings, attributes, year, here)))
    return page


def _archive_year(repo: Repository, meetings: list, attributes: list, year: int, here: str) -> Markup:
    return tag(
        "div",
        table(ARCHIVE_HEAD, [meeting_row(repo, m, here) for m in meetings], row_attributes=attributes, class_="archive-table"),
        class_="archive-year",
        data_year=str(year),
    )


def meetings_by_group(repo: Repository, here: str = paths.ARCHIVE_BY_GROUP_PAGE) -> Page:
    page = Page(here, "Møter etter gruppe")
    page.blocks.append(Heading(1, "Møter etter gruppe", ""))
    for group in repo.groups.values():
        meetings = repo.meetings_by_group.get(group.id, [])
        page.blocks.append(Heading(2, group.name, group.id))
        if not meetings:
            page.blocks.append(tag("p", "Ingen møter i arkivet."))
            continue
        page.blocks.append(
            Later(partial(lambda meetings: table(ARCHIVE_HEAD, [meeting_row(repo, m, here) for m in reversed(meetings)], class_="archive-table"), meetings))
        )
    return page


# -- follow-ups ------------------------------------------------------------


def open_chains(repo: Repository):
    return [chain for chain in repo.action_chains if chain.is_open]


def follow_up_table(repo: Repository, chains, here: str, *, with_owner: bool = True, with_area: bool = False, limit: int | None = None) -> Markup:
    head = ["Oppgave"] + (["Ansvarlig"] if with_owner else []) + ["Status", "Frist", "Fra møte"] + (["Satsingsområde"] if with_area else [])
    rows = []
    attributes = []
    for chain in list(chains)[:limit]:
        first_meeting, first_item = repo.item_of_action[chain.first.key]
        origin = item_link(repo, first_meeting, first_item, here)
        if len(chain.entries) > 1:
            latest_meeting, latest_item = repo.item_of_action[chain.latest.key]
            origin = concat(origin, tag("br"), "sist fulgt opp: ", item_link(repo, latest_meeting, latest_item, here))
        row = [render_inline(chain.latest.task)]
        if with_owner:
            row.append(join(owner_link(repo, o, here) for o in chain.owners))
        row += [action_status_badge(chain.status), norwegian_date(chain.latest.due) if chain.latest.due else "–", origin]
        if with_area:
            row.append(join(focus_area_link(repo, area, here) for area in chain.latest.focus_areas) or "–")
        rows.append(row)
        attributes.append(
            {
                "data_status": chain.status,
                "data_ansvarlig": " ".join(chain.owners),
                "data_omrade": " ".join(chain.latest.focus_areas),
                "data_frist": chain.latest.due.isoformat() if chain.latest.due else "",
            }
        )
    return table(head, rows, row_attributes=attributes, class_="follow-up-table")


# -- the front page --------------------------------------------------------

SECTIONS = [
    (paths.ARCHIVE_PAGE, "Møter", "Alle referater, nyeste først"),
    (paths.DECISIONS_PAGE, "Vedtak", "Hva som er bestemt"),
    (paths.ACTIONS_PAGE, "Oppfølging", "Hvem gjør hva, og når"),
    (paths.FOCUS_AREAS_PAGE, "Satsingsområder", "Arbeidsgruppenes områder"),
    (paths.CLUSTERS_PAGE, "Klynger", "Næringsklyngene i regionen"),
    (paths.CONTACTS_PAGE, "Kontakter", "Hvem er hvem"),
    (paths.CALENDAR_PAGE, "Kalender", "Møter og arrangementer"),
    (paths.ATTENDANCE_PAGE, "Oppmøte", "Hvem kom på møtene"),
]


def front_page(repo: Repository, here: str = paths.FRONT_PAGE) -> Page:
    page = Page(here, "Forside", hide=("navigation", "toc"))
    page.blocks.append(Heading(1, "Næringsgruppen i Osloregionen", ""))
    intro = tag(
        "p",
        "Her finner medlemmene av Osloregionens faggruppe for næringssamarbeid alle møtereferater, vedtak og oppfølgingspunkter, satsingsområdene og arbeidsgruppene, klyngene i regionen og hvem som er hvem. Søk øverst på siden (tasten /) for å finne ord i referatene, personer og organisasjoner.",
    )
    cards = [tag("li", a(url(here, target), tag("strong", label) + tag("span", text))) for target, label, text in SECTIONS]
    page.blocks.append(intro + tag("nav", tag("ul", cards, class_="section-cards"), aria_label="Hovedområder"))
    held = [m for m in repo.meetings if m.held and m.minutes_in_archive]
    page.blocks.append(Heading(2, "Siste referat", "siste-referat"))
    if held:
        latest = held[-1]
        summary = [
            plural(len(latest.agenda), "sak", "saker"),
            plural(len(latest.decisions), "vedtak", "vedtak"),
            plural(len(latest.actions), "oppfølgingspunkt", "oppfølgingspunkter"),
        ]
        page.blocks.append(
            tag("p", meeting_link(repo, latest, here) + " " + meeting_status_badge(latest) + tag("br") + "Referatet har " + ", ".join(summary) + ".")
        )
    else:
        page.blocks.append(tag("p", "Ingen referater er lagt inn ennå."))
    page.blocks.append(Heading(2, "Neste møte", "neste-mote"))
    planned = [m for m in repo.meetings if m.status == "planlagt" and m.sort_date >= repo.today]
    if planned:
        following = planned[0]
        when = meeting_time(following)
        page.blocks.append(tag("p", meeting_link(repo, following, here) + (f", {when}" if when else "") + (f", {following.place}" if following.place else "")))
    else:
        page.blocks.append(tag("p", "Ingen kommende møter er lagt inn ennå."))
    page.blocks.append(Heading(2, "Arrangementer", "arrangementer"))
    page.blocks.append(event_list(repo, here))
    still_open = open_chains(repo)
    page.blocks.append(Heading(2, "Åpne oppfølgingspunkter", "apne-oppfolgingspunkter"))
    if still_open:
        shown = still_open[-10:]
        more = tag("p", a(url(here, paths.ACTIONS_PAGE), f"Alle {len(still_open)} åpne oppfølgingspunkter")) if len(still_open) > len(shown) else Markup("")
        page.blocks.append(follow_up_table(repo, reversed(shown), here) + more)
    else:
        page.blocks.append(tag("p", "Ingen åpne oppfølgingspunkter."))
    page.blocks.append(Heading(2, "Satsingsområder", "satsingsomrader"))
    page.blocks.append(focus_area_table(repo, here))
    return page


def event_list(repo: Repository, here: str) -> Markup:
    if not repo.events:
        return tag("p", "Ingen arrangementer er lagt inn.")
    coming = sorted((e for e in repo.events.values() if e.date and e.date >= repo.today), key=lambda e: e.date)
    past = sorted((e for e in repo.events.values() if e.date and e.date < repo.today), key=lambda e: e.date, reverse=True)
    if coming:
        return unordered_list(tag("strong", f"{norwegian_date(e.date)}:") + " " + event_text(e) for e in coming[:8])
    return tag("p", "Ingen kommende arrangementer er lagt inn. Tidligere:") + unordered_list(f"{norwegian_date(e.date)}: " + event_text(e) for e in past[:5])


def event_text(event: model.Event) -> Markup:
    text = a(event.link, event.title) if event.link else tag("span", event.title)
    if event.place:
        text += f", {event.place}"
    return text


# -- focus areas -----------------------------------------------------------


def focus_area_table(repo: Repository, here: str) -> Markup:
    if not repo.focus_areas:
        return tag("p", "Ingen satsingsområder er lagt inn.")
    rows = []
    for area in repo.focus_areas.values():
        group = repo.groups.get(area.working_group or "")
        responsible = person_link(repo, group.responsible, here) if group and group.responsible else "–"
        rows.append([focus_area_link(repo, area.id, here), group_link(repo, group.id, here) if group else "–", responsible, group_status_badge(area.status)])
    return table(["Satsingsområde", "Arbeidsgruppe", "Ansvarlig", "Status"], rows)


def focus_area_index(repo: Repository, here: str = paths.FOCUS_AREAS_PAGE) -> Page:
    page = Page(here, "Satsingsområder")
    page.blocks.append(Heading(1, "Satsingsområder", ""))
    page.blocks.append(
        tag("p", "Hvert satsingsområde har en arbeidsgruppe. Siden for området viser sakene, vedtakene og oppfølgingspunktene som hører til det, nyeste først.")
        + focus_area_table(repo, here)
    )
    return page


def excerpt(repo: Repository, meeting: model.Meeting, item: model.AgendaItem, group: str | None, length: int = 400) -> str:
    """What the item says: the working group's own part when it has one, else its first text."""
    prose: list[str] = []
    in_part = group is None
    texts = meeting.__dict__.setdefault("_prose_text", {})
    rendered = prose_html(meeting)
    for block in item.blocks:
        if isinstance(block, model.Subsection):
            if in_part and prose and group is not None:
                break
            in_part = group is not None and block.group == group
            continue
        if in_part and isinstance(block, model.Prose):
            text = texts.get(id(block))
            if text is None:
                text = texts[id(block)] = rendered[id(block)].striptags()
            prose.append(text)
        if sum(len(p) for p in prose) > length:
            break
    text = re.sub(r"\s+", " ", " ".join(prose)).strip()
    if len(text) > length:
        cut = text.rfind(" ", 0, length)
        text = text[: cut if cut > 0 else length] + " …"
    return text


# A focus area with more items than this gets a page per year, so that its page
# stays light on a phone however long the archive grows.
FOCUS_AREA_ITEMS_PER_PAGE = 50


def _focus_area_items(repo: Repository, area: model.FocusArea) -> list[tuple[model.Meeting, model.AgendaItem]]:
    """Every item on the area, newest first."""
    return sorted(repo.items_by_focus_area.get(area.id, []), key=lambda pair: (pair[0].sort_date, pair[0].id, pair[1].line), reverse=True)


def focus_area_page(repo: Repository, area_id: str) -> Page:
    return focus_area_pages(repo, area_id)[0]


def focus_area_pages(repo: Repository, area_id: str) -> list[Page]:
    """The area's page, and when it has many items, one page per year of them."""
    area = repo.focus_areas[area_id]
    here = paths.focus_area_page(area_id)
    group = repo.groups.get(area.working_group or "")
    page = Page(here, area.name, searchable=True)
    page.blocks.append(Heading(1, area.name, ""))
    top: list[Markup] = [search_filters(type="Satsingsområde", satsingsomrade=area.name)]
    if area.description:
        top.append(tag("p", area.description))
    rows: list[tuple] = [("Status", group_status_badge(area.status))]
    if group:
        rows.append(("Arbeidsgruppe", group_link(repo, group.id, here)))
        if group.responsible:
            rows.append(("Ansvarlig", person_link(repo, group.responsible, here)))
        rows.append(("Medlemmer", join(person_link(repo, p, here) for p in group.members) or "Ikke registrert"))
        if group.established:
            rows.append(("Opprettet", norwegian_date(group.established)))
        if group.mandate:
            rows.append(("Mandat", group.mandate))
    top.append(definition_list(rows))
    page.blocks.append(Markup("\n").join(top))
    page.blocks.append(Heading(2, "Saker, vedtak og oppfølging", "saker"))
    items = _focus_area_items(repo, area)
    if len(items) <= FOCUS_AREA_ITEMS_PER_PAGE:
        page.blocks.append(Later(partial(focus_area_timeline, repo, area, here, items), searchable=False))
        return [page]
    by_year: dict[int, list] = defaultdict(list)
    for pair in items:
        by_year[pair[0].sort_date.year].append(pair)
    years = sorted(by_year, reverse=True)
    shown = [years[0]]  # the newest years that fit on the page, at least one
    while len(shown) < len(years) and sum(len(by_year[y]) for y in [*shown, years[len(shown)]]) <= FOCUS_AREA_ITEMS_PER_PAGE:
        shown.append(years[len(shown)])
    year_pages = {year: paths.focus_area_year_page(area_id, year) for year in years}
    links = unordered_list((concat(a(url(here, year_pages[y]), str(y)), f": {plural(len(by_year[y]), 'sak', 'saker')}") for y in years), class_="year-list")
    intro = f"{plural(len(items), 'sak', 'saker')} i arkivet handler om satsingsområdet. Under står sakene fra {_years_text(shown)}; hvert år har også sin egen side:"
    page.blocks.append(concat(tag("p", intro), links))
    page.blocks.append(Later(partial(focus_area_timeline, repo, area, here, [p for y in shown for p in by_year[y]]), searchable=False))
    pages = [page]
    for year in years:
        src = year_pages[year]
        year_page = Page(src, f"{area.name} {year}")
        year_page.blocks.append(Heading(1, f"{area.name} {year}", ""))
        year_page.blocks.append(
            tag(
                "p",
                concat(f"{plural(len(by_year[year]), 'sak', 'saker')} om satsingsområdet i {year}, nyeste først. ", a(url(src, here), f"Til {area.name}"), "."),
            )
        )
        year_page.blocks.append(Later(partial(focus_area_timeline, repo, area, src, by_year[year]), searchable=False))
        pages.append(year_page)
    return pages


def _years_text(years: list[int]) -> str:
    return str(years[0]) if len(years) == 1 else f"{years[-1]} til {years[0]}"


def focus_area_timeline(repo: Repository, area: model.FocusArea, here: str, items: list | None = None) -> Markup:
    """The area's items (all of them unless given), newest first: the group's
    discussion, and the area's own decisions and follow-ups."""
    items = _focus_area_items(repo, area) if items is None else items
    if not items:
        return tag("p", "Ingen saker i arkivet handler om dette satsingsområdet ennå.")
    out = []
    for meeting, item in items:
        own_group = area.working_group if area.working_group in item.groups else None
        decisions = [d for d in item.decisions if area.id in d.focus_areas]
        actions = [x for x in item.actions if area.id in x.focus_areas]
        when = meeting_date(meeting)
        parts = [tag("h3", f"{when[:1].upper()}{when[1:]}: {item.label}", id=f"{meeting.id.replace('/', '-')}-{item.anchor}")]
        parts.append(tag("p", item_link(repo, meeting, item, here), class_="agenda-links"))
        text = excerpt(repo, meeting, item, own_group)
        if text:
            parts.append(tag("blockquote", tag("p", text)))
        entries = [concat(tag("strong", "Vedtak:"), " ", render_inline(d.text)) for d in decisions]
        entries += [concat(tag("strong", "Oppfølging:"), " ", follow_up_line(repo, x, here)) for x in actions]
        if entries:
            parts.append(unordered_list(entries, class_="timeline-entries"))
        out.append(tag("div", parts, class_="timeline-item"))
    return Markup("\n").join(out)


# -- groups ----------------------------------------------------------------


def groups_page(repo: Repository, here: str = paths.GROUPS_PAGE) -> Page:
    page = Page(here, "Grupper")
    page.blocks.append(Heading(1, "Grupper", ""))
    for group in repo.groups.values():
        page.blocks.append(Heading(2, group.name, group.id))
        rows: list[tuple] = []
        if group.full_name:
            rows.append(("Fullt navn", group.full_name))
        rows.append(("Status", group_status_badge(group.status)))
        if group.parent:
            rows.append(("Arbeidsgruppe under", group_link(repo, group.parent, here)))
        for label, person in (("Leder", group.leader), ("Ansvarlig", group.responsible), ("Sekretær", group.secretary)):
            if person:
                rows.append((label, person_link(repo, person, here)))
        areas = [a_ for a_ in repo.focus_areas.values() if a_.working_group == group.id]
        if areas:
            rows.append(("Satsingsområde", join(focus_area_link(repo, a_.id, here) for a_ in areas)))
        if group.established:
            rows.append(("Opprettet", norwegian_date(group.established)))
        if group.mandate:
            rows.append(("Mandat", group.mandate))
        meetings = repo.meetings_by_group.get(group.id, [])
        if meetings:
            rows.append(("Møter i arkivet", a(url(here, paths.ARCHIVE_BY_GROUP_PAGE, group.id), plural(len(meetings), "møte", "møter"))))
        members = join(person_link(repo, p, here) for p in group.members) or "Ikke registrert"
        rows.append((f"Medlemmer ({len(group.members)})", members))
        page.blocks.append(definition_list(rows))
    return page


# -- clusters --------------------------------------------------------------


def cluster_directory(repo: Repository, here: str = paths.CLUSTERS_PAGE) -> Page:
    page = Page(here, "Klynger", searchable=True)
    page.blocks.append(Heading(1, "Klynger", ""))
    if not repo.clusters:
        page.blocks.append(tag("p", "Ingen klynger er lagt inn."))
        return page
    clusters = sorted(repo.clusters.values(), key=lambda c: c.name.lower())
    # Columns that no cluster fills are left out rather than shown as a row of dashes.
    optional = [
        ("Nivå", lambda c: c.level),
        ("Region", lambda c: c.region),
        ("Bransje", lambda c: c.sector),
        ("Kontaktperson", lambda c: person_link(repo, c.contact, here) if c.contact else None),
    ]
    columns = [(label, value) for label, value in optional if any(value(c) for c in clusters)]
    rows = [[a(f"#{c.id}", c.name), *[(value(c) or "–") for _, value in columns], str(len(repo.meetings_by_cluster.get(c.id, [])))] for c in clusters]
    head = ["Klynge", *[label for label, _ in columns], "Møter"]
    # The table repeats the sections below it: the search reads the sections.
    page.blocks.append(search_filters(type="Klynge") + tag("div", table(head, rows), class_="sortable-table", data_pagefind_ignore="all"))
    for cluster in clusters:
        page.blocks.append(Heading(2, cluster.name, cluster.id))
        rows_: list[tuple] = []
        if cluster.note:
            rows_.append(("Fra referatene", cluster.note))
        if cluster.website:
            rows_.append(("Nettsted", a(cluster.website, cluster.website)))
        if cluster.source:
            rows_.append(("Kilde", cluster.source))
        meetings = repo.meetings_by_cluster.get(cluster.id, [])
        # The names of the meetings, for the reader; the search finds the meetings themselves.
        mentioned = join(meeting_link(repo, m, here) for m in reversed(meetings[-20:])) or "Ingen møter"
        rows_.append(("Nevnt i", tag("span", mentioned, data_pagefind_ignore="all")))
        page.blocks.append(definition_list(rows_))
    return page


# -- people and organisations ----------------------------------------------


def _initial(name: str) -> str:
    letter = name.strip()[:1].upper()
    return letter if letter.isalpha() else "#"


ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZÆØÅ"


def _sort_key(name: str) -> tuple:
    # Norwegian order: Æ, Ø and Å after Z.
    return tuple(ALPHABET.find(c) if c in ALPHABET else (ord(c) + 100) for c in name.upper())


def contacts_index(repo: Repository, here: str = paths.CONTACTS_PAGE) -> Page:
    page = Page(here, "Kontakter")
    page.blocks.append(Heading(1, "Kontakter", ""))
    people = sorted(repo.people.values(), key=lambda p: _sort_key(p.name))
    by_letter: dict[str, list[model.Person]] = defaultdict(list)
    for person in people:
        by_letter[_initial(person.name)].append(person)
    letters = [
        tag("li", a(f"#bokstav-{letter.lower()}", letter) if letter in by_letter else tag("span", letter, aria_hidden="true", class_="letter-empty"))
        for letter in ALPHABET
    ]
    intro = tag(
        "p",
        Markup(f"{plural(len(people), 'person', 'personer')} fra ")
        + a(url(here, paths.ORGANISATIONS_PAGE), plural(len(repo.organisations), "organisasjon", "organisasjoner"))
        + ". Velg en person for roller, grupper, oppfølgingspunkter og møter.",
    )
    name_filter = tag(
        "div",
        tag("label", "Finn en person", for_="contact-filter")
        + tag("input", type="search", id="contact-filter", autocomplete="off", data_filter_target="contact-list")
        + tag("p", "", class_="contact-filter-count", role="status", aria_live="polite"),
        class_="contact-filter",
        hidden=True,
    )
    page.blocks.append(intro + tag("nav", tag("ul", letters, class_="letter-index"), aria_label="Personer etter forbokstav") + name_filter)
    sections = []
    for letter in sorted(by_letter, key=_sort_key):
        entries = []
        for person in by_letter[letter]:
            org = repo.organisations.get(person.organisation or "")
            entries.append(tag("li", person_link(repo, person.id, here) + (Markup(" – ") + org.name if org else Markup("")), data_name=person.name.lower()))
        sections.append(tag("section", tag("h2", letter, id=f"bokstav-{letter.lower()}") + tag("ul", entries, class_="columns"), class_="contact-letter"))
    page.blocks.append(tag("div", sections, id="contact-list"))
    return page


def person_page(repo: Repository, person: model.Person) -> Page:
    here = paths.person_page(person.id)
    page = Page(here, person.name, searchable=True)
    page.blocks.append(
        tag(
            "nav",
            tag(
                "ol",
                [
                    tag("li", a(url(here, paths.CONTACTS_PAGE), "Kontakter")),
                    tag("li", a(url(here, paths.CONTACTS_PAGE, f"bokstav-{_initial(person.name).lower()}"), _initial(person.name))),
                ],
            ),
            class_="breadcrumb",
            aria_label="Brødsmulesti",
        )
    )
    page.blocks.append(Heading(1, person.name, ""))
    rows: list[tuple] = []
    org = repo.organisations.get(person.organisation or "")
    if org:
        rows.append(("Organisasjon", organisation_link(repo, org.id, here)))
    if person.roles:
        rows.append(("Roller", join(person.roles, "; ")))
    groups = repo.groups_of_person(person.id)
    if groups:
        rows.append(("Grupper", join(group_link(repo, g.id, here) for g in groups)))
    if person.public_email:
        rows.append(("E-post", a(f"mailto:{person.public_email}", person.public_email)))
    if person.public_phone:
        rows.append(("Telefon", person.public_phone))
    if not person.name_confirmed:
        rows.append(("Merk", "Skrivemåten av navnet er ikke bekreftet."))
    attended = repo.attended.get(person.id, [])
    rows.append(("Møter", f"til stede på {plural(len(attended), 'møte', 'møter')}" if attended else "ikke registrert til stede på noe møte"))
    page.blocks.append(search_filters(type="Person") + definition_list(rows))
    chains = repo.chains_by_owner.get(person.id, []) + [c for g in groups for c in repo.chains_by_owner.get(g.id, []) if g.responsible == person.id]
    seen: set[str] = set()
    chains = [c for c in chains if not (c.key in seen or seen.add(c.key))]
    page.blocks.append(Heading(2, "Oppfølgingspunkter", "oppfolging"))
    if chains:
        ordered = sorted(chains, key=lambda c: (not c.is_open, c.key))
        page.blocks.append(Later(partial(follow_up_table, repo, ordered, here, with_owner=True), searchable=False))
    else:
        page.blocks.append(tag("p", "Ingen oppfølgingspunkter."))
    page.blocks.append(Heading(2, "Vedtak der personen er nevnt", "vedtak"))
    page.blocks.append(Later(partial(person_decisions, repo, person, here), searchable=False))
    page.blocks.append(Heading(2, "Møter", "moter"))
    page.blocks.append(Later(partial(person_meeting_table, repo, person, here), searchable=False))
    return page


def person_decisions(repo: Repository, person: model.Person, here: str) -> Markup:
    decisions = decisions_naming(repo, person)
    if not decisions:
        return tag("p", "Ingen vedtak nevner personen ved navn.")
    return unordered_list(concat(item_link(repo, m, item, here), ": ", render_inline(d.text)) for m, item, d in decisions)


def person_meeting_table(repo: Repository, person: model.Person, here: str) -> Markup:
    rows = [
        [meeting_link(repo, meeting, here, label=meeting_date(meeting)), group_link(repo, meeting.group, here), person_role(meeting, person.id)]
        for meeting in reversed(person_meetings(repo, person.id))
    ]
    return table(["Dato", "Gruppe", "Rolle"], rows) if rows else tag("p", "Ikke registrert på noe møte.")


def person_meetings(repo: Repository, person_id: str) -> list[model.Meeting]:
    """Meetings where the person was present, online, absent, chair or secretary."""
    return repo.involved.get(person_id, [])


def person_role(meeting: model.Meeting, person_id: str) -> str:
    if person_id == meeting.chair:
        return "møteleder"
    if person_id == meeting.secretary:
        return "referent"
    if person_id in meeting.present:
        return "til stede"
    if person_id in meeting.present_online:
        return "til stede digitalt"
    if person_id in meeting.absent:
        return "forfall"
    return ""


def decisions_naming(repo: Repository, person: model.Person) -> list:
    return mentions(repo).get(person.id, [])


def mentions(repo: Repository) -> dict[str, list]:
    """For each person, the decisions that name them: one pass over the decisions, once per build."""
    cached = getattr(repo, "_mentions", None)
    if cached is not None:
        return cached
    owner: dict[str, str] = {}
    for person in repo.people.values():
        for name in (person.name, *person.aliases):
            if len(name) > 3:
                owner.setdefault(name.casefold(), person.id)
    found: dict[str, list] = defaultdict(list)
    if owner:
        pattern = re.compile(r"\b(" + "|".join(re.escape(n) for n in sorted(owner, key=len, reverse=True)) + r")\b", re.IGNORECASE)
        for meeting in repo.meetings:
            for item, decision in meeting.decisions:
                for person_id in dict.fromkeys(owner[m.group(1).casefold()] for m in pattern.finditer(decision.text)):
                    found[person_id].append((meeting, item, decision))
    repo._mentions = found
    return found


ORGANISATION_TYPE_LABELS = {
    "kommune": "Kommune",
    "region": "Region",
    "fylkeskommune": "Fylkeskommune",
    "etat": "Statlig virksomhet",
    "selskap": "Selskap",
    "interkommunalt": "Interkommunalt samarbeid",
    "annet": "Annet",
}


def organisation_list(repo: Repository, here: str = paths.ORGANISATIONS_PAGE) -> Page:
    page = Page(here, "Organisasjoner")
    page.blocks.append(Heading(1, "Organisasjoner", ""))
    people: dict[str, list[model.Person]] = defaultdict(list)
    for person in repo.people.values():
        if person.organisation:
            people[person.organisation].append(person)
    rows, attributes = [], []
    for org in sorted(repo.organisations.values(), key=lambda o: _sort_key(o.name)):
        members = sorted(people[org.id], key=lambda p: _sort_key(p.name))
        rows.append([org.name, ORGANISATION_TYPE_LABELS[org.kind], join(person_link(repo, p.id, here) for p in members) or "–"])
        attributes.append({"id": organisation_anchor(org.id)})
    page.blocks.append(tag("div", table(["Organisasjon", "Type", "Personer"], rows, row_attributes=attributes), class_="sortable-table"))
    return page
