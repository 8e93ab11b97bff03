"""Anchors of headings written by people never take the ids of the site's own elements."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from archive.model.anchors import SITE_ID_PREFIXES, heading_anchor, is_site_id, unique_anchor
from archive.model.links import page_anchors
from archive.model.repository import WrittenPage

ROOT = Path(__file__).resolve().parent.parent

# id="literal" in templates and the views' HTML, and id=f"start{…}" in the views.
_LITERAL = re.compile(r"""\bid=["']([a-z][a-z0-9_-]*)["']""")
_MADE = re.compile(r"""\bid=f["']([a-z][a-z0-9_-]*)\{""")
_MADE_AFTER = re.compile(r"""\bid=f["']\{[^}]*\}-([a-z][a-z0-9_-]*)["']""")


def _site_sources() -> list[Path]:
    return sorted((ROOT / "overrides").rglob("*.html")) + sorted((ROOT / "overrides").rglob("*.js")) + sorted((ROOT / "archive" / "views").glob("*.py"))


def test_every_id_the_site_writes_is_one_of_its_own():
    literal, made = set(), set()
    for path in _site_sources():
        text = path.read_text(encoding="utf-8")
        literal |= set(_LITERAL.findall(text))
        made |= set(_MADE.findall(text))
    assert {"site-search-input", "search-page-results", "contact-filter"} <= literal  # the pattern finds them
    assert {"filter-", "felt-", "bokstav-"} <= made
    assert [name for name in sorted(literal) if not is_site_id(name)] == []
    assert [start for start in sorted(made) if not start.startswith(SITE_ID_PREFIXES)] == []


def test_ids_made_from_a_name_start_with_one_of_the_sites_prefixes():
    from archive.views.common import organisation_anchor
    from archive.views.exports import event_anchor

    assert is_site_id(organisation_anchor("oslo-kommune")) and is_site_id(event_anchor("x"))


@pytest.mark.parametrize(
    ("heading", "anchor"),
    [
        ("Møter i år", "moter-i-ar"),
        ("Søk", "sok"),
        ("Site search input", "avsnitt-site-search-input"),
        ("Filter: sted", "avsnitt-filter-sted"),
        ("Vedtak i møtet", "avsnitt-vedtak-i-motet"),
        ("Organisasjoner", "organisasjoner"),  # «org-» is a prefix, «organisasjoner» is not one of its ids
        ("!!!", "del"),
    ],
)
def test_a_heading_gets_its_slug_unless_the_site_uses_it(heading, anchor):
    assert heading_anchor(heading) == anchor
    assert not is_site_id(heading_anchor(heading))


def test_repeated_anchors_are_numbered_as_the_engines_number_them():
    from markdown.extensions.toc import unique

    ours: set[str] = set()
    engines: set[str] = set()
    written = ("om", "om", "om", "om_1", "del", "del_7", "del_7")
    assert [unique_anchor(a, ours) for a in written] == [unique(a, engines) for a in written]
    assert ours == engines


def test_a_pages_anchors_are_its_headings_explicit_anchors_and_written_ids():
    body = '# Om **arkivet**\n\n## Søk `her`\n\n## Søk her\n\nTekst\n\nAndre\n------\n\n## Tittel {#eget}\n\n<a id="merke"></a>\n\n```\n# ikke en overskrift\n```\n'
    page = WrittenPage("om.md", "docs/om.md", "Om", None, body, 4)
    assert page_anchors(page) == {"om-arkivet", "sok-her", "sok-her_1", "andre", "eget", "merke"}
