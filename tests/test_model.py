"""The model's checks, fed from strings and from the tiny fixture archive."""

from __future__ import annotations

import datetime as dt

from archive.repository import load_repository, meeting_from_text, unknown_reference_message

from mini import FIXED_TODAY


def meeting(text: str):
    problems: list[tuple[int, str]] = []
    result, references = meeting_from_text(text, "m.md", "g/m", "moter/g/m.md", lambda line, msg: problems.append((line, msg)))
    return result, references, problems


MINIMAL = "---\ngruppe: g\ndato: 2025-03-12\nstatus: utkast\n{extra}---\n{body}"


def test_minimal_meeting_builds():
    result, references, problems = meeting(MINIMAL.format(extra="", body="Tekst\n"))
    assert problems == []
    assert result.date == dt.date(2025, 3, 12) and result.group == "g" and result.body == "Tekst\n"
    assert [(r.kind, r.target, r.line) for r in references] == [("group", "g", 2)]


def test_missing_front_matter():
    _, _, problems = meeting("Bare tekst\n")
    assert problems == [(1, "referatet mangler topptekst (front matter) mellom to linjer med «---». Se malen i veiledningen.")]


def test_missing_required_fields_and_unknown_keys_with_suggestion():
    _, _, problems = meeting("---\ngrupe: g\ndato: 2025-03-12\n---\n")
    messages = [m for _, m in problems]
    assert "ukjent felt «grupe» i møte. Mente du «gruppe»?" in messages[0]
    assert "møte mangler det påkrevde feltet «gruppe» (Gruppen som holdt møtet.)" in messages
    assert "møte mangler det påkrevde feltet «status» (planlagt, utkast (avholdt, referatet ikke godkjent) eller godkjent.)" in messages


def test_unknown_date_needs_both_bounds_and_in_order():
    _, _, problems = meeting("---\ngruppe: g\nstatus: utkast\n---\n")
    assert problems == [(1, "møtet mangler «dato». Er datoen ukjent, fyll ut både «dato_etter» og «dato_før».")]
    _, _, problems = meeting("---\ngruppe: g\nstatus: utkast\ndato_etter: 2025-04-08\ndato_før: 2025-01-16\n---\n")
    assert problems == [(4, "«dato_etter» må være før «dato_før».")]
    _, _, problems = meeting("---\ngruppe: g\nstatus: utkast\ndato: 2025-02-01\ndato_før: 2025-04-08\n---\n")
    assert problems == [(4, "skriv enten «dato» eller «dato_etter» og «dato_før», ikke begge.")]


def test_norwegian_date_format_gets_a_corrected_suggestion():
    _, _, problems = meeting(MINIMAL.format(extra="", body="").replace("dato: 2025-03-12", "dato: 12.03.2025"))
    assert problems == [(3, "skriv datoen som ÅÅÅÅ-MM-DD: 2025-03-12, ikke «12.03.2025».")]


def test_times_must_be_in_order():
    _, _, problems = meeting(MINIMAL.format(extra='start: "15:00"\nslutt: "13:00"\n', body=""))
    assert problems == [(6, "sluttid 13:00 er ikke etter starttid 15:00.")]


def test_wrong_choice_gets_a_suggestion():
    _, _, problems = meeting(MINIMAL.format(extra="", body="").replace("status: utkast", "status: godkjendt"))
    assert problems == [(4, "«godkjendt» er ikke tillatt i «status». Mente du «godkjent»? Tillatt: planlagt, utkast, godkjent.")]


def test_agenda_numbers_are_unique_and_headings_match_them():
    extra = 'saker:\n  - nr: "1"\n    tittel: A\n  - nr: "1"\n    tittel: B\n'
    _, _, problems = meeting(MINIMAL.format(extra=extra, body="## 1. A\n\n## 2. B\n\n## Fritt emne\n"))
    assert (8, "saksnummer «1» er brukt før (linje 6).") in problems
    assert (13, "overskriften «## 2. B» passer ikke med noen sak under «saker» i toppteksten. Rett nummeret, eller legg saken til.") in problems
    assert len(problems) == 2  # a heading without a number is free text, not an error


def test_person_in_two_roles():
    extra = "møteleder: a\ntilstede: [a]\nforfall: [b]\ntilstede_digitalt: [b]\n"
    _, _, problems = meeting(MINIMAL.format(extra=extra, body=""))
    assert (6, "«a» står både under «møteleder» og «tilstede».") in problems
    assert (7, "«b» står både under «tilstede_digitalt» og «forfall».") in problems


def test_unsafe_html_in_minutes_is_reported_on_its_line():
    body = "Tekst\n<script>alert(1)</script>\n[lenke](javascript:alert(1))\n<img src=x onerror=alert(1)>\n<iframe src=x>\n<b>fet</b> er greit\n"
    _, _, problems = meeting(MINIMAL.format(extra="", body=body))
    lines = sorted({line for line, _ in problems})
    assert lines == [7, 8, 9, 10]
    assert all("kan kjøre kode i leserens nettleser" in m for _, m in problems)


def test_unknown_reference_suggests_by_id_and_by_name():
    known = {"asbjorn-lunde": "Asbjørn Lunde", "asbjorn-flo": "Asbjørn Flo", "dag-aanensen": "Dag Aanensen"}
    assert unknown_reference_message("person", "asbjorn-lund", known).startswith("ukjent person «asbjorn-lund»; mente du «asbjorn-lunde» (Asbjørn Lunde)")
    assert unknown_reference_message("person", "Dag Aanensen", known) == "ukjent person «Dag Aanensen»; mente du «dag-aanensen» (Dag Aanensen)?"
    assert unknown_reference_message("person", "zzz", known) == "ukjent person «zzz». Legg til oppføringen i data/personer.yaml først."


