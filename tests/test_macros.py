"""Macros in the pages written by hand (macros/main.py, docs-dev/pages.md) on both engines.

A page that sets `render_macros: true` shows a live register made by the
archive's views; a page without it shows `{{ … }}` as typed; a wrong macro
stops the build with the page and line, and the template never reaches Python.
"""

from __future__ import annotations

from pathlib import Path

import jinja2
import pytest
from bs4 import BeautifulSoup
from jinja2.sandbox import SecurityError
from mini import MINI
from sitebuild import build_site, with_project_code

from archive.safety.templates import sandboxed

ENGINES = ("mkdocs", "zensical")

REGISTER_PAGE = """---
title: Vedtak i Testgruppen
render_macros: true
---

# Vedtak i Testgruppen

!!! note "Oppdateres av seg selv"
    Listen under lages av arkivet hver gang nettstedet bygges.

{{ register("vedtak", group="testgruppen") }}

## Neste møte

{{ next_meeting() }}
"""

PLAIN_PAGE = """---
title: Uten makroer
---

# Uten makroer

Her står {{ 7*7 }} og {% if true %}JA{% endif %} som skrevet.
"""


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("macros")
    archive = base / "archive"
    import shutil

    shutil.copytree(MINI, archive)
    (archive / "docs" / "vedtak-i-testgruppen.md").write_text(REGISTER_PAGE, encoding="utf-8")
    (archive / "docs" / "uten-makroer.md").write_text(PLAIN_PAGE, encoding="utf-8")
    root = with_project_code(archive, base / "repo")
    built = {}
    for engine in ENGINES:
        result = build_site(root, base / f"site-{engine}", engine)
        assert result.returncode == 0, result.stdout + result.stderr
        built[engine] = base / f"site-{engine}"
    return built


def _article(site: Path, address: str):
    return BeautifulSoup((site / address / "index.html").read_text(encoding="utf-8"), "html.parser").select_one("article")


@pytest.mark.parametrize("engine", ENGINES)
def test_a_page_calling_a_macro_shows_a_live_register(sites, engine):
    article = _article(sites[engine], "vedtak-i-testgruppen")
    table = article.select_one("table.decision-table")
    assert table is not None, article.get_text()[:500]
    decisions = [row.select_one("td").get_text(" ", strip=True) for row in table.select("tbody tr")]
    assert decisions, "the register is empty"
    assert article.select_one("div.admonition.note") is not None  # the theme's Markdown: an admonition
    assert "<!--vis:" not in str(article) and "vis:register" not in article.get_text()


def test_both_engines_show_the_same_register(sites):
    first, second = (_article(sites[e], "vedtak-i-testgruppen") for e in ENGINES)
    assert " ".join(first.get_text(" ").split()) == " ".join(second.get_text(" ").split())


@pytest.mark.parametrize("engine", ENGINES)
def test_a_page_without_render_macros_shows_braces_as_typed(sites, engine):
    text = " ".join(_article(sites[engine], "uten-makroer").get_text(" ").split())
    assert "{{ 7*7 }}" in text and "{% if true %}JA{% endif %}" in text
    assert "49" not in text


@pytest.mark.parametrize("engine", ENGINES)
def test_a_wrong_macro_stops_the_build_with_its_page_and_line(tmp_path, engine):
    archive = tmp_path / "archive"
    import shutil

    shutil.copytree(MINI, archive)
    (archive / "docs" / "feil.md").write_text(REGISTER_PAGE.replace('group="testgruppen"', 'group="finnes-ikke"'), encoding="utf-8")
    root = with_project_code(archive, tmp_path / "repo")
    result = build_site(root, tmp_path / "site", engine)
    assert result.returncode == 1
    assert "docs/feil.md:11: makroen «register»: ukjent gruppe «finnes-ikke»" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "site").exists()


def test_the_sandbox_refuses_what_the_validator_would():
    """The build renders pages in Jinja's sandbox, even if a page got past the validator."""
    environment = sandboxed(jinja2.Environment())
    with pytest.raises(SecurityError):
        environment.from_string("{{ ''.__class__.__mro__[1].__subclasses__() }}").render()
