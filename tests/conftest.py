"""Shared fixtures: the repository root, the tiny fixture archive, a fixed today."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parent.parent
TESTS = Path(__file__).resolve().parent
for path in (ROOT, TESTS):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

from local_browser import launch  # noqa: E402
from mini import FIXED_TODAY, MINI  # noqa: E402

# One verdict per pull request: `make test` tries the same examples in every
# run (derandomize) and keeps no database of earlier runs, so a secretary's
# pull request never turns red by chance. `make fuzz` searches at random,
# round after round; what it finds is added to its test as an @example.
settings.register_profile("check", derandomize=True, database=None, deadline=None, print_blob=True)
settings.register_profile("fuzz", derandomize=False, deadline=None, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "check"))


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture()
def mini_repo():
    from archive.model.repository import load_repository

    repo, problems = load_repository(MINI, today=FIXED_TODAY)
    assert problems == []
    return repo


@pytest.fixture()
def mini_copy(tmp_path) -> Path:
    """A writable copy of the tiny fixture archive."""
    target = tmp_path / "repo"
    shutil.copytree(MINI, target)
    return target


# One Playwright and one headless chromium (Debian's) for the whole session:
# Playwright's sync API cannot be started twice at a time, and the browser,
# search and hostile-input tests all need it. Nothing downloads a browser.
@pytest.fixture(scope="session")
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch(playwright)
        yield browser
        browser.close()
