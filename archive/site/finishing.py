"""The last step of a build: every built page gets its Content Security Policy
(archive/safety/csp.py), then the secretary's web form goes into admin/ with
its own (archive/admin/build.py), from the bundle `make admin` made.

The Zensical adapter (archive/site/zensical.py) does both here, over the
written files; the MkDocs plugin gives each page its policy as MkDocs writes
it (on_post_page) and only adds the form here."""

from __future__ import annotations

import os
from pathlib import Path

from archive.admin.build import BUNDLE_DIR, SITE_FOLDER, SOURCE_DIR, repository_name, write_form
from archive.safety.csp import with_policy


def secure_pages(site: Path) -> int:
    """Every HTML page of `site` but the form's with the site's policy; returns how many."""
    count = 0
    for page in site.rglob("*.html"):
        if page.relative_to(site).parts[0] == SITE_FOLDER:
            continue
        page.write_text(with_policy(page.read_text(encoding="utf-8")), encoding="utf-8")
        count += 1
    return count


def add_form(root: Path, site: Path, environ=os.environ) -> str | None:
    """The form into `site`/admin/; a Norwegian note when it is left out."""
    bundle = root / BUNDLE_DIR
    if not (bundle / "main.js").is_file():
        return f"Skjemaet for referater er ikke med: {BUNDLE_DIR}/ mangler (make admin lager det)."
    write_form(bundle, site / SITE_FOLDER, root / SOURCE_DIR, repo=repository_name(environ))
    return None


def secure_and_add_form(root: Path, site: Path, environ=os.environ) -> str | None:
    """The policy on every written page, then the form."""
    secure_pages(site)
    return add_form(root, site, environ)
