"""The exports, parsed by real parsers: iCalendar (icalendar), Atom (ElementTree
against the Atom namespace), JSON (json + jsonschema); the build that writes them;
and the real site."""

from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from bs4 import BeautifulSoup
from icalendar import Calendar
from registers_fixture import load_fixture, write_fixture
from sitebuild import build_site, copy_repository, strict_build, with_project_code

from archive.views import export_files, exports

SITE = "https://example.org/arkiv/"
GENERATED = dt.datetime(2025, 12, 1, 8, 30, tzinfo=dt.UTC)
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture()
def repo(tmp_path):
    return load_fixture(tmp_path)


def events_of(text: str) -> dict[str, object]:
    calendar = Calendar.from_ical(text)
    return {str(e["uid"]): e for e in calendar.walk("VEVENT")}


# -- iCalendar ---------------------------------------------------------------


def test_calendar_is_valid_rfc5545(repo):
    calendar = Calendar.from_ical(exports.calendar_ics(repo, SITE, GENERATED))
    assert str(calendar["version"]) == "2.0" and "Næringsgruppen" in str(calendar["prodid"])
    (timezone,) = calendar.walk("VTIMEZONE")
    assert str(timezone["tzid"]) == "Europe/Oslo"
    events = calendar.walk("VEVENT")
    assert len(events) == 5  # four dated meetings and one event; the undated meeting is left out
    for event in events:
        for required in ("uid", "dtstamp", "dtstart", "summary", "url"):
            assert required in event, (required, event.get("uid"))
        assert event.decoded("dtstamp") == GENERATED
        assert "@naeringsgruppen.osloregionen.no" in str(event["uid"])
    assert len({str(e["uid"]) for e in events}) == len(events)


def test_timed_meeting_in_oslo_time_and_all_day_otherwise(repo):
    events = events_of(exports.calendar_ics(repo, SITE, GENERATED))
    timed = events["mote-testgruppen-2025-09-10@naeringsgruppen.osloregionen.no"]
    start = timed.decoded("dtstart")
    assert (start.hour, start.minute, str(start.tzinfo)) == (13, 0, "Europe/Oslo")
    assert timed["dtstart"].params["TZID"] == "Europe/Oslo"
    assert timed.decoded("dtend").hour == 15
    assert str(timed["location"]) == "Rådhuset, digitalt (Teams)"
    assert str(timed["url"]) == "https://example.org/arkiv/moter/testgruppen/2025-09-10/"
    all_day = events["arrangement-sommermote@naeringsgruppen.osloregionen.no"]
    assert all_day.decoded("dtstart") == dt.date(2025, 6, 4) and not isinstance(all_day.decoded("dtstart"), dt.datetime)
    assert all_day.decoded("dtend") == dt.date(2025, 6, 5)
    assert str(all_day["url"]) == "https://example.org/arkiv/kalender/#arr-sommermote"
    assert not any("udatert" in uid for uid in events)


def test_uids_are_stable_across_builds_and_addresses(repo):
    first = set(events_of(exports.calendar_ics(repo, SITE, GENERATED)))
    second = set(events_of(exports.calendar_ics(repo, "http://127.0.0.1:8000/", GENERATED + dt.timedelta(days=3))))
    assert first == second


def test_group_calendar_holds_only_the_group_and_is_valid_even_when_empty(repo):
    files = export_files(repo, SITE, GENERATED)
    group = events_of(files["kalender-testgruppen.ics"])
    assert len(group) == 4 and all(uid.startswith("mote-testgruppen") for uid in group)
    empty = Calendar.from_ical(files["kalender-arbeidsgruppe-a.ics"])
    assert empty.walk("VEVENT") == [] and len(empty.walk("VTIMEZONE")) == 1


def test_each_dated_meeting_has_a_calendar_file_of_its_own(repo):
    files = export_files(repo, SITE, GENERATED)
    planned = Calendar.from_ical(files["mote-testgruppen-2026-01-15.ics"])
    (event,) = planned.walk("VEVENT")
    assert str(event["uid"]) == "mote-testgruppen-2026-01-15@naeringsgruppen.osloregionen.no"
    start = event.decoded("dtstart")
    assert (start.date(), start.hour, str(start.tzinfo)) == (dt.date(2026, 1, 15), 10, "Europe/Oslo")
    assert str(event["url"]) == SITE + "moter/testgruppen/2026-01-15/"
    assert len(planned.walk("VTIMEZONE")) == 1 and str(planned["method"]) == "PUBLISH"
    assert not [name for name in files if "udatert" in name]  # no date, no calendar file


