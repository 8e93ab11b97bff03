"""Reading the body of minutes: the agenda, decisions, follow-ups and links.

The body is Markdown as a secretary writes it (docs-dev/minutes-format.md):
one `##` heading per agenda item, `Vedtak: …` paragraphs, follow-ups as
task-list items with `Ansvar:`, `Frist:` and `Fra:`, label lines that link
the item to focus areas, groups, clusters and an earlier meeting, and `###`
headings for a working group's part of an item. Everything else is the
item's text, kept as written.

`read_body` works line by line, so every problem points at its line, and it
reads 2,000 meetings in well under a second. It resolves names through the
indexes it is given; references to other meetings (`Gjelder:`, `Fra:`, an
approval in the title) are returned for the repository to resolve once every
meeting has loaded.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field

from archive import model
from archive.model.dates import find_date, looks_like_date
from archive.model.names import NameIndex, normalise, split_names
from archive.model.problems import Report

MAX_ITEMS = 300  # agenda items in one meeting
MAX_FOLLOW_UPS = 1000  # follow-ups in one meeting

# Lines starting with one of these may be more than running text.
_SPECIAL_FIRST = frozenset("#`~=-*+0123456789")
# Greedy to the end of the line: the closing «#»s and spaces are taken off by
# _heading_text, since a lazy «(.*?)(?:\s+#+)?\s*$» is quadratic in a long line.
_HEADING = re.compile(r"^ {0,3}(#{1,6})(?=[^#]|$)(\s*)(.*)$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_SETEXT = re.compile(r"^ {0,3}(=+|-{2,})\s*$")
_LIST_MARKER = re.compile(r"^ {0,3}(?:[-*+]|\d{1,9}[.)])(?:\s|$)")
_TASK = re.compile(r"^( {0,3})[-*+]\s+\[([ xX])\](?:\s+(.*)|\s*)$")
_DECISION = re.compile(r"^ {0,3}(?:\*\*|__)?vedtak(?:\*\*|__)?\s*:\s*(?:\*\*|__)?\s*(.*)$", re.IGNORECASE)
_LINK = re.compile(
    r"^ {0,3}(?P<label>satsingsområder?|klynger?|arbeidsgrupper?|grupper?|gjelder)\s*:\s*(?P<value>\S.*)$",
    re.IGNORECASE,
)
LINK_KINDS = {
    "satsingsområde": "focus_area",
    "satsingsområder": "focus_area",
    "klynge": "cluster",
    "klynger": "cluster",
    "gruppe": "group",
    "grupper": "group",
    "arbeidsgruppe": "group",
    "arbeidsgrupper": "group",
    "gjelder": "meeting",
}

# «## 3. Tittel», «## Sak 38/25 Tittel», «## 19/13 Tittel», «## 07 – 2022 Tittel», «## [4] Tittel».
_NUMBERS = [
    re.compile(r"^\[(?P<nr>\d{1,3})\]\.?\s*(?P<title>.*)$"),
    re.compile(r"^(?P<nr>sak\s+\d{1,4}\s*/\s*\d{2,4})\b\.?\s*[:.–-]?\s*(?P<title>.*)$", re.IGNORECASE),
    re.compile(r"^(?P<nr>\d{1,4}\s*/\s*\d{2,4})\b\.?\s*[:.–-]?\s*(?P<title>.*)$"),
    re.compile(r"^(?P<nr>\d{1,3}\s*[–-]\s*\d{4})\b\.?\s*[:.]?\s*(?P<title>.*)$"),
    re.compile(r"^(?P<nr>sak\s+\d{1,4})\b\.?\s*[:.–-]?\s*(?P<title>.*)$", re.IGNORECASE),
    re.compile(r"^(?P<nr>\d{1,3})(?:[.):]\s*|\s+|$)(?P<title>.*)$"),
]
_FOLLOW_UP_LABEL = re.compile(r"(?:^|(?<=[\s.,;(]))(ansvarlige?|ansvar|frist|fra|status)\s*:\s*", re.IGNORECASE)
_APPROVAL = re.compile(r"godkjenn\w*\s+(?:av\s+)?(?:referat|protokoll)", re.IGNORECASE)
_KEY = re.compile(r"^(?P<meeting>[a-z0-9-]+/[a-z0-9-]+)#(?P<anchor>sak-[a-z0-9-]+)-(?P<n>\d+)$")
# A meeting named by its file: «2025-udatert», «arbeidsgruppe-2/2026-01-15», «møtet 2025-udatert».
_MEETING_NAME = re.compile(r"(?:møtet\s+)?(?:[a-z0-9-]+/)?[a-z0-9]+(?:-[a-z0-9]+)+")
_POINT = re.compile(r"^punkt\s+(\d+)$", re.IGNORECASE)
_ITEM_REF = re.compile(r"^sak\s+(.+)$", re.IGNORECASE)


@dataclass
class MeetingRef:
    """A reference to another meeting, resolved once every meeting has loaded."""

    kind: str  # "refers" (Gjelder / approval), "carried" (Fra)
    target: object  # the AgendaItem or ActionItem that refers
    text: str  # as written
    line: int
    meeting_id: str = ""  # the meeting that refers
    group: str | None = None  # when written: «arbeidsgruppe-2/2026-01-15»
    date: dt.date | None = None
    stem: str | None = None  # a file name: «2025-udatert»
    item: str | None = None  # «3», «Sak 38/25»
    point: int | None = None
    key: str | None = None  # written as a key
    required: bool = True  # False: no such meeting in the archive is no error


@dataclass
class Context:
    """What the reader needs to know beyond the text."""

    meeting_id: str
    group: str | None
    names: dict[str, NameIndex]
    groups: dict  # id → model.Group
    areas_of_group: dict[str, list[str]]


@dataclass
class Body:
    preamble: list = field(default_factory=list)
    items: list[model.AgendaItem] = field(default_factory=list)
    meeting_refs: list[MeetingRef] = field(default_factory=list)


def _heading_text(raw: str) -> str:
    """A heading's text without trailing spaces and the optional closing «#»s (CommonMark)."""
    text = raw.rstrip()
    core = text.rstrip("#")
    if core != text and (not core or core[-1] in " \t"):
        text = core.rstrip()
    return text


