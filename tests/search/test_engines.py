"""The search is the site's, not the theme's: the same under Zensical as under MkDocs."""

from __future__ import annotations

import pytest

from .conftest import build_fixture, open_page, serve
from .searching import START_PAGE, header_search, page_search, paths


@pytest.fixture(scope="module")
def zensical_url(tmp_path_factory):
    site = build_fixture(tmp_path_factory.mktemp("search-zensical"), engine="zensical")
    with serve(site) as url:
        yield url


def test_zensical_renders_the_search_in_the_header(browser, zensical_url):
    context, tab = open_page(browser)
    try:
        tab.goto(zensical_url + START_PAGE)
        assert tab.get_by_role("searchbox", name="Søk i møter, personer, satsingsområder og klynger").count() == 1
        assert tab.locator(".md-header form.site-search").count() == 1
        tab.keyboard.press("/")
        assert tab.evaluate("() => document.activeElement.id") == "site-search-input"
        assert tab.watch.problems() == []
    finally:
        context.close()


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("klyngene", "moter/naeringsgruppen/2025-01-16/"),
        ("Stromsvag", "kontakter/mari-stromsvag/"),
        ("Aanesen", "kontakter/dag-aanensen/"),
    ],
)
def test_zensical_finds_the_same_pages(browser, zensical_url, site_url, query, first):
    results = {}
    for name, url in (("zensical", zensical_url), ("mkdocs", site_url)):
        context, tab = open_page(browser)
        try:
            _, found = header_search(tab, url, query)
            results[name] = paths(found)
            assert tab.watch.problems() == []
        finally:
            context.close()
    assert results["zensical"][0] == first
    assert results["zensical"] == results["mkdocs"]


def test_zensical_search_page_filters(browser, zensical_url):
    context, tab = open_page(browser)
    try:
        _, found = page_search(tab, zensical_url, "sirkulærøkonomi", ar="2024")
        assert paths(found) == ["moter/reiselivsgruppen/2024-11-05/"]
        assert tab.watch.problems() == []
    finally:
        context.close()


# Text that looks like markup, as the page shows it: «&lt;svg …» typed in code, «<svg>»
# from an entity, «&» and a literal «&amp;» (tests/search/fixture, reiselivsgruppen 2024-11-05).
SHOWN_AS_TYPED = {
    "tegnkoder": "&lt;svg onload=x&gt;",
    "merkelappen": "<svg>-merkelappen",
    "menyen": "Tom & Jerry-kafeen skrev &amp; i menyen",
}


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
@pytest.mark.parametrize("query", sorted(SHOWN_AS_TYPED))
def test_an_excerpt_shows_the_text_as_the_page_does(browser, zensical_url, site_url, engine, query):
    """Pagefind escapes «<» but not «&» in its excerpts: «&lt;svg» may be «<svg» or what was
    typed. The result shows what the page shows, and never an entity, cut or whole."""
    context, tab = open_page(browser)
    try:
        _, found = header_search(tab, zensical_url if engine == "zensical" else site_url, query)
        result = next(r for r in found if r.path == "moter/reiselivsgruppen/2024-11-05/")
        assert SHOWN_AS_TYPED[query] in result.excerpt
        tab.goto((zensical_url if engine == "zensical" else site_url) + result.path)
        # Pagefind reads a heading as a sentence before the text under it.
        heading = tab.inner_text("#sak-3").replace("¶", "").strip()
        page_text = heading + ". " + " ".join(tab.inner_text("#sak-3 ~ p").split())
        for piece in result.excerpt.strip("… ").split(" … "):
            assert " ".join(piece.split()) in page_text
        assert tab.watch.problems() == []
    finally:
        context.close()
