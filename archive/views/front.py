"""The front page: what members want first.

The next meeting (with its agenda and a calendar file), the latest minutes
with what was decided, the follow-ups that are overdue or open, how to
subscribe; the way into the rest of the site comes after.
"""

from __future__ import annotations

from archive import model
from archive.model import paths
from archive.model.formatting import meeting_date, meeting_time, norwegian_date, plural
from archive.model.paths import url
from archive.model.repository import Repository
from archive.safety.markdown import render_inline
from archive.views import exports
from archive.views.common import follow_up_order, group_name, is_overdue, item_label, meeting_link, meeting_status_badge
from archive.views.html import Markup, a, concat, join, tag, unordered_list
from archive.views.meetings import follow_up_table, open_chains
from archive.views.pages import Heading, Later, Page

SECTIONS = [
    (paths.ARCHIVE_PAGE, "Møter", "Alle referater, nyeste først"),
    (paths.DECISIONS_PAGE, "Vedtak", "Hva som er bestemt"),
    (paths.ACTIONS_PAGE, "Oppfølging", "Hvem gjør hva, og når"),
    (paths.FOCUS_AREAS_PAGE, "Satsingsområder", "Arbeidsgruppenes områder"),
    (paths.CLUSTERS_PAGE, "Klynger", "Næringsklyngene i regionen"),
    (paths.CONTACTS_PAGE, "Kontakter", "Hvem er hvem, og grupper"),
    (paths.CALENDAR_PAGE, "Kalender", "Møter og arrangementer"),
    (paths.ATTENDANCE_PAGE, "Oppmøte", "Hvem kom på møtene"),
    (paths.HELP_PAGE, "Hjelp", "Slik bruker du nettstedet"),
]
# How much of each list the front page shows; each links to the whole.
FRONT_DECISIONS = 6
FRONT_FOLLOW_UPS = 8
FRONT_LATER_MEETINGS = 4


def front_page(repo: Repository, here: str = paths.FRONT_PAGE) -> Page:
    page = Page(here, "Forside", hide=("navigation", "toc"))
    page.blocks.append(Heading(1, "Næringsgruppen i Osloregionen", ""))
    page.blocks.append(
        tag(
            "p",
            "Møtereferater, vedtak og oppfølging for Osloregionens faggruppe for næringssamarbeid og arbeidsgruppene under den.",
            class_="front-intro",
        )
    )
    coming = [m for m in repo.meetings if m.status == "planlagt" and m.sort_date >= repo.today]
    page.blocks.append(Heading(2, "Neste møte", "neste-mote"))
    page.blocks.append(Later(lambda: next_meeting(repo, coming, here), searchable=False))
    held = [m for m in repo.meetings if m.held and m.minutes_in_archive]
    page.blocks.append(Heading(2, "Siste referat", "siste-referat"))
    page.blocks.append(Later(lambda: latest_minutes(repo, held[-1] if held else None, here), searchable=False))
    page.blocks.append(Heading(2, "Oppfølging", "oppfolging"))
    page.blocks.append(Later(lambda: follow_ups(repo, here), searchable=False))
    page.blocks.append(Heading(2, "Abonner", "abonner"))
    page.blocks.append(subscribe_links(here))
    page.blocks.append(Heading(2, "Arrangementer", "arrangementer"))
    page.blocks.append(event_list(repo, here))
    page.blocks.append(Heading(2, "Finn fram", "finn-fram"))
    cards = [tag("li", a(url(here, target), tag("strong", label) + tag("span", text))) for target, label, text in SECTIONS]
    page.blocks.append(tag("nav", tag("ul", cards, class_="section-cards"), aria_label="Hovedområder"))
    return page


