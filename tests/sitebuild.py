"""Building the site for tests, exactly as `make build` does."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

BIN = Path(sys.executable).parent

# What a copy of the repository leaves out: environments, caches, build output.
COPY_IGNORE = shutil.ignore_patterns(
    ".git", ".venv", "node_modules", "site", ".cache", "test-artifacts", "bench-out",
    ".pytest_cache", ".hypothesis", "__pycache__", "eksport", "*.egg-info",
)


def copy_repository(root: Path, target: Path) -> Path:
    """A writable copy of the repository at `root`, for tests that change it."""
    shutil.copytree(root, target, ignore=COPY_IGNORE)
    return target


def build_site(root: Path, out: Path) -> subprocess.CompletedProcess:
    """Run the strict build of the repository at `root` into `out`.

    Not `-q`: with -q, MkDocs can exit 0 where --strict should fail, so the
    test also reads the log for warnings.
    """
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    export = root / "scripts" / "export_data.py"
    if export.exists():
        # As `make build`: the export runs first, and invalid content stops it
        # with the validator's messages, before MkDocs starts.
        exported = subprocess.run([sys.executable, str(export)], cwd=root, env=env, capture_output=True, text=True)
        if exported.returncode != 0:
            return exported
    result = subprocess.run(
        [str(BIN / "mkdocs"), "build", "--strict", "--site-dir", str(out)],
        cwd=root, env=env, capture_output=True, text=True,
    )
    return result


def warnings_in(result: subprocess.CompletedProcess) -> list[str]:
    return [line for line in (result.stdout + result.stderr).splitlines() if "WARNING" in line or "ERROR" in line]


def strict_build(root: Path, out: Path) -> Path:
    """Build like `make build`; fail the calling test on any error or warning."""
    result = build_site(root, out)
    assert result.returncode == 0, result.stdout + result.stderr
    assert warnings_in(result) == []
    return out
