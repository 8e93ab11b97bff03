"""Pure rendering functions: model objects in, pages out.


Every function takes `here`, the source path of the page it renders for, and
links relative to it (archive/model/paths.py). Pages are made of headings and HTML
blocks (archive/views/pages.py); HTML is built by archive/views/html.py, so text from
minutes and data is escaped by construction, and Markdown written by people is
rendered and cleaned by archive/safety/markdown.py.
"""

from __future__ import annotations


def member_pages(repo, site_url: str) -> list:
    """Every page the views make for members, in the site's order (the hand-written
    pages and the search page are added by archive/site/pages.py)."""
    from archive.views import directory, front, meetings, registers

    return [
        front.front_page(repo),
        *meetings.meeting_archive(repo),
        *meetings.meetings_by_group(repo),
        directory.focus_area_index(repo),
        *(page for area in repo.focus_areas for page in directory.focus_area_pages(repo, area)),
        directory.groups_page(repo),
        *directory.group_pages(repo, site_url),
        directory.cluster_directory(repo),
        *directory.contacts_index(repo),
        *(directory.person_page(repo, person) for person in repo.people.values()),
        *(page for person in repo.people.values() for page in directory.person_meeting_pages(repo, person)),
        directory.organisation_list(repo),
        *registers.action_register(repo),
        *registers.decision_pages(repo),
        *registers.attendance_pages(repo),
        *registers.calendar_page(repo, site_url),
        *(meetings.meeting_page(repo, meeting) for meeting in repo.meetings),
    ]


def export_files(repo, site_url: str, generated) -> dict[str, str]:
    """File name (inside eksport/) → text, for every generated file: the calendars, feeds
    and open data (archive/views/exports.py) and the registers' rows for their filters
    (archive/views/lists.py)."""
    from archive.views import directory, exports, lists, meetings, registers

    files = exports.calendar_feed_and_data_files(repo, site_url, generated)
    rows = [registers.follow_up_data(repo), registers.decision_data(repo), meetings.archive_data(repo), directory.contact_data(repo)]
    files.update(lists.list_files(rows))
    return files
