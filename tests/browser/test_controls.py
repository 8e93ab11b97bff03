"""The site's small behaviours (overrides/assets/javascripts/site.js), used as a member would:
filters that hide rows and are kept in the address across a reload, sortable
columns, the contacts' name filter, the calendar's copy button, the print
button and the print style.

The choices are read from the page (the first filter option that narrows the
list, a name from the contacts list), so the tests hold as the archive grows.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

from archive.views.directory import _sort_key

from .conftest import ROOT, loaded_archive, screenshot, visit


def _query(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url, allow_fragments=True).query, keep_blank_values=True)


def _listed(page) -> str:
    """Wait until the filtered list says what it shows («Viser 12 av 40.», «Ingen treff.»); return that."""
    page.wait_for_function("() => /^(Viser|Ingen)/.test(document.querySelector('.archive-filter-count').textContent)")
    return page.locator(".archive-filter-count").inner_text()


def _all_shown(page, rows: str) -> int:
    """Press «Vis flere» until every matching row is shown; the number of rows."""
    more = page.locator("button.filter-more")
    while more.is_visible():
        more.click()
    return page.locator(rows).count()


def test_archive_filter_shows_every_meeting_of_a_group_and_is_kept_in_the_address(phone_page, site_url):
    """The archive shows its latest meetings; a group chosen shows all of that group's, from the rows as data."""
    page = phone_page
    visit(page, site_url, "motearkiv")
    repo = loaded_archive(ROOT)
    rows = "table.archive-table tbody tr"
    form = page.locator("form.archive-filter")
    assert form.is_visible()
    # The links that stand in for the form without JavaScript are put away.
    assert page.locator(".archive-links").is_hidden()
    group = page.locator("#filter-gruppe option").evaluate_all("options => options.map(o => o.value).filter(Boolean)")[0]
    expected = len(repo.meetings_by_group[group])
    page.locator("#filter-gruppe").select_option(group)
    assert _listed(page) == f"Viser {min(expected, 50)} av {expected}."
    assert _all_shown(page, rows) == expected
    assert set(page.locator(f"{rows} td[data-label='Gruppe']").all_inner_texts()) == {repo.groups[group].name}
    # Each row links to its meeting from wherever the list is.
    assert all(href.startswith(site_url + "moter/") for href in page.locator(f"{rows} td[data-label='Dato'] a").evaluate_all("as => as.map(a => a.href)"))
    assert _query(page) == {"gruppe": [group]}

    page.reload()
    assert page.locator("#filter-gruppe").input_value() == group
    _listed(page)
    assert _all_shown(page, rows) == expected

    page.locator("#filter-gruppe").select_option("")
    page.wait_for_function("() => document.querySelector('.archive-filter-count').textContent === ''")
    assert _query(page) == {}


def test_follow_up_filter_by_person_and_status_kept_across_reload(watched_page, site_url):
    """An owner's open follow-ups, then all of them, from the rows as data; the address keeps the choice."""
    page = watched_page
    visit(page, site_url, "oppfolging")
    repo = loaded_archive(ROOT)
    rows = "table.follow-up-table tbody tr"
    owners = page.locator("#filter-ansvarlig option").evaluate_all("options => options.map(o => o.value).filter(Boolean)")
    owner = max(owners, key=lambda o: len(repo.chains_by_owner.get(o, [])))
    chains = repo.chains_by_owner[owner]
    still_open = [c for c in chains if c.is_open]
    page.locator("#filter-ansvarlig").select_option(owner)
    _listed(page)
    assert _all_shown(page, rows) == len(still_open)
    name = page.locator(f"#filter-ansvarlig option[value='{owner}']").inner_text()
    assert all(name in text for text in page.locator(f"{rows} td[data-label='Ansvarlig']").all_inner_texts())

    # «Alle»: the closed ones too, fetched when asked for.
    page.locator("#filter-status").select_option("")
    _listed(page)
    assert _all_shown(page, rows) == len(chains)
    assert _query(page) == {"ansvarlig": [owner], "status": [""]}

    # The address is the filter: opened anew, it shows the same.
    page.goto(site_url + f"oppfolging/?ansvarlig={owner}&status=")
    assert page.locator("#filter-ansvarlig").input_value() == owner
    assert page.locator("#filter-status").input_value() == ""
    _listed(page)
    assert _all_shown(page, rows) == len(chains)


def _column(page, table: str, label: str) -> list[str]:
    return page.locator(f"{table} tbody td[data-label='{label}']").all_inner_texts()


def test_sorting_a_column_both_ways(watched_page, site_url):
    page = watched_page
    visit(page, site_url, "oppfolging")
    table = "table.follow-up-table"
    header = page.locator(f"{table} th", has_text="Ansvarlig")
    button = header.get_by_role("button")
    assert button.inner_text().startswith("Ansvarlig")
    before = _column(page, table, "Ansvarlig")
    assert len(set(before)) > 1

    button.click()
    assert header.get_attribute("aria-sort") == "ascending"
    ascending = _column(page, table, "Ansvarlig")
    assert ascending == sorted(before, key=_sort_key)
    button.click()
    assert header.get_attribute("aria-sort") == "descending"
    assert _column(page, table, "Ansvarlig") == list(reversed(ascending))


