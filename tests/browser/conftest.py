"""The browser tests' world: the real site, built once, served on 127.0.0.1,
opened in Debian's chromium through Playwright.

Nothing here downloads a browser: Playwright launches /usr/bin/chromium. Every
page a test opens is watched: a console error, an uncaught exception or a
request to any host but 127.0.0.1 fails the test that caused it.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import subprocess
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import sync_playwright

from sitebuild import build_site, warnings_in

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"

# One page of each kind the site has, by the address a reader opens.
PAGE_TYPES = {
    "forside": "",
    "motearkiv": "moter/",
    "moter-etter-gruppe": "moter/etter-gruppe/",
    "mote": "moter/naeringsgruppen/2025-udatert/",
    "mote-uten-referat": "moter/naeringsgruppen/2025-01-16/",
    "satsingsomrader": "satsingsomrader/",
    "satsingsomrade": "satsingsomrader/sirkulaerokonomi/",
    "grupper": "grupper/",
    "klynger": "klynger/",
    "kontakter": "kontakter/",
    "organisasjoner": "kontakter/organisasjoner/",
    "oppfolging": "oppfolging/",
    "vedtak": "vedtak/",
    "kalender": "kalender/",
    "oppmote": "oppmote/",
    "apne-data": "data/",
    "veiledning": "veiledning/",
    "ikke-funnet": "404.html",
}


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real repository, built once per session with --strict."""
    out = tmp_path_factory.mktemp("browser-site")
    result = build_site(ROOT, out)
    assert result.returncode == 0, result.stdout + result.stderr
    assert warnings_in(result) == []
    return out


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the stdlib's name
        pass


@pytest.fixture(scope="session")
def site_url(built_site):
    """The built site on http://127.0.0.1:<ephemeral port>/, served from a thread."""
    handler = functools.partial(_QuietHandler, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


@pytest.fixture(scope="session")
def browser_context(tmp_path_factory):
    """Chromium with a fresh profile; one context for the whole session."""
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile),
            executable_path=CHROMIUM,
            headless=True,
            args=CHROMIUM_ARGS,
            viewport={"width": 1280, "height": 900},
            locale="nb-NO",
        )
        yield context
        context.close()


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
    if parts.scheme in ("data", "blob", "about"):
        return True
    return parts.hostname == "127.0.0.1"


@pytest.fixture()
def watched_page(browser_context):
    """A new tab that records console errors, exceptions and foreign requests.

    Requests to other hosts are aborted as well as recorded, so a slip can
    never reach the network. The test fails at teardown if anything was seen.
    """
    page = browser_context.new_page()
    watch = Watch()
    page.on("console", lambda msg: watch.console_errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda error: watch.page_errors.append(str(error)))

    # Every request is recorded (the search worker's too); foreign ones are also stopped.
    page.on("request", lambda request: None if _is_local(request.url) else watch.foreign_requests.append(request.url))
    page.route("**/*", lambda route: route.continue_() if _is_local(route.request.url) else route.abort())
    page.watch = watch
    yield page
    page.close()
    assert watch.problems() == []


@pytest.fixture(scope="session")
def axe_source() -> str:
    """axe-core from node_modules; installed with `npm ci` when missing."""
    if not AXE.exists():
        npm = shutil.which("npm")
        assert npm, "npm is needed to install axe-core (see package.json)"
        subprocess.run([npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund"], cwd=ROOT, check=True)
    assert AXE.exists(), f"{AXE} is missing after npm ci"
    return AXE.read_text(encoding="utf-8")


def screenshot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
