"""Preview the site while writing: build it, serve it, rebuild on every save.

    python scripts/serve.py [--port 8000]

Serves http://127.0.0.1:PORT/ from build/preview/. Every half second it looks
for changed files in docs/, data/ and overrides/. After a save:

1. The archive is checked again. With problems, every page shows them at the
   top (path, line and message) over the last good version, and the preview
   recovers by itself once the file is fixed. The server never waits for a
   build: it always answers with what is on disk.
2. Without problems, the page of the changed minutes is rebuilt first (the
   engine's dirty build rebuilds only changed files), then the rest of the site
   and its search index follow.

Pages reload themselves when a rebuild finishes. Stop with Ctrl+C.
"""

from __future__ import annotations

import datetime as dt
import http.server
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

from _common import EXIT_PROBLEMS, ROOT, NorwegianArgumentParser, run

from archive.model.paths import DATA_DIR, DOCS_DIR, SEARCH_INDEX_DIR, SEARCH_SOURCE_DIR, SOURCE_DIR, page_url
from archive.model.repository import load_repository
from archive.site.pages import render_html, site_pages, write_sources
from archive.views import exports
from archive.views.html import Markup, concat, tag
from archive.views.pages import fill, html_blocks, to_markdown
from archive.views.search import search_aid_files, write_search_aids, write_search_sources

BIN = Path(sys.executable).parent
PREVIEW_DIR = "build/preview"
WATCHED = (DOCS_DIR, DATA_DIR, "overrides", "mkdocs.yml")
RELOAD_SCRIPT = """
(function () {
  var seen = null;
  function check() {
    fetch("/__preview/version", {cache: "no-store"}).then(function (r) { return r.text(); }).then(function (v) {
      if (seen === null) seen = v; else if (v !== seen) window.location.reload();
    }).catch(function () {}).finally(function () { setTimeout(check, 1000); });
  }
  check();
})();
"""


RELOAD_TAG = str(tag("script", "", src="/__preview/reload.js"))


class State:
    """What the server shows: the version of the last rebuild and the current problems."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.version = 0
        self.problems: list[str] = []
        self.built = False
        self.note = "Bygger nettstedet …"

    def update(self, *, problems: list[str] | None = None, built: bool | None = None, note: str | None = None) -> None:
        with self.lock:
            if problems is not None:
                self.problems = problems
            if built is not None:
                self.built = built
            if note is not None:
                self.note = note
            self.version += 1


BANNER_STYLE = (
    "position:sticky;top:0;z-index:10;background:#fff4e5;color:#3e2100;border-bottom:3px solid #8a3a00;"
    "padding:0.8rem 1.2rem;font:16px/1.4 sans-serif;max-height:50vh;overflow:auto"
)


def banner(state: State) -> str:
    """The validator's messages at the top of every page, as text."""
    with state.lock:
        problems = list(state.problems)
    if not problems:
        return ""
    shown = tag("ul", [tag("li", tag("code", problem)) for problem in problems[:50]], style="margin:0.4rem 0 0 1.2rem")
    more = ""
    if len(problems) > 50:
        more = tag("p", concat(f"… og {len(problems) - 50} til. Kjør ", tag("code", "make validate"), " for alle."))
    heading = tag("strong", f"Arkivet har {len(problems)} feil.")
    note = " Forhåndsvisningen viser siste gyldige versjon og oppdateres av seg selv når filene er rettet."
    return str(tag("div", concat(heading, note, shown, more), role="alert", style=BANNER_STYLE))


def make_handler(state: State, folder: Path):
    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(folder), **kwargs)

        def log_message(self, format, *args):  # noqa: A002 - the base class's name
            pass

        def do_GET(self):  # noqa: N802 - the base class's name
            if self.path.startswith("/__preview/version"):
                return self._send(str(state.version).encode(), "text/plain; charset=utf-8")
            if self.path.startswith("/__preview/reload.js"):
                return self._send(RELOAD_SCRIPT.encode(), "text/javascript; charset=utf-8")
            target = Path(self.translate_path(self.path))
            if target.is_dir():
                target = target / "index.html"
            if not state.built:
                return self._send(self._waiting_page(), "text/html; charset=utf-8")
            if target.suffix == ".html" and target.is_file():
                page = target.read_text(encoding="utf-8", errors="replace")
                extra = banner(state) + RELOAD_TAG
                at = page.find(">", page.find("<body")) + 1 if "<body" in page else 0
                return self._send((page[:at] + extra + page[at:]).encode("utf-8"), "text/html; charset=utf-8")
            return super().do_GET()

        def _waiting_page(self) -> bytes:
            head = concat(tag("meta", charset="utf-8"), tag("title", "Forhåndsvisning"))
            body = concat(Markup(banner(state)), tag("p", state.note, style="font:16px sans-serif;padding:1rem"), RELOAD_TAG)
            return ("<!doctype html>" + tag("html", concat(tag("head", head), tag("body", body)), lang="nb")).encode("utf-8")

        def _send(self, body: bytes, kind: str) -> None:
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

    return Handler


def fingerprint(root: Path) -> dict[str, int]:
    """Modification times of everything the site is made from."""
    found: dict[str, int] = {}
    for name in WATCHED:
        start = root / name
        if start.is_file():
            found[name] = start.stat().st_mtime_ns
            continue
        for folder, _, files in os.walk(start):
            for file in files:
                path = os.path.join(folder, file)
                try:
                    found[path] = os.stat(path).st_mtime_ns
                except OSError:
                    pass
    return found


