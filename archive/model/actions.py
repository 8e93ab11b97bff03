"""Action items across meetings: chains of carried-forward items.

An action item stays open until a later meeting closes it. A later meeting
carries an item forward by recording an action with `fra: <meeting-id>#<id>`
(ActionItem.carried_from, which names ActionItem.key of the earlier entry);
the later entry supersedes the earlier one, and the latest entry's status is
the status of the whole chain.

A planned meeting has not been held: its follow-ups are its agenda, not part
of any chain, so a meeting not yet held is never where a task was «last
followed up» and changes no task's status, owner or deadline.

Nothing here knows about MkDocs. `build_chains` is linear in the number of
action items: every entry is visited a bounded number of times.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from archive import model


@dataclass
class ActionChain:
    """One task as it travelled through the meetings, oldest entry first."""

    entries: list[model.ActionItem]

    @property
    def first(self) -> model.ActionItem:
        return self.entries[0]

    @property
    def latest(self) -> model.ActionItem:
        return self.entries[-1]

    @property
    def status(self) -> str:
        return self.latest.status

    @property
    def is_open(self) -> bool:
        return self.latest.status == "åpen"

    @property
    def owners(self) -> list[str]:
        return self.latest.owner

    @property
    def key(self) -> str:
        """The key of the entry where the task was first recorded."""
        return self.first.key


def build_chains(meetings: Iterable[model.Meeting]) -> list[ActionChain]:
    """Group every action item into its chain, in the order the meetings come.

    `meetings` must be oldest first (Repository keeps them so). Planned
    meetings are left out (see the module's docstring). A reference to an
    unknown key, or to a planned meeting's follow-up, starts a chain of its
    own (the validator reports both), and a loop of references, which only a
    hand-edited mistake can make, is cut where it closes.
    """
    ordered = [action for meeting in meetings if meeting.held for action in meeting.actions]
    position = {action.key: index for index, action in enumerate(ordered)}
    root_of: dict[str, str] = {}

    def root(action: model.ActionItem) -> str:
        # Walk back along `fra` until an entry with no (known) predecessor.
        path: list[str] = []
        current = action
        seen: set[str] = set()
        while True:
            if current.key in root_of:
                found = root_of[current.key]
                break
            seen.add(current.key)
            path.append(current.key)
            parent_key = current.carried_from
            if not parent_key or parent_key not in position or parent_key in seen:
                found = current.key
                break
            current = ordered[position[parent_key]]
        for key in path:
            root_of[key] = found
        return found

    by_root: dict[str, list[model.ActionItem]] = defaultdict(list)
    for action in ordered:
        by_root[root(action)].append(action)
    # Chains come in the order of their first entry; entries in meeting order.
    return [ActionChain(entries) for entries in by_root.values()]


def carry_context(meetings: Iterable[model.Meeting]) -> None:
    """Give each follow-up carried on with «Fra:» the working group and focus
    areas of the one it follows up, when it stands outside a group's part itself.

    A carried follow-up usually stands under «Oppfølging fra tidligere møter»,
    an item that links no focus area; without this it lost its area, and the
    register's focus-area filter lost the task. Its own areas are kept too.
    Oldest first, so a task carried twice keeps what it had at the start.
    """
    by_key: dict[str, model.ActionItem] = {}
    for meeting in sorted(meetings, key=lambda m: (m.sort_date, m.id)):
        for action in meeting.actions:
            origin = by_key.get(action.carried_from) if action.carried_from else None
            if origin is not None:
                if action.group is None:
                    action.group = origin.group
                action.focus_areas = [*origin.focus_areas, *(area for area in action.focus_areas if area not in origin.focus_areas)]
        for action in meeting.actions:
            by_key[action.key] = action


def sorted_open_first(chains: Iterable[ActionChain]) -> list[ActionChain]:
    """Open chains first; within each, the oldest task first (stable otherwise)."""
    return sorted(chains, key=lambda chain: not chain.is_open)
