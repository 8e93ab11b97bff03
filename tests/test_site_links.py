"""Every link and anchor in the built site leads somewhere: the whole site, every HTML file.

MkDocs' own validation checks Markdown links; this crawls the output, so it
also covers links written by the views as HTML, by the theme and by template
overrides, and the fragments (#sak-3, #mari-stromsvag) they point at.
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup

from sitebuild import strict_build

# The address MkDocs writes into canonical links when SITE_URL is not set.
LOCAL_SITE = ("127.0.0.1:8000", "localhost:8000")
LINK_ATTRIBUTES = {"a": "href", "link": "href", "script": "src", "img": "src", "source": "src", "iframe": "src"}


@pytest.fixture(scope="module")
def site(root, tmp_path_factory) -> Path:
    return strict_build(root, tmp_path_factory.mktemp("links-site"))


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


def test_the_crawl_sees_every_page(site):
    crawl = Crawl(site)
    names = {p.relative_to(site).as_posix() for p in crawl.pages}
    assert {"index.html", "moter/naeringsgruppen/2025-udatert/index.html", "kontakter/index.html", "404.html"} <= names
    assert len(crawl.pages) >= 15


def test_no_broken_link_or_anchor_anywhere(site):
    assert Crawl(site).broken() == []


def test_the_crawl_finds_a_broken_link_and_anchor(site, tmp_path):
    """The check can fail: plant a dead link and a dead anchor in a copy."""
    import shutil

    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    page = copy / "klynger" / "index.html"
    html = page.read_text(encoding="utf-8")
    planted = '<a href="../moter/finnes-ikke/">x</a><a href="../kontakter/#ingen-slik-person">y</a></article>'
    page.write_text(html.replace("</article>", planted, 1), encoding="utf-8")
    problems = Crawl(copy).broken()
    assert problems == [
        "klynger/index.html: a href='../moter/finnes-ikke/': no such file",
        "klynger/index.html: a href='../kontakter/#ingen-slik-person': no element with id 'ingen-slik-person'",
    ]


def test_meeting_pages_link_their_people_and_agenda_anchors(site):
    """The links the crawl follows include the card's people and the agenda anchors."""
    crawl = Crawl(site)
    page = site / "moter/naeringsgruppen/2025-udatert/index.html"
    hrefs = [a["href"] for a in crawl.soup(page).select("article a[href]")]
    assert any(h.startswith("../../../kontakter/#") for h in hrefs)
    assert "#sak-3" in [f"#{i}" for i in crawl.ids(page)]
