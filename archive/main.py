"""The site adapter: registers the model's views as macros.

mkdocs-macros calls `define_env` once per build; Zensical calls it once per
page, so the loaded repository is cached on the model package (which stays
imported) and reloaded only when a data or meeting file changes.

Meeting pages are never rendered as templates (`render_by_default: false` in
mkdocs.yml, and forced off below), so `{{ 7*7 }}` in minutes shows as typed.
Their header card and agenda boxes are added by the macros plugin's page
hooks below under MkDocs, and by archive/zensical_meetings.py under Zensical,
which does not run those hooks (see README: Site engines).
"""

from __future__ import annotations

import posixpath
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from archive import registers, views  # noqa: E402
from archive.problems import InvalidRepository  # noqa: E402
from archive.repository import DATA_DIR, DOCS_DIR, MEETINGS_DIR, Repository, load_repository  # noqa: E402

_cache: dict[str, tuple[tuple, Repository]] = {}


def _fingerprint(root: Path) -> tuple:
    paths = [root / DATA_DIR, *sorted((root / DATA_DIR).glob("*.yaml"))]
    meetings = root / DOCS_DIR / MEETINGS_DIR
    paths += [meetings, *sorted(p for p in meetings.rglob("*") if p.is_dir())] if meetings.is_dir() else []
    return tuple((str(p), p.stat().st_mtime_ns) for p in paths if p.exists())


def repository(root: Path = ROOT) -> Repository:
    """The loaded, validated repository; raises InvalidRepository on any problem."""
    key = str(root)
    fingerprint = _fingerprint(root)
    cached = _cache.get(key)
    if cached and cached[0] == fingerprint:
        return cached[1]
    repo, problems = load_repository(root)
    if problems:
        raise _build_error(InvalidRepository(problems))
    _cache[key] = (fingerprint, repo)
    return repo


def _build_error(error: InvalidRepository) -> Exception:
    # MkDocs prints a PluginError as one clean message, without a traceback.
    try:
        from mkdocs.exceptions import PluginError
    except ImportError:  # another engine
        return error
    return PluginError(str(error))


def _current_page(env) -> str:
    """The path below docs/ of the page being rendered, in either engine."""
    page = getattr(env, "page", None)
    file = getattr(page, "file", None)
    if file is not None:
        return file.src_uri
    # Zensical: it reads relative links in the page's HTML as relative to the
    # source file's folder and rewrites them for the page's own URL. Links
    # computed for the folder's index page come out right after that rewrite.
    path = str(getattr(page, "path", "") or "")
    folder = posixpath.dirname(path)
    return f"{folder}/index.md" if folder else "index.md"


# The repository of the build in progress. MkDocs calls define_env once per
# build (and again on every rebuild under `mkdocs serve`); the page hooks below
# run once or twice per page and use this instead of calling repository(),
# whose change check walks every meeting folder: per page, that made the build
# quadratic in the archive's size (found by scripts/bench.py).
_this_build: Repository | None = None


# Views of the whole archive, each called as view(repo, here): one macro each,
# under the same name, for the pages in docs/ to call.
ARCHIVE_VIEWS = {
    view.__name__: view
    for view in (
        views.front_page,
        views.meeting_archive,
        views.meetings_by_group,
        views.focus_area_list,
        views.groups_page,
        views.cluster_directory,
        views.contacts_directory,
        views.organisation_list,
        registers.action_register,
        registers.decision_register,
        registers.attendance_page,
        registers.calendar_page,
    )
}


def _for_this_page(env, view, repo):
    def macro() -> str:
        return view(repo, _current_page(env))

    return macro


def define_env(env) -> None:
    global _this_build
    repo = _this_build = repository()
    env.variables["archive_meeting_count"] = len(repo.meetings)
    for name, view in ARCHIVE_VIEWS.items():
        env.macro(_for_this_page(env, view, repo), name)
    env.macro(lambda area_id: views.focus_area_page(repo, area_id, _current_page(env)), "focus_area_page")
    env.macro(lambda: registers.export_links(_current_page(env)), "export_links")
    env.macro(views.schema_reference, "schema_reference")
    env.macro(registers.open_data_fields, "open_data_fields")


def _build_repository() -> Repository:
    return _this_build if _this_build is not None else repository()


def meeting_at(src: str, repo: Repository | None = None):
    """The meeting whose file is `src` (path below docs/), or None."""
    if not src.startswith(MEETINGS_DIR + "/") or src.endswith("index.md"):
        return None
    return (repo or _build_repository()).meetings_by_src.get(src)


def _meeting_for(env):
    return meeting_at(_current_page(env))


def on_pre_page_macros(env) -> None:
    # Minutes are text, never template code, whatever their front matter says.
    if _meeting_for(env) is not None:
        env.page.meta["render_macros"] = False


def on_post_page_macros(env) -> None:
    meeting = _meeting_for(env)
    if meeting is not None:
        env.markdown = views.meeting_page(_build_repository(), meeting, env.markdown)