def number_key(number: str) -> str:
    """«Sak 2/25», «sak 2 / 25» and «2/25» are one number; so are «1» and «1.»."""
    return "".join(number.lower().removeprefix("sak").rstrip(".").split())


def anchor_of(number: str, title: str) -> str:
    if number.isdigit():
        return "sak-" + number
    source = number.lower().removeprefix("sak ") if number else title.lower()
    slug = re.sub(r"[^a-z0-9]+", "-", source.replace("æ", "ae").replace("ø", "o").replace("å", "a")).strip("-")
    return "sak-" + (slug[:48].rstrip("-") or "uten-tittel")


_COMMON_HEADING = re.compile(r"^(\d{1,3})\. +(\S.*)$")
_YEAR_FIRST = re.compile(r"^\d{4}\b")  # «07 – 2022 …» is a case number, not item 7


def parse_heading(text: str) -> tuple[str, str, bool]:
    """(number as written, title, number restored) of an agenda heading."""
    common = _COMMON_HEADING.match(text)  # «3. Tittel», by far the most usual
    if common and not _YEAR_FIRST.match(common.group(2)):
        return common.group(1), common.group(2).strip(), False
    for pattern in _NUMBERS:
        match = pattern.match(text)
        if match:
            number = re.sub(r"\s+", " ", match.group("nr")).strip()
            number = re.sub(r"\s*/\s*", "/", number)
            number = re.sub(r"\s*[–-]\s*", " – ", number)
            if number.lower().startswith("sak"):
                number = "Sak" + number[3:]
            return number, match.group("title").strip(), pattern is _NUMBERS[0]
    return "", text.strip(), False


def code_fences(lines: list[str]) -> dict[int, int]:
    """Where the minutes have code blocks in fences, as GitHub and the site's renderer
    read them: the index of each fence's first line → the index after its last.

    Read by the renderer's own parser, not by the look of a line: «```make build```»
    at the start of a line is code in a sentence, not a fence, and a fence inside a
    list item ends with the item. The reader once took both for fences that ran to
    the end of the minutes, and the agenda items, decisions and follow-ups after
    them were left out of the registers without a word.
    """
    if not any(_FENCE.match(line) for line in lines):
        return {}
    return {token.map[0]: token.map[1] for token in _block_parser().parse("\n".join(lines)) if token.type == "fence" and token.map}


@functools.cache
def _block_parser():
    from archive.safety.rules import markdown_it

    return markdown_it()


