"""The site's charts: small SVG strips that share one time or number scale.

A timeline is a list of rows, each an HTML label beside an SVG strip whose shapes
are placed in percent of its width, so the same markup fits a phone and a wide
screen with text that never shrinks, filtering hides rows like any other HTML, and
every row's facts are written out in text beside it. A date known only to the
season, month or year is drawn as the whole span it may be (striped), never as an
invented day.

Drawn here rather than with a plotting library: the shapes are a few rectangles,
and what matters is that they are honest about partial dates and counts with
qualifiers, carry text alternatives and links, and fetch nothing. matplotlib would
bring numpy and write unlabelled paths; pygal's interactive charts load their
script from a CDN.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable
from typing import Final

import attrs
from markupsafe import Markup

from ..model import Count, PartialDate
from .markup import html
from .words import Words

ONE_DAY: Final = dt.timedelta(days=1)


def after(day: dt.date) -> dt.date:
    """The day after ``day``, where spans end; 9999-12-31 has none (the year 10000 holds no
    date), so a span ending then stops a day short, which no strip can show."""
    return day + ONE_DAY if day < dt.date.max else day


NARROWEST: Final = 0.4
"""Spans narrower than this (percent of the strip) are drawn as a dot, so they show."""

PATTERNS: Final = Markup(
    '<svg class="defs" width="0" height="0" aria-hidden="true" focusable="false"><defs>'
    '<pattern id="uncertain" width="6" height="6" patternUnits="userSpaceOnUse" '
    'patternTransform="rotate(45)"><rect width="6" height="6" class="uncertain-ground"/>'
    '<rect width="3" height="6" class="uncertain-stripe"/></pattern></defs></svg>'
)
"""The stripes of uncertain spans, defined once per page and used by every strip."""
_RECT: Final = '<rect class="{}" x="{}" y="{}" width="{}" height="{}" rx="2"/>'
_CIRCLE: Final = '<circle class="{} dot" cx="{}" cy="{}" r="5"/>'
_LINE: Final = '<line class="grid" x1="{0}" x2="{0}" y1="0" y2="100%"/>'
_TEXT: Final = '<text x="{}" y="14" text-anchor="{}">{}</text>'


@attrs.frozen
class TimeScale:
    """Whole years from the first to the last day any shape needs."""

    start: dt.date
    end: dt.date
    """The day after the last one shown."""

    empty: bool = False
    """No shape has a date: the strips stay empty and the axis has no years."""

    @classmethod
    def around(cls, dates: Iterable[PartialDate | None]) -> TimeScale:
        """The whole years covering every day ``dates`` may be.

        Without any date the scale is marked empty (and its year is an arbitrary
        one, never today's, so a site is the same whenever it is written).
        """
        known = [d for d in dates if d is not None]
        if not known:
            return cls(dt.date(2000, 1, 1), dt.date(2001, 1, 1), empty=True)
        first = min(d.earliest for d in known)
        last = max(d.latest for d in known)
        return cls(dt.date(first.year, 1, 1), after(dt.date(last.year, 12, 31)))

    def at(self, day: dt.date) -> float:
        """Where ``day`` begins, in percent of the strip."""
        whole = (self.end - self.start).days
        return max(0.0, min(100.0, (day - self.start).days * 100 / whole))

    @property
    def last_year(self) -> int:
        """The last year shown."""
        return self.end.year if self.end == dt.date.max else self.end.year - 1

    @property
    def years(self) -> range:
        """The years shown."""
        return range(self.start.year, self.last_year + 1)


@attrs.frozen
class Bar:
    """A span to draw: a project period or an activity, its ends as precise as known."""

    start: PartialDate | None
    end: PartialDate | None
    kind: str
    """Its look: ``planned`` (outlined), ``actual`` or ``activity`` (filled)."""

    def pieces(self, scale: TimeScale) -> list[tuple[dt.date, dt.date, bool]]:
        """``(from, to, certain)`` pieces: striped where an end is only roughly known."""
        if self.start is None and self.end is None:
            return []
        end_first = after(self.end.earliest) if self.end else scale.end
        end_last = after(self.end.latest) if self.end else scale.end
        start_first = self.start.earliest if self.start else scale.start
        start_last = self.start.latest if self.start else min(end_first, scale.end)
        if start_last >= end_first:
            return [(start_first, end_last, False)]
        found = [(start_first, start_last, False), (start_last, end_first, True)]
        found.append((end_first, end_last, False))
        return [(a, b, certain) for a, b, certain in found if b > a]


def _percent(value: float) -> str:
    return f"{value:.3f}".rstrip("0").rstrip(".") + "%"


@functools.lru_cache(maxsize=8192)
def time_strip(bars: tuple[Bar, ...], scale: TimeScale, label: str) -> Markup:
    """One timeline row's strip, a lane per bar, with ``label`` as its text alternative.

    Remembered: a project's row is drawn alike on the pages of all its organisations.
    """
    lane = 12 if len(bars) > 1 else 14
    shapes = []
    for number, bar in enumerate(bars):
        top = 2 + number * (lane + 2)
        for first, after, certain in bar.pieces(scale):
            x, right = scale.at(first), scale.at(after)
            if right - x < NARROWEST:
                centre = _percent((x + right) / 2)
                shapes.append(html(_CIRCLE, bar.kind, centre, f"{top + lane / 2:g}"))
                continue
            look = bar.kind if certain else f"{bar.kind} uncertain"
            shapes.append(html(_RECT, look, _percent(x), top, _percent(right - x), lane))
    height = 4 + max(1, len(bars)) * (lane + 2)
    return html(
        '<svg class="strip" width="100%" height="{}" role="img" aria-label="{}">{}{}</svg>',
        height,
        label,
        _year_lines(scale),
        Markup("").join(shapes),
    )


@functools.lru_cache(maxsize=64)
def _year_lines(scale: TimeScale) -> Markup:
    return Markup("").join(
        html(_LINE, _percent(scale.at(dt.date(year, 1, 1)))) for year in scale.years[1:]
    )


def time_axis(scale: TimeScale) -> Markup:
    """The years under a timeline (decorative: each row states its dates in text)."""
    if scale.empty:
        return Markup("")
    step = max(1, len(scale.years) // 12)
    labels = []
    for year in scale.years[::step]:
        middle = scale.at(dt.date(year, 7, 1)) if step == 1 else scale.at(dt.date(year, 1, 1))
        anchor = "middle" if step == 1 else "start"
        labels.append(html(_TEXT, _percent(middle), anchor, year))
    return html(
        '<svg class="axis" width="100%" height="20" aria-hidden="true" focusable="false">'
        "{}{}</svg>",
        _year_lines(scale),
        Markup("").join(labels),
    )


def count_strip(count: Count, largest: int, kind: str, label: str) -> Markup:
    """A bar for one figure, striped where the source gives a range or an open bound."""
    largest = max(largest, 1)
    lower = count.lower_bound or 0
    upper = count.upper_bound
    pieces: list[tuple[float, float, bool]] = []
    if lower:
        pieces.append((0, lower, True))
    if upper is not None and upper > lower:
        pieces.append((lower, upper, False))
    elif upper is None:  # "över 1900": open above, drawn a little past the number
        pieces.append((lower, lower + largest * 0.06, False))
    shapes = [
        html(
            _RECT,
            kind if certain else f"{kind} uncertain",
            _percent(a * 100 / largest),
            3,
            _percent((b - a) * 100 / largest),
            14,
        )
        for a, b, certain in pieces
        if b > a
    ]
    return html(
        '<svg class="strip" width="100%" height="20" role="img" aria-label="{}">{}</svg>',
        label,
        Markup("").join(shapes),
    )


def largest_of(counts: Iterable[Count]) -> int:
    """The number a scale of ``counts`` runs to: the largest bound, with room for open ones."""
    found = [c.upper_bound or c.value for c in counts]
    return int(max(found, default=1) * 1.1) + 1


def scale_label(words: Words, scale: TimeScale, rows: int) -> str:
    """The text alternative of a whole timeline."""
    if scale.empty:
        return words("timeline_label_undated", count=rows)
    return words("timeline_label", count=rows, start=scale.start.year, end=scale.last_year)
