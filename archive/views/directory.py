"""Focus areas, groups, clusters, people and organisations: the directory pages."""

from __future__ import annotations

import re
from collections import defaultdict
from functools import partial

from archive import model
from archive.model import paths
from archive.model.formatting import meeting_date, meeting_time, norwegian_date, plural
from archive.model.paths import url
from archive.model.repository import Repository
from archive.safety.markdown import render_inline
from archive.views import lists
from archive.views.common import (
    breadcrumb,
    focus_area_link,
    follow_up_order,
    group_link,
    group_status_badge,
    item_label,
    item_link,
    meeting_link,
    organisation_anchor,
    organisation_link,
    person_link,
    search_filters,
)
from archive.views.html import EMPTY, Markup, a, concat, definition_list, join, table, tag, unordered_list
from archive.views.meetings import archive_table, follow_up_line, follow_up_table, prose_html
from archive.views.pages import Heading, Later, Page
from archive.views.paging import paged

# -- focus areas -----------------------------------------------------------


def focus_area_table(repo: Repository, here: str) -> Markup:
    if not repo.focus_areas:
        return tag("p", "Ingen satsingsområder er lagt inn.")
    rows = []
    for area in repo.focus_areas.values():
        group = repo.groups.get(area.working_group or "")
        responsible = person_link(repo, group.responsible, here) if group and group.responsible else EMPTY
        rows.append([focus_area_link(repo, area.id, here), group_link(repo, group.id, here) if group else EMPTY, responsible, group_status_badge(area.status)])
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


# Items on a focus area's page and on each page of a year: light on a phone
# however long the archive grows (each item is a heading, a quote and a list).
FOCUS_AREA_ITEMS_PER_PAGE = 25


def _focus_area_items(repo: Repository, area: model.FocusArea) -> list[tuple[model.Meeting, model.AgendaItem]]:
    """Every item on the area, newest first."""
    return sorted(repo.items_by_focus_area.get(area.id, []), key=lambda pair: (pair[0].sort_date, pair[0].id, pair[1].line), reverse=True)


def focus_area_page(repo: Repository, area_id: str) -> Page:
    return focus_area_pages(repo, area_id)[0]


def focus_area_pages(repo: Repository, area_id: str) -> list[Page]:
    """The area's page with its newest items, and when it has more, one page per year of them."""
    area = repo.focus_areas[area_id]
    here = paths.focus_area_page(area_id)
    group = repo.groups.get(area.working_group or "")
    page = Page(here, area.name, searchable=True, origin=area)
    page.blocks.append(breadcrumb(here, [(paths.FOCUS_AREAS_PAGE, "Satsingsområder")]))
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
    year_pages = {year: paths.focus_area_year_page(area_id, year) for year in years}
    links = unordered_list((concat(a(url(here, year_pages[y]), str(y)), f": {plural(len(by_year[y]), 'sak', 'saker')}") for y in years), class_="year-list")
    intro = f"{plural(len(items), 'sak', 'saker')} i arkivet handler om satsingsområdet. Under står de {FOCUS_AREA_ITEMS_PER_PAGE} nyeste; hvert år har sin egen side:"
    page.blocks.append(concat(tag("p", intro), links))
    page.blocks.append(Later(partial(focus_area_timeline, repo, area, here, items[:FOCUS_AREA_ITEMS_PER_PAGE]), searchable=False))
    pages = [page]
    crumbs = [(paths.FOCUS_AREAS_PAGE, "Satsingsområder"), (here, area.name)]
    for year in years:
        src = year_pages[year]
        year_page = Page(src, f"{area.name} {year}", origin=area)
        year_page.blocks.append(breadcrumb(src, crumbs))
        year_page.blocks.append(Heading(1, f"{area.name} {year}", ""))
        year_page.blocks.append(tag("p", f"{plural(len(by_year[year]), 'sak', 'saker')} om satsingsområdet i {year}, nyeste først."))
        pages += paged(
            year_page,
            by_year[year],
            lambda piece, where: focus_area_timeline(repo, area, where, piece),
            title=f"{area.name} {year}",
            crumbs=crumbs,
            per_page=FOCUS_AREA_ITEMS_PER_PAGE,
        )
    return pages


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
        lang = "nn" if meeting.language == "nn" else None
        parts = [tag("h3", f"{when[:1].upper()}{when[1:]}: {item_label(item)}", id=f"{meeting.id.replace('/', '-')}-{item.anchor}")]
        parts.append(tag("p", item_link(repo, meeting, item, here), class_="agenda-links"))
        text = excerpt(repo, meeting, item, own_group)
        if text:
            parts.append(tag("blockquote", tag("p", text), lang=lang))
        entries = [concat(tag("strong", "Vedtak:"), " ", render_inline(d.text)) for d in decisions]
        entries += [concat(tag("strong", "Oppfølging:"), " ", follow_up_line(repo, x, here)) for x in actions]
        if entries:
            parts.append(tag("ul", [tag("li", entry) for entry in entries], class_="timeline-entries", lang=lang))
        out.append(tag("div", parts, class_="timeline-item"))
    return Markup("\n").join(out)


