"""Build the site: check the archive, write the engine's sources, build, finish, index.

    python scripts/build_site.py                     # MkDocs, into site/
    python scripts/build_site.py --engine zensical   # the same site with Zensical
    python scripts/build_site.py --site-dir DIR      # somewhere else

1. Loads and checks every minutes, page and data file (as scripts/validate.py);
   any problem stops the build with the validator's `path:line: message`.
2. Writes every page, the theme's assets, the attachments and the exports
   into build/docs/ (archive/site.py), which mkdocs.yml names as docs_dir.
3. Runs the engine in strict mode; any warning stops the build.
4. Puts the generated HTML into the built pages (archive/pages.py).
5. Builds the search index with Pagefind from the finished pages.

Exit 0 when built, 1 when the archive has problems, 2 when the engine or the
index fails (a fault of this project, not of the minutes).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

from _common import EXIT_PROBLEMS, EXIT_UNEXPECTED, ROOT, NorwegianArgumentParser, plural, run

from archive import exports
from archive.paths import SOURCE_DIR, page_url
from archive.repository import load_repository
from archive.site import finish_site, site_pages, write_sources

BIN = Path(sys.executable).parent
ENGINES = ("mkdocs", "zensical")


def parse_args(argv: list[str] | None):
    parser = NorwegianArgumentParser(prog="build_site.py", description="Sjekker arkivet og bygger nettstedet med søk.")
    parser.add_argument("--engine", choices=ENGINES, default="mkdocs", help="byggeverktøy (standard: mkdocs)")
    parser.add_argument("--site-dir", metavar="MAPPE", help="hvor nettstedet skal bygges (standard: site/ i rotmappen)")
    parser.add_argument("--rot", default=str(ROOT), metavar="MAPPE", help="arkivets rotmappe (standard: denne kopien av arkivet)")
    return parser.parse_args(argv)


def generation_time(environ):
    import datetime as dt

    epoch = environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc)
        except ValueError:
            raise SystemExit(f"SOURCE_DATE_EPOCH er «{epoch}»; den må være et helt antall sekunder siden 1970.") from None
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0)


def engine_command(engine: str, site: Path) -> list[str]:
    if engine == "zensical":
        return [str(BIN / "zensical"), "build", "--strict"]
    return [str(BIN / "mkdocs"), "build", "--strict", "--site-dir", str(site)]


def search_glob(pages) -> str:
    """The built pages Pagefind reads: the folders of the searchable pages, not the registers."""
    patterns = set()
    for page in pages:
        if page.searchable:
            folders = page_url(page.src).rstrip("/").split("/")
            patterns.add("/".join([*folders[:-1], "*"] if len(folders) > 1 else folders) + "/index.html")
    return "{" + ",".join(sorted(patterns)) + "}"


def engine_problems(result: subprocess.CompletedProcess) -> list[str]:
    """Warnings and errors in the engine's log: under --strict, each one fails the build."""
    lines = (result.stdout + result.stderr).splitlines()
    return [line for line in lines if "WARNING" in line or "ERROR" in line or "Error" in line]


def build(root: Path, engine: str, site: Path, report=print) -> int:
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
    pages = site_pages(repo, site_url)
    write_sources(repo, site_url, generation_time(os.environ), root / SOURCE_DIR, pages)
    generated = time.perf_counter()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    target = site if engine == "mkdocs" else root / "site"
    result = subprocess.run(engine_command(engine, target), cwd=root, env=env, capture_output=True, text=True)
    failures = engine_problems(result)
    if result.returncode != 0 or failures:
        print(result.stdout + result.stderr, file=sys.stderr)
        print(f"{engine} kunne ikke bygge nettstedet. Arkivet er i orden, så dette er en feil i prosjektet; send meldingen til den som vedlikeholder nettstedet.", file=sys.stderr)
        return EXIT_UNEXPECTED
    if target != site:
        shutil.rmtree(site, ignore_errors=True)
        shutil.move(str(target), str(site))
    built = time.perf_counter()
    finish_site(root / SOURCE_DIR, site)
    index = subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site), "--silent", "--glob", search_glob(pages)], cwd=root, capture_output=True, text=True)
    if index.returncode != 0:
        print(index.stdout + index.stderr, file=sys.stderr)
        print("Søkeindeksen kunne ikke lages (Pagefind).", file=sys.stderr)
        return EXIT_UNEXPECTED
    done = time.perf_counter()
    report(
        f"Bygget {plural(len(pages), 'side', 'sider')} ({plural(len(repo.meetings), 'møte', 'møter')}) til {site} med {engine} på {done - started:.1f} s "
        f"(sider {generated - started:.1f} s, {engine} {built - generated:.1f} s, søk {done - built:.1f} s)."
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    root = Path(args.rot).resolve()
    site = Path(args.site_dir).resolve() if args.site_dir else root / "site"
    return build(root, args.engine, site)


if __name__ == "__main__":
    run(main, "build_site.py")
