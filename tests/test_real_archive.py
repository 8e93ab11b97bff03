"""The repository's own content is part of the suite, in the ways that hold for
every valid archive: every file validates, every page builds without a
warning, every line of every minutes file reaches its page, and what the pages
count comes from the model. Nothing here names today's meetings or numbers:
the secretary's next pull request must pass these tests as it is."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sitebuild import strict_build

from archive.model import paths
from archive.model.repository import load_repository
from archive.safety.markdown import render_inline


@pytest.fixture(scope="module")
def repo(root):
    repo, problems = load_repository(root)
    assert [str(p) for p in problems] == []
    return repo


@pytest.fixture(scope="module")
def site(root, tmp_path_factory) -> Path:
    return strict_build(root, tmp_path_factory.mktemp("real-site"))


def soup(site: Path, src: str) -> BeautifulSoup:
    return BeautifulSoup((site / paths.page_url(src) / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_every_real_file_validates_and_there_is_content(repo):
    # A validator that found nothing to read would pass too: insist on content.
    assert repo.meetings and repo.people and repo.groups


def _words(text: str) -> str:
    """The letters and digits of `text`, one space between each run: what a reader
    reads, whatever Markdown, HTML or punctuation stood around it."""
    return " ".join(re.findall(r"[^\W_]+", text))


def _visible(line: str) -> str:
    """What one line of minutes shows on its page, as words: rendered by the site's
    own inline renderer (entities, escapes, emphasis, links), tags dropped."""
    line = re.sub(r"^\s*(?:>\s*)*(?:[-*+]|\d{1,9}[.)])?\s*(?:\[[ xX]\]\s)?", "", line)  # quote, list and task markers
    line = re.sub(r"\s*(Ansvar|Frist|Fra|Status):.*$", "", line)  # shown as links and dates, checked elsewhere
    return _words(BeautifulSoup(str(render_inline(line)), "html.parser").get_text(" "))


def test_every_line_of_every_minutes_file_reaches_its_page(repo, site):
    """Nothing the secretary writes is lost between the file and the page: the words
    of every line of the body stand, in order, in the page's article."""
    for meeting in repo.meetings:
        page = f" {_words(soup(site, meeting.src_path).select_one('article').get_text(' '))} "
        # A comment is the secretary's note to herself: not shown, by design.
        body = re.sub(r"<!--.*?-->", lambda m: "\n" * m.group().count("\n"), meeting.raw_body, flags=re.DOTALL)
        fence = False
        for line in body.splitlines():
            if re.match(r"^\s*(```|~~~)", line):
                fence = not fence
                continue  # the fence itself is not shown; what is between is, as written
            words = _words(line) if fence else _visible(line)
            if not fence and re.match(r"^\s*(Vedtak|Klynger?|Satsingsområder?|Arbeidsgrupper?|Grupper?|Gjelder)\s*:", line, re.IGNORECASE):
                continue  # a label line: its names become links, checked by the crawl
            if words:
                assert f" {words} " in page, (meeting.path, line)


def test_every_meeting_person_focus_area_and_cluster_has_its_page(repo, site):
    for meeting in repo.meetings:
        assert soup(site, meeting.src_path).find("h1") is not None
    for person in repo.people:
        assert (site / paths.page_url(paths.person_page(person)) / "index.html").is_file()
    for area in repo.focus_areas:
        assert (site / paths.page_url(paths.focus_area_page(area)) / "index.html").is_file()
    clusters = soup(site, paths.CLUSTERS_PAGE)
    for cluster in repo.clusters:
        assert clusters.find(id=cluster) is not None


def test_the_archive_counts_what_the_model_holds(repo, site):
    archive = soup(site, paths.ARCHIVE_PAGE)
    assert len(archive.select("article table tbody tr")) == len(repo.meetings)


def test_meeting_pages_are_not_in_the_navigation(repo, site):
    """A meeting page must stay small as the archive grows: no list of all meetings."""
    for src in [paths.FRONT_PAGE, *(m.src_path for m in repo.meetings[:3])]:
        nav_links = [a["href"] for a in soup(site, src).select("nav.md-nav--primary a[href]")]
        assert nav_links, src
        assert not any(re.search(r"moter/[^/]+/[^/]+/", href) for href in nav_links), nav_links


def test_norwegian_interface_without_third_party_fonts(site):
    html = (site / "index.html").read_text(encoding="utf-8")
    assert '<html lang="nb"' in html
    assert "fonts.googleapis.com" not in html and "fonts.gstatic.com" not in html


def test_the_search_index_is_built_in_norwegian(site):
    import json

    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["nb"]
    assert not (site / "search" / "search_index.json").exists()  # the theme's own index is gone
