"""The body of minutes as a secretary writes it: agenda headings, decisions, follow-ups, links."""

from __future__ import annotations

import re

import pytest

from archive import model
from archive.model.minutes import Context, anchor_of, number_key, parse_heading, read_body


@pytest.fixture()
def read(mini_repo):
    def read(body: str, first_line: int = 10):
        ctx = Context("testgruppen/2025-09-01", "testgruppen", mini_repo.names, mini_repo.groups, mini_repo.areas_of_group)
        problems: list[tuple[int, str]] = []
        result = read_body(body, first_line, ctx, lambda line, message: problems.append((line, message)))
        return result, problems

    return read


@pytest.mark.parametrize(
    "heading, number, title, restored, anchor",
    [
        ("3. Næringsklynger – status", "3", "Næringsklynger – status", False, "sak-3"),
        ("3 Næringsklynger", "3", "Næringsklynger", False, "sak-3"),
        ("Sak 38/25 Godkjenning av innkalling", "Sak 38/25", "Godkjenning av innkalling", False, "sak-38-25"),
        ("sak 38 / 25: Budsjett", "Sak 38/25", "Budsjett", False, "sak-38-25"),
        ("19/13 Budsjett 2013", "19/13", "Budsjett 2013", False, "sak-19-13"),
        ("07 – 2022 Årsmelding", "07 – 2022", "Årsmelding", False, "sak-07-2022"),
        ("07-2022 Årsmelding", "07 – 2022", "Årsmelding", False, "sak-07-2022"),
        ("[4] Fremlegg og diskusjon", "4", "Fremlegg og diskusjon", True, "sak-4"),
        ("Eventuelt", "", "Eventuelt", False, "sak-eventuelt"),
    ],
)
def test_agenda_headings_in_the_forms_norwegian_minutes_use(heading, number, title, restored, anchor):
    found_number, found_title, found_restored = parse_heading(heading)
    assert (found_number, found_title, found_restored) == (number, title, restored)
    assert anchor_of(found_number, found_title) == anchor


def test_the_same_number_written_two_ways_is_one_number(read):
    assert number_key("1") == number_key("1.") == number_key(" 1 ")
    assert number_key("Sak 2/25") == number_key("2/25") == number_key("sak 2 / 25")
    result, problems = read("## 1 Innkalling\n\nTekst.\n\n## 1. Referat\n", first_line=10)
    assert problems == [(14, "saksnummer «1» er brukt før (linje 10); hver sak trenger sitt eget nummer.")]
    assert [item.anchor for item in result.items] == ["sak-1", "sak-1-2"]  # anchors stay unique even so


def test_a_heading_without_a_space_is_reported_and_still_read(read):
    result, problems = read("##2. Budsjett\n")
    assert [item.title for item in result.items] == ["Budsjett"]
    assert problems == [(10, "sett et mellomrom etter «##»: «## 2. Budsjett». Uten det viser GitHub linjen som vanlig tekst.")]


def test_a_level_one_heading_is_reported_and_kept_as_text(read):
    result, problems = read("# Referat fra møtet\n\n## 1. Sak\n")
    assert problems[0][0] == 10 and "bare én «#»" in problems[0][1]
    assert isinstance(result.preamble[0], model.Prose) and "Referat fra møtet" in result.preamble[0].text


def test_decisions_where_they_were_made(read):
    body = (
        "## 1. Innkalling\n\nVedtak: Godkjent.\n\n"
        "## 2. Budsjett\n\nDrøftet.\n\n**Vedtak:** Budsjettet ble vedtatt\nmed én endring.\n\n"
        "## 3. Planer\n\nVedtak:\n\n- Plan A ble valgt.\n- Plan B utgår.\n"
    )
    result, problems = read(body)
    assert problems == []
    assert [[d.text for d in item.decisions] for item in result.items] == [
        ["Godkjent."],
        ["Budsjettet ble vedtatt med én endring."],
        ["Plan A ble valgt.", "Plan B utgår."],
    ]
    assert [d.line for d in result.items[2].decisions] == [25, 26]
    assert [type(b).__name__ for b in result.items[1].blocks] == ["Prose", "DecisionBlock"]


