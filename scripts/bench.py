"""Benchmark: synthetic archives of 200 and 2,000 meetings against plain MkDocs.

    python scripts/bench.py                  # N = 200 and 2000, writes bench/RESULTS.md
    python scripts/bench.py --meetings 50    # a quick look; RESULTS.md untouched

For each N it writes a synthetic repository (bench/synthetic.py) and a
baseline with the same Markdown and navigation but without the macros plugin
and the data, builds both in the same run, and reports: full build time (our
export step plus `mkdocs build --strict`; the baseline's `mkdocs build`),
validation time (load_repository), output size, the largest meeting page,
and the search index raw and gzipped. Not a test: timings depend on the machine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import os
import platform
import shutil
import subprocess
import sys
import time
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.synthetic import write_baseline, write_repository  # noqa: E402

OUT = ROOT / "bench-out"
RESULTS = ROOT / "bench" / "RESULTS.md"
BIN = Path(sys.executable).parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1735689600"}

# Targets at 2,000 meetings on 2 cores.
MAX_RATIO = 1.25
MAX_BUILD_S = 15.0
MAX_VALIDATION_S = 2.0
MAX_INDEX_GZIP = 4 * 1024 * 1024
MAX_GROWTH = 11.0


def timed(command: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, env=ENV, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0 or "WARNING" in result.stdout + result.stderr and "--strict" in command:
        sys.exit(f"{' '.join(command)} in {cwd} failed:\n{result.stdout}{result.stderr}")
    return elapsed


def validation_seconds(repo: Path) -> float:
    """load_repository in a fresh interpreter, as scripts/validate.py runs it."""
    code = (
        "import sys, time; sys.path.insert(0, sys.argv[1]);"
        "from archive.repository import load_repository;"
        "t = time.perf_counter(); r, p = load_repository(sys.argv[2]); e = time.perf_counter() - t;"
        "assert not p, p[:3]; print(e, len(r.meetings))"
    )
    result = subprocess.run([sys.executable, "-c", code, str(ROOT), str(repo)], capture_output=True, text=True, env=ENV)
    if result.returncode != 0:
        sys.exit(f"validation of {repo} failed:\n{result.stderr}")
    return float(result.stdout.split()[0])


def size_of(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def largest_meeting_page(site: Path) -> int:
    pages = [p for p in (site / "moter").glob("*/*/index.html")]
    return max(p.stat().st_size for p in pages)


def index_sizes(site: Path) -> tuple[int, int]:
    raw = (site / "search" / "search_index.json").read_bytes()
    return len(raw), len(gzip.compress(raw, compresslevel=9))


def measure(meetings: int) -> dict:
    work = OUT / str(meetings)
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    ours = write_repository(work / "ours", meetings)
    baseline = write_baseline(ours, work / "baseline")
    row = {"n": meetings, "validation": validation_seconds(ours)}
    export = ours / "scripts" / "export_data.py"
    row["export"] = timed([sys.executable, str(export)], ours) if export.exists() else 0.0
    row["mkdocs"] = timed([str(BIN / "mkdocs"), "build", "--strict", "-d", str(work / "site-ours")], ours)
    row["build"] = row["export"] + row["mkdocs"]
    row["baseline"] = timed([str(BIN / "mkdocs"), "build", "-d", str(work / "site-baseline")], baseline)
    for name, site in (("ours", work / "site-ours"), ("base", work / "site-baseline")):
        row[f"{name}_size"] = size_of(site)
        row[f"{name}_page"] = largest_meeting_page(site)
        row[f"{name}_index"], row[f"{name}_index_gz"] = index_sizes(site)
    return row


def mib(n: int) -> str:
    return f"{n / 1024 / 1024:.2f} MiB"


def kib(n: int) -> str:
    return f"{n / 1024:.0f} KiB"


def table(rows: list[dict]) -> list[str]:
    lines = [
        "| meetings | full build | baseline | ratio | validation | output (ours / base) | largest meeting page (ours / base) | search index raw (ours / base) | search index gzip (ours / base) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r['n']:,} | {r['build']:.2f} s (export {r['export']:.2f} + mkdocs {r['mkdocs']:.2f}) | {r['baseline']:.2f} s "
            f"| {r['build'] / r['baseline']:.2f}× | {r['validation']:.2f} s "
            f"| {mib(r['ours_size'])} / {mib(r['base_size'])} ({r['ours_size'] / r['base_size']:.2f}×) "
            f"| {kib(r['ours_page'])} / {kib(r['base_page'])} "
            f"| {mib(r['ours_index'])} / {mib(r['base_index'])} ({r['ours_index'] / r['base_index']:.2f}×) "
            f"| {mib(r['ours_index_gz'])} / {mib(r['base_index_gz'])} |"
        )
    return lines


def verdicts(rows: list[dict]) -> list[str]:
    by_n = {r["n"]: r for r in rows}
    if 2000 not in by_n:
        return []
    big = by_n[2000]
    checks = [
        (f"full build ≤ {MAX_RATIO}× baseline", big["build"] / big["baseline"] <= MAX_RATIO, f"{big['build'] / big['baseline']:.2f}×"),
        (f"full build < {MAX_BUILD_S:.0f} s", big["build"] < MAX_BUILD_S, f"{big['build']:.2f} s"),
        (f"validation < {MAX_VALIDATION_S:.0f} s", big["validation"] < MAX_VALIDATION_S, f"{big['validation']:.2f} s"),
        ("search index < 4 MiB gzipped", big["ours_index_gz"] < MAX_INDEX_GZIP, mib(big["ours_index_gz"])),
    ]
    if 200 in by_n:
        growth = big["build"] / by_n[200]["build"]
        checks.append((f"linear growth: t(2000) ≤ {MAX_GROWTH:.0f} × t(200)", growth <= MAX_GROWTH, f"{growth:.1f}×"))
    return [f"- {'met' if ok else 'MISSED'}: {label} ({value})" for label, ok, value in checks]


def machine() -> list[str]:
    memory = "unknown"
    cpu = platform.processor() or "unknown"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    versions = ", ".join(f"{name} {version(name)}" for name in ("mkdocs", "mkdocs-material", "mkdocs-macros-plugin", "PyYAML"))
    return [
        f"- nproc: {os.cpu_count()} ({len(os.sched_getaffinity(0))} usable); CPU: {cpu}",
        f"- memory: {memory}",
        f"- Python {platform.python_version()} on {platform.platform()}",
        f"- {versions}",
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--meetings", type=int, nargs="+", default=[200, 2000])
    args = parser.parse_args()
    rows = []
    for n in args.meetings:
        print(f"… {n} meetings", file=sys.stderr, flush=True)
        rows.append(measure(n))
    lines = table(rows)
    print("\n".join(lines))
    checks = verdicts(rows)
    if checks:
        print("\n".join(checks))
    if args.meetings == [200, 2000]:
        stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
        RESULTS.write_text(
            "\n".join([
                "# Benchmark results",
                "",
                f"Written by `make bench` (scripts/bench.py) on {stamp}. Synthetic archives from",
                "bench/synthetic.py; the baseline is plain MkDocs + Material on the same Markdown",
                "with the same navigation, without the macros plugin and the data. Full build is",
                "scripts/export_data.py plus `mkdocs build --strict`; validation is load_repository.",
                "",
                *lines,
                "",
                "Targets at 2,000 meetings:",
                "",
                *checks,
                "",
                "Machine:",
                "",
                *machine(),
                "",
                "Why the build misses its targets, and what was tried: bench/NOTES.md (by hand;",
                "this file is rewritten by every full run).",
                "",
            ]),
            encoding="utf-8",
        )
        print(f"written: {RESULTS.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
