"""Views across meetings: follow-ups (with carried-forward chains), decisions,
attendance and the calendar, rule by rule. Their whole output is in the golden
files (tests/test_views_golden.py)."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from registers_fixture import load_fixture

from archive import model
from archive.model import actions, attendance
from archive.model.repository import Repository
from archive.views import charts, common, front, meetings, registers
from archive.views.pages import page_text

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture()
def repo(tmp_path):
    return load_fixture(tmp_path)


def test_a_later_meeting_supersedes_and_its_status_counts(repo):
    chain = repo.chain_of["testgruppen/2025-03-12#sak-2-25-1"]
    assert [e.key for e in chain.entries] == [
        "testgruppen/2025-03-12#sak-2-25-1",  # opened
        "testgruppen/2025-05-20#sak-1-1",  # closed (ferdig)
        "testgruppen/2025-09-10#sak-2-2",  # reported on again, open: the latest entry counts
    ]
    assert chain.status == "åpen" and chain.owners == ["arbeidsgruppe-a"]


def test_open_follow_ups_are_the_latest_entries_of_open_chains(repo):
    assert sorted(chain.latest.task for chain in meetings.open_chains(repo)) == ["Kartlegge prosjekter, runde to.", "Skrive rapport."]


def test_a_follow_up_in_a_working_groups_part_belongs_to_its_area_only(repo):
    meeting = repo.meetings_by_id["testgruppen/2025-09-10"]
    by_task = {a.task: a for a in meeting.actions}
    assert by_task["Levere sluttrapport."].group == "arbeidsgruppe-a"
    assert by_task["Levere sluttrapport."].focus_areas == ["gronn-omstilling"]


def test_unknown_and_looping_references_never_hang_or_lose_an_item():
    first = model.ActionItem(key="g/1#sak-1-1", task="A", carried_from="g/2#sak-1-1", meeting_id="g/1")
    second = model.ActionItem(key="g/2#sak-1-1", task="B", carried_from="g/1#sak-1-1", meeting_id="g/2")
    stray = model.ActionItem(key="g/3#sak-1-1", task="C", carried_from="g/9#sak-1-1", meeting_id="g/3")
    meetings = []
    for action in (first, second, stray):
        meeting = model.Meeting(id=action.meeting_id, agenda=[model.AgendaItem(number="1", title="Sak", anchor="sak-1", actions=[action])])
        meetings.append(meeting)
    chains = actions.build_chains(meetings)
    assert sorted(e.task for chain in chains for e in chain.entries) == ["A", "B", "C"]


def test_the_follow_up_register_opens_on_the_open_ones_overdue_first(repo):
    """Today (1 December 2025) «Skrive rapport.» is a month past its deadline: «Forfalt», first;
    the closed follow-ups are on a page of their own; the form filters all of them."""
    first, *rest = registers.action_register(repo)
    text = page_text(first)
    assert text.count("<table") == 1
    rows = [line for line in text.splitlines() if line.startswith("<tr data-status")]
    assert [row.split('data-status="')[1].split('"')[0] for row in rows] == ["åpen", "åpen"]
    assert "Skrive rapport." in rows[0] and "badge--overdue" in rows[0] and "Forfalt" in rows[0]
    assert "Kartlegge prosjekter, runde to." in rows[1] and "badge--overdue" not in rows[1]
    assert "2 åpne, av dem 1 forfalt." in text
    closed = next(page for page in rest if page.src == "oppfolging/avsluttet.md")
    assert "Levere sluttrapport." in page_text(closed) and "Levere sluttrapport." not in text
    assert 'aria-label="Avgrens oppfølgingspunktene"' in text and 'data-facet="ansvarlig"' in text
    assert 'data-default="{&#34;status&#34;:&#34;åpen&#34;}"' in text and 'data-list="eksport/liste-oppfolging-"' in text


def test_follow_ups_are_ordered_overdue_first_then_by_deadline_then_closed():
    repo = synthetic_repo(12)
    for index, chain in enumerate(repo.action_chains):
        chain.latest.due = dt.date(2029, 12, 1) + dt.timedelta(days=60 * (index % 4)) if index % 5 else None
    ordered = sorted(repo.action_chains, key=lambda c: common.follow_up_order(repo, c))
    states = [(c.is_open, c.is_open and c.latest.due is not None and c.latest.due < repo.today, c.latest.due) for c in ordered]
    open_part = [s for s in states if s[0]]
    assert states[: len(open_part)] == open_part  # open before closed
    overdue = [s for s in open_part if s[1]]
    assert open_part[: len(overdue)] == overdue and overdue == sorted(overdue, key=lambda s: s[2])
    dated = [s[2] for s in open_part[len(overdue) :] if s[2]]
    assert dated == sorted(dated) and all(s[2] is None for s in open_part[len(overdue) + len(dated) :])


def test_decisions_newest_first_one_page_per_year(repo):
    index, *years = registers.decision_pages(repo)
    assert [page.src for page in years] == ["vedtak/2025.md"]
    text = page_text(years[0])
    assert text.index("Forslagene sendes på høring.") < text.index("Godkjent.")
    assert "../../moter/testgruppen/2025-09-10/#sak-2" in text


def test_attendance_counts_chair_and_secretary_as_present_like_the_card(repo):
    records = {r.meeting.id: r for r in attendance.known_attendance(repo.meetings)}
    first = records["testgruppen/2025-03-12"]
    assert (first.in_room, first.online, first.absent) == (["kari-nordmann", "ola-hansen"], [], ["per-usikker"])
    meeting = repo.meetings_by_id["testgruppen/2025-03-12"]
    card = str(meetings.meeting_card(repo, meeting, meeting.src_path))
    assert "2 til stede, 1 forfall" in card
    listed = str(meetings.participants(repo, meeting, meeting.src_path))
    assert "Til stede (2)" in listed and "Forfall (1)" in listed


def test_planned_meetings_have_no_attendance(repo):
    planned = repo.meetings_by_id["testgruppen/2026-01-15"]
    assert not attendance.meeting_attendance(planned).known


def test_the_chart_is_an_accessible_image_and_escapes_its_labels():
    svg = charts.stacked_bar_chart("c", "Tittel <b>", "Beskrivelse & mer", ["Møte <i>1</i>"], [charts.Series("Til stede", [3], charts.PALETTE[0])])
    root = ET.fromstring(str(svg))
    assert root.get("role") == "img" and root.get("aria-labelledby") == "c-title c-desc"
    assert root.find(f"{SVG}title").text == "Tittel <b>"
    assert [t.text for t in root.iter(f"{SVG}text")][-2:] == ["Møte <i>1</i>", "3"]


def test_calendar_offers_full_addresses_webcal_and_copy(repo):
    text = page_text(registers.calendar_page(repo, "https://example.org/moter/")[0])
    assert 'value="https://example.org/moter/eksport/kalender.ics"' in text
    assert 'href="https://example.org/moter/eksport/feed-testgruppen.xml"' in text
    assert 'href="webcal://example.org/moter/eksport/kalender-testgruppen.ics"' in text
    assert 'data-copy="kal-kalender-ics"' in text
    undated = text[text.index("## Møter uten sikker dato") :]
    assert "ikke med i kalenderfilene" in undated and "2025-udatert/" in undated


def test_an_empty_archive_says_so():
    empty = Repository(root=Path("."))
    assert "Ingen oppfølgingspunkter er lagt inn ennå." in page_text(registers.action_register(empty)[0])
    assert "Ingen vedtak er lagt inn ennå." in page_text(registers.decision_pages(empty)[0])
    assert "Oppmøtet er ikke registrert for noen møter ennå." in page_text(registers.attendance_pages(empty)[0])
    assert "Ingen kommende møter eller arrangementer er lagt inn." in page_text(registers.calendar_page(empty, "https://example.org/")[0])
    assert "Ingen møter er lagt inn ennå." in page_text(meetings.meeting_archive(empty)[0])


def synthetic_repo(count: int) -> Repository:
    """`count` weekly meetings; each carries the previous meeting's follow-up forward."""
    people = {f"p{i}": model.Person(id=f"p{i}", name=f"Person {i}", organisation=f"o{i % 5}") for i in range(30)}
    organisations = {f"o{i}": model.Organisation(id=f"o{i}", name=f"Org {i}", kind="kommune") for i in range(5)}
    groups = {"g": model.Group(id="g", name="G", status="aktiv")}
    meetings = []
    previous = None
    for i in range(count):
        date = dt.date(2000, 1, 3) + dt.timedelta(days=7 * i)
        meeting_id = f"g/{date.isoformat()}"
        carried = model.ActionItem(
            key=f"{meeting_id}#sak-1-1",
            owner=[f"p{i % 30}"],
            task=f"Oppgave {i}",
            status="åpen" if i % 3 else "ferdig",
            carried_from=f"{previous}#sak-1-1" if previous else None,
            meeting_id=meeting_id,
            agenda_number="1",
            index=1,
        )
        item = model.AgendaItem(number="1", title="Sak", anchor="sak-1", actions=[carried], decisions=[model.Decision(text="Godkjent.")])
        meeting = model.Meeting(id=meeting_id, src_path=f"moter/{meeting_id}.md", group="g", date=date, status="godkjent", agenda=[item])
        meeting.chair, meeting.present, meeting.absent = "p0", [f"p{(i + k) % 30}" for k in range(1, 8)], [f"p{(i + 9) % 30}"]
        meetings.append(meeting)
        previous = meeting_id
    return Repository(root=Path("."), people=people, organisations=organisations, groups=groups, meetings=meetings, today=dt.date(2030, 1, 1))


@pytest.mark.parametrize(
    "view",
    [
        registers.action_register,
        registers.decision_pages,
        registers.attendance_pages,
        meetings.meeting_archive,
        meetings.meetings_by_group,
        lambda r: registers.calendar_page(r, "https://example.org/"),
        lambda r: [front.front_page(r)],
    ],
    ids=["follow-ups", "decisions", "attendance", "archive", "by-group", "calendar", "front-page"],
)
def test_no_register_page_grows_with_the_archive(view):
    """Four times the meetings: more pages, but no page larger than a page of rows
    already was (a long list goes on over numbered pages or years)."""
    small, large = ([len(page_text(page)) for page in view(synthetic_repo(count))] for count in (100, 400))
    assert len(large) >= len(small)
    assert max(large) < 1.2 * max(small)