def test_an_event_is_written_alike_in_every_calendar_that_holds_it(repo):
    files = export_files(repo, SITE, GENERATED)
    uid = "mote-testgruppen-2025-09-10@naeringsgruppen.osloregionen.no"
    written = [events_of(files[name])[uid].to_ical() for name in ("kalender.ics", "kalender-testgruppen.ics", "mote-testgruppen-2025-09-10.ics")]
    assert written[0] == written[1] == written[2]


def test_text_with_commas_semicolons_and_line_breaks_comes_back_as_written(repo):
    meeting = repo.meetings_by_id["testgruppen/2025-09-10"]
    meeting.place = "Rådhuset, sal 2; 3. etasje\\inngang B, «Møterom Ærlig Åpen» " + "langt navn " * 10
    event = events_of(exports.calendar_ics(repo, SITE, GENERATED))["mote-testgruppen-2025-09-10@naeringsgruppen.osloregionen.no"]
    assert str(event["location"]) == meeting.place + ", digitalt (Teams)"
    lines = exports.calendar_ics(repo, SITE, GENERATED).split("\r\n")
    assert all(len(line.encode("utf-8")) <= 75 for line in lines)  # folded (RFC 5545 3.1)


# -- Atom --------------------------------------------------------------------


def test_atom_feed_has_the_required_elements(repo):
    feed = ET.fromstring(exports.atom_feed(repo, SITE).encode("utf-8"))
    assert feed.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated", "author"):
        assert feed.find(f"{ATOM}{required}") is not None, required
    self_link = [link.get("href") for link in feed.findall(f"{ATOM}link") if link.get("rel") == "self"]
    assert self_link == ["https://example.org/arkiv/eksport/feed.xml"]
    entries = feed.findall(f"{ATOM}entry")
    # Held meetings only, newest first; the planned one is not in the feed.
    ids = [e.findtext(f"{ATOM}id") for e in entries]
    assert ids == [
        "tag:naeringsgruppen.osloregionen.no,2025:moter/testgruppen/2025-09-10",
        "tag:naeringsgruppen.osloregionen.no,2025:moter/testgruppen/2025-udatert",  # before 1 September
        "tag:naeringsgruppen.osloregionen.no,2025:moter/testgruppen/2025-05-20",
        "tag:naeringsgruppen.osloregionen.no,2025:moter/testgruppen/2025-03-12",
    ]
    for entry in entries:
        assert entry.findtext(f"{ATOM}title") and entry.findtext(f"{ATOM}updated")
        assert entry.find(f"{ATOM}link").get("href").startswith(SITE + "moter/testgruppen/")
    assert feed.findtext(f"{ATOM}updated") == entries[0].findtext(f"{ATOM}updated")


def test_approved_minutes_are_dated_by_the_approving_meeting(repo):
    repo.meetings_by_id["testgruppen/2025-05-20"].status = "godkjent"
    feed = ET.fromstring(exports.atom_feed(repo, SITE).encode("utf-8"))
    entry = next(e for e in feed.findall(f"{ATOM}entry") if e.findtext(f"{ATOM}id").endswith("2025-05-20"))
    assert entry.findtext(f"{ATOM}updated").startswith("2025-09-10")
    assert "Godkjent på møtet 10. september 2025." in entry.findtext(f"{ATOM}summary")


def test_a_groups_feed_holds_only_its_own_minutes(repo):
    files = export_files(repo, SITE, GENERATED)
    feed = ET.fromstring(files["feed-testgruppen.xml"].encode("utf-8"))
    assert feed.findtext(f"{ATOM}title") == "Referater fra Testgruppen"
    self_link = [link.get("href") for link in feed.findall(f"{ATOM}link") if link.get("rel") == "self"]
    assert self_link == [SITE + "eksport/feed-testgruppen.xml"]
    ids = [e.findtext(f"{ATOM}id") for e in feed.findall(f"{ATOM}entry")]
    assert len(ids) == 4 and all("moter/testgruppen/" in i for i in ids)
    empty = ET.fromstring(files["feed-arbeidsgruppe-a.xml"].encode("utf-8"))
    assert empty.findall(f"{ATOM}entry") == [] and empty.findtext(f"{ATOM}id") != feed.findtext(f"{ATOM}id")


