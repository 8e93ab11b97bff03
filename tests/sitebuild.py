"""Building the site for tests, exactly as `make build` does."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# What a copy of the repository leaves out: environments, caches, build output.
_IGNORED_ANYWHERE = shutil.ignore_patterns(".git", ".venv", "node_modules", ".cache", ".pytest_cache", ".hypothesis", "__pycache__", "*.egg-info")
_OUTPUT_FOLDERS = {"site", "build", "test-artifacts", "bench-out"}  # at the top only: archive/site/ is code


def copy_ignore(top: Path):
    """shutil.copytree's `ignore` for a copy of the repository at `top`."""

    def ignore(folder: str, names: list[str]) -> set[str]:
        ignored = set(_IGNORED_ANYWHERE(folder, names))
        if Path(folder) == top:
            ignored |= _OUTPUT_FOLDERS & set(names)
        return ignored

    return ignore


def copy_repository(root: Path, target: Path) -> Path:
    """A writable copy of the repository at `root`, for tests that change it."""
    shutil.copytree(root, target, ignore=copy_ignore(Path(root)))
    return target


def with_project_code(archive: Path, target: Path) -> Path:
    """A repository made of this project's code and configuration and the data and
    minutes of `archive` (a fixture folder with data/ and docs/)."""
    target.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml", "zensical.toml"):
        shutil.copy2(ROOT / name, target / name)
    for folder in ("archive", "scripts", "overrides", "macros"):
        shutil.copytree(ROOT / folder, target / folder, ignore=_IGNORED_ANYWHERE)
    for folder in ("data", "docs"):
        if (archive / folder).exists():
            shutil.copytree(archive / folder, target / folder, symlinks=True)
    return target


ADMIN_BUNDLE = ROOT / "build" / "admin-bundle"
_ADMIN_SOURCES = ("main.js", "network.js", "skjema.css", "bundle.mjs")


def ensure_admin_bundle() -> Path:
    """The web form's bundle (`make admin`), made here when missing or older than its sources.

    It needs Node and node_modules (`npm ci`): a test that needs the form fails
    with the bundler's own message when they are missing, never skips.
    """
    main = ADMIN_BUNDLE / "main.js"
    newest = max((ROOT / "admin" / name).stat().st_mtime for name in _ADMIN_SOURCES)
    if not main.is_file() or main.stat().st_mtime < newest:
        done = subprocess.run(["node", str(ROOT / "admin" / "bundle.mjs"), str(ADMIN_BUNDLE)], cwd=ROOT, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, f"make admin failed:\n{done.stdout}{done.stderr}"
    return ADMIN_BUNDLE


def build_site(root: Path, out: Path, engine: str = "mkdocs", env: dict | None = None) -> subprocess.CompletedProcess:
    """Run scripts/build_site.py for the repository at `root` into `out`, as `make build` does."""
    full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    full_env.pop("GITHUB_ACTIONS", None)
    return subprocess.run(
        [sys.executable, str(root / "scripts" / "build_site.py"), "--engine", engine, "--site-dir", str(out)],
        cwd=root,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def strict_build(root: Path, out: Path, engine: str = "mkdocs") -> Path:
    """Build like `make build`; fail the calling test on any error."""
    result = build_site(root, out, engine)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    return out
