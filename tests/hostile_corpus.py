"""The hostile-input corpus (tests/samples/hostile/): what it holds and how a case becomes a repository.

Two kinds of case, one folder each:

- refused/<case>/: files that the validator (and so the build) must refuse.
  The files are copied over tests/samples/minimal_repo (replacing a data file
  of the same name); expected.txt is the validator's exact output, every line
  naming the file and, where there is one, the line.
- harmless/<case>/: files whose hostile text must reach the site as text.
  They are copied over the same minimal repository, a data file's records
  added to the ones already there, and every case fits with every other, so
  that one build shows them all (tests/test_hostile.py builds it once per
  engine).

What cannot be a plain file in git is described in a case's create.json and
made when the test runs: symbolic links (to /etc/passwd, to a folder outside
the repository made for the test, to a file inside it), names with line
breaks or invisible characters, a named pipe, bytes that are not UTF-8, and
files too large to keep (a meeting with 2,500 agenda items, a 2 MB data file).
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from _helpers import MINIMAL_REPO

HOSTILE = Path(__file__).resolve().parent / "samples" / "hostile"
REFUSED = HOSTILE / "refused"
HARMLESS = HOSTILE / "harmless"
SPECIAL = {"expected.txt", "create.json"}

# Put in a folder beside every test repository: if any of this reaches the
# site, its search index or its exports, a file from outside was published.
CANARY = "KANARIFUGL-UTENFOR-ARKIVET-7c1e"

HEAD = "---\ngruppe: testgruppen\ndato: {date}\nstatus: utkast\n---\n\n"


def case_names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.is_dir())


def make_outside(folder: Path) -> Path:
    """A folder outside the repository holding canary files, as a link target."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("canary.yaml", "canary.png", "canary.md", "hemmelig.txt"):
        (folder / name).write_text(f"- id: kanari\n  navn: {CANARY}\n# {CANARY}\n", encoding="utf-8")
    return folder


def repository_with(cases: list[Path], root: Path, outside: Path, add_records: bool) -> Path:
    """The minimal repository at `root` with the files of `cases` put in.

    add_records: a data file in a case adds its records to the repository's
    (harmless cases); otherwise it replaces the file (refused cases).
    """
    shutil.copytree(MINIMAL_REPO, root)
    for case in cases:
        for source in sorted(case.rglob("*")):
            if not source.is_file() or source.name in SPECIAL and source.parent == case:
                continue
            target = root / source.relative_to(case)
            target.parent.mkdir(parents=True, exist_ok=True)
            text = source.read_bytes()
            if add_records and target.parent.name == "data" and target.exists():
                target.write_bytes(target.read_bytes().rstrip(b"\n") + b"\n\n" + text)
            else:
                target.write_bytes(text)
        made = case / "create.json"
        if made.exists():
            for entry in json.loads(made.read_text(encoding="utf-8")):
                create(entry, root, outside)
    return root


def create(entry: dict, root: Path, outside: Path) -> None:
    path = root / entry["path"]
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)  # a whole folder replaced, by a link
    elif path.exists() or path.is_symlink():
        path.unlink()
    if "link" in entry:
        os.symlink(entry["link"].replace("{outside}", str(outside)), path)
    elif entry.get("fifo"):
        os.mkfifo(path)
    elif "raw" in entry:  # code points below 256 as the bytes they number: not UTF-8 on purpose
        path.write_bytes(entry["raw"].encode("latin-1"))
    elif entry.get("bom_crlf"):  # as Notepad saves: a byte-order mark and Windows line endings
        path.write_bytes(b"\xef\xbb\xbf" + entry["text"].replace("\n", "\r\n").encode("utf-8"))
    elif "text" in entry:
        path.write_bytes(entry["text"].encode(entry.get("encoding", "utf-8")))
    else:
        path.write_bytes(GENERATORS[entry["generate"]](entry).encode("utf-8"))


