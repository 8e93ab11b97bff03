"""The whole site as files for the engine, and the finishing of what it builds.

`site_pages` lists every page: the generated ones (archive/views/__init__.py,
archive/views/registers.py), one per meeting, person and focus area, and the pages
written by hand in docs/ (rendered like minutes, with named generated parts).
`write_sources` writes them, the theme's assets, the attachments and the
exports into one folder, which mkdocs.yml names as `docs_dir`: the engine
builds exactly what was checked, and nothing else from the repository.
`finish_site` puts the HTML blocks into the pages the engine built.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
from pathlib import Path

from archive.views import exports, registers, search

from archive.model import paths, schema

from archive.views import directory, front, meetings
from archive.views.html import Markup, slug, table, tag
from archive.safety.markdown import render_markdown
from archive.views.pages import Heading, Page, fill, html_blocks, to_markdown
from archive import model
from archive.model import Located
from archive.model.paths import generated_part_name, page_url
from archive.model.problems import Problem
from archive.model.repository import Page as SourcePage
from archive.model.repository import Repository
from archive.model.scaffold import yaml_scalar

ASSETS_SOURCE = Path("overrides") / "assets"


# -- pages written by hand --------------------------------------------------------


def schema_reference(name: str) -> Markup:
    """The fields of one kind of record, for the guide, with examples written as YAML."""
    kind = schema.ALL_SCHEMAS[name]
    rows = []
    for spec in kind.fields:
        value = schema.KINDS[spec.kind] + (": " + ", ".join(spec.choices) if spec.choices else "")
        rows.append([tag("code", spec.key), "ja" if spec.required else "nei", value, spec.help, example_yaml(spec)])
    return table(["Felt", "Påkrevd", "Verdi", "Forklaring", "Eksempel"], rows, class_="field-table")


def example_yaml(spec: schema.Field) -> Markup:
    if spec.example is None:
        return Markup("")
    if isinstance(spec.example, list):
        lines = [f"{spec.key}:"] + [f"  - {yaml_scalar(item)}" for item in spec.example]
        return tag("pre", tag("code", "\n".join(lines)))
    value = f'"{spec.example}"' if spec.kind == "time" else yaml_scalar(spec.example)
    return tag("code", f"{spec.key}: {value}")


def generated_parts(site_url: str) -> dict[str, Markup]:
    """What a hand-written page may ask for with <!-- generert: navn -->."""
    parts = {
        "eksportfiler": registers.export_links(site_url),
        "datafelt": registers.open_data_fields(),
    }
    for name in ("meeting", "attachment", "person", "organisation", "group", "focus_area", "cluster", "event"):
        parts[f"felt {name}"] = schema_reference(name)
    return parts


_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


def _heading(line: str, level: int) -> str | None:
    """The text of a «# …» (level 1) or «## …» (level 2) line without its closing
    «#»s and spaces; None when the line is no such heading. With string methods:
    «^## (.+?)\\s*#*$» was quadratic in a long line (0.6 s for 9,000 spaces)."""
    marker = "#" * level + " "
    if not line.startswith(marker) or len(line) == len(marker):
        return None
    raw = line[len(marker) :]
    text = raw.rstrip()
    return text.rstrip("#").rstrip() or text[:1] or raw[:1]


def handwritten_page(page: SourcePage, parts: dict[str, Markup]) -> Page:
    """A page from docs/: its `##` headings for the contents list, the rest rendered as minutes are."""
    title = page.title or ""
    blocks: list = []
    chunk: list[str] = []

    def flush() -> None:
        text = "\n".join(chunk).strip("\n")
        if text:
            blocks.append(render_markdown(text, page.src_path, page.src_path))
        chunk.clear()

    fence = ""
    for line in page.body.split("\n"):
        if fence:
            chunk.append(line)
            if line.strip().startswith(fence):
                fence = ""
            continue
        opening = _FENCE.match(line)
        if opening:
            fence = opening.group(1)[0] * 3
            chunk.append(line)
            continue
        h1, h2, part = _heading(line, 1), _heading(line, 2), generated_part_name(line)
        if h1 and not blocks and not "".join(chunk).strip():
            title = title or h1
            blocks.append(Heading(1, h1, ""))
        elif h2:
            flush()
            blocks.append(Heading(2, h2, slug(h2)))
        elif part is not None:
            flush()
            blocks.append(parts.get(part, Markup("")))
        else:
            chunk.append(line)
    flush()
    origin = Located(page.path, 1)
    return Page(page.src_path, title or page.src_path, blocks, searchable=True, description=page.description or "", origin=origin)


# -- every page -------------------------------------------------------------------


def site_pages(repo: Repository, site_url: str) -> list[Page]:
    pages = [
        front.front_page(repo),
        meetings.meeting_archive(repo),
        meetings.meetings_by_group(repo),
        directory.focus_area_index(repo),
        *(page for area in repo.focus_areas for page in directory.focus_area_pages(repo, area)),
        directory.groups_page(repo),
        directory.cluster_directory(repo),
        directory.contacts_index(repo),
        *(directory.person_page(repo, person) for person in repo.people.values()),
        directory.organisation_list(repo),
        registers.action_register(repo),
        *registers.decision_pages(repo),
        *registers.attendance_pages(repo),
        registers.calendar_page(repo, site_url),
        *(meetings.meeting_page(repo, meeting) for meeting in repo.meetings),
    ]
    parts = generated_parts(site_url)
    pages += [handwritten_page(page, parts) for page in repo.pages.values()]
    pages.append(search.search_page(repo))  # the search (archive/views/search.py)
    return pages