def test_an_empty_decision_and_one_before_the_agenda_are_reported(read):
    result, problems = read("Vedtak: Noe.\n\n## 1. Sak\n\nVedtak:\n")
    assert problems == [
        (10, "«Vedtak:» står før første sak. Skriv vedtaket under saken det gjelder («## 1. …»)."),
        (14, "«Vedtak:» står uten tekst. Skriv vedtaket etter kolonet, eller som en liste under."),
    ]
    assert "Vedtak: Noe." in result.preamble[0].text  # nothing written is lost


def test_follow_ups_as_task_lists(read):
    body = (
        "## 2. Grønn omstilling\n\n"
        "- [ ] Kartlegge prosjekter. Ansvar: Ola Hansen. Frist: 1. mai 2025.\n"
        "- [x] Sende ut listen. Ansvar: Kari Nordmann og Ola Hansen. Frist: 2025-04-01.\n"
        "- [ ] Skrive rapport (ansvar: Arbeidsgruppe A, frist: 01.06.2025)\n"
        "- [ ] Gammel idé. Ansvar: Ola Hansen. Status: utgår.\n"
    )
    result, problems = read(body)
    assert problems == []
    actions = result.items[0].actions
    assert [(a.task, a.owner, a.status) for a in actions] == [
        ("Kartlegge prosjekter.", ["ola-hansen"], "åpen"),
        ("Sende ut listen.", ["kari-nordmann", "ola-hansen"], "ferdig"),
        ("Skrive rapport", ["arbeidsgruppe-a"], "åpen"),
        ("Gammel idé.", ["ola-hansen"], "utgår"),
    ]
    assert [a.due.isoformat() if a.due else None for a in actions] == ["2025-05-01", "2025-04-01", "2025-06-01", None]
    assert [a.key for a in actions] == [f"testgruppen/2025-09-01#sak-2-{n}" for n in (1, 2, 3, 4)]
    assert [a.line for a in actions] == [12, 13, 14, 15]


def test_follow_ups_never_share_a_key(read):
    result, _ = read("## 1 A\n\n- [ ] En. Ansvar: Ola Hansen.\n\n## 1. B\n\n- [ ] En. Ansvar: Ola Hansen.\n\n## Eventuelt\n\n- [ ] En. Ansvar: Ola Hansen.\n")
    keys = [a.key for item in result.items for a in item.actions]
    assert len(set(keys)) == len(keys) == 3


def test_a_follow_up_without_owner_or_with_an_unknown_one_is_reported_with_suggestions(read):
    result, problems = read("## 1. Sak\n\n- [ ] Gjøre noe.\n- [ ] Gjøre mer. Ansvar: Ola Hanssen.\n- [ ] Frist uten dato. Ansvar: Ola Hansen. Frist: snart.\n")
    assert problems == [
        (12, "oppfølgingspunktet mangler «Ansvar:». Skriv hvem som skal gjøre det, for eksempel «Ansvar: Kari Nordmann.»"),
        (13, "ukjent person eller gruppe «Ola Hanssen»; mente du «Ola Hansen» (ola-hansen)?"),
        (14, "fristen «snart» er ikke en dato. Skriv den som 1. mars 2026 eller 2026-03-01."),
    ]
    assert len(result.items[0].actions) == 3  # the text is kept even when something is wrong


def test_labelled_lines_link_the_item(read):
    body = "## 1. Klynger\n\nKlynger: Testklyngen\nSatsingsområde: Grønn omstilling\n\nTekst.\n"
    result, problems = read(body)
    item = result.items[0]
    assert problems == []
    assert item.clusters == ["testklyngen"] and item.focus_areas == ["gronn-omstilling"]
    assert [b.kind for b in item.blocks if isinstance(b, model.LinkLine)] == ["cluster", "focus_area"]


def test_an_unknown_name_in_a_link_line_gets_suggestions(read):
    _, problems = read("## 1. Klynger\n\nKlynger: Testklyngn\n")
    assert problems == [(12, "ukjent klynge «Testklyngn»; mente du «Testklyngen» (testklyngen)?")]


def test_ordinary_sentences_that_start_like_labels_stay_text(read):
    result, problems = read("## 1. Sak\n\nGrupper: vi delte oss i tre grupper.\nGjelder: alle kommunene i regionen.\n")
    assert problems == []
    assert result.items[0].groups == [] and result.items[0].refers_to_meeting is None
    assert "vi delte oss" in result.items[0].blocks[0].text