# -- groups ----------------------------------------------------------------

# Open follow-ups and meetings on a group's page; all of them are a link away.
GROUP_FOLLOW_UPS = 10
GROUP_MEETINGS = 10


def groups_page(repo: Repository, here: str = paths.GROUPS_PAGE) -> Page:
    """Every group in one table: what it is, who leads it, how many members and meetings."""
    page = Page(here, "Grupper")
    page.blocks.append(Heading(1, "Grupper", ""))
    if not repo.groups:
        page.blocks.append(tag("p", "Ingen grupper er lagt inn."))
        return page
    rows = []
    for group in repo.groups.values():
        lead = group.leader or group.responsible
        rows.append(
            [
                group_link(repo, group.id, here),
                group_link(repo, group.parent, here) if group.parent else EMPTY,
                person_link(repo, lead, here) if lead else EMPTY,
                str(len(group.members)),
                str(len(repo.meetings_by_group.get(group.id, []))),
                group_status_badge(group.status),
            ]
        )
    page.blocks.append(
        tag("p", "Næringsgruppen og arbeidsgruppene under den. Velg en gruppe for medlemmer, møter, oppfølgingspunkter og kalender.")
        + table(["Gruppe", "Under", "Leder eller ansvarlig", "Medlemmer", "Møter", "Status"], rows, class_="groups-table")
    )
    return page


def group_pages(repo: Repository, site_url: str) -> list[Page]:
    return [group_page(repo, group, site_url) for group in repo.groups.values()]


def group_page(repo: Repository, group: model.Group, site_url: str) -> Page:
    """One group: its facts and members, its next meeting, open follow-ups, latest meetings, and its calendar and feed."""
    from archive.views import exports

    here = paths.group_page(group.id)
    page = Page(
        here,
        group.name,
        searchable=True,
        origin=group,
        feed=f"{paths.EXPORT_DIR}/{exports.group_feed_file(group.id)}",
        feed_title=f"Referater fra {group.name}",
    )
    page.blocks.append(breadcrumb(here, [(paths.CONTACTS_PAGE, "Kontakter"), (paths.GROUPS_PAGE, "Grupper")]))
    page.blocks.append(Heading(1, group.name, ""))
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
    working = repo.working_groups(group.id)
    if working:
        rows.append(("Arbeidsgrupper", join(group_link(repo, g.id, here) for g in working)))
    if group.established:
        rows.append(("Opprettet", norwegian_date(group.established)))
    if group.mandate:
        rows.append(("Mandat", group.mandate))
    members = join(person_link(repo, p, here) for p in group.members) or "Ikke registrert"
    rows.append((f"Medlemmer ({len(group.members)})", members))
    page.blocks.append(search_filters(type="Gruppe") + definition_list(rows))
    meetings = repo.meetings_by_group.get(group.id, [])
    coming = [m for m in meetings if m.status == "planlagt" and m.sort_date >= repo.today]
    page.blocks.append(Heading(2, "Neste møte", "neste-mote"))
    if coming:
        following = coming[0]
        facts = ", ".join(part for part in [meeting_time(following), following.place] if part)
        calendar = paths.file_url(here, f"{paths.EXPORT_DIR}/{paths.meeting_calendar_file(following.id)}") if following.date else None
        page.blocks.append(
            tag(
                "p",
                concat(
                    meeting_link(repo, following, here),
                    f", {facts}" if facts else None,
                    ". ",
                    a(calendar, "Legg i kalender (.ics)") if calendar else None,
                ),
            )
        )
    else:
        page.blocks.append(tag("p", "Ingen kommende møte er lagt inn."))
    page.blocks.append(Heading(2, "Åpne oppfølgingspunkter", "oppfolging"))
    page.blocks.append(Later(partial(group_follow_ups, repo, group, here), searchable=False))
    page.blocks.append(Heading(2, "Møter", "moter"))
    held = [m for m in reversed(meetings) if m not in coming]
    if held:
        more = tag("p", a(url(here, paths.group_meetings_page(group.id)), f"Alle {len(meetings)} møter i {group.name}"))
        page.blocks.append(Later(lambda: archive_table(repo, held[:GROUP_MEETINGS], here) + more, searchable=False))
    else:
        page.blocks.append(tag("p", "Ingen møter i arkivet ennå."))
    page.blocks.append(Heading(2, "Kalender og nyhetsstrøm", "abonner"))
    page.blocks.append(Later(partial(subscribe_group, group, site_url), searchable=False))
    return page


