"""The archive's filters: plain links without JavaScript, data attributes and a
hidden form for archive-filter.js; and the print stylesheet for meeting pages."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import yaml

from archive import views
from registers_fixture import load_fixture


def _rows(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith('<tr><td><span class="meeting-facets"')]


def test_every_row_carries_its_group_focus_areas_and_year(tmp_path):
    repo = load_fixture(tmp_path)
    text = views.meeting_archive(repo)
    facets = [re.search(r'data-gruppe="([^"]*)" data-satsingsomrader="([^"]*)" data-ar="(\d+)"', row).groups() for row in _rows(text)]
    assert facets == [
        ("testgruppen", "", "2026"),  # planned, no agenda yet
        ("testgruppen", "gronn-omstilling", "2025"),  # 10 September
        ("testgruppen", "", "2025"),  # undated, summer
        ("testgruppen", "gronn-omstilling", "2025"),  # 20 May
        ("testgruppen", "gronn-omstilling", "2025"),  # 12 March: the area is named on Sak 2/25
    ]


def test_working_group_on_an_item_counts_for_its_focus_area(mini_repo):
    meeting = mini_repo.meetings_by_id["testgruppen/2025-03-12"]
    meeting.agenda[0].groups = ["arbeidsgruppe-a"]
    meeting.agenda[1].focus_areas = []
    assert views.meeting_focus_areas(meeting, views.area_of_group(mini_repo)) == ["gronn-omstilling"]


def test_without_javascript_the_archive_offers_links_and_hides_the_form(tmp_path):
    repo = load_fixture(tmp_path)
    text = views.meeting_archive(repo)
    links = text[: text.index("<form")]
    assert '<strong>Gruppe:</strong> <a href="etter-gruppe/#testgruppen">Testgruppen</a>' in links
    assert '<strong>Satsingsområde:</strong> <a href="../satsingsomrader/gronn-omstilling/">Grønn omstilling</a>' in links
    assert '<strong>År:</strong> <a href="#2026">2026</a> · <a href="#2025">2025</a>' in links
    form = ET.fromstring(text[text.index("<form"): text.index("</form>") + len("</form>")].replace(" hidden ", ' hidden="" '))
    assert form.get("hidden") == ""
    selects = {s.get("data-facet"): [o.get("value") for o in s.iter("option")] for s in form.iter("select")}
    assert selects == {"gruppe": ["", "testgruppen"], "satsingsomrader": ["", "gronn-omstilling"], "ar": ["", "2026", "2025"]}
    for select in form.iter("select"):
        assert form.find(f".//label[@for='{select.get('id')}']") is not None  # every box has its label
    # One block per year, each with its heading, so the script can hide empty years.
    assert text.count('<div class="archive-year" markdown>') == 2


def test_archive_html_is_linear_in_the_number_of_meetings(tmp_path):
    from test_registers import synthetic_repo

    small, large = views.meeting_archive(synthetic_repo(100)), views.meeting_archive(synthetic_repo(400))
    assert len(_rows(large)) == 400
    assert len(large) < 4.3 * len(small)


def test_the_script_is_loaded_and_uses_no_third_party_code(root):
    config = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_IgnoreTags)
    assert "assets/javascripts/archive-filter.js" in config["extra_javascript"]
    script = (root / "docs/assets/javascripts/archive-filter.js").read_text(encoding="utf-8")
    assert "import " not in script and "http" not in script and "require(" not in script
    for facet in ("gruppe", "satsingsomrader", "ar"):
        assert f'data-facet="{facet}"' in views.meeting_archive(_one_meeting_repo(root))
    assert "dataset[choice.facet]" in script and "row.hidden" in script and "form.hidden = false" in script


def _one_meeting_repo(root):
    from archive.repository import load_repository

    return load_repository(root / "tests/fixtures/mini")[0]


class _IgnoreTags(yaml.SafeLoader):
    pass


_IgnoreTags.add_multi_constructor("", lambda loader, suffix, node: None)
_IgnoreTags.add_constructor("!ENV", lambda loader, node: None)


def test_print_stylesheet_hides_the_site_and_keeps_the_minutes(root):
    css = (root / "docs/assets/stylesheets/extra.css").read_text(encoding="utf-8")
    start = css.index("@media print")
    block = css[start: _matching_brace(css, css.index("{", start)) + 1]
    hidden = block[: block.index("display: none")]
    for chrome in (".md-header", ".md-tabs", ".md-sidebar", ".md-footer", ".md-search", ".meeting-nav", ".archive-filter"):
        assert chrome in hidden, chrome
    for kept in (".meeting-card", ".admonition"):
        assert kept in block and kept not in hidden, kept
    assert "break-inside: avoid" in block


def _matching_brace(text: str, opening: int) -> int:
    depth = 0
    for index in range(opening, len(text)):
        depth += {"{": 1, "}": -1}.get(text[index], 0)
        if depth == 0:
            return index
    raise AssertionError("unbalanced braces in extra.css")
