"""Searching the built site as a reader does, and reading what the search shows."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

# A meeting page: where a reader is when they press /.
START_PAGE = "moter/naeringsgruppen/2025-03-12/"


@dataclass
class Result:
    path: str  # the page's address below the site, e.g. "kontakter/dag-aanensen/"
    title: str
    section: str | None  # the address of the part of the page shown, e.g. "moter/x/#sak-2"
    section_title: str | None
    excerpt: str  # text
    marked: list[str]  # the words marked as hits
    meta: dict[str, str]  # labelled values: Type, Gruppe, Dato


_READ_RESULTS = """(list) => Array.from(list.querySelectorAll('.search-result')).map(item => {
    const title = item.querySelector('.search-result__title a');
    const section = item.querySelector('.search-result__section a');
    const excerpt = item.querySelector('.search-result__excerpt');
    const meta = {};
    item.querySelectorAll('.search-result__meta div').forEach(d => { meta[d.querySelector('dt').textContent] = d.querySelector('dd').textContent; });
    return {
        href: title.href, title: title.textContent,
        section: section ? section.href : null, sectionTitle: section ? section.textContent : null,
        excerpt: excerpt ? excerpt.textContent : '',
        marked: excerpt ? Array.from(excerpt.querySelectorAll('mark')).map(m => m.textContent) : [],
        meta,
    };
})"""


def below(url: str, base: str) -> str:
    """The address of `url` below the site's base: «kontakter/dag-aanensen/», with its #anchor if any."""
    parts = urlsplit(url)
    root = urlsplit(base).path
    path = parts.path.removeprefix(root)
    return path + (f"#{parts.fragment}" if parts.fragment else "")


def _results(tab, container: str, base: str) -> list[Result]:
    rows = tab.eval_on_selector(container, _READ_RESULTS)
    return [
        Result(below(r["href"], base), r["title"], below(r["section"], base) if r["section"] else None, r["sectionTitle"], r["excerpt"], r["marked"], r["meta"])
        for r in rows
    ]


def wait_for_status(tab, selector: str, query: str, timeout: int = 10_000) -> str:
    """The announcement once it is about the whole query (it names it in «»)."""
    tab.wait_for_function(
        "([selector, wanted]) => { const s = document.querySelector(selector); return s && s.textContent.includes(wanted); }",
        arg=[selector, f"«{query}»"],
        timeout=timeout,
    )
    return tab.text_content(selector)


def header_search(tab, base: str, query: str, start: str = START_PAGE) -> tuple[str, list[Result]]:
    """Open a page, press /, type `query`; return what the live region said and the results in the panel."""
    tab.goto(base + start)
    tab.keyboard.press("/")
    tab.keyboard.type(query, delay=10)
    status = wait_for_status(tab, "#site-search-status", query)
    tab.wait_for_selector("#site-search-panel [aria-busy]", state="detached")  # every result shown
    return status, _results(tab, "#site-search-panel", base)


def page_search(tab, base: str, query: str = "", **filters: str) -> tuple[str, list[Result]]:
    """The search page with `query` and `filters` in its address; every result, with «Vis flere treff» pressed until all show."""
    params = {"q": query, **filters} if query else dict(filters)
    tab.goto(base + "sok/?" + urlencode(params))
    if query:
        status = wait_for_status(tab, "#search-page-status", query)
    else:
        tab.wait_for_function("() => document.querySelector('#search-page-status').textContent !== ''")
        status = tab.text_content("#search-page-status")
    more = tab.locator("#search-page-more")
    while more.is_visible():
        count = tab.locator("#search-page-results > li").count()
        more.click()
        tab.wait_for_function("n => document.querySelectorAll('#search-page-results > li').length > n", arg=count)
    return status, _results(tab, "#search-page-results", base)


def paths(results: list[Result]) -> list[str]:
    return [r.path for r in results]