# -- files too large to keep in git --------------------------------------------------


def agenda(entry: dict) -> str:
    """A meeting with `items` agenda items, each with a decision and a follow-up."""
    parts = [HEAD.format(date=entry.get("date", "2025-02-14"))]
    for number in range(1, entry["items"] + 1):
        parts.append(
            f"## {number}. Sak nummer {number}\n\nTekst om saken.\n\nVedtak: Tatt til orientering.\n\n- [ ] Følge opp sak {number}. Ansvar: Per Hansen.\n\n"
        )
    return "".join(parts)


def huge(entry: dict) -> str:
    """Minutes of `bytes` bytes in ordinary paragraphs."""
    paragraph = "Dette er et helt vanlig avsnitt i et referat, bare svært mange ganger etter hverandre.\n\n"
    head = HEAD.format(date="2025-02-14")
    return head + paragraph * ((entry["bytes"] - len(head)) // len(paragraph) + 1)


def huge_data(entry: dict) -> str:
    """Clusters enough to make `bytes` bytes of data."""
    records = []
    size = 0
    number = 0
    while size < entry["bytes"]:
        record = f"- id: klynge-{number}\n  navn: Klynge nummer {number}\n  merknad: En klynge blant mange.\n"
        records.append(record)
        size += len(record)
        number += 1
    return "".join(records)


def many_records(entry: dict) -> str:
    """`count` short clusters: small in bytes, but a page each."""
    return "".join(f"- id: k{number}\n  navn: K{number}\n" for number in range(entry["count"]))


def long_line(entry: dict) -> str:
    """One line of `chars` characters made of the pieces that made the old readers slow."""
    filler = ("Klynger: a" + " " * 40 + 'b <a "x ') * (entry["chars"] // 50 + 1)
    filler = filler[: entry["chars"]]
    if entry["where"] == "body":
        return HEAD.format(date="2025-02-14") + "## 1. Sak\n\n" + filler + "\n"
    if entry["where"] == "front-matter":
        return f"---\ngruppe: testgruppen\ndato: 2025-02-14\nstatus: utkast\nsted: {filler.replace(':', '.')}\n---\n"
    return f'- id: testklyngen\n  navn: Testklyngen\n  merknad: "{filler.replace(chr(34), chr(39))}"\n'


def slow_patterns(entry: dict) -> str:
    """Valid minutes made of the lines that once took the readers seconds each: long
    runs of spaces inside headings, label lines and follow-ups, unclosed tags and
    brackets. Every line stays below the limit of 10,000 characters."""
    spaces = " " * 9000
    return HEAD.format(date=entry["date"]) + "".join(
        [
            f"## 1. Tittel{spaces}slutt\n\n",
            f"### Under{spaces}slutt\n\n",
            f"Gjelder: noe{spaces}annet\n\n",
            f"- [ ] Oppgave{' ' * 5000}med mellomrom. Ansvar: Per Hansen{' ' * 4000}og Kari Nordmann.\n\n",
            "<a" * 4000 + "\n\n",
            '<a "' * 2000 + "\n\n",
            "<a\n" * 2000 + "\n",
            "[" * 9000 + "]: x\n\n",
            "<a:" + "b" * 9000 + "\n\n",
            "a" + "`" * 5000 + "\n\n",
            "![" * 4000 + "\n\n",
            "*_" * 4000 + "\n",
        ]
    )


def slow_page(entry: dict) -> str:
    """A hand-written page whose headings end in long runs of spaces (quadratic once)."""
    spaces = " " * 9000
    return f"# Tittel{spaces}slutt\n\nTekst.\n\n## Del{spaces}slutt ##\n\nTekst.\n"


GENERATORS = {
    "agenda": agenda,
    "huge": huge,
    "huge-data": huge_data,
    "many-records": many_records,
    "long-line": long_line,
    "slow-patterns": slow_patterns,
    "slow-page": slow_page,
}
