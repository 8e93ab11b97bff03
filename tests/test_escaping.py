"""Text from minutes and data is shown as text, everywhere: by construction.

Hypothesis writes names, titles, descriptions, decisions and tasks full of
`<&"'>`, `{: … }` attribute lists, `javascript:` and template code into every
text field of every kind of record, renders every page the site makes and
every export, and checks that the text comes out as typed and never as
markup: no element it did not make, no event handler, no script address.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from archive import exports, model
from archive.pages import Heading, html_blocks, to_markdown
from archive.site import site_pages
from registers_fixture import load_fixture

HOSTILE = st.one_of(
    st.sampled_from([
        '<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '" onmouseover="alert(1)', "' autofocus onfocus='alert(1)",
        "{: onclick=alert(1) }", "Navn {: .x #y onfocus=alert(1)}", "javascript:alert(1)", "[lenke](javascript:alert(1))",
        "{{ 7*7 }} {% raw %}", "&lt;b&gt; &amp; &#60;", "<!-- kommentar -->", "</td></tr></table><form>", "*fet* _kursiv_ `kode` # ",
    ]),
    st.text(alphabet=st.sampled_from(list("<>&\"'{}:=/ #*_`[]()!abcæøå")), min_size=1, max_size=30),
).filter(lambda s: s.strip() == s and s)

@pytest.fixture(scope="module")
def base(tmp_path_factory):
    return load_fixture(tmp_path_factory.mktemp("escaping"))


def poisoned(base, text: str):
    """The fixture archive with `text` in every text field of every kind of record."""
    repo = copy.deepcopy(base)
    for person in repo.people.values():
        person.name, person.roles, person.email = text, [text], "a@b.no"
        person.public_fields = ["epost"]
    for org in repo.organisations.values():
        org.name = text
    for group in repo.groups.values():
        group.name, group.full_name, group.mandate = text, text, text
    for area in repo.focus_areas.values():
        area.name, area.description = text, text
    for cluster in repo.clusters.values():
        cluster.name, cluster.sector, cluster.region, cluster.note, cluster.source = text, text, text, text, text
    for event in repo.events.values():
        event.title, event.place = text, text
    for meeting in repo.meetings:
        meeting.place, meeting.online, meeting.date_note, meeting.source = text, text, text, text
        for attachment in meeting.attachments:
            attachment.title = text
        for item in meeting.agenda:
            item.title = text
            for decision in item.decisions:
                decision.text = text
            for action in item.actions:
                action.task = text
    repo._index()
    repo.__dict__.pop("_link_cache", None)
    return repo


def assert_only_our_markup(fragment: str, where: str) -> None:
    soup = BeautifulSoup(fragment, "html.parser")
    for element in soup.find_all(True):
        assert element.name not in {"script", "style", "iframe", "object", "embed", "base", "meta", "link"}, (where, element)
        assert element.name != "form" or "action" not in element.attrs, (where, element)  # our filters post nowhere
        assert element.name != "img" or not str(element.get("src", "")).startswith(("http", "//")), (where, element)
        for attribute, value in element.attrs.items():
            assert not attribute.lower().startswith("on"), (where, element)
            if attribute.lower() in ("href", "src", "action", "formaction", "poster", "xlink:href"):
                assert not str(value).strip().lower().startswith(("javascript:", "data:", "vbscript:")), (where, element)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(text=HOSTILE)
def test_every_page_shows_hostile_text_as_text(base, text):
    repo = poisoned(base, text)
    pages = site_pages(repo, "https://example.org/")
    shown = False
    for page in pages:
        for block in html_blocks(page):
            assert_only_our_markup(block, page.src)
            if text in BeautifulSoup(block, "html.parser").get_text():
                shown = True
        outline = to_markdown(page)
        # The engine's file: the title is escaped, headings carry no live Markdown or attribute list.
        title = json.loads(outline.split("\n")[1])["title"]
        assert "<" not in title and ">" not in title
        for block in page.blocks:
            if isinstance(block, Heading):
                line = next(line for line in outline.split("\n") if line.startswith("#" * block.level + " ") and (not block.anchor or line.endswith("{#" + block.anchor + "}")))
                body = line[block.level + 1:]
                if block.anchor:
                    body = body[: -len(" {#" + block.anchor + "}")]
                assert not any(c in body for c in "<>{}[]`*_\\"), line
    assert shown, "the text must be on the site as typed"


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(text=HOSTILE)
def test_every_export_keeps_hostile_text_as_data(base, text):
    repo = poisoned(base, text)
    files = exports.export_files(repo, "https://example.org/", dt.datetime(2025, 12, 1, tzinfo=dt.timezone.utc))
    data = json.loads(files["data.json"])
    assert data["personer"][0]["navn"] == text
    feed = ET.fromstring(files["feed.xml"].encode("utf-8"))
    assert feed.tag.endswith("feed")
    calendar = Calendar.from_ical(files["kalender.ics"])
    summaries = [str(event["location"]) for event in calendar.walk("VEVENT") if "location" in event]
    assert text in " ".join(summaries)


def test_a_name_made_of_markup_reaches_the_page_as_typed(base):
    repo = poisoned(base, '<b onclick="x">Kari</b> {: .rød }')
    page = next(p for p in site_pages(repo, "https://example.org/") if p.src == "kontakter/kari-nordmann.md")
    card = html_blocks(page)[1]
    assert "&lt;b onclick=&#34;x&#34;&gt;Kari&lt;/b&gt; {: .rød }" in card
    assert BeautifulSoup(card, "html.parser").find("b") is None


def test_model_objects_have_no_html_of_their_own():
    """Text fields hold text; only the views make HTML."""
    assert not any(field == "html" for field in model.Meeting.__dataclass_fields__)
    assert Path("archive/html.py").exists()
