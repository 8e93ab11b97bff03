"""The template for a new meeting (archive/model/scaffold.py) and its script."""

from __future__ import annotations

import datetime as dt
import os
import re

import pytest
import yaml
from _helpers import MINIMAL_REPO, SAMPLES, copy_minimal_repo, copy_real_repo, run_script
from hypothesis import given
from hypothesis import strategies as st
from sitebuild import strict_build, with_project_code

from archive.model import paths
from archive.model.minutes import FORMER_TEMPLATE_HELP
from archive.model.repository import Repository, load_repository
from archive.model.scaffold import meeting_template, template_help, yaml_scalar
from archive.model.sources import split_front_matter
from archive.views import registers
from archive.views.pages import page_text

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


def _free_day(repo: Repository, group: str, near: dt.date) -> str:
    """The first day from `near` on when `group` has no meeting: whatever the archive
    holds, the scaffold has a day to write."""
    taken = {m.date for m in repo.meetings_by_group.get(group, [])}
    day = near
    while day in taken:
        day += dt.timedelta(days=1)
    return day.isoformat()


def test_script_on_the_real_archive_validates(tmp_path):
    root = copy_real_repo(tmp_path / "repo")
    repo, problems = load_repository(root)
    assert problems == []
    groups = list(repo.groups)
    # Every group: a past meeting (a draft) and a planned one; the first group also one among its earliest meetings.
    wanted = [(g, _free_day(repo, g, repo.today - dt.timedelta(days=10))) for g in groups]
    wanted += [(g, _free_day(repo, g, repo.today + dt.timedelta(days=30))) for g in groups]
    first = repo.meetings_by_group.get(groups[0]) or repo.meetings
    wanted.append((groups[0], _free_day(repo, groups[0], first[0].sort_date + dt.timedelta(days=1))))
    for group, date in dict.fromkeys(wanted):
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


# -- the template's help never reaches the site -----------------------------------


def _help_lines() -> list[str]:
    """Every line of help any template can have, without the comment sign."""
    lines = {line.removeprefix("# ") for held in (True, False) for carried in (True, False) for line in template_help(held, carried, dt.date(2025, 5, 1))}
    return sorted(lines | set(FORMER_TEMPLATE_HELP))


def test_the_help_is_in_comments_that_yaml_drops_and_the_body_is_only_minutes():
    repo, _ = load_repository(MINIMAL_REPO)
    for today in (dt.date(2025, 2, 1), dt.date(2025, 6, 1)):  # planned, then held
        text = _template(repo, "testgruppen", dt.date(2025, 3, 1), today)
        front = text.split("\n---\n", 1)[0]
        assert sum(line.startswith("# ") for line in front.splitlines()) >= 5
        document = split_front_matter(text, lambda line, message: pytest.fail(message))
        assert not any(help_line in str(document.meta) for help_line in _help_lines())
        # The body: headings, the carried follow-up and label lines, nothing to delete before publishing.
        for line in filter(None, document.body.splitlines()):
            assert re.match(r"^(## \d+\. |### |- \[ \] |Satsingsområde: |Gjelder: )", line), line


def _words(text: str) -> str:
    return " ".join(re.findall(r"[^\W_]+", text)).casefold()


def test_a_scaffolded_planned_meeting_publishes_no_instruction(tmp_path):
    """The script's file, committed as it is, builds; no line of help is anywhere
    in the built site (pages, search documents, feeds, exports) but the guide."""
    root = with_project_code(MINIMAL_REPO, tmp_path / "repo")
    result = run_script("new_meeting.py", "--group", "testgruppen", "--date", "2099-03-01", "--rot", str(root))
    assert result.returncode == 0, result.stderr
    written = (root / "docs/moter/testgruppen/2099-03-01.md").read_text(encoding="utf-8")
    assert "Laget med «make new-meeting»" in written  # the help is there for the secretary
    site = strict_build(root, tmp_path / "site")
    page = site / paths.page_url("moter/testgruppen/2099-03-01.md") / "index.html"
    assert "Oppfølging fra tidligere møter" in page.read_text(encoding="utf-8")
    searched = [
        p
        for folder in (site, root / "build")
        if folder.is_dir()
        for p in folder.rglob("*")
        if p.is_file() and p.suffix in {".html", ".json", ".xml", ".ics", ".md", ".txt"} and "veiledning" not in p.parts and "pagefind" not in p.parts
    ]
    assert len(searched) > 20
    texts = {p: _words(p.read_text(encoding="utf-8", errors="replace")) for p in searched}
    for help_line in _help_lines():
        words = _words(help_line)
        assert len(words) > 12, help_line  # long enough to mean only itself
        found = [p.relative_to(tmp_path).as_posix() for p, text in texts.items() if words in text]
        assert not found, (help_line, found)


