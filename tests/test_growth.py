"""The growth tool (tests/growth.py) keeps making a valid archive: `make test-grown`
runs the whole suite on such a copy, so a copy that did not validate would prove nothing."""

from __future__ import annotations

import datetime as dt

from _helpers import run_script
from growth import grow
from sitebuild import ROOT, copy_repository


def test_a_grown_copy_holds_every_unusual_meeting_and_validates(tmp_path):
    copy = copy_repository(ROOT, tmp_path / "repo")
    written = grow(copy, dt.date(2026, 12, 3))
    names = {path.name for path in written}
    assert len(written) >= 7, names  # six unusual meetings and one imported, unedited
    result = run_script("validate.py", "--rot", str(copy))
    assert result.returncode == 0, result.stdout + result.stderr