def test_dates_sort_by_time_not_by_letter(watched_page, site_url):
    page = watched_page
    visit(page, site_url, "oppfolging")
    table = "table.follow-up-table"
    count = page.locator(f"{table} tbody tr").count()
    dates = ["8. april 2025", "16. januar 2025", "1. desember 2024", "12. april 2025", "–"]
    assert count >= 2
    page.evaluate(
        """([table, dates]) => {
        document.querySelectorAll(table + " tbody td[data-label='Frist']").forEach((cell, index) => {
            cell.textContent = dates[index % dates.length];
        });
    }""",
        [table, dates],
    )
    written = _column(page, table, "Frist")
    page.locator(f"{table} th", has_text="Frist").get_by_role("button").click()
    months = {"januar": 1, "april": 4, "desember": 12}

    def when(text):
        match = re.fullmatch(r"(\d+)\. (\w+) (\d{4})", text)
        return (int(match[3]), months[match[2]], int(match[1])) if match else (9999,)

    assert _column(page, table, "Frist") == sorted(written, key=when)


def test_contacts_name_filter(phone_page, site_url):
    page = phone_page
    visit(page, site_url, "kontakter")
    people = page.locator("#contact-list li[data-name]")
    total = people.count()
    name = people.nth(1).locator("a").first.inner_text()
    query = name.split()[-1][:4].lower()  # the start of the surname, as one would type it
    expected = [text for text in people.locator("> a:first-child").all_inner_texts() if query in text.lower()]
    box = page.get_by_label("Finn en person")
    assert box.is_visible()
    box.fill(query)
    shown = people.filter(visible=True).locator("> a:first-child").all_inner_texts()
    assert name in shown and shown == expected and len(shown) < total
    count = page.locator(".contact-filter-count").inner_text()
    assert count == ("1 person" if len(shown) == 1 else f"{len(shown)} personer")
    # Letters with nobody left are put away too.
    letters = page.locator("#contact-list section.contact-letter")
    assert letters.filter(visible=True).count() == len({text[0] for text in shown})

    box.fill("")
    assert people.filter(visible=True).count() == total
    assert page.locator(".contact-filter-count").inner_text() == ""


def test_contacts_letter_index_jumps_to_the_letter(phone_page, site_url):
    page = phone_page
    visit(page, site_url, "kontakter")
    links = page.locator("nav ul.letter-index a")
    assert links.count() >= 5
    target = links.nth(3)
    letter = target.inner_text()
    target.tap()
    page.wait_for_url(re.compile(rf"#bokstav-{re.escape(letter.lower())}$"))
    heading = page.locator(f"[id='bokstav-{letter.lower()}']")
    assert heading.inner_text() == letter
    assert heading.is_visible()


def test_calendar_copy_button_copies_the_full_address(watched_page, site_url):
    page = watched_page
    visit(page, site_url, "kalender")
    field = page.locator("input.calendar-address").first
    address = field.input_value()
    assert re.fullmatch(r"https?://[^ ]+/eksport/kalender\.ics", address)
    webcal = page.get_by_role("link", name="Åpne i kalenderprogrammet").first
    assert webcal.get_attribute("href") == "webcal://" + address.split("://", 1)[1]
    button = page.get_by_role("button", name="Kopier").first
    button.click()
    page.wait_for_function("() => document.querySelector('button.copy-button').textContent === 'Kopiert'")
    assert page.evaluate("() => navigator.clipboard.readText()") == address


def test_print_button_prints(watched_page, site_url):
    page = watched_page
    visit(page, site_url, "mote")
    page.evaluate("() => { window.printed = 0; window.print = () => { window.printed += 1; }; }")
    button = page.get_by_role("button", name="Skriv ut referatet")
    assert button.is_visible()
    button.click()
    assert page.evaluate("() => window.printed") == 1


def test_print_style_drops_underlines_menus_and_buttons(watched_page, site_url):
    page = watched_page
    visit(page, site_url, "mote")
    page.emulate_media(media="print")
    underlined = page.evaluate("""() => [...document.querySelectorAll('article a')]
        .filter(a => a.checkVisibility() && getComputedStyle(a).textDecorationLine.includes('underline'))
        .map(a => a.textContent.trim())""")
    assert underlined == []
    for hidden in (".md-header", ".md-tabs", ".md-sidebar--primary", ".md-sidebar--secondary", "nav.breadcrumb", ".page-tools", "nav.meeting-nav"):
        assert page.locator(hidden).first.is_hidden(), hidden
    # What is folded away on the screen is printed in full: the invited.
    assert page.locator("details.invited ul a").first.is_visible()
    screenshot(page, "mote-utskrift")
    page.emulate_media(media="screen")
    assert page.locator("article p a").first.evaluate("a => getComputedStyle(a).textDecorationLine") == "underline"