def subscribe_group(group: model.Group, site_url: str) -> Markup:
    from archive.views import exports
    from archive.views.registers import subscribe_row

    return tag(
        "ul",
        subscribe_row(
            group.name,
            exports.absolute_url(site_url, f"{paths.EXPORT_DIR}/{exports.group_calendar_file(group.id)}"),
            exports.absolute_url(site_url, f"{paths.EXPORT_DIR}/{exports.group_feed_file(group.id)}"),
        ),
        class_="subscribe-list",
    )


def group_chains(repo: Repository, group: model.Group) -> list:
    """Follow-ups of the group: recorded at its meetings, or given to the group itself."""
    chains = []
    for chain in repo.action_chains:
        meeting = repo.meetings_by_id[chain.first.meeting_id]
        if meeting.group == group.id or group.id in chain.owners:
            chains.append(chain)
    return chains


def group_follow_ups(repo: Repository, group: model.Group, here: str) -> Markup:
    still_open = sorted((c for c in group_chains(repo, group) if c.is_open), key=lambda c: follow_up_order(repo, c))
    if not still_open:
        return tag("p", "Ingen åpne oppfølgingspunkter.")
    link = a(url(here, paths.ACTIONS_PAGE) + f"?gruppe={group.id}", f"Alle {len(still_open)} åpne i registeret")
    return follow_up_table(repo, still_open[:GROUP_FOLLOW_UPS], here) + tag("p", link)


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
# People on one page of the contact list; the name filter searches them all.
CONTACTS_PER_PAGE = 100


def _sort_key(name: str) -> tuple:
    # Norwegian order: Æ, Ø and Å after Z.
    return tuple(ALPHABET.find(c) if c in ALPHABET else (ord(c) + 100) for c in name.upper())


def contact_entry(repo: Repository, person: model.Person, here: str) -> Markup:
    """A person in the list: name and organisation, then roles and groups."""
    org = repo.organisations.get(person.organisation or "")
    about = [join(person.roles, "; ")] if person.roles else []
    groups = repo.groups_of_person(person.id)
    if groups:
        about.append(join(group_link(repo, g.id, here) for g in groups))
    return concat(
        person_link(repo, person.id, here),
        concat(" – ", org.name) if org else None,
        tag("span", join(about, " · "), class_="contact-about") if about else None,
    )


def contact_data(repo: Repository) -> lists.DataList:
    """Everyone, for the name filter over every page of the contact list."""

    def rows() -> list[lists.Row]:
        people = sorted(repo.people.values(), key=lambda p: _sort_key(p.name))
        return [lists.Row([contact_entry(repo, person, lists.ROOT_PAGE)], {"alle": "alle", "navn": person.name.lower()}) for person in people]

    return lists.DataList("personer", ["Person"], "contact-list", [("alle", ["alle"])], rows)


