"""The site built with Zensical, Material's successor, through an adapter of ours.

Zensical reads mkdocs.yml but runs no MkDocs plugin: it drops `plugins:` it
does not know and `hooks:` without a word, and would publish the minutes'
raw Markdown, unchecked. So Zensical never reads docs/ itself:

1. The archive is checked as for MkDocs (archive/site/plugin.py:
   `check_archive`); any problem stops the build with the validator's lines.
2. The adapter writes what the plugin hands MkDocs into build/zensical/docs/:
   an outline for every generated page, the hand-written pages (their body
   between two markers, their macros rendered by the adapter in Jinja's
   sandbox), the accepted attachments; and a configuration made from
   mkdocs.yml with that folder as docs_dir and no plugin: Zensical's own
   macros extension renders outside any sandbox, so it never sees a template.
3. Zensical builds while the HTML is made beside it (archive/site/outputs.py).
4. The comments of the outlines are filled; a hand-written page's HTML
   between the markers passes the sanitiser and gets its macros' parts;
   the exports and the search index are moved in; every page gets its
   Content Security Policy and the web form goes into admin/
   (archive/site/finishing.py).

A bare `zensical build` in the repository reads zensical.toml, whose only
Markdown extension is `makeExtension` below: it stops at the first page with
a message that says how to build, and publishes nothing. mkdocs.yml names it
too, for `zensical build -f mkdocs.yml`; under MkDocs and the adapter it does
nothing.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

from archive.model.paths import DOCS_DIR, page_url
from archive.model.problems import Problem
from archive.site.finishing import secure_and_add_form
from archive.site.handwritten import clean_page_html, fill_view_slots, heading_ids, render_macros
from archive.site.outputs import Outputs, generation_time
from archive.model.repository import WrittenPage
from archive.site.pages import check_site
from archive.site.plugin import as_text
from archive.views import search
from archive.views.page_parts import Where
from archive.views.pages import fill, to_markdown

WORK = "build/zensical"  # below the repository: the adapter's docs/, configuration and site
ADAPTER = "NAERINGSGRUPPEN_ZENSICAL_ADAPTER"  # set while the adapter runs Zensical
BODY_START = "<!--naeringsgruppen:innhold-->"
BODY_END = "<!--naeringsgruppen:slutt-->"
# From the first start marker (the adapter's, before the body) to the last end marker
# (the adapter's, after it): a page that writes the end marker itself must not end
# the cleaned part early and leave the rest of its HTML uncleaned.
_BODY = re.compile(re.escape(BODY_START) + r"(.*)" + re.escape(BODY_END), re.DOTALL)


class BuildFailed(Exception):
    """Zensical or the index failed on an archive that passed every check: a fault of the project."""


def build(root: Path, site: Path, report=print) -> list[Problem]:
    """Build the site at `root` into `site` with Zensical; the archive's problems, if any."""
    config = _project_config(root)
    site_url = config.get("site_url") or ""
    try:
        generated = generation_time()
    except ValueError as error:
        raise BuildFailed(str(error)) from None
    repo, pages, problems = check_site(root, site_url)
    if problems:
        return problems
    work = root / WORK
    shutil.rmtree(work, ignore_errors=True)
    docs = work / "docs"
    generated_pages = [page for page in pages if not page.written]
    for page in generated_pages:
        _write(docs / page.src, to_markdown(page))
    for page in repo.pages.values():
        _write(docs / page.src_path, _marked(page))
    for src in repo.files:
        target = docs / src
        target.parent.mkdir(parents=True, exist_ok=True)
        _copy_regular_file(root / DOCS_DIR / src, target)
    config_file = work / "mkdocs.yml"
    _write(config_file, yaml.safe_dump(_adapted(config, root, docs, work / "site"), allow_unicode=True, sort_keys=False))
    with tempfile.TemporaryDirectory() as scratch:
        outputs = Outputs(repo, generated_pages, site_url, generated, Path(scratch), expect_handwritten=bool(repo.pages))
        outputs.start()
        try:
            result = subprocess.run(
                [str(Path(sys.executable).parent / "zensical"), "build", "--strict", "--config-file", str(config_file)],
                cwd=root,
                env={**os.environ, ADAPTER: "1"},
                capture_output=True,
                text=True,
            )
            if result.returncode != 0:
                raise BuildFailed(result.stdout + result.stderr)
            built = work / "site"
            documents = {}
            by_src = {page.src: page for page in pages}
            for page in repo.pages.values():
                target = built / page_url(page.src_path) / "index.html"
                html = target.read_text(encoding="utf-8")
                body = _BODY.search(html)
                cleaned = clean_page_html(body.group(1), heading_ids(body.group(1))) if body else ""
                cleaned = fill_view_slots(cleaned, Where(repo, page.src_path, site_url))
                if body:
                    target.write_text(html[: body.start()] + cleaned + html[body.end() :], encoding="utf-8")
                documents[page_url(page.src_path)] = search.written_page_document(by_src[page.src_path], cleaned)
            outputs.add_documents(documents)
            for page in generated_pages:
                target = built / page_url(page.src) / "index.html"
                text = target.read_text(encoding="utf-8")
                if "<!--slot:" in text:
                    target.write_text(fill(text, outputs.blocks(page.src)), encoding="utf-8")
            outputs.finish(built)
            try:
                note = secure_and_add_form(root, built)
            except ValueError as error:  # admin/tekster.yml does not fit the schema
                raise BuildFailed(f"Skjemaet for referater kunne ikke lages: {error}") from None
            if note:
                report(note)
        except BaseException:
            outputs.stop()
            raise
    shutil.rmtree(site, ignore_errors=True)
    shutil.move(str(work / "site"), str(site))
    return []


