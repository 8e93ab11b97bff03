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
