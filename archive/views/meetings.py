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
from archive.views import lists
from archive.views.common import (
    ACTION_STATUS_LABELS,
    action_status_badge,
    breadcrumb,
    cluster_link,
    focus_area_link,
    group_link,
    group_name,
    is_overdue,
    item_label,
    item_link,
    item_reference,
    meeting_link,
    meeting_status_badge,
    organisation_link,
    owner_link,
    person_link,
    search_filters,
    search_meta,
)
from archive.views.html import EMPTY, Markup, a, concat, definition_list, join, table, tag, unordered_list
from archive.views.pages import Heading, Later, Page
from archive.views.paging import LIST_PAGE, PAGE_ROWS, paged

PUBLISHER = "Osloregionen – Faggruppe for næringssamarbeid"

# -- the meeting page ------------------------------------------------------


def meeting_breadcrumb(repo: Repository, meeting: model.Meeting, here: str) -> Markup:
    return breadcrumb(
        here,
        [
            (paths.ARCHIVE_PAGE, "Møter"),
            (paths.group_meetings_page(meeting.group), group_name(repo, meeting.group)),
            (paths.archive_year_page(meeting.year), str(meeting.year)),
        ],
    )


def meeting_kind(meeting: model.Meeting) -> str:
    """What the page is: the notice of a planned meeting, or its minutes."""
    if meeting.status == "planlagt":
        return "Innkalling"
    return "Referat" if meeting.minutes_in_archive else "Møte"


def attendance_line(repo: Repository, meeting: model.Meeting, people: list[str], here: str) -> Markup:
    roles = {meeting.chair: "møteleder", meeting.secretary: "referent"}
    return join(concat(person_link(repo, p, here), f" ({roles[p]})" if p in roles else None) for p in people)


# What a status badge leaves unsaid, beside it under the heading.
STATUS_NOTES = {"planlagt": "ikke holdt ennå", "utkast": "referatet er ikke godkjent ennå", "godkjent": "referatet er godkjent"}


def meeting_card(repo: Repository, meeting: model.Meeting, here: str) -> Markup:
    """The facts of the meeting, short: who is present stands in full under «Deltakere»."""
    from archive.model.attendance import meeting_attendance

    rows: list[tuple] = []
    date_text = Markup(tag("span", meeting_date(meeting)))
    if meeting.date_note:
        # Why the date is not known: folded, so that the card stays short on a phone.
        date_text += tag("details", tag("summary", "Om datoen") + tag("p", meeting.date_note), class_="date-note")
    rows.append(("Dato", date_text))
    if meeting_time(meeting):
        rows.append(("Tid", meeting_time(meeting)))
    if meeting.place:
        rows.append(("Sted", meeting.place))
    if meeting.online:
        rows.append(("Digitalt", meeting.online))
    rows.append(("Gruppe", group_link(repo, meeting.group, here)))
    rows.append(("Status", schema.MEETING_STATUS_LABELS[meeting.status]))
    if meeting.chair:
        rows.append(("Møteleder", person_link(repo, meeting.chair, here)))
    if meeting.secretary:
        rows.append(("Referent", person_link(repo, meeting.secretary, here)))
    record = meeting_attendance(meeting)
    # The same counts as the attendance register: chair and secretary are present too.
    counts = [
        plural(len(record.in_room), "til stede", "til stede") if record.in_room else None,
        f"{len(record.online)} digitalt" if record.online else None,
        f"{len(record.absent)} forfall" if record.absent else None,
    ]
    if any(counts):
        rows.append(("Deltakere", a("#deltakere", join(counts))))
    if meeting.invited and not meeting.held:
        rows.append(("Inviterte", a("#inviterte", plural(len(meeting.invited), "invitert", "inviterte"))))
    return tag("div", definition_list(rows), data_pagefind_ignore="all")


def print_header(repo: Repository, meeting: model.Meeting) -> Markup:
    """What a printed page says above the heading: who issued it (the page numbers come from the stylesheet)."""
    parts = [tag("p", PUBLISHER, class_="print-header__publisher")]
    details = [meeting_kind(meeting), group_name(repo, meeting.group), meeting_date(meeting), schema.MEETING_STATUS_LABELS[meeting.status]]
    parts.append(tag("p", " · ".join(details)))
    parts.append(tag("p", "", class_="print-header__address"))  # the page's address, filled in by site.js
    return tag("div", parts, class_="print-header", aria_hidden="true", data_pagefind_ignore="all")