def _project_config(root: Path) -> dict:
    """mkdocs.yml as MkDocs reads it (`!ENV` resolved, `!!python/name:` imported)."""
    from mkdocs.utils.yaml import yaml_load

    with open(root / "mkdocs.yml", encoding="utf-8") as handle:
        config = yaml_load(handle)
    if not re.match(r"^https?://", str(config.get("site_url") or "")):
        raise BuildFailed(f"site_url i mkdocs.yml er «{config.get('site_url') or ''}»; den må være en adresse som starter med http:// eller https://.")
    return config


def _adapted(config: dict, root: Path, docs: Path, site: Path) -> dict:
    """The project's configuration for Zensical: the adapter's folders, and no plugin."""
    adapted = dict(config)
    # Paths relative to the configuration's own folder: Zensical takes no others.
    adapted["docs_dir"] = os.path.relpath(docs, site.parent)
    adapted["site_dir"] = os.path.relpath(site, site.parent)
    theme = dict(adapted.get("theme") or {})
    if theme.get("custom_dir"):
        theme["custom_dir"] = os.path.relpath(root / theme["custom_dir"], site.parent)
    adapted["theme"] = theme
    # No plugin at all: the adapter renders the pages' macros itself, in Jinja's sandbox
    # (`_marked`). Zensical's macros extension renders in a plain Jinja environment,
    # where a template that got past the validator could reach Python.
    adapted["plugins"] = []
    extensions = []
    for entry in adapted.get("markdown_extensions") or []:
        if isinstance(entry, dict) and "toc" in entry:
            toc = dict(entry["toc"])
            if callable(toc.get("slugify")):
                # Zensical takes a factory by name, not the function (archive/views/html.py).
                toc["slugify"] = {"object": "archive.views.html.toc_slugify"}
            entry = {"toc": toc}
        extensions.append(entry)
    adapted["markdown_extensions"] = extensions
    return adapted


def _marked(page: WrittenPage) -> str:
    """A hand-written page for Zensical: its front matter with the title and
    description made text (Zensical prints them as they are), and its body
    between the markers the adapter cleans between."""
    # Without «title:» Zensical takes the first heading's text and prints it into
    # <title> unescaped («# Om &lt;/title&gt;&lt;img …&gt;» ran script): the adapter
    # always gives it the title, as text.
    title = page.title or _first_heading(page.body)
    meta = {"title": as_text(title)} if title else {}
    if page.description:
        meta["description"] = as_text(page.description)
    body = render_macros(page.body) if page.render_macros else page.body
    head = f"---\n{json.dumps(meta, ensure_ascii=False)}\n---\n" if meta else ""
    return f"{head}{BODY_START}\n\n{body}\n\n{BODY_END}\n"


def _first_heading(body: str) -> str | None:
    """The text of a page's first top-level heading, as a reader sees it."""
    import html

    import markdown

    found = re.search(r"<h1[^>]*>(.*?)</h1>", markdown.markdown(body, extensions=["fenced_code"]), re.DOTALL)
    return " ".join(html.unescape(re.sub(r"<[^>]*>", "", found.group(1))).split()) or None if found else None


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _copy_regular_file(source: Path, target: Path) -> None:
    # The walk refused symbolic links already; not following one here makes sure
    # no file outside the repository is published even so.
    descriptor = os.open(source, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    with os.fdopen(descriptor, "rb") as handle:
        target.write_bytes(handle.read())


# -- a bare `zensical build` (zensical.toml) ------------------------------------------

STOP_MESSAGE = (
    "zensical build: dette nettstedet bygges ikke med Zensical alene. Zensical kjører ikke prosjektets "
    "MkDocs-tillegg, og ville publisert referatene usjekket. Bygg med «make build-zensical» "
    "(python scripts/build_site.py --engine zensical), eller med «mkdocs build».\n"
    "zensical build: this site is not built by Zensical alone (it drops the project's MkDocs plugin and would "
    "publish the minutes unchecked). Build with `make build-zensical` or `mkdocs build`."
)


def makeExtension(**kwargs):  # noqa: N802 - the name Python-Markdown looks for
    from markdown import Extension

    class StopBareZensical(Extension):
        # Named in zensical.toml and in mkdocs.yml (`zensical build -f mkdocs.yml`
        # ran the pages' macros with no validator and no sandbox). Under MkDocs,
        # where the project's plugin does the work, it does nothing.
        def extendMarkdown(self, md):  # noqa: N802 - Python-Markdown's name
            if "zensical" in sys.modules and os.environ.get(ADAPTER) != "1":
                print(STOP_MESSAGE, file=sys.stderr, flush=True)
                os._exit(2)

    return StopBareZensical(**kwargs)
