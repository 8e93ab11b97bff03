"""What the site makes besides the engine's pages: the pages' HTML, the search
index and the exports, made beside the engine on the other core.

Both engines (the MkDocs plugin, archive/site/plugin.py, and the Zensical
adapter, archive/site/zensical.py) build outlines of the pages: titles and
headings, with a comment for each block of finished HTML. The HTML itself is
made here, in a forked worker, while the engine works on the outlines; the
worker streams it back page by page, then writes the search documents, runs
Pagefind over them and writes the calendars, the feed and the open data. The
engine's process fills the comments as it writes each page. Without fork
(not Linux or macOS), the same work runs in the engine's process.
"""

from __future__ import annotations

import datetime as dt
import os
import pickle
import shutil
import struct
import subprocess
import sys
import threading
from pathlib import Path

from archive.model.paths import EXPORT_DIR, SEARCH_INDEX_DIR
from archive.model.repository import Repository
from archive.views import export_files, search
from archive.views.pages import Page, html_blocks

SEARCH_SOURCES = "search-sources"  # below the worker's scratch folder: one small document per searchable page
HANDWRITTEN_SOURCES = "handwritten-sources"  # the same for the pages the engine renders itself
HANDWRITTEN_READY = "handwritten-ready"  # the engine has written those


def generation_time(environ=os.environ) -> dt.datetime:
    """When the exports say they were made: SOURCE_DATE_EPOCH for a reproducible build, else now."""
    epoch = environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
        except (ValueError, OverflowError):
            raise ValueError(f"SOURCE_DATE_EPOCH er «{epoch}»; den må være et helt antall sekunder siden 1970.") from None
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def pagefind_command(sources: Path, output: Path) -> list[str]:
    """Pagefind's binary from PyPI (pagefind[bin]): nothing is downloaded at build time."""
    return [sys.executable, "-m", "pagefind", "--site", str(sources), "--output-path", str(output), "--silent"]


