"""The front page: what members want first."""

from __future__ import annotations

from archive import model
from archive.model import paths
from archive.model.formatting import meeting_time, norwegian_date, plural
from archive.model.paths import url
from archive.model.repository import Repository
from archive.views.common import meeting_link, meeting_status_badge
from archive.views.directory import focus_area_table
from archive.views.html import Markup, a, tag, unordered_list
from archive.views.meetings import follow_up_table, open_chains
from archive.views.pages import Heading, Page

# -- the front page --------------------------------------------------------

SECTIONS = [
    (paths.ARCHIVE_PAGE, "Møter", "Alle referater, nyeste først"),
    (paths.DECISIONS_PAGE, "Vedtak", "Hva som er bestemt"),
    (paths.ACTIONS_PAGE, "Oppfølging", "Hvem gjør hva, og når"),
    (paths.FOCUS_AREAS_PAGE, "Satsingsområder", "Arbeidsgruppenes områder"),
    (paths.CLUSTERS_PAGE, "Klynger", "Næringsklyngene i regionen"),
    (paths.CONTACTS_PAGE, "Kontakter", "Hvem er hvem"),
    (paths.CALENDAR_PAGE, "Kalender", "Møter og arrangementer"),
    (paths.ATTENDANCE_PAGE, "Oppmøte", "Hvem kom på møtene"),
]


def front_page(repo: Repository, here: str = paths.FRONT_PAGE) -> Page:
    page = Page(here, "Forside", hide=("navigation", "toc"))
    page.blocks.append(Heading(1, "Næringsgruppen i Osloregionen", ""))
    intro = tag(
        "p",
        "Her finner medlemmene av Osloregionens faggruppe for næringssamarbeid alle møtereferater, vedtak og oppfølgingspunkter, satsingsområdene og arbeidsgruppene, klyngene i regionen og hvem som er hvem. Søk øverst på siden (tasten /) for å finne ord i referatene, personer og organisasjoner.",
    )
    cards = [tag("li", a(url(here, target), tag("strong", label) + tag("span", text))) for target, label, text in SECTIONS]
    page.blocks.append(intro + tag("nav", tag("ul", cards, class_="section-cards"), aria_label="Hovedområder"))
    held = [m for m in repo.meetings if m.held and m.minutes_in_archive]
    page.blocks.append(Heading(2, "Siste referat", "siste-referat"))
    if held:
        latest = held[-1]
        summary = [
            plural(len(latest.agenda), "sak", "saker"),
            plural(len(latest.decisions), "vedtak", "vedtak"),
            plural(len(latest.actions), "oppfølgingspunkt", "oppfølgingspunkter"),
        ]
        page.blocks.append(
            tag("p", meeting_link(repo, latest, here) + " " + meeting_status_badge(latest) + tag("br") + "Referatet har " + ", ".join(summary) + ".")
        )
    else:
        page.blocks.append(tag("p", "Ingen referater er lagt inn ennå."))
    page.blocks.append(Heading(2, "Neste møte", "neste-mote"))
    planned = [m for m in repo.meetings if m.status == "planlagt" and m.sort_date >= repo.today]
    if planned:
        following = planned[0]
        when = meeting_time(following)
        page.blocks.append(tag("p", meeting_link(repo, following, here) + (f", {when}" if when else "") + (f", {following.place}" if following.place else "")))
    else:
        page.blocks.append(tag("p", "Ingen kommende møter er lagt inn ennå."))
    page.blocks.append(Heading(2, "Arrangementer", "arrangementer"))
    page.blocks.append(event_list(repo, here))
    still_open = open_chains(repo)
    page.blocks.append(Heading(2, "Åpne oppfølgingspunkter", "apne-oppfolgingspunkter"))
    if still_open:
        shown = still_open[-10:]
        more = tag("p", a(url(here, paths.ACTIONS_PAGE), f"Alle {len(still_open)} åpne oppfølgingspunkter")) if len(still_open) > len(shown) else Markup("")
        page.blocks.append(follow_up_table(repo, reversed(shown), here) + more)
    else:
        page.blocks.append(tag("p", "Ingen åpne oppfølgingspunkter."))
    page.blocks.append(Heading(2, "Satsingsområder", "satsingsomrader"))
    page.blocks.append(focus_area_table(repo, here))
    return page


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
