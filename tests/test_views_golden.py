"""Golden tests: every page the site makes, rendered for a small fixture archive, compared exactly.

The fixture (tests/registers_fixture.py) has carried, closed and reopened
follow-ups, a working group's part of an item, an undated and a planned
meeting, and text that looks like markup. After an intended change of output,
regenerate with
    UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_views_golden.py
and read the diff before committing it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from registers_fixture import load_fixture

from archive.site.pages import site_pages
from archive.views import directory, front, meetings, registers, search
from archive.views.pages import page_text

GOLDEN = Path(__file__).parent / "golden"


def _meeting(repo, meeting_id):
    return meetings.meeting_page(repo, repo.meetings_by_id[meeting_id])


CASES = {
    "meeting_2025-03-12": lambda repo: _meeting(repo, "testgruppen/2025-03-12"),
    "meeting_2025-09-10": lambda repo: _meeting(repo, "testgruppen/2025-09-10"),
    "meeting_undated": lambda repo: _meeting(repo, "testgruppen/2025-udatert"),
    "meeting_planned": lambda repo: _meeting(repo, "testgruppen/2026-01-15"),
    "archive": lambda repo: meetings.meeting_archive(repo)[0],
    "archive_2025": lambda repo: meetings.meeting_archive(repo)[1],
    "archive_by_group": lambda repo: meetings.meetings_by_group(repo)[0],
    "archive_of_a_group": lambda repo: meetings.meetings_by_group(repo)[1],
    "front_page": front.front_page,
    "focus_areas": directory.focus_area_index,
    "focus_area": lambda repo: directory.focus_area_page(repo, "gronn-omstilling"),
    "groups": directory.groups_page,
    "group": lambda repo: directory.group_page(repo, repo.groups["testgruppen"], "https://example.org/moter/"),
    "clusters": directory.cluster_directory,
    "contacts": lambda repo: directory.contacts_index(repo)[0],
    "person_ola-hansen": lambda repo: directory.person_page(repo, repo.people["ola-hansen"]),
    "person_kari-nordmann": lambda repo: directory.person_page(repo, repo.people["kari-nordmann"]),
    "organisations": directory.organisation_list,
    "follow_ups": lambda repo: registers.action_register(repo)[0],
    "follow_ups_closed": lambda repo: registers.action_register(repo)[1],
    "decisions": lambda repo: registers.decision_pages(repo)[0],
    "decisions_2025": lambda repo: registers.decision_pages(repo)[1],
    "attendance": lambda repo: registers.attendance_pages(repo)[0],
    "attendance_2025": lambda repo: registers.attendance_pages(repo)[1],
    "calendar": lambda repo: registers.calendar_page(repo, "https://example.org/moter/")[0],
    "search": search.search_page,
}


@pytest.fixture(scope="module")
def repo(tmp_path_factory):
    return load_fixture(tmp_path_factory.mktemp("golden"))


@pytest.mark.parametrize("name", sorted(CASES))
def test_page_matches_golden(name, repo):
    page = CASES[name](repo)
    rendered = f"<!-- {page.src} -->\n" + page_text(page)
    golden = GOLDEN / f"{name}.txt"
    if os.environ.get("UPDATE_GOLDEN") == "1":
        golden.write_text(rendered, encoding="utf-8")
    assert golden.exists(), f"no golden file {golden}; run with UPDATE_GOLDEN=1 once and review it"
    assert rendered == golden.read_text(encoding="utf-8")


def test_every_kind_of_page_has_a_golden_file(repo):
    """A new kind of page must be added to CASES: the site's pages by their folder."""
    covered = {CASES[name](repo).src for name in CASES}
    kinds = {
        page.src.split("/")[0]
        for page in site_pages(repo, "https://example.org/")
        if page.src not in covered and not page.src.startswith(("data/", "veiledning/"))
    }
    assert kinds <= {"moter", "kontakter", "vedtak", "oppmote", "satsingsomrader", "grupper"}  # more of kinds already covered
