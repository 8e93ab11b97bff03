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
møteleder: Kari Nordmann
tilstede: [Ola Hansen]
tilstede_digitalt: [Per Usikker]
vedlegg:
  - tittel: 'Plan for <arbeidsgruppen> {: onclick=x}'
---

## 1. Godkjenning av referat fra møtet 20. mai 2025

Vedtak: Referatet ble godkjent.

## 2. Grønn omstilling

Satsingsområde: Grønn omstilling

- [ ] Skrive rapport. Ansvar: Kari Nordmann. Frist: 1. oktober 2025.
- [ ] Kartlegge prosjekter, runde to. Ansvar: Arbeidsgruppe A. Fra: 2025-03-12, sak 2/25.

### Gruppe 1 – Grønn omstilling

Gruppen la fram **tre** forslag.

- [x] Levere sluttrapport. Ansvar: Ola Hansen.

Vedtak: Forslagene sendes på høring.
""",
    "testgruppen/2025-udatert.md": """---
gruppe: testgruppen
dato_etter: 2025-06-01
dato_før: 2025-09-01
dato_merknad: Referatet er udatert.
status: utkast
møteleder: Kari Nordmann
forfall: [Ola Hansen]
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
    from archive.model.repository import load_repository

    repo, problems = load_repository(write_fixture(tmp_path / "repo"), today=TODAY)
    assert problems == [], problems
    return repo
