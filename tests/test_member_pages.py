"""A person's page and a focus area's page say what belongs to that person or
area, and nothing of anyone else's: rule by rule, on the register fixture
(tests/registers_fixture.py) with one meeting more, which names a person in a
decision and has an item on a second focus area. The whole output of both
kinds of page is in the golden files (tests/test_views_golden.py)."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup
from registers_fixture import TODAY, write_fixture

from archive.views import directory
from archive.views.pages import page_text

EXTRA_AREA = """- id: digitalisering
  navn: Digitalisering
  status: ikke startet
"""

EXTRA_MEETING = """---
gruppe: testgruppen
dato: 2025-10-01
status: utkast
møteleder: Kari Nordmann
tilstede: [Per Usikker]
---

## 1. Grønn omstilling

Satsingsområde: Grønn omstilling

Fellesdiskusjonen om hele regionen før gruppene.

### Gruppe 1 – Grønn omstilling

Arbeidsgruppens egen vurdering av prosjektene.

Vedtak: Kari Nordmann leder arbeidet videre.

## 2. Digitalisering

Satsingsområde: Digitalisering

- [ ] Lage en digital plan. Ansvar: Per Usikker. Frist: 1. desember 2025.

Vedtak: Planen legges fram i januar.
"""


@pytest.fixture(scope="module")
def repo(tmp_path_factory):
    from archive.model.repository import load_repository

    root = write_fixture(tmp_path_factory.mktemp("members") / "repo")
    with (root / "data" / "satsingsomrader.yaml").open("a", encoding="utf-8") as areas:
        areas.write(EXTRA_AREA)
    (root / "docs" / "moter" / "testgruppen" / "2025-10-01.md").write_text(EXTRA_MEETING, encoding="utf-8")
    loaded, problems = load_repository(root, today=TODAY)
    assert problems == [], problems
    return loaded


def _person(repo, person_id: str) -> BeautifulSoup:
    return BeautifulSoup(page_text(directory.person_page(repo, repo.people[person_id])), "html.parser")


def _area(repo, area_id: str) -> BeautifulSoup:
    return BeautifulSoup(page_text(directory.focus_area_page(repo, area_id)), "html.parser")


def _follow_ups(soup: BeautifulSoup) -> list[tuple[str, str]]:
    return [(row.select_one("td[data-label=Oppgave]").get_text(strip=True), row["data-status"]) for row in soup.select("table.follow-up-table tbody tr")]


# -- a person's page ----------------------------------------------------------------


def test_a_person_page_lists_their_own_and_their_groups_follow_ups_open_first(repo):
    # Ola Hansen owns one and is responsible for Arbeidsgruppe A, which owns another.
    assert _follow_ups(_person(repo, "ola-hansen")) == [
        ("Kartlegge prosjekter, runde to.", "åpen"),
        ("Levere sluttrapport.", "ferdig"),
    ]
    assert _follow_ups(_person(repo, "kari-nordmann")) == [("Skrive rapport.", "åpen")]
    assert _follow_ups(_person(repo, "per-usikker")) == [("Lage en digital plan.", "åpen")]


def test_a_person_page_shows_status_as_a_word(repo):
    soup = _person(repo, "ola-hansen")
    badges = [b.get_text() for b in soup.select("table.follow-up-table .badge")]
    assert badges == ["Åpen", "Ferdig"]


def test_a_person_page_lists_the_decisions_that_name_them_only(repo):
    def decisions(person_id: str) -> str:
        text = page_text(directory.person_page(repo, repo.people[person_id]))
        return text[text.index("## Vedtak der personen er nevnt") : text.index("## Møter")]

    kari = decisions("kari-nordmann")
    assert "Kari Nordmann leder arbeidet videre." in kari
    assert 'href="../../moter/testgruppen/2025-10-01/#sak-1"' in kari  # to the item that decided it
    assert "Planen legges fram i januar." not in kari
    assert "Ingen vedtak nevner personen ved navn." in decisions("ola-hansen")


def test_a_person_page_lists_their_meetings_newest_first_with_their_role(repo):
    rows = _person(repo, "ola-hansen").select("table:not(.follow-up-table) tbody tr")
    meetings = [(r.select_one("td[data-label=Dato]").get_text(strip=True), r.select_one("td[data-label=Rolle]").get_text(strip=True)) for r in rows]
    assert meetings == [
        ("10. september 2025", "til stede"),
        ("udatert, mellom 1. juni og 1. september 2025", "forfall"),
        ("12. mars 2025", "referent"),
    ]


def test_contact_details_only_where_the_person_made_them_public(repo):
    kari = page_text(directory.person_page(repo, repo.people["kari-nordmann"]))
    ola = page_text(directory.person_page(repo, repo.people["ola-hansen"]))
    assert 'href="mailto:kari@example.no"' in kari  # offentlig: [epost]
    assert "900 00 001" not in kari  # her phone is not public
    assert "ola.hemmelig@example.no" not in ola and "900 00 002" not in ola


# -- a focus area's page ------------------------------------------------------------


def _timeline(soup: BeautifulSoup) -> list[str]:
    return [h.get_text() for h in soup.select(".timeline-item h3")]


def test_a_focus_area_page_shows_only_its_own_items_newest_first(repo):
    green = _area(repo, "gronn-omstilling")
    assert _timeline(green) == [
        "1. oktober 2025: 1. Grønn omstilling",
        "10. september 2025: 2. Grønn omstilling",
        "20. mai 2025: 1. Oppfølging",
        "12. mars 2025: Sak 2/25 Grønn omstilling",
    ]
    assert _timeline(_area(repo, "digitalisering")) == ["1. oktober 2025: 2. Digitalisering"]


def test_a_focus_area_page_shows_only_its_own_follow_ups_and_decisions(repo):
    green = _area(repo, "gronn-omstilling").get_text(" ")
    digital = _area(repo, "digitalisering").get_text(" ")
    assert "Lage en digital plan." in digital and "Planen legges fram i januar." in digital
    assert "Lage en digital plan." not in green and "Planen legges fram i januar." not in green
    for own in ("Skrive rapport.", "Levere sluttrapport.", "Forslagene sendes på høring.", "Kari Nordmann leder arbeidet videre."):
        assert own in green, own
        assert own not in digital, own


def test_a_focus_area_page_quotes_the_working_groups_own_part(repo):
    items = _area(repo, "gronn-omstilling").select(".timeline-item")
    quote = items[0].select_one("blockquote").get_text(" ", strip=True)
    assert quote == "Arbeidsgruppens egen vurdering av prosjektene."
    assert "Fellesdiskusjonen" not in items[0].get_text(" ")


def test_a_focus_area_timeline_heading_starts_with_a_capital_for_an_undated_meeting(repo):
    from archive import model

    meeting = repo.meetings_by_id["testgruppen/2025-udatert"]
    item = model.AgendaItem(number="1", title="Grønn omstilling", anchor="sak-1", focus_areas=["gronn-omstilling"])
    repo.items_by_focus_area["gronn-omstilling"].append((meeting, item))
    try:
        headings = _timeline(_area(repo, "gronn-omstilling"))
    finally:
        repo.items_by_focus_area["gronn-omstilling"].pop()
    undated = [h for h in headings if "udatert" in h.lower()]
    assert undated and all(re.match(r"Udatert, mellom ", h) for h in undated)


def test_a_focus_area_with_many_items_gets_a_page_per_year(repo, monkeypatch):
    from archive import model
    from archive.model import paths

    monkeypatch.setattr(directory, "FOCUS_AREA_ITEMS_PER_PAGE", 2)
    planned = repo.meetings_by_id["testgruppen/2026-01-15"]
    item = model.AgendaItem(number="1", title="Grønn plan for 2026", anchor="sak-1", focus_areas=["gronn-omstilling"])
    repo.items_by_focus_area["gronn-omstilling"].append((planned, item))
    try:
        pages = directory.focus_area_pages(repo, "gronn-omstilling")
    finally:
        repo.items_by_focus_area["gronn-omstilling"].pop()
    main, *years = pages
    # A year with more items than a page holds goes on over numbered pages.
    year_2025 = paths.focus_area_year_page("gronn-omstilling", 2025)
    assert [p.src for p in years] == [paths.focus_area_year_page("gronn-omstilling", 2026), year_2025, paths.numbered_page(year_2025, 2)]
    soup = BeautifulSoup(page_text(main), "html.parser")
    newest = _timeline(soup)
    assert len(newest) == 2 and newest[0] == "15. januar 2026: 1. Grønn plan for 2026"  # the newest items, across years
    assert [a.get_text() for a in soup.select(".year-list a")] == ["2026", "2025"]
    by_page = [_timeline(BeautifulSoup(page_text(p), "html.parser")) for p in years]
    assert by_page[0] == ["15. januar 2026: 1. Grønn plan for 2026"]
    of_2025 = by_page[1] + by_page[2]
    assert len(by_page[1]) == 2 and len(of_2025) == 4 and len(set(of_2025)) == 4 and all("2025" in h for h in of_2025)  # each item once
    assert newest[1] == by_page[1][0]


# -- what members want first (issue 23) ------------------------------------------------

from archive.views import front, meetings  # noqa: E402
from archive.views.pages import Heading  # noqa: E402


def _blocks(page) -> list:
    """The page's headings as text and its HTML blocks made, in order."""
    return [b.text if isinstance(b, Heading) else str(b.make() if hasattr(b, "make") else b) for b in page.blocks]


