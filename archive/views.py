"""Pure rendering functions: model objects in, page text out.

Every function takes `here`, the path below docs/ of the page it renders for,
and links relative to it. Headings are Markdown (the engine builds the table
of contents and the search sections from them); tables, cards and lists are
HTML blocks (archive/html.py says why). Text from the data is escaped: it
shows as typed and never runs as markup.
"""

from __future__ import annotations

import html
from collections import defaultdict

from archive import model, schema
from archive.formatting import (
    escape,
    escape_cell,
    meeting_date,
    meeting_time,
    meeting_title,
    norwegian_date,
)
from archive.html import a, definition_list, esc, file_url, table, unordered_list, url
from archive.repository import Repository
from archive.sections import split_body

# Where the generated pages live, below docs/.
FRONT_PAGE = "index.md"
ARCHIVE_PAGE = "moter/index.md"
ARCHIVE_BY_GROUP_PAGE = "moter/etter-gruppe.md"
CONTACTS_PAGE = "kontakter/index.md"
ORGANISATIONS_PAGE = "kontakter/organisasjoner.md"
CLUSTERS_PAGE = "klynger/index.md"
GROUPS_PAGE = "grupper/index.md"
FOCUS_AREAS_PAGE = "satsingsomrader/index.md"


def focus_area_page_path(area_id: str) -> str:
    return f"satsingsomrader/{area_id}.md"


def organisation_anchor(org_id: str) -> str:
    return f"org-{org_id}"


# -- links -----------------------------------------------------------------

def person_link(repo: Repository, person_id: str, here: str) -> str:
    person = repo.people.get(person_id)
    if person is None:
        return esc(person_id)
    return a(url(here, CONTACTS_PAGE, person.id), person.name)


def group_link(repo: Repository, group_id: str, here: str) -> str:
    group = repo.groups.get(group_id)
    if group is None:
        return esc(group_id)
    return a(url(here, GROUPS_PAGE, group.id), group.name)


def owner_link(repo: Repository, ref: str, here: str) -> str:
    return group_link(repo, ref, here) if ref in repo.groups else person_link(repo, ref, here)


def focus_area_link(repo: Repository, area_id: str, here: str) -> str:
    area = repo.focus_areas[area_id]
    return a(url(here, focus_area_page_path(area.id)), area.name)


def cluster_link(repo: Repository, cluster_id: str, here: str) -> str:
    cluster = repo.clusters[cluster_id]
    return a(url(here, CLUSTERS_PAGE, cluster.id), cluster.name)


def organisation_link(repo: Repository, org_id: str | None, here: str) -> str:
    if not org_id or org_id not in repo.organisations:
        return ""
    org = repo.organisations[org_id]
    return a(url(here, CONTACTS_PAGE, organisation_anchor(org.id)), org.name)


def meeting_name(repo: Repository, meeting: model.Meeting) -> str:
    group = repo.groups.get(meeting.group)
    return meeting_title(meeting, group.name if group else meeting.group)


def meeting_link(repo: Repository, meeting: model.Meeting, here: str, anchor: str = "") -> str:
    label = f"{meeting_name(repo, meeting)}, {meeting_date(meeting)}"
    return a(url(here, meeting.src_path, anchor), label)


def _attribute(text: str) -> str:
    return text.replace("\\", "").replace('"', "&quot;")


def _join(parts: list[str]) -> str:
    return ", ".join(p for p in parts if p)


# -- the meeting page ------------------------------------------------------

def meeting_heading(repo: Repository, meeting: model.Meeting) -> str:
    return f"{meeting_name(repo, meeting)} – {meeting_date(meeting)}"


