"""Build the site: check the archive, write the engine's sources, build, finish, index.

    python scripts/build_site.py                     # MkDocs, into site/
    python scripts/build_site.py --engine zensical   # the same site with Zensical
    python scripts/build_site.py --site-dir DIR      # somewhere else

1. Loads and checks every minutes, page and data file (as scripts/validate.py);
   any problem stops the build with the validator's `path:line: message`.
2. Writes every page, the theme's assets, the attachments and the exports
   into build/docs/ (archive/site/pages.py), which mkdocs.yml names as docs_dir.
3. Runs the engine in strict mode; any warning stops the build.
4. Puts the generated HTML into the built pages (archive/views/pages.py).
5. Builds the search index with Pagefind from the same HTML, in build/search/
   (archive/views/search.py), at the same time as the engine runs, and writes the
   search's vocabulary and names beside it (sok/ord/).
6. Gives every page a Content Security Policy (archive/safety/csp.py) and
   writes the secretary's web form into admin/ (archive/admin/build.py) from
   the bundle `make admin` made; without the bundle the site is built without
   the form, and the build says so.

Exit 0 when built, 1 when the archive has problems, 2 when the engine or the
index fails (a fault of this project, not of the minutes).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import EXIT_PROBLEMS, EXIT_UNEXPECTED, ROOT, NorwegianArgumentParser, plural, run

from archive.admin.build import BUNDLE_DIR, SITE_FOLDER, repository_name, write_form
from archive.admin.build import SOURCE_DIR as FORM_SOURCE_DIR
from archive.model.paths import EXPORT_DIR, SEARCH_INDEX_DIR, SEARCH_SOURCE_DIR, SOURCE_DIR
from archive.model.repository import load_repository
from archive.safety.csp import with_policy
from archive.site.pages import address_problems, finish_site, render_html, site_pages, write_slots, write_sources
from archive.views import exports, search

BIN = Path(sys.executable).parent
ENGINES = ("mkdocs", "zensical")


def parse_args(argv: list[str] | None):
    parser = NorwegianArgumentParser(prog="build_site.py", description="Sjekker arkivet og bygger nettstedet med søk.")
    parser.add_argument("--engine", choices=ENGINES, default="mkdocs", help="byggeverktøy (standard: mkdocs)")
    parser.add_argument("--site-dir", metavar="MAPPE", help="hvor nettstedet skal bygges (standard: site/ i rotmappen)")
    parser.add_argument("--rot", default=str(ROOT), metavar="MAPPE", help="arkivets rotmappe (standard: denne kopien av arkivet)")
    parser.add_argument("--tider", metavar="FIL", help="skriv hvor lang tid hver del tok til FIL som JSON (for make bench)")
    return parser.parse_args(argv)


def generation_time(environ):
    import datetime as dt

    epoch = environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
        except ValueError:
            raise SystemExit(f"SOURCE_DATE_EPOCH er «{epoch}»; den må være et helt antall sekunder siden 1970.") from None
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def engine_command(engine: str, site: Path) -> list[str]:
    if engine == "zensical":
        return [str(BIN / "zensical"), "build", "--strict"]
    return [str(BIN / "mkdocs"), "build", "--strict", "--site-dir", str(site)]


def search_command(root: Path, site: Path) -> list[str]:
    return [sys.executable, "-m", "pagefind", "--site", str(root / SEARCH_SOURCE_DIR), "--output-path", str(site / SEARCH_INDEX_DIR), "--silent"]


def _lower_priority() -> None:
    try:
        os.nice(10)
    except OSError:
        pass


def engine_problems(output: str) -> list[str]:
    """Warnings and errors in the engine's log: under --strict, each one fails the build."""
    lines = output.splitlines()
    return [line for line in lines if "WARNING" in line or "ERROR" in line or "Error" in line]


def secure_and_add_form(root: Path, site: Path) -> str:
    """Every built page gets its Content Security Policy, then the web form goes into admin/ with its own.

    Returns what to add to the build's report. (The MkDocs plugin will make
    these two calls once it finishes the pages.)
    """
    for page in site.rglob("*.html"):
        page.write_text(with_policy(page.read_text(encoding="utf-8")), encoding="utf-8")
    bundle = root / BUNDLE_DIR
    if not (bundle / "main.js").is_file():
        return f" Skjemaet for referater er ikke med: {BUNDLE_DIR}/ mangler (make admin lager det)."
    write_form(bundle, site / SITE_FOLDER, root / FORM_SOURCE_DIR, repo=repository_name(os.environ))
    return ""


