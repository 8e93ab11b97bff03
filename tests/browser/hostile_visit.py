"""The browser half of tests/browser/test_hostile.py, run as a process of its own.

Playwright's synchronous API runs one instance per thread: a second one in the
pytest process, beside the session-wide browser other browser tests keep open,
fails. So the test serves the site and runs this script, which opens Debian's
Chromium (never a downloaded browser) and prints what it saw as JSON:

    python tests/browser/hostile_visit.py visit BASE_URL < pages.json
    python tests/browser/hostile_visit.py search BASE_URL < words.json
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/, for local_browser
from local_browser import launch  # noqa: E402

# Text the corpus puts on pages: an element showing any of it is hovered.
CORPUS_WORDS = re.compile(r"alert\(|onmouseover|onfocus|onclick|onerror|onload|\{:|\{\{|\{%|<script|javascript:")
MAX_TABS = 120


def local(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in ("javascript", "vbscript") or url.startswith("data:text/html"):
        return False
    return parts.scheme in ("about", "data", "blob") or parts.hostname == "127.0.0.1"


def watch(page, seen: list[str]) -> None:
    """Record what a page must never do, and stop requests that leave the site."""

    def dialog(opened) -> None:
        seen.append(f"{opened.type} dialog: {opened.message}")
        opened.dismiss()

    page.on("dialog", dialog)
    page.on("console", lambda message: seen.append(f"console error: {message.text}") if message.type == "error" else None)
    page.on("pageerror", lambda error: seen.append(f"uncaught exception: {error}"))
    page.on("request", lambda request: None if local(request.url) else seen.append(f"request off the site: {request.url}"))
    page.on("framenavigated", lambda frame: None if local(frame.url) else seen.append(f"navigation off the site: {frame.url}"))
    page.on("popup", lambda popup: seen.append(f"popup: {popup.url}"))
    page.route("**/*", lambda route: route.continue_() if local(route.request.url) else route.abort())


def visit(context, base: str, pages: list[str]) -> dict:
    """Open each page, tab through it, hover everything that shows corpus text."""
    problems: dict[str, list[str]] = {}
    hovered_total = 0
    for address in pages:
        page = context.new_page()
        seen: list[str] = []
        watch(page, seen)
        page.goto(base + address, wait_until="load")
        page.wait_for_timeout(150)  # autofocus and load handlers have run
        # Every focusable element in turn: onfocus runs only when focus arrives.
        for _ in range(MAX_TABS):
            page.keyboard.press("Tab")
            if page.evaluate("() => document.activeElement === document.body"):
                break
        # Every element that shows corpus text, under the mouse: onmouseover runs only then.
        count = page.evaluate(
            """(pattern) => {
                const words = new RegExp(pattern);
                const found = [];
                for (const element of document.querySelectorAll('body *')) {
                    const own = Array.from(element.childNodes).filter(n => n.nodeType === 3).map(n => n.textContent).join('');
                    const values = Array.from(element.attributes).map(a => a.value).join(' ');
                    if (words.test(own) || words.test(values)) found.push(element);
                }
                window.__corpusElements = found;
                return found.length;
            }""",
            CORPUS_WORDS.pattern,
        )
        for index in range(count):
            centre = page.evaluate(
                """(i) => { const e = window.__corpusElements[i]; e.scrollIntoView({block: 'center'});
                            const r = e.getBoundingClientRect(); return r.width && r.height ? [r.x + r.width / 2, r.y + r.height / 2] : null; }""",
                index,
            )
            if centre:
                page.mouse.move(centre[0], centre[1])
                hovered_total += 1
        page.wait_for_timeout(100)
        if seen:
            problems[address or "/"] = seen
        page.close()
    return {"problems": problems, "hovered": hovered_total, "pages": len(pages)}


def search(context, base: str, words: list[str]) -> dict:
    """Pagefind's own API, asked for each word: the first results' excerpts and titles."""
    page = context.new_page()
    seen: list[str] = []
    watch(page, seen)
    page.goto(base, wait_until="load")
    results = page.evaluate(
        """async (words) => {
            const pagefind = await import('/pagefind/pagefind.js');
            await pagefind.options({});
            const found = [];
            for (const word of words) {
                const search = await pagefind.search(word);
                for (const result of search.results.slice(0, 8)) {
                    const data = await result.data();
                    found.push({word, url: data.url, excerpt: data.excerpt, title: data.meta.title || ''});
                }
            }
            return found;
        }""",
        words,
    )
    page.close()
    return {"problems": seen, "results": results}


def main() -> int:
    command, base = sys.argv[1], sys.argv[2]
    argument = json.load(sys.stdin)
    with sync_playwright() as playwright:
        browser = launch(playwright)
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nb-NO")
        result = visit(context, base, argument) if command == "visit" else search(context, base, argument)
        context.close()
        browser.close()
    json.dump(result, sys.stdout, ensure_ascii=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
