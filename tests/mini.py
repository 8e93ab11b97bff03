"""Where the tiny fixture archive is, and the day the tests pretend it is."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

MINI = Path(__file__).resolve().parent / "fixtures" / "mini"
FIXED_TODAY = dt.date(2025, 6, 1)