def build(root: Path, engine: str, site: Path, report=print, timings: Path | None = None) -> int:
    started = time.perf_counter()
    repo, problems = load_repository(root)
    annotate = os.environ.get("GITHUB_ACTIONS") == "true"
    if problems:
        for problem in problems:
            print(problem, file=sys.stderr)
            if annotate:
                print(problem.github_annotation(), file=sys.stderr)
        print(f"Fant {plural(len(problems), 'feil', 'feil')}; nettstedet bygges ikke før de er rettet (se make validate).", file=sys.stderr)
        return EXIT_PROBLEMS
    config = root / "mkdocs.yml"
    try:
        site_url = exports.site_url_from_config(config.read_text(encoding="utf-8"), os.environ)
    except ValueError as error:
        print(f"mkdocs.yml: {error}", file=sys.stderr)
        return EXIT_PROBLEMS
    sources = root / SOURCE_DIR
    pages = site_pages(repo, site_url)
    problems = address_problems(pages)
    if problems:
        for problem in problems:
            print(problem, file=sys.stderr)
        print(f"Fant {plural(len(problems), 'feil', 'feil')}; nettstedet bygges ikke før de er rettet (se make validate).", file=sys.stderr)
        return EXIT_PROBLEMS
    write_sources(repo, pages, sources)
    outlined = time.perf_counter()
    # The engine needs only the outlines: it runs while this process makes the
    # pages' HTML, the search index's documents and the exports on the other core.
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    target = site if engine == "mkdocs" else root / "site"
    shutil.rmtree(target, ignore_errors=True)
    with tempfile.TemporaryDirectory() as scratch:
        # The log goes to a file: through a pipe nobody reads yet, the engine
        # would stop at the first 64 KB of it and wait.
        engine_log = open(Path(scratch) / "engine.log", "w+", encoding="utf-8")
        engine_run = subprocess.Popen(engine_command(engine, target), cwd=root, env=env, stdout=engine_log, stderr=subprocess.STDOUT, text=True)
        html = render_html(pages)
        write_slots(html, sources)
        documents = search.write_search_sources(pages, html, root / SEARCH_SOURCE_DIR)
        index_log = open(Path(scratch) / "index.log", "w+", encoding="utf-8")
        # Lower priority: the engine is the longest part of the build and should not wait for the index.
        index_run = subprocess.Popen(
            search_command(root, Path(scratch)), cwd=root, stdout=index_log, stderr=subprocess.STDOUT, text=True, preexec_fn=_lower_priority
        )
        export_files = exports.export_files(repo, site_url, generation_time(os.environ))
        rendered = time.perf_counter()
        engine_run.wait()
        engine_log.seek(0)
        engine_output = engine_log.read()
        failures = engine_problems(engine_output)
        if engine_run.returncode != 0 or failures:
            index_run.kill()
            print(engine_output, file=sys.stderr)
            print(
                f"{engine} kunne ikke bygge nettstedet. Arkivet er i orden, så dette er en feil i prosjektet; send meldingen til den som vedlikeholder nettstedet.",
                file=sys.stderr,
            )
            return EXIT_UNEXPECTED
        if target != site:
            shutil.rmtree(site, ignore_errors=True)
            shutil.move(str(target), str(site))
        built = time.perf_counter()
        finish_site(sources, site)
        (site / EXPORT_DIR).mkdir(exist_ok=True)
        for name, text in export_files.items():
            (site / EXPORT_DIR / name).write_text(text, encoding="utf-8")
        # The search's vocabulary and names (archive/views/search.py), made while Pagefind finishes.
        search_aids = search.search_aid_files(repo, documents.values())
        index_run.wait()
        if index_run.returncode != 0:
            index_log.seek(0)
            print(index_log.read(), file=sys.stderr)
            print("Søkeindeksen kunne ikke lages (Pagefind). Dette er en feil i prosjektet.", file=sys.stderr)
            return EXIT_UNEXPECTED
        shutil.move(str(Path(scratch) / SEARCH_INDEX_DIR), str(site / SEARCH_INDEX_DIR))
        search.write_search_aids(search_aids, site)
        form_note = secure_and_add_form(root, site)
        engine_log.close()
        index_log.close()
    done = time.perf_counter()
    if timings:
        parts = {"load": outlined - started, "render": rendered - outlined, "engine": built - outlined, "finish": done - built, "total": done - started}
        timings.write_text(json.dumps(parts), encoding="utf-8")
    report(
        f"Bygget {plural(len(pages), 'side', 'sider')} ({plural(len(repo.meetings), 'møte', 'møter')}) med {engine} og søk til {site} på {done - started:.1f} s: "
        f"innlesing og sjekk {outlined - started:.1f} s, sidene {rendered - outlined:.1f} s mens {engine} bygget i {built - outlined:.1f} s, "
        f"ferdigstilling og søkeindeks {done - built:.1f} s.{form_note}"
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    root = Path(args.rot).resolve()
    site = Path(args.site_dir).resolve() if args.site_dir else root / "site"
    return build(root, args.engine, site, timings=Path(args.tider) if args.tider else None)


if __name__ == "__main__":
    run(main, "build_site.py")
