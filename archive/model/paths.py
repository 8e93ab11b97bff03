"""Where things live: the source folders, and the pages the site generates.

The model checks that no hand-written page takes a generated page's place;
the views and the site writer put their pages here. Paths are below docs/
(the source) or below the site's root, with directory URLs (`a/b.md` is
served as `a/b/`).
"""

from __future__ import annotations

DATA_DIR = "data"
DOCS_DIR = "docs"
MEETINGS_DIR = "moter"  # below docs/

# Generated pages, below the site's source root.
FRONT_PAGE = "index.md"
ARCHIVE_PAGE = "moter/index.md"
ARCHIVE_BY_GROUP_PAGE = "moter/etter-gruppe.md"
CALENDAR_PAGE = "kalender/index.md"
FOCUS_AREAS_PAGE = "satsingsomrader/index.md"
GROUPS_PAGE = "grupper/index.md"
CLUSTERS_PAGE = "klynger/index.md"
CONTACTS_PAGE = "kontakter/index.md"
ORGANISATIONS_PAGE = "kontakter/organisasjoner.md"
ACTIONS_PAGE = "oppfolging/index.md"
DECISIONS_PAGE = "vedtak/index.md"
ATTENDANCE_PAGE = "oppmote/index.md"
SEARCH_PAGE = "sok/index.md"
OPEN_DATA_PAGE = "data/index.md"
GUIDE_PAGE = "veiledning/index.md"

EXPORT_DIR = "eksport"  # calendars, feed and open data
SEARCH_INDEX_DIR = "pagefind"  # below the site: the search index and its scripts

# Folders whose pages are all generated: a hand-written page there is refused.
GENERATED_FOLDERS = (
    "satsingsomrader/",
    "kontakter/",
    "vedtak/",
    "oppmote/",
    "oppfolging/",
    "sok/",
    "grupper/",
    "klynger/",
    "kalender/",
    "eksport/",
    "assets/",
    "pagefind/",
)
GENERATED_PAGES = frozenset(
    {
        FRONT_PAGE,
        ARCHIVE_PAGE,
        ARCHIVE_BY_GROUP_PAGE,
        CALENDAR_PAGE,
        FOCUS_AREAS_PAGE,
        GROUPS_PAGE,
        CLUSTERS_PAGE,
        CONTACTS_PAGE,
        ORGANISATIONS_PAGE,
        ACTIONS_PAGE,
        DECISIONS_PAGE,
        ATTENDANCE_PAGE,
        SEARCH_PAGE,
    }
)


def focus_area_page(area_id: str) -> str:
    return f"satsingsomrader/{area_id}.md"


def focus_area_year_page(area_id: str, year: int) -> str:
    return f"satsingsomrader/{area_id}/{year}.md"


def person_page(person_id: str) -> str:
    return f"kontakter/{person_id}.md"


def decisions_year_page(year: int) -> str:
    return f"vedtak/{year}.md"


def attendance_year_page(year: int) -> str:
    return f"oppmote/{year}.md"


def is_generated(src: str) -> bool:
    """Whether `src` (below the site's source root) is, or would be served at the
    address of, something the site makes itself. «kalender.md» is served as
    kalender/, the calendar's address, and the engine kept only one of the two;
    «pagefind.md» or a picture in pagefind/ made the folder the search index
    is moved into, and the index went one level down."""
    if src in GENERATED_PAGES or src.startswith(GENERATED_FOLDERS):
        return True
    if not src.endswith(".md"):
        return False
    address = page_url(src)
    return address in _GENERATED_ADDRESSES or address in GENERATED_FOLDERS


# -- URLs ------------------------------------------------------------------------


def page_url(src: str) -> str:
    """The directory URL of a page, relative to the site root: 'a/b.md' → 'a/b/'."""
    path = src[:-3] if src.endswith(".md") else src
    if path == "index":
        return ""
    if path.endswith("/index"):
        return path[: -len("index")]
    return path + "/"


def _to_root(here: str) -> str:
    """From the page `here` back to the site's root: '../' for each folder of its URL."""
    return "../" * page_url(here).count("/")


def url(here: str, target: str, anchor: str = "") -> str:
    """Relative URL from page `here` to page `target` (both source paths)."""
    # Always by way of the root, never "#anchor" alone: the same link then
    # serves every page at the same depth (views cache links by depth).
    return (_to_root(here) + page_url(target) or "./") + (f"#{anchor}" if anchor else "")


def file_url(here: str, target: str) -> str:
    """Relative URL from page `here` to a static file (a source path)."""
    return _to_root(here) + target


_GENERATED_ADDRESSES = frozenset(page_url(page) for page in GENERATED_PAGES)