def contacts_index(repo: Repository, here: str = paths.CONTACTS_PAGE) -> list[Page]:
    """Everyone in Norwegian alphabetical order, with organisation, roles and groups, a page of
    letters at a time when the list is long, and a name filter over all of them."""
    page = Page(here, "Kontakter")
    page.blocks.append(Heading(1, "Kontakter", ""))
    people = sorted(repo.people.values(), key=lambda p: _sort_key(p.name))
    pieces = _letter_pages(people)
    sources = [paths.numbered_page(here, number) for number in range(1, len(pieces) + 1)]
    page_of = {_initial(person.name): sources[index] for index, piece in enumerate(pieces) for person in piece}
    intro = tag(
        "p",
        concat(
            f"{plural(len(people), 'person', 'personer')} fra ",
            a(url(here, paths.ORGANISATIONS_PAGE), plural(len(repo.organisations), "organisasjon", "organisasjoner")),
            " i ",
            a(url(here, paths.GROUPS_PAGE), plural(len(repo.groups), "gruppe", "grupper")),
            ". Velg en person for roller, kontaktinformasjon når personen har sagt ja til å vise den, oppfølgingspunkter og møter.",
        ),
    )
    single = len(pieces) == 1
    name_filter = tag(
        "div",
        tag("label", "Finn en person", for_="contact-filter")
        + tag(
            "input",
            type="search",
            id="contact-filter",
            autocomplete="off",
            data_filter_target="contact-list",
            data_list=None if single else contact_data(repo).folder() + contact_data(repo).file_of("alle", "alle"),
        )
        + tag("p", "", class_="contact-filter-count", role="status", aria_live="polite"),
        class_="contact-filter",
        hidden=True,
    )

    def letters(where: str) -> Markup:
        items = []
        for letter in ALPHABET:
            if letter in page_of:
                target = page_of[letter]
                href = f"#bokstav-{letter.lower()}" if target == where else url(where, target, f"bokstav-{letter.lower()}")
                items.append(tag("li", a(href, letter)))
            else:
                items.append(tag("li", tag("span", letter, aria_hidden="true", class_="letter-empty")))
        return tag("nav", tag("ul", items, class_="letter-index"), aria_label="Personer etter forbokstav")

    page.blocks.append(intro + letters(here) + name_filter)
    page.blocks.append(Later(lambda: contact_list(repo, pieces[0], here) + _contact_pager(here, sources, 1, pieces)))
    pages = [page]
    for number, piece in enumerate(pieces[1:], start=2):
        src = sources[number - 1]
        title = f"Kontakter {_letters_text(piece)}"
        extra = Page(src, title)
        extra.blocks.append(breadcrumb(src, [(here, "Kontakter")]))
        extra.blocks.append(Heading(1, title, ""))
        extra.blocks.append(letters(src))
        extra.blocks.append(
            Later(partial(lambda piece, src, number: contact_list(repo, piece, src) + _contact_pager(src, sources, number, pieces), piece, src, number))
        )
        pages.append(extra)
    return pages


def _letter_pages(people: list[model.Person]) -> list[list[model.Person]]:
    """People in pages of about CONTACTS_PER_PAGE, never splitting a letter."""
    pages: list[list[model.Person]] = [[]]
    for letter_people in _by_letter(people).values():
        if pages[-1] and len(pages[-1]) + len(letter_people) > CONTACTS_PER_PAGE:
            pages.append([])
        pages[-1].extend(letter_people)
    return pages


def _by_letter(people: list[model.Person]) -> dict[str, list[model.Person]]:
    by_letter: dict[str, list[model.Person]] = defaultdict(list)
    for person in people:
        by_letter[_initial(person.name)].append(person)
    return by_letter


def _letters_text(people: list[model.Person]) -> str:
    letters = list(_by_letter(people))
    return letters[0] if len(letters) == 1 else f"{letters[0]}–{letters[-1]}"


def _contact_pager(here: str, sources: list[str], number: int, pieces: list) -> Markup:
    from archive.views.paging import pager

    return pager(here, sources, number, [_letters_text(piece) for piece in pieces])


def contact_list(repo: Repository, people: list[model.Person], here: str) -> Markup:
    sections = []
    for letter, letter_people in _by_letter(people).items():
        entries = [tag("li", contact_entry(repo, person, here), data_name=person.name.lower()) for person in letter_people]
        sections.append(
            tag("section", tag("h2", letter, id=f"bokstav-{letter.lower()}") + tag("ul", entries, class_="contact-list-entries"), class_="contact-letter")
        )
    return tag("div", sections, id="contact-list")


# A person's page lists this many of each; a link leads to all of them.
PERSON_FOLLOW_UPS = 25
PERSON_DECISIONS = 20
PERSON_MEETINGS = 25


