"""Macros for the pages written by hand in docs/ (mkdocs-macros, and Zensical's macros).

A page that sets `render_macros: true` in its front matter may show parts of
the archive that stay up to date by themselves:

    {{ register("vedtak") }}                      every decision, newest first
    {{ register("vedtak", group="arbeidsgruppe-2") }}
    {{ register("oppfolging") }}                  the follow-ups still open
    {{ register("moter", year=2025) }}            the meetings of one year
    {{ open_follow_ups("naeringsgruppen") }}      one group's open follow-ups
    {{ next_meeting() }}                          the next meeting on the calendar
    {{ field_table("meeting") }}                  the fields of a kind of record
    {{ export_files() }}                          the calendars, feed and open data
    {{ open_data_fields() }}                      the fields of the open data

Each part is a view in archive/views/page_parts.py; a macro only hands the
engine a slot that names the part and its arguments, and the project's plugin
(or the Zensical adapter) puts the part's HTML there after the Markdown, so
the HTML never passes through Python-Markdown. A macro called with an argument
it does not take stops the build with the page and line. Minutes are never
templates: the validator refuses `render_macros` in them.

To add a part: write the view in archive/views/page_parts.py and add it to
PARTS there; it is a macro here at once (docs-dev/pages.md).
"""

from __future__ import annotations

from archive.site.handwritten import macro_for
from archive.views.page_parts import PARTS


def define_env(env) -> None:
    """Register every part of archive/views/page_parts.py as a macro, and nothing else."""
    for name, part in PARTS.items():
        env.macro(macro_for(name, part), name)