class Outputs:
    """The work of one build beside the engine, in `scratch` (an empty folder).

    `start()` begins it; `blocks(src)` gives a page's HTML blocks as soon as
    they are made; `add_documents(...)` hands over the search documents of the
    pages the engine rendered itself (the hand-written ones); `finish(site)`
    waits for the rest and moves the search index, its aids and the exports
    into the built site.
    """

    def __init__(self, repo: Repository, pages: list[Page], site_url: str, generated: dt.datetime, scratch: Path, *, expect_handwritten: bool):
        self.repo = repo
        self.pages = pages
        self.site_url = site_url
        self.generated = generated
        self.scratch = scratch
        self.expect_handwritten = expect_handwritten
        self._made: dict[str, list[str]] = {}
        self._arrived = threading.Condition()
        self._done = False
        self._failure: str | None = None
        self._child = 0
        self._reader: threading.Thread | None = None

    # -- the parent's side ------------------------------------------------------

    def start(self) -> None:
        (self.scratch / SEARCH_SOURCES).mkdir(parents=True, exist_ok=True)
        if not hasattr(os, "fork"):
            # One process: the HTML now, the index and the exports in finish().
            self._made = {page.src: html_blocks(page) for page in self.pages}
            self._done = True
            return
        read_end, write_end = os.pipe()
        sys.stdout.flush()
        sys.stderr.flush()
        child = os.fork()
        if child == 0:  # the worker: it never returns into the engine's code
            os.close(read_end)
            code = 0
            try:
                self._work(os.fdopen(write_end, "wb", buffering=1 << 20))
            except BaseException as error:  # noqa: BLE001 - told to the parent, which stops the build
                code = 1
                try:
                    _send(os.fdopen(os.dup(write_end), "wb"), ("failed", f"{type(error).__name__}: {error}"))
                except OSError:
                    pass
            os._exit(code)
        os.close(write_end)
        self._child = child
        self._reader = threading.Thread(target=self._read, args=(os.fdopen(read_end, "rb", buffering=1 << 20),), daemon=True)
        self._reader.start()

    def blocks(self, src: str) -> list[str]:
        """The HTML blocks of the page `src`, waiting for the worker if it has not got there yet."""
        with self._arrived:
            self._arrived.wait_for(lambda: src in self._made or self._done)
            if self._failure:
                raise RuntimeError(self._failure)
            return self._made[src]

    def add_documents(self, documents: dict[str, str]) -> None:
        """The search documents of the hand-written pages, by address; the worker
        waits for them before it runs Pagefind."""
        folder = self.scratch / HANDWRITTEN_SOURCES
        for address, text in documents.items():
            target = folder / address / "index.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        (self.scratch / HANDWRITTEN_READY).touch()

    def finish(self, site: Path) -> None:
        """Wait for the worker and move what it made into `site`."""
        if not self.expect_handwritten or not (self.scratch / HANDWRITTEN_READY).exists():
            (self.scratch / HANDWRITTEN_READY).touch()
        if self._child:
            self._reader.join()
            _, status = os.waitpid(self._child, 0)
            self._child = 0
            if self._failure or os.waitstatus_to_exitcode(status) != 0:
                raise RuntimeError(self._failure or "the worker that makes the pages' HTML stopped")
        elif not hasattr(os, "fork"):
            self._index_and_export(self._made)
        for name in (SEARCH_INDEX_DIR, EXPORT_DIR, search.WORDS_DIR):
            made = self.scratch / "site" / name
            if made.exists():
                target = site / name
                if target.exists():
                    shutil.rmtree(target)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.move(str(made), str(target))

    def stop(self) -> None:
        """Stop the worker (the build failed)."""
        if self._child:
            try:
                os.kill(self._child, 9)
                os.waitpid(self._child, 0)
            except OSError:
                pass
            self._child = 0

    def _read(self, pipe) -> None:
        with pipe:
            while True:
                message = _receive(pipe)
                with self._arrived:
                    if message is None or message[0] in ("done", "failed"):
                        if message is not None and message[0] == "failed":
                            self._failure = message[1]
                        elif message is None and not self._failure:
                            self._failure = "the worker that makes the pages' HTML ended without a word"
                        self._done = True
                        self._arrived.notify_all()
                        return
                    _, batch = message
                    self._made.update(batch)
                    self._arrived.notify_all()

    # -- the worker's side ------------------------------------------------------

    def _work(self, pipe) -> None:
        """In the worker: every page's HTML to the parent, then the index and the exports."""
        made: dict[str, list[str]] = {}
        batch: dict[str, list[str]] = {}
        for page in self.pages:
            made[page.src] = batch[page.src] = html_blocks(page)
            if len(batch) >= 25:
                _send(pipe, ("pages", batch))
                batch = {}
        _send(pipe, ("pages", batch))
        pipe.flush()
        ready = self.scratch / HANDWRITTEN_READY
        # The engine renders the hand-written pages; their documents come before the index.
        parent = os.getppid()
        while not ready.exists():
            if os.getppid() != parent:
                os._exit(1)  # the build ended without us: nothing to wait for
            threading.Event().wait(0.02)
        self._index_and_export(made)
        _send(pipe, ("done", None))
        pipe.close()

    def _index_and_export(self, made: dict[str, list[str]]) -> None:
        documents = search.write_search_sources(self.pages, made, self.scratch / SEARCH_SOURCES)
        site = self.scratch / "site"
        (site / EXPORT_DIR).mkdir(parents=True, exist_ok=True)
        for name, text in export_files(self.repo, self.site_url, self.generated).items():
            (site / EXPORT_DIR / name).write_text(text, encoding="utf-8")
        handwritten = self.scratch / HANDWRITTEN_SOURCES
        texts = [*documents.values()]
        if handwritten.is_dir():
            texts += [source.read_text(encoding="utf-8") for source in handwritten.rglob("index.html")]
            shutil.copytree(handwritten, self.scratch / SEARCH_SOURCES, dirs_exist_ok=True)
        search.write_search_aids(search.search_aid_files(self.repo, texts), site)
        result = subprocess.run(
            pagefind_command(self.scratch / SEARCH_SOURCES, site / SEARCH_INDEX_DIR), capture_output=True, text=True, preexec_fn=_lower_priority
        )
        if result.returncode != 0:
            raise RuntimeError(f"Søkeindeksen kunne ikke lages (Pagefind):\n{result.stdout}{result.stderr}")


def _lower_priority() -> None:
    # The engine is the longest part of the build and should not wait for the index.
    try:
        os.nice(10)
    except OSError:
        pass


_LENGTH = struct.Struct("!I")


def _send(pipe, message) -> None:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    pipe.write(_LENGTH.pack(len(data)))
    pipe.write(data)


def _receive(pipe):
    head = pipe.read(_LENGTH.size)
    if len(head) < _LENGTH.size:
        return None
    (length,) = _LENGTH.unpack(head)
    return pickle.loads(pipe.read(length))  # noqa: S301 - our own forked child