# -- the registers' rows, for their filters --------------------------------------


def _rows(files, name):
    return json.loads(files[name])["rows"]


def _text(html):
    return BeautifulSoup(html, "html.parser").get_text(" ", strip=True)


def test_every_follow_up_is_a_row_in_the_file_of_its_status_and_of_its_groups(repo):
    files = export_files(repo, SITE, GENERATED)
    open_rows = _rows(files, "liste-oppfolging-status-apen.json")
    closed_rows = _rows(files, "liste-oppfolging-status-ferdig.json") + _rows(files, "liste-oppfolging-status-utgar.json")
    assert sorted(_text(cells[0]) for cells, _, _ in open_rows) == sorted(c.latest.task for c in repo.action_chains if c.is_open)
    assert len(open_rows) + len(closed_rows) == len(repo.action_chains)
    facets = {_text(cells[0]): facets for cells, facets, _ in open_rows}
    assert facets["Skrive rapport."]["status"] == "åpen forfalt"  # due 1 October, today 1 December
    assert facets["Kartlegge prosjekter, runde to."]["ansvarlig"] == "arbeidsgruppe-a"
    # Overdue first, by deadline: the order the register itself shows.
    assert [_text(cells[0]) for cells, _, _ in sorted(open_rows, key=lambda row: row[2]["frist"])][0] == "Skrive rapport."
    # A group's file: every follow-up of its meetings and of the group itself, whatever its status.
    of_group = {_text(cells[0]) for cells, _, _ in _rows(files, "liste-oppfolging-gruppe-arbeidsgruppe-a.json")}
    assert of_group == {c.latest.task for c in repo.action_chains if "arbeidsgruppe-a" in c.owners}


def test_rows_link_from_the_sites_root_and_hold_no_script(repo):
    files = export_files(repo, SITE, GENERATED)
    for name in [n for n in files if n.startswith("liste-")]:
        for cells, _, _ in _rows(files, name):
            soup = BeautifulSoup("".join(cells), "html.parser")
            assert not soup.find(["script", "style", "iframe"]), name
            for link in soup.find_all("a"):
                assert not link["href"].startswith(("../", "/")), (name, link["href"])


def test_every_decision_and_meeting_is_in_the_file_of_its_year_and_of_its_group_once(repo):
    files = export_files(repo, SITE, GENERATED)
    for kind, count in (("vedtak", sum(len(m.decisions) for m in repo.meetings)), ("moter", len(repo.meetings))):
        for facet in ("ar", "gruppe"):
            prefix = f"liste-{kind}-{facet}-"
            shards = {name[len(prefix) : -len(".json")]: _rows(files, name) for name in files if name.startswith(prefix)}
            assert sum(len(rows) for rows in shards.values()) == count, (kind, facet)
            assert all(value in row[1][facet].split() for value, rows in shards.items() for row in rows)


# -- open data ---------------------------------------------------------------


def test_export_validates_and_holds_only_public_fields(repo):
    data = json.loads(exports.open_data_json(repo, SITE, GENERATED))
    jsonschema.validate(data, exports.json_schema(), format_checker=jsonschema.FormatChecker())
    people = {p["id"]: p for p in data["personer"]}
    assert people["kari-nordmann"]["epost"] == "kari@example.no"  # consented
    assert "telefon" not in people["kari-nordmann"]  # not consented
    assert "epost" not in people["ola-hansen"] and "telefon" not in people["ola-hansen"]
    text = json.dumps(data, ensure_ascii=False)
    assert "ola.hemmelig@example.no" not in text and "+47 900 00 002" not in text
    for person in data["personer"]:
        assert not {"offentlig", "merknad", "kilde", "andre_skrivemåter"} & set(person)
    meeting = next(m for m in data["moter"] if m["id"] == "testgruppen/2025-05-20")
    action = meeting["saker"][0]["oppfølging"][0]
    assert (action["nøkkel"], action["status"], action["gjeldende_status"]) == ("testgruppen/2025-05-20#sak-1-1", "ferdig", "åpen")
    assert action["fra"] == "testgruppen/2025-03-12#sak-2-25-1"
    assert meeting["url"] == "https://example.org/arkiv/moter/testgruppen/2025-05-20/"


def test_schema_refuses_a_field_not_marked_public(repo):
    data = json.loads(exports.open_data_json(repo, SITE, GENERATED))
    data["personer"][0]["merknad"] = "intern merknad"
    with pytest.raises(jsonschema.ValidationError, match="merknad"):
        jsonschema.validate(data, exports.json_schema())