def test_a_meeting_page_leads_with_its_decisions_under_their_items_then_the_agenda(repo):
    meeting = repo.meetings_by_id["testgruppen/2025-09-10"]
    page = meetings.meeting_page(repo, meeting)
    headings = [b.text for b in page.blocks if isinstance(b, Heading)]
    assert headings[:4] == [page.title, "Vedtak og oppfølging", "Om møtet", "1. Godkjenning av referat fra møtet 20. mai 2025"]
    outcome = BeautifulSoup(_blocks(page)[headings.index("Vedtak og oppfølging") + 2 + 1], "html.parser")  # breadcrumb, H1, lead, H2, outcome
    decisions = [(li.select_one(".outcome__item").get_text(), [p.get_text() for p in li.select("p")[1:]]) for li in outcome.select(".outcome-decisions > li")]
    assert decisions == [
        ("1. Godkjenning av referat fra møtet 20. mai 2025", ["Referatet ble godkjent."]),
        ("2. Grønn omstilling", ["Forslagene sendes på høring."]),
    ]
    rows = [[td.get_text(" ", strip=True) for td in tr.select("td")] for tr in outcome.select("table.outcome-actions tbody tr")]
    assert rows[0] == ["Skrive rapport. (sak 2)", "Kari Nordmann", "1. oktober 2025", "Forfalt"]  # who, what, by when
    assert [r[0] for r in rows] == ["Skrive rapport. (sak 2)", "Kartlegge prosjekter, runde to. (sak 2)", "Levere sluttrapport. (sak 2)"]


