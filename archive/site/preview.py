"""The preview under `mkdocs serve`: problems on every page, and only its own host.

While a file is invalid, the preview keeps serving the last good build and
puts the validator's messages at the top of every page it serves; with no good
build yet, every page is a page of the messages. It reloads by itself when the
file is fixed (MkDocs' own live reload). It answers only requests addressed to
the host it listens on: a web page elsewhere cannot read the drafts through
DNS rebinding (MkDocs' server does not check `Host:`).
"""

from __future__ import annotations

import shutil
import tempfile
import threading
from pathlib import Path

from mkdocs.structure.files import Files

from archive.model.problems import Problem
from archive.views.html import Markup, concat, tag

BANNER_STYLE = (
    "position:sticky;top:0;z-index:10;background:#fff4e5;color:#3e2100;border-bottom:3px solid #8a3a00;"
    "padding:0.8rem 1.2rem;font:16px/1.4 sans-serif;max-height:50vh;overflow:auto"
)
SHOWN = 50


def banner(problems: list[Problem]) -> Markup:
    """The validator's messages as text, for the top of every page."""
    shown = tag("ul", [tag("li", tag("code", str(problem))) for problem in problems[:SHOWN]], style="margin:0.4rem 0 0 1.2rem")
    more = tag("p", concat(f"… og {len(problems) - SHOWN} til. Kjør ", tag("code", "make validate"), " for alle.")) if len(problems) > SHOWN else ""
    heading = tag("strong", f"Arkivet har {len(problems)} feil.")
    note = " Forhåndsvisningen viser siste gyldige versjon og oppdateres av seg selv når filene er rettet."
    return tag("div", concat(heading, note, shown, more), role="alert", style=BANNER_STYLE)


def problems_page(problems: list[Problem]) -> bytes:
    """A whole page of the messages, while there is no good build to show them over."""
    body = concat(
        tag("h1", "Forhåndsvisningen venter på at filene blir rettet"),
        banner(problems),
        tag("p", "Siden lastes inn på nytt av seg selv når feilene er rettet."),
    )
    page = concat(Markup("<!doctype html>"), tag("html", tag("head", tag("meta", charset="utf-8") + tag("title", "Feil i arkivet")) + tag("body", body), lang="nb"))
    return str(page).encode("utf-8")


class Preview:
    """The state the preview's server reads: the problems of the latest save."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._problems: list[Problem] = []
        self._aside: str | None = None
        self.allowed_hosts: set[str] = set()

    def show_problems(self, problems: list[Problem]) -> None:
        with self._lock:
            self._problems = list(problems)

    @property
    def problems(self) -> list[Problem]:
        with self._lock:
            return list(self._problems)

    def build_aside(self, config):
        """While a file is invalid, the build writes nothing where the server reads
        (MkDocs empties its folder before it builds): it builds into a folder of its
        own, and the last good site stays served."""
        if self._aside is None:
            self._aside = tempfile.mkdtemp(prefix="naeringsgruppen-ugyldig-")
        config.site_dir = self._aside
        return config

    def close(self) -> None:
        if self._aside is not None:
            shutil.rmtree(self._aside, ignore_errors=True)
            self._aside = None

    def files_while_invalid(self, files: Files, config) -> Files:
        return Files([])

    def guard(self, server):
        """Wrap the server's application: its own host only, and the problems on every page."""
        host, port = server.server_address[:2]
        self.allowed_hosts = {f"{name}:{port}" for name in {host, "localhost", "127.0.0.1", "[::1]"}}
        inner = server.get_app()
        server.set_app(self._application(inner))
        return server

    def _application(self, inner):
        def application(environ, start_response):
            if environ.get("HTTP_HOST", "") not in self.allowed_hosts:
                message = "Forhåndsvisningen svarer bare på sin egen adresse.".encode()
                start_response("421 Misdirected Request", [("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", str(len(message)))])
                return [message]
            problems = self.problems
            path = environ.get("PATH_INFO", "")
            if not problems or path.startswith("/livereload/") or not _is_page(path):
                return inner(environ, start_response)
            captured: dict = {}

            def capture(status, headers, exc_info=None):
                captured["status"], captured["headers"] = status, headers
                return lambda data: None

            body = b"".join(inner(environ, capture))
            if captured.get("status", "").startswith("200"):
                body = _with_banner(body, problems)
            else:
                body = _with_live_reload(problems_page(problems), body)
            headers = [(k, v) for k, v in captured.get("headers", []) if k.lower() not in ("content-length", "content-type")]
            start_response("200 OK", [*headers, ("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body)))])
            return [body]

        return application


def _is_page(path: str) -> bool:
    last = path.rsplit("/", 1)[-1]
    return not last or last.endswith(".html") or "." not in last


def _with_banner(page: bytes, problems: list[Problem]) -> bytes:
    marker = page.find(b"<body")
    if marker < 0:
        return page
    end = page.find(b">", marker) + 1
    return page[:end] + str(banner(problems)).encode("utf-8") + page[end:]


def _with_live_reload(page: bytes, served: bytes) -> bytes:
    """The problems page, with the live-reload script of MkDocs' own answer (its 404 page
    carries none when nothing is built: then the page asks for itself every two seconds)."""
    start = served.rfind(b"<script>")
    script = served[start : served.find(b"</script>", start) + 9] if start >= 0 and b"livereload" in served[start:] else b""
    if not script:
        script = b'<meta http-equiv="refresh" content="2">'
    return page.replace(b"</body>", script + b"</body>")



# -- the saved minutes first --------------------------------------------------------

WATCHED = ("docs", "data", "overrides", "macros", "mkdocs.yml")


def snapshot(root: Path) -> dict[str, tuple[int, int]]:
    """Every file the site is made from, with its time and size: what a save changes."""
    found: dict[str, tuple[int, int]] = {}
    for name in WATCHED:
        top = root / name
        paths = [top] if top.is_file() else (p for p in top.rglob("*") if p.is_file()) if top.is_dir() else []
        for path in paths:
            stat = path.stat()
            found[path.relative_to(root).as_posix()] = (stat.st_mtime_ns, stat.st_size)
    return found


def changed_files(before: dict[str, tuple[int, int]], now: dict[str, tuple[int, int]]) -> set[str]:
    return {path for path in before.keys() | now.keys() if before.get(path) != now.get(path)}


def schedule_full_rebuild(server, delay: float) -> None:
    """Ask MkDocs' server for its ordinary rebuild a little later, once the browser has
    the saved page. (MkDocs 1.6, the last 1.x, is pinned: its server's fields are stable.)"""

    def ask() -> None:
        condition = getattr(server, "_rebuild_cond", None)
        if condition is None:
            return
        with condition:
            server._want_rebuild = True
            condition.notify_all()

    timer = threading.Timer(delay, ask)
    timer.daemon = True
    timer.start()



def saved_meetings(root: Path, repo, changed: set[str]):
    """When every changed file is minutes the archive already has: the archive with
    them read again, those meetings, and their problems. None otherwise (a new or
    deleted file, data, a page, the theme: the full rebuild does those)."""
    from archive.model.repository import read_minutes_again

    known = {meeting.path for meeting in repo.meetings}
    if not changed or not all(path in known and (root / path).is_file() for path in changed):
        return None
    return read_minutes_again(repo, sorted(changed))
