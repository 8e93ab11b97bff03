"""How well the importer reads minutes it was not built around: tables of figures.

    python scripts/import_quality.py [MAPPE ...] [--seeds 3] [--uten-skann] [--detaljer]

Each folder (by default tests/samples/corpus-tuning/ and tests/samples/corpus-test/,
see archive/importer/quality.py for the answer keys) is read document by
document: imported as it is, damaged three ways by archive/importer/damage.py
(a damage model the repair was not built on), read by Tesseract's English data
(`<name>.ocr-eng.txt`), and for a scan read from the image itself. The tables
say per folder and condition how many damaged words were repaired, flagged and
missed, how many correct words were changed, per kind of damage, and how well
the structure was read: agenda items with their numbers, people present and
absent, dates, review lines per 100 words on clean text, drafts valid once
their proposed people are accepted, words lost.

    python scripts/import_quality.py --frø-skade [KILDE ...]

prints the older table: the clean minutes of tests/samples/corpus/ damaged the
way the seed's own text recognition damaged it.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from _common import EXIT_PROBLEMS, ROOT, NorwegianArgumentParser, run

from archive.importer.draft import corpus_report
from archive.importer.lexicon import LexiconError, load_lexicon
from archive.importer.quality import ValidationArchive, kinds_table, load_corpus, run_document, summarise
from archive.importer.sources import SourceError
from archive.model.repository import load_repository

SAMPLES = ROOT / "tests" / "samples"
FOLDERS = (SAMPLES / "corpus-tuning", SAMPLES / "corpus-test")
SEED_CORPUS = SAMPLES / "corpus"


def percent(part: int, whole: int) -> str:
    return f"{part / whole:.0%}" if whole else "–"


def table(rows: list[tuple[str, ...]]) -> list[str]:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return ["  ".join(cell.ljust(w) if i == 0 else cell.rjust(w) for i, (cell, w) in enumerate(zip(row, widths, strict=True))) for row in rows]


def corpus_tables(folders: list[Path], seeds: int, scans: bool, details: bool) -> int:
    lexicon = load_lexicon()
    repo, _ = load_repository(ROOT)
    archive = ValidationArchive(ROOT)
    try:
        for folder in folders:
            documents = load_corpus(folder)
            if not documents:
                print(f"{folder}: ingen dokumenter med fasit (*.fasit.yaml).", file=sys.stderr)
                return EXIT_PROBLEMS
            runs = []
            started = time.perf_counter()
            for document in documents:
                runs += run_document(document, repo, lexicon, archive, seeds=tuple(range(1, seeds + 1)), scans=scans)
            elapsed = time.perf_counter() - started
            print(f"== {folder.name}: {len(documents)} referater, {len(runs)} importer, {elapsed:.1f} s")
            print()
            rows = [
                (
                    "tilstand",
                    "skadde ord",
                    "rettet",
                    "flagget",
                    "oversett",
                    "riktige endret",
                    "ord",
                    "saker",
                    "til stede",
                    "forfall",
                    "dato",
                    "gyldige",
                    "ord borte",
                    "merkn./100 ord",
                )
            ]
            for condition, (words, structure) in summarise(runs).items():
                rows.append(
                    (
                        condition,
                        str(words.damaged) if words.words else "–",
                        percent(words.repaired, words.damaged),
                        percent(words.flagged, words.damaged),
                        str(words.missed) if words.words else "–",
                        str(words.changed) if words.words else "–",
                        str(words.words) if words.words else "–",
                        f"{structure.items_found}/{structure.items} (+{structure.items_spurious})",
                        f"{structure.present_found}/{structure.present}",
                        f"{structure.absent_found}/{structure.absent}",
                        f"{structure.date_found}/{structure.date_stated}",
                        f"{structure.valid}/{structure.drafts}",
                        str(structure.words_lost),
                        f"{100 * structure.review_lines / structure.words:.1f}" if structure.words else "–",
                    )
                )
            print("\n".join(table(rows)))
            print()
            kinds = kinds_table(runs)
            names = sorted({k for k in kinds if isinstance(k, str)}, key=lambda k: -kinds[(k, "d")])
            rows = [("skade", "ord", "rettet", "flagget", "oversett")]
            for kind in names:
                damaged, repaired, flagged = kinds[(kind, "d")], kinds[(kind, "r")], kinds[(kind, "f")]
                rows.append((kind, str(damaged), percent(repaired, damaged), percent(flagged, damaged), str(damaged - repaired - flagged)))
            print("\n".join(table(rows)))
            print()
            rows = [("referat", "form", "målform", "saker", "til stede", "forfall", "dato", "merkn./100 ord (ren)", "sek.")]
            for document in documents:
                mine = [r for r in runs if r.document == document.name]
                clean = next(r for r in mine if r.condition in ("ren",))
                read = next((r for r in mine if r.condition == "skannet"), clean)
                s = read.structure
                rows.append(
                    (
                        document.name,
                        document.fasit.get("format") or document.path.suffix.lstrip("."),
                        document.fasit.get("standard", ""),
                        f"{s.items_found}/{s.items} (+{s.items_spurious})",
                        f"{s.present_found}/{s.present}",
                        f"{s.absent_found}/{s.absent}",
                        f"{s.date_found}/{s.date_stated}",
                        f"{100 * clean.structure.review_lines / max(clean.structure.words, 1):.1f}",
                        f"{read.seconds:.1f}",
                    )
                )
            print("\n".join(table(rows)))
            print()
            if details:
                for run_ in runs:
                    for note in run_.structure.notes:
                        print(f"  {note}")
                    if run_.words:
                        for clean_word, damaged, final in run_.words.missed_words:
                            print(f"  {run_.document} ({run_.condition}): oversett «{damaged}» (skulle vært «{clean_word}», står som «{final}»)")
                        for clean_word, final in run_.words.changed_words:
                            print(f"  {run_.document} ({run_.condition}): endret «{clean_word}» → «{final}»")
                print()
    finally:
        archive.close()
    return 0


def seed_table(sources: list[Path], seed: int, rate: float) -> int:
    lexicon = load_lexicon()
    repo, _ = load_repository(ROOT)
    rows = [corpus_report(s.name, s.read_text(encoding="utf-8"), repo, lexicon, seed, rate) for s in sources]
    header = ("dokument", "skadde", "rettet", "flagget", "oversett", "feilrettet", "dato", "alle ord")
    lines = [header] + [
        (
            r.name,
            str(r.counts.damaged),
            str(r.counts.repaired),
            str(r.counts.flagged),
            str(r.counts.missed),
            str(r.counts.false_repairs),
            r.date_note,
            "ja" if r.words_kept else "NEI",
        )
        for r in rows
    ]
    total = [sum(getattr(r.counts, k) for r in rows) for k in ("damaged", "repaired", "flagged", "missed", "false_repairs")]
    lines.append(("sum", *map(str, total), "", ""))
    print("\n".join(table(lines)))
    share = total[1] / total[0] if total[0] else 1.0
    print(f"Rettet {share:.1%} av de skadde ordene; {total[3]} oversett, {total[4]} riktige ord endret.")
    for row in rows:
        for clean, damaged, final in row.counts.missed_words:
            print(f"  {row.name}: oversett «{damaged}» (skulle vært «{clean}», står som «{final}»)")
        for clean, final in row.counts.false_words:
            print(f"  {row.name}: feilrettet «{clean}» → «{final}»")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = NorwegianArgumentParser(prog="import_quality.py", description="Måler hvor godt importen leser referater den ikke er laget etter.")
    parser.add_argument("sources", metavar="MAPPE", nargs="*", help="mapper med referater og fasit (standard: tests/samples/corpus-tuning og corpus-test)")
    parser.add_argument("--seeds", type=int, default=3, help="hvor mange ganger hvert referat skades (standard 3)")
    parser.add_argument("--uten-skann", dest="no_scans", action="store_true", help="hopp over tekstgjenkjenning av skannede sider")
    parser.add_argument("--detaljer", dest="details", action="store_true", help="vis hvert ord og hver sak som ble bommet på")
    parser.add_argument("--frø-skade", dest="seed_damage", action="store_true", help="den eldre målingen: tests/samples/corpus/ skadet slik frøreferatet var")
    parser.add_argument("--seed", type=int, default=1, help="frø for skadene med --frø-skade (standard 1)")
    parser.add_argument("--rate", type=float, default=1.0, help="andel av æ, ø og å som skades med --frø-skade (standard 1.0)")
    args = parser.parse_args(argv)
    if not 0.0 <= args.rate <= 1.0:
        print("--rate: skriv en andel mellom 0 og 1, for eksempel 0.6.", file=sys.stderr)
        return EXIT_PROBLEMS
    paths = [Path(s) for s in args.sources]
    missing = [p for p in paths if not p.exists()]
    if missing:
        print(f"{missing[0]}: finnes ikke.", file=sys.stderr)
        return EXIT_PROBLEMS
    try:
        if args.seed_damage:
            return seed_table([p for p in paths if p.is_file()] or sorted(SEED_CORPUS.glob("*.txt")), args.seed, args.rate)
        return corpus_tables([p for p in paths if p.is_dir()] or list(FOLDERS), args.seeds, not args.no_scans, args.details)
    except (LexiconError, SourceError) as error:
        print(error, file=sys.stderr)
        return EXIT_PROBLEMS


if __name__ == "__main__":
    run(main, "import_quality.py")
