"""Both engines build the same site: MkDocs with Material today, Zensical (its
successor, which reads the same mkdocs.yml) when Material reaches its end of
life. The pages' content comes from archive/, so every page must carry the
same text, the same links and the same heading anchors whichever engine wrote
the theme around it."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from crawl import Crawl
from sitebuild import strict_build

ROOT = Path(__file__).resolve().parent.parent
ENGINES = ("mkdocs", "zensical")


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> dict[str, Path]:
    return {engine: strict_build(ROOT, tmp_path_factory.mktemp(engine), engine) for engine in ENGINES}


def pages(site: Path) -> set[str]:
    """The pages the engine wrote: not the search's files, nor the web form (admin/), which the build writes the same for both."""
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html") if not {"pagefind", "admin"} & set(p.parts)}


def article(site: Path, page: str):
    found = BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser").select_one("article")
    assert found is not None, f"{page}: no <article>"
    return found


def test_both_engines_write_the_same_pages(sites):
    mkdocs, zensical = (pages(sites[e]) for e in ENGINES)
    assert mkdocs, "nothing was built"
    assert mkdocs <= zensical, sorted(mkdocs - zensical)


def test_every_page_has_the_same_text_links_and_anchors(sites):
    for page in sorted(pages(sites["mkdocs"])):
        first, second = (article(sites[e], page) for e in ENGINES)
        assert " ".join(first.get_text(" ").split()) == " ".join(second.get_text(" ").split()), page
        assert [a["href"] for a in first.select("a[href]")] == [a["href"] for a in second.select("a[href]")], page
        assert [h.get("id") for h in first.find_all(["h1", "h2", "h3"])] == [h.get("id") for h in second.find_all(["h1", "h2", "h3"])], page


def test_no_placeholder_is_left_and_the_exports_are_there(sites):
    for engine, site in sites.items():
        for page in pages(site):
            assert "<!--slot:" not in (site / page).read_text(encoding="utf-8"), f"{engine}: {page}"
        assert (site / "eksport" / "data.json").is_file(), engine
        assert (site / "pagefind" / "pagefind.js").is_file(), engine


@pytest.mark.parametrize("engine", ENGINES)
def test_no_broken_link_or_anchor_under_either_engine(sites, engine):
    """The crawl of tests/test_site_links.py, over each engine's whole output:
    the theme's own links (tabs, navigation, assets) differ between them."""
    crawl = Crawl(sites[engine])
    assert len(crawl.pages) > 10
    assert crawl.broken() == []


@pytest.mark.parametrize("config", [None, "mkdocs.yml"])
def test_a_bare_zensical_build_stops_with_a_message_and_publishes_nothing(tmp_path, config):
    """Zensical runs no MkDocs plugin: left to itself it would publish the minutes
    unchecked, and run a page's macros with no validator and no sandbox. Both
    files it reads stop it at the first page with a message instead: zensical.toml
    (`zensical build`) and mkdocs.yml (`zensical build -f mkdocs.yml`)."""
    import subprocess
    import sys

    from sitebuild import copy_repository

    root = copy_repository(ROOT, tmp_path / "repo")
    # A page that Jinja unsandboxed would run: it must never be rendered.
    (root / "docs" / "mal.md").write_text("---\nrender_macros: true\n---\n\n{{ cycler.__init__.__globals__.os.getpid() }} KJOERT\n", encoding="utf-8")
    command = [str(Path(sys.executable).parent / "zensical"), "build", *(["--config-file", config] if config else [])]
    result = subprocess.run(command, cwd=root, capture_output=True, text=True, timeout=300)
    assert result.returncode != 0
    assert "make build-zensical" in result.stderr and "Traceback" not in result.stderr
    published = [p for p in root.rglob("*.html") if "moter" in p.parts or p.parent.name == "mal"]
    assert published == [], published  # no page of minutes, nor the template, anywhere
    assert not [p for p in root.rglob("*.html") if "KJOERT" in p.read_text(encoding="utf-8", errors="replace")]


def test_the_plain_mkdocs_build_gives_the_whole_site(tmp_path):
    """`mkdocs build --strict` in the repository, as a MkDocs user would type it."""
    import subprocess
    import sys

    from sitebuild import copy_repository

    root = copy_repository(ROOT, tmp_path / "repo")
    result = subprocess.run([str(Path(sys.executable).parent / "mkdocs"), "build", "--strict"], cwd=root, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    site = root / "site"
    assert (site / "pagefind" / "pagefind.js").is_file() and (site / "eksport" / "data.json").is_file()
    meetings = sorted(p for p in site.joinpath("moter").rglob("index.html") if p.parent.parent.name != "moter")
    assert meetings and all("<!--slot:" not in p.read_text(encoding="utf-8") for p in meetings)
    assert not list(site.rglob("*.md")), "the minutes' own Markdown was published"


@pytest.mark.parametrize("engine", ENGINES)
def test_every_page_carries_its_content_security_policy(sites, engine):
    """Both engines finish alike (archive/site/finishing.py): the site's policy on every page, the form's on admin/."""
    import re

    site = sites[engine]
    checked = 0
    for path in site.rglob("*.html"):
        if "pagefind" in path.parts:
            continue
        policies = re.findall(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', path.read_text(encoding="utf-8"))
        assert len(policies) == 1, path
        script_src = next(part for part in policies[0].split("; ") if part.startswith("script-src "))
        assert "'unsafe-inline'" not in script_src, path
        hosts = re.findall(r"https?://[^\s;]+", policies[0])
        assert hosts == (["https://avatars.githubusercontent.com", "https://api.github.com"] if path.relative_to(site).parts[0] == "admin" else []), path
        checked += 1
    assert checked > 10
