"""What each page's template gets: the page's helpers, its timeline rows, its figures.

A :class:`Page` numbers the source markers of one page in the order they first
appear, so the page's list of sources (written last) holds exactly the sources
its markers cite, each one click away.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import attrs
from markupsafe import Markup, escape

from ..model import Activity, Count, Figure, Indicator, Participation, Project, Text
from . import charts
from .charts import Bar, TimeScale
from .markup import html
from .view import Involvement, SiteView, participants_reached, slug
from .words import Words, upper_first


class Page:
    """Helpers for one page: links relative to it and its numbered source markers."""

    def __init__(
        self, view: SiteView, words: Words, root: str, links: dict[tuple[str, ...], Markup]
    ) -> None:
        self.view = view
        self.words = words
        self.root = root
        """The way from the page to the site's top folder: ``""`` or ``"../"``."""
        self.cited: dict[str, int] = {}
        self._links = links
        """Links already made, shared by the pages of a site (a project is on many)."""

    def href(self, path: str) -> str:
        """A link to ``path`` (relative to the site's top) from this page."""
        return self.root + path

    def cite(self, sources: Iterable[str]) -> Markup:
        """Markers ``[1, 2]`` for ``sources``, each a link to its entry in the page's list."""
        links = []
        for source in dict.fromkeys(sources):
            number = self.cited.setdefault(source, len(self.cited) + 1)
            links.append(
                html(
                    '<a href="#cite-{0}"><span class="vh">{1} </span>{0}</a>',
                    number,
                    self.words("source"),
                )
            )
        if not links:
            return Markup("")
        return html('<sup class="cite">[{}]</sup>', Markup(", ").join(links))

    def source_label(self, sources: Iterable[str]) -> str:
        """What a column of claims is headed by: each source's kind and date."""
        labels = []
        for id_ in dict.fromkeys(sources):
            source = self.view.sources.get(id_)
            if source is None:
                labels.append(id_)
                continue
            date = source.published or source.updated
            kind = upper_first(self.words.code("source-kind", source.kind))
            labels.append(f"{kind}, {self.words.date(date)}" if date else kind)
        return "; ".join(labels)

    @property
    def citations(self) -> list[tuple[int, str]]:
        """(number, source id) of every source the page's markers cite, in number order."""
        return [(number, source) for source, number in self.cited.items()]

    def organisation(self, organisation: str | None) -> Markup:
        """The organisation's name as a link to its page (plain text when it has none)."""
        key = ("organisation", self.root, organisation or "")
        found = self._links.get(key)
        if found is None:
            found = self._links[key] = self._organisation(organisation)
        return found

    def _organisation(self, organisation: str | None) -> Markup:
        if organisation is None:
            return html('<span class="muted">{}</span>', self.words("unnamed_organisation"))
        found = self.view.organisations.get(organisation)
        if found is None:
            return escape(organisation)
        return html(
            '<a href="{}">{}</a>',
            self.href(self.view.organisation_files[organisation]),
            self.words.text(found.name),
        )

    def project(self, project: str) -> Markup:
        """The project's name as a link to its page."""
        key = ("project", self.root, project)
        link = self._links.get(key)
        if link is None:
            link = self._links[key] = self._project(project)
        return link

    def _project(self, project: str) -> Markup:
        found = self.view.projects.get(project)
        if found is None:
            return escape(project)
        return html(
            '<a href="{}">{}</a>',
            self.href(self.view.project_files[project]),
            self.words.text(found.name),
        )


@attrs.frozen
class Row:
    """One row of a timeline: a label in HTML beside its strip."""

    label: Markup
    when: str
    strip: Markup
    data: Mapping[str, str] = attrs.field(factory=dict)
    detail: Markup = attrs.field(factory=Markup)


@attrs.frozen
class Timeline:
    """A timeline: its rows, axis and text alternative."""

    rows: Sequence[Row]
    axis: Markup
    label: str


