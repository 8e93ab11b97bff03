"""The members' site on a phone: page sizes, DOM nodes, main-thread blocks and
time to usable for every kind of page, the register filters and the header
search, measured the way issue 24 asks.

    python bench/phone.py --meetings 2000          # a synthetic archive, both engines
    python bench/phone.py --site DIR --root DIR    # a site already built from repository DIR

`phone_figures(root, site)` measures one built site (scripts/bench.py calls it
for the 2,000-meeting archive with each engine); `table(rows)` and `verdicts`
write the rows as Markdown.

How:

- The site is served from a thread on 127.0.0.1, gzipped as GitHub Pages serves
  it (HTML, CSS, JavaScript, JSON, XML and SVG, when the browser asks for it).
- Headless Chromium (Debian's) at 390 × 844 with touch, a fresh context (a
  cold cache) for every page, through the DevTools protocol: the CPU 4× slower
  (Emulation.setCPUThrottlingRate) and the network at 1.6 Mbit/s down with
  150 ms latency (Network.emulateNetworkConditions): about a phone on mobile data.
- Long tasks: a PerformanceObserver for `longtask` entries, installed before
  the page's own scripts, from the navigation until 1.5 s after the load event.
  Each page is loaded three times in a fresh context; every figure is the median.
- DOM nodes: the elements of the document once loaded (what Lighthouse counts),
  and all nodes including text.
- Time to usable: from the navigation until the load event has fired and the
  main thread has finished its last long task.
- Every HTML file of the site is also read from disk: the largest is given
  (limit 300 KB), and the most elements any page has in its HTML as written.
- Filters: on the follow-up register, the decisions and the meeting archive,
  the time from choosing a group or status until the list says how many it
  shows, and the longest task meanwhile (the data is fetched on demand).
- Header search: the front page loaded, the search field tapped and a query
  typed at 60 ms a key: the time from the last key to the first result shown.
"""

from __future__ import annotations

import argparse
import gzip
import io
import statistics
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
from local_browser import QuietHandler, launch, served  # noqa: E402

# The limits of issue 24, at 2,000 meetings.
LIMITS = {"html_bytes": 300 * 1024, "dom_nodes": 3000, "long_task_ms": 200, "search_ms": 1500, "usable_ms": 3000}

PHONE_NETWORK = {"offline": False, "latency": 150, "downloadThroughput": 1.6 * 1024 * 1024 / 8, "uploadThroughput": 750 * 1024 / 8}
PHONE_CPU = 4
VIEWPORT = {"width": 390, "height": 844}
SETTLE_MS = 1500
REPEAT = 3  # loads of each page; each figure is their median
SEARCH_QUERIES = ["klyngene", "sirkulaerokonomi", "næringsarealer"]

OBSERVER = """
window.__longTasks = [];
try {
  new PerformanceObserver(function (list) {
    list.getEntries().forEach(function (entry) { window.__longTasks.push([entry.startTime, entry.duration]); });
  }).observe({ type: "longtask", buffered: true });
} catch (error) { window.__longTasks = null; }
"""

COMPRESSED = (".html", ".css", ".js", ".json", ".xml", ".svg", ".ics")


class GzipHandler(QuietHandler):
    """Static files, gzipped when the browser accepts it, as GitHub Pages serves them."""

    cache: dict[str, bytes] = {}

    def send_head(self):
        address = self.path.split("?", 1)[0].split("#", 1)[0]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not address.endswith("/"):
                return super().send_head()  # the redirect to the folder's address
            path = path / "index.html"
        if not path.is_file() or not path.name.endswith(COMPRESSED) or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().send_head()
        body = self.cache.get(str(path))
        if body is None:
            body = self.cache[str(path)] = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


class _ElementCounter(HTMLParser):
    def __init__(self):
        super().__init__()
        self.count = 0

    def handle_starttag(self, tag, attrs):
        self.count += 1


