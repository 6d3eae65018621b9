"""iCalendar: one all-day event per activity dated to the day, nothing invented."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import icalendar
import pytest

from grprojects import PartialDate, Period, Text
from grprojects.formats import ics, write_dataset
from grprojects.model import Dataset, Place, Precision
from tests.formats.repair import evolve


def events(path: Path) -> list[Any]:
    """The VEVENTs of the calendar at ``path``, parsed by the icalendar library."""
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    return list(calendar.walk("VEVENT"))


@pytest.fixture
def calendar_file(example: Dataset, tmp_path: Path) -> Path:
    """The example written as an iCalendar file."""
    path = tmp_path / "gr.ics"
    write_dataset(example, path)
    return path


def _day_dated(dataset: Dataset) -> list[str]:
    return [
        a.title.sv
        for p in dataset.projects
        for a in p.activities
        if a.period and a.period.start and a.period.start.precision is Precision.DAY
    ]


def test_one_event_per_day_dated_activity(calendar_file: Path, example: Dataset) -> None:
    """The example's four training days are the calendar's four events."""
    found = events(calendar_file)
    assert [str(e["SUMMARY"]) for e in found] == _day_dated(example)
    assert len(found) == 4


def test_events_are_all_day_with_exclusive_ends(calendar_file: Path) -> None:
    """Each training day starts on its date and ends, exclusively, the next day."""
    first = events(calendar_file)[0]
    assert first.decoded("DTSTART") == dt.date(2019, 2, 5)
    assert first.decoded("DTEND") == dt.date(2019, 2, 6)
    assert first["DTSTART"].params["VALUE"] == "DATE"


def test_uids_are_stable_and_unique(example: Dataset, tmp_path: Path) -> None:
    """Two exports give the same UIDs, one per event."""
    write_dataset(example, tmp_path / "a.ics")
    write_dataset(example, tmp_path / "b.ics")
    first = [str(e["UID"]) for e in events(tmp_path / "a.ics")]
    assert first == [str(e["UID"]) for e in events(tmp_path / "b.ics")]
    assert len(set(first)) == len(first)


def test_description_names_project_kind_and_documents(calendar_file: Path) -> None:
    """The description tells the project, the kind and the documents of the day."""
    description = str(events(calendar_file)[0]["DESCRIPTION"])
    assert "Projekt: Föräldrastöd för nyanlända i Göteborgsregionen" in description
    assert "Typ: utbildningsdag" in description
    assert "Del av: Regionala utbildningsdagar" in description
    assert "Dokument: Sammanfattning av utbildningen" in description


def test_coarse_dates_are_listed_not_invented(example: Dataset) -> None:
    """The course-leader training of autumn 2019 is a note, not an event."""
    calendar, notes = ics.calendar(example)
    assert len(list(calendar.walk("VEVENT"))) == 4
    assert any("kursledarutbildning" in n and "2019-23 (season only)" in n for n in notes)
    assert any(n.startswith("12 activities without a date: ") for n in notes)


def _with_activity(example: Dataset, **changes: Any) -> Dataset:
    project = example.projects[1]
    activity = evolve(project.activities[1], **changes)
    changed = evolve(project, activities=[activity])
    return evolve(example, projects=[changed])


def test_a_multi_day_activity_spans_its_days(example: Dataset) -> None:
    """An activity from 2019-05-06 to 2019-05-08 ends, exclusively, on 2019-05-09."""
    period = Period(start=PartialDate(2019, 5, 6), end=PartialDate(2019, 5, 8))
    calendar, notes = ics.calendar(_with_activity(example, period=period))
    (event,) = calendar.walk("VEVENT")
    assert event.decoded("DTEND") == dt.date(2019, 5, 9)
    assert notes == []


def test_an_end_known_to_the_month_is_noted(example: Dataset) -> None:
    """An end of month precision is not turned into a day; the event shows its first day."""
    period = Period(start=PartialDate(2019, 5, 6), end=PartialDate(2019, 6))
    calendar, notes = ics.calendar(_with_activity(example, period=period))
    (event,) = calendar.walk("VEVENT")
    assert event.decoded("DTEND") == dt.date(2019, 5, 7)
    assert len(notes) == 1
    assert "ends 2019-06 (month)" in notes[0]


def test_location_names_place_and_municipality(example: Dataset) -> None:
    """The location is the place's name with the municipality's name from the code list."""
    period = Period(start=PartialDate(2019, 5, 6))
    place = Place(municipality="1481")
    calendar, _ = ics.calendar(_with_activity(example, period=period, place=place))
    (event,) = calendar.walk("VEVENT")
    assert str(event["LOCATION"]) == "Mölndal"


def test_a_part_without_a_place_is_where_its_whole_is(example: Dataset) -> None:
    """A training day without a place of its own is where its series of days is."""
    project = example.projects[1]
    series = next(a for a in project.activities if a.id == "utbildningsdagar")
    day = next(a for a in project.activities if a.part_of == series.id)
    placed = evolve(series, place=Place(name=Text(sv="Burgårdens gymnasium")))
    changed = evolve(project, activities=[placed, day])
    assert day.place is None
    assert ics.location(changed, day) == "Burgårdens gymnasium"


def test_the_same_name_is_not_repeated(example: Dataset) -> None:
    """A place named Göteborg in municipality 1480 is located "Göteborg", once."""
    project = example.projects[1]
    group = next(a for a in project.activities if a.id == "förälder-i-nytt-land-göteborg")
    assert ics.location(project, group) == "Göteborg"


def test_an_activity_on_the_last_possible_day_has_a_duration(example: Dataset) -> None:
    """An event on 9999-12-31 cannot end on a date in the year 10000: it lasts one day."""
    period = Period(start=PartialDate(9999, 12, 30), end=PartialDate(9999, 12, 31))
    calendar, _ = ics.calendar(_with_activity(example, period=period))
    (event,) = icalendar.Calendar.from_ical(calendar.to_ical()).walk("VEVENT")
    assert "DTEND" not in event
    assert event.decoded("DTSTART") == dt.date(9999, 12, 30)
    assert event.decoded("DURATION") == dt.timedelta(days=2)
