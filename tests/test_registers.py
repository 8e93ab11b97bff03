"""Views across meetings: action items (with carried-forward chains), decisions,
attendance, calendar. Golden output for a small fixture archive, plus the rules
one by one and a check that the views stay linear in the number of meetings.

After an intended change of output, regenerate with
    UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_registers.py
and read the diff before committing it.
"""

from __future__ import annotations

import datetime as dt
import os
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from archive import actions, attendance, charts, model, registers, views
from archive.repository import Repository
from registers_fixture import load_fixture

GOLDEN = Path(__file__).parent / "golden"
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture()
def repo(tmp_path):
    return load_fixture(tmp_path)


CASES = {
    "registers_actions.md": registers.action_register,
    "registers_decisions.md": registers.decision_register,
    "registers_attendance.md": registers.attendance_page,
    "registers_calendar.md": registers.calendar_page,
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_register_matches_golden(name, repo):
    rendered = CASES[name](repo)
    golden = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN") == "1":
        golden.write_text(rendered, encoding="utf-8")
    assert golden.exists(), f"no golden file {golden}; run with UPDATE_GOLDEN=1 once and review it"
    assert rendered == golden.read_text(encoding="utf-8")


# -- chains of action items ---------------------------------------------------

def test_a_later_meeting_supersedes_and_its_status_counts(repo):
    by_first = {chain.key: chain for chain in repo.action_chains}
    chain = by_first["testgruppen/2025-03-12#kartlegging"]
    assert [e.key for e in chain.entries] == [
        "testgruppen/2025-03-12#kartlegging",  # opened
        "testgruppen/2025-05-20#1",  # closed (ferdig)
        "testgruppen/2025-09-10#2",  # opened again, carried from the closing entry
    ]
    assert chain.status == "åpen" and chain.latest.owner == ["arbeidsgruppe-a"]
    assert by_first["testgruppen/2025-09-10#sluttrapport"].status == "ferdig"
    # Each entry maps to its chain, so the export can give the current status.
    assert repo.chain_of["testgruppen/2025-05-20#1"] is chain


def test_open_actions_are_the_latest_entries_of_open_chains(repo):
    assert [a.key for a in views.open_actions(repo)] == ["testgruppen/2025-09-10#2", "testgruppen/2025-09-10#rapport"]
    assert [c.key for c in repo.open_chains_by_owner["kari-nordmann"]] == ["testgruppen/2025-09-10#rapport"]
    assert "ola-hansen" not in repo.open_chains_by_owner  # his only item is done


def test_closing_in_the_middle_then_nothing_more_leaves_it_closed(mini_repo):
    (chain,) = mini_repo.action_chains
    assert len(chain.entries) == 2 and not chain.is_open
    assert views.open_actions(mini_repo) == []
    assert registers.action_register(mini_repo).startswith("0 åpne og 1 avsluttet oppfølgingspunkter.")


def _meeting(meeting_id: str, date: dt.date, *items: model.ActionItem) -> model.Meeting:
    for index, action in enumerate(items, start=1):
        action.meeting_id, action.agenda_number, action.index = meeting_id, "1", index
    return model.Meeting(id=meeting_id, src_path=f"moter/{meeting_id}.md", group="g", date=date, status="utkast",
                         agenda=[model.AgendaItem(number="1", title="Sak", actions=list(items))])


def test_unknown_and_looping_references_never_hang_or_lose_an_item():
    # An unknown `fra` starts its own chain (the validator reports it); a loop,
    # which only a hand-edited mistake makes, is cut where it closes.
    a = model.ActionItem(id="a", owner=["p"], task="A", carried_from="g/2#b")
    b = model.ActionItem(id="b", owner=["p"], task="B", carried_from="g/1#a")
    c = model.ActionItem(id="c", owner=["p"], task="C", carried_from="g/9#finnes-ikke")
    chains = actions.build_chains([_meeting("g/1", dt.date(2025, 1, 1), a), _meeting("g/2", dt.date(2025, 2, 1), b, c)])
    assert sorted(len(ch.entries) for ch in chains) == [1, 2]
    assert sum(len(ch.entries) for ch in chains) == 3


def test_focus_area_of_an_item_narrows_to_the_owners_working_group(repo):
    # An item under a joint agenda item belongs to the area the owner leads.
    repo.focus_areas["annet"] = model.FocusArea(id="annet", name="Annet", status="aktiv")
    chain = next(c for c in repo.action_chains if c.key == "testgruppen/2025-09-10#rapport")
    _, item = registers.item_of(repo, chain.latest)
    item.focus_areas.append("annet")
    areas = views.area_of_group(repo)
    leads = registers.lead_areas(repo)
    assert registers.chain_focus_areas(repo, chain, areas, leads) == ["gronn-omstilling", "annet"]  # Kari leads no working group
    group_chain = next(c for c in repo.action_chains if c.latest.owner == ["arbeidsgruppe-a"])
    _, group_item = registers.item_of(repo, group_chain.latest)
    group_item.focus_areas.append("annet")
    assert registers.chain_focus_areas(repo, group_chain, areas, leads) == ["gronn-omstilling"]


def test_every_row_links_to_the_meeting_and_agenda_item(repo):
    text = registers.action_register(repo)
    assert 'href="../moter/testgruppen/2025-03-12/#sak-2-25"' in text
    assert 'sist fulgt opp: <a href="../moter/testgruppen/2025-09-10/#sak-2">Møte i Testgruppen, 10. september 2025, sak 2</a>' in text
    # Open items come before closed ones in each table.
    kari_then_ola = text.index("### Ola Hansen")
    assert text.index("<strong>åpen</strong>") < text.index("<td>ferdig</td>") and kari_then_ola < text.index("<td>ferdig</td>")


# -- decisions, attendance, calendar ------------------------------------------

def test_decisions_newest_first_with_anchor(repo):
    rows = [line for line in registers.decision_register(repo).splitlines() if line.startswith("<tr><td><a ")]
    assert [row.split("</a>")[0].split(">")[-1] for row in rows] == ["10. september 2025", "12. mars 2025"]
    assert "2025-09-10/#sak-1" in rows[0]


def test_attendance_counts_people_and_organisations(repo):
    records = attendance.known_attendance(repo.meetings)
    assert [r.meeting.id for r in records] == ["testgruppen/2025-03-12", "testgruppen/2025-05-20", "testgruppen/2025-udatert", "testgruppen/2025-09-10"]
    by_person = attendance.tally_by_person(records)
    assert (by_person["ola-hansen"].total, by_person["ola-hansen"].absent) == (2, 1)
    assert (by_person["per-usikker"].online, by_person["per-usikker"].absent) == (1, 1)
    by_org = attendance.tally_by_organisation(by_person, repo.people)
    assert by_org["testkommune"].by_year[2025] == 4 and by_org[None].people == {"per-usikker"}


def test_planned_meetings_have_no_attendance(repo):
    planned = repo.meetings_by_id["testgruppen/2026-01-15"]
    assert not attendance.meeting_attendance(planned).known


def test_chart_is_an_accessible_svg_image(repo):
    text = registers.attendance_page(repo)
    svg_text = text[text.index("<svg"): text.index("</svg>") + len("</svg>")]
    svg = ET.fromstring(svg_text)
    assert svg.get("role") == "img"
    ids = svg.get("aria-labelledby").split()
    assert [svg.find(f"{SVG}title").get("id"), svg.find(f"{SVG}desc").get("id")] == ids
    assert "10.09.2025" in svg.find(f"{SVG}desc").text
    bars = [r for r in svg.iter(f"{SVG}rect") if r.get("height") == "18"]
    assert len(bars) == 7  # 2+0+1, 1, 1+1, 2+1: one rect per non-zero segment
    # The text alternative follows the figure.
    assert "</figure>\n\n<table>\n<thead><tr><th>Møte</th><th>Til stede</th><th>Digitalt</th><th>Forfall</th></tr></thead>" in text


def test_chart_handles_no_rows_and_escapes_labels():
    svg = ET.fromstring(charts.stacked_bar_chart("x", "T <&>", "D", [], [charts.Series("S", [], "#000000")]))
    assert svg.find(f"{SVG}title").text == "T <&>"
    svg = ET.fromstring(charts.stacked_bar_chart("x", "T", "D", ["a & b"], [charts.Series("S", [0], "#000000")]))
    assert [t.text for t in svg.iter(f"{SVG}text")] == ["S", "a & b", "0"]


def test_calendar_leaves_out_approximate_dates_and_says_so(repo):
    text = registers.calendar_page(repo)
    coming = text[text.index("## Kommende"): text.index("## Tidligere")]
    assert "2026-01-15/" in coming and "2025-09-10/" not in coming
    undated = text[text.index("## Møter uten sikker dato"):]
    assert "ikke med i kalenderfilene" in undated and "2025-udatert/" in undated
    assert '<a href="../eksport/kalender-testgruppen.ics">Testgruppen</a>' in text


def test_empty_archive_says_so():
    empty = Repository(root=Path("."))
    assert registers.action_register(empty) == "Ingen oppfølgingspunkter er lagt inn ennå."
    assert registers.decision_register(empty) == "Ingen vedtak er lagt inn ennå."
    assert registers.attendance_page(empty) == "Oppmøtet er ikke registrert for noen møter ennå."
    assert "Ingen kommende møter eller arrangementer er lagt inn." in registers.calendar_page(empty)


# -- linear growth ------------------------------------------------------------

def synthetic_repo(count: int) -> Repository:
    """`count` weekly meetings; each carries the previous meeting's item forward."""
    people = {f"p{i}": model.Person(id=f"p{i}", name=f"Person {i}", organisation=f"o{i % 5}") for i in range(30)}
    organisations = {f"o{i}": model.Organisation(id=f"o{i}", name=f"Org {i}", kind="kommune") for i in range(5)}
    groups = {"g": model.Group(id="g", name="G", status="aktiv")}
    meetings = []
    previous = None
    for i in range(count):
        date = dt.date(2000, 1, 3) + dt.timedelta(days=7 * i)
        meeting_id = f"g/{date.isoformat()}"
        carried = model.ActionItem(id="a", owner=[f"p{i % 30}"], task=f"Oppgave {i}", status="åpen" if i % 3 else "ferdig",
                                   carried_from=f"{previous}#a" if previous else None)
        new = model.ActionItem(id="b", owner=[f"p{(i + 7) % 30}"], task=f"Ny {i}", status="åpen")
        meeting = _meeting(meeting_id, date, carried, new)
        meeting.agenda[0].decisions = ["Godkjent."]
        meeting.chair, meeting.present, meeting.absent = "p0", [f"p{(i + k) % 30}" for k in range(1, 8)], [f"p{(i + 9) % 30}"]
        meetings.append(meeting)
        previous = meeting_id
    return Repository(root=Path("."), people=people, organisations=organisations, groups=groups, meetings=meetings, today=dt.date(2030, 1, 1))


def _seconds(function, repo) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        function(repo)
        best = min(best, time.perf_counter() - start)
    return best


@pytest.mark.parametrize("view", [registers.action_register, registers.decision_register, registers.attendance_page,
                                  registers.calendar_page, views.meeting_archive, views.front_page], ids=lambda v: v.__name__)
def test_views_grow_linearly_with_the_archive(view):
    small, large = synthetic_repo(250), synthetic_repo(1000)
    # Four times the meetings: linear is about 4x the time, quadratic 16x.
    ratio = _seconds(view, large) / max(_seconds(view, small), 1e-4)
    assert ratio < 9, f"{view.__name__}: {ratio:.1f}x for 4x the meetings"
    assert len(view(large)) < 5 * len(view(small))
