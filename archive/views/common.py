"""Links, badges and small pieces every page of the site shares."""

from __future__ import annotations

import datetime as dt

from archive import model
from archive.model import paths, schema
from archive.model.formatting import meeting_title
from archive.model.paths import url
from archive.model.repository import Repository
from archive.views.html import Markup, a, badge, tag

# -- links -----------------------------------------------------------------


def _cached_link(repo: Repository, kind: str, ref: str, here: str, make) -> Markup:
    """Links depend on the page only through its depth: made once per depth and target.

    A large archive links the same people and groups hundreds of thousands of times.
    """
    cache = repo.__dict__.setdefault("_link_cache", {})
    key = (kind, ref, paths.page_url(here).count("/"))
    link = cache.get(key)
    if link is None:
        link = cache[key] = make()
    return link


def person_link(repo: Repository, person_id: str, here: str) -> Markup:
    person = repo.people.get(person_id)
    if person is None:
        return tag("span", person_id)
    return _cached_link(repo, "person", person_id, here, lambda: a(url(here, paths.person_page(person.id)), person.name))


def group_link(repo: Repository, group_id: str, here: str) -> Markup:
    group = repo.groups.get(group_id)
    if group is None:
        return tag("span", group_id)
    return _cached_link(repo, "group", group_id, here, lambda: a(url(here, paths.group_page(group.id)), group.name))


def owner_link(repo: Repository, ref: str, here: str) -> Markup:
    return group_link(repo, ref, here) if ref in repo.groups else person_link(repo, ref, here)


def focus_area_link(repo: Repository, area_id: str, here: str) -> Markup:
    area = repo.focus_areas[area_id]
    return _cached_link(repo, "area", area_id, here, lambda: a(url(here, paths.focus_area_page(area.id)), area.name))


def cluster_link(repo: Repository, cluster_id: str, here: str) -> Markup:
    cluster = repo.clusters[cluster_id]
    return _cached_link(repo, "cluster", cluster_id, here, lambda: a(url(here, paths.CLUSTERS_PAGE, cluster.id), cluster.name))


def organisation_anchor(org_id: str) -> str:
    return f"org-{org_id}"


def organisation_link(repo: Repository, org_id: str | None, here: str) -> Markup:
    if not org_id or org_id not in repo.organisations:
        return Markup("")
    org = repo.organisations[org_id]
    return _cached_link(repo, "org", org_id, here, lambda: a(url(here, paths.ORGANISATIONS_PAGE, organisation_anchor(org.id)), org.name))


def group_name(repo: Repository, group_id: str) -> str:
    group = repo.groups.get(group_id)
    return group.name if group else group_id


def meeting_name(repo: Repository, meeting: model.Meeting) -> str:
    """«Næringsgruppen, 16. januar 2025»: group and date, distinct for every meeting."""
    return meeting_title(meeting, group_name(repo, meeting.group))


def meeting_link(repo: Repository, meeting: model.Meeting, here: str, anchor: str = "", label: str | None = None) -> Markup:
    if anchor or label:
        return a(url(here, meeting.src_path, anchor), label or meeting_name(repo, meeting))
    return _cached_link(repo, "meeting", meeting.id, here, lambda: a(url(here, meeting.src_path), meeting_name(repo, meeting)))


def item_link(repo: Repository, meeting: model.Meeting, item: model.AgendaItem, here: str) -> Markup:
    return _cached_link(
        repo,
        "item",
        f"{meeting.id}#{item.anchor}",
        here,
        lambda: a(url(here, meeting.src_path, item.anchor), f"{meeting_name(repo, meeting)}, {item_reference(item)}"),
    )


def item_label(item: model.AgendaItem) -> str:
    """The item's heading with its number as the minutes have it: «3. Klynger», or «[4] Klynger»
    when the secretary added the number (the original has none), or the title alone."""
    if item.number_restored and item.number:
        return f"[{item.number}] {item.title}"
    return item.label


def item_reference(item: model.AgendaItem) -> str:
    """How running text names the item: «sak 3», «sak [4]» for a number the original lacks."""
    if item.number_restored and item.number:
        return f"sak [{item.number}]"
    return item.reference


def breadcrumb(here: str, crumbs: list[tuple[str, str]]) -> Markup:
    """Where a page sits: links (source path, label) from the top down to the page's parent."""
    return tag(
        "nav",
        tag("ol", [tag("li", a(url(here, target), label)) for target, label in crumbs]),
        class_="breadcrumb",
        aria_label="Brødsmulesti",
        data_pagefind_ignore="all",
    )


# One colour per meaning: a follow-up's state, a meeting's state; a group's or a
# focus area's state has no colour of its own (a plain outline).
MEETING_STATUS_KIND = {"planlagt": "planned", "utkast": "draft", "godkjent": "approved"}
ACTION_STATUS_LABELS = {"åpen": "Åpen", "ferdig": "Ferdig", "utgår": "Utgår"}
ACTION_STATUS_KIND = {"åpen": "open", "ferdig": "done", "utgår": "dropped"}
OVERDUE = "Forfalt"


def meeting_status_badge(meeting: model.Meeting) -> Markup:
    return badge(schema.MEETING_STATUS_SHORT[meeting.status], MEETING_STATUS_KIND[meeting.status])


def is_overdue(status: str, due: dt.date | None, today: dt.date) -> bool:
    """An open follow-up whose deadline has passed."""
    return status == "åpen" and due is not None and due < today


def action_status_badge(status: str, due: dt.date | None = None, today: dt.date | None = None) -> Markup:
    """«Åpen», «Ferdig», «Utgår», or «Forfalt» for an open follow-up past its deadline.

    An open follow-up with a deadline carries it (data-due), so that the page
    can say «Forfalt» once the day has passed, before the site is built again.
    """
    if today is not None and is_overdue(status, due, today):
        return badge(OVERDUE, "overdue")
    if status == "åpen" and due is not None:
        return tag("span", ACTION_STATUS_LABELS[status], class_="badge badge--open", data_due=due.isoformat())
    return badge(ACTION_STATUS_LABELS[status], ACTION_STATUS_KIND[status])


def follow_up_order(repo: Repository, chain) -> tuple:
    """Overdue first, oldest deadline first; then the other open ones by deadline, those
    without one last; then the closed ones, the latest closed first."""
    due = chain.latest.due
    if chain.is_open:
        return (0 if is_overdue(chain.status, due, repo.today) else 1, due or dt.date.max, 0, chain.key)
    return (2, dt.date.max, -repo.meetings_by_id[chain.latest.meeting_id].sort_date.toordinal(), chain.key)


def group_status_badge(status: str) -> Markup:
    return badge(status.capitalize(), "state")


def search_filters(**values) -> Markup:
    """Filters and labels the search (Pagefind) reads from a page; nothing a reader sees."""
    spans = []
    for name, value in values.items():
        for one in value if isinstance(value, (list, tuple)) else [value]:
            if one:
                spans.append(tag("span", one, data_pagefind_filter=name))
    return tag("div", spans, hidden=True, data_pagefind_ignore="index")


def search_meta(**values) -> Markup:
    """Labels the search shows beside a result (Pagefind meta, e.g. the date); nothing a reader sees."""
    spans = [tag("span", value, data_pagefind_meta=name) for name, value in values.items() if value]
    return tag("div", spans, hidden=True, data_pagefind_ignore="index")