def test_a_working_groups_part_of_an_item_owns_its_follow_ups(read):
    body = (
        "## 4. Satsingsområder\n\nInnledning.\n\n- [ ] Felles oppgave. Ansvar: Kari Nordmann.\n\n"
        "### Gruppe 1 – Grønn omstilling\n\nDiskutert.\n\n- [ ] Gruppens oppgave. Ansvar: Ola Hansen.\n\nVedtak: Gruppen fortsetter.\n"
    )
    result, problems = read(body)
    item = result.items[0]
    assert problems == []
    assert item.groups == ["arbeidsgruppe-a"] and item.focus_areas == ["gronn-omstilling"]
    common, own = item.actions
    assert (common.group, common.focus_areas) == (None, [])  # not every area the item touches
    assert (own.group, own.focus_areas) == ("arbeidsgruppe-a", ["gronn-omstilling"])
    assert item.decisions[0].focus_areas == ["gronn-omstilling"]


def test_code_is_shown_as_written_and_means_nothing(read):
    result, problems = read("## 1. Sak\n\n```\n## 2. Ikke en sak\nVedtak: ikke et vedtak\n- [ ] ikke et punkt\n```\n")
    assert problems == []
    assert len(result.items) == 1 and result.items[0].decisions == [] and result.items[0].actions == []
    assert "## 2. Ikke en sak" in result.items[0].blocks[0].text


@pytest.mark.parametrize(
    "code",
    [
        "```make build``` bygger nettstedet.",  # code in a sentence: backticks after the opening are no fence
        "- Slik bygges det:\n\n  ```\n  make build",  # a fence in a list item ends with the item
        "````\nkode\n```\n````",  # four backticks close only with four or more
    ],
)
def test_only_what_github_reads_as_a_fence_is_code(read, code):
    """The reader finds code fences as GitHub and the site's renderer do. It took
    the first two for fences that ran to the end of the minutes: item 2, its
    decision and its follow-up were left out of the registers without a word."""
    body = f"## 1. Sak\n\n{code}\n\n## 2. Budsjett\n\nVedtak: Budsjettet er vedtatt.\n\n- [ ] Sende budsjettet. Ansvar: Kari Nordmann.\n"
    result, problems = read(body)
    assert problems == []
    assert [item.number for item in result.items] == ["1", "2"]
    assert len(result.items[1].decisions) == 1 and len(result.items[1].actions) == 1


def test_a_line_that_would_turn_text_into_a_heading_is_reported(read):
    _, problems = read("## 1. Sak\n\nTekst\n---\n")
    assert problems == [
        (
            13,
            "en linje med bare «---» eller «===» rett under tekst gjør teksten over til en overskrift. Sett inn en tom linje over streken, eller skriv saken som «## 3. Tittel».",
        )
    ]


def test_an_approval_in_the_title_refers_to_the_earlier_meeting(read):
    result, _ = read("## 2. Godkjenning av referat fra møtet 12. mars 2025\n\nVedtak: Godkjent.\n")
    (ref,) = result.meeting_refs
    assert (ref.kind, ref.date.isoformat(), ref.required) == ("refers", "2025-03-12", False)


def test_from_names_the_earlier_follow_up_in_words(read):
    result, problems = read(
        "## 1. Oppfølging\n\n- [x] Kartlegge. Ansvar: Ola Hansen. Fra: 2025-03-12, sak 2/25.\n- [ ] Mer. Ansvar: Ola Hansen. Fra: møtet 12. mars 2025, sak 2/25, punkt 1.\n"
    )
    assert problems == []
    first, second = result.meeting_refs
    assert (first.stem, first.item, first.point) == ("2025-03-12", "2/25", None)
    assert (second.date.isoformat(), second.item, second.point) == ("2025-03-12", "2/25", 1)


def test_from_without_an_item_is_explained(read):
    _, problems = read("## 1. Oppfølging\n\n- [x] Kartlegge. Ansvar: Ola Hansen. Fra: 2025-03-12.\n")
    assert problems == [(12, "«Fra: 2025-03-12» mangler saken. Skriv for eksempel «Fra: 2026-01-15, sak 3».")]


