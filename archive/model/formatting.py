"""Dates, times and names as members read them: one style everywhere («8. april 2025»)."""

from __future__ import annotations

import datetime as dt
import functools

from babel.dates import format_date

from archive import model


@functools.cache
def norwegian_date(date: dt.date) -> str:
    """16. januar 2025"""
    return format_date(date, "d. MMMM y", locale="nb")


@functools.cache
def norwegian_day_month(date: dt.date) -> str:
    """16. januar"""
    return format_date(date, "d. MMMM", locale="nb")


def approximate_date(meeting: model.Meeting) -> str:
    """«16. januar 2025», or «mellom 16. januar og 8. april 2025» for an undated meeting."""
    if meeting.date:
        return norwegian_date(meeting.date)
    if meeting.date_after and meeting.date_before:
        same_year = meeting.date_after.year == meeting.date_before.year
        start = norwegian_day_month(meeting.date_after) if same_year else norwegian_date(meeting.date_after)
        return f"mellom {start} og {norwegian_date(meeting.date_before)}"
    return "uten dato"


def meeting_date(meeting: model.Meeting) -> str:
    """The meeting's date as members read it, saying so when it is not known."""
    if meeting.date:
        return norwegian_date(meeting.date)
    return "udatert, " + approximate_date(meeting) if meeting.date_after and meeting.date_before else "udatert"


def meeting_time(meeting: model.Meeting) -> str:
    if meeting.start and meeting.end:
        return f"kl. {meeting.start}–{meeting.end}"
    if meeting.start:
        return f"kl. {meeting.start}"
    return ""


def meeting_title(meeting: model.Meeting, group_name: str) -> str:
    """Distinct for every meeting: «Næringsgruppen, 16. januar 2025»."""
    return f"{group_name}, {meeting_date(meeting)}"


def plural(count: int, singular: str, plural_form: str) -> str:
    return f"{count} {singular if count == 1 else plural_form}"