def test_a_number_the_original_lacks_is_shown_as_written_and_said_once(repo):
    from archive import model

    meeting = repo.meetings_by_id["testgruppen/2025-09-10"]
    restored = [model.AgendaItem(number=str(n), title=f"Sak {n}", anchor=f"sak-{n}", number_restored=True) for n in (3, 4)]
    meeting.agenda.extend(restored)
    try:
        text = page_text(meetings.meeting_page(repo, meeting))
    finally:
        del meeting.agenda[-2:]
    assert "## [3] Sak 3 {#sak-3}" in text and "## [4] Sak 4 {#sak-4}" in text
    assert text.count("står ikke i originalen") == 1


def test_a_planned_meeting_is_a_notice_with_its_own_print_button_and_calendar_file(repo):
    planned = repo.meetings_by_id["testgruppen/2026-01-15"]
    page = meetings.meeting_page(repo, planned)
    text = page_text(page)
    assert page.title == "Innkalling til møte i Testgruppen, 15. januar 2026"
    assert "Skriv ut innkallingen" in text and "Skriv ut referatet" not in text
    assert 'href="../../../eksport/mote-testgruppen-2026-01-15.ics"' in text
    assert "## Vedtak og oppfølging" not in text
    held = page_text(meetings.meeting_page(repo, repo.meetings_by_id["testgruppen/2025-09-10"]))
    assert "Skriv ut referatet" in held and ".ics" not in held  # a past meeting has no calendar button