def test_every_word_of_the_body_is_kept_in_some_block(read):
    body = (
        "Innledning med **fet** tekst.\n\n## 1. Sak\n\nKlynger: Testklyngen\n\nTekst: med kolon.\n\n"
        "Vedtak: Ja.\n\n- punkt\n- [ ] Oppgave. Ansvar: Ola Hansen.\n\n### Underdel\n\nSiste ord.\n"
    )
    result, _ = read(body)
    kept = []
    for block in [*result.preamble, *(b for item in result.items for b in item.blocks)]:
        if isinstance(block, model.Prose):
            kept.append(block.text)
        elif isinstance(block, model.DecisionBlock):
            kept += [d.text for d in block.decisions]
        elif isinstance(block, model.FollowUpList):
            kept += [a.task for a in block.actions]
        elif isinstance(block, model.Subsection):
            kept.append(block.title)
    kept += [item.title for item in result.items]
    words = set(re.findall(r"\w+", " ".join(kept)))
    for word in ("Innledning", "fet", "kolon", "Ja", "punkt", "Oppgave", "Underdel", "Siste", "Sak"):
        assert word in words


def test_an_unnumbered_item_between_numbered_ones_is_reported(read):
    body = "## 1. Innkalling\n\n## Handlingsplan for 2027\n\nTekst.\n\n## 2. Budsjett\n\n## 3. Neste møte\n"
    result, problems = read(body)
    assert [item.number for item in result.items] == ["1", "", "2", "3"]  # still read, nothing lost
    assert problems == [
        (
            12,
            "saken «## Handlingsplan for 2027» har ikke nummer, men står mellom sak 1 og sak 2. "
            "Er den en egen sak, gi den et nummer («## 2. Handlingsplan for 2027» og rett numrene etter den); "
            "hører den til sak 1, skriv den som «### Handlingsplan for 2027».",
        )
    ]


def test_an_unnumbered_item_in_a_gap_of_the_numbers_or_among_case_numbers(read):
    _, problems = read("## 3. Klynger\n\n## Handlingsplan\n\n## 5. Eventuelt\n")
    assert problems == [
        (
            12,
            "saken «## Handlingsplan» har ikke nummer, men står mellom sak 3 og sak 5. "
            "Er den en egen sak, gi den et nummer («## 4. Handlingsplan»); hører den til sak 3, skriv den som «### Handlingsplan».",
        )
    ]
    _, problems = read("## Sak 38/25 Innkalling\n\n## Handlingsplan\n\n## Sak 39/25 Budsjett\n")
    assert problems == [
        (
            12,
            "saken «## Handlingsplan» har ikke nummer, men står mellom sak 38/25 og sak 39/25. "
            "Er den en egen sak, gi den et saksnummer slik de andre sakene har («## Sak 38/25 …»); hører den til sak 38/25, skriv den som «### Handlingsplan».",
        )
    ]


@pytest.mark.parametrize(
    "body",
    [
        "## 1. Innkalling\n\n## 2. Budsjett\n\n## Eventuelt\n",  # unnumbered at the end, as minutes write it
        "## Innledning\n\n## 1. Innkalling\n\n## 2. Budsjett\n",  # before the first numbered item
        "## Innkalling\n\n## Budsjett\n\n## Eventuelt\n",  # no numbers at all
        "## 1. Innkalling\n\n### Handlingsplan\n\n## 2. Budsjett\n",  # a part of item 1
        "## 1. Innkalling\n\n## [2] Handlingsplan\n\n## 3. Budsjett\n",  # a restored number is a number
        "## 1. Innkalling\n\n```\n## Ikke en sak\n```\n\n## 2. Budsjett\n",  # code, not a heading
    ],
)
def test_unnumbered_items_where_minutes_have_them_are_fine(read, body):
    _, problems = read(body)
    assert problems == []


def test_the_former_templates_help_text_is_refused_where_it_stands(read):
    body = "## 1. Innkalling\n\nSkriv referatet fra saken her.\n\n## 2. Budsjett\n\nVi skal skrive referatet fra saken her i morgen.\n"
    _, problems = read(body)
    assert problems == [
        (12, "«Skriv referatet fra saken her.» er hjelpetekst fra malen og ville blitt vist på nettstedet. Skriv hva som ble sagt i saken, eller slett linjen.")
    ]
