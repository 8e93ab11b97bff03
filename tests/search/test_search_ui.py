"""The search as an interface: the key /, the keyboard, what a screen reader
hears, labels, target sizes, axe at 1280 and 390 px, a site served in a
folder, and nothing fetched from anywhere else."""

from __future__ import annotations

import json

import pytest

from .conftest import open_page, screenshot
from .searching import START_PAGE, below, header_search, page_search, wait_for_status

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
HEADER_LABEL = "Søk i møter, personer, satsingsområder og klynger"


def axe_violations(tab, axe_source: str) -> list[dict]:
    tab.evaluate(axe_source)  # not a <script>: the Content Security Policy refuses inline scripts
    result = tab.evaluate("tags => axe.run(document, { runOnly: { type: 'tag', values: tags } })", WCAG_TAGS)
    assert result["passes"], "axe ran no rule at all"
    return [
        {
            "id": v["id"],
            "help": v["help"],
            "nodes": [n["target"] for n in v["nodes"]][:5],
            "summary": v["nodes"][0].get("failureSummary", "") if v["nodes"] else "",
        }
        for v in result["violations"]
    ]


def focused(tab) -> dict:
    return tab.evaluate(
        "() => ({id: document.activeElement.id, tag: document.activeElement.tagName, text: document.activeElement.textContent, href: document.activeElement.getAttribute('href')})"
    )


# -- the key / ---------------------------------------------------------------------------------


def test_slash_opens_the_search_on_any_page(page, site_url):
    for start in ("", START_PAGE, "kontakter/", "vedtak/"):
        page.goto(site_url + start)
        page.keyboard.press("/")
        assert focused(page)["id"] == "site-search-input", start
        assert page.input_value("#site-search-input") == "", "the / itself is not typed"


def test_slash_on_a_phone_opens_the_field_over_the_header(phone, site_url):
    phone.goto(site_url + START_PAGE)
    assert not phone.is_visible("#site-search-input")
    assert phone.is_visible("button.site-search__open")
    phone.keyboard.press("/")
    assert phone.is_visible("#site-search-input")
    assert focused(phone)["id"] == "site-search-input"
    phone.keyboard.press("Escape")
    assert not phone.is_visible("#site-search-input")
    assert focused(phone)["tag"] == "BUTTON", "focus returns to the button that opens the search"


def test_the_search_button_on_a_phone(phone, site_url):
    phone.goto(site_url + START_PAGE)
    phone.get_by_role("button", name="Åpne søket").click()
    phone.keyboard.type("Strømsvåg", delay=10)
    wait_for_status(phone, "#site-search-status", "Strømsvåg")
    assert phone.is_visible("#site-search-panel")
    phone.get_by_role("button", name="Lukk søket").click()
    assert not phone.is_visible("#site-search-panel")


def test_slash_in_a_field_is_typed(page, site_url):
    page.goto(site_url + "sok/")
    page.keyboard.press("/")
    assert focused(page)["id"] == "search-page-input", "on the search page, / goes to its own field"
    page.keyboard.type("a/b")
    assert page.input_value("#search-page-input") == "a/b"


# -- the keyboard and the screen reader -----------------------------------------------------------


def test_results_are_announced(page, site_url):
    page.goto(site_url + START_PAGE)
    live = page.locator("#site-search-status")
    assert live.get_attribute("role") == "status" and live.get_attribute("aria-live") == "polite"
    status, results = header_search(page, site_url, "klyngene")
    assert status == f"{len(results)} treff for «klyngene»."
    status, _ = header_search(page, site_url, "xylofonkvartett")
    assert status == "Ingen treff for «xylofonkvartett»."
    page.goto(site_url + "sok/")
    page_status = page.locator("#search-page-status")
    assert page_status.get_attribute("role") == "status" and page_status.get_attribute("aria-live") == "polite"


def test_arrow_keys_walk_the_results_and_escape_closes_them(page, site_url):
    _, results = header_search(page, site_url, "sirkulærøkonomi")
    assert len(results) >= 2
    page.keyboard.press("ArrowDown")
    assert focused(page)["text"] == results[0].title
    page.keyboard.press("ArrowDown")
    assert focused(page)["text"] == results[1].title
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    assert focused(page)["id"] == "site-search-input"
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url("**/" + results[0].path)


def test_escape_closes_the_panel_and_tab_leaves_it(page, site_url):
    header_search(page, site_url, "sirkulærøkonomi")
    page.keyboard.press("Escape")
    assert not page.is_visible("#site-search-panel")
    assert focused(page)["id"] == "site-search-input"


def test_enter_opens_the_search_page_with_the_query(page, site_url):
    header_search(page, site_url, "sirkulærøkonomi")
    page.keyboard.press("Enter")
    page.wait_for_url("**/sok/?q=*")
    status = wait_for_status(page, "#search-page-status", "sirkulærøkonomi")
    assert status.startswith("3 treff")


def test_every_control_has_a_norwegian_label(page, site_url):
    page.goto(site_url + START_PAGE)
    assert page.get_by_role("searchbox", name=HEADER_LABEL).count() == 1
    assert page.get_by_role("search", name="Søk i arkivet").count() == 1
    # The buttons show on phones only (test_the_search_button_on_a_phone finds them by name there).
    assert page.get_attribute("button.site-search__open", "aria-label") == "Åpne søket"
    assert page.get_attribute("button.site-search__close", "aria-label") == "Lukk søket"
    page.goto(site_url + "sok/")
    assert page.get_by_role("searchbox", name="Søk etter").count() == 1
    for name in ("Type", "Gruppe", "År", "Satsingsområde"):
        assert page.get_by_role("combobox", name=name).count() == 1
    assert page.get_by_role("group", name="Avgrens treffene").count() == 1


