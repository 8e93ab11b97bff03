"""`make serve` (`mkdocs serve` with the project's plugin) while the secretary
writes: a copy of the archive, the real preview server, a file broken and then
fixed, a saved change, and a request for another host.

With an invalid file every page shows the validator's message at the top over
the last good version; once the file is fixed the preview recovers by itself.
Started while a file is invalid, every page is a page of the messages until
the fix. The waits below are bounds on how long a rebuild may take, not timings.
"""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sitebuild import copy_repository

from archive.model import paths
from archive.model.repository import load_repository

ROOT = Path(__file__).resolve().parent.parent
MKDOCS = Path(sys.executable).parent / "mkdocs"
ANSWER_WITHIN = 120  # seconds: MkDocs holds a request while it rebuilds
REBUILD_WITHIN = 180  # seconds: a first build of the whole site on a slow runner


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str:
    """The page at `url`; "" while it does not exist yet (404). A hang raises."""
    try:
        with urllib.request.urlopen(url, timeout=ANSWER_WITHIN) as response:
            return response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        if error.code == 404:
            return ""
        raise


def wait_for(url: str, predicate, what: str) -> str:
    deadline = time.monotonic() + REBUILD_WITHIN
    while True:
        page = fetch(url)
        if predicate(page):
            return page
        if time.monotonic() > deadline:
            raise AssertionError(f"the preview never showed {what}; last page:\n{page[:2000]}")
        time.sleep(0.3)


def banner_lines(page: str) -> list[str]:
    alert = BeautifulSoup(page, "html.parser").find(role="alert")
    return [li.get_text() for li in alert.find_all("li")] if alert else []


def start_preview(root: Path):
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"} | {"NO_MKDOCS_2_WARNING": "1"}
    process = subprocess.Popen(
        [str(MKDOCS), "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=root,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    deadline = time.monotonic() + REBUILD_WITHIN
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise AssertionError("mkdocs serve did not start: " + (process.stderr.read() if process.poll() is not None else "")) from None
            time.sleep(0.3)
    return process, f"http://127.0.0.1:{port}/"


def stop_preview(process) -> None:
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=60)


@pytest.fixture()
def copy(tmp_path) -> Path:
    return copy_repository(ROOT, tmp_path / "repo")


def broken_minutes(group: str, chair: str) -> str:
    return f"---\ngruppe: {group}\ndato: 2020-02-03\nstatus: godkjent\nmøteleder: {chair}\n---\n\n## 1. Eneste sak\n\nVedtak: Godkjent.\n"


def test_the_preview_shows_problems_and_recovers(copy):
    repo, _ = load_repository(copy)
    group = next(iter(repo.groups))
    process, url = start_preview(copy)
    try:
        wait_for(url, lambda page: "md-content" in page and not banner_lines(page), "the built front page")
        # A new minutes file with a name that is not in the archive.
        target = copy / paths.DOCS_DIR / paths.MEETINGS_DIR / group / "2020-02-03.md"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(broken_minutes(group, "Ingen Sånnperson"), encoding="utf-8")
        expected = f"docs/moter/{group}/2020-02-03.md:5: "
        page = wait_for(url, lambda page: any(line.startswith(expected) for line in banner_lines(page)), "the validator's message")
        assert "«Ingen Sånnperson»" in " ".join(banner_lines(page))
        assert "md-content" in page  # over the last good version of the page, not instead of it
        other = fetch(url + paths.page_url(paths.ARCHIVE_PAGE))  # every page has the banner
        assert any(line.startswith(expected) for line in banner_lines(other))

        # Fixed: the banner goes away by itself and the new meeting's page is there.
        person = next(iter(repo.people.values())).name
        target.write_text(broken_minutes(group, person), encoding="utf-8")
        meeting_url = url + paths.page_url(f"{paths.MEETINGS_DIR}/{group}/2020-02-03.md")
        page = wait_for(meeting_url, lambda page: "Eneste sak" in page and not banner_lines(page), "the fixed meeting's page")
        assert person in BeautifulSoup(page, "html.parser").get_text()
    finally:
        stop_preview(process)


def test_a_saved_change_to_minutes_is_served(copy):
    """The saved minutes come first; the rest of the site follows with MkDocs' full rebuild."""
    repo, _ = load_repository(copy)
    meeting = next(m for m in repo.meetings if m.minutes_in_archive and m.agenda)
    process, url = start_preview(copy)
    try:
        meeting_url = url + paths.page_url(meeting.src_path)
        wait_for(meeting_url, lambda page: "md-content" in page, "the meeting's page")
        path = copy / meeting.path
        path.write_text(path.read_text(encoding="utf-8") + "\n## 99. Ny sak lagt til nå\n\nTekst skrevet etter lagring.\n", encoding="utf-8")
        page = wait_for(meeting_url, lambda page: "Ny sak lagt til nå" in page, "the saved change")
        assert not banner_lines(page)
        # The full rebuild follows: the archive of decisions and the search see it too.
        wait_for(url + "sok/ord/index.json", lambda text: text != "", "the search aids after the full rebuild")
    finally:
        stop_preview(process)


def test_started_with_an_invalid_file_every_page_shows_the_messages_until_fixed(copy):
    repo, _ = load_repository(copy)
    group = next(iter(repo.groups))
    target = copy / paths.DOCS_DIR / paths.MEETINGS_DIR / group / "2020-02-03.md"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(broken_minutes(group, "Ingen Sånnperson"), encoding="utf-8")
    process, url = start_preview(copy)
    try:
        for address in ("", paths.page_url(paths.ARCHIVE_PAGE)):
            page = wait_for(url + address, lambda page: bool(banner_lines(page)), "the messages")
            assert "&lt;!doctype" not in page.lower() and "<!doctype" in page.lower()  # a page, not its markup as text
            assert any("«Ingen Sånnperson»" in line for line in banner_lines(page))
        person = next(iter(repo.people.values())).name
        target.write_text(broken_minutes(group, person), encoding="utf-8")
        wait_for(url, lambda page: "md-content" in page and not banner_lines(page), "the site once the file is fixed")
    finally:
        stop_preview(process)


def test_the_preview_answers_only_its_own_host(copy):
    """A page elsewhere cannot read the drafts through DNS rebinding."""
    process, url = start_preview(copy)
    try:
        wait_for(url, lambda page: "md-content" in page, "the built front page")
        port = int(url.rsplit(":", 1)[1].strip("/"))
        for host, expected in (("evil.example", 421), (f"evil.example:{port}", 421), (f"127.0.0.1:{port}", 200), (f"localhost:{port}", 200)):
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=ANSWER_WITHIN)
            connection.putrequest("GET", "/", skip_host=True)
            connection.putheader("Host", host)
            connection.endheaders()
            assert connection.getresponse().status == expected, host
            connection.close()
    finally:
        stop_preview(process)