class Builder:
    def __init__(self, root: Path, port: int, state: State):
        self.root = root
        self.state = state
        self.site = root / PREVIEW_DIR
        self.sources = root / SOURCE_DIR
        self.site_url = f"http://127.0.0.1:{port}/"

    def engine(self, dirty: bool) -> bool:
        # A dirty build rebuilds only changed files; MkDocs warns that it is one,
        # which --strict would turn into a failure, so the preview's own check
        # reads the log instead (make build stays strict).
        command = [str(BIN / "mkdocs"), "build", "--site-dir", str(self.site)] + (["--dirty"] if dirty else ["--strict"])
        result = subprocess.run(
            command, cwd=self.root, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": self.site_url}, capture_output=True, text=True
        )
        trouble = [line for line in (result.stdout + result.stderr).splitlines() if ("WARNING" in line or "ERROR" in line) and "'dirty' build" not in line]
        if result.returncode != 0 or trouble:
            self.state.update(problems=["Nettstedet kunne ikke bygges (en feil i prosjektet, ikke i filene dine):", *trouble[:20]])
            return False
        return True

    def fill(self, html: dict[str, list[str]], sources: list[str]) -> None:
        for src in sources:
            built = self.site / page_url(src) / "index.html"
            if src in html and built.is_file():
                text = built.read_text(encoding="utf-8")
                if "<!--slot:" in text:
                    temporary = built.with_suffix(".tmp")
                    temporary.write_text(fill(text, html[src]), encoding="utf-8")
                    os.replace(temporary, built)

    def rebuild(self, changed: set[str], first: bool) -> None:
        started = time.perf_counter()
        repo, problems = load_repository(self.root)
        if problems:
            self.state.update(problems=[str(p) for p in problems])
            print(f"{len(problems)} feil; viser dem øverst på hver side.", file=sys.stderr)
            return
        pages = site_pages(repo, self.site_url)
        # The pages of the minutes just saved come first: the secretary is looking at one of them.
        first_pages = [page for page in pages if f"{DOCS_DIR}/{page.src}" in changed] if not first else []
        if first_pages:
            quick = {page.src: html_blocks(page) for page in first_pages}
            for page in first_pages:
                target = self.sources / page.src
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(to_markdown(page, quick[page.src]), encoding="utf-8")
            if self.engine(dirty=True):
                self.fill(quick, list(quick))
                self.state.update(problems=[], built=True)
                print(f"{', '.join(quick)}: oppdatert på {time.perf_counter() - started:.1f} s; resten av nettstedet følger.", file=sys.stderr)
        html = render_html(pages)
        touched = write_sources(repo, pages, self.sources, html)
        if not self.engine(dirty=not first):
            return
        self.fill(html, [page.src for page in pages] if first else [src for src in touched if src in html])
        exported = exports.export_files(repo, self.site_url, dt.datetime.now(dt.UTC).replace(microsecond=0))
        (self.site / "eksport").mkdir(parents=True, exist_ok=True)
        for name, text in exported.items():
            (self.site / "eksport" / name).write_text(text, encoding="utf-8")
        documents = write_search_sources(pages, html, self.root / SEARCH_SOURCE_DIR)
        self.state.update(problems=[], built=True)
        print(f"Nettstedet er oppdatert ({len(pages)} sider) på {time.perf_counter() - started:.1f} s; søket følger.", file=sys.stderr)
        index = self.site / SEARCH_INDEX_DIR
        result = subprocess.run(
            [sys.executable, "-m", "pagefind", "--site", str(self.root / SEARCH_SOURCE_DIR), "--output-path", str(index.with_name("pagefind-ny")), "--silent"],
            capture_output=True,
            text=True,
        )
        if result.returncode == 0:
            shutil.rmtree(index, ignore_errors=True)
            os.replace(index.with_name("pagefind-ny"), index)
            write_search_aids(search_aid_files(repo, documents.values()), self.site)


def watch(builder: Builder, state: State, stop: threading.Event) -> None:
    known = fingerprint(builder.root)
    builder.rebuild(set(), first=True)
    while not stop.is_set():
        time.sleep(0.5)
        now = fingerprint(builder.root)
        if now == known:
            continue
        changed = {os.path.relpath(path, builder.root) for path in set(now) ^ set(known) | {p for p in now if known.get(p) != now[p]}}
        known = now
        try:
            builder.rebuild(changed, first=not state.built)
        except Exception as error:  # noqa: BLE001 - the preview keeps running and says what happened
            state.update(problems=[f"Uventet feil under byggingen: {type(error).__name__}: {error}"])


def parse_args(argv: list[str] | None):
    parser = NorwegianArgumentParser(
        prog="serve.py", description="Bygger nettstedet, viser det på http://127.0.0.1:PORT/ og bygger på nytt hver gang en fil lagres."
    )
    parser.add_argument("--port", type=int, default=8000, help="porten (standard: 8000)")
    parser.add_argument("--rot", default=str(ROOT), metavar="MAPPE", help="arkivets rotmappe (standard: denne kopien av arkivet)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    root = Path(args.rot).resolve()
    state = State()
    builder = Builder(root, args.port, state)
    builder.site.mkdir(parents=True, exist_ok=True)
    try:
        server = http.server.ThreadingHTTPServer(("127.0.0.1", args.port), make_handler(state, builder.site))
    except OSError as error:
        print(f"Porten {args.port} kan ikke brukes ({error.strerror}). Velg en annen: make serve PORT=8001", file=sys.stderr)
        return EXIT_PROBLEMS
    stop = threading.Event()
    watcher = threading.Thread(target=watch, args=(builder, state, stop), daemon=True)
    watcher.start()
    print(f"Forhåndsvisning på http://127.0.0.1:{args.port}/ — stopp med Ctrl+C.", file=sys.stderr)
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        server.server_close()
    return 0


if __name__ == "__main__":
    run(main, "serve.py")
