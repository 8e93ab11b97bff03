"""Crawling a built site: every HTML file, its ids, and the links that lead nowhere.

MkDocs' own validation checks Markdown links; this crawls the output, so it
also covers links written by the views as HTML, by the theme and by template
overrides, and the fragments (#sak-3, #mari-stromsvag) they point at.
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

# The address MkDocs writes into canonical links when SITE_URL is not set.
LOCAL_SITE = ("127.0.0.1:8000", "localhost:8000")
LINK_ATTRIBUTES = {"a": "href", "link": "href", "script": "src", "img": "src", "source": "src", "iframe": "src"}


class Crawl:
    """The built site's pages, their ids, and the links that fail."""

    def __init__(self, site: Path):
        self.site = site
        self.pages = sorted(site.rglob("*.html"))
        self._ids: dict[Path, set[str]] = {}
        self._soups: dict[Path, BeautifulSoup] = {}

    def soup(self, path: Path) -> BeautifulSoup:
        if path not in self._soups:
            self._soups[path] = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        return self._soups[path]

    def ids(self, path: Path) -> set[str]:
        if path not in self._ids:
            soup = self.soup(path)
            self._ids[path] = {t["id"] for t in soup.find_all(id=True)} | {t["name"] for t in soup.find_all("a", attrs={"name": True})}
        return self._ids[path]

    def target(self, page: Path, url: str) -> tuple[Path | None, str]:
        """The file a link from `page` leads to (None if it leaves the site), and its fragment."""
        parts = urlsplit(url)
        if parts.scheme in ("mailto", "tel", "data", "javascript"):
            return None, ""
        if parts.scheme or parts.netloc:
            if parts.netloc not in LOCAL_SITE:
                return None, ""
            path = parts.path
        else:
            path = parts.path
        if path.startswith("/"):
            file_path = posixpath.normpath(path.lstrip("/")) if path != "/" else ""
        else:
            here = posixpath.dirname(page.relative_to(self.site).as_posix())
            file_path = posixpath.normpath(posixpath.join(here, unquote(path))) if path else page.relative_to(self.site).as_posix()
        if path.endswith("/") or file_path in ("", "."):
            file_path = posixpath.join(file_path, "index.html") if file_path not in ("", ".") else "index.html"
        return self.site / unquote(file_path), unquote(parts.fragment)

    def broken(self) -> list[str]:
        problems = []
        for page in self.pages:
            for tag, attr in LINK_ATTRIBUTES.items():
                for element in self.soup(page).find_all(tag, attrs={attr: True}):
                    url = element[attr]
                    if tag == "link" and element.get("rel") in (["canonical"], ["alternate"]) and "://" in url:
                        continue  # absolute addresses of the deployed site
                    target, fragment = self.target(page, url)
                    if target is None:
                        continue
                    where = f"{page.relative_to(self.site)}: {tag} {attr}={url!r}"
                    if target.is_dir():
                        target = target / "index.html"
                    if not target.is_file():
                        problems.append(f"{where}: no such file")
                    elif fragment and target.suffix == ".html" and fragment not in self.ids(target):
                        problems.append(f"{where}: no element with id {fragment!r}")
        return problems
