"""Growing a copy of the archive with unusual but valid meetings.

The secretary's next pull request must never turn the check red. `grow`
adds to a copy what a year of real minutes may bring and no test was written
for: a meeting with no agenda items, one with no people, one with a single
link, a planned meeting, an undated one, minutes in Nynorsk, and minutes
imported from another organisation and left as the importer wrote them.

    python tests/growth.py COPY     # grow the repository at COPY in place

`make test-grown` copies the repository, grows the copy and runs the whole
suite in it; tests/test_growth.py checks that a grown copy still validates.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
IMPORTED = ROOT / "tests" / "samples" / "corpus"


def _free_day(folder: Path, wanted: dt.date) -> dt.date:
    """`wanted`, or the first later day without minutes in `folder`."""
    day = wanted
    while (folder / f"{day.isoformat()}.md").exists():
        day += dt.timedelta(days=1)
    return day


def unusual_meetings(today: dt.date) -> dict[str, str]:
    """File name (below the group's folder) → text, for Næringsgruppen."""
    past = today - dt.timedelta(days=400)
    head = "---\ngruppe: naeringsgruppen\n{dates}status: utkast\n{extra}---\n"
    return {
        "no-items": head.format(dates=f"dato: {past.isoformat()}\n", extra="møteleder: Eli Arnkværn Bryhni\n") + "\nMøtet ble avlyst etter kort tid.\n",
        "no-people": head.format(dates=f"dato: {(past + dt.timedelta(days=7)).isoformat()}\n", extra="") + "\n## 1. Orientering\n\nSekretariatet orienterte.\n",
        "one-link": head.format(dates=f"dato: {(past + dt.timedelta(days=14)).isoformat()}\n", extra="")
        + "\n## 1. Lenke\n\nSe [regionens nettsted](https://www.osloregionen.no/).\n",
        "planned": head.format(dates=f"dato: {(today + dt.timedelta(days=60)).isoformat()}\n", extra="").replace("status: utkast", "status: planlagt")
        + "\n## 1. Godkjenning av innkalling og dagsorden\n\n## 2. Eventuelt\n",
        "undated": head.format(
            dates=f"dato_etter: {(past + dt.timedelta(days=20)).isoformat()}\ndato_før: {(past + dt.timedelta(days=40)).isoformat()}\n",
            extra="dato_merknad: Referatet har ingen dato.\n",
        )
        + "\n## 1. Sak uten dato\n\nTekst.\n",
        "nynorsk": head.format(dates=f"dato: {(past + dt.timedelta(days=50)).isoformat()}\n", extra="")
        + "\n## 1. Godkjenning av innkalling\n\nVedtak: Innkallinga vart godkjend.\n\n## 2. Kva gruppa skal gjere vidare\n\nGruppa drøfta korleis kommunane kan samarbeide.\n",
    }


def grow(root: Path, today: dt.date | None = None) -> list[Path]:
    """Add the unusual meetings and one imported, unedited set of minutes to the
    repository at `root`; returns the files written."""
    today = today or dt.date.today()
    folder = root / "docs" / "moter" / "naeringsgruppen"
    written = []
    for name, text in unusual_meetings(today).items():
        dates = [line.split(": ", 1)[1] for line in text.splitlines() if line.startswith(("dato: ", "dato_etter: "))]
        day = _free_day(folder, dt.date.fromisoformat(dates[0]))
        text = text.replace(dates[0], day.isoformat(), 1)
        target = folder / (f"{day.isoformat()}.md" if name != "undated" else f"{day.year}-udatert-vekst.md")
        target.write_text(text, encoding="utf-8")
        written.append(target)
    # Minutes from another organisation, as the importer wrote them: kept only if
    # they validate unedited (the importer's own tests say when they do).
    for source in sorted(IMPORTED.glob("*.txt")):
        target = folder / f"{_free_day(folder, today - dt.timedelta(days=200)).isoformat()}.md"
        made = _run(root, "import_minutes.py", str(source), "--group", "naeringsgruppen", "--output", str(target))
        if made.returncode == 0 and target.exists() and _run(root, "validate.py").returncode == 0:
            written.append(target)
            break
        target.unlink(missing_ok=True)
    return written


def _run(root: Path, script: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(root / "scripts" / script), *args], cwd=root, capture_output=True, text=True, timeout=300)


if __name__ == "__main__":
    for path in grow(Path(sys.argv[1]).resolve()):
        print(path)
