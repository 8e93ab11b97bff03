"""The keyboard, and states of a page that the per-page checks (test_pages.py) do not open.

axe-core comes from the npm registry (package.json); the fixture runs `npm ci`
when node_modules is missing. The search's own keyboard and axe
checks are in tests/search/.
"""

from __future__ import annotations

import json

import pytest

from .checks import axe_violations, describe, small_targets
from .conftest import visit


def _focused(page) -> dict:
    return page.evaluate("""() => {
        const el = document.activeElement;
        return {
            tag: el.tagName.toLowerCase(),
            cls: el.className || '',
            href: el.getAttribute('href'),
            inArticle: !!el.closest('article'),
            text: (el.textContent || '').trim(),
        };
    }""")


def test_tab_moves_through_a_meeting_page_links_in_order(watched_page, site_url):
    """Tabbing through the article visits its links in document order, none skipped."""
    page = watched_page
    visit(page, site_url, "mote")
    expected = page.eval_on_selector_all(
        "article a[href]",
        "links => links.filter(a => a.checkVisibility() && a.tabIndex >= 0).map(a => a.getAttribute('href'))",
    )
    # Any meeting page links at least its group and the archive (the breadcrumb);
    # the newest minutes may have no more than that, and must not turn this red.
    assert len(expected) >= 2
    page.locator("body").focus()
    visited: list[str] = []
    for _ in range(len(expected) + 80):
        page.keyboard.press("Tab")
        now = _focused(page)
        if now["inArticle"] and now["tag"] == "a":
            visited.append(now["href"])
            if len(visited) == len(expected):
                break
    assert visited == expected


def test_keyboard_opens_the_invited_list(watched_page, site_url):
    page = watched_page
    visit(page, site_url, "mote")
    summary = page.locator("details.invited summary")
    summary.focus()
    page.keyboard.press("Enter")
    assert page.locator("details.invited").get_attribute("open") is not None
    assert page.locator("details.invited ul a").first.is_visible()


@pytest.mark.parametrize("name", ["mote", "kalender", "kontakter"])
def test_open_details_and_filled_fields_pass_too(phone_page, site_url, axe_source, name):
    """Folded parts opened and the contacts filter in use: states a member reaches with one tap."""
    page = phone_page
    visit(page, site_url, name)
    for summary in page.locator("article details summary").all():
        summary.tap()
    if name == "kontakter":
        page.get_by_label("Finn en person").fill("an")
    assert small_targets(page) == []
    violations = axe_violations(page, axe_source)
    assert violations == [], describe(violations)


def test_the_phone_menu_open_passes_axe(phone_page, site_url, axe_source):
    page = phone_page
    visit(page, site_url, "person")
    page.locator("label.md-header__button[for='__drawer']").tap()
    page.wait_for_function("() => document.querySelector('.md-sidebar--primary').getBoundingClientRect().left >= 0")
    assert small_targets(page) == []
    violations = axe_violations(page, axe_source)
    assert violations == [], json.dumps(violations, ensure_ascii=False, indent=1)