def static_figures(site: Path) -> dict:
    """The largest HTML file and the most elements in any page, read from disk."""
    largest = (0, "")
    most = (0, "")
    pages = 0
    for path in site.rglob("*.html"):
        rel = path.relative_to(site).as_posix()
        if rel.startswith("pagefind/"):
            continue
        pages += 1
        data = path.read_bytes()
        largest = max(largest, (len(data), rel))
        counter = _ElementCounter()
        counter.feed(data.decode("utf-8", errors="replace"))
        most = max(most, (counter.count, rel))
    return {"pages": pages, "largest_html": largest, "most_elements": most}


def page_kinds(root: Path) -> dict[str, str]:
    """One address of each kind of page, picked from the archive itself."""
    from archive.model import paths
    from archive.model.repository import load_repository

    repo, problems = load_repository(root)
    assert not problems, problems[:3]
    held = [m for m in repo.meetings if m.held and m.minutes_in_archive and m.agenda]
    planned = [m for m in repo.meetings if m.status == "planlagt"]
    people = sorted(repo.people, key=lambda p: (-len(repo.chains_by_owner.get(p, [])), p))
    areas = sorted(repo.focus_areas, key=lambda a: -len(repo.items_by_focus_area.get(a, [])))
    decision_years = sorted({m.year for m in repo.meetings if m.decisions})
    kinds = {
        "forside": "",
        "møtearkiv": paths.page_url(paths.ARCHIVE_PAGE),
        "møter etter gruppe": paths.page_url(paths.ARCHIVE_BY_GROUP_PAGE),
        "kalender": paths.page_url(paths.CALENDAR_PAGE),
        "oppmøte": paths.page_url(paths.ATTENDANCE_PAGE),
        "oppfølging": paths.page_url(paths.ACTIONS_PAGE),
        "vedtak": paths.page_url(paths.DECISIONS_PAGE),
        "kontakter": paths.page_url(paths.CONTACTS_PAGE),
        "organisasjoner": paths.page_url(paths.ORGANISATIONS_PAGE),
        "grupper": paths.page_url(paths.GROUPS_PAGE),
        "satsingsområder": paths.page_url(paths.FOCUS_AREAS_PAGE),
        "klynger": paths.page_url(paths.CLUSTERS_PAGE),
        "søk": paths.page_url(paths.SEARCH_PAGE),
    }
    if decision_years:
        kinds["vedtak, ett år"] = paths.page_url(paths.decisions_year_page(decision_years[-2 if len(decision_years) > 1 else -1]))
    if held:
        kinds["møte"] = paths.page_url(held[-1].src_path)
    if planned:
        kinds["innkalling"] = paths.page_url(planned[-1].src_path)
    if people:
        kinds["person"] = paths.page_url(paths.person_page(people[0]))
    if areas:
        kinds["satsingsområde"] = paths.page_url(paths.focus_area_page(areas[0]))
    if repo.groups:
        group_page = getattr(paths, "group_page", None)
        if group_page:
            kinds["gruppe"] = paths.page_url(group_page(next(iter(repo.groups))))
    return kinds


def _phone_context(browser):
    context = browser.new_context(viewport=VIEWPORT, has_touch=True, is_mobile=False, locale="nb-NO")
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", PHONE_NETWORK)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": PHONE_CPU})
    page.add_init_script(OBSERVER)
    return context, page


def _after_load(page) -> dict:
    page.wait_for_timeout(SETTLE_MS)
    return page.evaluate(
        """() => {
          const nav = performance.getEntriesByType("navigation")[0];
          const tasks = window.__longTasks || [];
          const loaded = nav.loadEventEnd;
          const lastTask = tasks.reduce((end, t) => Math.max(end, t[0] + t[1]), 0);
          let nodes = 0;
          const walker = document.createTreeWalker(document, NodeFilter.SHOW_ALL);
          while (walker.nextNode()) nodes += 1;
          return {
            elements: document.getElementsByTagName("*").length,
            nodes: nodes,
            longest: tasks.reduce((m, t) => Math.max(m, t[1]), 0),
            tasks: tasks.length,
            usable: Math.max(loaded, lastTask),
            loaded: loaded,
            transferred: performance.getEntriesByType("resource").reduce((s, r) => s + (r.transferSize || 0), nav.transferSize || 0),
          };
        }"""
    )


def measure_page(browser, base: str, address: str) -> dict:
    context, page = _phone_context(browser)
    try:
        page.goto(base + address, wait_until="load", timeout=120_000)
        return _after_load(page)
    finally:
        context.close()


