"""The search page narrows results by kind of page, group, year and focus area."""

from __future__ import annotations

from .searching import page_search, paths

MEETINGS = {"moter/naeringsgruppen/2025-01-16/", "moter/naeringsgruppen/2025-03-12/", "moter/reiselivsgruppen/2024-11-05/"}


def test_without_a_filter_every_kind_is_found(page, site_url):
    _, results = page_search(page, site_url, "sirkulærøkonomi")
    assert set(paths(results)) == {"satsingsomrader/sirkulaerokonomi/", "moter/naeringsgruppen/2025-01-16/", "moter/reiselivsgruppen/2024-11-05/"}


def test_kind_of_page(page, site_url):
    status, results = page_search(page, site_url, "sirkulærøkonomi", type="Møte")
    assert set(paths(results)) == {"moter/naeringsgruppen/2025-01-16/", "moter/reiselivsgruppen/2024-11-05/"}
    assert "Avgrenset til Type: Møte." in status
    _, results = page_search(page, site_url, "sirkulærøkonomi", type="Satsingsområde")
    assert paths(results) == ["satsingsomrader/sirkulaerokonomi/"]
    _, results = page_search(page, site_url, "Næringsgruppen", type="Person")
    assert paths(results) and all(p.startswith("kontakter/") for p in paths(results))
    _, results = page_search(page, site_url, "Fjordreiseliv", type="Klynge")
    assert paths(results) == ["klynger/"]


def test_group(page, site_url):
    _, results = page_search(page, site_url, "sirkulærøkonomi", gruppe="Reiselivsgruppen")
    assert paths(results) == ["moter/reiselivsgruppen/2024-11-05/"]


def test_year(page, site_url):
    _, results = page_search(page, site_url, "sirkulærøkonomi", ar="2024")
    assert paths(results) == ["moter/reiselivsgruppen/2024-11-05/"]
    _, results = page_search(page, site_url, "sirkulærøkonomi", ar="2025")
    assert paths(results) == ["moter/naeringsgruppen/2025-01-16/"]


def test_focus_area(page, site_url):
    _, results = page_search(page, site_url, "reiselivet", satsingsomrade="Attraktivitet og tilflytting")
    assert paths(results) == ["moter/naeringsgruppen/2025-03-12/"]


def test_filters_combine_and_work_without_words(page, site_url):
    _, results = page_search(page, site_url, type="Møte", gruppe="Næringsgruppen", ar="2025")
    assert set(paths(results)) == {"moter/naeringsgruppen/2025-01-16/", "moter/naeringsgruppen/2025-03-12/"}
    _, results = page_search(page, site_url, type="Møte")
    assert set(paths(results)) == MEETINGS


def test_choosing_a_filter_narrows_at_once_and_is_kept_in_the_address(page, site_url):
    page_search(page, site_url, "sirkulærøkonomi")
    page.select_option("#search-filter-ar", "2024")
    page.wait_for_function("() => document.querySelectorAll('#search-page-results > li').length === 1")
    assert page.evaluate("() => decodeURIComponent(location.search)") == "?q=sirkulærøkonomi&ar=2024"
    assert "Avgrenset til År: 2024." in page.text_content("#search-page-status")


def test_the_filters_offer_the_archives_values(page, site_url):
    page.goto(site_url + "sok/")
    options = page.evaluate("""() => Object.fromEntries(Array.from(document.querySelectorAll('select[data-filter]')).map(
        s => [s.name, Array.from(s.options).map(o => o.textContent)]))""")
    assert options == {
        "type": ["Alle typer", "Møte", "Person", "Gruppe", "Satsingsområde", "Klynge", "Om nettstedet"],
        "gruppe": ["Alle grupper", "Næringsgruppen", "Reiselivsgruppen"],
        "ar": ["Alle år", "2025", "2024"],
        "satsingsomrade": ["Alle satsingsområder", "Sirkulærøkonomi", "Attraktivitet og tilflytting"],
    }