def next_meeting(repo: Repository, coming: list[model.Meeting], here: str) -> Markup:
    """The next meeting with its time, place and agenda, a calendar file, and the few after it."""
    if not coming:
        return tag("p", "Ingen kommende møter er lagt inn ennå. ") + tag("p", a(url(here, paths.CALENDAR_PAGE), "Se kalenderen"))
    following = coming[0]
    facts = [meeting_date(following)]
    if meeting_time(following):
        facts.append(meeting_time(following))
    if following.place:
        facts.append(following.place)
    if following.online:
        facts.append(f"digitalt: {following.online}")
    parts = [
        tag("p", [tag("strong", meeting_link(repo, following, here, label=f"{group_name(repo, following.group)}, {meeting_date(following)}"))]),
        tag("p", ", ".join(facts[1:]) or "Tid og sted er ikke satt ennå.", class_="next-meeting__facts"),
    ]
    if following.agenda:
        parts.append(tag("p", "Saksliste:", class_="next-meeting__label"))
        parts.append(tag("ol", [tag("li", a(url(here, following.src_path, item.anchor), item_label(item))) for item in following.agenda], class_="plain-list"))
    tools = [a(url(here, following.src_path), "Les innkallingen")]
    if following.date:
        tools.append(a(paths.file_url(here, f"{paths.EXPORT_DIR}/{paths.meeting_calendar_file(following.id)}"), "Legg i kalender (.ics)"))
    parts.append(tag("p", join(tools, " · "), class_="next-meeting__tools"))
    later = coming[1 : 1 + FRONT_LATER_MEETINGS]
    if later:
        parts.append(tag("p", "Senere:", class_="next-meeting__label"))
        parts.append(unordered_list(meeting_link(repo, m, here) for m in later))
    return tag("div", parts, class_="next-meeting")


def latest_minutes(repo: Repository, latest: model.Meeting | None, here: str) -> Markup:
    """The latest minutes and what they decided, under their items."""
    if latest is None:
        return tag("p", "Ingen referater er lagt inn ennå.")
    parts = [tag("p", concat(meeting_link(repo, latest, here), " ", meeting_status_badge(latest)))]
    decisions = latest.decisions
    if decisions:
        entries = [
            concat(a(url(here, latest.src_path, item.anchor), item_label(item)), ": ", render_inline(decision.text))
            for item, decision in decisions[:FRONT_DECISIONS]
        ]
        parts.append(tag("p", f"Vedtak ({len(decisions)}):", class_="next-meeting__label"))
        parts.append(tag("ul", [tag("li", entry) for entry in entries], class_="front-decisions", lang="nn" if latest.language == "nn" else None))
        if len(decisions) > FRONT_DECISIONS:
            parts.append(tag("p", a(url(here, latest.src_path, "vedtak-og-oppfolging"), f"Alle {len(decisions)} vedtak fra møtet")))
    else:
        parts.append(tag("p", "Referatet har ingen vedtak."))
    return Markup("\n").join(parts)


def follow_ups(repo: Repository, here: str) -> Markup:
    """The overdue follow-ups first, then the open ones by deadline."""
    still_open = sorted(open_chains(repo), key=lambda c: follow_up_order(repo, c))
    if not still_open:
        return tag("p", "Ingen åpne oppfølgingspunkter.")
    overdue = sum(1 for c in still_open if is_overdue(c.status, c.latest.due, repo.today))
    summary = plural(len(still_open), "åpent oppfølgingspunkt", "åpne oppfølgingspunkter") + (f", {overdue} av dem forfalt" if overdue else "") + "."
    link = tag("p", a(url(here, paths.ACTIONS_PAGE), "Alle åpne oppfølgingspunkter"))
    return tag("p", summary) + follow_up_table(repo, still_open[:FRONT_FOLLOW_UPS], here) + link


def subscribe_links(here: str) -> Markup:
    """Where to subscribe: the calendar and the news feed, here and on the calendar page."""
    calendar = paths.file_url(here, f"{paths.EXPORT_DIR}/{exports.CALENDAR_FILE}")
    feed = paths.file_url(here, f"{paths.EXPORT_DIR}/{exports.FEED_FILE}")
    links = [
        a(calendar, "Kalender med alle møter (.ics)"),
        a(feed, "Nyhetsstrøm med nye referater (Atom)", type="application/atom+xml"),
        a(url(here, paths.CALENDAR_PAGE, "abonner"), "Abonner, eller velg én gruppe"),
    ]
    return tag("ul", [tag("li", link) for link in links], class_="subscribe-links")


def event_list(repo: Repository, here: str) -> Markup:
    if not repo.events:
        return tag("p", "Ingen arrangementer er lagt inn.")
    coming = sorted((e for e in repo.events.values() if e.date and e.date >= repo.today), key=lambda e: e.date)
    past = sorted((e for e in repo.events.values() if e.date and e.date < repo.today), key=lambda e: e.date, reverse=True)
    if coming:
        return unordered_list(tag("strong", f"{norwegian_date(e.date)}:") + " " + event_text(e) for e in coming[:8])
    return tag("p", "Ingen kommende arrangementer er lagt inn. Tidligere:") + unordered_list(f"{norwegian_date(e.date)}: " + event_text(e) for e in past[:5])


def event_text(event: model.Event) -> Markup:
    text = a(event.link, event.title) if event.link else tag("span", event.title)
    if event.place:
        text += f", {event.place}"
    return text