# The registers' filters: which select to change, to which of its options.
FILTERS = {
    "oppfølging": "#filter-gruppe, #filter-ansvarlig",
    "vedtak": "#filter-gruppe",
    "møtearkiv": "#filter-gruppe",
}


def measure_filter(browser, base: str, address: str, selector: str) -> dict | None:
    """Choose the last option of the register's first filter: the time until the list says what it shows."""
    context, page = _phone_context(browser)
    try:
        page.goto(base + address, wait_until="load", timeout=120_000)
        page.wait_for_timeout(SETTLE_MS)
        select = page.locator(selector).first
        if not select.count() or not select.is_visible():
            return None
        value = select.evaluate("s => s.options[s.options.length - 1].value")
        page.evaluate("() => { window.__longTasks = []; window.__countChanged = null; }")
        page.evaluate(
            """() => {
              const count = document.querySelector(".archive-filter-count");
              // Done when the list says what it shows («Viser 50 av 312.», «Ingen treff.»), not while it fetches.
              new MutationObserver(() => {
                if (window.__countChanged === null && /^(Viser|Ingen)/.test(count.textContent)) window.__countChanged = performance.now();
              }).observe(count, { childList: true, characterData: true, subtree: true });
            }"""
        )
        started = page.evaluate("() => performance.now()")
        select.select_option(value)
        page.wait_for_function("() => window.__countChanged !== null", timeout=60_000)
        page.wait_for_timeout(500)
        return page.evaluate(
            "started => ({ shown_ms: window.__countChanged - started, longest: (window.__longTasks || []).reduce((m, t) => Math.max(m, t[1]), 0) })", started
        )
    finally:
        context.close()


def measure_search(browser, base: str, query: str) -> float:
    """Front page loaded; tap the search, type the query: ms from the last key to the first result shown."""
    context, page = _phone_context(browser)
    try:
        page.add_init_script(
            """
            window.__keys = [];
            document.addEventListener("keydown", () => window.__keys.push(performance.now()), true);
            window.__shown = null;
            new MutationObserver(() => {
              const status = document.getElementById("site-search-status");
              if (status && window.__wanted && status.textContent.includes("«" + window.__wanted + "»") && window.__shown === null) {
                window.__shown = performance.now();
              }
            }).observe(document, { subtree: true, childList: true, characterData: true });
            """
        )
        page.goto(base, wait_until="load", timeout=120_000)
        page.wait_for_timeout(SETTLE_MS)
        page.evaluate("q => { window.__wanted = q; }", query)
        opener = page.locator(".site-search__open")
        if opener.is_visible():
            opener.tap()
        else:
            page.locator("#site-search-input").tap()
        page.keyboard.type(query, delay=60)
        page.wait_for_function("() => window.__shown !== null", timeout=60_000)
        return page.evaluate("() => window.__shown - window.__keys[window.__keys.length - 1]")
    finally:
        context.close()


def phone_figures(root: Path, site: Path) -> dict:
    from playwright.sync_api import sync_playwright

    kinds = page_kinds(root)
    figures: dict = {"static": static_figures(site), "pages": {}, "filters": {}, "search": {}}
    with served(site, GzipHandler) as base, sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            for name, address in kinds.items():
                if (site / address / "index.html").is_file():
                    runs = [measure_page(browser, base, address) for _ in range(REPEAT)]
                    # The machine is shared: each figure is the median of the runs.
                    figures["pages"][name] = {"address": address, **{key: statistics.median(run[key] for run in runs) for key in runs[0]}}
            for name, selector in FILTERS.items():
                if name in kinds:
                    result = measure_filter(browser, base, kinds[name], selector)
                    if result:
                        figures["filters"][name] = result
            for query in SEARCH_QUERIES:
                figures["search"][query] = statistics.median(measure_search(browser, base, query) for _ in range(REPEAT))
        finally:
            browser.close()
    return figures


def kib(n: float) -> str:
    return f"{n / 1024:.0f} KiB"


