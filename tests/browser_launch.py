"""How every headless browser here is started: Debian's chromium, never one that
Playwright downloads, and nothing that calls home. Used by the test session
(tests/conftest.py), the hostile-input visitor (tests/browser/hostile_visit.py)
and the search benchmark (bench/search.py)."""

from __future__ import annotations

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def launch(playwright):
    """A headless chromium from `playwright` (a started sync_playwright())."""
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
