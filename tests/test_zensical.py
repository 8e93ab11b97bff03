"""Engine portability: the same repository built with Zensical.

Zensical reads mkdocs.yml and runs the macros module's `define_env`, so every
page generated from the data (focus areas, clusters, contacts, groups, the
archive and the registers) must come out with the same article text as under
MkDocs. It does not run the macros plugin's page hooks, which build the
meeting pages under MkDocs; archive/zensical_meetings.py, a Markdown extension,
builds them under Zensical, and the meeting pages must match too.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from sitebuild import copy_repository, strict_build

BIN = Path(sys.executable).parent

# Pages generated from data by define_env's macros: same text in both engines.
GENERATED_PAGES = [
    "satsingsomrader/index.html",
    "satsingsomrader/internasjonal-rekruttering/index.html",
    "satsingsomrader/sirkulaerokonomi/index.html",
    "satsingsomrader/naeringsutviklingsprosjekter/index.html",
    "satsingsomrader/kompetansebehov/index.html",
    "satsingsomrader/attraktivitet-og-tilflytting/index.html",
    "klynger/index.html",
    "kontakter/index.html",
    "kontakter/organisasjoner/index.html",
    "grupper/index.html",
    "moter/index.html",
    "index.html",
]
SEED_MEETING = "moter/naeringsgruppen/2025-udatert/index.html"


@pytest.fixture(scope="module")
def repo_copy(root, tmp_path_factory) -> Path:
    """Zensical writes into the project's own site_dir: build in a copy."""
    return copy_repository(root, tmp_path_factory.mktemp("zensical") / "repo")


@pytest.fixture(scope="module")
def mkdocs_site(repo_copy, tmp_path_factory) -> Path:
    return strict_build(repo_copy, tmp_path_factory.mktemp("mkdocs-site"))


@pytest.fixture(scope="module")
def zensical_site(repo_copy, mkdocs_site) -> Path:
    # mkdocs_site ran scripts/export_data.py in the copy already, as `make build` does.
    result = subprocess.run(
        [str(BIN / "zensical"), "build", "--clean"],
        cwd=repo_copy, capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    site = repo_copy / "site"
    assert (site / "index.html").is_file()
    return site


def article(site: Path, page: str) -> BeautifulSoup:
    soup = BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")
    found = soup.select_one("article")
    assert found is not None, f"{page} has no <article>"
    for permalink in found.select("a.headerlink"):
        permalink.decompose()
    return found


def text_of(site: Path, page: str) -> str:
    return " ".join(article(site, page).get_text(" ").split())


@pytest.mark.parametrize("page", GENERATED_PAGES)
def test_generated_pages_have_the_same_text(mkdocs_site, zensical_site, page):
    mkdocs_text = text_of(mkdocs_site, page)
    assert len(mkdocs_text) > 200  # a real page, not an empty shell
    assert text_of(zensical_site, page) == mkdocs_text


@pytest.mark.parametrize("page", ["klynger/index.html", "kontakter/index.html", "satsingsomrader/sirkulaerokonomi/index.html"])
def test_generated_pages_have_the_same_links(mkdocs_site, zensical_site, page):
    def links(site):
        return [a.get("href") for a in article(site, page).select("a[href]")]
    assert links(zensical_site) == links(mkdocs_site)


def test_meeting_minutes_text_is_there_under_zensical(mkdocs_site, zensical_site):
    """The secretary's text of the seed minutes survives in both engines."""
    zensical_text = text_of(zensical_site, SEED_MEETING)
    for statement in [
        "Hanne-Mai Eriksen, seniorrådgiver klynger hos Innovasjon Norge",
        "Klyngeprogrammet har tre nivåer",
        "Norwegian Space Cluster",
    ]:
        assert statement in zensical_text
        assert statement in text_of(mkdocs_site, SEED_MEETING)


@pytest.mark.parametrize("page", [SEED_MEETING, "moter/naeringsgruppen/2025-01-16/index.html"])
def test_meeting_pages_are_the_same_under_zensical(mkdocs_site, zensical_site, page):
    """MkDocs builds the meeting page in the macros plugin's page hook, which
    Zensical does not call; archive/zensical_meetings.py does it there."""
    mkdocs_article, zensical_article = article(mkdocs_site, page), article(zensical_site, page)
    assert len(mkdocs_article.select(".meeting-card")) == 1
    assert text_of(zensical_site, page) == text_of(mkdocs_site, page)
    assert [a.get("href") for a in zensical_article.select("a[href]")] == [a.get("href") for a in mkdocs_article.select("a[href]")]
    assert len(zensical_article.select(".admonition.vedtak")) == len(mkdocs_article.select(".admonition.vedtak"))


def test_zensical_meeting_pages_use_the_project_being_built(repo_copy, zensical_site):
    """The extension loads the repository Zensical is building (the copy here),
    not the one its module was installed from."""
    from archive.zensical_meetings import MeetingPagePreprocessor  # noqa: F401  (importable, as Zensical needs)

    minutes = repo_copy / "docs/moter/naeringsgruppen/2025-udatert.md"
    minutes.write_text(minutes.read_text(encoding="utf-8").replace("tittel: Møte i Næringsgruppen", "tittel: Kopimøtet"), encoding="utf-8")
    try:
        result = subprocess.run([str(BIN / "zensical"), "build"], cwd=repo_copy, capture_output=True, text=True, timeout=600)
        assert result.returncode == 0, result.stdout + result.stderr
        heading = article(repo_copy / "site", SEED_MEETING).select_one("h1").get_text()
        assert heading.startswith("Kopimøtet – udatert")
    finally:
        minutes.write_text(minutes.read_text(encoding="utf-8").replace("tittel: Kopimøtet", "tittel: Møte i Næringsgruppen"), encoding="utf-8")


def test_zensical_also_serves_the_norwegian_search_wrapper(zensical_site):
    """overrides/main.html applies under Zensical too, so its worker is loaded
    through search-no.js. Zensical's worker listens with onmessage, not
    addEventListener, so the wrapper passes it through untouched (checked by
    hand in chromium: it loads without console errors). Zensical's own search
    results are not tested here."""
    html = (zensical_site / "index.html").read_text(encoding="utf-8")
    assert "workers/search-no.js?worker=search." in html
    assert (zensical_site / "assets/javascripts/workers/search-no.js").is_file()
