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
from registers_fixture import load_fixture

from archive import model
from archive.model import schema
from archive.model.repository import WrittenPage as SourcePage
from archive.site.pages import site_pages
from archive.views import export_files
from archive.views.pages import Heading, html_blocks, to_markdown

HOSTILE = st.one_of(
    st.sampled_from(
        [
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            '" onmouseover="alert(1)',
            "' autofocus onfocus='alert(1)",
            "{: onclick=alert(1) }",
            "Navn {: .x #y onfocus=alert(1)}",
            "javascript:alert(1)",
            "[lenke](javascript:alert(1))",
            "{{ 7*7 }} {% raw %}",
            "&lt;b&gt; &amp; &#60;",
            "<!-- kommentar -->",
            "</td></tr></table><form>",
            "*fet* _kursiv_ `kode` # ",
        ]
    ),
    st.text(alphabet=st.sampled_from(list("<>&\"'{}:=/ #*_`[]()!abcæøå")), min_size=1, max_size=30),
).filter(lambda s: s.strip() == s and s)


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    return load_fixture(tmp_path_factory.mktemp("escaping"))


# The record kinds of the model and where the repository keeps them.
RECORDS = {"person": "people", "organisation": "organisations", "group": "groups", "focus_area": "focus_areas", "cluster": "clusters", "event": "events"}
TEXT_KINDS = ("text", "multiline", "texts")


def text_fields(kind: str) -> list[schema.Field]:
    """Every field of a kind of record that holds text people write (not ids, keys, dates or choices)."""
    return [f for f in schema.ALL_SCHEMAS[kind].fields if f.kind in TEXT_KINDS and f.key != "id"]


def _poison(record, kind: str, text: str) -> None:
    for spec in text_fields(kind):
        setattr(record, spec.attr, [text] if spec.kind == "texts" else text)


def poisoned(base, text: str):
    """The fixture archive with `text` in every text field of every kind of record:
    the fields are read from archive/model/schema.py, so a field added there is poisoned here."""
    repo = copy.deepcopy(base)
    for kind, attribute in RECORDS.items():
        for record in getattr(repo, attribute).values():
            _poison(record, kind, text)
    for person in repo.people.values():
        person.email, person.public_fields = "a@b.no", ["epost"]  # shown, and a valid address
    for meeting in repo.meetings:
        _poison(meeting, "meeting", text)
        for attachment in meeting.attachments:
            _poison(attachment, "attachment", text)
        for item in meeting.agenda:
            item.title = item.number = text  # the agenda item's text fields; «vedtak» and «oppfølging» are records below
            for block in item.blocks:
                if isinstance(block, model.Subsection):
                    block.title = text
            for decision in item.decisions:
                decision.text = text
            for action in item.actions:
                action.task = text
    repo.pages = {"om.md": SourcePage("om.md", "docs/om.md", text, text, "Tekst.", 1)}
    repo._index()
    repo.__dict__.pop("_link_cache", None)
    return repo


def test_poisoning_reaches_every_text_field_of_every_kind(base):
    """Every kind of record is in the fixture, and every text field of each is poisoned."""
    repo = poisoned(base, "GIFT")
    for kind, attribute in RECORDS.items():
        records = list(getattr(repo, attribute).values())
        assert records, kind
        for record in records:
            for spec in text_fields(kind):
                assert getattr(record, spec.attr) in ("GIFT", ["GIFT"]), (kind, spec.key)
    meetings = [m for m in repo.meetings if m.agenda and m.attachments]
    assert meetings
    for meeting in repo.meetings:
        for spec in text_fields("meeting"):
            assert getattr(meeting, spec.attr) == "GIFT", spec.key
    assert {spec.key for spec in text_fields("agenda_item")} == {"nr", "tittel", "vedtak"}
    assert {spec.key for spec in text_fields("action_item")} == {"oppgave", "fra"}  # «fra» is a key to another follow-up, not shown text
    assert {spec.key for spec in text_fields("attachment")} == {"tittel"}
    items = [item for m in repo.meetings for item in m.agenda]
    assert any(isinstance(b, model.Subsection) for item in items for b in item.blocks)
    assert all(d.text == "GIFT" for item in items for d in item.decisions) and any(item.decisions for item in items)
    assert all(a.task == "GIFT" for item in items for a in item.actions) and any(item.actions for item in items)


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
                line = next(
                    line
                    for line in outline.split("\n")
                    if line.startswith("#" * block.level + " ") and (not block.anchor or line.endswith("{#" + block.anchor + "}"))
                )
                body = line[block.level + 1 :]
                if block.anchor:
                    body = body[: -len(" {#" + block.anchor + "}")]
                assert not any(c in body for c in "<>{}[]`*_\\"), line
    assert shown, "the text must be on the site as typed"


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(text=HOSTILE)
def test_every_export_keeps_hostile_text_as_data(base, text):
    repo = poisoned(base, text)
    files = export_files(repo, "https://example.org/", dt.datetime(2025, 12, 1, tzinfo=dt.UTC))
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
    assert Path("archive/views/html.py").exists()