def _timeline(words: Words, scale: TimeScale, rows: Sequence[Row]) -> Timeline:
    return Timeline(rows, charts.time_axis(scale), charts.scale_label(words, scale, len(rows)))


def period_bars(project: Project) -> list[Bar]:
    """A project's periods as bars: planned outlined under actual filled."""
    ordered = sorted(project.periods, key=lambda p: p.status != "planned")
    return [Bar(p.start, p.end, str(p.status)) for p in ordered]


def period_words(words: Words, project: Project) -> str:
    """A project's periods in words: ``planerad: våren 2016 – 2018; faktisk: …``."""
    return "; ".join(
        f"{words(str(p.status))}: {words.period(p.start, p.end)}" for p in project.periods
    ) or words("no_period")


def projects_timeline(
    page: Page,
    projects: Sequence[Project],
    data: Callable[[Project], Mapping[str, str]] = lambda _: {},
    detail: Callable[[Project], Markup] = lambda _: Markup(""),
) -> Timeline:
    """Projects on one time scale, each row linking to its page."""
    words = page.words
    scale = TimeScale.around(d for p in projects for q in p.periods for d in (q.start, q.end))
    rows = []
    for project in projects:
        when = period_words(words, project)
        label = f"{words.plain(project.name)}: {when}"
        strip = charts.time_strip(tuple(period_bars(project)), scale, label)
        rows.append(Row(page.project(project.id), when, strip, data(project), detail(project)))
    return _timeline(words, scale, rows)


def activities_timeline(page: Page, project: Project) -> Timeline | None:
    """The project's periods and its dated activities on one scale; ``None`` if none is dated."""
    words = page.words
    dated = [
        a for a in project.activities_by_date() if a.period and (a.period.start or a.period.end)
    ]
    if not dated and not project.periods:
        return None
    dates = [d for p in project.periods for d in (p.start, p.end)]
    dates += [d for a in dated if a.period for d in (a.period.start, a.period.end)]
    scale = TimeScale.around(dates)
    rows = []
    for period in sorted(project.periods, key=lambda p: p.status != "planned"):
        when = words.period(period.start, period.end)
        title = f"{words('period')} ({words(str(period.status))})"
        strip = charts.time_strip(
            (Bar(period.start, period.end, str(period.status)),), scale, f"{title}: {when}"
        )
        rows.append(Row(escape(title) + page.cite(period.sources), when, strip))
    for activity in dated:
        assert activity.period is not None  # noqa: S101 - filtered above
        when = words.period(activity.period.start, activity.period.end)
        label = html(
            '<a href="#activity-{}">{}</a>', activity_anchor(activity), words.text(activity.title)
        )
        strip = charts.time_strip(
            (Bar(activity.period.start, activity.period.end, "activity"),),
            scale,
            f"{words.plain(activity.title)}: {when}",
        )
        rows.append(Row(label, when, strip))
    return _timeline(words, scale, rows)


def activity_anchor(activity: Activity) -> str:
    """The fragment of an activity's place on its project's page."""
    return slug(activity.id)


def index_timeline(page: Page) -> Timeline:
    """Every project on one timeline, each row carrying what the index's filters read."""
    view, words = page.view, page.words

    def status(project: Project) -> Markup:
        if not project.status:
            return Markup("")
        return html(
            ' <span class="status status-{0}">{1}</span>',
            project.status,
            words.code("project-status", project.status),
        )

    return projects_timeline(page, view.dataset.projects, lambda p: filter_data(view, p), status)


def organisation_timeline(page: Page, involvement: Sequence[Involvement]) -> Timeline:
    """An organisation's projects over time, each row saying its roles and their sources."""
    words = page.words
    by_project = {item.project.id: item for item in involvement}

    def detail(project: Project) -> Markup:
        roles = Markup(", ").join(
            words.code("organisation-role", role) + page.cite(sources)
            for role, sources in by_project[project.id].roles
        )
        return html('<span class="roles">{}: {}</span>', words("roles"), roles)

    return projects_timeline(page, [i.project for i in involvement], detail=detail)