class _Reader:
    def __init__(self, body: str, first_line: int, ctx: Context, report: Report):
        self.lines = body.split("\n")
        self.first_line = first_line
        self.ctx = ctx
        self.report = report
        self.result = Body()
        self.item: model.AgendaItem | None = None
        self.blocks = self.result.preamble
        self.prose: list[str] = []
        self.prose_line = 0
        self.subgroup: str | None = None
        self.item_areas: list[str] = []  # focus areas the item links itself, directly or via a group
        self.anchors: dict[str, int] = {}  # how many times each anchor was wanted
        self.used_anchors: set[str] = set()
        self.numbers: dict[str, int] = {}
        self.follow_up_count = 0
        self.too_many = False

    # -- helpers -------------------------------------------------------

    def line_number(self, index: int) -> int:
        return self.first_line + index

    def flush_prose(self) -> None:
        if self.prose:  # never starts with a blank line (add_prose, add_prose_run)
            while self.prose and not self.prose[-1].strip():
                self.prose.pop()
            self.blocks.append(model.Prose("\n".join(self.prose), self.prose_line))
        self.prose = []

    def add_prose_run(self, start: int, end: int) -> None:
        lines = self.lines[start:end]
        if not self.prose or not any(p.strip() for p in self.prose):
            while lines and not lines[0].strip():
                lines.pop(0)
                start += 1
            if not lines:
                return
            self.prose = []
            self.prose_line = self.line_number(start)
        self.prose.extend(lines)

    def add_prose(self, index: int, line: str) -> None:
        if not self.prose or not any(p.strip() for p in self.prose):
            if not line.strip():
                return
            self.prose = []
            self.prose_line = self.line_number(index)
        self.prose.append(line)

    def starts_block(self, line: str) -> bool:
        first = line.lstrip(" ")[:1]
        if not first:
            return True
        if first not in _SPECIAL_FIRST and ":" not in line:
            return False
        return bool(_HEADING.match(line) or _FENCE.match(line) or _LIST_MARKER.match(line) or (":" in line and (_DECISION.match(line) or _LINK.match(line))))

    def continuation(self, index: int) -> tuple[list[str], int]:
        """The lines after `index` that continue its paragraph; and the next index."""
        taken = []
        index += 1
        while index < len(self.lines):
            line = self.lines[index]
            if not line.strip() or (self.starts_block(line) and not line.startswith("    ")):
                break
            taken.append(line.strip())
            index += 1
        return taken, index

    # -- the walk ------------------------------------------------------

    def read(self) -> Body:
        self._read()
        self.finish_item()
        self.report_unnumbered_items()
        return self.result

    def report_unnumbered_items(self) -> None:
        """An item without a number between numbered ones is a number forgotten,
        or a part of the item above written with «##» instead of «###». One at
        the end («## Eventuelt») or before the first is as minutes write them."""
        items = self.result.items
        numbered = [index for index, item in enumerate(items) if item.number]
        if len(numbered) < 2:
            return
        for index in range(numbered[0] + 1, numbered[-1]):
            item = items[index]
            if item.number:
                continue
            before = next(items[i] for i in range(index - 1, -1, -1) if items[i].number)
            after = next(items[i] for i in range(index + 1, len(items)) if items[i].number)
            if before.number.isdigit():
                proposal = f"## {int(before.number) + 1}. {item.title}"
                renumber = " og rett numrene etter den" if after.number.isdigit() and int(after.number) <= int(before.number) + 1 else ""
                give = f"gi den et nummer («{proposal}»{renumber})"
            else:
                give = f"gi den et saksnummer slik de andre sakene har («## {before.number} …»)"
            self.report(
                item.line,
                f"saken «## {item.title}» har ikke nummer, men står mellom {before.reference} og {after.reference}. "
                f"Er den en egen sak, {give}; hører den til {before.reference}, skriv den som «### {item.title}».",
            )

    def _read(self) -> None:
        index = 0
        fences = code_fences(self.lines)
        # A line may be more than running text only if it starts with one of these characters or has a colon.
        candidates = [bool(line) and (line.lstrip(" ")[:1] in _SPECIAL_FIRST or ":" in line) for line in self.lines]
        while index < len(self.lines):
            line = self.lines[index]
            fence_end = fences.get(index)
            if fence_end is not None:
                # Code, shown as written: its headings, «Vedtak:» and «- [ ]» mean nothing.
                self.add_prose_run(index, fence_end)
                index = fence_end
                continue
            if not candidates[index]:
                # Running text (most lines): take the whole run up to the next line that may mean more.
                end = index + 1
                while end < len(self.lines) and not candidates[end]:
                    end += 1
                self.add_prose_run(index, end)
                index = end
                continue
            first = line.lstrip(" ")[:1]
            heading = _HEADING.match(line) if first == "#" else None
            if heading and _heading_text(heading.group(3)):
                index = self.heading(index, heading)
                continue
            if first in "=-" and _SETEXT.match(line) and self.prose and self.prose[-1].strip() and not _LIST_MARKER.match(self.prose[-1]):
                self.report(
                    self.line_number(index),
                    "en linje med bare «---» eller «===» rett under tekst gjør teksten over til en overskrift. "
                    "Sett inn en tom linje over streken, eller skriv saken som «## 3. Tittel».",
                )
            task = _TASK.match(line) if first in "-*+" else None
            if task:
                index = self.follow_up(index, task)
                continue
            if ":" in line:
                decision = _DECISION.match(line)
                if decision:
                    index = self.decision(index, decision.group(1).strip())
                    continue
                link = _LINK.match(line)
                if link and self.item is not None and self.link(index, link):
                    index += 1
                    continue
            self.add_prose(index, line)
            index += 1
        self.flush_prose()

    def heading(self, index: int, match: re.Match) -> int:
        level, space, text = len(match.group(1)), match.group(2), _heading_text(match.group(3))
        number = self.line_number(index)
        if not space and level in (2, 3):
            self.report(number, f"sett et mellomrom etter «{'#' * level}»: «{'#' * level} {text}». Uten det viser GitHub linjen som vanlig tekst.")
        if level == 1:
            self.report(number, f"overskriften «# {text}» har bare én «#». Nettstedet lager møtets tittel selv; skriv saker som «## 1. Tittel».")
            self.add_prose(index, match.group(0))
            return index + 1
        if level == 2:
            self.start_item(number, text)
            return index + 1
        if level == 3 and self.item is not None:
            self.flush_prose()
            group = self.subsection_group(text)
            self.subgroup = group
            anchor = self.unique_anchor(f"{self.item.anchor}-{anchor_of('', text)[4:]}")
            self.blocks.append(model.Subsection(text, anchor, group, number))
            if group and group not in self.item.groups:
                self.item.groups.append(group)
            for area in self.ctx.areas_of_group.get(group or "", []):
                if area not in self.item.focus_areas:
                    self.item.focus_areas.append(area)
            return index + 1
        self.add_prose(index, self.lines[index])
        return index + 1

    def unique_anchor(self, anchor: str) -> str:
        """`anchor`, or `anchor-2`, `anchor-3` … when taken. «## Eventuelt» twice and
        then «## Eventuelt 2» wanted «sak-eventuelt-2» twice; the anchors make the
        follow-ups' keys, so a clash merged two follow-ups into one."""
        count = self.anchors.get(anchor, 0) + 1
        candidate = anchor if count == 1 else f"{anchor}-{count}"
        while candidate in self.used_anchors:
            count += 1
            candidate = f"{anchor}-{count}"
        self.anchors[anchor] = count
        self.used_anchors.add(candidate)
        return candidate

    def finish_item(self) -> None:
        """Give each decision and follow-up its focus areas, now that all links are known.

        One written under a working group's part of the item belongs to that
        group's area; any other to the areas the item links itself.
        """
        if self.item is None:
            return
        for entries in (self.item.decisions, self.item.actions):
            for entry in entries:
                entry.focus_areas = list(self.ctx.areas_of_group.get(entry.group, ())) if entry.group else list(self.item_areas)

    def start_item(self, line: int, text: str) -> None:
        self.flush_prose()
        self.finish_item()
        self.item_areas = []
        number, title, restored = parse_heading(text)
        if not title:
            self.report(line, f"saken «## {text}» mangler tittel etter nummeret.")
            title = text
        if number:
            key = number_key(number)
            if key in self.numbers:
                self.report(line, f"saksnummer «{number}» er brukt før (linje {self.numbers[key]}); hver sak trenger sitt eget nummer.")
            self.numbers.setdefault(key, line)
        if len(self.result.items) == MAX_ITEMS and not self.too_many:
            self.too_many = True
            self.report(line, f"referatet har mer enn {MAX_ITEMS} saker; del det opp i flere referater.")
        item = model.AgendaItem(number=number, title=title, number_restored=restored, line=line)
        item.anchor = self.unique_anchor(anchor_of(number, title))
        self.item = item
        self.subgroup = None
        if len(self.result.items) < MAX_ITEMS:
            self.result.items.append(item)
        self.blocks = item.blocks
        if _APPROVAL.search(title) and looks_like_date(title):
            # The approved minutes need not be in the archive: no match, no link.
            self.meeting_ref("refers", item, _date_part(title), line, written=title, required=False)

    def subsection_group(self, title: str) -> str | None:
        """The working group a `###` heading names: by number, name or focus area."""
        match = re.match(r"^(?:arbeids)?gruppe\s*(\d+)\b", title, re.IGNORECASE)
        candidates = [g for g in self.ctx.groups.values() if g.parent == self.ctx.group] or list(self.ctx.groups.values())
        if match:
            for group in candidates:
                if group.number == match.group(1):
                    return group.id
        heading = normalise(title)
        for group in candidates:
            for name in (group.name, group.full_name):
                if name and heading.startswith(normalise(name)):
                    return group.id
        for group_id, areas in self.ctx.areas_of_group.items():
            for area in areas:
                label = self.ctx.names["focus_area"].label(area)
                if normalise(label) and normalise(label) in heading:
                    return group_id
        return None

    # -- decisions -----------------------------------------------------

    def decision(self, index: int, text: str) -> int:
        line = self.line_number(index)
        rest, next_index = self.continuation(index)
        texts: list[tuple[str, int]] = []
        if text or rest:
            texts.append((" ".join([text, *rest]).strip(), line))
        else:
            # «Vedtak:» and then a list: one decision per item.
            scan = next_index
            while scan < len(self.lines) and not self.lines[scan].strip():
                scan += 1
            while scan < len(self.lines) and _LIST_MARKER.match(self.lines[scan]) and not _TASK.match(self.lines[scan]):
                first = re.sub(r"^ {0,3}(?:[-*+]|\d{1,9}[.)])\s*", "", self.lines[scan])
                item_line = self.line_number(scan)
                more, scan = self.continuation(scan)
                texts.append((" ".join([first, *more]).strip(), item_line))
                next_index = scan
                while scan < len(self.lines) and not self.lines[scan].strip():
                    scan += 1
            if not texts:
                self.report(line, "«Vedtak:» står uten tekst. Skriv vedtaket etter kolonet, eller som en liste under.")
                return next_index
        if self.item is None:
            self.report(line, "«Vedtak:» står før første sak. Skriv vedtaket under saken det gjelder («## 1. …»).")
            for offset in range(index, next_index):
                self.add_prose(offset, self.lines[offset])
            return next_index
        self.flush_prose()
        decisions = []
        for decision_text, decision_line in texts:
            decision = model.Decision(line=decision_line, text=decision_text, group=self.subgroup)
            decisions.append(decision)
            self.item.decisions.append(decision)
        self.blocks.append(model.DecisionBlock(decisions, line))
        return next_index

    # -- follow-ups ----------------------------------------------------

    def follow_up(self, index: int, match: re.Match) -> int:
        line = self.line_number(index)
        done = match.group(2).lower() == "x"
        rest, next_index = self.continuation(index)
        text = " ".join([(match.group(3) or "").strip(), *rest]).strip()
        if self.item is None:
            self.report(line, "oppfølgingspunktet står før første sak. Skriv det under saken det gjelder («## 1. …»).")
            self.add_prose(index, self.lines[index])
            for offset in range(index + 1, next_index):
                self.add_prose(offset, self.lines[offset])
            return next_index
        self.follow_up_count += 1
        if self.follow_up_count > MAX_FOLLOW_UPS:
            if self.follow_up_count == MAX_FOLLOW_UPS + 1:
                self.report(line, f"referatet har mer enn {MAX_FOLLOW_UPS} oppfølgingspunkter; del det opp.")
            return next_index
        action = self.parse_follow_up(text, done, line)
        self.flush_prose()
        if self.blocks and isinstance(self.blocks[-1], model.FollowUpList):
            self.blocks[-1].actions.append(action)
        else:
            self.blocks.append(model.FollowUpList([action], line))
        self.item.actions.append(action)
        action.index = len(self.item.actions)
        action.key = f"{self.ctx.meeting_id}#{self.item.anchor}-{action.index}"
        action.meeting_id = self.ctx.meeting_id
        action.agenda_number = self.item.number
        return next_index

    def parse_follow_up(self, text: str, done: bool, line: int) -> model.ActionItem:
        parts = _FOLLOW_UP_LABEL.split(text)
        task = parts[0].strip().rstrip(",;( ").strip()
        action = model.ActionItem(line=line, status="ferdig" if done else "åpen", group=self.subgroup)
        seen: set[str] = set()
        for label, value in zip(parts[1::2], parts[2::2], strict=True):
            label = label.lower()
            value = value.strip().rstrip(".,;) ").lstrip("(").strip()
            label = "ansvar" if label.startswith("ansvar") else label
            if label in seen:
                self.report(line, f"«{label.capitalize()}:» står to ganger i samme oppfølgingspunkt.")
                continue
            seen.add(label)
            if label == "ansvar":
                action.owner = self.owners(value, line)
            elif label == "frist":
                due, problem = find_date(value)
                if due is None:
                    self.report(
                        line,
                        f"fristen «{value}» er ikke en dato. Skriv den som 1. mars 2026 eller 2026-03-01." if not problem else f"fristen «{value}»: {problem}.",
                    )
                action.due = due
            elif label == "fra":
                action.carried_from_text = value
                self.carried_ref(action, value, line)
            elif label == "status":
                status = value.lower()
                if status in ("utgår", "utgått", "utgar"):
                    action.status = "utgår"
                elif status in ("ferdig", "åpen", "apen"):
                    action.status = "ferdig" if status == "ferdig" else "åpen"
                else:
                    self.report(line, f"«Status: {value}» er ikke tillatt. Bruk «- [ ]» for åpen, «- [x]» for ferdig, eller «Status: utgår».")
        if not task:
            self.report(line, "oppfølgingspunktet mangler selve oppgaven foran «Ansvar:».")
        action.task = task
        if "ansvar" not in seen:
            self.report(line, "oppfølgingspunktet mangler «Ansvar:». Skriv hvem som skal gjøre det, for eksempel «Ansvar: Kari Nordmann.»")
        return action

    def owners(self, value: str, line: int) -> list[str]:
        return resolve_list(self.ctx.names["person_or_group"], value, line, self.report)

    def carried_ref(self, action: model.ActionItem, value: str, line: int) -> None:
        key = _KEY.match(value)
        if key:
            self.result.meeting_refs.append(MeetingRef("carried", action, value, line, self.ctx.meeting_id, key=value))
            return
        parts = [p.strip() for p in value.split(",") if p.strip()]
        ref = MeetingRef("carried", action, value, line, self.ctx.meeting_id)
        meeting_part = parts[0] if parts else ""
        for part in parts[1:]:
            item = _ITEM_REF.match(part)
            point = _POINT.match(part)
            if item:
                ref.item = item.group(1).strip()
            elif point:
                ref.point = int(point.group(1))
            else:
                self.report(
                    line, f"«Fra: {value}»: forstår ikke «{part}». Skriv for eksempel «Fra: 2026-01-15, sak 3» eller «Fra: 2026-01-15, sak 3, punkt 2»."
                )
                return
        if ref.item is None:
            self.report(line, f"«Fra: {value}» mangler saken. Skriv for eksempel «Fra: 2026-01-15, sak 3».")
            return
        if self.meeting_part(ref, meeting_part, line):
            self.result.meeting_refs.append(ref)

    def meeting_part(self, ref: MeetingRef, text: str, line: int) -> bool:
        """Fill `ref` with the meeting `text` names: [group/]stem, or [group] date."""
        text = re.sub(r"^(møtet|møte|referatet fra|referat fra)\s+", "", text.strip(), flags=re.IGNORECASE)
        path = re.match(r"^(?:(?P<group>[a-z0-9-]+)/)?(?P<stem>[a-z0-9][a-z0-9-]*)$", text)
        if path:
            ref.group = path.group("group")
            ref.stem = path.group("stem")
            return True
        date, problem = find_date(text)
        if problem:
            self.report(line, f"«{ref.text}»: {problem}.")
            return False
        if date is None:
            self.report(line, f"«{ref.text}»: finner ingen dato eller møte-id. Skriv møtets dato, for eksempel «16. januar 2025» eller «2025-01-16».")
            return False
        ref.date = date
        before = re.split(r"\d", text, maxsplit=1)[0].strip()
        if before:
            group, _ = self.ctx.names["group"].resolve(before)
            ref.group = group
        return True

    def meeting_ref(self, kind: str, target: object, text: str, line: int, written: str = "", required: bool = True) -> None:
        ref = MeetingRef(kind, target, written or text, line, self.ctx.meeting_id, required=required)
        if self.meeting_part(ref, text, line):
            self.result.meeting_refs.append(ref)

    # -- links ---------------------------------------------------------

    def link(self, index: int, match: re.Match) -> bool:
        """A label line; False when it turns out to be ordinary text."""
        label = match.group("label")
        kind = LINK_KINDS[label.lower()]
        value = match.group("value").rstrip()
        line = self.line_number(index)
        assert self.item is not None
        if kind == "meeting":
            if not (looks_like_date(value) or _MEETING_NAME.fullmatch(value.strip())):
                return False  # «Gjelder: alle kommunene» is text
            self.flush_prose()
            self.meeting_ref("refers", self.item, value, line)
            self.blocks.append(model.LinkLine(label, kind, [], line))
            return True
        index_ = self.ctx.names[kind]
        if label.lower() in ("gruppe", "grupper") and not any(index_.resolve(n)[0] for n in [value, *split_names(value)]):
            return False  # «Grupper: vi delte oss i tre» is text; «Arbeidsgrupper:» always links
        self.flush_prose()
        targets = resolve_list(index_, value, line, self.report)
        self.blocks.append(model.LinkLine(label, kind, targets, line))
        attribute = {"focus_area": "focus_areas", "cluster": "clusters", "group": "groups"}[kind]
        bucket = getattr(self.item, attribute)
        areas = targets if kind == "focus_area" else [a for t in targets for a in self.ctx.areas_of_group.get(t, [])] if kind == "group" else []
        for target in targets:
            if target not in bucket:
                bucket.append(target)
        for area in areas:
            if area not in self.item.focus_areas:
                self.item.focus_areas.append(area)
            if area not in self.item_areas:
                self.item_areas.append(area)
        return True