def test_the_data_page_lists_every_public_field_and_no_private_one():
    from archive.model import schema
    from archive.views import registers

    text = str(registers.open_data_fields())
    sections = {section.split(" (", 1)[0]: section for section in text.split("<h3")[1:]}
    for kind in (schema.MEETING, schema.PERSON, schema.ACTION_ITEM):
        section = next(body for head, body in sections.items() if head.endswith(kind.label.capitalize()))
        for spec in kind.fields:
            row = f"<code>{spec.key}</code>"
            assert (row in section) == spec.public or spec.key in ("epost", "telefon"), spec.key
    assert "aldri med: offentlig, samtykke, andre_skrivemåter, merknad, kilde." in text


# -- the build that writes them -------------------------------------------------


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory) -> Path:
    root = with_project_code(write_fixture(tmp_path_factory.mktemp("fixture") / "archive"), tmp_path_factory.mktemp("repo") / "repo")
    out = tmp_path_factory.mktemp("site")
    result = build_site(root, out, env={"SITE_URL": SITE, "SOURCE_DATE_EPOCH": "1764577800"})
    assert result.returncode == 0, result.stderr
    return out


def test_the_build_writes_every_file(fixture_site):
    names = sorted(p.name for p in (fixture_site / "eksport").iterdir())
    assert [n for n in names if not n.startswith(("mote-", "liste-"))] == [
        "data.json",
        "feed-arbeidsgruppe-a.xml",
        "feed-testgruppen.xml",
        "feed.xml",
        "kalender-arbeidsgruppe-a.ics",
        "kalender-testgruppen.ics",
        "kalender.ics",
        "schema.json",
        "sitemap.xml",
    ]
    # One calendar file per dated meeting (the undated one has none), and the registers' rows.
    assert [n for n in names if n.startswith("mote-")] == [
        "mote-testgruppen-2025-03-12.ics",
        "mote-testgruppen-2025-05-20.ics",
        "mote-testgruppen-2025-09-10.ics",
        "mote-testgruppen-2026-01-15.ics",
    ]
    assert {
        "liste-oppfolging-status-apen.json",
        "liste-oppfolging-gruppe-testgruppen.json",
        "liste-vedtak-ar-2025.json",
        "liste-vedtak-gruppe-testgruppen.json",
        "liste-moter-ar-2025.json",
        "liste-personer-alle-alle.json",
    } <= set(names)
    data = json.loads((fixture_site / "eksport/data.json").read_text(encoding="utf-8"))
    assert data["nettsted"] == SITE and data["generert"] == "2025-12-01T08:30:00+00:00"
    assert json.loads((fixture_site / "eksport/schema.json").read_text(encoding="utf-8")) == exports.json_schema()


def test_the_build_refuses_invalid_content_with_the_validators_message(tmp_path):
    archive = write_fixture(tmp_path / "archive")
    minutes = archive / "docs/moter/testgruppen/2025-09-10.md"
    minutes.write_text(minutes.read_text(encoding="utf-8").replace("møteleder: Kari Nordmann", "møteleder: Kari"), encoding="utf-8")
    root = with_project_code(archive, tmp_path / "repo")
    result = build_site(root, tmp_path / "site")
    assert result.returncode == 1
    assert "docs/moter/testgruppen/2025-09-10.md:9: ukjent person «Kari»" in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "site").exists()


@pytest.mark.parametrize(
    "setup, message",
    [
        (
            lambda root: (root / "mkdocs.yml").write_text(
                (root / "mkdocs.yml").read_text(encoding="utf-8").replace('site_url: !ENV [SITE_URL, "http://127.0.0.1:8000/"]', ""),
                encoding="utf-8",
            ),
            "site_url i mkdocs.yml er «»",
        ),
    ],
)
def test_a_bad_setup_is_one_norwegian_line(tmp_path, setup, message):
    root = with_project_code(write_fixture(tmp_path / "archive"), tmp_path / "repo")
    setup(root)
    result = build_site(root, tmp_path / "site")
    assert result.returncode == 1 and message in result.stderr and "Traceback" not in result.stderr


def test_a_bad_source_date_epoch_is_a_message(tmp_path):
    root = with_project_code(write_fixture(tmp_path / "archive"), tmp_path / "repo")
    result = build_site(root, tmp_path / "site", env={"SOURCE_DATE_EPOCH": "i går"})
    assert result.returncode != 0 and "SOURCE_DATE_EPOCH er «i går»" in result.stderr and "Traceback" not in result.stderr