def table(label: str, figures: dict) -> list[str]:
    lines = [
        f"Phone at {label}: 4× slower CPU, 1.6 Mbit/s, 150 ms, served gzipped.",
        "",
        "| page | address | elements / all nodes | longest task | time to usable | transferred |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for name, p in figures["pages"].items():
        lines.append(
            f"| {name} | `{p['address'] or '/'}` | {p['elements']:,} / {p['nodes']:,} | {p['longest']:.0f} ms | {p['usable']:.0f} ms | {kib(p['transferred'])} |"
        )
    if figures["filters"]:
        lines += ["", "| filter changed on | list updated after | longest task meanwhile |", "|---|---:|---:|"]
        for name, f in figures["filters"].items():
            lines.append(f"| {name} | {f['shown_ms']:.0f} ms | {f['longest']:.0f} ms |")
    if figures["search"]:
        lines += ["", "| header search | first result after the last key |", "|---|---:|"]
        for query, ms in figures["search"].items():
            lines.append(f"| {query} | {ms:.0f} ms |")
    s = figures["static"]
    lines += [
        "",
        f"Every HTML page of the site ({s['pages']:,}): largest {kib(s['largest_html'][0])} (`{s['largest_html'][1]}`), "
        f"most elements in the HTML as written {s['most_elements'][0]:,} (`{s['most_elements'][1]}`).",
    ]
    return lines


def verdicts(label: str, figures: dict) -> list[str]:
    pages = figures["pages"].values()
    s = figures["static"]
    worst_nodes = max(pages, key=lambda p: p["elements"])
    worst_task = max([p["longest"] for p in pages] + [f["longest"] for f in figures["filters"].values()])
    worst_search = max(figures["search"].values()) if figures["search"] else 0
    usable = [p["usable"] for p in pages]
    checks = [
        (f"no HTML page over {kib(LIMITS['html_bytes'])}", s["largest_html"][0] <= LIMITS["html_bytes"], kib(s["largest_html"][0])),
        (
            f"no page over {LIMITS['dom_nodes']:,} DOM elements on first load",
            worst_nodes["elements"] <= LIMITS["dom_nodes"] and s["most_elements"][0] <= LIMITS["dom_nodes"],
            f"{worst_nodes['elements']:,} in the browser, {s['most_elements'][0]:,} in any page's HTML",
        ),
        (f"no main-thread task over {LIMITS['long_task_ms']} ms", worst_task <= LIMITS["long_task_ms"], f"{worst_task:.0f} ms"),
        (f"header search: first result within {LIMITS['search_ms']} ms", worst_search <= LIMITS["search_ms"], f"worst {worst_search:.0f} ms"),
    ]
    out = [f"- {'met' if ok else 'MISSED'} ({label}): {text} ({value})" for text, ok, value in checks]
    out.append(f"- reported ({label}): time to usable, median {statistics.median(usable):.0f} ms, worst {max(usable):.0f} ms (aim: {LIMITS['usable_ms']} ms)")
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--meetings", type=int, default=2000)
    parser.add_argument("--site", type=Path, help="a site already built (with --root)")
    parser.add_argument("--root", type=Path, help="the repository the site was built from")
    parser.add_argument("--engine", nargs="+", default=["mkdocs", "zensical"])
    args = parser.parse_args()
    lines: list[str] = []
    checks: list[str] = []
    if args.site:
        figures = phone_figures(args.root, args.site)
        lines += table("the given site", figures)
        checks += verdicts("the given site", figures)
    else:
        from bench.synthetic import write_repository

        work = ROOT / "bench-out" / "phone"
        import shutil

        shutil.rmtree(work, ignore_errors=True)
        root = write_repository(work / "repo", args.meetings)
        for engine in args.engine:
            site = work / f"site-{engine}"
            subprocess.run(
                [sys.executable, str(ROOT / "scripts" / "build_site.py"), "--rot", str(root), "--engine", engine, "--site-dir", str(site)],
                check=True,
                capture_output=True,
            )
            figures = phone_figures(root, site)
            label = f"{args.meetings:,} meetings, {engine}"
            lines += table(label, figures) + [""]
            checks += verdicts(label, figures)
    print("\n".join(lines + [""] + checks))
    return 0


if __name__ == "__main__":
    sys.exit(main())
