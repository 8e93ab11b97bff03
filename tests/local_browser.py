"""A built site served on 127.0.0.1 and the headless browser that opens it, the
same way for the test session (tests/conftest.py and the browser and search
conftests), the hostile-input tests and the search benchmark (bench/search.py).

The browser is Debian's chromium, never one that Playwright downloads, started
with nothing that calls home.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

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


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Files from a folder, with no log line per request."""

    def log_message(self, format, *args):  # noqa: A002 - the stdlib's name
        pass

    def handle(self):
        # A page closed while a file was on its way is the browser's choice, not an error.
        try:
            super().handle()
        except (BrokenPipeError, ConnectionResetError):
            pass


@contextlib.contextmanager
def served(folder: Path, handler: type[http.server.SimpleHTTPRequestHandler] = QuietHandler, prefix: str = "/") -> Iterator[str]:
    """`folder` served from a thread on a free port: yields its address, ending in `prefix`."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}{prefix}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