NYNORSK = """---
gruppe: testgruppen
dato: 2025-11-05
status: utkast
{extra}---

## 1. Status frå gruppa

Gruppa har ikkje hatt møte sidan sist, og det vart sagt at kvar kommune sjølv avgjer korleis arbeidet skal gå vidare.

Vedtak: Saka vart teken til orientering.
"""


@pytest.mark.parametrize(("extra", "language"), [("", "nn"), ("målform: bokmål\n", "nb"), ("målform: nynorsk\n", "nn")])
def test_minutes_in_nynorsk_carry_lang_nn_found_or_written(tmp_path, extra, language):
    from archive.model.repository import load_repository

    root = write_fixture(tmp_path / "repo")
    (root / "docs/moter/testgruppen/2025-11-05.md").write_text(NYNORSK.format(extra=extra), encoding="utf-8")
    loaded, problems = load_repository(root, today=TODAY)
    assert problems == []
    meeting = loaded.meetings_by_id["testgruppen/2025-11-05"]
    assert meeting.language == language
    page = meetings.meeting_page(loaded, meeting)
    item = next(b for b in page.blocks if isinstance(b, Heading) and b.anchor == "sak-1")
    body = _blocks(page)[page.blocks.index(item) + 1]
    if language == "nn":
        assert item.lang == "nn" and body.startswith('<div lang="nn">')
        assert "## 1. Status frå gruppa {#sak-1 lang=nn}" in page_text(page)
    else:
        assert item.lang == "" and 'lang="nn"' not in page_text(page)
    assert page.title.startswith("Referat fra møte")  # the site's own words stay Bokmål


def test_the_front_page_leads_with_the_next_meeting_then_the_latest_decisions_then_overdue_follow_ups(repo):
    page = front.front_page(repo)
    headings = [b.text for b in page.blocks if isinstance(b, Heading)]
    assert headings == ["Næringsgruppen i Osloregionen", "Neste møte", "Siste referat", "Oppfølging", "Abonner", "Arrangementer", "Finn fram"]
    text = page_text(page)
    next_meeting = text[text.index("## Neste møte") : text.index("## Siste referat")]
    assert "Testgruppen, 15. januar 2026" in next_meeting and "eksport/mote-testgruppen-2026-01-15.ics" in next_meeting
    latest = text[text.index("## Siste referat") : text.index("## Oppfølging")]
    assert "Testgruppen, 1. oktober 2025" in latest
    assert "1. Grønn omstilling</a>: Kari Nordmann leder arbeidet videre." in latest and "Planen legges fram i januar." in latest
    follow_ups = BeautifulSoup(text[text.index("## Oppfølging") : text.index("## Abonner")], "html.parser")
    assert [b.get_text() for b in follow_ups.select(".badge")][0] == "Forfalt"
    assert "av dem forfalt" in follow_ups.get_text()
    assert 'href="eksport/feed.xml"' in text and 'href="eksport/kalender.ics"' in text
    assert "tast" not in text.lower()  # no keyboard hints for touch screens


