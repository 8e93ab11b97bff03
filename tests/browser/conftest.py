"""The browser tests' world: the real site, built once, served on 127.0.0.1,
opened in Debian's chromium through Playwright at a desktop and a phone width.

Nothing here downloads a browser: Playwright launches /usr/bin/chromium, once
per session. Every page a test opens is watched: a console error, an uncaught
exception, a failed response or a request to any host but 127.0.0.1 fails the
test that caused it.

The pages of each kind are picked from the archive itself (PAGE_TYPES is
filled when the site is built), so the tests keep working as meetings,
people and years are added.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from local_browser import QuietHandler, served
from sitebuild import ensure_admin_bundle, strict_build

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SITE_NAME = "Næringsgruppen i Osloregionen"

# The two screens every page is checked on.
WIDTHS = {
    "desktop": {"width": 1280, "height": 800},
    "telefon": {"width": 390, "height": 844},
}

# An address no page has: the server answers with the site's 404 page, as GitHub Pages does.
MISSING_PAGE = "moter/finnes-ikke/"


@functools.cache
def loaded_archive(root: Path):
    """The archive the site is built from, loaded once for all that the tests pick from it."""
    from archive.model.repository import load_repository

    repo, problems = load_repository(root)
    assert problems == [], problems
    return repo


def written_text(root: Path) -> str:
    """Everything the secretary wrote that a page may quote: the minutes'
    bodies, the pages and the data files, with white space collapsed and
    Markdown's emphasis marks taken out, as a page shows the text."""
    repo = loaded_archive(root)
    parts = [m.raw_body for m in repo.meetings] + [page.body for page in repo.pages.values()]
    parts += [path.read_text(encoding="utf-8") for path in sorted((root / "data").glob("*.yaml"))]
    return " ".join(" ".join(parts).translate(str.maketrans("", "", "*_`")).split())


def pick_page_types(root: Path) -> dict[str, str]:
    """One page of each kind the site has, by the address a member opens.

    Meetings, a focus area, a person and the per-year pages are chosen from
    the archive: the newest meeting whose minutes are in the archive (with
    the most agenda items among those of that day), a meeting known only from
    other minutes, the focus area and the person with the most follow-ups.
    """
    from archive.model import paths

    repo = loaded_archive(root)
    with_minutes = [m for m in repo.meetings if m.held and m.minutes_in_archive and m.agenda]
    without_minutes = [m for m in repo.meetings if not m.minutes_in_archive]
    assert with_minutes, "the archive has no meeting with minutes to test"
    assert without_minutes, "the archive has no meeting without minutes to test"
    areas = sorted(repo.focus_areas, key=lambda a: -len(repo.items_by_focus_area.get(a, [])))
    people = sorted(repo.people, key=lambda p: (-len(repo.chains_by_owner.get(p, [])), p))
    years = sorted({m.year for m in repo.meetings if m.decisions})
    attendance_years = sorted({m.year for m in repo.meetings if m.held and (m.present or m.present_online)})
    assert areas and people and years and attendance_years
    groups = sorted(repo.groups, key=lambda g: -len(repo.meetings_by_group.get(g, [])))

    def address(src: str) -> str:
        return paths.page_url(src)

    return {
        "forside": "",
        "motearkiv": address(paths.ARCHIVE_PAGE),
        "moter-etter-gruppe": address(paths.ARCHIVE_BY_GROUP_PAGE),
        "mote": address(with_minutes[-1].src_path),
        "mote-uten-referat": address(without_minutes[-1].src_path),
        "satsingsomrader": address(paths.FOCUS_AREAS_PAGE),
        "satsingsomrade": address(paths.focus_area_page(areas[0])),
        "grupper": address(paths.GROUPS_PAGE),
        "klynger": address(paths.CLUSTERS_PAGE),
        "kontakter": address(paths.CONTACTS_PAGE),
        "person": address(paths.person_page(people[0])),
        "organisasjoner": address(paths.ORGANISATIONS_PAGE),
        "oppfolging": address(paths.ACTIONS_PAGE),
        "vedtak": address(paths.DECISIONS_PAGE),
        "vedtak-ar": address(paths.decisions_year_page(years[-1])),
        "kalender": address(paths.CALENDAR_PAGE),
        "oppmote": address(paths.ATTENDANCE_PAGE),
        "oppmote-ar": address(paths.attendance_year_page(attendance_years[-1])),
        "apne-data": address(paths.OPEN_DATA_PAGE),
        "veiledning": address(paths.GUIDE_PAGE),
        "hjelp": address(paths.HELP_PAGE),
        "gruppe": address(paths.group_page(groups[0])),
        "moter-ar": address(paths.archive_year_page(with_minutes[-1].year)),
        "moter-i-gruppe": address(paths.group_meetings_page(groups[0])),
        "oppfolging-avsluttet": address(paths.CLOSED_ACTIONS_PAGE),
        "ikke-funnet": MISSING_PAGE,
    }