def meeting_card(repo: Repository, meeting: model.Meeting, here: str | None = None) -> str:
    """The header card: a definition list of the facts from the front matter."""
    here = here or meeting.src_path
    rows: list[tuple[str, str]] = []
    date_text = esc(meeting_date(meeting))
    if meeting.date_note:
        date_text += f"<br><em>{esc(meeting.date_note)}</em>"
    rows.append(("Dato", date_text))
    if meeting_time(meeting):
        rows.append(("Tid", meeting_time(meeting)))
    if meeting.place:
        rows.append(("Sted", esc(meeting.place)))
    if meeting.online:
        rows.append(("Digitalt", esc(meeting.online)))
    rows.append(("Gruppe", group_link(repo, meeting.group, here)))
    rows.append(("Status", schema.MEETING_STATUS_LABELS[meeting.status]))
    if meeting.chair:
        rows.append(("Møteleder", person_link(repo, meeting.chair, here)))
    if meeting.secretary:
        rows.append(("Referent", person_link(repo, meeting.secretary, here)))
    if meeting.present:
        rows.append((f"Til stede ({len(meeting.present)})", _join([person_link(repo, p, here) for p in meeting.present])))
    if meeting.present_online:
        rows.append((f"Til stede digitalt ({len(meeting.present_online)})", _join([person_link(repo, p, here) for p in meeting.present_online])))
    if meeting.absent:
        rows.append((f"Forfall ({len(meeting.absent)})", _join([person_link(repo, p, here) for p in meeting.absent])))
    if meeting.invited:
        rows.append(("Inviterte", a("#inviterte", f"{len(meeting.invited)} inviterte")))
    return definition_list(rows)


def agenda_item_extras(repo: Repository, meeting: model.Meeting, item: model.AgendaItem, here: str | None = None) -> str:
    """Decisions, action items and what the item touches, shown under its text."""
    here = here or meeting.src_path
    blocks: list[str] = []
    touches: list[str] = []
    if item.refers_to_meeting and item.refers_to_meeting in repo.meetings_by_id:
        touches.append("Gjelder: " + meeting_link(repo, repo.meetings_by_id[item.refers_to_meeting], here))
    if item.focus_areas:
        touches.append("Satsingsområder: " + _join([focus_area_link(repo, a, here) for a in item.focus_areas]))
    if item.groups:
        touches.append("Arbeidsgrupper: " + _join([group_link(repo, g, here) for g in item.groups]))
    if item.clusters:
        touches.append("Klynger: " + _join([cluster_link(repo, c, here) for c in item.clusters]))
    if touches:
        blocks.append('<p class="agenda-links">' + "<br>".join(touches) + "</p>")
    if item.decisions:
        # The same markup as Material's admonitions, so they look and print alike.
        body = "".join(f"<p>{esc(d)}</p>" for d in item.decisions)
        blocks.append(f'<div class="admonition success vedtak"><p class="admonition-title">Vedtak</p>{body}</div>')
    if item.actions:
        body = unordered_list(action_line(repo, action, here) for action in item.actions)
        blocks.append(f'<div class="admonition abstract oppfolging"><p class="admonition-title">Oppfølging</p>{body}</div>')
    return "\n\n".join(blocks)


def action_line(repo: Repository, action: model.ActionItem, here: str) -> str:
    owners = _join([owner_link(repo, o, here) for o in action.owner])
    text = f"<strong>{owners}:</strong> {esc(action.task)}"
    details = [f"status: {action.status}"]
    if action.due:
        details.insert(0, f"frist {norwegian_date(action.due)}")
    return text + f" <em>({esc(', '.join(details))})</em>"


