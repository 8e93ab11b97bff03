"""The site's own list of pages, and the check that each has an address of its own.

`site_pages` lists every page of the site: the generated ones (archive/views/),
one per meeting, person and focus area, and the pages written by hand in docs/
(the guide, open data), which the engine renders from their Markdown (see
archive/site/handwritten.py). The engines build from this list (the MkDocs
plugin, archive/site/plugin.py, and the Zensical adapter,
archive/site/zensical.py), and validate.py checks it with `address_problems`.
"""

from __future__ import annotations

from pathlib import Path

from archive import model
from archive.model import Located
from archive.model.paths import page_url
from archive.model.problems import Problem
from archive.model.repository import Repository, WrittenPage, load_repository
from archive.views import directory, front, meetings, registers, search
from archive.safety.templates import macro_calls, report_template
from archive.views.page_parts import PARTS, PartError, Where
from archive.views.pages import Page


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
    pages.append(search.search_page(repo))  # the search (archive/views/search.py)
    pages += [handwritten_page(page) for page in repo.pages.values()]
    return pages


def handwritten_page(page: WrittenPage) -> Page:
    """A page written in docs/: its place in the list, with nothing of its own to render
    (the engine renders its Markdown)."""
    return Page(page.src_path, page.title or page.src_path, searchable=True, description=page.description or "", origin=Located(page.path, 1), written=True)


def check_site(root: Path, site_url: str) -> tuple[Repository, list[Page], list[Problem]]:
    """The archive at `root`, the site's pages, and every problem that stops the build:
    what validate.py reports and both engines refuse to build."""
    repo, problems = load_repository(root)
    if problems:
        return repo, [], problems
    pages = site_pages(repo, site_url)
    return repo, pages, sorted(site_problems(repo, pages))


def site_problems(repo: Repository, pages: list[Page]) -> list[Problem]:
    """What only the site's own list of pages shows: two pages at one address,
    and a page's macros that the site does not have."""
    problems = address_problems(pages)
    for page in repo.pages.values():
        if page.render_macros:
            problems += _macro_problems(repo, page)
    return problems


def _macro_problems(repo: Repository, page: WrittenPage) -> list[Problem]:
    """Anything but calls of the site's macros, and calls the parts refuse (a group
    that does not exist, an argument a part does not take), each with its line."""
    problems: list[Problem] = []

    def report(line: int, message: str) -> None:
        problems.append(Problem(page.path, line, message))

    report_template(page.body, page.body_first_line, report, PARTS)
    where = Where(repo, page.src_path, "")
    for line, name, args, kwargs in macro_calls(page.body, PARTS):
        try:
            PARTS[name](where, *args, **kwargs)
        except (PartError, TypeError) as error:
            report(page.body_first_line + line - 1, f"makroen «{name}»: {error}.")
    return problems


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