def page_tools(repo: Repository, meeting: model.Meeting, here: str) -> Markup:
    """Print (print-button.js in site.js makes it work; hidden without JavaScript) and, ahead of
    a dated meeting, the meeting as a calendar file."""
    tools = []
    if meeting.minutes_in_archive:
        label = "Skriv ut innkallingen" if meeting.status == "planlagt" else "Skriv ut referatet"
        tools.append(tag("button", label, type="button", class_="md-button print-button", hidden=True))
    if meeting.date and meeting.date >= repo.today:
        tools.append(a(paths.file_url(here, f"{paths.EXPORT_DIR}/{paths.meeting_calendar_file(meeting.id)}"), "Legg i kalender (.ics)", class_="md-button"))
    return tag("p", tools, class_="page-tools") if tools else Markup("")


def contents_list(meeting: model.Meeting) -> Markup:
    """The agenda as a contents list, for phones, where the theme shows none for this page."""
    items = [tag("li", a(f"#{item.anchor}", item_label(item))) for item in meeting.agenda]
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


def in_language(meeting: model.Meeting, html: Markup) -> Markup:
    """Text of the minutes, marked as Nynorsk when the minutes are."""
    return tag("div", html, lang="nn") if meeting.language == "nn" and html else html


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
    return Markup("\n").join(out)


def link_line(repo: Repository, meeting: model.Meeting, block: model.LinkLine, here: str) -> Markup:
    if block.kind == "meeting":
        return Markup("")  # shown once, by agenda_item_body, whichever way the item names it
    makers = {"focus_area": focus_area_link, "cluster": cluster_link, "group": group_link}
    links = join(makers[block.kind](repo, target, here) for target in block.targets)
    return tag("p", [tag("strong", f"{block.label}:"), " ", links], class_="agenda-links")


def follow_up_line(repo: Repository, action: model.ActionItem, here: str) -> Markup:
    chain = repo.chain_of.get(action.key)
    # The entry's own status, as this meeting recorded it; «Forfalt» only while it is the latest word.
    latest = chain is None or chain.latest is action
    parts = [action_status_badge(action.status, action.due, repo.today if latest else None), " ", render_inline(action.task)]
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
    if item.refers_to_meeting and item.refers_to_meeting in repo.meetings_by_id:
        out.append(tag("p", tag("strong", "Gjelder:") + " " + meeting_link(repo, repo.meetings_by_id[item.refers_to_meeting], here), class_="agenda-links"))
    out.append(render_blocks(repo, meeting, item.blocks, here))
    return in_language(meeting, Markup("\n").join(part for part in out if part))


def meeting_heading(repo: Repository, meeting: model.Meeting) -> str:
    """«Referat fra møte i Næringsgruppen, 16. januar 2025», «Innkalling til møte i …», or «Møte i …»
    for a meeting whose minutes are not in the archive."""
    where = f"møte i {group_name(repo, meeting.group)}, {meeting_date(meeting)}"
    kind = meeting_kind(meeting)
    if kind == "Innkalling":
        return f"Innkalling til {where}"
    if kind == "Referat":
        return f"Referat fra {where}"
    return where[:1].upper() + where[1:]