def meeting_page(repo: Repository, meeting: model.Meeting, body: str, here: str | None = None) -> str:
    """The whole meeting page: heading, card, agenda with decisions, the rest.

    `body` is the secretary's Markdown as the engine hands it over (without
    front matter); none of it is lost: sections that match no agenda item are
    kept, in order, after the agenda. `here` is the page links are computed
    from; the meeting's own page unless the engine wants otherwise.
    """
    here = here or meeting.src_path
    numbers = [item.number for item in meeting.agenda]
    split = split_body(body, meeting.body_first_line, numbers)
    out = [f"# {escape(meeting_heading(repo, meeting))}", "", meeting_card(repo, meeting, here), ""]
    if not meeting.minutes_in_archive:
        out += ['<div class="admonition note"><p class="admonition-title">Referatet finnes ikke i arkivet</p><p>Møtet er kjent fra andre referater, men selve referatet er ikke lagt inn her.</p></div>', ""]
    preamble = "\n".join(split.preamble).strip("\n")
    if preamble:
        out += [preamble, ""]
    for item in meeting.agenda:
        section = split.by_number.get(item.number)
        title = section.heading if section else f"{item.number}. {escape(item.title)}"
        restored = ' <span class="restored" title="Nummeret står ikke i originalen">(nummer rekonstruert)</span>' if item.number_restored else ""
        toc_label = f' data-toc-label="{_attribute(title)}"' if restored else ""
        out += [f"## {title}{restored} {{#{item.anchor}{toc_label}}}", ""]
        if section and section.text:
            out += [section.text, ""]
        extras = agenda_item_extras(repo, meeting, item, here)
        if extras:
            out += [extras, ""]
    for section in split.unmatched:
        out += [f"## {section.heading}", "", section.text, ""]
    folder = meeting.src_path.rsplit("/", 1)[0]
    if meeting.attachments:
        items = [
            a(file_url(here, f"{folder}/{attachment.file}"), attachment.title) if attachment.file
            else f"{esc(attachment.title)} <em>(ikke i arkivet)</em>"
            for attachment in meeting.attachments
        ]
        out += ["## Vedlegg", "", unordered_list(items), ""]
    if meeting.events:
        items = []
        for event_id in meeting.events:
            event = repo.events[event_id]
            items.append(f"{esc(event.title)}, {norwegian_date(event.date)}" if event.date else esc(event.title))
        out += ["## Arrangementer nevnt i referatet", "", unordered_list(items), ""]
    if meeting.invited:
        items = []
        for person_id in meeting.invited:
            person = repo.people.get(person_id)
            org = organisation_link(repo, person.organisation if person else None, here)
            items.append(person_link(repo, person_id, here) + (f" – {org}" if org else ""))
        out += [f"## Inviterte ({len(meeting.invited)}) {{#inviterte}}", "", unordered_list(items), ""]
    out.append(previous_next(repo, meeting, here))
    return "\n".join(out).rstrip() + "\n"


def previous_next(repo: Repository, meeting: model.Meeting, here: str | None = None) -> str:
    here = here or meeting.src_path
    parts = []
    previous = repo.previous_meeting(meeting)
    following = repo.next_meeting(meeting)
    if previous:
        parts.append(f"← Forrige møte: {meeting_link(repo, previous, here)}")
    if following:
        parts.append(f"Neste møte: {meeting_link(repo, following, here)} →")
    if not parts:
        parts.append("Dette er det eneste møtet i gruppen i arkivet.")
    return '<nav class="meeting-nav" aria-label="Forrige og neste møte"><p>' + "<br>".join(parts) + "</p></nav>"


# -- the archive -----------------------------------------------------------

def _meeting_row(repo: Repository, meeting: model.Meeting, here: str, facets: str = "") -> list[str]:
    group = repo.groups.get(meeting.group)
    return [
        facets + esc(meeting_date(meeting)),
        a(url(here, meeting.src_path), meeting_name(repo, meeting)),
        esc(group.name if group else meeting.group),
        schema.MEETING_STATUS_LABELS[meeting.status],
    ]


_TABLE_HEAD = ["Dato", "Møte", "Gruppe", "Status"]


def area_of_group(repo: Repository) -> dict[str, str]:
    """The focus area each working group has (built once per view)."""
    return {a.working_group: a.id for a in repo.focus_areas.values() if a.working_group}


def meeting_focus_areas(meeting: model.Meeting, area_of_group: dict[str, str]) -> list[str]:
    """Focus areas a meeting touched: named on an agenda item, or via a working group."""
    found: list[str] = []
    for item in meeting.agenda:
        for area in [*item.focus_areas, *(area_of_group[g] for g in item.groups if g in area_of_group)]:
            if area not in found:
                found.append(area)
    return found


def _facets(meeting: model.Meeting, areas: list[str]) -> str:
    # An empty marker the filter script (archive-filter.js) reads; invisible otherwise.
    return (
        f'<span class="meeting-facets" data-gruppe="{html.escape(meeting.group)}" '
        f'data-satsingsomrader="{html.escape(" ".join(areas))}" data-ar="{meeting.year}"></span>'
    )


