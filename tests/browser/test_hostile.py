"""The hostile archive in a real browser: nothing in it runs, leaves the site or breaks a page.

Every page built from tests/samples/hostile/harmless/ (all cases in one
archive, built with MkDocs as `make build` builds) is opened in Debian's
Chromium through Playwright at 1280 pixels. On each page the browser tabs
through every focusable element and hovers every element that shows text of
the corpus, since `onfocus` and `onmouseover` handlers only run then. A page
fails on any dialog (alert, confirm, prompt), any request or navigation off
127.0.0.1, any popup, console error or uncaught exception.

The search index is asked for the corpus's words through Pagefind's own API:
its excerpts must carry no markup but its <mark>, so a results list that
inserts them as HTML shows the text as text.

The site is built and served here; the browser runs in a process of its own
(tests/browser/hostile_visit.py), since Playwright's synchronous API allows
one instance per thread and other browser tests keep theirs open for the
session. The fixtures' names are this module's own.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parents[1]
for path in (TESTS.parent, TESTS):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

from hostile_corpus import HARMLESS, case_names, make_outside, repository_with  # noqa: E402
from local_browser import served  # noqa: E402
from sitebuild import strict_build, with_project_code  # noqa: E402

VISIT = Path(__file__).resolve().parent / "hostile_visit.py"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("hostile-browser")
    outside = make_outside(base / "utenfor")
    archive = repository_with([HARMLESS / case for case in case_names(HARMLESS)], base / "archive", outside, add_records=True)
    root = with_project_code(archive, base / "project")
    return strict_build(root, base / "site", "mkdocs")


@pytest.fixture(scope="module")
def hostile_url(hostile_site):
    with served(hostile_site) as url:
        yield url


def _browse(command: str, base: str, argument) -> dict:
    result = subprocess.run(
        [sys.executable, str(VISIT), command, base],
        input=json.dumps(argument),
        capture_output=True,
        text=True,
        timeout=1200,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def _pages(site: Path) -> list[str]:
    pages = []
    for path in sorted(site.rglob("index.html")):
        relative = path.relative_to(site)
        if "pagefind" in relative.parts:
            continue
        folder = relative.parent.as_posix()
        pages.append("" if folder == "." else folder + "/")
    return pages + ["404.html"]


def test_every_page_of_the_hostile_site_is_inert(hostile_site, hostile_url):
    pages = _pages(hostile_site)
    assert len(pages) >= 30
    seen = _browse("visit", hostile_url, pages)
    assert seen["pages"] == len(pages)
    assert seen["problems"] == {}
    assert seen["hovered"] >= 50  # the corpus's text was really under the mouse


SEARCHED = ["Skript", "Attr", "Mal", "Gruppe", "Område", "Klynge", "Org", "Vedtaket", "Innledning", "alert"]


def test_search_excerpts_carry_no_markup_but_their_marks(hostile_url):
    seen = _browse("search", hostile_url, SEARCHED)
    results = seen["results"]
    assert seen["problems"] == []
    assert len(results) >= 20
    assert any("alert(" in r["excerpt"] for r in results)  # the hostile text is in the index …
    for result in results:
        # … and an excerpt has markup only in Pagefind's own <mark>: inserted as HTML it shows the text as text.
        assert result["excerpt"].replace("<mark>", "").replace("</mark>", "").count("<") == 0, result
    # A title comes back as typed: a results list must insert it as text (textContent), never as HTML.
    assert any(r["title"] == "<script>alert('navn')</script> Skript Person" for r in results)
