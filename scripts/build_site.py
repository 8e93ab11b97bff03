"""Build the site with either engine: `mkdocs build --strict`, or Zensical through the adapter.

    python scripts/build_site.py                     # MkDocs (the project's plugin does the work), into site/
    python scripts/build_site.py --engine zensical   # the same site with Zensical (archive/site/zensical.py)
    python scripts/build_site.py --site-dir DIR      # somewhere else

`make build` runs `mkdocs build --strict` itself; this script is the one entry
for both engines that the tests and the benchmark use. Any problem in the
archive stops the build with the validator's `path:line: message` and writes
no site. Exit 0 when built, 1 when the archive has problems or the engine
fails, 2 on an unexpected error.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from _common import EXIT_PROBLEMS, ROOT, NorwegianArgumentParser, plural, run

BIN = Path(sys.executable).parent
ENGINES = ("mkdocs", "zensical")


def parse_args(argv: list[str] | None):
    parser = NorwegianArgumentParser(prog="build_site.py", description="Sjekker arkivet og bygger nettstedet med søk.")
    parser.add_argument("--engine", choices=ENGINES, default="mkdocs", help="byggeverktøy (standard: mkdocs)")
    parser.add_argument("--site-dir", metavar="MAPPE", help="hvor nettstedet skal bygges (standard: site/ i rotmappen)")
    parser.add_argument("--rot", default=str(ROOT), metavar="MAPPE", help="arkivets rotmappe (standard: denne kopien av arkivet)")
    return parser.parse_args(argv)


def build_with_mkdocs(root: Path, site: Path) -> int:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([str(BIN / "mkdocs"), "build", "--strict", "--quiet", "--site-dir", str(site)], cwd=root, env=env).returncode


def build_with_zensical(root: Path, site: Path) -> int:
    from archive.site import zensical

    try:
        problems = zensical.build(root, site)
    except zensical.BuildFailed as error:
        print(error, file=sys.stderr)
        print("Zensical kunne ikke bygge nettstedet. Arkivet er i orden, så dette er en feil i prosjektet.", file=sys.stderr)
        return EXIT_PROBLEMS
    if problems:
        annotate = os.environ.get("GITHUB_ACTIONS") == "true"
        for problem in problems:
            print(problem, file=sys.stderr)
            if annotate:
                print(problem.github_annotation(), file=sys.stderr)
        print(f"Fant {plural(len(problems), 'feil', 'feil')}; nettstedet bygges ikke før de er rettet (se make validate).", file=sys.stderr)
        return EXIT_PROBLEMS
    return 0


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    root = Path(args.rot).resolve()
    site = Path(args.site_dir).resolve() if args.site_dir else root / "site"
    started = time.perf_counter()
    code = build_with_mkdocs(root, site) if args.engine == "mkdocs" else build_with_zensical(root, site)
    if code == 0:
        print(f"Bygget nettstedet med {args.engine} og søk til {site} på {time.perf_counter() - started:.1f} s.")
    return code


if __name__ == "__main__":
    run(main, "build_site.py")
