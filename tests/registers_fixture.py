"""A small archive for the register and export tests: the tiny fixture archive
(tests/fixtures/mini) plus three meetings that carry items forward, approve
minutes, leave the date open and plan ahead. Written into tmp_path."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

MINI = Path(__file__).resolve().parent / "fixtures" / "mini"
TODAY = dt.date(2025, 12, 1)

EXTRA_MEETINGS = {
    "testgruppen/2025-09-10.md": """---
gruppe: testgruppen
dato: 2025-09-10
start: "13:00"
slutt: "15:00"
sted: Rådhuset
digitalt: Teams
status: utkast
møteleder: kari-nordmann
tilstede: [ola-hansen]
tilstede_digitalt: [per-usikker]
saker:
  - nr: "1"
    tittel: Godkjenning av referat fra 20. mai
    møte: testgruppen/2025-05-20
    vedtak: [Referatet ble godkjent.]
  - nr: "2"
    tittel: Grønn omstilling
    satsingsområder: [gronn-omstilling]
    oppfølging:
      - id: rapport
        ansvarlig: [kari-nordmann]
        oppgave: Skrive rapport
        frist: 2025-10-01
        status: åpen
      - ansvarlig: [arbeidsgruppe-a]
        oppgave: Kartlegge prosjekter, runde to
        status: åpen
        fra: testgruppen/2025-05-20#1
      - id: sluttrapport
        ansvarlig: [ola-hansen]
        oppgave: Levere sluttrapport
        status: ferdig
---

## 1. Godkjenning av referat fra 20. mai

## 2. Grønn omstilling
""",
    "testgruppen/2025-udatert.md": """---
gruppe: testgruppen
dato_etter: 2025-06-01
dato_før: 2025-09-01
status: utkast
møteleder: kari-nordmann
forfall: [ola-hansen]
---

Kort møte.
""",
    "testgruppen/2026-01-15.md": """---
gruppe: testgruppen
dato: 2026-01-15
start: "10:00"
slutt: "12:00"
status: planlagt
---
""",
}

MKDOCS_YML = """site_name: Test
site_url: !ENV [SITE_URL, "http://127.0.0.1:8000/"]
"""


def write_fixture(target: Path) -> Path:
    shutil.copytree(MINI, target)
    for name, text in EXTRA_MEETINGS.items():
        path = target / "docs" / "moter" / name
        path.write_text(text, encoding="utf-8")
    (target / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    return target


def load_fixture(tmp_path: Path):
    from archive.repository import load_repository

    repo, problems = load_repository(write_fixture(tmp_path / "repo"), today=TODAY)
    assert problems == [], problems
    return repo
