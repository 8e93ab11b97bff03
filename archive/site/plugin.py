"""The MkDocs plugin of the project: the one seam between the archive and MkDocs.

Registered as the `naeringsgruppen` plugin (pyproject.toml) and named in
mkdocs.yml, so that the plain `mkdocs build` and `mkdocs serve` build the whole
site from docs/ and data/:

- on_config: loads and checks the archive (archive/model/); any problem stops
  `mkdocs build` with the validator's `path:line: message`, before a file is
  written. Under `mkdocs serve` the preview goes on serving and shows the
  problems on every page instead (archive/site/preview.py).
- on_files: the site is the archive's own list of pages (archive/site/pages.py).
  Every generated page is an outline (title, headings, a comment per block of
  HTML); a page written by hand in docs/ stays the engine's to render; an
  attachment the archive accepted is copied. Nothing else from docs/ is
  published: not the minutes' own Markdown, not a file the archive refused.
- on_page_content: a hand-written page's HTML passes the one sanitiser, and the
  parts its macros asked for are put in (archive/site/handwritten.py).
- on_post_page: the HTML blocks of a generated page, made beside the engine by
  archive/site/outputs.py, go in place of its comments; never through
  Python-Markdown.
- on_post_page, on_post_template: every page's Content Security Policy
  (archive/safety/csp.py), except in the preview, where MkDocs' own
  live-reload script must run.
- on_post_build: the exports, the search index (Pagefind) and its aids; then
  the web form in admin/ (archive/site/finishing.py).

Nothing here knows how a page looks: that is archive/views/.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import sys
import tempfile
from pathlib import Path

from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page as EnginePage

from archive.model.problems import Problem
from archive.model.repository import Repository, load_repository
from archive.site import preview
from archive.safety.csp import with_policy
from archive.site.finishing import add_form
from archive.safety.templates import sandboxed
from archive.site.handwritten import clean_page_html, fill_view_slots, heading_ids
from archive.site.outputs import Outputs, generation_time
from archive.site.pages import check_site
from archive.views import search
from archive.views.page_parts import PartError, Where
from archive.views import meetings as meetings_view
from archive.views.pages import Page, fill, html_blocks, to_markdown

log = logging.getLogger("mkdocs.plugins.naeringsgruppen")


def problems_message(problems: list[Problem]) -> str:
    count = len(problems)
    return f"Fant {count} feil i arkivet; nettstedet bygges ikke før {'den' if count == 1 else 'de'} er rettet (se make validate)."


class ArchivePlugin(BasePlugin):
    """One instance for a `mkdocs serve` session (it has on_startup): the preview
    keeps the last good build between saves."""

    def __init__(self) -> None:
        self.serving = False
        self.root: Path | None = None
        self.repo: Repository | None = None
        self.pages: dict[str, Page] = {}
        self.problems: list[Problem] = []
        self.outputs: Outputs | None = None
        self.scratch: Path | None = None
        self.handwritten_documents: dict[str, str] = {}
        self.preview = preview.Preview()
        # The last full build under `mkdocs serve`, for showing a saved meeting first.
        self.built: dict | None = None
        self.sources: dict[str, tuple[int, int]] = {}
        self.full_rebuild_wanted = False
        self.quick_blocks: dict[str, list[str]] = {}

    # -- the archive ----------------------------------------------------------

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

    @event_priority(100)  # before the macros plugin, which reads the site's address
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.root = Path(config.config_file_path).resolve().parent
        _count_warnings_when_quiet(config)
        if not re.match(r"^https?://", config.site_url or ""):
            raise PluginError(f"site_url i mkdocs.yml er «{config.site_url or ''}»; den må være en adresse som starter med http:// eller https://.")
        try:
            self.generated = generation_time()
        except ValueError as error:
            raise PluginError(str(error)) from None
        repo, pages, problems = check_site(self.root, config.site_url or "")
        self.problems = problems
        if problems:
            if not self.serving:
                # The validator's own lines, as `make validate` prints them, also under -q.
                annotate = os.environ.get("GITHUB_ACTIONS") == "true"
                for problem in problems:
                    print(problem, file=sys.stderr)
                    if annotate:
                        print(problem.github_annotation(), file=sys.stderr)
                raise PluginError(problems_message(problems))
            for problem in problems:
                log.error(str(problem))
            self.preview.show_problems(problems)
            return self.preview.build_aside(config)
        self.preview.show_problems([])
        self.repo, self.pages = repo, {page.src: page for page in pages}
        if self.serving:
            # The preview watches what the site is made of, not docs/ alone.
            for folder in ("data", "overrides", "macros"):
                if (self.root / folder).is_dir() and str(self.root / folder) not in config.watch:
                    config.watch.append(str(self.root / folder))
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        # A page written by hand is a template only through Jinja's sandbox: the
        # validator allows nothing but macro calls, and this holds even so.
        macros = config.plugins.get("macros")
        if macros is not None and getattr(macros, "_env", None) is not None:
            macros._env = sandboxed(macros._env)

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if self.problems:
            return self.preview.files_while_invalid(files, config)
        docs = Path(config.docs_dir).resolve()
        written = {src for src, page in self.pages.items() if page.written}
        accepted = set(self.repo.files)
        kept = []
        for file in files:
            if Path(file.src_dir).resolve() != docs:
                kept.append(file)  # the theme's files
            elif file.src_uri in written or file.src_uri in accepted:
                kept.append(file)
        for page in self.pages.values():
            if not page.written:
                kept.append(File.generated(config, page.src, content=to_markdown(page)))
        self._start_outputs(config)
        return Files(kept)

    def _start_outputs(self, config: MkDocsConfig) -> None:
        self.scratch = Path(tempfile.mkdtemp(prefix="naeringsgruppen-"))
        generated = [page for page in self.pages.values() if not page.written]
        self.handwritten_documents = {}
        self.outputs = Outputs(
            self.repo, generated, config.site_url or "", self.generated, self.scratch, expect_handwritten=any(p.written for p in self.pages.values())
        )
        self.outputs.start()

    # -- pages ------------------------------------------------------------------

    def on_page_markdown(self, markdown: str, *, page: EnginePage, config: MkDocsConfig, files: Files) -> str:
        # The theme prints a page's title and description as they are, and the
        # macros would read «{{» in a title as a template: a hand-written page's
        # are made text here, before either sees them.
        # MkDocs reads the front matter itself and keeps whatever YAML made of it
        # (a list as a title went into <title> as it was): the theme gets only
        # what the archive read and accepted.
        ours = self.pages.get(page.file.src_uri)
        written = self.repo.pages.get(ours.src) if ours is not None and ours.written and self.repo is not None else None
        if written is not None:
            if written.title:
                page.title = as_text(written.title)
            elif isinstance(page.title, str) and page.title:
                page.title = as_text(page.title)  # the first heading, or the file's name
            for key, value in (("title", written.title), ("description", written.description)):
                if value:
                    page.meta[key] = as_text(value)
                else:
                    page.meta.pop(key, None)
        return markdown

    def on_page_content(self, html: str, *, page: EnginePage, config: MkDocsConfig, files: Files) -> str:
        ours = self.pages.get(page.file.src_uri)
        if self.problems or ours is None or not ours.written:
            return html
        try:
            cleaned = fill_view_slots(clean_page_html(html, heading_ids(html)), Where(self.repo, ours.src, config.site_url or ""))
        except PartError as error:
            raise PluginError(f"{ours.origin.path}: en makro på siden kan ikke vises: {error}.") from None
        self.handwritten_documents[ours.src] = search.written_page_document(ours, cleaned)
        return cleaned

    def on_nav(self, nav, *, config: MkDocsConfig, files: Files):
        self.built = {"config": config, "files": files, "nav": nav}
        return nav

    def on_env(self, env, *, config: MkDocsConfig, files: Files):
        if self.built is not None:
            self.built["env"] = env
        # Every page's Markdown is read by now: the hand-written ones can join the index.
        if self.outputs is not None:
            self.outputs.add_documents({_address(src): text for src, text in self.handwritten_documents.items()})
        return env

    def on_post_page(self, output: str, *, page: EnginePage, config: MkDocsConfig) -> str:
        if self.problems:
            return output
        ours = self.pages.get(page.file.src_uri)
        if ours is not None and not ours.written and "<!--slot:" in output:
            quick = self.quick_blocks.pop(ours.src, None)
            output = fill(output, quick if quick is not None else self.outputs.blocks(ours.src))
        return self._secured(output)

    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
        # The theme's own pages (404.html) get the policy too.
        return self._secured(output_content) if template_name.endswith(".html") else output_content

    def _secured(self, html: str) -> str:
        """The page with its Content Security Policy; not in the preview, whose live-reload script is inline."""
        return html if self.serving else with_policy(html)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.problems or self.outputs is None:
            return
        try:
            self.outputs.finish(Path(config.site_dir))
        except RuntimeError as error:
            raise PluginError(f"Søkeindeksen, eksportene eller sidene kunne ikke lages: {error}. Dette er en feil i prosjektet.") from None
        finally:
            self._clean_scratch()
        if not self.serving:
            try:
                note = add_form(self.root, Path(config.site_dir))
            except ValueError as error:  # admin/tekster.yml does not fit the schema
                raise PluginError(f"Skjemaet for referater kunne ikke lages: {error} Dette er en feil i prosjektet.") from None
            if note:
                log.info(note)
        if self.serving:
            self.sources = preview.snapshot(self.root)
            self.full_rebuild_wanted = False

    def on_build_error(self, *, error: Exception) -> None:
        if self.outputs is not None:
            self.outputs.stop()
        self._clean_scratch()

    def on_shutdown(self) -> None:
        self.preview.close()

    def _clean_scratch(self) -> None:
        if self.scratch is not None:
            shutil.rmtree(self.scratch, ignore_errors=True)
            self.scratch = None

    # -- the preview ---------------------------------------------------------------

    def on_serve(self, server, *, config: MkDocsConfig, builder):
        server.builder = self._rebuild(server, builder)
        return self.preview.guard(server)

    def _rebuild(self, server, full_build):
        """MkDocs' rebuild after a save, with the saved minutes first: when only minutes
        that the site already has were changed, their pages are rebuilt at once (in
        about a second at 2,000 meetings), and MkDocs' full rebuild, which refreshes
        every page that shows them, follows a moment later."""

        def rebuild(config=None) -> None:
            if not self.full_rebuild_wanted and self.built is not None and not self.problems:
                changed = preview.changed_files(self.sources, preview.snapshot(self.root))
                if changed and self._show_saved_minutes(changed):
                    self.full_rebuild_wanted = True
                    preview.schedule_full_rebuild(server, delay=2.0)
                    return
            full_build(config)

        return rebuild

    def _show_saved_minutes(self, changed: set[str]) -> bool:
        """Rebuild the pages of the saved minutes alone; False when the save was anything else."""
        quick = preview.saved_meetings(self.root, self.repo, changed)
        if quick is None:
            return False
        repo, meetings, problems = quick
        if problems:
            self.preview.show_problems(problems)  # the full rebuild checks everything again
            return True
        from mkdocs.commands.build import _build_page, _populate_page

        built = self.built
        self.repo = repo
        for meeting in meetings:
            page = meetings_view.meeting_page(repo, meeting)
            file = built["files"].get_file_from_path(page.src)
            if file is None or file.page is None:
                return False
            self.pages[page.src] = page
            file.content_string = to_markdown(page)
            self.quick_blocks[page.src] = html_blocks(page)
            _populate_page(file.page, built["config"], built["files"])
            _build_page(file.page, built["config"], built["files"].documentation_pages(), built["nav"], built["env"])
        return True


def as_text(value: str) -> str:
    """Text the theme prints as it is: escaped, and no «{» for a template to read."""
    return str(escape(value)).replace("{", "&#123;").replace("}", "&#125;")


def _address(src: str) -> str:
    from archive.model.paths import page_url

    return page_url(src)


def _count_warnings_when_quiet(config: MkDocsConfig) -> None:
    """`mkdocs build --strict -q` must fail where `--strict` does: -q raises the
    logger's level to ERROR, so the warnings strict mode counts were never
    logged. In strict mode the logger keeps warnings and only its printer is quiet."""
    logger = logging.getLogger("mkdocs")
    if not config.strict or logger.getEffectiveLevel() <= logging.WARNING:
        return
    for handler in logger.handlers:
        if handler.level < logger.level:
            handler.setLevel(logger.level)
    logger.setLevel(logging.WARNING)