# -- a planned meeting is no follow-up's history -------------------------------------


def _register_text(repo: Repository) -> str:
    """The follow-up register as text, all its pages."""
    return "".join(page_text(page) for page in registers.action_register(repo))


def _history(repo: Repository) -> list[tuple]:
    return sorted(
        (chain.key, tuple(e.key for e in chain.entries), chain.status, tuple(chain.owners), chain.latest.due, tuple(chain.latest.focus_areas))
        for chain in repo.action_chains
    )


def test_a_scaffolded_planned_meeting_changes_no_follow_ups_history(tmp_path):
    root = copy_minimal_repo(tmp_path / "repo")
    before, _ = load_repository(root)
    register_before = _register_text(before)
    for date in ("2099-03-01", "2099-04-01"):  # two planned meetings, the second made after the first
        result = run_script("new_meeting.py", "--group", "testgruppen", "--date", date, "--rot", str(root))
        assert result.returncode == 0, result.stderr
    after, problems = load_repository(root)
    assert problems == []
    planned = [m for m in after.meetings if m.status == "planlagt"]
    assert len(planned) == 2 and all(m.actions for m in planned)  # each carries the open follow-up
    assert _history(after) == _history(before)
    register = _register_text(after)
    assert register == register_before and "sist fulgt opp" not in register and "2099" not in register
    # The second planned meeting carries the follow-up from the meeting where it was held, not from the first planned one.
    second = (root / "docs/moter/testgruppen/2099-04-01.md").read_text(encoding="utf-8")
    assert "Fra: 2025-01-10, sak 2, punkt 1." in second and "2099-03-01" not in second


def test_once_held_the_meeting_follows_the_task_up(tmp_path):
    root = copy_minimal_repo(tmp_path / "repo")
    result = run_script("new_meeting.py", "--group", "testgruppen", "--date", "2099-03-01", "--rot", str(root))
    assert result.returncode == 0, result.stderr
    path = root / "docs/moter/testgruppen/2099-03-01.md"
    path.write_text(path.read_text(encoding="utf-8").replace("status: planlagt", "status: utkast"), encoding="utf-8")
    repo, problems = load_repository(root, today=dt.date(2099, 3, 2))
    assert problems == []
    chain = repo.chain_of["testgruppen/2025-01-10#sak-2-1"]
    assert chain.latest.meeting_id == "testgruppen/2099-03-01"
    assert "sist fulgt opp" in _register_text(repo)


def test_carried_follow_ups_keep_their_focus_areas_and_groups(tmp_path):
    root = copy_minimal_repo(tmp_path / "repo")
    (root / "docs/moter/testgruppen/2025-01-20.md").write_text(
        "---\ngruppe: testgruppen\ndato: 2025-01-20\nstatus: utkast\n---\n\n## 1. Status for satsingsområdene\n\n"
        "### Gruppe 1 – Grønn omstilling\n\n- [ ] Finne tre pilotbedrifter. Ansvar: Per Hansen.\n",
        encoding="utf-8",
    )
    result = run_script("new_meeting.py", "--group", "testgruppen", "--date", "2025-02-01", "--rot", str(root))
    assert result.returncode == 0, result.stderr
    repo, problems = load_repository(root, today=dt.date(2025, 3, 1))
    assert problems == []
    carried = {a.task: a for a in repo.meetings_by_id["testgruppen/2025-02-01"].actions}
    # From an item that links the area, and from a working group's part of an item:
    plan, pilots = carried["Lage en plan for arbeidsgruppen."], carried["Finne tre pilotbedrifter."]
    assert (plan.group, plan.focus_areas) == (None, ["gronn-omstilling"])
    assert (pilots.group, pilots.focus_areas) == ("arbeidsgruppe-a", ["gronn-omstilling"])
    for action in (plan, pilots):
        assert repo.chain_of[action.key].latest is action
    register = _register_text(repo)
    rows = [line for line in register.splitlines() if line.startswith("<tr data-status")]
    assert len(rows) == 3 and all("satsingsomrader/gronn-omstilling/" in row for row in rows), rows
    assert '<option value="gronn-omstilling">' in register  # the filter offers the area
