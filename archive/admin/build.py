"""The finished web form: the bundle, its configuration and its page, in one folder.

    write_form(bundle, out, source, repo="eier/arkiv")

`bundle` is what `make admin` made (admin/bundle.mjs: Sveltia CMS and
admin/main.js, bundled from node_modules); `source` is the admin/ folder
(index.html and tekster.yml). Folder in, files out: nothing else is read or
written, and nothing is fetched.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from archive.admin.config import config_yaml, form_config, load_texts
from archive.safety.csp import GITHUB_API, admin_policy, with_policy

# Where `make admin` leaves the bundle, below the repository's root.
BUNDLE_DIR = Path("build") / "admin-bundle"
SOURCE_DIR = Path("admin")
# The form's address on the site.
SITE_FOLDER = "admin"
# The repository the form saves to when the build does not say (GitHub
# Actions says it in GITHUB_REPOSITORY).
DEFAULT_REPO = "osloregionen/naeringsgruppen"


class MissingBundle(FileNotFoundError):
    """The bundle is not built (Norwegian message)."""


def repository_name(environ) -> str:
    return environ.get("GITHUB_REPOSITORY") or DEFAULT_REPO


def write_form(bundle: Path, out: Path, source: Path, *, repo: str, branch: str = "main", api_root: str = GITHUB_API) -> list[Path]:
    """Write the web form into `out` (emptied first); returns the files written."""
    if not (bundle / "main.js").is_file():
        raise MissingBundle(f"skjemaet er ikke bygget: {bundle}/main.js mangler. Kjør «make admin» (den trenger Node.js og npm).")
    config = form_config(load_texts(source / "tekster.yml"), repo=repo, branch=branch, api_root=None if api_root == GITHUB_API else api_root)
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(bundle, out)
    (out / "config.yml").write_text(config_yaml(config), encoding="utf-8")
    page = (source / "index.html").read_text(encoding="utf-8")
    (out / "index.html").write_text(with_policy(page, admin_policy(api_root)), encoding="utf-8")
    return sorted(path for path in out.rglob("*") if path.is_file())
