"""Focus areas, groups, clusters, people and organisations: the directory pages."""

from __future__ import annotations

import re
from collections import defaultdict
from functools import partial

from archive import model
from archive.model import paths
from archive.model.formatting import meeting_date, norwegian_date, plural
from archive.model.paths import url
from archive.model.repository import Repository
from archive.safety.markdown import render_inline
from archive.views.common import (
    focus_area_link,
    group_link,
    group_status_badge,
    item_link,
    meeting_link,
    organisation_anchor,
    organisation_link,
    person_link,
    search_filters,
)
from archive.views.html import Markup, a, concat, definition_list, join, table, tag, unordered_list
from archive.views.meetings import follow_up_line, follow_up_table, prose_html
from archive.views.pages import Heading, Later, Page

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
    page = Page(here, area.name, searchable=True, origin=area)
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
        year_page = Page(src, f"{area.name} {year}", origin=area)
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
    page = Page(here, person.name, searchable=True, origin=person)
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