def person_page(repo: Repository, person: model.Person) -> Page:
    here = paths.person_page(person.id)
    page = Page(here, person.name, searchable=True, origin=person)
    page.blocks.append(
        breadcrumb(here, [(paths.CONTACTS_PAGE, "Kontakter")]),
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
    # Contact details only where the person has agreed and the consent is recorded (Person.public_email).
    if person.public_email:
        rows.append(("E-post", a(f"mailto:{person.public_email}", person.public_email)))
    if person.public_phone:
        rows.append(("Telefon", a(f"tel:{person.public_phone.replace(' ', '')}", person.public_phone)))
    if not person.name_confirmed:
        rows.append(("Merk", "Skrivemåten av navnet er ikke bekreftet."))
    attended = repo.attended.get(person.id, [])
    rows.append(("Møter", f"til stede på {plural(len(attended), 'møte', 'møter')}" if attended else "ikke registrert til stede på noe møte"))
    card = definition_list(rows)
    if person.public_email or person.public_phone:
        card += tag("p", "Kontaktinformasjonen vises fordi personen har sagt ja til det.", class_="consent-note")
    page.blocks.append(search_filters(type="Person") + card)
    chains = repo.chains_by_owner.get(person.id, []) + [c for g in groups for c in repo.chains_by_owner.get(g.id, []) if g.responsible == person.id]
    seen: set[str] = set()
    chains = [c for c in chains if not (c.key in seen or seen.add(c.key))]
    page.blocks.append(Heading(2, "Oppfølgingspunkter", "oppfolging"))
    if chains:
        ordered = sorted(chains, key=lambda c: follow_up_order(repo, c))
        page.blocks.append(Later(partial(person_follow_ups, repo, person, ordered, here), searchable=False))
    else:
        page.blocks.append(tag("p", "Ingen oppfølgingspunkter."))
    page.blocks.append(Heading(2, "Vedtak der personen er nevnt", "vedtak"))
    page.blocks.append(Later(partial(person_decisions, repo, person, here), searchable=False))
    page.blocks.append(Heading(2, "Møter", "moter"))
    page.blocks.append(Later(partial(person_meeting_table, repo, person, here), searchable=False))
    return page


def person_follow_ups(repo: Repository, person: model.Person, chains: list, here: str) -> Markup:
    """The person's follow-ups, overdue first; «Ansvarlig» only when some are a group's, not the person's own."""
    with_owner = any(chain.owners != [person.id] for chain in chains)
    shown = chains[:PERSON_FOLLOW_UPS]
    out = follow_up_table(repo, shown, here, with_owner=with_owner)
    if len(chains) > len(shown):
        out += tag("p", a(url(here, paths.ACTIONS_PAGE) + f"?ansvarlig={person.id}&status=", f"Alle {len(chains)} oppfølgingspunkter i registeret"))
    return out


def person_decisions(repo: Repository, person: model.Person, here: str) -> Markup:
    decisions = decisions_naming(repo, person)
    if not decisions:
        return tag("p", "Ingen vedtak nevner personen ved navn.")
    newest = list(reversed(decisions))
    shown = newest[:PERSON_DECISIONS]
    out = unordered_list(concat(item_link(repo, m, item, here), ": ", render_inline(d.text)) for m, item, d in shown)
    if len(newest) > len(shown):
        out += tag("p", f"De {len(shown)} nyeste av {len(newest)} vedtak.")
    return out


def person_meeting_table(repo: Repository, person: model.Person, here: str) -> Markup:
    meetings = list(reversed(person_meetings(repo, person.id)))
    if not meetings:
        return tag("p", "Ikke registrert på noe møte.")
    shown = meetings[:PERSON_MEETINGS]
    rows = [
        [meeting_link(repo, meeting, here, label=meeting_date(meeting)), group_link(repo, meeting.group, here), person_role(meeting, person.id)]
        for meeting in shown
    ]
    out = table(["Dato", "Gruppe", "Rolle"], rows)
    if len(meetings) > len(shown):
        out += tag("p", a(url(here, paths.person_meetings_page(person.id)), f"Alle {len(meetings)} møter"))
    return out


def person_meeting_pages(repo: Repository, person: model.Person) -> list[Page]:
    """All the person's meetings, a page at a time, when the person's page shows only the latest."""
    meetings = list(reversed(person_meetings(repo, person.id)))
    if len(meetings) <= PERSON_MEETINGS:
        return []
    src = paths.person_meetings_page(person.id)
    crumbs = [(paths.CONTACTS_PAGE, "Kontakter"), (paths.person_page(person.id), person.name)]
    page = Page(src, f"Møter: {person.name}", origin=person)
    page.blocks.append(breadcrumb(src, crumbs))
    page.blocks.append(Heading(1, f"Møter: {person.name}", ""))
    page.blocks.append(tag("p", f"{plural(len(meetings), 'møte', 'møter')}, nyeste først."))

    def render(piece: list, where: str) -> Markup:
        rows = [[meeting_link(repo, m, where, label=meeting_date(m)), group_link(repo, m.group, where), person_role(m, person.id)] for m in piece]
        return table(["Dato", "Gruppe", "Rolle"], rows)

    return paged(page, meetings, render, title=f"Møter: {person.name}", crumbs=crumbs)


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
