"""`make serve` while the secretary writes: a copy of the archive, the real
preview server, a file broken and then fixed.

Every request must be answered at once (the server never waits for a build);
with an invalid file every page shows the validator's message at the top, and
once the file is fixed the preview recovers by itself and shows the new page.
The waits below are bounds on how long a rebuild may take, not timings.
"""

from __future__ import annotations

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
ANSWER_WITHIN = 5  # seconds: a request that takes longer is a hang
REBUILD_WITHIN = 120  # seconds: a first build of the whole site on a slow runner


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
        page = fetch(url)  # raises on a hang: every answer comes at once
        if predicate(page):
            return page
        if time.monotonic() > deadline:
            raise AssertionError(f"the preview never showed {what}; last page:\n{page[:2000]}")
        time.sleep(0.3)


def banner_lines(page: str) -> list[str]:
    alert = BeautifulSoup(page, "html.parser").find(role="alert")
    return [li.get_text() for li in alert.find_all("li")] if alert else []


@pytest.fixture()
def preview(tmp_path):
    root = copy_repository(ROOT, tmp_path / "repo")
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    process = subprocess.Popen(
        [sys.executable, str(root / "scripts" / "serve.py"), "--port", str(port), "--rot", str(root)],
        cwd=root,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                fetch(f"http://127.0.0.1:{port}/__preview/version")
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError("serve.py did not start: " + (process.stderr.read() if process.poll() is not None else "")) from None
                time.sleep(0.2)
        yield root, f"http://127.0.0.1:{port}/"
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


def test_the_preview_shows_problems_and_recovers(preview):
    root, url = preview
    repo, _ = load_repository(root)
    group = next(iter(repo.groups))
    wait_for(url, lambda page: "md-content" in page and not banner_lines(page), "the built front page")

    # A new minutes file with a name that is not in the archive.
    target = root / paths.DOCS_DIR / paths.MEETINGS_DIR / group / "2020-02-03.md"
    target.parent.mkdir(parents=True, exist_ok=True)
    broken = f"---\ngruppe: {group}\ndato: 2020-02-03\nstatus: godkjent\nmøteleder: Ingen Sånnperson\n---\n\n## 1. Eneste sak\n\nVedtak: Godkjent.\n"
    target.write_text(broken, encoding="utf-8")
    expected = f"docs/moter/{group}/2020-02-03.md:5: "
    page = wait_for(url, lambda page: any(line.startswith(expected) for line in banner_lines(page)), "the validator's message")
    assert "«Ingen Sånnperson»" in " ".join(banner_lines(page))
    assert "md-content" in page  # over the last good version of the page, not instead of it
    other = fetch(url + paths.page_url(paths.ARCHIVE_PAGE))  # every page has the banner
    assert any(line.startswith(expected) for line in banner_lines(other))

    # Fixed: the banner goes away by itself and the new meeting's page is there.
    person = next(iter(repo.people.values())).name
    target.write_text(broken.replace("Ingen Sånnperson", person), encoding="utf-8")
    meeting_url = url + paths.page_url(f"{paths.MEETINGS_DIR}/{group}/2020-02-03.md")
    page = wait_for(meeting_url, lambda page: "Eneste sak" in page and not banner_lines(page), "the fixed meeting's page")
    assert person in BeautifulSoup(page, "html.parser").get_text()