def meeting_page(repo: Repository, meeting: model.Meeting) -> Page:
    """The meeting page: what came out of it first, then the agenda as written, then who was there."""
    here = meeting.src_path
    page = Page(here, meeting_heading(repo, meeting), searchable=True, origin=meeting)
    page.blocks.append(Later(partial(meeting_breadcrumb, repo, meeting, here), searchable=False))
    page.blocks.append(Heading(1, page.title, ""))
    page.blocks.append(Later(partial(meeting_lead, repo, meeting, here), searchable=False))
    if meeting.decisions or meeting.actions:
        page.blocks.append(Heading(2, "Vedtak og oppfølging", "vedtak-og-oppfolging"))
        page.blocks.append(Later(partial(outcome, repo, meeting, here), searchable=False))
    page.blocks.append(Heading(2, "Om møtet", "om-motet"))
    page.blocks.append(Later(partial(meeting_facts, repo, meeting, here), searchable=False))
    page.blocks.append(Later(partial(meeting_intro, repo, meeting, here)))
    lang = "nn" if meeting.language == "nn" else ""
    for item in meeting.agenda:
        page.blocks.append(Heading(2, item_label(item), item.anchor, lang))
        page.blocks.append(Later(partial(agenda_item_body, repo, meeting, item, here)))
    if meeting.attachments:
        page.blocks += [Heading(2, "Vedlegg", "vedlegg"), Later(partial(attachment_list, meeting, here))]
    if meeting.events:
        page.blocks += [Heading(2, "Arrangementer nevnt i referatet", "arrangementer"), Later(partial(meeting_events, repo, meeting, here))]
    if meeting.chair or meeting.secretary or meeting.present or meeting.present_online or meeting.absent:
        page.blocks += [Heading(2, "Deltakere", "deltakere"), Later(partial(participants, repo, meeting, here))]
    if meeting.invited:
        page.blocks += [Heading(2, f"Inviterte ({len(meeting.invited)})", "inviterte"), Later(partial(invited_list, repo, meeting, here), searchable=False)]
    page.blocks.append(Later(partial(previous_next, repo, meeting, here), searchable=False))
    return page


def meeting_lead(repo: Repository, meeting: model.Meeting, here: str) -> Markup:
    """Right under the heading: the status, when and where in one line, and the tools.
    The full facts follow the outcome (meeting_facts)."""
    facts = [meeting_time(meeting), meeting.place, f"digitalt ({meeting.online})" if meeting.online else None]
    line = concat(meeting_status_badge(meeting), " ", STATUS_NOTES[meeting.status], *(concat(" · ", fact) for fact in facts if fact))
    top = [print_header(repo, meeting), tag("p", line, class_="meeting-lead"), page_tools(repo, meeting, here)]
    if not meeting.minutes_in_archive:
        top.append(
            tag(
                "div",
                tag("p", "Referatet finnes ikke i arkivet", class_="admonition-title")
                + tag("p", "Møtet er kjent fra andre referater, men selve referatet er ikke lagt inn her."),
                class_="admonition note",
            )
        )
    return Markup("\n").join(part for part in top if part)


def meeting_facts(repo: Repository, meeting: model.Meeting, here: str) -> Markup:
    """The card with the meeting's facts, and the agenda as a contents list on phones."""
    top = [meeting_card(repo, meeting, here)]
    if len(meeting.agenda) > 3:
        top.append(contents_list(meeting))
    return Markup("\n").join(top)


def outcome(repo: Repository, meeting: model.Meeting, here: str) -> Markup:
    """This meeting's decisions under their items, and who does what by when."""
    parts = []
    if meeting.decisions:
        entries = []
        for item in meeting.agenda:
            if item.decisions:
                texts = [tag("p", render_inline(d.text)) for d in item.decisions]
                entries.append(tag("li", [tag("p", a(f"#{item.anchor}", item_label(item)), class_="outcome__item"), *texts]))
        parts.append(tag("h3", f"Vedtak ({len(meeting.decisions)})", id="vedtak-i-motet"))
        parts.append(tag("ul", entries, class_="outcome-decisions"))
    if meeting.actions:
        parts.append(tag("h3", f"Oppfølging ({len(meeting.actions)})", id="oppfolging-i-motet"))
        rows = []
        for item in meeting.agenda:
            for action in item.actions:
                chain = repo.chain_of.get(action.key)
                status, due = (chain.status, chain.latest.due) if chain else (action.status, action.due)
                rows.append(
                    [
                        concat(render_inline(action.task), " ", tag("a", f"({item_reference(item)})", href=f"#{item.anchor}", class_="outcome__ref")),
                        join(owner_link(repo, o, here) for o in action.owner) or EMPTY,
                        norwegian_date(action.due) if action.due else EMPTY,
                        action_status_badge(status, due, repo.today),
                    ]
                )
        parts.append(table(["Oppgave", "Ansvarlig", "Frist", "Status"], rows, class_="outcome-actions"))
    return in_language(meeting, Markup("\n").join(parts))


