"""What a page written by hand in docs/ cannot do, whatever the validator let through
(hostile input round 3): the theme gets only the title and description the archive
accepted, a page cannot ask for a part of the archive by writing a macro's slot
itself, and under Zensical no part of a page escapes the sanitiser by writing the
adapter's markers."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from jinja2.sandbox import SecurityError

from archive.model.repository import WrittenPage
from archive.site import zensical
from archive.site.handwritten import SLOT_PREFIX, clean_page_html, fill_view_slots, render_macros, view_slot
from archive.site.plugin import ArchivePlugin
from archive.views.page_parts import Where
from archive.views.pages import Page

HOSTILE = '"><img src=x onerror=alert(1)>'


def _plugin_with_page(title, description) -> ArchivePlugin:
    plugin = ArchivePlugin()
    plugin.pages = {"om.md": Page("om.md", "Om", written=True)}
    plugin.repo = SimpleNamespace(pages={"om.md": WrittenPage("om.md", "docs/om.md", title, description, "Tekst.\n", 5)})
    return plugin


def test_the_theme_gets_only_the_title_and_description_the_archive_accepted():
    """MkDocs keeps what YAML made of the front matter, and the theme prints
    page.meta's title into <title> and its description into <meta> unescaped:
    a list there broke out of both."""
    plugin = _plugin_with_page(None, None)  # the archive read neither as text
    page = SimpleNamespace(file=SimpleNamespace(src_uri="om.md"), meta={"title": [HOSTILE], "description": {HOSTILE: 1}}, title=None)
    plugin.on_page_markdown("Tekst.\n", page=page, config=None, files=None)
    assert page.meta == {}

    plugin = _plugin_with_page("Om <oss>", HOSTILE)
    page = SimpleNamespace(file=SimpleNamespace(src_uri="om.md"), meta={"title": [HOSTILE], "description": [HOSTILE]}, title=[HOSTILE])
    plugin.on_page_markdown("Tekst.\n", page=page, config=None, files=None)
    assert page.title == page.meta["title"] == "Om &lt;oss&gt;"
    assert page.meta["description"] == "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;"


def test_a_slot_written_in_a_page_is_a_comment_like_any_other():
    """Only the macros (whose calls the validator checked) can ask for a part: a
    slot a page writes itself, with arguments no macro takes, is dropped, not
    filled, and stops nothing."""
    where = Where(SimpleNamespace(groups={}), "om.md", "http://127.0.0.1:8000/")
    forged = '<p>Før</p>\n<!--vis:register:{"group": ["x"], "kind": "vedtak"}-->\n<!--vis:finnes_ikke:{}-->\n<p>Etter</p>'
    cleaned = clean_page_html(forged, [])
    assert "vis:" not in cleaned
    assert fill_view_slots(cleaned, where) == cleaned
    # The macros' own slots are kept for the fill.
    real = f"<p>Før</p>\n{view_slot('register', {'kind': 'vedtak'})}"
    assert SLOT_PREFIX in clean_page_html(real, [])


def test_a_page_that_writes_the_adapters_end_marker_is_cleaned_to_its_end():
    """The adapter cleans a hand-written page's HTML between its two markers; the
    end marker written in the page itself ended the cleaned part early, and what
    followed (ids the site's own script looks up) was published as written."""
    built = f'<article>{zensical.BODY_START}<p>Tekst</p>{zensical.BODY_END}<h3 id="site-search-input">Overskrift</h3>{zensical.BODY_END}</article>'
    body = zensical._BODY.search(built)
    assert body is not None and 'id="site-search-input"' in body.group(1)
    assert 'id="site-search-input"' not in clean_page_html(body.group(1), [])


def test_zensical_never_renders_a_template_itself(tmp_path):
    """Zensical's macros extension renders in a plain Jinja environment, where a
    template could reach Python: the adapter hands it no plugin and renders the
    macros itself, in Jinja's sandbox, as the MkDocs plugin does."""
    config = {"theme": {"name": "material"}, "plugins": [{"macros": {"module_name": "macros/main"}}], "markdown_extensions": []}
    assert zensical._adapted(config, tmp_path, tmp_path / "docs", tmp_path / "site")["plugins"] == []
    page = WrittenPage("om.md", "docs/om.md", "Om", None, 'Før\n\n{{ register("vedtak") }}\n', 5, render_macros=True)
    marked = zensical._marked(page)
    assert f'{SLOT_PREFIX}register:{{"kind": "vedtak"}}-->' in marked and "render_macros" not in marked and "{{" not in marked
    with pytest.raises(SecurityError):
        render_macros("{{ ''.__class__.__mro__ }}")
