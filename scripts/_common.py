"""What every command-line script shares: the repository root on sys.path,
Norwegian argparse messages, and a guard that turns any unexpected error into
one Norwegian line instead of a traceback."""

from __future__ import annotations

import argparse
import os
import re
import signal
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from archive.model.problems import visible  # noqa: E402 - the standard library only, like this module

EXIT_PROBLEMS = 1  # the input has problems the user can fix
EXIT_UNEXPECTED = 2  # something we did not foresee; never a traceback


class NorwegianArgumentParser(argparse.ArgumentParser):
    """argparse with its own words in Norwegian, so the secretary reads one language."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)
        self.add_argument("-h", "--help", action="help", help="vis denne hjelpeteksten og avslutt")

    def format_usage(self) -> str:
        return super().format_usage().replace("usage:", "bruk:")

    def format_help(self) -> str:
        text = super().format_help()
        return (
            text.replace("usage:", "bruk:").replace("positional arguments:", "argumenter:").replace("options:", "valg:").replace("optional arguments:", "valg:")
        )

    def error(self, message: str):
        translations = {
            "the following arguments are required": "disse argumentene mangler",
            "unrecognized arguments": "ukjente argumenter",
            "expected one argument": "mangler en verdi",
        }
        for english, norwegian in translations.items():
            message = message.replace(english, norwegian)
        self.print_usage(sys.stderr)
        self.exit(EXIT_PROBLEMS, f"{self.prog}: feil: {message}\n")


def run(main: Callable[[], int], what: str) -> None:
    """The one guard every script runs under: a Norwegian line instead of a traceback.

    When the reader stops reading (`validate.py | head`), the script ends
    quietly, as Unix tools do, instead of failing on a closed pipe.
    """
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    try:
        code = main()
    except KeyboardInterrupt:
        code = EXIT_PROBLEMS
    except Exception as error:  # noqa: BLE001 - never a traceback for the secretary
        print(
            f"{what}: uventet feil ({type(error).__name__}: {error}). Dette er en feil i verktøyet, ikke i filene dine; send meldingen til den som vedlikeholder nettstedet.",
            file=sys.stderr,
        )
        code = EXIT_UNEXPECTED
    # Leave without tearing down the archive's objects one by one: for a large
    # archive that took a fifth of validate.py's time, and nothing is left to do.
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def write_new_minutes(path: Path, shown: str, text: str, repo, group_id: str, date, if_exists: str) -> str | None:
    """Write `text` as a new minutes file at `path` (shown to the user as `shown`).

    Returns None, or the Norwegian reason nothing was written: the file exists
    (never overwritten; `if_exists` says what to do instead), the group already
    has minutes for that day, or the file cannot be written.
    """
    from archive.model.formatting import norwegian_date

    if path.exists():
        return f"{shown}: filen finnes allerede og blir ikke overskrevet. {if_exists}"
    clash = [m for m in repo.meetings_by_group.get(group_id, []) if m.date == date]
    if clash:
        return f"{shown}: gruppen har allerede et møte {norwegian_date(date)}: {clash[0].path}. Rediger det i stedet."
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8", newline="\n") as handle:  # "x": never overwrite, even in a race
            handle.write(text)
    except OSError as error:
        return f"{shown}: filen kunne ikke skrives ({error.strerror or error})."
    return None


def fail(message: str, code: int = EXIT_PROBLEMS) -> int:
    print(message, file=sys.stderr)
    return code


def plural(count: int, singular: str, plural_form: str) -> str:
    return f"{count} {singular if count == 1 else plural_form}"


def display_path(path: Path) -> str:
    """A path as the user typed it or relative to where they stand."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


# What could make Markdown (emphasis, links, images, headings, tables, code,
# autolinks) of text quoted from a file; «<» and «&» become entities, so no HTML either.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]#|~!{}:])")  # «:» too: «https\://» is no autolink


def markdown_text(text: str) -> str:
    """`text` as literal text on one line of GitHub's Markdown (a job summary):
    what a file says is shown as written, never as markup."""
    text = visible(" ".join(text.split()))
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text.replace("&", "&amp;").replace("<", "&lt;"))