def meeting_intro(repo: Repository, meeting: model.Meeting, here: str) -> Markup:
    """The search's labels for the meeting, a note on numbers the original lacks, and the text before the first item."""
    areas = sorted({area for item in meeting.agenda for area in item.focus_areas})
    parts = [
        search_filters(
            type="Møte",
            gruppe=group_name(repo, meeting.group),
            ar=str(meeting.year),
            satsingsomrade=[repo.focus_areas[a].name for a in areas],
        ),
        search_meta(dato=meeting_date(meeting)),
        tag("div", tag("span", meeting.sort_date.isoformat(), data_pagefind_sort="dato"), hidden=True, data_pagefind_ignore="index"),
    ]
    if any(item.number_restored and item.number for item in meeting.agenda):
        parts.append(tag("p", "Saksnumre i hakeparentes, som [4], står ikke i originalen; de er satt inn.", class_="restored"))
    if meeting.preamble:
        parts.append(in_language(meeting, render_blocks(repo, meeting, meeting.preamble, here)))
    return Markup("\n").join(parts)


def participants(repo: Repository, meeting: model.Meeting, here: str) -> Markup:
    """Who led, wrote and came: searchable, so that a name finds the minutes of the meetings the person was at."""
    from archive.model.attendance import meeting_attendance

    record = meeting_attendance(meeting)
    rows: list[tuple] = []
    if meeting.chair:
        rows.append(("Møteleder", person_link(repo, meeting.chair, here)))
    if meeting.secretary:
        rows.append(("Referent", person_link(repo, meeting.secretary, here)))
    for label, people in (("Til stede", record.in_room), ("Til stede digitalt", record.online), ("Forfall", record.absent)):
        if people:
            rows.append((f"{label} ({len(people)})", attendance_line(repo, meeting, people, here)))
    # A name counts less here than in the minutes' own text.
    return tag("div", definition_list(rows, class_="participants"), data_pagefind_weight="0.5")


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


def meeting_summary(meeting: model.Meeting) -> str:
    if not meeting.minutes_in_archive:
        return "referatet er ikke i arkivet"
    if not meeting.agenda:
        return EMPTY
    parts = [plural(len(meeting.agenda), "sak", "saker")]
    if meeting.decisions:
        parts.append(plural(len(meeting.decisions), "vedtak", "vedtak"))
    return ", ".join(parts)