def archive_filter(repo: Repository, years: list[int], here: str) -> str:
    """Ways to narrow the archive: links that work without JavaScript, and a
    form (hidden until archive-filter.js shows it) that hides rows in place."""
    groups = [g for g in repo.groups.values() if repo.meetings_by_group.get(g.id)]
    links = [
        ("Gruppe", [a(url(here, ARCHIVE_BY_GROUP_PAGE, g.id), g.name) for g in groups]),
        ("Satsingsområde", [focus_area_link(repo, area, here) for area in repo.focus_areas]),
        ("År", [a(f"#{year}", str(year)) for year in years]),
    ]
    links = [f"<strong>{label}:</strong> " + " · ".join(parts) for label, parts in links if parts]

    def select(facet: str, label: str, all_label: str, options: list[tuple[str, str]]) -> list[str]:
        # Label and box in one span, so they wrap together on narrow screens.
        lines = ['<span class="archive-filter-field">', f'<label for="filter-{facet}">{label}</label>', f'<select id="filter-{facet}" data-facet="{facet}">', f'<option value="">{all_label}</option>']
        lines += [f'<option value="{html.escape(value)}">{html.escape(text)}</option>' for value, text in options]
        return lines + ["</select>", "</span>"]

    form = ['<form class="archive-filter" hidden aria-label="Avgrens møtelisten">']
    form += select("gruppe", "Gruppe", "Alle grupper", [(g.id, g.name) for g in groups])
    form += select("satsingsomrader", "Satsingsområde", "Alle satsingsområder", [(a.id, a.name) for a in repo.focus_areas.values()])
    form += select("ar", "År", "Alle år", [(str(y), str(y)) for y in years])
    form += ['<p class="archive-filter-count" role="status" aria-live="polite"></p>', "</form>"]
    return '<p class="archive-links">' + "<br>".join(links) + "</p>\n\n" + "\n".join(form)


def meeting_archive(repo: Repository, here: str = ARCHIVE_PAGE) -> str:
    """All meetings, newest first, under one heading per year, with filters."""
    if not repo.meetings:
        return "Ingen møter er lagt inn ennå."
    by_year: dict[int, list[model.Meeting]] = defaultdict(list)
    for meeting in reversed(repo.meetings):
        by_year[meeting.year].append(meeting)
    years = sorted(by_year, reverse=True)
    areas = area_of_group(repo)
    out = [archive_filter(repo, years, here), ""]
    for year in years:
        rows = [_meeting_row(repo, m, here, _facets(m, meeting_focus_areas(m, areas))) for m in by_year[year]]
        out += ['<div class="archive-year" markdown>', "", f"## {year}", "", table(_TABLE_HEAD, rows), "", "</div>", ""]
    return "\n".join(out)


def meetings_by_group(repo: Repository, here: str = ARCHIVE_BY_GROUP_PAGE) -> str:
    out = []
    for group in repo.groups.values():
        meetings = repo.meetings_by_group.get(group.id, [])
        out += [f"## {escape(group.name)} {{#{group.id}}}", ""]
        if not meetings:
            out += ["Ingen møter i arkivet.", ""]
            continue
        out += [table(_TABLE_HEAD, [_meeting_row(repo, m, here) for m in reversed(meetings)]), ""]
    return "\n".join(out)


# -- action items ----------------------------------------------------------

def open_actions(repo: Repository) -> list[model.ActionItem]:
    """Action items still open: the latest entry of each chain (archive/actions.py), status åpen."""
    return [chain.latest for chain in repo.action_chains if chain.is_open]


def action_table(repo: Repository, actions: list[model.ActionItem], here: str) -> str:
    if not actions:
        return "Ingen åpne oppfølgingspunkter."
    rows = []
    for action in actions:
        meeting = repo.meetings_by_id[action.meeting_id]
        item = next(i for i in meeting.agenda if i.number == action.agenda_number)
        rows.append([
            esc(action.task),
            _join([owner_link(repo, o, here) for o in action.owner]),
            norwegian_date(action.due) if action.due else "–",
            f"{meeting_link(repo, meeting, here, item.anchor)}, sak {esc(item.number)}",
        ])
    return table(["Oppgave", "Ansvarlig", "Frist", "Fra møte"], rows)


# -- the front page --------------------------------------------------------

