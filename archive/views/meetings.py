"""The meeting page, the meeting archive and the follow-up table."""

from __future__ import annotations

from collections import defaultdict
from functools import partial

from archive import model
from archive.model import paths, schema
from archive.model.formatting import meeting_date, meeting_time, norwegian_date, plural
from archive.model.paths import url
from archive.model.repository import Repository
from archive.safety.markdown import render_inline, render_many, render_markdown
from archive.views.common import (
    ACTION_STATUS_LABELS,
    action_status_badge,
    cluster_link,
    focus_area_link,
    group_link,
    group_name,
    item_link,
    meeting_link,
    meeting_status_badge,
    organisation_link,
    owner_link,
    person_link,
    search_filters,
    search_meta,
)
from archive.views.html import Markup, a, concat, definition_list, filter_select, join, table, tag, unordered_list
from archive.views.pages import Heading, Later, Page

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
    from archive.model.attendance import meeting_attendance

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
    page = Page(here, meeting_heading(repo, meeting), searchable=True, origin=meeting)
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
