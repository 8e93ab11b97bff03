"""Every link and anchor in the built site of the real archive leads somewhere."""

from __future__ import annotations

from pathlib import Path

import pytest
from crawl import Crawl
from sitebuild import strict_build


@pytest.fixture(scope="module")
def site(root, tmp_path_factory) -> Path:
    return strict_build(root, tmp_path_factory.mktemp("links-site"))


def test_the_crawl_sees_every_page(site, root):
    from archive.model.repository import load_repository

    repo, _ = load_repository(root)
    crawl = Crawl(site)
    names = {p.relative_to(site).as_posix() for p in crawl.pages}
    assert {"index.html", "kontakter/index.html", "404.html"} <= names
    for meeting in repo.meetings:
        assert f"{meeting.src_path[:-3]}/index.html" in names
    for person in repo.people:
        assert f"kontakter/{person}/index.html" in names


def test_no_broken_link_or_anchor_anywhere(site):
    assert Crawl(site).broken() == []


def test_the_crawl_finds_a_broken_link_and_anchor(site, tmp_path):
    """The check can fail: plant a dead link and a dead anchor in a copy."""
    import shutil

    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    page = copy / "klynger" / "index.html"
    html = page.read_text(encoding="utf-8")
    planted = '<a href="../moter/finnes-ikke/">x</a><a href="../grupper/#ingen-slik-gruppe">y</a></article>'
    page.write_text(html.replace("</article>", planted, 1), encoding="utf-8")
    problems = Crawl(copy).broken()
    assert problems == [
        "klynger/index.html: a href='../moter/finnes-ikke/': no such file",
        "klynger/index.html: a href='../grupper/#ingen-slik-gruppe': no element with id 'ingen-slik-gruppe'",
    ]


def test_the_validators_anchors_of_a_written_page_are_the_ones_the_engine_made(site, root):
    """validate.py checks links to a page's headings with the anchors it computes
    (archive/model/links.py: page_anchors); the built pages must have each one."""
    import re

    from archive.model.links import page_anchors
    from archive.model.paths import page_url
    from archive.model.repository import load_repository

    repo, _ = load_repository(root)
    assert repo.pages
    for src, page in repo.pages.items():
        html = (site / page_url(src) / "index.html").read_text(encoding="utf-8")
        built = set(re.findall(r'\bid="([^"]+)"', html))
        missing = [a for a in sorted(page_anchors(page)) if a not in built and f"user-content-{a}" not in built]
        assert missing == [], src