def test_cross_file_checks_on_the_fixture(mini_copy):
    meetings = mini_copy / "docs/moter/testgruppen"
    (meetings / "2025-03-12-kopi.md").write_text(
        (meetings / "2025-03-12.md").read_text(encoding="utf-8").replace("kari-nordmann", "kari-normann"), encoding="utf-8"
    )
    (meetings / "2030-01-01.md").write_text("---\ngruppe: testgruppen\ndato: 2030-01-01\nstatus: godkjent\n---\n", encoding="utf-8")
    _, problems = load_repository(mini_copy, today=FIXED_TODAY)
    messages = [str(p) for p in problems]
    assert "docs/moter/testgruppen/2025-03-12-kopi.md:3: gruppen har allerede et møte denne datoen: docs/moter/testgruppen/2025-03-12.md." in messages
    assert any(m.startswith("docs/moter/testgruppen/2025-03-12-kopi.md:8: ukjent person «kari-normann»; mente du «kari-nordmann» (Kari Nordmann)") for m in messages)
    assert "docs/moter/testgruppen/2030-01-01.md:3: møtet har status «godkjent» (avholdt), men datoen 2030-01-01 er fram i tid. Bruk status «planlagt» eller rett datoen." in messages


def test_carried_action_must_exist_and_closes_the_original(mini_copy, mini_repo):
    from archive.views import open_actions

    assert open_actions(mini_repo) == []  # kartlegging was closed on 20 May
    later = mini_copy / "docs/moter/testgruppen/2025-05-20.md"
    later.write_text(later.read_text(encoding="utf-8").replace("#kartlegging", "#kartleging"), encoding="utf-8")
    _, problems = load_repository(mini_copy, today=FIXED_TODAY)
    assert [str(p) for p in problems] == [
        "docs/moter/testgruppen/2025-05-20.md:14: ukjent oppfølgingspunkt «testgruppen/2025-03-12#kartleging»; mente du «testgruppen/2025-03-12#kartlegging» (Kartlegge prosjekter)?"
    ]


def test_meeting_in_the_wrong_folder(mini_copy):
    source = mini_copy / "docs/moter/testgruppen/2025-05-20.md"
    target = mini_copy / "docs/moter/arbeidsgruppe-a/2025-05-20.md"
    target.parent.mkdir()
    source.rename(target)
    _, problems = load_repository(mini_copy, today=FIXED_TODAY)
    assert "docs/moter/arbeidsgruppe-a/2025-05-20.md:2: referatet ligger i mappen «arbeidsgruppe-a», men «gruppe» er «testgruppen». Flytt filen til docs/moter/testgruppen/." in [str(p) for p in problems]


def test_missing_and_oversized_attachments(mini_copy, monkeypatch):
    import archive.repository as repository

    minutes = mini_copy / "docs/moter/testgruppen/2025-05-20.md"
    minutes.write_text(minutes.read_text(encoding="utf-8").replace("arrangementer:", "vedlegg:\n  - tittel: Stor\n    fil: vedlegg/stor.pdf\n  - tittel: Borte\n    fil: vedlegg/borte.pdf\narrangementer:"), encoding="utf-8")
    (minutes.parent / "vedlegg").mkdir()
    (minutes.parent / "vedlegg/stor.pdf").write_bytes(b"x" * 2048)
    monkeypatch.setattr(repository, "MAX_ATTACHMENT_BYTES", 1024)
    _, problems = load_repository(mini_copy, today=FIXED_TODAY)
    messages = [str(p) for p in problems]
    assert "docs/moter/testgruppen/2025-05-20.md:17: vedlegget «vedlegg/stor.pdf» er 0.0 MB; største tillatte er 0 MB. Komprimer PDF-en eller del den opp." in messages
    assert "docs/moter/testgruppen/2025-05-20.md:19: vedlegget «vedlegg/borte.pdf» finnes ikke. Last opp filen til docs/moter/testgruppen/vedlegg/borte.pdf." in messages


def test_focus_area_needs_its_page(mini_copy):
    (mini_copy / "docs/satsingsomrader").mkdir()
    _, problems = load_repository(mini_copy, today=FIXED_TODAY)
    assert [str(p) for p in problems] == [
        "data/satsingsomrader.yaml:1: satsingsområdet «gronn-omstilling» mangler sin side: lag docs/satsingsomrader/gronn-omstilling.md (kopier en av de andre sidene der og bytt id)."
    ]


def test_meetings_are_ordered_and_linked_within_their_group(mini_repo):
    first, second = mini_repo.meetings
    assert (first.id, second.id) == ("testgruppen/2025-03-12", "testgruppen/2025-05-20")
    assert mini_repo.previous_meeting(second) is first and mini_repo.next_meeting(first) is second
    assert mini_repo.previous_meeting(first) is None


def test_action_cannot_be_carried_from_a_later_meeting(mini_copy):
    earlier = mini_copy / "docs/moter/testgruppen/2025-03-12.md"
    earlier.write_text(
        earlier.read_text(encoding="utf-8").replace("        status: åpen\n", "        status: åpen\n        fra: testgruppen/2025-05-20#1\n"),
        encoding="utf-8",
    )
    _, problems = load_repository(mini_copy, today=FIXED_TODAY)
    assert "docs/moter/testgruppen/2025-03-12.md:27: «fra: testgruppen/2025-05-20#1» peker på et møte som ikke er tidligere enn dette; et punkt kan bare følges opp fra et tidligere møte." in [str(p) for p in problems]