def front_page(repo: Repository, here: str = FRONT_PAGE) -> str:
    out = []
    held = [m for m in repo.meetings if m.status != "planlagt" and m.minutes_in_archive]
    out += ["## Siste referat", ""]
    if held:
        latest = held[-1]
        out.append(f"{meeting_link(repo, latest, here)} – {schema.MEETING_STATUS_LABELS[latest.status].lower()}.")
        summary = [f"{len(latest.agenda)} saker", f"{len(latest.decisions)} vedtak", f"{len(latest.actions)} oppfølgingspunkter"]
        out += ["", "Referatet har " + ", ".join(summary) + "."]
    else:
        out.append("Ingen referater er lagt inn ennå.")
    out += ["", "## Neste møte", ""]
    planned = [m for m in repo.meetings if m.status == "planlagt" and m.sort_date >= repo.today]
    if planned:
        following = planned[0]
        out.append(f"{meeting_link(repo, following, here)}" + (f", {meeting_time(following)}" if meeting_time(following) else ""))
    else:
        out.append("Ingen kommende møter er lagt inn ennå.")
    out += ["", "## Arrangementer", ""]
    out.append(event_list(repo, here))
    out += ["", "## Åpne oppfølgingspunkter", "", action_table(repo, open_actions(repo), here)]
    out += ["", "## Satsingsområder", "", focus_area_list(repo, here)]
    return "\n".join(out) + "\n"


def event_list(repo: Repository, here: str) -> str:
    if not repo.events:
        return "Ingen arrangementer er lagt inn."
    coming = sorted((e for e in repo.events.values() if e.date and e.date >= repo.today), key=lambda e: e.date)
    past = sorted((e for e in repo.events.values() if e.date and e.date < repo.today), key=lambda e: e.date, reverse=True)
    if coming:
        return unordered_list(f"<strong>{norwegian_date(e.date)}:</strong> {_event_text(e)}" for e in coming)
    return "Ingen kommende arrangementer er lagt inn. Tidligere:\n\n" + unordered_list(
        f"{norwegian_date(e.date)}: {_event_text(e)}" for e in past[:5]
    )


def _event_text(event: model.Event) -> str:
    text = a(event.link, event.title) if event.link else esc(event.title)
    if event.place:
        text += f", {esc(event.place)}"
    return text


# -- focus areas and groups ------------------------------------------------

def focus_area_list(repo: Repository, here: str = FOCUS_AREAS_PAGE) -> str:
    if not repo.focus_areas:
        return "Ingen satsingsområder er lagt inn."
    rows = []
    for area in repo.focus_areas.values():
        group = repo.groups.get(area.working_group or "")
        responsible = person_link(repo, group.responsible, here) if group and group.responsible else "–"
        rows.append([focus_area_link(repo, area.id, here), group_link(repo, group.id, here) if group else "–", responsible, esc(area.status)])
    return table(["Satsingsområde", "Arbeidsgruppe", "Ansvarlig", "Status"], rows)


def focus_area_items(repo: Repository, area: model.FocusArea) -> list[tuple[model.Meeting, model.AgendaItem]]:
    """Every agenda item touching the area (directly or via its working group), newest first."""
    found = list(repo.items_by_focus_area.get(area.id, []))
    if area.working_group:
        seen = {(meeting.id, item.number) for meeting, item in found}
        found += [pair for pair in repo.items_by_group.get(area.working_group, []) if (pair[0].id, pair[1].number) not in seen]
    found.sort(key=lambda pair: (pair[0].sort_date, pair[0].id, pair[1].number), reverse=True)
    return found


