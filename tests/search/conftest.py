"""The search tests' world: an archive of their own, built as `make build` builds,
served on 127.0.0.1 from a thread, searched in Debian's chromium.

The archive (fixture/) is small and its words are chosen so that each
Norwegian case can pass only through the feature it is about: the meeting
that «klyngene» must find says «klynger» and nothing that begins
«klyngene» or that «klyngene» begins with, so Pagefind's prefix matching
cannot stand in for the stemmer; the names that are misspelt begin no other
indexed word, so its fallback to a shorter prefix cannot stand in for the
correction.

SEARCH_TEST_CODE=/path/to/a/checkout builds the same archive with another
version of the site's code (mkdocs.yml, overrides/, macros/, archive/, scripts/), to
see the tests fail there: e.g. the commit before the search was added.

Nothing downloads a browser: Playwright launches /usr/bin/chromium. Every
page is watched: a console error, an uncaught exception or a request to any
host but 127.0.0.1 fails the test that caused it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from local_browser import QuietHandler, served

ROOT = Path(__file__).resolve().parents[2]
CODE = Path(os.environ.get("SEARCH_TEST_CODE", ROOT)).resolve()
FIXTURE = Path(__file__).resolve().parent / "fixture"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "test-artifacts" / "search"
SUB_PATH = "/nettsted/"  # as GitHub Pages serves a project site


def build_fixture(target: Path, engine: str = "mkdocs") -> Path:
    """The fixture archive with the site's configuration and theme, built strictly into target/site."""
    repo = target / "repo"
    shutil.copytree(FIXTURE, repo)
    shutil.copy2(CODE / "mkdocs.yml", repo / "mkdocs.yml")
    shutil.copytree(CODE / "overrides", repo / "overrides")
    shutil.copytree(CODE / "macros", repo / "macros")  # mkdocs.yml's macros plugin reads macros/main.py beside it
    site = target / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1735689600"}
    command = [sys.executable, str(CODE / "scripts" / "build_site.py"), "--rot", str(repo), "--site-dir", str(site), "--engine", engine]
    result = subprocess.run(command, cwd=CODE, env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


class _Handler(QuietHandler):
    prefix = "/"

    def translate_path(self, path):
        # Only what is below the prefix exists, as on a host that serves the site in a folder.
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "__not_below_the_prefix__")
        return super().translate_path("/" + path[len(self.prefix) :])


def serve(folder: Path, prefix: str = "/"):
    """`folder` served on http://127.0.0.1:<free port><prefix> and nowhere else (a context manager)."""
    return served(folder, type("Handler", (_Handler,), {"prefix": prefix}), prefix)


@pytest.fixture(scope="session")
def fixture_repo():
    """The fixture archive, loaded and checked."""
    sys.path.insert(0, str(CODE))
    from archive.model.repository import load_repository

    repo, problems = load_repository(FIXTURE)
    assert problems == []
    return repo


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    return build_fixture(tmp_path_factory.mktemp("search-mkdocs"))


@pytest.fixture(scope="session")
def site_url(built_site):
    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def sub_path_url(built_site):
    """The same site served below /nettsted/, and nothing at the root."""
    with serve(built_site, SUB_PATH) as url:
        yield url


@pytest.fixture(scope="session")
def browser(chromium):
    """The session's one headless chromium (tests/conftest.py)."""
    return chromium


@dataclass
class Watch:
    """What a page did that it must not: errors, and requests leaving 127.0.0.1."""

    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        return (
            [f"console error: {e}" for e in self.console_errors]
            + [f"uncaught exception: {e}" for e in self.page_errors]
            + [f"request off the site: {u}" for u in self.foreign_requests]
        )


def _is_local(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("data", "blob", "about") or parts.hostname == "127.0.0.1"


def open_page(browser, width: int = 1280, height: int = 900, bypass_csp: bool = False):
    """A tab in a fresh context (a cold cache), watched; requests off the site are stopped.

    `bypass_csp`: without the pages' Content Security Policy, to test the watch itself.
    """
    context = browser.new_context(viewport={"width": width, "height": height}, locale="nb-NO", bypass_csp=bypass_csp)
    page = context.new_page()
    watch = Watch()
    page.on("console", lambda msg: watch.console_errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda error: watch.page_errors.append(str(error)))
    context.on("request", lambda request: None if _is_local(request.url) else watch.foreign_requests.append(request.url))
    context.route("**/*", lambda route: route.continue_() if _is_local(route.request.url) else route.abort())
    page.watch = watch
    return context, page


@pytest.fixture()
def page(browser):
    """A watched tab at 1280 × 900; the test fails at teardown on a console error or a request off the site."""
    context, tab = open_page(browser)
    yield tab
    problems = tab.watch.problems()
    context.close()
    assert problems == []


@pytest.fixture()
def phone(browser):
    """A watched tab 390 px wide, as on a phone."""
    context, tab = open_page(browser, 390, 844)
    yield tab
    problems = tab.watch.problems()
    context.close()
    assert problems == []


@pytest.fixture(scope="session")
def axe_source() -> str:
    """axe-core from node_modules; installed with `npm ci` when missing."""
    if not AXE.exists():
        npm = shutil.which("npm")
        assert npm, "npm is needed to install axe-core (package.json)"
        subprocess.run([npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund"], cwd=ROOT, check=True)
    assert AXE.exists(), f"{AXE} is missing after npm ci"
    return AXE.read_text(encoding="utf-8")


def screenshot(tab, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    tab.screenshot(path=str(path), full_page=False)
    return path
