"""The template for a new meeting (archive/model/scaffold.py) and its script."""

from __future__ import annotations

import datetime as dt
import os

import yaml
from _helpers import MINIMAL_REPO, SAMPLES, copy_minimal_repo, copy_real_repo, run_script
from hypothesis import given
from hypothesis import strategies as st

from archive.model.repository import Repository, load_repository
from archive.model.scaffold import meeting_template, yaml_scalar

GOLDEN = SAMPLES / "scaffold"


def _template(repo: Repository, group: str, date: dt.date, today: dt.date, meetings=None) -> str:
    names = {**{k: v.name for k, v in repo.people.items()}, **{k: v.name for k, v in repo.groups.items()}}
    if meetings is None:
        meetings = repo.meetings_by_group.get(group, [])
    return meeting_template(repo.groups[group], date, today, meetings, repo.groups, repo.focus_areas, names, repo.item_of_action)


def _with(tmp_path, text: str, name: str) -> Repository:
    """The minimal archive with `text` added as docs/moter/testgruppen/<name>.md: it must validate."""
    root = copy_minimal_repo(tmp_path / "repo")
    (root / f"docs/moter/testgruppen/{name}.md").write_text(text, encoding="utf-8")
    repo, problems = load_repository(root, today=dt.date(2025, 6, 1))
    assert problems == [], problems
    return repo


def test_golden_planned_meeting():
    repo, problems = load_repository(MINIMAL_REPO)
    assert problems == []
    text = _template(repo, "testgruppen", dt.date(2025, 3, 1), today=dt.date(2025, 2, 1))
    golden = GOLDEN / "testgruppen-2025-03-01.md"
    if os.environ.get("UPDATE_GOLDEN") == "1":
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


def test_past_date_gives_a_draft_with_attendance_fields():
    repo, _ = load_repository(MINIMAL_REPO)
    text = _template(repo, "testgruppen", dt.date(2025, 3, 1), today=dt.date(2025, 6, 1))
    assert "\nstatus: utkast\n" in text
    assert "\ntilstede:\ntilstede_digitalt:\nforfall:\n" in text


def test_first_meeting_has_no_approval_and_contiguous_numbers(tmp_path):
    repo, _ = load_repository(MINIMAL_REPO)
    text = _template(repo, "testgruppen", dt.date(2024, 12, 1), today=dt.date(2024, 11, 1))
    assert "Godkjenning av referat" not in text and "Oppfølging fra tidligere møter" not in text
    meeting = _with(tmp_path, text, "2024-12-01").meetings_by_id["testgruppen/2024-12-01"]
    assert [item.number for item in meeting.agenda] == ["1", "2", "3"]
    assert [item.title for item in meeting.agenda] == ["Godkjenning av innkalling og dagsorden", "Status for satsingsområdene", "Eventuelt"]


def test_open_follow_ups_are_carried_with_from_and_closed_ones_dropped(tmp_path):
    repo, _ = load_repository(MINIMAL_REPO)
    text = _template(repo, "testgruppen", dt.date(2025, 2, 1), today=dt.date(2025, 3, 1))
    assert "- [ ] Lage en plan for arbeidsgruppen. Ansvar: Per Hansen. Fra: 2025-01-10, sak 2, punkt 1." in text
    assert "Sende ut deltakerlisten" not in text  # done already
    later = _with(tmp_path, text, "2025-02-01")
    chain = later.chain_of["testgruppen/2025-01-10#sak-2-1"]
    assert [e.key for e in chain.entries] == ["testgruppen/2025-01-10#sak-2-1", "testgruppen/2025-02-01#sak-3-1"]


def test_a_follow_up_another_group_has_closed_is_not_carried_again(tmp_path):
    # Found by a growth check: the working group closed Testgruppen's follow-up,
    # and the next Testgruppen scaffold offered it again as open.
    root = copy_minimal_repo(tmp_path / "repo")
    (root / "docs/moter/arbeidsgruppe-a").mkdir()
    (root / "docs/moter/arbeidsgruppe-a/2025-01-20.md").write_text(
        "---\ngruppe: arbeidsgruppe-a\ndato: 2025-01-20\nstatus: godkjent\n---\n\n## 1. Planen\n\n"
        "- [x] Lage en plan for arbeidsgruppen. Ansvar: Per Hansen. Fra: testgruppen/2025-01-10, sak 2, punkt 1.\n",
        encoding="utf-8",
    )
    repo, problems = load_repository(root)
    assert problems == [] and not repo.chain_of["testgruppen/2025-01-10#sak-2-1"].is_open
    result = run_script("new_meeting.py", "--group", "testgruppen", "--date", "2025-02-01", "--rot", str(root))
    assert result.returncode == 0, result.stderr
    assert "Lage en plan for arbeidsgruppen" not in (root / "docs/moter/testgruppen/2025-02-01.md").read_text(encoding="utf-8")


def test_the_approval_names_the_previous_meeting_so_it_is_linked(tmp_path):
    repo, _ = load_repository(MINIMAL_REPO)
    text = _template(repo, "testgruppen", dt.date(2025, 2, 1), today=dt.date(2025, 3, 1))
    assert "## 2. Godkjenning av referat fra møtet 10. januar 2025\n" in text
    item = _with(tmp_path, text, "2025-02-01").meetings_by_id["testgruppen/2025-02-01"].agenda[1]
    assert item.refers_to_meeting == "testgruppen/2025-01-10"