def focus_area_page(repo: Repository, area_id: str, here: str | None = None) -> str:
    area = repo.focus_areas[area_id]
    here = here or focus_area_page_path(area_id)
    group = repo.groups.get(area.working_group or "")
    out = [f"# {escape(area.name)}", ""]
    if area.description:
        out += [escape(area.description), ""]
    rows = [("Status", esc(area.status))]
    if group:
        rows.append(("Arbeidsgruppe", group_link(repo, group.id, here)))
        if group.responsible:
            rows.append(("Ansvarlig", person_link(repo, group.responsible, here)))
        rows.append(("Medlemmer", _join([person_link(repo, p, here) for p in group.members]) or "Ikke registrert"))
        if group.established:
            rows.append(("Opprettet", norwegian_date(group.established)))
        if group.mandate:
            rows.append(("Mandat", esc(group.mandate)))
    out += [definition_list(rows), "", "## Tidslinje", ""]
    items = focus_area_items(repo, area)
    if not items:
        out.append("Ingen saker i arkivet handler om dette satsingsområdet ennå.")
    for meeting, item in items:
        out += [f"### {escape(meeting_date(meeting))}: {escape(item.title)}", ""]
        out += [f"<p>{meeting_link(repo, meeting, here, item.anchor)}, sak {esc(item.number)}.</p>", ""]
        entries = [f"<strong>Vedtak:</strong> {esc(decision)}" for decision in item.decisions]
        entries += [f"<strong>Oppfølging:</strong> {action_line(repo, action, here)}" for action in item.actions]
        if entries:
            out += [unordered_list(entries), ""]
    return "\n".join(out).rstrip() + "\n"


def groups_page(repo: Repository, here: str = GROUPS_PAGE) -> str:
    out = []
    for group in repo.groups.values():
        out += [f"## {escape(group.name)} {{#{group.id}}}", ""]
        if group.full_name:
            out += [f"<p><em>{esc(group.full_name)}</em></p>", ""]
        rows = [("Status", esc(group.status))]
        if group.parent:
            rows.append(("Arbeidsgruppe under", group_link(repo, group.parent, here)))
        for label, person in (("Leder", group.leader), ("Ansvarlig", group.responsible), ("Sekretær", group.secretary)):
            if person:
                rows.append((label, person_link(repo, person, here)))
        areas = [a for a in repo.focus_areas.values() if a.working_group == group.id]
        if areas:
            rows.append(("Satsingsområde", _join([focus_area_link(repo, a.id, here) for a in areas])))
        if group.established:
            rows.append(("Opprettet", norwegian_date(group.established)))
        if group.mandate:
            rows.append(("Mandat", esc(group.mandate)))
        meetings = repo.meetings_by_group.get(group.id, [])
        if meetings:
            rows.append(("Møter i arkivet", a(url(here, ARCHIVE_BY_GROUP_PAGE, group.id), str(len(meetings)))))
        rows.append((f"Medlemmer ({len(group.members)})", _join([person_link(repo, p, here) for p in group.members]) or "Ikke registrert"))
        out += [definition_list(rows), ""]
    return "\n".join(out)


# -- clusters --------------------------------------------------------------

def cluster_directory(repo: Repository, here: str = CLUSTERS_PAGE) -> str:
    if not repo.clusters:
        return "Ingen klynger er lagt inn."
    clusters = sorted(repo.clusters.values(), key=lambda c: c.name.lower())
    rows = [
        [
            a(f"#{cluster.id}", cluster.name), esc(cluster.level or "–"), esc(cluster.region or "–"), esc(cluster.sector or "–"),
            person_link(repo, cluster.contact, here) if cluster.contact else "–",
            str(len(repo.meetings_by_cluster.get(cluster.id, []))),
        ]
        for cluster in clusters
    ]
    out = ['<div class="sortable-table">' + table(["Klynge", "Nivå", "Region", "Bransje", "Kontaktperson", "Møter"], rows) + "</div>", ""]
    for cluster in clusters:
        out += [f"## {escape(cluster.name)} {{#{cluster.id}}}", ""]
        rows = [
            ("Nivå i klyngeprogrammet", esc(cluster.level) if cluster.level else "Ikke oppgitt"),
            ("Region", esc(cluster.region) if cluster.region else "Ikke oppgitt"),
            ("Bransje", esc(cluster.sector) if cluster.sector else "Ikke oppgitt"),
        ]
        if cluster.website:
            rows.append(("Nettsted", a(cluster.website, cluster.website)))
        if cluster.contact:
            rows.append(("Kontaktperson", person_link(repo, cluster.contact, here)))
        if cluster.note:
            rows.append(("Fra referatene", esc(cluster.note)))
        if cluster.source:
            rows.append(("Kilde", esc(cluster.source)))
        meetings = repo.meetings_by_cluster.get(cluster.id, [])
        rows.append(("Nevnt i", _join([meeting_link(repo, m, here) for m in reversed(meetings)]) or "Ingen møter"))
        out += [definition_list(rows), ""]
    return "\n".join(out)


