"""The whole archive: every file read or refused, and the checks across files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from mini import FIXED_TODAY

from archive.model.repository import load_repository

MEETINGS = Path("docs/moter/testgruppen")


def write(root: Path, relative: str, text: str) -> Path:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def problems_in(root: Path) -> list[str]:
    _, problems = load_repository(root, today=FIXED_TODAY)
    return [str(p) for p in problems]


MEETING = """---
gruppe: testgruppen
dato: {date}
status: utkast
møteleder: Kari Nordmann
---

{body}
"""


def meeting(date: str, body: str = "## 1. Sak\n\nTekst.") -> str:
    return MEETING.format(date=date, body=body)


def test_the_fixture_archive_is_valid_and_linked(mini_repo):
    first, second = mini_repo.meetings
    assert [m.id for m in mini_repo.meetings] == ["testgruppen/2025-03-12", "testgruppen/2025-05-20"]
    assert mini_repo.previous_meeting(second) is first and mini_repo.next_meeting(first) is second
    chain = mini_repo.chain_of[second.actions[0].key]
    assert [e.key for e in chain.entries] == ["testgruppen/2025-03-12#sak-2-25-1", "testgruppen/2025-05-20#sak-1-1"]
    assert chain.status == "ferdig"
    assert first.invited == ["kari-nordmann", "ola-hansen", "per-usikker"] and first.invited_as_written
    assert second.invited == ["kari-nordmann", "ola-hansen"] and not second.invited_as_written  # the group's members


def test_people_are_named_as_the_minutes_name_them(mini_copy):
    write(
        mini_copy,
        MEETINGS / "2025-04-01.md",
        "---\ngruppe: Testgruppen\ndato: 2025-04-01\nstatus: utkast\nmøteleder: kari  nordmann\ntilstede:\n  - Ola-Hansen\n  - per-usikker\n---\n",
    )
    repo, problems = load_repository(mini_copy, today=FIXED_TODAY)
    assert problems == []
    meeting = repo.meetings_by_id["testgruppen/2025-04-01"]
    assert (meeting.group, meeting.chair, meeting.present) == ("testgruppen", "kari-nordmann", ["ola-hansen", "per-usikker"])


def test_an_ambiguous_name_is_an_error_that_lists_the_choices(mini_copy):
    people = mini_copy / "data/personer.yaml"
    people.write_text(people.read_text(encoding="utf-8") + "- id: ola-hansen-2\n  navn: Ola Hansen\n", encoding="utf-8")
    write(mini_copy, MEETINGS / "2025-04-01.md", "---\ngruppe: testgruppen\ndato: 2025-04-01\nstatus: utkast\nmøteleder: Ola Hansen\n---\n")
    assert (
        "docs/moter/testgruppen/2025-04-01.md:5: «Ola Hansen» kan være flere: «ola-hansen» (Ola Hansen) eller «ola-hansen-2» (Ola Hansen). Skriv id-en for å velge."
        in problems_in(mini_copy)
    )


def test_one_wrong_date_gives_one_message(mini_copy):
    write(mini_copy, MEETINGS / "2025-04-01.md", "---\ngruppe: testgruppen\ndato: 2025-02-30\nstatus: utkast\n---\n")
    assert problems_in(mini_copy) == ["docs/moter/testgruppen/2025-04-01.md:3: «2025-02-30» er ikke en dato som finnes."]


def test_from_must_name_an_earlier_follow_up(mini_copy):
    write(
        mini_copy,
        MEETINGS / "2025-04-01.md",
        meeting(
            "2025-04-01",
            "## 1. Oppfølging\n\n- [x] Noe. Ansvar: Ola Hansen. Fra: 2025-05-20, sak 1.\n- [x] Noe annet. Ansvar: Ola Hansen. Fra: 2025-03-12, sak 7.\n- [x] Mer. Ansvar: Ola Hansen. Fra: 2025-03-13, sak 1.",
        ),
    )
    (mini_copy / MEETINGS / "2025-05-20.md").unlink()  # so that nothing else refers to it
    assert problems_in(mini_copy) == [
        "docs/moter/testgruppen/2025-04-01.md:10: «2025-05-20, sak 1»: finner ikke møtet «testgruppen/2025-05-20». Gruppens siste møter: 2025-03-12, 2025-04-01.",
        "docs/moter/testgruppen/2025-04-01.md:11: «Fra: 2025-03-12, sak 7»: møtet testgruppen/2025-03-12 har ingen sak 7. Saker med oppfølgingspunkter: Sak 2/25.",
        "docs/moter/testgruppen/2025-04-01.md:12: «2025-03-13, sak 1»: finner ikke møtet «testgruppen/2025-03-13». Gruppens siste møter: 2025-03-12, 2025-04-01.",
    ]


def test_a_later_meeting_cannot_be_what_a_follow_up_comes_from(mini_copy):
    write(mini_copy, MEETINGS / "2025-04-01.md", meeting("2025-04-01", "## 1. Oppfølging\n\n- [x] Noe. Ansvar: Ola Hansen. Fra: 2025-05-20, sak 1."))
    assert problems_in(mini_copy) == [
        "docs/moter/testgruppen/2025-04-01.md:10: «Fra: 2025-05-20, sak 1» peker på et møte som ikke er tidligere enn dette; et punkt kan bare følges opp fra et tidligere møte.",
    ]


def test_a_follow_up_copied_from_earlier_minutes_is_caught_with_the_fix(mini_copy):
    write(mini_copy, MEETINGS / "2025-05-30.md", meeting("2025-05-30", "## 1. Oppfølging\n\n- [ ] Kartlegge prosjekter. Ansvar: Ola Hansen."))
    assert problems_in(mini_copy) == [
        "docs/moter/testgruppen/2025-05-30.md:10: oppfølgingspunktet «Kartlegge prosjekter.» står også i referatet fra testgruppen/2025-03-12 (sak 2/25). "
        "Er det samme punkt, skriv «Fra: 2025-05-20, sak 1» på slutten av linjen; er det et nytt punkt, skriv oppgaven med andre ord."
    ]


def test_earlier_minutes_are_approved_once(mini_copy):
    for date in ("2025-05-25", "2025-05-30"):
        write(mini_copy, MEETINGS / f"{date}.md", meeting(date, "## 1. Godkjenning av referat fra møtet 20. mai 2025\n\nVedtak: Godkjent."))
    assert problems_in(mini_copy) == [
        "docs/moter/testgruppen/2025-05-30.md:8: referatet fra testgruppen/2025-05-20 er allerede godkjent i docs/moter/testgruppen/2025-05-25.md (sak 1). Et referat godkjennes bare én gang; slett saken eller rett hvilket møte den gjelder."
    ]


def test_a_meeting_cannot_refer_to_itself(mini_copy):
    write(mini_copy, MEETINGS / "2025-05-30.md", meeting("2025-05-30", "## 1. Sak\n\nGjelder: 2025-05-30\n"))
    assert problems_in(mini_copy) == ["docs/moter/testgruppen/2025-05-30.md:10: «2025-05-30» viser til dette møtet selv; det skal være et tidligere møte."]


def test_a_group_cannot_be_its_own_parent(mini_copy):
    groups = mini_copy / "data/grupper.yaml"
    groups.write_text(
        groups.read_text(encoding="utf-8").replace("  navn: Testgruppen\n", "  navn: Testgruppen\n  overordnet: arbeidsgruppe-a\n"), encoding="utf-8"
    )
    assert problems_in(mini_copy) == [
        "data/grupper.yaml:3: gruppen «testgruppen» ligger under seg selv («overordnet» går i ring). Rett «overordnet».",
        "data/grupper.yaml:10: gruppen «arbeidsgruppe-a» ligger under seg selv («overordnet» går i ring). Rett «overordnet».",
    ]


def test_public_names_only_contact_fields(mini_copy):
    people = mini_copy / "data/personer.yaml"
    people.write_text(people.read_text(encoding="utf-8").replace("offentlig: [epost]", "offentlig: [epost, adresse]"), encoding="utf-8")
    assert problems_in(mini_copy) == ["data/personer.yaml:7: «adresse» er ikke tillatt i «offentlig». Tillatt: epost, telefon."]


@pytest.mark.parametrize(
    "relative, message",
    [
        ("docs/moter/notat.md", "i docs/moter/ ligger bare mapper, én per gruppe. Et referat hører hjemme i docs/moter/<gruppe>/."),
        (
            "docs/moter/testgruppen/index.md",
            "filnavnet «index.md» passer ikke for et referat: bruk møtedatoen, som 2026-01-15.md (små bokstaver, tall og bindestrek, ingen mellomrom).",
        ),
        (
            "docs/moter/testgruppen/møte 1.md",
            "filnavnet «møte 1.md» passer ikke for et referat: bruk møtedatoen, som 2026-01-15.md (små bokstaver, tall og bindestrek, ingen mellomrom).",
        ),
        (
            "docs/moter/testgruppen/2025-09-01.markdown",
            "filen hører ikke hjemme her. I docs/moter/testgruppen/ ligger referatene (.md) og vedleggene i mappen vedlegg/ (.csv, .doc, .docx, .gif, .jpeg, .jpg, .odp, .ods, .odt, .pdf, .png, .ppt, .pptx, .txt, .webp, .xls, .xlsx).",
        ),
        (
            "docs/moter/testgruppen/sub/2025-09-01.md",
            "filen hører ikke hjemme her. I docs/moter/testgruppen/ ligger referatene (.md) og vedleggene i mappen vedlegg/ (.csv, .doc, .docx, .gif, .jpeg, .jpg, .odp, .ods, .odt, .pdf, .png, .ppt, .pptx, .txt, .webp, .xls, .xlsx).",
        ),
        (
            "docs/side.html",
            "filtypen «.html» publiseres ikke. Tillatt i docs/: sider (.md), bilder og dokumenter (.csv, .doc, .docx, .gif, .jpeg, .jpg, .odp, .ods, .odt, .pdf, .png, .ppt, .pptx, .txt, .webp, .xls, .xlsx).",
        ),
        (
            "docs/bilde.svg",
            "filtypen «.svg» publiseres ikke. Tillatt i docs/: sider (.md), bilder og dokumenter (.csv, .doc, .docx, .gif, .jpeg, .jpg, .odp, .ods, .odt, .pdf, .png, .ppt, .pptx, .txt, .webp, .xls, .xlsx).",
        ),
        ("docs/index.md", "denne siden lages automatisk av nettstedet og kan ikke skrives for hånd. Slett filen."),
        (
            "data/notater.txt",
            "ukjent fil i data/. Her hører bare arrangementer.yaml, grupper.yaml, klynger.yaml, organisasjoner.yaml, personer.yaml, satsingsomrader.yaml hjemme.",
        ),
    ],
)
def test_every_file_is_read_or_refused(mini_copy, relative, message):
    write(mini_copy, relative, "---\ngruppe: testgruppen\n---\n")
    assert f"{relative}: {message}" in problems_in(mini_copy)


@pytest.mark.parametrize("target", ["/etc/passwd", "../../outside"])
def test_a_symbolic_link_is_refused(mini_copy, tmp_path, target):
    (tmp_path / "outside").mkdir(exist_ok=True)
    (mini_copy / "docs/lenke.md").symlink_to(target if target.startswith("/") else tmp_path / "outside")
    assert "docs/lenke.md: symbolske lenker er ikke tillatt i docs/; legg inn selve filen. En lenke kunne publisert filer utenfor arkivet." in problems_in(
        mini_copy
    )


def test_a_symbolic_link_in_data_is_refused(mini_copy):
    data = mini_copy / "data/klynger.yaml"
    data.unlink()
    os.symlink("/etc/hostname", data)
    assert "data/klynger.yaml: symbolske lenker er ikke tillatt i data/; legg inn selve filen." in problems_in(mini_copy)


def test_attachments_must_exist_and_be_small(mini_copy, monkeypatch):
    write(
        mini_copy,
        MEETINGS / "2025-05-30.md",
        "---\ngruppe: testgruppen\ndato: 2025-05-30\nstatus: utkast\nvedlegg:\n  - tittel: Plan\n    fil: vedlegg/plan.pdf\n  - tittel: Stor\n    fil: vedlegg/stor.pdf\n---\n",
    )
    write(mini_copy, MEETINGS / "vedlegg/stor.pdf", "x" * 100)
    monkeypatch.setattr("archive.model.repository.MAX_ATTACHMENT_BYTES", 10)
    problems = problems_in(mini_copy)
    assert (
        "docs/moter/testgruppen/2025-05-30.md:7: vedlegget «vedlegg/plan.pdf» finnes ikke. Last opp filen til docs/moter/testgruppen/vedlegg/plan.pdf."
        in problems
    )
    assert "docs/moter/testgruppen/vedlegg/stor.pdf: filen er 100 byte; største tillatte er 10 byte. Komprimer PDF-en eller del den opp." in problems


def test_relative_links_must_point_at_something(mini_copy):
    write(
        mini_copy,
        MEETINGS / "2025-05-30.md",
        meeting("2025-05-30", "## 1. Sak\n\nSe [møtet](2025-03-12.md#sak-9), [planen](vedlegg/plan.pdf), [forsiden](/index.md) og [forrige](2025-05-20.md)."),
    )
    assert problems_in(mini_copy) == [
        "docs/moter/testgruppen/2025-05-30.md:10: lenken «/index.md» starter med «/». Skriv den relativt til denne filen, for eksempel «../2025-01-16.md»; da virker den også i forhåndsvisningen.",
        "docs/moter/testgruppen/2025-05-30.md:10: lenken «2025-03-12.md#sak-9»: møtet har ingen sak med ankeret «#sak-9». Ankrene er sak-1, sak-2-25.",
        "docs/moter/testgruppen/2025-05-30.md:10: lenken «vedlegg/plan.pdf» peker på en fil som ikke finnes (moter/testgruppen/vedlegg/plan.pdf). Legg filen i docs/moter/testgruppen/vedlegg/.",
    ]


def test_limits_on_size_and_agenda(mini_copy, monkeypatch):
    monkeypatch.setattr("archive.model.repository.MAX_MINUTES_BYTES", 2000)
    write(mini_copy, MEETINGS / "2025-05-30.md", meeting("2025-05-30", "Tekst. " * 400))
    assert problems_in(mini_copy) == ["docs/moter/testgruppen/2025-05-30.md: filen er større enn 2 kB, som er det største som er tillatt. Del den opp."]


def test_too_many_agenda_items_are_refused_in_linear_time(mini_copy):
    body = "\n\n".join(f"## {n}. Sak {n}\n\nTekst." for n in range(1, 400))
    write(mini_copy, MEETINGS / "2025-05-30.md", meeting("2025-05-30", body))
    assert problems_in(mini_copy) == ["docs/moter/testgruppen/2025-05-30.md:1208: referatet har mer enn 300 saker; del det opp i flere referater."]


@pytest.mark.parametrize("failure", [ValueError, OverflowError, RecursionError, UnicodeError])
def test_a_parser_failing_on_a_file_is_a_problem_for_that_file(mini_copy, monkeypatch, failure):
    """No text ends validation in a traceback: whatever a parser raises on one
    file becomes a Norwegian problem naming it, and the other files load."""
    import archive.model.repository as repository

    def failing_body(*args, **kwargs):
        raise failure("from the parser")

    monkeypatch.setattr(repository, "read_body", failing_body)
    repo, problems = load_repository(mini_copy, today=FIXED_TODAY)
    assert problems, "a failing parser went unreported"
    assert all(p.path.startswith("docs/moter/") and "filen kunne ikke leses" in p.message for p in problems)
    assert repo.people, "the data files still loaded"