def by_organisation(
    participations: Iterable[Participation],
) -> list[tuple[str | None, list[Participation]]]:
    """Participations grouped by organisation in the order first listed (unnamed ones apart)."""
    found: dict[object, list[Participation]] = {}
    for number, participation in enumerate(participations):
        key = participation.organisation if participation.organisation else number
        found.setdefault(key, []).append(participation)
    return [(group[0].organisation, group) for group in found.values()]


def serving(project: Project, goal: int) -> list[Activity]:
    """The activities that serve sub-goal ``goal``."""
    return [a for a in project.activities if goal in a.goals]


def activities_with(project: Project, document: str) -> list[Activity]:
    """The activities the document belongs to (an invitation to a training day)."""
    return [a for a in project.activities if document in a.documents]


def group_name(project: Project, group: str) -> Text | None:
    """The name of the target group or beneficiaries ``group``."""
    found = (g.name for g in (*project.target_groups, *project.beneficiaries) if g.id == group)
    return next(found, None)


def document_title(project: Project, document: str) -> Text | None:
    """The title of the project's document ``document``."""
    return next((d.title for d in project.documents if d.id == document), None)


def person_name(project: Project, person: str) -> str:
    """The name of the project's person ``person`` (only on internal sites)."""
    return next((p.name for p in project.people if p.id == person), person)


@attrs.frozen
class FigureRow:
    """One figure of an indicator with its bar."""

    figure: Figure
    text: str
    strip: Markup


def figure_rows(words: Words, indicator: Indicator) -> list[FigureRow]:
    """The indicator's figures, planned first, each with a bar on one scale."""
    largest = charts.largest_of(f.count for f in indicator.figures)
    rows = []
    for figure in sorted(indicator.figures, key=lambda f: f.status != "planned"):
        text = words.count(figure.count, figure.unit)
        if figure.per != "total":
            text += f" {words.code('figure-scope', figure.per)}"
        status = words(f"{figure.status}_figure")
        strip = charts.count_strip(figure.count, largest, str(figure.status), f"{status}: {text}")
        rows.append(FigureRow(figure, text, strip))
    return rows


def activity_tree(project: Project) -> list[tuple[Activity, int]]:
    """The activities with their depth, parts under the activity they are part of."""
    found: list[tuple[Activity, int]] = []
    seen: set[str] = set()

    def walk(parent: str | None, depth: int) -> None:
        for activity in project.walk_activities(parent):
            if activity.id in seen:
                continue  # a cycle in bad data: show each activity once
            seen.add(activity.id)
            found.append((activity, depth))
            walk(activity.id, depth + 1)

    walk(None, 0)
    found += [(a, 0) for a in project.activities if a.id not in seen]
    return found


def participants_table(view: SiteView) -> list[tuple[Project, Count, list[Figure]]]:
    """Per project the lowest number of people reached any source states, with its figures."""
    found = []
    for project in view.dataset.projects:
        reached = participants_reached(project)
        if reached is not None:
            found.append((project, reached[0], reached[1]))
    return found


def filter_data(view: SiteView, project: Project) -> dict[str, str]:
    """The ``data-`` attributes the index's filters read."""
    return {
        "data-municipalities": " ".join(m.id for m in view.municipalities_in(project)),
        "data-funders": " ".join(view.funders_of(project)),
        "data-status": project.status or "",
        "data-years": " ".join(str(y) for y in view.years_of(project)),
    }


def attributes(data: Mapping[str, str]) -> Markup:
    """``data`` as HTML attributes."""
    return Markup(" ").join(html('{}="{}"', k, v) for k, v in data.items())


def as_markup(value: Any) -> Markup:
    """A plugin section's body: HTML as it is, text escaped into a paragraph."""
    if isinstance(value, Markup):
        return value
    return Markup("<p>{}</p>").format(value)
