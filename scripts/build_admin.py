"""Write the secretary's web form (admin/) into a folder: bundle, configuration, page.

    python scripts/build_admin.py MAPPE                       # for the GitHub repository of GITHUB_REPOSITORY
    python scripts/build_admin.py MAPPE --repo eier/navn
    python scripts/build_admin.py MAPPE --api-root http://127.0.0.1:8001/api/v3   # a GitHub stand-in (tests)

The bundle comes from `make admin` (build/admin-bundle/); the configuration is
generated from archive/model/schema.py and admin/tekster.yml; the page gets a
Content Security Policy that allows only the site and GitHub's API.
scripts/build_site.py does the same into site/admin/.

Exit 0 when written, 1 when the bundle or the texts are missing.
"""

from __future__ import annotations

import os
from pathlib import Path

from _common import EXIT_PROBLEMS, ROOT, NorwegianArgumentParser, display_path, fail, run

from archive.admin.build import BUNDLE_DIR, SOURCE_DIR, MissingBundle, repository_name, write_form
from archive.admin.config import TextsError
from archive.safety.csp import GITHUB_API


def main(argv: list[str] | None = None) -> int:
    parser = NorwegianArgumentParser(prog="build_admin.py", description="Skriver skjemaet for referater (admin/) til en mappe.")
    parser.add_argument("mappe", metavar="MAPPE", help="hvor skjemaet skal skrives (tømmes først)")
    parser.add_argument("--repo", default=repository_name(os.environ), help="GitHub-repoet skjemaet lagrer i, eier/navn")
    parser.add_argument("--gren", default="main", help="grenen forslagene går til (standard: main)")
    parser.add_argument("--api-root", default=GITHUB_API, metavar="URL", help="GitHubs API (standard: https://api.github.com)")
    args = parser.parse_args(argv)
    out = Path(args.mappe).resolve()
    try:
        files = write_form(ROOT / BUNDLE_DIR, out, ROOT / SOURCE_DIR, repo=args.repo, branch=args.gren, api_root=args.api_root)
    except (MissingBundle, TextsError, ValueError) as error:
        return fail(f"build_admin.py: {error}", EXIT_PROBLEMS)
    print(f"Skjemaet er skrevet til {display_path(out)} ({len(files)} filer), for {args.repo}.")
    return 0


if __name__ == "__main__":
    run(main, "build_admin.py")