def test_a_planned_meeting_with_an_agenda_shows_it_on_the_front_page(repo):
    from archive import model

    planned = repo.meetings_by_id["testgruppen/2026-01-15"]
    planned.agenda = [model.AgendaItem(number="1", title="Budsjett", anchor="sak-1"), model.AgendaItem(number="2", title="Eventuelt", anchor="sak-2")]
    text = page_text(front.front_page(repo))
    agenda = BeautifulSoup(text[text.index("## Neste møte") : text.index("## Siste referat")], "html.parser")
    assert [li.get_text() for li in agenda.select("ol li")] == ["1. Budsjett", "2. Eventuelt"]


# -- follow-ups, contacts and groups -------------------------------------------------------


def test_a_person_page_names_no_owner_when_every_follow_up_is_their_own(repo):
    kari = _person(repo, "kari-nordmann")
    assert [th.get_text().replace("\u00ad", "") for th in kari.select("table.follow-up-table th")] == ["Oppgave", "Frist", "Status", "Fra møte"]
    ola = _person(repo, "ola-hansen")  # one is Arbeidsgruppe A's, which he is responsible for
    assert "Ansvarlig" in [th.get_text().replace("\u00ad", "") for th in ola.select("table.follow-up-table th")]


def test_the_contact_list_says_roles_and_groups(repo):
    (page,) = directory.contacts_index(repo)
    soup = BeautifulSoup(page_text(page), "html.parser")
    kari = soup.select_one('li[data-name="kari nordmann"]')
    assert "leder av Testgruppen" in kari.get_text() and kari.select_one('.contact-about a[href$="grupper/testgruppen/"]')


def test_a_long_contact_list_goes_on_over_pages_never_splitting_a_letter(repo, monkeypatch):
    monkeypatch.setattr(directory, "CONTACTS_PER_PAGE", 1)
    pages = directory.contacts_index(repo)
    names = [[li["data-name"] for li in BeautifulSoup(page_text(p), "html.parser").select("li[data-name]")] for p in pages]
    assert sorted(n for page in names for n in page) == sorted(p.name.lower() for p in repo.people.values())
    for page in names:
        assert len({n[0] for n in page}) == 1  # one letter per page here, and a letter on one page only
    first = page_text(pages[0])
    assert 'data-list="eksport/liste-personer-alle-alle.json"' in first  # the name filter searches everyone


def test_contact_data_needs_consent_even_when_listed_as_public(repo):
    kari = repo.people["kari-nordmann"]
    assert kari.public_email == "kari@example.no"
    assert "har sagt ja til det" in page_text(directory.person_page(repo, kari))
    consent, kari.consent = kari.consent, None
    try:
        assert kari.public_email is None
        text = page_text(directory.person_page(repo, kari))
        assert "kari@example.no" not in text and "har sagt ja" not in text
    finally:
        kari.consent = consent


def test_a_group_page_has_its_members_meetings_follow_ups_calendar_and_feed(repo):
    page = directory.group_page(repo, repo.groups["testgruppen"], "https://example.org/moter/")
    text = page_text(page)
    assert page.feed == "eksport/feed-testgruppen.xml" and page.feed_title == "Referater fra Testgruppen"
    assert "## Neste møte" in text and "eksport/mote-testgruppen-2026-01-15.ics" in text
    assert 'value="https://example.org/moter/eksport/kalender-testgruppen.ics"' in text
    assert 'href="https://example.org/moter/eksport/feed-testgruppen.xml"' in text
    follow_ups = BeautifulSoup(text[text.index("## Åpne oppfølgingspunkter") : text.index("## Møter")], "html.parser")
    assert [td.get_text() for td in follow_ups.select("td[data-label=Oppgave]")][0] == "Skrive rapport."
    assert "oppfolging/?gruppe=testgruppen" in str(follow_ups)


def test_every_detail_page_has_a_breadcrumb(repo):
    from archive.views import member_pages

    details = [
        p
        for p in member_pages(repo, "https://example.org/")
        if p.src.count("/") >= 1 and not p.src.endswith("/index.md") and p.src not in ("moter/etter-gruppe.md", "kontakter/organisasjoner.md")
    ]
    assert len(details) > 10
    for page in details:
        first = _blocks(page)[0]
        assert 'class="breadcrumb"' in first, page.src
