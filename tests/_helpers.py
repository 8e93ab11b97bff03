"""Shared by the script tests: run a real script, copy a tiny repository."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = ROOT / "scripts"
SAMPLES = Path(__file__).resolve().parent / "samples"
MINIMAL_REPO = SAMPLES / "minimal_repo"


def run_script(name: str, *args: str, env: dict | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    full_env = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, str(SCRIPTS / name), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=full_env,
        cwd=cwd or ROOT,
        timeout=120,
    )


def copy_minimal_repo(target: Path) -> Path:
    shutil.copytree(MINIMAL_REPO, target, dirs_exist_ok=True)
    return target


def copy_real_repo(target: Path) -> Path:
    for folder in ("data", "docs"):
        shutil.copytree(ROOT / folder, target / folder)
    return target


def snapshot(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(root.rglob("*")) if p.is_file()}