# -- contacts --------------------------------------------------------------

def person_entry(repo: Repository, person: model.Person, here: str) -> str:
    """One person on the contacts page. Only fields marked public appear."""
    rows: list[tuple[str, str]] = []
    if person.roles:
        rows.append(("Roller", esc("; ".join(person.roles))))
    groups = repo.group_of_person(person.id)
    if groups:
        rows.append(("Grupper", _join([group_link(repo, g.id, here) for g in groups])))
    attended = repo.attended.get(person.id, [])
    rows.append(("Møter", f"til stede på {len(attended)}" if attended else "ikke registrert til stede"))
    if attended:
        rows.append(("Sist til stede", meeting_link(repo, attended[-1], here)))
    if person.public_email:
        rows.append(("E-post", a(f"mailto:{person.public_email}", person.public_email)))
    if person.public_phone:
        rows.append(("Telefon", esc(person.public_phone)))
    mine = [chain.latest for chain in repo.open_chains_by_owner.get(person.id, [])]
    if mine:
        rows.append(("Åpne oppfølgingspunkter", _join([esc(action.task) for action in mine])))
    if not person.name_confirmed:
        rows.append(("Merk", "Skrivemåten av navnet er ikke bekreftet."))
    return "\n".join([f"### {escape(person.name)} {{#{person.id}}}", "", definition_list(rows), ""])


def contacts_directory(repo: Repository, here: str = CONTACTS_PAGE) -> str:
    by_org: dict[str | None, list[model.Person]] = defaultdict(list)
    for person in repo.people.values():
        by_org[person.organisation].append(person)
    orgs = sorted((o for o in repo.organisations.values() if by_org.get(o.id)), key=lambda o: o.name.lower())
    out = []
    for org in orgs:
        out += [f"## {escape(org.name)} {{#{organisation_anchor(org.id)}}}", ""]
        for person in sorted(by_org[org.id], key=lambda p: p.name.lower()):
            out.append(person_entry(repo, person, here))
    if by_org.get(None):
        out += ["## Uten oppgitt organisasjon {#org-ukjent}", ""]
        for person in sorted(by_org[None], key=lambda p: p.name.lower()):
            out.append(person_entry(repo, person, here))
    return "\n".join(out)


ORGANISATION_TYPE_LABELS = {
    "kommune": "Kommune",
    "region": "Region",
    "fylkeskommune": "Fylkeskommune",
    "etat": "Statlig virksomhet",
    "selskap": "Selskap",
    "interkommunalt": "Interkommunalt samarbeid",
    "annet": "Annet",
}


def organisation_list(repo: Repository, here: str = ORGANISATIONS_PAGE) -> str:
    people_count: dict[str, int] = defaultdict(int)
    for person in repo.people.values():
        if person.organisation:
            people_count[person.organisation] += 1
    rows = []
    for org in sorted(repo.organisations.values(), key=lambda o: o.name.lower()):
        name = organisation_link(repo, org.id, here) if people_count[org.id] else esc(org.name)
        rows.append([name, ORGANISATION_TYPE_LABELS[org.kind], str(people_count[org.id])])
    return '<div class="sortable-table">' + table(["Organisasjon", "Type", "Personer"], rows) + "</div>"


# -- the secretary's guide -------------------------------------------------

def schema_reference(schema_name: str) -> str:
    """A table of the fields of one kind of record, for the guide."""
    kind = schema.ALL_SCHEMAS[schema_name]
    out = ["| Felt | Påkrevd | Verdi | Forklaring | Eksempel |", "|---|---|---|---|---|"]
    for spec in kind.fields:
        value = schema.KINDS[spec.kind]
        if spec.choices:
            value += ": " + ", ".join(spec.choices)
        example = "" if spec.example is None else f"`{spec.example}`"
        out.append(f"| `{spec.key}` | {'ja' if spec.required else 'nei'} | {escape_cell(value)} | {escape_cell(spec.help)} | {example} |")
    return "\n".join(out)
