"""Golden tests: each view rendered for the tiny fixture archive, compared exactly.

After an intended change of output, regenerate with
    UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_views_golden.py
and read the diff before committing it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from archive import views

GOLDEN = Path(__file__).parent / "golden"


def _meeting(repo, meeting_id):
    meeting = repo.meetings_by_id[meeting_id]
    return views.meeting_page(repo, meeting, meeting.body)


CASES = {
    "meeting_2025-03-12.md": lambda repo: _meeting(repo, "testgruppen/2025-03-12"),
    "meeting_2025-05-20.md": lambda repo: _meeting(repo, "testgruppen/2025-05-20"),
    "archive.md": lambda repo: views.meeting_archive(repo),
    "archive_by_group.md": lambda repo: views.meetings_by_group(repo),
    "front_page.md": lambda repo: views.front_page(repo),
    "focus_area.md": lambda repo: views.focus_area_page(repo, "gronn-omstilling"),
    "focus_area_list.md": lambda repo: views.focus_area_list(repo),
    "groups.md": lambda repo: views.groups_page(repo),
    "clusters.md": lambda repo: views.cluster_directory(repo),
    "contacts.md": lambda repo: views.contacts_directory(repo),
    "organisations.md": lambda repo: views.organisation_list(repo),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_view_matches_golden(name, mini_repo):
    rendered = CASES[name](mini_repo)
    golden = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN") == "1":
        golden.write_text(rendered, encoding="utf-8")
    assert golden.exists(), f"no golden file {golden}; run with UPDATE_GOLDEN=1 once and review it"
    assert rendered == golden.read_text(encoding="utf-8")
