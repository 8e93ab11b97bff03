"""The validator as the secretary and CI run it: the real script, real files."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from _helpers import ROOT, copy_minimal_repo, run_script, snapshot

BAD_FILES = Path(__file__).resolve().parent / "bad_files"
CASES = sorted(p.name for p in BAD_FILES.iterdir() if p.is_dir())


def _repo_with_case(tmp_path: Path, case: str) -> Path:
    root = copy_minimal_repo(tmp_path / "repo")
    for source in (BAD_FILES / case).rglob("*"):
        if source.is_file() and source.name != "expected.txt":
            target = root / source.relative_to(BAD_FILES / case)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
    return root


def test_corpus_covers_every_check():
    # One case per check the brief lists; a lost folder must not go unnoticed.
    assert len(CASES) >= 45
    for case in CASES:
        assert (BAD_FILES / case / "expected.txt").read_text(encoding="utf-8").strip(), case


@pytest.mark.parametrize("case", CASES)
def test_bad_file_gives_its_exact_message(tmp_path, case):
    root = _repo_with_case(tmp_path, case)
    before = snapshot(root)
    result = run_script("validate.py", "--rot", str(root))
    expected = (BAD_FILES / case / "expected.txt").read_text(encoding="utf-8").splitlines()
    printed = [line for line in result.stdout.splitlines()[:-1] if not line.startswith("::")]
    assert result.returncode == 1, result.stdout + result.stderr
    assert printed == expected
    files = {line.split(":")[0] for line in expected}
    assert result.stdout.splitlines()[-1] == f"Fant {len(expected)} feil i {len(files)} {'fil' if len(files) == 1 else 'filer'}."
    assert "Traceback" not in result.stderr
    assert snapshot(root) == before  # validation never changes a file


def test_minimal_repo_is_valid(tmp_path):
    root = copy_minimal_repo(tmp_path / "repo")
    result = run_script("validate.py", "--rot", str(root))
    assert result.returncode == 0, result.stdout
    assert result.stdout == ("Alt i orden: 1 møte, 3 personer, 1 organisasjon, 2 grupper, 1 satsingsområde, 1 klynge og 1 arrangement.\n")


def test_unquoted_times_validate_and_read_as_typed(tmp_path):
    """`start: 13:00` without quotes, as a web form or a person writes it, in minutes and in data/arrangementer.yaml."""
    from archive.model.repository import load_repository

    root = copy_minimal_repo(tmp_path / "repo")
    meeting = root / "docs/moter/testgruppen/2025-01-10.md"
    meeting.write_text(meeting.read_text(encoding="utf-8").replace('start: "13:00"', "start: 9:30").replace('slutt: "15:00"', "slutt: 15:00"), encoding="utf-8")
    events = root / "data/arrangementer.yaml"
    events.write_text(events.read_text(encoding="utf-8") + "  start: 09:00\n  slutt: 16:00\n", encoding="utf-8")
    assert "start: 9:30\nslutt: 15:00\n" in meeting.read_text(encoding="utf-8")
    result = run_script("validate.py", "--rot", str(root))
    assert result.returncode == 0, result.stdout
    repo, problems = load_repository(root)
    assert problems == []
    (read,) = repo.meetings
    assert (read.start, read.end) == ("09:30", "15:00")
    (event,) = repo.events.values()
    assert (event.start, event.end) == ("09:00", "16:00")


def test_an_unquoted_time_that_is_no_time_is_reported_in_the_time_field(tmp_path):
    root = copy_minimal_repo(tmp_path / "repo")
    meeting = root / "docs/moter/testgruppen/2025-01-10.md"
    meeting.write_text(meeting.read_text(encoding="utf-8").replace('start: "13:00"', "start: 25:00"), encoding="utf-8")
    result = run_script("validate.py", "--rot", str(root))
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == "docs/moter/testgruppen/2025-01-10.md:4: «start» skal være et klokkeslett, som 13:00, men er «25:00»."


def test_a_new_person_gets_a_record_from_the_two_lines_the_message_gives(tmp_path):
    """How a new attendee gets a record without rewriting data/personer.yaml: the
    validator names the two lines to add at the end of it (the guide says how on
    GitHub), and with them the minutes validate; the file keeps every byte it had."""
    root = copy_minimal_repo(tmp_path / "repo")
    meeting = root / "docs/moter/testgruppen/2025-01-10.md"
    meeting.write_text(meeting.read_text(encoding="utf-8").replace("  - Per Hansen\n", "  - Per Hansen\n  - Zacharias Ødegård-Ås\n"), encoding="utf-8")
    result = run_script("validate.py", "--rot", str(root))
    assert result.returncode == 1
    message = result.stdout.splitlines()[0]
    assert message == (
        "docs/moter/testgruppen/2025-01-10.md:11: ukjent person «Zacharias Ødegård-Ås»; mente du «Kari Nordmann» (kari-nordmann)? "
        "Er det en ny person, legg til disse to linjene nederst i data/personer.yaml: «- id: zacharias-odegard-as» og «  navn: Zacharias Ødegård-Ås»."
    )
    people = root / "data/personer.yaml"
    before = people.read_bytes()
    assert before.startswith(b"# ")  # a comment the form and the secretary must keep
    first, second = re.findall(r"«([^«»]*)»", message)[-2:]
    people.write_bytes(before + f"\n{first}\n{second}\n".encode())
    result = run_script("validate.py", "--rot", str(root))
    assert result.returncode == 0, result.stdout
    assert people.read_bytes().startswith(before)


def test_a_new_persons_id_is_free_and_in_the_archives_spelling():
    from archive.model.names import new_id, new_person_lines

    assert new_id("Åse Ødegård-Ås", set()) == "ase-odegard-as"
    assert new_id("Émile Brontë", set()) == "emile-bronte"
    assert new_id("Ola Nordmann", {"ola-nordmann", "ola-nordmann-2"}) == "ola-nordmann-3"
    assert new_person_lines("Kari: Nordmann", set()) == ("- id: kari-nordmann", '  navn: "Kari: Nordmann"')
    assert new_person_lines("Yes", set()) == ("- id: yes", '  navn: "Yes"')


def test_a_slip_of_the_pen_gets_the_suggestion_and_no_new_person(tmp_path):
    root = copy_minimal_repo(tmp_path / "repo")
    meeting = root / "docs/moter/testgruppen/2025-01-10.md"
    meeting.write_text(meeting.read_text(encoding="utf-8").replace("  - Per Hansen\n", "  - Per Hanssen\n"), encoding="utf-8")
    result = run_script("validate.py", "--rot", str(root))
    assert result.stdout.splitlines()[0] == "docs/moter/testgruppen/2025-01-10.md:10: ukjent person «Per Hanssen»; mente du «Per Hansen» (per-hansen)?"


def test_bom_and_windows_line_endings_are_accepted_as_mkdocs_does(tmp_path):
    root = copy_minimal_repo(tmp_path / "repo")
    meeting = root / "docs/moter/testgruppen/2025-01-10.md"
    text = meeting.read_text(encoding="utf-8")
    raw = b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8")
    meeting.write_bytes(raw)
    result = run_script("validate.py", "--rot", str(root))
    assert result.returncode == 0, result.stdout
    assert meeting.read_bytes() == raw


def test_too_large_attachment(tmp_path):
    root = _repo_with_case(tmp_path, "missing-attachment")
    attachment = root / "docs/moter/testgruppen/vedlegg/presentasjon.pdf"
    attachment.parent.mkdir(parents=True)
    with attachment.open("wb") as handle:  # sparse: 21 MB on paper, nothing on disk
        handle.truncate(21_000_000)
    result = run_script("validate.py", "--rot", str(root))
    assert result.returncode == 1
    assert result.stdout.splitlines()[:-1] == [
        "docs/moter/testgruppen/vedlegg/presentasjon.pdf: filen er 21 MB; største tillatte er 20 MB. Komprimer PDF-en eller del den opp."
    ]


def test_all_problems_in_one_run(tmp_path):
    root = _repo_with_case(tmp_path, "unknown-person")
    (root / "data/klynger.yaml").write_text("- id: testklyngen\n  navn: Testklyngen\n  nivå: Arena Plus\n", encoding="utf-8")
    result = run_script("validate.py", "--rot", str(root))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0] == "data/klynger.yaml:3: «Arena Plus» er ikke tillatt i «nivå». Mente du «Arena»? Tillatt: Arena, Arena Pro, Global."
    assert lines[1].startswith("docs/moter/testgruppen/2025-02-14.md:5: ukjent person «ola-nordman»")
    assert lines[-1] == "Fant 2 feil i 2 filer."


def test_data_text_is_shown_as_text_not_refused(tmp_path):
    root = copy_minimal_repo(tmp_path / "repo")
    (root / "data/klynger.yaml").write_text("- id: testklyngen\n  navn: '<script>x</script> {: onclick=x}'\n", encoding="utf-8")
    result = run_script("validate.py", "--rot", str(root))
    assert result.returncode == 0, result.stdout


def test_github_annotations(tmp_path):
    root = _repo_with_case(tmp_path, "unknown-person")
    result = run_script("validate.py", "--rot", str(root), env={"GITHUB_ACTIONS": "true"})
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith("docs/moter/testgruppen/2025-02-14.md:5: ukjent person")
    assert lines[1].startswith("::error file=docs/moter/testgruppen/2025-02-14.md,line=5::ukjent person «ola-nordman»")


def test_no_annotations_outside_github(tmp_path):
    root = _repo_with_case(tmp_path, "unknown-person")
    result = run_script("validate.py", "--rot", str(root))
    assert "::error" not in result.stdout


def test_named_files_only(tmp_path):
    root = _repo_with_case(tmp_path, "unknown-person")
    good = root / "docs/moter/testgruppen/2025-01-10.md"
    bad = root / "docs/moter/testgruppen/2025-02-14.md"
    result = run_script("validate.py", "--rot", str(root), str(good))
    assert (result.returncode, result.stdout) == (0, "Alt i orden i 1 fil.\n")
    result = run_script("validate.py", "--rot", str(root), "docs/moter/testgruppen/2025-02-14.md", cwd=root)
    assert result.returncode == 1
    assert result.stdout.splitlines()[0].startswith("docs/moter/testgruppen/2025-02-14.md:5: ukjent person")
    result = run_script("validate.py", "--rot", str(root), str(good), str(bad))
    assert result.returncode == 1


def test_named_file_that_does_not_exist(tmp_path):
    root = copy_minimal_repo(tmp_path / "repo")
    result = run_script("validate.py", "--rot", str(root), "docs/moter/testgruppen/finnes-ikke.md")
    assert result.returncode == 1
    assert result.stderr == "docs/moter/testgruppen/finnes-ikke.md: filen finnes ikke.\n"


def test_missing_root(tmp_path):
    result = run_script("validate.py", "--rot", str(tmp_path / "ingen"))
    assert result.returncode == 1
    assert result.stderr == f"{tmp_path / 'ingen'}: mappen finnes ikke.\n"


def test_an_unexpected_error_is_one_norwegian_line_without_traceback():
    # Every script runs under the same guard (scripts/_common.run).
    code = "import sys; sys.path.insert(0, 'scripts'); from _common import run; run(lambda: 1 / 0, 'validate.py')"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("validate.py: uventet feil (ZeroDivisionError: division by zero).")


def test_a_closed_pipe_ends_quietly(tmp_path):
    result = subprocess.run(f"{sys.executable} scripts/validate.py --rot {tmp_path / 'repo'} | head -c 1", shell=True, cwd=ROOT, capture_output=True, text=True)
    copy_minimal_repo(tmp_path / "repo2")
    many = subprocess.run(
        f"{sys.executable} scripts/validate.py --rot {copy_minimal_repo(tmp_path / 'repo3')} | head -c 0",
        shell=True,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert "Traceback" not in result.stderr + many.stderr
    assert "BrokenPipeError" not in result.stderr + many.stderr


def test_unknown_option_is_explained_in_norwegian():
    result = run_script("validate.py", "--finnes-ikke")
    assert result.returncode == 1
    assert "validate.py: feil: ukjente argumenter: --finnes-ikke" in result.stderr
    assert result.stderr.startswith("bruk: validate.py")


def test_help_is_norwegian():
    result = run_script("validate.py", "--help")
    assert result.returncode == 0
    assert "Sjekker alle referater, sider og datafiler" in result.stdout
    assert "vis denne hjelpeteksten" in result.stdout


def test_the_real_repository_is_valid():
    before = snapshot(ROOT / "docs") | snapshot(ROOT / "data")
    result = run_script("validate.py")
    assert result.returncode == 0, result.stdout + result.stderr
    match = re.match(r"Alt i orden: (\d+) møter?, (\d+) person(?:er)?, ", result.stdout)
    assert match, result.stdout
    meetings, people = int(match.group(1)), int(match.group(2))
    assert meetings > 0 and people > 0
    # Meetings live one folder down, docs/moter/<group>/; pages such as docs/moter/index.md do not count.
    real_meetings = [p for p in (ROOT / "docs/moter").glob("*/**/*.md") if p.name != "index.md"]
    assert meetings == len(real_meetings)
    assert snapshot(ROOT / "docs") | snapshot(ROOT / "data") == before
