"""WCAG 2.1 A and AA, checked by axe-core on every kind of page, and the keyboard.

axe-core comes from the npm registry (package.json); the fixture runs `npm ci`
when node_modules is missing.
"""

from __future__ import annotations

import json

import pytest

from .conftest import PAGE_TYPES

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_violations(page, axe_source: str) -> list[dict]:
    page.add_script_tag(content=axe_source)
    result = page.evaluate(
        "tags => axe.run(document, { runOnly: { type: 'tag', values: tags } })",
        WCAG_TAGS,
    )
    assert result["passes"], "axe ran no rule at all"
    return [
        {
            "id": violation["id"],
            "help": violation["help"],
            "nodes": [node["target"] for node in violation["nodes"]][:5],
            "summary": violation["nodes"][0].get("failureSummary", "") if violation["nodes"] else "",
        }
        for violation in result["violations"]
    ]


@pytest.mark.parametrize("name", sorted(PAGE_TYPES))
def test_no_wcag21_aa_violations(watched_page, site_url, axe_source, name):
    page = watched_page
    page.goto(site_url + PAGE_TYPES[name], wait_until="networkidle")
    violations = axe_violations(page, axe_source)
    assert violations == [], json.dumps(violations, ensure_ascii=False, indent=1)


def test_no_violations_with_search_results_open(watched_page, site_url, axe_source):
    """The search overlay is a page state of its own; readers use it constantly."""
    page = watched_page
    page.goto(site_url, wait_until="networkidle")
    page.locator(".md-search__input").click()
    page.locator(".md-search__input").press_sequentially("klynge", delay=20)
    page.wait_for_selector(".md-search-result__item")
    violations = axe_violations(page, axe_source)
    assert violations == [], json.dumps(violations, ensure_ascii=False, indent=1)


def test_axe_finds_a_planted_violation(watched_page, site_url, axe_source):
    """The check can fail: an image without alt text is reported."""
    page = watched_page
    page.goto(site_url, wait_until="networkidle")
    page.evaluate("""() => {
        const img = document.createElement('img');
        img.src = 'data:image/gif;base64,R0lGODlhAQABAAAAACw=';
        document.querySelector('article').appendChild(img);
    }""")
    ids = [v["id"] for v in axe_violations(page, axe_source)]
    assert "image-alt" in ids


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


def test_tab_reaches_the_search_box(watched_page, site_url):
    page = watched_page
    page.goto(site_url, wait_until="networkidle")
    page.locator("body").focus()
    for _ in range(10):
        page.keyboard.press("Tab")
        if "md-search__input" in _focused(page)["cls"]:
            break
    else:
        pytest.fail("ten presses of Tab never reached the search box")
    page.keyboard.type("klynge")
    page.wait_for_selector(".md-search-result__item")


def test_tab_moves_through_a_meeting_page_links_in_order(watched_page, site_url):
    """Tabbing through the article visits its links in document order, none skipped."""
    page = watched_page
    page.goto(site_url + PAGE_TYPES["mote"], wait_until="networkidle")
    expected = page.eval_on_selector_all(
        "article a[href]",
        "links => links.filter(a => a.offsetParent !== null && a.tabIndex >= 0).map(a => a.getAttribute('href'))",
    )
    assert len(expected) > 20  # card, agenda links, invited list, previous/next
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
