"""Search figures for the benchmark: how fast the first result shows, what a query
fetches, how large the index is and how long it takes to build.

    python bench/search.py                       # 200 and 2,000 meetings; writes bench/RESULTS-search.md
    python bench/search.py --meetings 50         # a quick look
    python bench/search.py --site DIR --root DIR # a site already built from repository DIR

`search_figures(root, site)` measures a built site (scripts/bench.py can call
it for the archives it builds); `table(rows)` writes the rows as Markdown.

What is measured, in headless Chromium (Debian's, /usr/bin/chromium) with a
fresh profile for every query, the site served from a thread on 127.0.0.1:

- first result: the front page is loaded cold (nothing cached), / is pressed
  and the query typed at 60 ms a key, as a quick typist does; the time from the
  last keystroke to the moment the first result of the whole query is shown
  (search.js shows it, and the live region names the query, as soon as its
  data is in; the other five follow). Each query is the median of three cold
  loads; the table gives the median and the worst of the queries.
- pasted: the same with the whole query typed at once right after /: the time
  from / to the first result, so loading Pagefind is all in it.
- phone: the first-result time again with Chromium's CPU 4× slower and its
  network as «Fast 3G» (1.6 Mbit/s down, 150 ms latency): about a phone on
  mobile data.
- per query: bytes of index, fragments and vocabulary fetched for a query
  (the second of a session, and the first one's query part); once per visit:
  Pagefind's script, worker and WebAssembly, its metadata and our word list.
  Sizes are of the files as served (Pagefind's index and fragments are
  gzipped already; a host that compresses JavaScript sends less of the rest).
- index: the files below pagefind/ that a search reads (index, fragments,
  filters, metadata) and our vocabulary below sok/ord/.
- build: Pagefind alone over the generated pages' search documents (the build runs it beside the
  engine), and the vocabulary step (archive/views/search.py: search_aid_files).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))  # local_browser: how every site is served and every headless chromium starts
from local_browser import launch, served  # noqa: E402

RESULTS = ROOT / "bench" / "RESULTS-search.md"

# What members type: an inflected word found in most meetings, words without æ, ø
# and å, a name with a slip, and a plain word.
QUERIES = ["klyngene", "sirkulaerokonomi", "Oystein", "Johnasen", "næringsarealer"]
KEY_DELAY_MS = 60
REPEAT = 3  # each desktop measurement is the median of this many cold loads: the machine is shared
START = ""  # the front page: where most visits begin
ONCE = ("pagefind/pagefind.js", "pagefind/pagefind-worker.js", "pagefind/pagefind-entry.json", "sok/ord/index.json")

# Records, in the page, when the last key went down and when the results of the
# whole query were shown (search.js sets the live region after it shows them).
TIMING_SCRIPT = """
window.__timing = {keys: [], shown: null};
document.addEventListener('keydown', () => window.__timing.keys.push(performance.now()), true);
new MutationObserver(() => {
  const status = document.getElementById('site-search-status');
  if (status && window.__wanted && status.textContent.includes('«' + window.__wanted + '»') && window.__timing.shown === null) {
    window.__timing.shown = performance.now();
  }
}).observe(document, {subtree: true, childList: true, characterData: true});
"""


def _file_of(url: str, site: Path) -> Path | None:
    path = unquote(urlsplit(url).path).lstrip("/")
    candidate = site / path
    return candidate if candidate.is_file() else None


def _kind(path: str) -> str:
    if path.startswith(ONCE) or path.endswith((".pf_meta", ".pagefind")):
        return "once"
    if path.startswith(("pagefind/index/", "pagefind/fragment/", "pagefind/filter/", "sok/ord/")):
        return "query"
    return "page"


# Chromium's «Fast 3G», and a CPU a quarter as fast: about a phone on mobile data.
PHONE_NETWORK = {"offline": False, "latency": 150, "downloadThroughput": 1.6 * 1024 * 1024 / 8, "uploadThroughput": 750 * 1024 / 8}
PHONE_CPU = 4


def _one_query(browser, base: str, site: Path, query: str, delay: int, phone: bool = False) -> dict:
    context = browser.new_context(viewport={"width": 390, "height": 844} if phone else {"width": 1280, "height": 900})
    page = context.new_page()
    if phone:
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", PHONE_NETWORK)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": PHONE_CPU})
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    page.add_init_script(TIMING_SCRIPT)
    page.goto(base + START, wait_until="load")
    page.evaluate("q => { window.__wanted = q; }", query)
    before = len(fetched)
    page.keyboard.press("/")
    page.keyboard.type(query, delay=delay)
    page.wait_for_function("() => window.__timing.shown !== null", timeout=30_000)
    timing = page.evaluate("() => window.__timing")
    page.wait_for_selector("#site-search-panel [aria-busy]", state="detached")  # the other results follow the first
    results = page.locator("#site-search-panel .search-result").count()
    first_query = fetched[before:]
    # A second query in the same visit: what each further query costs.
    second = "møtene" if query != "møtene" else "klyngene"
    page.evaluate("q => { window.__wanted = q; window.__timing.shown = null; }", second)
    page.fill("#site-search-input", "")
    mark = len(fetched)
    page.keyboard.type(second, delay=delay)
    page.wait_for_function("() => window.__timing.shown !== null", timeout=30_000)
    second_query = fetched[mark:]
    context.close()

    def size(urls: list[str], kind: str) -> int:
        total = 0
        for url in urls:
            path = urlsplit(url).path.lstrip("/")
            file = _file_of(url, site)
            if file is not None and _kind(path) == kind:
                total += file.stat().st_size
        return total

    keys = timing["keys"]
    return {
        "query": query,
        "results": results,
        "after_last_key_ms": timing["shown"] - keys[-1],
        "after_slash_ms": timing["shown"] - keys[0],
        "once_bytes": size(first_query, "once"),
        "first_query_bytes": size(first_query, "query"),
        "next_query_bytes": size(second_query, "query"),
    }


def _median_run(browser, base: str, site: Path, query: str, delay: int, key: str) -> dict:
    runs = sorted((_one_query(browser, base, site, query, delay) for _ in range(REPEAT)), key=lambda r: r[key])
    return runs[len(runs) // 2]


def latency(site: Path, queries: list[str] = QUERIES) -> dict:
    """First-result times and bytes per query for `queries`, each on a cold page load."""
    from playwright.sync_api import sync_playwright

    with served(site) as base, sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            typed = [_median_run(browser, base, site, q, KEY_DELAY_MS, "after_last_key_ms") for q in queries]
            pasted = [_median_run(browser, base, site, q, 0, "after_slash_ms") for q in queries]
            phone = [_one_query(browser, base, site, q, KEY_DELAY_MS, phone=True) for q in queries]
        finally:
            browser.close()
    after = [r["after_last_key_ms"] for r in typed]
    return {
        "queries": typed,
        "pasted": pasted,
        "first_result_median_ms": statistics.median(after),
        "first_result_max_ms": max(after),
        "pasted_median_ms": statistics.median(r["after_slash_ms"] for r in pasted),
        "pasted_max_ms": max(r["after_slash_ms"] for r in pasted),
        "phone": phone,
        "phone_median_ms": statistics.median(r["after_last_key_ms"] for r in phone),
        "phone_max_ms": max(r["after_last_key_ms"] for r in phone),
        "once_bytes": max(r["once_bytes"] for r in typed),
        "first_query_bytes_max": max(r["first_query_bytes"] for r in typed),
        "next_query_bytes_max": max(r["next_query_bytes"] for r in typed),
    }


def _size(folder: Path, pattern: str = "*") -> int:
    return sum(p.stat().st_size for p in folder.glob(pattern) if p.is_file()) if folder.is_dir() else 0


def index_size(site: Path) -> dict:
    pagefind = site / "pagefind"
    return {
        "index_bytes": _size(pagefind / "index") + _size(pagefind / "filter") + _size(pagefind, "*.pf_meta"),
        "fragment_bytes": _size(pagefind / "fragment"),
        "vocabulary_bytes": _size(site / "sok" / "ord"),
        "vocabulary_files": len(list((site / "sok" / "ord").glob("*.json"))),
        "pages": json.loads((pagefind / "pagefind-entry.json").read_text())["languages"]["nb"]["page_count"],
    }


def build_time(root: Path) -> dict:
    """Pagefind over the generated pages' search documents, and the vocabulary step, each
    timed alone. The build writes the documents in a scratch folder it removes
    (archive/site/outputs.py), so they are made again here from the same views."""
    from archive.model.repository import load_repository
    from archive.site.pages import site_pages
    from archive.views import search
    from archive.views.pages import html_blocks

    repo, problems = load_repository(root)
    assert not problems, problems[:3]
    pages = [page for page in site_pages(repo, "") if not page.written]
    with tempfile.TemporaryDirectory() as scratch:
        sources = Path(scratch) / "sources"
        documents = search.write_search_sources(pages, {page.src: html_blocks(page) for page in pages if page.searchable}, sources)
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "pagefind", "--site", str(sources), "--output-path", str(Path(scratch) / "pagefind"), "--silent"], check=True)
        pagefind_s = time.perf_counter() - started
    started = time.perf_counter()
    search.search_aid_files(repo, list(documents.values()))
    return {"pagefind_s": pagefind_s, "vocabulary_s": time.perf_counter() - started}


def search_figures(root: Path, site: Path) -> dict:
    """Everything above for the repository `root` built into `site` (scripts/build_site.py)."""
    return {**index_size(site), **build_time(root), **latency(site)}


def kib(n: float) -> str:
    return f"{n / 1024:.0f} KiB"


def table(rows: list[dict]) -> list[str]:
    lines = [
        "| meetings | first result after the last key (median / worst) | query pasted: / to first result (median / worst) | phone: after the last key (median / worst) | bytes per query (first / next, worst) | once per visit | index + fragments | vocabulary | Pagefind build | vocabulary build | full build |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r['meetings']:,} | {r['first_result_median_ms']:.0f} / {r['first_result_max_ms']:.0f} ms "
            f"| {r['pasted_median_ms']:.0f} / {r['pasted_max_ms']:.0f} ms "
            f"| {r['phone_median_ms']:.0f} / {r['phone_max_ms']:.0f} ms "
            f"| {kib(r['first_query_bytes_max'])} / {kib(r['next_query_bytes_max'])} | {kib(r['once_bytes'])} "
            f"| {kib(r['index_bytes'])} + {kib(r['fragment_bytes'])} ({r['pages']:,} pages) | {kib(r['vocabulary_bytes'])} in {r['vocabulary_files']} files "
            f"| {r['pagefind_s']:.1f} s | {r['vocabulary_s']:.2f} s | {r['build_s']:.1f} s |"
        )
    return lines


def query_table(rows: list[dict]) -> list[str]:
    lines = [
        "| meetings | query | results shown | after the last key | pasted: / to first result | phone: after the last key | bytes (first query) |",
        "|---:|---|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        for typed, pasted, phone in zip(r["queries"], r["pasted"], r["phone"], strict=True):
            lines.append(
                f"| {r['meetings']:,} | {typed['query']} | {typed['results']} | {typed['after_last_key_ms']:.0f} ms "
                f"| {pasted['after_slash_ms']:.0f} ms | {phone['after_last_key_ms']:.0f} ms | {kib(typed['first_query_bytes'])} |"
            )
    return lines


def build_synthetic(meetings: int, out: Path) -> tuple[Path, Path, float]:
    """A synthetic repository of `meetings` minutes (bench/synthetic.py), built; returns (root, site, build seconds)."""
    from bench.synthetic import write_repository

    work = out / str(meetings)
    shutil.rmtree(work, ignore_errors=True)
    root = write_repository(work / "repo", meetings)
    site = work / "site"
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_site.py"), "--rot", str(root), "--site-dir", str(site)], check=True, capture_output=True, text=True
    )
    return root, site, time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--meetings", type=int, nargs="+", default=[200, 2000])
    parser.add_argument("--site", type=Path, help="a site already built (with --root)")
    parser.add_argument("--root", type=Path, help="the repository the site was built from")
    args = parser.parse_args()
    rows = []
    if args.site:
        rows.append({"meetings": 0, "build_s": float("nan"), **search_figures(args.root or args.site.parent, args.site)})
    else:
        for meetings in args.meetings:
            print(f"… {meetings} meetings", file=sys.stderr, flush=True)
            root, site, build_s = build_synthetic(meetings, ROOT / "bench-out" / "search")
            rows.append({"meetings": meetings, "build_s": build_s, **search_figures(root, site)})
    lines = [*table(rows), "", *query_table(rows)]
    print("\n".join(lines))
    if not args.site and args.meetings == [200, 2000]:
        import datetime as dt
        import platform

        stamp = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
        RESULTS.write_text(
            "\n".join(
                [
                    "# Search benchmark results",
                    "",
                    f"Written by `python bench/search.py` on {stamp} ({platform.python_version()}, {os.cpu_count()} cores).",
                    "Synthetic archives from bench/synthetic.py, built with scripts/build_site.py; what each",
                    "column means is in the docstring of bench/search.py. Timings depend on the machine.",
                    "",
                    *lines,
                    "",
                ]
            ),
            encoding="utf-8",
        )
        print(f"written: {RESULTS.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