def outcome_meeting(root: Path) -> str | None:
    """The newest meeting page with decisions or follow-ups, if the archive has one."""
    from archive.model import paths

    with_outcome = [m for m in loaded_archive(root).meetings if m.decisions or m.actions]
    return paths.page_url(with_outcome[-1].src_path) if with_outcome else None


# The web form's page before sign-in (admin/): Sveltia's own interface, not the theme's.
FORM_PAGE = "admin/"


# Filled once, at collection, so that tests can be parametrized by kind of page.
PAGE_TYPES: dict[str, str] = pick_page_types(ROOT)


# Kinds of page the real archive may not have today, on a copy grown with a
# planned meeting and minutes in Nynorsk (tests/growth.py): the next minutes may
# bring them, and they must pass the same checks.
GROWN_TODAY = dt.date.today()


def grown_meetings(root: Path) -> dict[str, tuple[str, str]]:
    """Kind → (file name below docs/moter/naeringsgruppen/, its text) for the grown copy."""
    from growth import _free_day, unusual_meetings

    folder = root / "docs" / "moter" / "naeringsgruppen"
    made = {}
    for kind, name in (("innkalling", "planned"), ("mote-nynorsk", "nynorsk")):
        text = unusual_meetings(GROWN_TODAY)[name]
        written = next(line.split(": ", 1)[1] for line in text.splitlines() if line.startswith("dato: "))
        day = _free_day(folder, dt.date.fromisoformat(written))
        made[kind] = (f"{day.isoformat()}.md", text.replace(written, day.isoformat(), 1))
    return made


GROWN_TYPES: dict[str, str] = {kind: f"moter/naeringsgruppen/{name[:-3]}/" for kind, (name, _) in grown_meetings(ROOT).items()}


# The engine that writes the theme around the pages: MkDocs by default;
# `SITE_ENGINE=zensical` runs every browser test on Zensical's build instead
# (`make test` does both).
ENGINE = os.environ.get("SITE_ENGINE", "mkdocs")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real repository, built once per session as `make build` does (the engine
    in strict mode: any warning fails the build), with the web form in admin/."""
    ensure_admin_bundle()
    site = strict_build(ROOT, tmp_path_factory.mktemp(f"browser-site-{ENGINE}"), ENGINE)
    assert (site / "admin" / "index.html").is_file()
    return site


@pytest.fixture(scope="session")
def grown_site(tmp_path_factory) -> Path:
    """A copy of the real repository with a planned meeting and minutes in Nynorsk, built as `make build` does."""
    from sitebuild import copy_repository

    root = copy_repository(ROOT, tmp_path_factory.mktemp("grown") / "repo")
    for name, text in grown_meetings(ROOT).values():
        (root / "docs" / "moter" / "naeringsgruppen" / name).write_text(text, encoding="utf-8")
    return strict_build(root, tmp_path_factory.mktemp(f"grown-site-{ENGINE}"), ENGINE)


@pytest.fixture(scope="session")
def grown_url(grown_site):
    with served(grown_site, _SiteHandler) as url:
        yield url


class _SiteHandler(QuietHandler):
    """Files from the built site; a missing one gets the site's 404 page with status 404."""

    def send_error(self, code, message=None, explain=None):
        not_found = Path(self.directory) / "404.html"
        if code != 404 or not not_found.is_file():
            super().send_error(code, message, explain)
            return
        body = not_found.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@pytest.fixture(scope="session")
def site_url(built_site):
    """The built site on http://127.0.0.1:<ephemeral port>/, served from a thread."""
    with served(built_site, _SiteHandler) as url:
        yield url


@pytest.fixture(scope="session")
def browser(chromium):
    """The session's one headless chromium (tests/conftest.py)."""
    return chromium