def test_an_undated_previous_meeting_is_named_by_its_file(tmp_path):
    root = copy_minimal_repo(tmp_path / "first")
    minutes = root / "docs/moter/testgruppen/2025-01-10.md"
    minutes.write_text(minutes.read_text(encoding="utf-8").replace("dato: 2025-01-10", "dato_etter: 2025-01-01\ndato_før: 2025-01-20"), encoding="utf-8")
    minutes.rename(root / "docs/moter/testgruppen/2025-udatert.md")
    repo, problems = load_repository(root)
    assert problems == []
    text = _template(repo, "testgruppen", dt.date(2025, 2, 1), today=dt.date(2025, 3, 1))
    assert "Godkjenning av referat fra forrige møte (mellom 1. januar og 20. januar 2025)\n\nGjelder: 2025-udatert" in text


@given(st.text(min_size=1, max_size=40).filter(lambda s: s.strip() == s and "\n" not in s and "\r" not in s))
def test_yaml_scalar_reads_back_as_the_same_text(text):
    assert yaml.safe_load(f"key: {yaml_scalar(text)}") == {"key": text}


# -- the script ---------------------------------------------------------------


def test_script_writes_a_file_that_validates(tmp_path):
    root = copy_minimal_repo(tmp_path / "repo")
    result = run_script("new_meeting.py", "--group", "testgruppen", "--date", "2099-03-01", "--rot", str(root))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == "docs/moter/testgruppen/2099-03-01.md"
    assert "status planlagt" in result.stdout
    written = root / "docs/moter/testgruppen/2099-03-01.md"
    assert "møteleder: Ola Nordmann\nreferent: Kari Nordmann\n---\n" in written.read_text(encoding="utf-8")
    check = run_script("validate.py", "--rot", str(root))
    assert check.returncode == 0, check.stdout
    assert check.stdout.startswith("Alt i orden: 2 møter")


def test_script_on_the_real_archive_validates(tmp_path):
    root = copy_real_repo(tmp_path / "repo")
    for group, date in (("naeringsgruppen", "2026-01-15"), ("naeringsgruppen", "2099-01-15"), ("arbeidsgruppe-2", "2025-05-01")):
        result = run_script("new_meeting.py", "--group", group, "--date", date, "--rot", str(root))
        assert result.returncode == 0, result.stderr
    check = run_script("validate.py", "--rot", str(root))
    assert check.returncode == 0, check.stdout


def test_script_never_overwrites(tmp_path):
    root = copy_minimal_repo(tmp_path / "repo")
    existing = root / "docs/moter/testgruppen/2025-01-10.md"
    before = existing.read_bytes()
    result = run_script("new_meeting.py", "--group", "testgruppen", "--date", "2025-01-10", "--rot", str(root))
    assert result.returncode == 1
    assert result.stderr == (
        "docs/moter/testgruppen/2025-01-10.md: filen finnes allerede og blir ikke overskrevet. Åpne den og rediger den, eller velg en annen dato.\n"
    )
    assert existing.read_bytes() == before


def test_script_refuses_a_second_meeting_on_the_same_date(tmp_path):
    root = copy_minimal_repo(tmp_path / "repo")
    (root / "docs/moter/testgruppen/2025-01-10.md").rename(root / "docs/moter/testgruppen/forste-mote.md")
    result = run_script("new_meeting.py", "--group", "testgruppen", "--date", "2025-01-10", "--rot", str(root))
    assert result.returncode == 1
    assert result.stderr == (
        "docs/moter/testgruppen/2025-01-10.md: gruppen har allerede et møte 10. januar 2025: docs/moter/testgruppen/forste-mote.md. Rediger det i stedet.\n"
    )
    assert not (root / "docs/moter/testgruppen/2025-01-10.md").exists()


def test_script_unknown_group_suggests(tmp_path):
    root = copy_minimal_repo(tmp_path / "repo")
    result = run_script("new_meeting.py", "--group", "testgrupen", "--date", "2099-03-01", "--rot", str(root))
    assert result.returncode == 1
    assert result.stderr.startswith("--group: ukjent gruppe «testgrupen»; mente du «Testgruppen» (testgruppen)")
    assert not (root / "docs/moter/testgrupen").exists()


def test_script_bad_dates(tmp_path):
    root = copy_minimal_repo(tmp_path / "repo")
    expected = {
        "01.03.2099": "--date: skriv datoen som ÅÅÅÅ-MM-DD: 2099-03-01, ikke «01.03.2099».\n",
        "2099-02-30": "--date: «2099-02-30» er ikke en dato som finnes.\n",
        "neste uke": "--date: «neste uke» er ikke en dato. Skriv den som ÅÅÅÅ-MM-DD, for eksempel 2026-01-15.\n",
    }
    for date, message in expected.items():
        result = run_script("new_meeting.py", "--group", "testgruppen", "--date", date, "--rot", str(root))
        assert (result.returncode, result.stderr) == (1, message)
    assert sorted(p.name for p in (root / "docs/moter/testgruppen").iterdir()) == ["2025-01-10.md"]


def test_script_missing_arguments_in_norwegian():
    result = run_script("new_meeting.py", "--group", "testgruppen")
    assert result.returncode == 1
    assert "new_meeting.py: feil: disse argumentene mangler: --date/--dato" in result.stderr


def test_yaml_scalar_quotes_what_yaml_would_misread():
    for text in ("0x1A", "1_000", "18:30", "no", "On", "2025-01-10", "a: b", "- punkt", "#3"):
        assert yaml.safe_load(f"key: {yaml_scalar(text)}") == {"key": text}, text
    assert yaml_scalar("Godkjenning av referat fra møtet 10. januar 2025") == "Godkjenning av referat fra møtet 10. januar 2025"
