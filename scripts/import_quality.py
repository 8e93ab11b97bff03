"""How well the importer repairs text-recognition damage: a table per document.

    python scripts/import_quality.py [KILDE ...] [--seed N] [--rate 1.0]

Each clean minutes file (by default those in tests/samples/corpus/) is damaged
the way the seed's text recognition damaged it (archive.importer.ocr_repair.damage_text,
seeded), repaired, and compared word by word: repaired, flagged for review,
missed (left damaged without a word), and correct words changed. It also says
whether the meeting's date was found in the damaged text, and whether every
word of the source is in the draft.
"""

from __future__ import annotations

import sys
from pathlib import Path

from _common import EXIT_PROBLEMS, EXIT_UNEXPECTED, ROOT, NorwegianArgumentParser

from archive.importer.draft import corpus_report
from archive.importer.lexicon import LexiconError, load_lexicon
from archive.model.repository import load_repository

CORPUS = ROOT / "tests" / "samples" / "corpus"


def main(argv: list[str] | None = None) -> int:
    parser = NorwegianArgumentParser(prog="import_quality.py", description="Måler hvor godt importen retter feil fra tekstgjenkjenning.")
    parser.add_argument("sources", metavar="KILDE", nargs="*", help="rene referater (.txt); standard: tests/samples/corpus/*.txt")
    parser.add_argument("--seed", type=int, default=1, help="frø for skadene (standard 1)")
    parser.add_argument("--rate", type=float, default=1.0, help="andel av æ, ø og å som skades (standard 1.0, som i frøreferatet)")
    args = parser.parse_args(argv)
    sources = [Path(s) for s in args.sources] or sorted(CORPUS.glob("*.txt"))
    missing = [s for s in sources if not s.is_file()]
    if missing:
        print(f"{missing[0]}: filen finnes ikke.", file=sys.stderr)
        return EXIT_PROBLEMS
    if not 0.0 <= args.rate <= 1.0:
        print("--rate: skriv en andel mellom 0 og 1, for eksempel 0.6.", file=sys.stderr)
        return EXIT_PROBLEMS
    try:
        lexicon = load_lexicon()
    except LexiconError as error:
        print(error, file=sys.stderr)
        return EXIT_PROBLEMS
    repo, _ = load_repository(ROOT)
    rows = [corpus_report(s.name, s.read_text(encoding="utf-8"), repo, lexicon, args.seed, args.rate) for s in sources]
    header = ("dokument", "skadde", "rettet", "flagget", "oversett", "feilrettet", "dato", "alle ord")
    table = [header] + [
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
    table.append(("sum", *map(str, total), "", ""))
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]
    for row in table:
        print("  ".join(cell.ljust(width) if i == 0 else cell.rjust(width) for i, (cell, width) in enumerate(zip(row, widths, strict=True))))
    share = total[1] / total[0] if total[0] else 1.0
    print(f"Rettet {share:.1%} av de skadde ordene; {total[3]} oversett, {total[4]} riktige ord endret.")
    for row in rows:
        for clean, damaged, final in row.counts.missed_words:
            print(f"  {row.name}: oversett «{damaged}» (skulle vært «{clean}», står som «{final}»)")
        for clean, final in row.counts.false_words:
            print(f"  {row.name}: feilrettet «{clean}» → «{final}»")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except Exception as error:  # noqa: BLE001 - never a traceback
        print(f"import_quality.py: uventet feil ({type(error).__name__}: {error}).", file=sys.stderr)
        sys.exit(EXIT_UNEXPECTED)
