"""Benchmark: synthetic archives of 200 and 2,000 meetings against plain MkDocs.

    python scripts/bench.py                  # N = 200 and 2000, writes bench/RESULTS.md
    python scripts/bench.py --meetings 50    # a quick look; RESULTS.md untouched

For each N it writes a synthetic archive (bench/synthetic.py) and a baseline:
the same minutes as plain Markdown for MkDocs + Material as they come (built-in
search, no data, no generated pages). In one run it measures, alternating ours
and the baseline so that both see the same machine:

- the full build (`mkdocs build --strict`: the project's plugin checks, makes
  the pages, exports and search index), against `mkdocs build` of the
  baseline, and the ratio of their medians;
- `scripts/validate.py` as a whole process, as the secretary runs it, and its
  ratio to the baseline's build;
- the preview (`mkdocs serve`): the time from saving one minutes file to the
  moment its page is served with the change, and to the full rebuild after it;
- the same build with Zensical;
- output size, the largest page and the largest meeting page;
- search (bench/search.py): first result after typing in headless Chromium,
  bytes per query, index size and build time.

Timings depend on the machine; the figures are printed, not asserted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.synthetic import write_baseline, write_repository  # noqa: E402

OUT = ROOT / "bench-out"
RESULTS = ROOT / "bench" / "RESULTS.md"
BIN = Path(sys.executable).parent
# Bytecode is written as on a secretary's machine after the first run.
ENV = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "GITHUB_ACTIONS")} | {"NO_MKDOCS_2_WARNING": "1"}

# The goals at 2,000 meetings on this machine: as ratios to plain MkDocs in the
# same run (issue 19: absolute times drift by half between runs), and the preview.
GOALS = {
    "ratio": 1.25,
    "validate_ratio": 0.15,
    "growth": 11.0,
    "preview_s": 3.0,
    "first_result_ms": 1000,
    "query_bytes": 200 * 1024,
}


def run_checked(command: list[str], cwd: Path) -> float:
    started = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, env=ENV, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit(f"{' '.join(command)} in {cwd} failed:\n{result.stdout[-3000:]}{result.stderr[-3000:]}")
    return elapsed


def our_build(root: Path, site: Path, engine: str = "mkdocs") -> dict:
    if engine == "mkdocs":  # the plain command, as `make build` runs it
        return {"wall": run_checked([str(BIN / "mkdocs"), "build", "--strict", "-q", "--site-dir", str(site)], root)}
    return {"wall": run_checked([sys.executable, str(root / "scripts" / "build_site.py"), "--engine", engine, "--site-dir", str(site)], root)}


def baseline_build(root: Path, site: Path) -> float:
    return run_checked([str(BIN / "mkdocs"), "build", "-q", "-d", str(site)], root)


def validation(root: Path, runs: int = 5) -> float:
    command = [sys.executable, str(root / "scripts" / "validate.py")]
    run_checked(command, root)  # warm-up: bytecode and the file cache
    return statistics.median(run_checked(command, root) for _ in range(runs))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8", errors="replace")
    except OSError:  # not listening yet, or a 404 while the page is being made
        return ""


def _wait(predicate, limit: float, what: str, step: float = 0.05) -> float:
    started = time.perf_counter()
    while not predicate():
        if time.perf_counter() - started > limit:
            raise SystemExit(f"preview: {what} did not happen within {limit:.0f} s")
        time.sleep(step)
    return time.perf_counter() - started


def preview(root: Path) -> dict:
    """Start `mkdocs serve`, wait for the whole first build, save one meeting with a new
    agenda item and time how long until its page is served with it, and until the
    full rebuild after it (the exports are written again)."""
    from archive.model import paths

    meeting = sorted((root / "docs" / "moter").glob("*/*.md"))[-1]
    src = meeting.relative_to(root / "docs").as_posix()
    port = _free_port()
    base = f"http://127.0.0.1:{port}/"
    process = subprocess.Popen(
        [str(BIN / "mkdocs"), "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=root,
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        exported = base + "eksport/data.json"
        first = _wait(lambda: "md-content" in _get(base) and _get(exported), 900, "the first build", step=0.2)
        before = _get(exported)
        marker = f"Benchmark-sak {time.time_ns()}"
        with meeting.open("a", encoding="utf-8") as handle:
            handle.write(f"\n## 99. {marker}\n\nTekst.\n")
        saved = time.perf_counter()
        page = base + paths.page_url(src)
        shown = _wait(lambda: marker in _get(page), 120, "the saved page")
        _wait(lambda: marker in _get(exported) and _get(exported) != before, 900, "the full rebuild after it", step=0.2)
        rest = time.perf_counter() - saved
        return {"first_build_s": first, "page_s": shown, "rest_s": rest}
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=60)


def size_of(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def largest(site: Path, pattern: str) -> tuple[int, str]:
    return max((p.stat().st_size, p.relative_to(site).as_posix()) for p in site.glob(pattern))


def search_row(root: Path, site: Path) -> dict | None:
    try:
        from bench import search
    except ImportError:  # bench/search.py arrives with the search work
        return None
    return search.search_figures(root, site)


def measure(meetings: int, runs: int) -> dict:
    work = OUT / str(meetings)
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    ours = write_repository(work / "ours", meetings)
    baseline = write_baseline(ours, work / "baseline")
    row: dict = {"n": meetings, "validate_s": validation(ours)}
    builds, baselines = [], []
    for _ in range(runs):
        baselines.append(baseline_build(baseline, work / "site-baseline"))
        builds.append(our_build(ours, work / "site-ours"))
    row["builds"], row["baselines"] = builds, baselines
    row["build_s"] = statistics.median(b["wall"] for b in builds)
    row["baseline_s"] = statistics.median(baselines)
    row["ratio"] = row["build_s"] / row["baseline_s"]
    row["validate_ratio"] = row["validate_s"] / row["baseline_s"]
    row["zensical"] = our_build(ours, work / "site-zensical", "zensical")
    for name, site in (("ours", work / "site-ours"), ("base", work / "site-baseline"), ("zensical", work / "site-zensical")):
        row[f"{name}_size"] = size_of(site)
        row[f"{name}_page"] = largest(site, "**/*.html")
        row[f"{name}_meeting"] = largest(site, "moter/*/*/index.html")
    row["preview"] = preview(ours)
    row["search"] = search_row(ours, work / "site-ours")
    return row


def mib(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MiB"


def kib(n: int) -> str:
    return f"{n / 1024:.0f} KiB"


def tables(rows: list[dict]) -> list[str]:
    lines = [
        "| meetings | `mkdocs build --strict` (median) | plain MkDocs (median) | ratio | validate.py | validate.py / plain build | preview: saved page / full rebuild | Zensical build |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        z, v = r["zensical"], r["preview"]
        lines.append(
            f"| {r['n']:,} | {r['build_s']:.2f} s | {r['baseline_s']:.2f} s | {r['ratio']:.2f}× | {r['validate_s']:.2f} s | {r['validate_ratio']:.2f}× "
            f"| {v['page_s']:.2f} s / {v['rest_s']:.1f} s | {z['wall']:.2f} s |"
        )
    lines += [
        "",
        "| meetings | every build (ours / plain MkDocs) | output (ours / plain / Zensical) | largest page | largest meeting page (ours / plain) |",
        "|---:|---|---:|---|---:|",
    ]
    for r in rows:
        every = ", ".join(f"{b['wall']:.1f} / {base:.1f}" for b, base in zip(r["builds"], r["baselines"], strict=True))
        lines.append(
            f"| {r['n']:,} | {every} s | {mib(r['ours_size'])} / {mib(r['base_size'])} / {mib(r['zensical_size'])} "
            f"| {kib(r['ours_page'][0])} ({r['ours_page'][1]}) | {kib(r['ours_meeting'][0])} / {kib(r['base_meeting'][0])} |"
        )
    searched = [r for r in rows if r["search"]]
    if searched:
        lines += [
            "",
            "| meetings | search: first result after the last key (median / worst) | bytes per query (first / next, worst) | once per visit | index + fragments | Pagefind build |",
            "|---:|---:|---:|---:|---:|---:|",
        ]
        for r in searched:
            s = r["search"]
            lines.append(
                f"| {r['n']:,} | {s['first_result_median_ms']:.0f} / {s['first_result_max_ms']:.0f} ms "
                f"| {kib(s['first_query_bytes_max'])} / {kib(s['next_query_bytes_max'])} | {kib(s['once_bytes'])} "
                f"| {kib(s['index_bytes'])} + {kib(s['fragment_bytes'])} ({s['pages']:,} pages) | {s['pagefind_s']:.1f} s |"
            )
    return lines


def verdicts(rows: list[dict]) -> list[str]:
    by_n = {r["n"]: r for r in rows}
    if 2000 not in by_n:
        return []
    big = by_n[2000]
    checks = [
        (f"`mkdocs build --strict` ≤ {GOALS['ratio']}× plain MkDocs in the same run", big["ratio"] <= GOALS["ratio"], f"{big['ratio']:.2f}×"),
        (
            f"validate.py as a process ≤ {GOALS['validate_ratio']}× that plain build",
            big["validate_ratio"] <= GOALS["validate_ratio"],
            f"{big['validate_ratio']:.2f}× ({big['validate_s']:.2f} s)",
        ),
        (f"preview: the saved page within {GOALS['preview_s']:.0f} s", big["preview"]["page_s"] <= GOALS["preview_s"], f"{big['preview']['page_s']:.2f} s"),
        ("Zensical builds the archive", True, f"{big['zensical']['wall']:.2f} s"),
    ]
    if 200 in by_n:
        growth = big["build_s"] / by_n[200]["build_s"]
        checks.append((f"linear growth: t(2000) ≤ {GOALS['growth']:.0f} × t(200)", growth <= GOALS["growth"], f"{growth:.1f}×"))
    if big["search"]:
        s = big["search"]
        checks.append(
            (
                f"search: first result ≤ {GOALS['first_result_ms']} ms after typing",
                s["first_result_max_ms"] <= GOALS["first_result_ms"],
                f"worst {s['first_result_max_ms']:.0f} ms",
            )
        )
        worst = max(s["first_query_bytes_max"], s["next_query_bytes_max"])
        checks.append((f"search: ≤ {kib(GOALS['query_bytes'])} per query", worst <= GOALS["query_bytes"], kib(worst)))
    return [f"- {'met' if ok else 'MISSED'}: {label} ({value})" for label, ok, value in checks]


def machine() -> list[str]:
    memory, cpu = "unknown", platform.processor() or "unknown"
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
    versions = ", ".join(f"{name} {version(name)}" for name in ("mkdocs", "mkdocs-material", "zensical", "pagefind", "markdown-it-py", "nh3", "PyYAML"))
    return [
        f"- nproc: {os.cpu_count()} ({len(os.sched_getaffinity(0))} usable); CPU: {cpu}",
        f"- memory: {memory}; load average before the run: {' '.join(f'{x:.2f}' for x in os.getloadavg())}",
        f"- Python {platform.python_version()} on {platform.platform()}",
        f"- {versions}",
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--meetings", type=int, nargs="+", default=[200, 2000])
    parser.add_argument("--runs", type=int, default=3, help="builds of each kind per size (the median counts)")
    args = parser.parse_args()
    about = machine()
    rows = []
    for n in args.meetings:
        print(f"… {n} meetings", file=sys.stderr, flush=True)
        rows.append(measure(n, args.runs))
    lines = tables(rows)
    checks = verdicts(rows)
    print("\n".join(lines + [""] + checks))
    if args.meetings == [200, 2000]:
        stamp = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
        RESULTS.write_text(
            "\n".join(
                [
                    "# Benchmark results",
                    "",
                    f"Written by `make bench` (scripts/bench.py) on {stamp}, {args.runs} builds of each kind per size.",
                    "Synthetic archives from bench/synthetic.py; the baseline is plain MkDocs + Material",
                    "on the same minutes as Markdown, with its built-in search. Our build is the plain",
                    "`mkdocs build --strict`: the project's plugin checks the archive and makes the pages'",
                    "HTML, the exports and the search index in a worker beside the engine.",
                    "",
                    *lines,
                    "",
                    "Goals at 2,000 meetings:",
                    "",
                    *checks,
                    "",
                    "Machine:",
                    "",
                    *about,
                    "",
                    "How the time is spent and what was tried: bench/NOTES.md (by hand; this file is",
                    "rewritten by every full run).",
                    "",
                ]
            ),
            encoding="utf-8",
        )
        print(f"written: {RESULTS.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