@pytest.fixture(scope="session")
def contexts(browser, site_url):
    """A browser context per screen width, each allowed to use the clipboard."""
    made = {}
    for name, viewport in WIDTHS.items():
        # Touch on the phone, so that tests can tap; not Chromium's mobile
        # emulation, which widens the viewport to fit a page that is too wide
        # and so would hide the very overflow the tests look for.
        context = browser.new_context(viewport=viewport, locale="nb-NO", device_scale_factor=1, has_touch=name == "telefon")
        # A local page is ready in far less: a wait that takes this long has failed.
        context.set_default_timeout(10_000)
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
        made[name] = context
    yield made
    for context in made.values():
        context.close()


@dataclass
class Watch:
    """What a page did that it must not: errors, failed responses, requests leaving 127.0.0.1."""

    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    failed_responses: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)
    # Addresses a test opens on purpose although they answer 404 (the 404 page).
    expected_missing: set[str] = field(default_factory=set)

    def problems(self) -> list[str]:
        return (
            [f"console error: {e}" for e in self.console_errors]
            + [f"uncaught exception: {e}" for e in self.page_errors]
            + [f"failed response: {r}" for r in self.failed_responses]
            + [f"request off the site: {u}" for u in self.foreign_requests]
        )


def _is_local(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about"):
        return True
    return parts.hostname == "127.0.0.1"


def _on_console(watch: Watch, message) -> None:
    if message.type != "error":
        return
    # Chromium reports every response of 400 or more as a console error; the
    # response itself is judged by _on_response, which knows the expected 404.
    if message.text.startswith("Failed to load resource") and message.location.get("url") in watch.expected_missing:
        return
    watch.console_errors.append(message.text)


def _on_response(watch: Watch, response) -> None:
    if response.status >= 400 and response.url not in watch.expected_missing:
        watch.failed_responses.append(f"{response.status} {response.url}")


def open_watched(context):
    """A new tab that records console errors, exceptions, failed responses and foreign requests.

    Requests to other hosts are aborted as well as recorded, so a slip can
    never reach the network.
    """
    page = context.new_page()
    watch = Watch()
    page.on("console", functools.partial(_on_console, watch))
    page.on("pageerror", lambda error: watch.page_errors.append(str(error)))
    page.on("response", functools.partial(_on_response, watch))
    page.on("request", lambda request: None if _is_local(request.url) else watch.foreign_requests.append(request.url))
    page.route("**/*", lambda route: route.continue_() if _is_local(route.request.url) else route.abort())
    page.watch = watch
    return page


@pytest.fixture()
def new_tab(contexts):
    """Opens watched tabs at a width by name (new_tab("telefon")); the test
    fails at teardown if anything bad was seen in any of them."""
    opened = []

    def make(width: str = "desktop"):
        page = open_watched(contexts[width])
        opened.append(page)
        return page

    yield make
    problems = [problem for page in opened for problem in page.watch.problems()]
    for page in opened:
        page.close()
    assert problems == []


@pytest.fixture()
def watched_page(new_tab):
    """A desktop tab (1280 × 800), watched."""
    return new_tab("desktop")


@pytest.fixture()
def phone_page(new_tab):
    """A phone tab (390 × 844, touch), watched."""
    return new_tab("telefon")


def visit(page, site_url: str, name: str):
    """Open the page of kind `name` and wait until it has loaded; returns the response."""
    address = site_url + PAGE_TYPES[name]
    if name == "ikke-funnet":
        page.watch.expected_missing.add(address)
    return page.goto(address, wait_until="load")


@pytest.fixture(scope="session")
def axe_source() -> str:
    """axe-core from node_modules; installed with `npm ci` when missing."""
    if not AXE.exists():
        npm = shutil.which("npm")
        assert npm, "npm is needed to install axe-core (see package.json)"
        subprocess.run([npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund"], cwd=ROOT, check=True)
    assert AXE.exists(), f"{AXE} is missing after npm ci"
    return AXE.read_text(encoding="utf-8")


def screenshot(page, name: str, full_page: bool = True) -> Path:
    """test-artifacts/screenshots/<name>.png: the whole page, or what the window shows."""
    folder = SCREENSHOTS if ENGINE == "mkdocs" else SCREENSHOTS / ENGINE
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path
