"""Material's search box, typed into as a reader would, in Norwegian.

Inflected forms find the pages that hold other forms of the word: the index
is stemmed (mkdocs.yml) and docs/assets/javascripts/workers/search-no.js stems
each typed word the same way before Material adds its trailing wildcard.
"""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

RESULT_LINKS = ".md-search-result__item > .md-search-result__link"


def search(page, site_url: str, query: str) -> list[str]:
    """Type `query` into the search box; return the result pages' paths."""
    page.goto(site_url, wait_until="networkidle")
    box = page.locator(".md-search__input")
    box.click()
    box.press_sequentially(query, delay=20)
    page.wait_for_selector(RESULT_LINKS, timeout=10_000)
    page.wait_for_timeout(300)  # let the last keystroke's results settle
    hrefs = page.eval_on_selector_all(RESULT_LINKS, "links => links.map(a => a.href)")
    paths = []
    for href in hrefs:
        path = re.sub(r"^http://127\.0\.0\.1:\d+/", "", href).split("?")[0].split("#")[0]
        if path not in paths:
            paths.append(path)
    return paths


def words_on(built_site, page_path: str) -> set[str]:
    html = (built_site / page_path / "index.html").read_text(encoding="utf-8")
    article = BeautifulSoup(html, "html.parser").select_one("article")
    return set(re.findall(r"\w+", article.get_text(" ").lower()))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("sirkulærøkonomi", ["satsingsomrader/sirkulaerokonomi/", "klynger/"]),
        ("klynge", ["klynger/", "moter/naeringsgruppen/2025-udatert/"]),
        ("Strømsvåg", ["kontakter/", "moter/naeringsgruppen/2025-udatert/"]),
    ],
)
def test_norwegian_search_finds_the_pages(watched_page, site_url, query, expected):
    found = search(watched_page, site_url, query)
    for page_path in expected:
        assert page_path in found, f"«{query}» did not find {page_path}; found {found}"


# (typed form, a page that never has that form, the other form it does have)
INFLECTED = [
    ("referatene", "moter/naeringsgruppen/2025-udatert/", "referatet"),
    ("kommunenes", "kontakter/organisasjoner/", "kommune"),
    ("møtene", "moter/naeringsgruppen/2025-01-16/", "møtet"),
    ("klyngene", "klynger/", "klynger"),
]


@pytest.mark.parametrize(("query", "page_path", "other_form"), INFLECTED)
def test_inflected_form_finds_other_forms(watched_page, site_url, built_site, query, page_path, other_form):
    words = words_on(built_site, page_path)
    # The proof is only a proof if the page lacks the typed form itself.
    assert query not in words
    assert other_form in words
    found = search(watched_page, site_url, query)
    assert page_path in found, f"«{query}» did not find {page_path}; found {found}"


def test_the_stemming_worker_is_the_one_in_use(watched_page, site_url):
    page = watched_page
    page.goto(site_url)
    config = page.evaluate("() => JSON.parse(document.getElementById('__config').textContent)")
    assert re.search(r"workers/search-no\.js\?worker=search\.[0-9a-f]+\.min\.js$", config["search"])


def test_a_word_on_no_page_finds_nothing(watched_page, site_url):
    page = watched_page
    page.goto(site_url, wait_until="networkidle")
    box = page.locator(".md-search__input")
    box.click()
    box.press_sequentially("xylofonkvartett", delay=20)
    page.wait_for_function(
        "() => (document.querySelector('.md-search-result__meta') || {}).textContent === 'Ingen treff'",
        timeout=10_000,
    )
    assert page.locator(RESULT_LINKS).count() == 0