# -- the real site -------------------------------------------------------------


@pytest.fixture(scope="module")
def site(root, tmp_path_factory) -> Path:
    """The real repository, copied, exported and built strictly, as `make build` does."""
    copy = copy_repository(root, tmp_path_factory.mktemp("repo") / "repo")
    return strict_build(copy, tmp_path_factory.mktemp("site"))


def _article(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser").select_one("article")


def test_real_calendars_hold_the_seed_events(site, root):
    from archive.model.repository import load_repository

    events = events_of((site / "eksport/kalender.ics").read_text(encoding="utf-8"))
    by_summary = {str(e["summary"]): e.decoded("dtstart") for e in events.values()}
    # The seed's two events stay in the archive whatever is added later.
    assert by_summary["BEST-konferansen 2025"] == dt.date(2025, 6, 4)
    assert by_summary["Energiworkshop"] == dt.date(2025, 4, 8)
    assert "mote-naeringsgruppen-2025-udatert@naeringsgruppen.osloregionen.no" not in events
    # Each group's calendar holds exactly that group's meetings and events.
    repo, _ = load_repository(root)
    items, _ = exports.calendar_items(repo)
    assert set(events) == {i.uid for i in items}
    for group in {i.group for i in items}:
        calendar = events_of((site / "eksport" / exports.group_calendar_file(group)).read_text(encoding="utf-8"))
        assert set(calendar) == {i.uid for i in items if i.group == group}, group
    assert "arrangement-best-konferansen-2025@naeringsgruppen.osloregionen.no" in set(
        events_of((site / "eksport/kalender-naeringsgruppen.ics").read_text(encoding="utf-8"))
    )


def test_real_feed_and_data_parse(site, root):
    from archive.model.repository import load_repository

    repo, _ = load_repository(root)
    feed = ET.parse(site / "eksport/feed.xml").getroot()
    assert len(feed.findall(f"{ATOM}entry")) == len([m for m in repo.meetings if m.held])
    data = json.loads((site / "eksport/data.json").read_text(encoding="utf-8"))
    schema = json.loads((site / "eksport/schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, schema, format_checker=jsonschema.FormatChecker())
    assert len(data["moter"]) == len(repo.meetings) and len(data["arrangementer"]) == len(repo.events)
    text = json.dumps(data, ensure_ascii=False)
    for person in repo.people.values():
        if person.email and "epost" not in person.public_fields:
            assert person.email not in text
        if person.note:
            assert person.note not in text


def test_real_pages_list_follow_ups_decisions_and_events(site, root):
    from archive.model.repository import load_repository

    repo, _ = load_repository(root)
    actions = _article(site, "oppfolging/index.html")
    text = actions.get_text(" ")
    for chain in repo.action_chains:
        assert chain.latest.task in text
        for owner in chain.owners:
            assert repo.name_of(owner) in text
    decisions_text = " ".join(_article(site, f"vedtak/{year}/index.html").get_text(" ") for year in {m.year for m in repo.meetings if m.decisions})
    for meeting in repo.meetings:
        for _, decision in meeting.decisions:
            assert decision.text in decisions_text
    calendar = _article(site, "kalender/index.html")
    for event in repo.events.values():
        assert event.title in calendar.get_text(" ")
        assert calendar.find(id=f"arr-{event.id}") is not None


def test_every_link_to_a_generated_file_resolves(site):
    checked = 0
    for page in ("kalender/index.html", "data/index.html"):
        for a in _article(site, page).select("a[href]"):
            href = a["href"]
            if href.endswith((".ics", ".xml", ".json")):
                path = href.split("://", 1)[1].split("/", 1)[1] if "://" in href else href
                assert (site / path).is_file(), (page, href)
                checked += 1
    assert checked >= 6


def test_attendance_page_has_chart_and_text_alternative(site):
    article = _article(site, "oppmote/index.html")
    svg = article.select_one("figure svg")
    assert svg["role"] == "img"
    for ref in svg["aria-labelledby"].split():
        assert article.find(id=ref) is not None
    alternative = article.select_one("figure").find_next_sibling("table")
    assert [th.get_text(strip=True) for th in alternative.select("th")] == ["Møte", "Til stede", "Digitalt", "Forfall"]
