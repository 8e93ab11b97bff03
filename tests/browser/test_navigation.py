"""Links between meetings work when clicked: archive → meeting → previous/next."""

from __future__ import annotations

from .conftest import screenshot


def test_archive_to_meeting_and_between_meetings(watched_page, site_url):
    page = watched_page
    page.goto(site_url + "moter/", wait_until="networkidle")
    # The archive lists the newest first; open the undated winter 2025 meeting.
    page.locator("article table a[href*='2025-udatert']").first.click()
    page.wait_for_url("**/moter/naeringsgruppen/2025-udatert/")
    assert "Møte i Næringsgruppen" in page.locator("article h1").inner_text()

    nav = page.locator("nav.meeting-nav")
    assert "Forrige møte" in nav.inner_text()
    nav.get_by_role("link").first.click()
    page.wait_for_url("**/moter/naeringsgruppen/2025-01-16/")
    assert "16. januar 2025" in page.locator("article h1").inner_text()
    screenshot(page, "mote-forrige")

    nav = page.locator("nav.meeting-nav")
    assert "Neste møte" in nav.inner_text()
    nav.get_by_role("link").first.click()
    page.wait_for_url("**/moter/naeringsgruppen/2025-udatert/")


def test_meeting_links_to_the_meeting_it_approves(watched_page, site_url):
    page = watched_page
    page.goto(site_url + "moter/naeringsgruppen/2025-udatert/")
    page.locator("#sak-2 ~ .agenda-links a, .agenda-links a[href*='2025-01-16']").first.click()
    page.wait_for_url("**/moter/naeringsgruppen/2025-01-16/")
