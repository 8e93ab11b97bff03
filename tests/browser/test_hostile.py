"""The hostile archive in a real browser: nothing in it runs, leaves the site or breaks a page.

Every page built from tests/samples/hostile/harmless/ (all cases in one
archive, built with MkDocs as `make build` builds) is opened in Debian's
Chromium through Playwright at 1280 pixels. On each page the test tabs through
every focusable element and hovers every element that shows text of the
corpus, since `onfocus` and `onmouseover` handlers only run then. A page fails
on any dialog (alert, confirm, prompt), any request or navigation off
127.0.0.1, any console error or uncaught exception.

The search index is asked for the corpus's words through Pagefind's own API:
its excerpts must carry no markup but its <mark>, so a results list that
inserts them as HTML shows the text as text.

Self-contained (its own build, server and browser), so it runs beside
whatever tests/browser/conftest.py provides; the fixtures' names are its own.
"""

from __future__ import annotations

import functools
import http.server
import re
import sys
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import sync_playwright

TESTS = Path(__file__).resolve().parents[1]
for path in (TESTS.parent, TESTS):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

from hostile_corpus import HARMLESS, case_names, make_outside, repository_with  # noqa: E402
from sitebuild import strict_build, with_project_code  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
# Text the corpus puts on pages: an element showing any of it is hovered.
CORPUS_WORDS = re.compile(r"alert\(|onmouseover|onfocus|onclick|onerror|onload|\{:|\{\{|\{%|<script|javascript:")
MAX_TABS = 120


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("hostile-browser")
    outside = make_outside(base / "utenfor")
    archive = repository_with([HARMLESS / case for case in case_names(HARMLESS)], base / "archive", outside, add_records=True)
    root = with_project_code(archive, base / "project")
    return strict_build(root, base / "site", "mkdocs")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the stdlib's name
        pass


@pytest.fixture(scope="module")
def hostile_url(hostile_site):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(hostile_site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


@pytest.fixture(scope="module")
def hostile_browser(tmp_path_factory):
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("hostile-profile")), executable_path=CHROMIUM, headless=True,
            args=ARGS, viewport={"width": 1280, "height": 900}, locale="nb-NO",
        )
        yield context
        context.close()


def _local(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in ("javascript", "vbscript") or url.startswith("data:text/html"):
        return False
    return parts.scheme in ("about", "data", "blob") or parts.hostname == "127.0.0.1"


class Watched:
    """A tab that records what a page must never do, and stops requests that leave the site."""

    def __init__(self, context):
        self.page = context.new_page()
        self.seen: list[str] = []
        self.page.on("dialog", self._dialog)
        self.page.on("console", lambda message: self.seen.append(f"console error: {message.text}") if message.type == "error" else None)
        self.page.on("pageerror", lambda error: self.seen.append(f"uncaught exception: {error}"))
        self.page.on("request", lambda request: None if _local(request.url) else self.seen.append(f"request off the site: {request.url}"))
        self.page.on("framenavigated", lambda frame: None if _local(frame.url) else self.seen.append(f"navigation off the site: {frame.url}"))
        self.page.on("popup", lambda popup: self.seen.append(f"popup: {popup.url}"))
        self.page.route("**/*", lambda route: route.continue_() if _local(route.request.url) else route.abort())

    def _dialog(self, dialog) -> None:
        self.seen.append(f"{dialog.type} dialog: {dialog.message}")
        dialog.dismiss()


def _pages(site: Path) -> list[str]:
    pages = []
    for path in sorted(site.rglob("index.html")):
        relative = path.relative_to(site)
        if "pagefind" in relative.parts:
            continue
        folder = relative.parent.as_posix()
        pages.append("" if folder == "." else folder + "/")
    return pages + ["404.html"]


def test_every_page_of_the_hostile_site_is_inert(hostile_site, hostile_url, hostile_browser):
    problems: dict[str, list[str]] = {}
    pages = _pages(hostile_site)
    assert len(pages) >= 30
    hovered_total = 0
    for address in pages:
        tab = Watched(hostile_browser)
        page = tab.page
        page.goto(hostile_url + address, wait_until="load")
        page.wait_for_timeout(150)  # autofocus and load handlers have run
        # Every focusable element in turn: onfocus runs only when focus arrives.
        page.locator("body").focus() if page.locator("body").count() else None
        for _ in range(MAX_TABS):
            page.keyboard.press("Tab")
            if page.evaluate("() => document.activeElement === document.body"):
                break
        # Every element that shows corpus text, under the mouse: onmouseover runs only then.
        hovered = page.evaluate(
            """(pattern) => {
                const words = new RegExp(pattern);
                const found = [];
                for (const element of document.querySelectorAll('body *')) {
                    const own = Array.from(element.childNodes).filter(n => n.nodeType === 3).map(n => n.textContent).join('');
                    const attributes = Array.from(element.attributes).map(a => a.value).join(' ');
                    if (words.test(own) || words.test(attributes)) found.push(element);
                }
                window.__corpusElements = found;
                return found.length;
            }""",
            CORPUS_WORDS.pattern,
        )
        for index in range(hovered):
            box = page.evaluate(
                """(i) => { const e = window.__corpusElements[i]; e.scrollIntoView({block: 'center'});
                            const r = e.getBoundingClientRect(); return r.width && r.height ? [r.x + r.width / 2, r.y + r.height / 2] : null; }""",
                index,
            )
            if box:
                page.mouse.move(box[0], box[1])
                hovered_total += 1
        page.wait_for_timeout(100)
        if tab.seen:
            problems[address or "/"] = tab.seen
        page.close()
    assert problems == {}
    assert hovered_total >= 50  # the corpus's text was really under the mouse


SEARCHED = ["Skript", "Attr", "Mal", "Gruppe", "Område", "Klynge", "Org", "Vedtaket", "Innledning", "alert"]


def test_search_excerpts_carry_no_markup_but_their_marks(hostile_url, hostile_browser):
    tab = Watched(hostile_browser)
    page = tab.page
    page.goto(hostile_url, wait_until="load")
    results = page.evaluate(
        """async (words) => {
            const pagefind = await import('/pagefind/pagefind.js');
            await pagefind.options({});
            const found = [];
            for (const word of words) {
                const search = await pagefind.search(word);
                for (const result of search.results.slice(0, 8)) {
                    const data = await result.data();
                    found.push({word, url: data.url, excerpt: data.excerpt, title: data.meta.title || ''});
                }
            }
            return found;
        }""",
        SEARCHED,
    )
    page.close()
    assert tab.seen == []
    assert len(results) >= 20
    assert any("alert(" in r["excerpt"] for r in results)  # the hostile text is in the index …
    for result in results:
        # … and an excerpt has markup only in Pagefind's own <mark>: inserted as HTML it shows the text as text.
        assert re.sub(r"</?mark>", "", result["excerpt"]).count("<") == 0, result
    # A title comes back as typed: a results list must insert it as text (textContent), never as HTML.
    assert any(r["title"] == "<script>alert('navn')</script> Skript Person" for r in results)
