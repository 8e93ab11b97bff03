"""Small text helpers shared by the views: Norwegian dates, links, escaping."""

from __future__ import annotations

import datetime as dt
import posixpath
import re

from babel.dates import format_date

from archive import model


def norwegian_date(date: dt.date) -> str:
    """16. januar 2025"""
    return format_date(date, "d. MMMM y", locale="nb")


def norwegian_day_month(date: dt.date) -> str:
    """16. januar"""
    return format_date(date, "d. MMMM", locale="nb")


def meeting_date(meeting: model.Meeting) -> str:
    """The meeting's date as members read it, saying so when it is not known."""
    if meeting.date:
        return norwegian_date(meeting.date)
    if meeting.date_after and meeting.date_before:
        if meeting.date_after.year == meeting.date_before.year:
            start = norwegian_day_month(meeting.date_after)
        else:
            start = norwegian_date(meeting.date_after)
        return f"udatert, mellom {start} og {norwegian_date(meeting.date_before)}"
    return "udatert"


def meeting_time(meeting: model.Meeting) -> str:
    if meeting.start and meeting.end:
        return f"kl. {meeting.start}–{meeting.end}"
    if meeting.start:
        return f"kl. {meeting.start}"
    return ""


def meeting_title(meeting: model.Meeting, group_name: str) -> str:
    return meeting.title or f"Møte i {group_name}"


def link(here: str, target: str, anchor: str = "") -> str:
    """A relative link from the page `here` to the page `target` (both paths below docs/).

    Markdown links to .md files let MkDocs check them and turn them into URLs.
    """
    relative = posixpath.relpath(target, posixpath.dirname(here) or ".")
    return relative + (f"#{anchor}" if anchor else "")


_LIST_MARKER = re.compile(r"^(\d+)\.", re.MULTILINE)
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]#])")


def escape(text: str) -> str:
    """Make data text safe to place inside generated Markdown.

    Names and titles come from the secretary's YAML; they must show as typed,
    never as markup (and `{{` is harmless here, since generated text is not
    rendered as a template again).
    """
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    # "4. juni" at the start of a list item or definition would start a numbered list.
    return _LIST_MARKER.sub(r"\1\\.", text)


def escape_cell(text: str) -> str:
    return escape(text).replace("|", "\\|").replace("\n", " ")
