"""iCalendar export: one all-day event per activity whose start is known to the day.

Written with the icalendar library (the ``ics`` extra).

- An event starts on the activity's first day and ends, exclusively as RFC 5545
  wants, the day after its last day; an activity without an end, or with an end
  known only to the month or season, is one day long, and a note says so. An
  event on the last day a date can have, 9999-12-31, gets a ``DURATION`` instead
  of a ``DTEND`` in the year 10000, which no date holds.
- Its ``UID`` is derived from the publisher, project id and activity id, so the
  same activity keeps its event when a calendar is imported again.
- ``LOCATION`` holds the place as the data gives it (or, failing that, the place
  of the activity it is part of), with the municipality's name from the code
  list; ``DESCRIPTION`` the activity's description, project, kind, languages,
  provider and documents.
- An activity dated only to the month, season or year is left out and listed in
  the notes, never given an invented day. Undated activities are counted there.
"""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path
from typing import Final

from icalendar import Calendar, Event, vText

from .._version import __version__
from ..codelists import builtin_codelists
from ..io import write_atomically
from ..model import Activity, Dataset, Precision, Project

UID_NAMESPACE: Final = uuid.UUID("7f3c1f0e-2b1e-5d6a-9c44-0d5e6b1a8e21")
"""The namespace of event UIDs; never change it, or every calendar sees new events."""
UID_DOMAIN: Final = "grprojects"


def event_uid(dataset: Dataset, project: Project, activity: Activity) -> str:
    """A stable, globally unique UID for an activity's event."""
    publisher = dataset.publisher
    origin = publisher.url or publisher.organisation or publisher.name.sv
    name = "\x1f".join((origin, project.id, activity.id))
    return f"{uuid.uuid5(UID_NAMESPACE, name)}@{UID_DOMAIN}"


def _title(codelist: str, code: str) -> str:
    found = builtin_codelists().get(codelist)
    return found.title_of(code) if found is not None else code


def _organisation(dataset: Dataset, id: str | None) -> str | None:  # noqa: A002 - the wire name
    if id is None:
        return None
    try:
        return dataset.organisation(id).name.sv
    except KeyError:
        return id


def location(project: Project, activity: Activity) -> str | None:
    """Where the activity is, in words: the place's name, municipality and country.

    An activity without a place of its own is where the activity it is part of is.
    """
    place, seen = activity.place, {activity.id}
    parents = {a.id: a for a in project.activities}
    while place is None and activity.part_of in parents and activity.part_of not in seen:
        activity = parents[activity.part_of]
        place = activity.place
        seen.add(activity.id)
    if place is None:
        return None
    parts = [place.name.sv] if place.name else []
    if place.municipality:
        municipality = _title("municipality", place.municipality)
        if municipality not in parts:
            parts.append(municipality)
    if place.country != "SE" or not parts:
        parts.append(place.country)
    return ", ".join(parts)


def description(dataset: Dataset, project: Project, activity: Activity) -> str:
    """What a person reading the event wants to know, one fact a line."""
    lines = [activity.description.sv, ""] if activity.description else []
    lines.append(f"Projekt: {project.name.sv}")
    lines.append(f"Typ: {_title('activity-kind', activity.kind)}")
    if activity.part_of:
        parent = next((a for a in project.activities if a.id == activity.part_of), None)
        lines.append(f"Del av: {parent.title.sv if parent else activity.part_of}")
    if activity.languages:
        names = ", ".join(_title("language", code) for code in activity.languages)
        lines.append(f"Språk: {names}")
    for label, organisation in (("Utförare", activity.provider), ("Värd", activity.host)):
        name = _organisation(dataset, organisation)
        if name:
            lines.append(f"{label}: {name}")
    titles = {d.id: d.title.sv for d in project.documents}
    for document in activity.documents:
        lines.append(f"Dokument: {titles.get(document, document)}")
    return "\n".join(lines)


def _event(dataset: Dataset, project: Project, activity: Activity, notes: list[str]) -> Event:
    assert activity.period is not None  # noqa: S101 - only dated activities come here
    assert activity.period.start is not None  # noqa: S101 - only dated activities come here
    start = activity.period.start.earliest
    end = activity.period.end
    last = start
    if end is not None and end.precision is Precision.DAY and end.earliest >= start:
        last = end.earliest
    elif end is not None:
        notes.append(
            f"{project.id}/{activity.id}: ends {end} ({end.precision.name.lower()}), "
            "shown as its first day only"
        )
    event = Event()
    event.add("uid", event_uid(dataset, project, activity))
    event.add("dtstamp", dt.datetime.now(dt.UTC).replace(microsecond=0))
    event.add("dtstart", start)
    if last < dt.date.max:
        event.add("dtend", last + dt.timedelta(days=1))
    else:  # the day after 9999-12-31 has no date; a duration says the same
        event.add("duration", dt.timedelta(days=(last - start).days + 1))
    event.add("summary", activity.title.sv)
    event.add("description", description(dataset, project, activity))
    event.add("categories", [_title("activity-kind", activity.kind)])
    where = location(project, activity)
    if where:
        event.add("location", where)
    return event


def calendar(dataset: Dataset) -> tuple[Calendar, list[str]]:
    """The calendar of ``dataset``'s day-dated activities, and notes on those left out."""
    cal = Calendar()
    cal.add("prodid", f"-//grprojects//grprojects {__version__}//SV")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", vText(dataset.title.sv))  # TEXT, escaped: icalendar takes an
    # X- property's value as it is, and a line break in the title would break the file
    notes: list[str] = []
    undated: list[str] = []
    for project in dataset.projects:
        for activity in project.activities:
            start = activity.period.start if activity.period else None
            if start is None:
                undated.append(f"{project.id}/{activity.id}")
            elif start.precision is not Precision.DAY:
                notes.append(
                    f"{project.id}/{activity.id} ({activity.title.sv}): dated {start} "
                    f"({start.precision.name.lower()} only), not in the calendar"
                )
            else:
                cal.add_component(_event(dataset, project, activity, notes))
    if undated:
        notes.append(f"{len(undated)} activities without a date: {', '.join(undated)}")
    return cal, notes


def write(dataset: Dataset, path: Path) -> list[str]:
    """Write the calendar to ``path`` atomically; return the notes on what was left out."""
    cal, notes = calendar(dataset)
    write_atomically(path, cal.to_ical())
    return notes
