"""Every kind of page opens in a real browser, cleanly, and leaves a screenshot.

The `watched_page` fixture fails a test on any console error, uncaught
exception or request to a host other than 127.0.0.1, so each test here is also
the proof that nothing leaves the site on that kind of page.
"""

from __future__ import annotations

import pytest

from .conftest import PAGE_TYPES, screenshot


@pytest.mark.parametrize("name", sorted(PAGE_TYPES))
def test_page_opens_without_errors_or_foreign_requests(watched_page, site_url, name):
    page = watched_page
    response = page.goto(site_url + PAGE_TYPES[name], wait_until="networkidle")
    assert response is not None and response.status == 200
    assert page.locator("article h1").count() == 1
    assert page.title().endswith("Næringsgruppen i Osloregionen")
    # The Norwegian interface, not the theme's English defaults.
    assert page.locator("html").get_attribute("lang") == "nb"
    assert page.locator(".md-search__input").get_attribute("placeholder") == "Søk"
    path = screenshot(page, name)
    assert path.stat().st_size > 10_000
    assert page.watch.problems() == []


def test_watch_catches_a_foreign_request(watched_page, site_url):
    """The guard itself works: a request to another host is seen and stopped."""
    page = watched_page
    page.goto(site_url, wait_until="networkidle")
    page.evaluate("() => fetch('https://example.invalid/track.gif').catch(() => null)")
    page.wait_for_timeout(200)
    assert page.watch.foreign_requests == ["https://example.invalid/track.gif"]
    page.watch.foreign_requests.clear()
    # The aborted request surfaces as a console error; that is this test's doing.
    page.watch.console_errors.clear()


def test_watch_catches_a_console_error(watched_page, site_url):
    page = watched_page
    page.goto(site_url, wait_until="networkidle")
    page.evaluate("() => console.error('prøve')")
    assert page.watch.console_errors == ["prøve"]
    page.watch.console_errors.clear()


def test_meeting_page_shows_its_header_card(watched_page, site_url):
    page = watched_page
    page.goto(site_url + PAGE_TYPES["mote"])
    card = page.locator(".meeting-card")
    assert card.count() == 1
    text = card.inner_text()
    for term in ("Dato", "Digitalt", "Gruppe", "Status", "Møteleder", "Referent", "Til stede"):
        assert term in text
    assert "Mari Strømsvåg" in text
