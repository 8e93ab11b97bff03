"""The secretary's pull request, end to end, on a copy of the real archive.

Meetings are added the way the secretary adds them, with the project's own
tools: an imported set of minutes, a past meeting made with `new_meeting.py`
and filled in (it closes a follow-up of the imported minutes, names a new
person, has a place, a time and an attachment), and a scaffolded future
meeting. Then the copy gets the checks a pull request gets: the validator,
the strict build, and the tests of the real archive run inside the copy. With
one wrong name instead, the same checks fail with the validator's Norwegian
`path:line` message.

Nothing here depends on today's archive: the dates are chosen after the
group's latest meeting and around the real today, whatever the archive holds.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sitebuild import copy_repository, strict_build

from archive.model import paths
from archive.model.repository import load_repository

ROOT = Path(__file__).resolve().parent.parent
IMPORTED = ROOT / "tests" / "samples" / "corpus" / "arbeidsgruppe-nummerert.txt"
NEW_PERSON = "Synnøve Testesen"
# The tests of the real archive: what a pull request runs that depends on its content.
ARCHIVE_TESTS = ["tests/test_real_archive.py", "tests/test_site_links.py", "tests/test_privacy.py"]


def run(root: Path, script: str, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    return subprocess.run(
        [sys.executable, str(root / "scripts" / script), *args],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def run_archive_tests(root: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-x", *ARCHIVE_TESTS],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )


def free_dates(repo, today: dt.date) -> tuple[str, dt.date, dt.date, dt.date]:
    """A group and three dates after its latest meeting (planned ones too):
    three days and one day before today, and two weeks ahead."""
    for group in repo.groups:
        meetings = repo.meetings_by_group.get(group, [])
        latest = max((m.sort_date for m in meetings), default=today - dt.timedelta(days=60))
        if (today - latest).days >= 4:
            return group, today - dt.timedelta(days=3), today - dt.timedelta(days=1), today + dt.timedelta(days=14)
    raise AssertionError("no group has room for two new past meetings before today")


def fill_in(text: str, place: str, attachment: str, close_from: dt.date) -> str:
    """What the secretary types into a scaffolded past meeting."""
    front, body = text.removeprefix("---\n").split("\n---\n", 1)
    front = re.sub(r"^sted:.*$", f"sted: {place}", front, flags=re.M)
    front = re.sub(r"^start:.*$", 'start: "09:30"', front, flags=re.M)
    front = re.sub(r"^slutt:.*$", 'slutt: "11:00"', front, flags=re.M)
    front = re.sub(r"^tilstede:.*$", f"tilstede:\n  - {NEW_PERSON}", front, flags=re.M)
    front += f"\nvedlegg:\n  - tittel: Presentasjon fra møtet\n    fil: vedlegg/{attachment}"
    # Close the first follow-up carried forward from the minutes of `close_from`.
    carried = re.search(rf"^- \[ \] (.*Fra: {close_from.isoformat()}\b.*)$", body, flags=re.M)
    assert carried, "the scaffold carries the earlier minutes' open follow-ups"
    body = body.replace(carried.group(0), f"- [x] {carried.group(1)}", 1)
    # The template's items are empty (its help is in the front matter's comments): write under each.
    body = re.sub(r"^(## \d+\. .*)$", r"\1\n\nSaken ble drøftet.", body, flags=re.M)
    body = re.sub(r"^(## 1\..*)$", r"\1\n\nVedtak: Innkalling og dagsorden ble godkjent.", body, count=1, flags=re.M)
    body += f"\n## 9. Nytt medlem\n\n{NEW_PERSON} ble ønsket velkommen.\n\n- [ ] Presentere arbeidet sitt på neste møte. Ansvar: {NEW_PERSON}.\n"
    return f"---\n{front}\n---\n{body}"


@pytest.fixture(scope="module")
def archive_with_new_meetings(tmp_path_factory):
    root = copy_repository(ROOT, tmp_path_factory.mktemp("secretary") / "repo")
    repo, problems = load_repository(root)
    assert [str(p) for p in problems] == []
    group, imported_date, past_date, future_date = free_dates(repo, repo.today)
    folder = root / paths.DOCS_DIR / paths.MEETINGS_DIR / group

    # 1. Minutes from outside, imported as a draft and left as the importer wrote them.
    result = run(root, "import_minutes.py", str(IMPORTED), "--group", group, "--date", imported_date.isoformat())
    assert result.returncode == 0, result.stderr

    # 2. A new person in data/personer.yaml, with an organisation that exists.
    organisation = next(iter(repo.organisations))
    with (root / "data" / "personer.yaml").open("a", encoding="utf-8") as handle:
        handle.write(f"\n- id: synnove-testesen\n  navn: {NEW_PERSON}\n  organisasjon: {organisation}\n")

    # 3. A past meeting from the scaffold, filled in.
    result = run(root, "new_meeting.py", "--group", group, "--date", past_date.isoformat())
    assert result.returncode == 0, result.stderr
    past = folder / f"{past_date.isoformat()}.md"
    scaffold = past.read_text(encoding="utf-8")
    (folder / "vedlegg").mkdir(exist_ok=True)
    (folder / "vedlegg" / f"{past_date.isoformat()}-presentasjon.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    past.write_text(fill_in(scaffold, "Hamar rådhus", f"{past_date.isoformat()}-presentasjon.pdf", imported_date), encoding="utf-8")

    # 4. A future meeting, as the scaffold leaves it.
    result = run(root, "new_meeting.py", "--group", group, "--date", future_date.isoformat())
    assert result.returncode == 0, result.stderr
    return root, group, imported_date, past_date, future_date


def test_the_new_meetings_validate(archive_with_new_meetings):
    root, *_ = archive_with_new_meetings
    result = run(root, "validate.py")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("Alt i orden:")


@pytest.fixture(scope="module")
def built_site(archive_with_new_meetings, tmp_path_factory) -> Path:
    root, *_ = archive_with_new_meetings
    return strict_build(root, tmp_path_factory.mktemp("secretary-site") / "site")


def test_the_new_meetings_are_on_the_built_site(archive_with_new_meetings, built_site):
    root, group, imported_date, past_date, future_date = archive_with_new_meetings
    site = built_site
    repo, _ = load_repository(root)
    past = next(m for m in repo.meetings_by_group[group] if m.date == past_date)
    page = BeautifulSoup((site / paths.page_url(past.src_path) / "index.html").read_text(encoding="utf-8"), "html.parser")
    text = " ".join(page.select_one("article").get_text(" ").split())
    assert "Hamar rådhus" in text and "09:30" in text
    assert page.find("a", string=NEW_PERSON) is not None
    attachment = page.find("a", string="Presentasjon fra møtet")
    assert attachment is not None
    assert (site / paths.page_url(past.src_path) / attachment["href"]).resolve().is_file()
    # The follow-up the meeting closed is done in the register; the new one is open and the new person's.
    closed = [c for c in repo.action_chains if c.latest.meeting_id == past.id and c.status == "ferdig"]
    imported = next(m for m in repo.meetings_by_group[group] if m.date == imported_date)
    assert len(closed) == 1 and closed[0].first.meeting_id == imported.id
    person = BeautifulSoup((site / paths.page_url(paths.person_page("synnove-testesen")) / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert "Presentere arbeidet sitt på neste møte." in person.get_text(" ")
    future = next(m for m in repo.meetings_by_group[group] if m.date == future_date)
    assert future.status == "planlagt"


def test_the_pull_request_checks_pass_on_the_copy(archive_with_new_meetings):
    root, *_ = archive_with_new_meetings
    result = run_archive_tests(root)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert re.search(r"\d+ passed", result.stdout)


def test_a_wrong_name_fails_with_the_validators_message(archive_with_new_meetings, tmp_path):
    source, group, _, past_date, _ = archive_with_new_meetings
    root = copy_repository(source, tmp_path / "repo")
    past = root / paths.DOCS_DIR / paths.MEETINGS_DIR / group / f"{past_date.isoformat()}.md"
    text = past.read_text(encoding="utf-8")
    lines = text.split("\n")
    number = next(i for i, line in enumerate(lines, start=1) if f"Ansvar: {NEW_PERSON}." in line)
    past.write_text(text.replace(f"Ansvar: {NEW_PERSON}.", "Ansvar: Synnøve Testsen."), encoding="utf-8")
    expected = f"docs/moter/{group}/{past_date.isoformat()}.md:{number}: "

    result = run(root, "validate.py")
    assert result.returncode == 1
    message = next(line for line in result.stderr.splitlines() + result.stdout.splitlines() if line.startswith(expected))
    assert "«Synnøve Testsen»" in message and f"mente du «{NEW_PERSON}»" in message

    # make test on the same archive: the first failure a secretary sees is that message.
    result = run_archive_tests(root)
    assert result.returncode != 0
    assert expected in result.stdout and f"mente du «{NEW_PERSON}»" in result.stdout


def test_the_planned_meeting_publishes_no_help_and_is_no_follow_ups_history(archive_with_new_meetings, built_site):
    """The scaffolded future meeting, committed as the scaffold left it: its page shows
    the agenda and the carried follow-ups, none of the template's help, and no task
    counts it as where it was last followed up."""
    root, group, _, past_date, future_date = archive_with_new_meetings
    repo, _ = load_repository(root)
    future = next(m for m in repo.meetings_by_group[group] if m.date == future_date)
    assert future.status == "planlagt" and future.actions  # it carries the open follow-ups
    file_text = (root / paths.DOCS_DIR / future.src_path).read_text(encoding="utf-8")
    help_lines = [line[2:] for line in file_text.split("\n---\n", 1)[0].splitlines() if line.startswith("# ")]
    assert len(help_lines) >= 5
    page = BeautifulSoup((built_site / paths.page_url(future.src_path) / "index.html").read_text(encoding="utf-8"), "html.parser")
    article = " ".join(page.select_one("article").get_text(" ").split())
    assert "Oppfølging fra tidligere møter" in article
    for line in help_lines:
        assert " ".join(line.split()) not in article, line
    assert not any(chain.latest.meeting_id == future.id for chain in repo.action_chains)
    register = BeautifulSoup((built_site / paths.page_url(paths.ACTIONS_PAGE) / "index.html").read_text(encoding="utf-8"), "html.parser")
    future_url = paths.page_url(future.src_path).rstrip("/")
    assert not [a["href"] for a in register.select("article a[href]") if future_url.split("/")[-1] in a["href"]]
    # What the held meeting carried keeps the focus areas of the task it follows up.
    past = next(m for m in repo.meetings_by_group[group] if m.date == past_date)
    for action in past.actions:
        if action.carried_from:
            origin = repo.actions_by_key[action.carried_from]
            assert set(origin.focus_areas) <= set(action.focus_areas), (action.task, origin.focus_areas, action.focus_areas)
