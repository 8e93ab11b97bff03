"""Dates as Norwegian minutes write them: 2026-03-01, 1. mars 2026, 01.03.2026."""

from __future__ import annotations

import datetime as dt
import re

MONTHS = ("januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "desember")
# Short forms seen in minutes: «1. mar. 2026», «15. okt 2025».
_MONTH_PREFIXES = {name[:3]: number for number, name in enumerate(MONTHS, start=1)}

_ISO = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")
_NUMERIC = re.compile(r"\b(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4}|\d{2})\b")
_WRITTEN = re.compile(r"\b(\d{1,2})\.?\s+([a-zæøå]{3,9})\.?\s+(\d{4})\b", re.IGNORECASE)


# A year outside these is a slip of the keyboard, and the calendars cannot hold
# one near 9999 (an all-day event ends the day after; time zones add more).
EARLIEST_YEAR = 1900
LATEST_YEAR = 2200


def year_problem(date: dt.date) -> str | None:
    """Why `date` cannot be a meeting's or a deadline's date, or None."""
    if EARLIEST_YEAR <= date.year <= LATEST_YEAR:
        return None
    return f"året {date.year} kan ikke stemme; skriv et år mellom {EARLIEST_YEAR} og {LATEST_YEAR}"


def _month(word: str) -> int | None:
    word = word.lower()
    if word in MONTHS:
        return MONTHS.index(word) + 1
    return _MONTH_PREFIXES.get(word[:3]) if len(word) <= 4 else None


def find_date(text: str) -> tuple[dt.date | None, str | None]:
    """The first date written in `text`, or (None, why) when one is written wrongly.

    Returns (None, None) when the text holds nothing that looks like a date.
    """
    candidates: list[tuple[int, tuple[int, int, int]]] = []
    for match in _ISO.finditer(text):
        year, month, day = (int(g) for g in match.groups())
        candidates.append((match.start(), (year, month, day)))
    for match in _NUMERIC.finditer(text):
        day, month, year = match.groups()
        full_year = int(year) + (2000 if len(year) == 2 else 0)
        candidates.append((match.start(), (full_year, int(month), int(day))))
    for match in _WRITTEN.finditer(text):
        month = _month(match.group(2))
        if month:
            candidates.append((match.start(), (int(match.group(3)), month, int(match.group(1)))))
    if not candidates:
        return None, None
    _, (year, month, day) = min(candidates)
    try:
        date = dt.date(year, month, day)
    except ValueError:
        return None, f"datoen {day}.{month}.{year} finnes ikke"
    problem = year_problem(date)
    return (None, problem) if problem else (date, None)


def looks_like_date(text: str) -> bool:
    return bool(_ISO.search(text) or _NUMERIC.search(text) or (_WRITTEN.search(text) and _month(_WRITTEN.search(text).group(2))))