def meeting_row(repo: Repository, meeting: model.Meeting, here: str) -> list:
    return [
        a(url(here, meeting.src_path), meeting_date(meeting)),
        group_link(repo, meeting.group, here),
        meeting_summary(meeting),
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


def archive_table(repo: Repository, meetings: list[model.Meeting], here: str) -> Markup:
    if not meetings:
        return tag("p", "Ingen møter.")
    return table(ARCHIVE_HEAD, [meeting_row(repo, m, here) for m in meetings], class_="archive-table")


def _newest_first(repo: Repository) -> list[model.Meeting]:
    return [m for m in reversed(repo.meetings)]


def archive_data(repo: Repository) -> lists.DataList:
    """Every meeting as a row of the archive, by year, for the archive's filters."""
    years = sorted({m.year for m in repo.meetings}, reverse=True)

    def rows() -> list[lists.Row]:
        here = lists.ROOT_PAGE
        return [
            lists.Row(
                meeting_row(repo, m, here),
                {"ar": str(m.year), "gruppe": m.group, "omrade": " ".join(meeting_focus_areas(m)), "status": m.status},
                {"dato": m.sort_date.isoformat() + m.id},
            )
            for m in _newest_first(repo)
        ]

    groups = [g for g in repo.groups if repo.meetings_by_group.get(g)]
    return lists.DataList("moter", ARCHIVE_HEAD, "archive-table", [("gruppe", groups), ("ar", [str(y) for y in years])], rows, "gruppe")


def archive_filter(repo: Repository, years: list[int], here: str) -> Markup:
    """Ways to narrow the archive: links that work without JavaScript, and a form
    (shown by site.js) that filters every meeting and keeps the choice in the address."""
    groups = [g for g in repo.groups.values() if repo.meetings_by_group.get(g.id)]
    link_rows = [
        ("Gruppe", [a(url(here, paths.group_meetings_page(g.id)), g.name) for g in groups]),
        ("År", [a(url(here, paths.archive_year_page(year)), str(year)) for year in years]),
    ]
    links = tag("p", join((tag("strong", f"{label}:") + " " + join(parts, " · ") for label, parts in link_rows if parts), "\n"), class_="archive-links")
    form = lists.filter_form(
        archive_data(repo),
        [
            lists.Facet("gruppe", "Gruppe", "Alle grupper", [(g.id, g.name) for g in groups]),
            lists.Facet("omrade", "Satsingsområde", "Alle satsingsområder", [(a_.id, a_.name) for a_ in repo.focus_areas.values()]),
            lists.Facet("ar", "År", "Alle år", [(str(y), str(y)) for y in years]),
        ],
        aria_label="Avgrens møtelisten",
        sorts=[("-dato", "Nyeste først"), ("dato", "Eldste først")],
    )
    return tag("div", links + form, data_pagefind_ignore="all")


def meeting_archive(repo: Repository, here: str = paths.ARCHIVE_PAGE) -> list[Page]:
    """The archive: the coming meetings, then the latest held ones, with filters over all;
    one page per year holds the rest."""
    page = Page(here, "Møter", hide=("navigation",))
    page.blocks.append(Heading(1, "Møtearkiv", ""))
    if not repo.meetings:
        page.blocks.append(tag("p", "Ingen møter er lagt inn ennå."))
        return [page]
    years = sorted({m.year for m in repo.meetings}, reverse=True)
    intro = tag(
        "p",
        concat(
            f"{plural(len(repo.meetings), 'møte', 'møter')} i arkivet. Se også ",
            a(url(here, paths.ARCHIVE_BY_GROUP_PAGE), "møtene etter gruppe"),
            " og ",
            a(url(here, paths.CALENDAR_PAGE), "kalenderen"),
            ".",
        ),
    )
    page.blocks.append(intro + archive_filter(repo, years, here))
    coming = [m for m in repo.meetings if m.status == "planlagt" and m.sort_date >= repo.today]
    held = [m for m in _newest_first(repo) if m not in coming]
    if coming:
        page.blocks.append(Heading(2, "Kommende møter", "kommende"))
        page.blocks.append(Later(partial(archive_table, repo, coming[:PAGE_ROWS], here)))
    page.blocks.append(Heading(2, "Siste møter", "siste"))
    latest = held[:PAGE_ROWS]
    more = tag("p", concat("Eldre møter står på sidene for hvert år: ", join((a(url(here, paths.archive_year_page(y)), str(y)) for y in years), " · "), "."))
    page.blocks.append(Later(lambda: archive_table(repo, latest, here) + (more if len(held) > len(latest) else Markup(""))))
    pages = [page]
    by_year: dict[int, list[model.Meeting]] = defaultdict(list)
    for meeting in _newest_first(repo):
        by_year[meeting.year].append(meeting)
    for year in years:
        src = paths.archive_year_page(year)
        year_page = Page(src, f"Møter {year}", hide=LIST_PAGE)
        year_page.blocks.append(breadcrumb(src, [(paths.ARCHIVE_PAGE, "Møter")]))
        year_page.blocks.append(Heading(1, f"Møter {year}", ""))
        year_page.blocks.append(tag("p", concat(f"{plural(len(by_year[year]), 'møte', 'møter')}, nyeste først. ", _year_links(src, years, year))))
        pages += paged(
            year_page, by_year[year], lambda piece, where: archive_table(repo, piece, where), title=f"Møter {year}", crumbs=[(paths.ARCHIVE_PAGE, "Møter")]
        )
    return pages


def _year_links(here: str, years: list[int], current: int) -> Markup:
    links = [tag("strong", str(y), aria_current="page") if y == current else a(url(here, paths.archive_year_page(y)), str(y)) for y in years]
    return concat("År: ", join(links, " · "), ".")


def meetings_by_group(repo: Repository, here: str = paths.ARCHIVE_BY_GROUP_PAGE) -> list[Page]:
    """Each group with its latest and next meeting; each group's meetings on pages of their own."""
    page = Page(here, "Møter etter gruppe")
    page.blocks.append(Heading(1, "Møter etter gruppe", ""))
    pages = [page]
    for group in repo.groups.values():
        meetings = repo.meetings_by_group.get(group.id, [])
        page.blocks.append(Heading(2, group.name, group.id))
        if not meetings:
            page.blocks.append(tag("p", "Ingen møter i arkivet."))
            continue
        held = [m for m in meetings if m.held]
        coming = [m for m in meetings if m.status == "planlagt" and m.sort_date >= repo.today]
        rows: list[tuple] = [("Møter i arkivet", a(url(here, paths.group_meetings_page(group.id)), plural(len(meetings), "møte", "møter")))]
        if held:
            rows.append(("Siste møte", meeting_link(repo, held[-1], here, label=meeting_date(held[-1]))))
        if coming:
            rows.append(("Neste møte", meeting_link(repo, coming[0], here, label=meeting_date(coming[0]))))
        rows.append(("Om gruppen", group_link(repo, group.id, here)))
        page.blocks.append(definition_list(rows))
        src = paths.group_meetings_page(group.id)
        group_page = Page(src, f"Møter i {group.name}", hide=LIST_PAGE, origin=group)
        crumbs = [(paths.ARCHIVE_PAGE, "Møter"), (paths.ARCHIVE_BY_GROUP_PAGE, "Etter gruppe")]
        group_page.blocks.append(breadcrumb(src, crumbs))
        group_page.blocks.append(Heading(1, f"Møter i {group.name}", ""))
        group_page.blocks.append(
            tag("p", concat(f"{plural(len(meetings), 'møte', 'møter')}, nyeste først. Mer om gruppen: ", group_link(repo, group.id, src), "."))
        )
        newest = list(reversed(meetings))
        pages += paged(group_page, newest, lambda piece, where: archive_table(repo, piece, where), title=f"Møter i {group.name}", crumbs=crumbs)
    return pages


# -- follow-ups ------------------------------------------------------------


def open_chains(repo: Repository):
    return [chain for chain in repo.action_chains if chain.is_open]


FOLLOW_UP_HEAD = ["Oppgave", "Ansvarlig", "Frist", "Status", "Fra møte", "Satsingsområde"]


def follow_up_cells(repo: Repository, chain, here: str, *, with_owner: bool = True, with_area: bool = False) -> list:
    first_meeting, first_item = repo.item_of_action[chain.first.key]
    origin = item_link(repo, first_meeting, first_item, here)
    if len(chain.entries) > 1:
        latest_meeting, latest_item = repo.item_of_action[chain.latest.key]
        origin = concat(origin, tag("br"), "sist fulgt opp: ", item_link(repo, latest_meeting, latest_item, here))
    due = chain.latest.due
    task = render_inline(chain.latest.task)
    row = [tag("span", task, lang="nn") if repo.meetings_by_id[chain.latest.meeting_id].language == "nn" else task]
    if with_owner:
        row.append(join(owner_link(repo, o, here) for o in chain.owners) or EMPTY)
    row += [norwegian_date(due) if due else EMPTY, action_status_badge(chain.status, due, repo.today), origin]
    if with_area:
        row.append(join(focus_area_link(repo, area, here) for area in chain.latest.focus_areas) or EMPTY)
    return row


def follow_up_table(repo: Repository, chains, here: str, *, with_owner: bool = True, with_area: bool = False, limit: int | None = None) -> Markup:
    head = ["Oppgave"] + (["Ansvarlig"] if with_owner else []) + ["Frist", "Status", "Fra møte"] + (["Satsingsområde"] if with_area else [])
    chains = list(chains)[:limit]
    rows = [follow_up_cells(repo, chain, here, with_owner=with_owner, with_area=with_area) for chain in chains]
    return table(head, rows, class_="follow-up-table", row_attributes=[follow_up_row_attributes(repo, chain) for chain in chains])


def follow_up_row_attributes(repo: Repository, chain) -> dict:
    """What a follow-up's row says of it to scripts and tests: its status and deadline."""
    return {"data_status": chain.status, "data_frist": chain.latest.due.isoformat() if chain.latest.due else None}


def follow_up_facets(repo: Repository, chain) -> dict[str, str]:
    status = chain.status + (" forfalt" if is_overdue(chain.status, chain.latest.due, repo.today) else "")
    first_meeting = repo.meetings_by_id[chain.first.meeting_id]
    groups = dict.fromkeys([first_meeting.group, repo.meetings_by_id[chain.latest.meeting_id].group, *(o for o in chain.owners if o in repo.groups)])
    return {
        "status": status,
        "gruppe": " ".join(groups),
        "ansvarlig": " ".join(chain.owners),
        "omrade": " ".join(chain.latest.focus_areas),
    }
