"""Meeting pages under Zensical, which does not run the macros plugin's page hooks.

Under MkDocs, archive/main.py's `on_post_page_macros` turns a meeting file's
text into the full meeting page (heading, header card, decision and action
boxes, previous/next links). Zensical runs the macros API but not those
hooks. It does run the Markdown extensions named in mkdocs.yml, and it tells
each Markdown instance which page it renders (its context preprocessor), so
this extension does the same job there, through the same view.

Under MkDocs there is no such context and the extension does nothing.
"""

from __future__ import annotations

import posixpath
from pathlib import Path

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

# Before the macros preprocessor hands over (35 is Zensical's macros; meeting
# pages are never rendered by it) and before fenced code and raw HTML (25, 20).
PRIORITY = 34


def _zensical_context(md: Markdown):
    """Zensical's rendering context (page and project config), or None under MkDocs."""
    for processor in md.preprocessors:
        if type(processor).__name__ == "ContextPreprocessor" and hasattr(processor, "page"):
            return processor
    return None


class MeetingPagePreprocessor(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        context = _zensical_context(self.md)
        if context is None or context.page is None:
            return lines
        from archive import views
        from archive.main import meeting_at, repository

        # The project being built, which need not be where this module lives.
        repo = repository(Path((context.config or {}).get("root_dir") or ".").resolve())
        src = str(getattr(context.page, "path", "") or "")
        meeting = meeting_at(src, repo)
        if meeting is None:
            return lines
        # Zensical reads relative links in HTML as relative to the source file's
        # folder; links computed for that folder's index page come out right.
        here = posixpath.dirname(src) + "/index.md"
        return views.meeting_page(repo, meeting, "\n".join(lines), here).split("\n")


class MeetingPageExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        md.preprocessors.register(MeetingPagePreprocessor(md), "meeting_page", PRIORITY)


def makeExtension(**kwargs) -> MeetingPageExtension:
    return MeetingPageExtension(**kwargs)