def _date_part(title: str) -> str:
    """«Godkjenning av referat fra møtet 16. januar 2025» → «16. januar 2025»."""
    match = re.search(r"\d", title)
    return title[match.start() :] if match else title


def resolve_list(index: NameIndex, value: str, line: int, report: Report) -> list[str]:
    """Names separated by commas or «og», each resolved; a whole name with «og» in it wins."""
    value = value.strip().rstrip(".")
    whole, _ = index.resolve(value)
    if whole:
        return [whole]
    found: list[str] = []
    for part in re.split(r"[,;]", value):
        part = part.strip()
        if not part:
            continue
        ref, problem = index.resolve(part)
        names = split_names(part) if ref is None else [part]
        for name in names if len(names) > 1 else [part]:
            ref, problem = index.resolve(name)
            if ref is None:
                report(line, problem or f"ukjent navn «{name}»")
            elif ref not in found:
                found.append(ref)
    return found


# What `make new-meeting` wrote into the body before its help moved into the
# front matter's comments: help for the secretary, never minutes. A file made
# by an older template (or copied from one) would have published it.
FORMER_TEMPLATE_HELP = (
    "Skriv referatet fra saken her.",
    "Kryss av ([x]) det som er gjort. Det som skal følges opp videre, står åpent ([ ]).",
)


def report_template_help(body: str, first_line: int, report: Report) -> None:
    """Report each line that is still the template's help text."""
    if not any(help_text in body for help_text in FORMER_TEMPLATE_HELP):
        return
    for offset, line in enumerate(body.split("\n")):
        if line.strip() in FORMER_TEMPLATE_HELP:
            report(
                first_line + offset,
                f"«{line.strip()}» er hjelpetekst fra malen og ville blitt vist på nettstedet. Skriv hva som ble sagt i saken, eller slett linjen.",
            )


def read_body(body: str, first_line: int, ctx: Context, report: Report) -> Body:
    report_template_help(body, first_line, report)
    return _Reader(body, first_line, ctx, report).read()