def address_problems(pages: list[Page]) -> list[Problem]:
    """Every page at an address of its own. Two pages at one address and the
    engine keeps one of them without a word: a person with the id «index» took
    the contact list's place. The check reads the site's own list of pages, so
    a page the site adds later is covered without a list of reserved names."""
    first_at: dict[str, Page] = {}
    problems = []
    for page in pages:
        address = page_url(page.src)
        other = first_at.setdefault(address, page)
        if other is page:
            continue
        # Told where it was written: the generated pages come first in the list.
        blamed, kept = (page, other) if page.origin is not None else (other, page)
        if blamed.origin is None:
            raise AssertionError(f"two generated pages at {address or '/'}: {other.src}, {page.src}")
        what, fix = _described(blamed.origin)
        problems.append(
            Problem(
                blamed.origin.path,
                blamed.origin.line,
                f"{what} får adressen /{address} på nettstedet, men den brukes allerede av siden «{kept.title}», "
                f"som da ville forsvunnet. {fix}",
            )
        )
    return problems


def _described(origin: Located) -> tuple[str, str]:
    """What made the page, and how to give it another address, in the secretary's words."""
    if isinstance(origin, model.Person):
        return f"personen med id «{origin.id}»", "Gi personen en annen id (for eksempel fornavn-etternavn) og bruk den der personen er nevnt."
    if isinstance(origin, model.FocusArea):
        return f"satsingsområdet med id «{origin.id}»", "Gi satsingsområdet en annen id og bruk den der området er nevnt."
    if isinstance(origin, model.Meeting):
        return f"møtet «{origin.id}»", "Gi filen et annet navn."
    return "siden", "Gi filen et annet navn eller legg den i en annen mappe."


# -- the engine's source folder -----------------------------------------------------


def _write(path: Path, data: bytes) -> bool:
    """Write only when the content changed, so that the engine's dirty builds skip the rest."""
    try:
        if path.read_bytes() == data:
            return False
    except OSError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True


def _copy_regular_file(source: Path, target: Path) -> None:
    # The walk refused symbolic links already; opening without following one
    # makes sure no file outside the repository is published even so.
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0)
    descriptor = os.open(source, flags)
    with os.fdopen(descriptor, "rb") as handle:
        _write(target, handle.read())


def write_sources(repo: Repository, pages: list[Page], out: Path, html: dict[str, list[str]] | None = None) -> list[str]:
    """Write every page's outline, the theme's assets and the attachments into `out`,
    and remove what is no longer made. Returns the paths (below `out`) that changed.

    With the pages' `html`, the outlines carry a hash of each block (see pages.to_markdown).
    """
    wanted = {out / page.src: to_markdown(page, html[page.src] if html else None).encode("utf-8") for page in pages}
    changed = [target.relative_to(out).as_posix() for target, data in wanted.items() if _write(target, data)]
    copies: dict[Path, Path] = {}
    assets = repo.root / ASSETS_SOURCE
    for source in sorted(assets.rglob("*")) if assets.is_dir() else []:
        if source.is_file() and not source.is_symlink():
            copies[out / paths.ASSETS_DIR / source.relative_to(assets)] = source
    for src in repo.files:
        copies[out / src] = repo.root / paths.DOCS_DIR / src
    for target, source in copies.items():
        _copy_regular_file(source, target)
    keep = set(wanted) | set(copies)
    for existing in sorted(out.rglob("*"), reverse=True) if out.is_dir() else []:
        if existing.is_file() and existing not in keep:
            existing.unlink()
            changed.append(existing.relative_to(out).as_posix())
        elif existing.is_dir() and not any(existing.iterdir()):
            existing.rmdir()
    return changed


def render_html(pages: list[Page]) -> dict[str, list[str]]:
    """The HTML blocks of every page, by source path: the larger part of a build's own work."""
    return {page.src: html_blocks(page) for page in pages}


def write_slots(html: dict[str, list[str]], sources: Path) -> None:
    _write(slots_file(sources), json.dumps(html, ensure_ascii=False).encode("utf-8"))


def write_exports(repo: Repository, site_url: str, generated: dt.datetime, folder: Path) -> list[str]:
    """The calendars, the feed, the open data and its schema, as files in `folder`."""
    files = exports.export_files(repo, site_url, generated)
    for name, text in files.items():
        _write(folder / name, text.encode("utf-8"))
    return sorted(files)


def slots_file(sources: Path) -> Path:
    """Where the pages' HTML waits for the engine to finish: beside its sources, not in them."""
    return sources.parent / (sources.name + "-slots.json")


def finish_site(sources: Path, site: Path, only: set[str] | None = None) -> int:
    """Put the HTML blocks in place in the built pages; returns how many pages it filled.

    `only`: the source paths of the pages to fill (the preview fills what it rebuilt).
    """
    slots = json.loads(slots_file(sources).read_text(encoding="utf-8"))
    filled = 0
    for src, blocks in slots.items():
        if not blocks or (only is not None and src not in only):
            continue
        built = site / page_url(src) / "index.html"
        text = built.read_text(encoding="utf-8")
        if "<!--slot:" in text:
            built.write_text(fill(text, blocks), encoding="utf-8")
            filled += 1
    return filled


def clear(folder: Path) -> None:
    if folder.exists():
        shutil.rmtree(folder)