def _small_targets(tab) -> list[str]:
    return tab.evaluate("""() => Array.from(document.querySelectorAll(
            '.site-search input, .site-search button, .site-search a, .search-page input, .search-page select, #search-page-results a, #search-page-more'))
        .filter(el => el.offsetParent !== null)
        .map(el => [el, el.getBoundingClientRect()])
        .filter(([el, r]) => r.width < 24 || r.height < 24)
        .map(([el, r]) => `${el.tagName} ${el.textContent.trim().slice(0, 30)} ${Math.round(r.width)}x${Math.round(r.height)}`)""")


@pytest.mark.parametrize("width", [1280, 390])
def test_targets_are_at_least_24_px_and_nothing_is_wider_than_the_screen(browser, site_url, width):
    context, tab = open_page(browser, width, 844)
    try:
        tab.goto(site_url + START_PAGE)
        tab.keyboard.press("/")
        tab.keyboard.type("sirkulærøkonomi", delay=10)
        wait_for_status(tab, "#site-search-status", "sirkulærøkonomi")
        assert _small_targets(tab) == []
        assert tab.evaluate("() => document.documentElement.scrollWidth") <= width
        screenshot(tab, f"panel-{width}")
        page_search(tab, site_url, "sirkulærøkonomi", type="Møte")
        assert _small_targets(tab) == []
        assert tab.evaluate("() => document.documentElement.scrollWidth") <= width
        screenshot(tab, f"sok-{width}")
        assert tab.watch.problems() == []
    finally:
        context.close()


# -- axe --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("width", [1280, 390])
def test_axe_finds_nothing_with_results_open(browser, site_url, axe_source, width):
    context, tab = open_page(browser, width, 844)
    try:
        header_search(tab, site_url, "klyngene")
        violations = axe_violations(tab, axe_source)
        assert violations == [], json.dumps(violations, ensure_ascii=False, indent=1)
        tab.goto(site_url + START_PAGE)
        violations = axe_violations(tab, axe_source)
        assert violations == [], json.dumps(violations, ensure_ascii=False, indent=1)
        assert tab.watch.problems() == []
    finally:
        context.close()


@pytest.mark.parametrize("width", [1280, 390])
def test_axe_finds_nothing_on_the_search_page(browser, site_url, axe_source, width):
    context, tab = open_page(browser, width, 844)
    try:
        page_search(tab, site_url, "Aanesen", type="Person")
        violations = axe_violations(tab, axe_source)
        assert violations == [], json.dumps(violations, ensure_ascii=False, indent=1)
        assert tab.watch.problems() == []
    finally:
        context.close()


def test_axe_finds_a_planted_violation(page, site_url, axe_source):
    """The check can fail: a search field without a label is reported."""
    header_search(page, site_url, "klyngene")
    page.evaluate(
        "() => { document.querySelector('label[for=site-search-input]').remove(); document.querySelector('#site-search-input').removeAttribute('placeholder'); }"
    )
    assert "label" in [v["id"] for v in axe_violations(page, axe_source)]


# -- where it runs ------------------------------------------------------------------------------------


def test_a_site_served_in_a_folder_searches_its_own_index(browser, sub_path_url):
    context, tab = open_page(browser)
    try:
        fetched = []
        tab.on("request", lambda request: fetched.append(request.url))
        _, results = header_search(tab, sub_path_url, "Stromsvag")
        assert results[0].path == "kontakter/mari-stromsvag/"
        assert all("/nettsted/" in url for url in fetched if "127.0.0.1" in url), fetched
        tab.click(".search-result__title a")
        tab.wait_for_url("**/nettsted/kontakter/mari-stromsvag/")
        assert tab.title().startswith("Mari Strømsvåg")
        assert tab.watch.problems() == []
    finally:
        context.close()


def test_the_search_fetches_only_from_the_site_and_only_on_demand(page, site_url):
    fetched = []
    page.on("request", lambda request: fetched.append(below(request.url, site_url)))
    page.goto(site_url + START_PAGE)
    page.wait_for_load_state("networkidle")
    assert not [url for url in fetched if url.startswith(("pagefind/", "sok/"))], "nothing of the index before the field is used"
    header_search(page, site_url, "sirkulaerokonomi", start=START_PAGE)
    index_files = [url for url in fetched if url.startswith(("pagefind/", "sok/ord/"))]
    assert "sok/ord/si.json" in index_files and "sok/ord/index.json" in index_files
    assert len([url for url in index_files if url.startswith("sok/ord/")]) == 2, "one vocabulary file for one word"


def test_the_watch_catches_a_request_off_the_site(browser, site_url):
    """The check in every test can fail: a request to another host is stopped and reported.

    The pages' Content Security Policy stops such a request before it is made
    (tests/browser/test_csp.py); here it is bypassed, so the watch is what stops it.
    """
    context, tab = open_page(browser, bypass_csp=True)
    try:
        tab.goto(site_url)
        tab.evaluate("() => fetch('https://example.org/').catch(() => null)")
        tab.wait_for_timeout(200)
        assert tab.watch.foreign_requests == ["https://example.org/"]
    finally:
        context.close()
