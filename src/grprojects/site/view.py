"""What the pages show, worked out once from the dataset: lookups, file names, who takes
part where, key figures and the facts on which sources disagree.

Everything here is plain data for the templates; nothing here writes HTML.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any, Final

import attrs

from ..model import (
    Activity,
    Count,
    Dataset,
    Figure,
    FigureStatus,
    Funding,
    Goal,
    Organisation,
    PartialDate,
    Participation,
    Project,
    ProjectPeriod,
    Qualifier,
    Source,
    Statement,
)
from ..model.fields import Model, fields_of

MUNICIPALITY: Final = "municipality"
PERSONS: Final = "persons"
TOTAL: Final = "total"


def slug(text: str) -> str:
    """An ASCII file name for an id: ``göteborgs-stad`` → ``goteborgs-stad``.

    Any web server, zip tool and file system takes it as it is; ids are already
    free of slashes and spaces, so nothing can leave the site's folder.
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "-", ascii_text).strip("-.").lower()
    return cleaned or "x"


def _unique_slugs(ids: Iterable[str]) -> dict[str, str]:
    """A distinct slug per id; a clash (``ö`` and ``o``) gets a number."""
    taken: set[str] = set()
    found = {}
    for id_ in ids:
        base = candidate = slug(id_)
        number = 1
        while candidate in taken:
            number += 1
            candidate = f"{base}-{number}"
        taken.add(candidate)
        found[id_] = candidate
    return found


@attrs.frozen
class Involvement:
    """An organisation in one project: its roles, each with the sources that state it."""

    project: Project
    roles: tuple[tuple[str, tuple[str, ...]], ...]


@attrs.frozen
class Disagreement:
    """A fact stated differently by different sources, each statement kept."""

    statements: tuple[tuple[str, tuple[str, ...]], ...]
    """(what one statement says, the sources that say it), in the order first stated."""


class SiteView:
    """The dataset with everything the pages look up, computed once."""

    def __init__(self, dataset: Dataset) -> None:
        self.dataset = dataset
        self.organisations: Mapping[str, Organisation] = {o.id: o for o in dataset.organisations}
        self.sources: Mapping[str, Source] = {s.id: s for s in dataset.sources}
        self.projects: Mapping[str, Project] = {p.id: p for p in dataset.projects}
        self.project_files = {
            k: f"projects/{v}.html" for k, v in _unique_slugs(self.projects).items()
        }
        self.organisation_files = {
            k: f"organisations/{v}.html" for k, v in _unique_slugs(self.organisations).items()
        }
        self.source_anchors = {k: f"source-{v}" for k, v in _unique_slugs(self.sources).items()}
        self.involvement = self._involvement()
        self.children: Mapping[str, list[Organisation]] = _grouped(
            (o.parent, o) for o in dataset.organisations if o.parent
        )
        self.members: Mapping[str, list[Organisation]] = _grouped(
            (m.organisation, o) for o in dataset.organisations for m in o.memberships
        )
        self.citing: Mapping[str, list[Project]] = self._citing()
        self._by_organisation()

    # -- organisations ---------------------------------------------------------

    def _involvement(self) -> Mapping[str, list[Involvement]]:
        found: dict[str, list[Involvement]] = defaultdict(list)
        for project in self.dataset.projects:
            roles: dict[str, dict[str, dict[str, None]]] = {}
            for participation in project.participations:
                if participation.organisation is None:
                    continue
                by_role = roles.setdefault(participation.organisation, {})
                cited = by_role.setdefault(participation.role, {})
                cited.update(dict.fromkeys(participation.sources))
            for funding in project.funding:
                cited = roles.setdefault(funding.funder, {}).setdefault("funder", {})
                cited.update(dict.fromkeys(funding.sources))
            for organisation, by_role in roles.items():
                pairs = tuple((role, tuple(cited)) for role, cited in by_role.items())
                found[organisation].append(Involvement(project, pairs))
        return found

    def municipality_of(self, organisation: str | None) -> Organisation | None:
        """The municipality an organisation is, or is a unit of (through its parents)."""
        seen: set[str] = set()
        while organisation is not None and organisation not in seen:
            seen.add(organisation)
            found = self.organisations.get(organisation)
            if found is None:
                return None
            if found.kind == MUNICIPALITY or found.municipality_code is not None:
                return found
            organisation = found.parent
        return None

    def municipalities_in(self, project: Project) -> list[Organisation]:
        """The municipalities taking part in ``project``, themselves or through a unit."""
        found = {}
        for participation in project.participations:
            if participation.role == "funder":
                continue
            municipality = self.municipality_of(participation.organisation)
            if municipality is not None:
                found[municipality.id] = municipality
        return list(found.values())

    def funders_of(self, project: Project) -> list[str]:
        """The ids of the organisations funding ``project``, in the order first named."""
        funders = [f.funder for f in project.funding]
        funders += project.organisations_in("funder")
        return list(dict.fromkeys(funders))

    def name(self, organisation: str | None) -> str:
        """The organisation's Swedish name, or its id when the dataset lacks it."""
        found = self.organisations.get(organisation or "")
        return found.name.sv if found else organisation or ""

    # -- projects ------------------------------------------------------------------

    def years_of(self, project: Project) -> list[int]:
        """Every year any period of ``project`` may cover."""
        years: set[int] = set()
        for period in project.periods:
            first = period.start or period.end
            last = period.end or period.start
            if first is not None and last is not None:
                years.update(range(first.earliest.year, last.latest.year + 1))
        return sorted(years)

    def goals_of(self, organisation: str) -> list[tuple[Project, Goal]]:
        """The sub-goals the organisation is responsible for, with their projects."""
        return self._goals.get(organisation, [])

    def funded_by(self, organisation: str) -> list[tuple[Project, Funding]]:
        """Every funding statement naming the organisation as funder, by project."""
        return self._funded.get(organisation, [])

    def activities_run_by(self, organisation: str) -> list[tuple[Project, Activity, str]]:
        """The activities the organisation provides or hosts: (project, activity, role)."""
        return self._runs.get(organisation, [])

    def _by_organisation(self) -> None:
        """Who is responsible for, funds, provides and hosts what, by organisation id."""
        goals: dict[str, list[tuple[Project, Goal]]] = defaultdict(list)
        funded: dict[str, list[tuple[Project, Funding]]] = defaultdict(list)
        runs: dict[str, list[tuple[Project, Activity, str]]] = defaultdict(list)
        for project in self.dataset.projects:
            for goal in project.goals:
                if goal.responsible:
                    goals[goal.responsible].append((project, goal))
            for funding in project.funding:
                funded[funding.funder].append((project, funding))
            for activity in project.activities:
                if activity.provider:
                    runs[activity.provider].append((project, activity, "provider"))
                if activity.host and activity.host != activity.provider:
                    runs[activity.host].append((project, activity, "host"))
        self._goals, self._funded, self._runs = goals, funded, runs

    def organisations_by_kind(self) -> list[tuple[str, list[Organisation]]]:
        """The organisations by kind, municipalities first, each list by name."""
        kinds: dict[str, list[Organisation]] = defaultdict(list)
        for organisation in self.dataset.organisations:
            kinds[organisation.kind].append(organisation)
        order = sorted(kinds, key=lambda k: (k != MUNICIPALITY, k))
        return [(k, sorted(kinds[k], key=lambda o: o.name.sv)) for k in order]

    def _citing(self) -> Mapping[str, list[Project]]:
        found: dict[str, dict[str, Project]] = defaultdict(dict)
        for project in self.dataset.projects:
            for source in cited_sources(project):
                found[source][project.id] = project
        return {k: list(v.values()) for k, v in found.items()}


def _grouped(pairs: Iterable[tuple[str, Organisation]]) -> Mapping[str, list[Organisation]]:
    found: dict[str, list[Organisation]] = defaultdict(list)
    for key, organisation in pairs:
        found[key].append(organisation)
    return found


def cited_sources(value: Any) -> list[str]:
    """Every source id ``value`` (a project, an organisation …) cites, in order, once."""
    found: dict[str, None] = {}
    _collect_sources(value, found)
    return list(found)


def _collect_sources(value: Any, found: dict[str, None]) -> None:
    if isinstance(value, tuple):
        for item in value:
            _collect_sources(item, found)
        return
    kind: type = type(value)
    if not issubclass(kind, Model):
        return
    for field in fields_of(kind):
        current = getattr(value, field.name)
        if field.name == "sources" and isinstance(current, tuple):
            found.update(dict.fromkeys(s for s in current if isinstance(s, str)))
        elif field.is_model and current is not None:
            _collect_sources(current, found)


# -- where sources disagree ------------------------------------------------------


def differing_statements(statements: Iterable[Statement]) -> Disagreement | None:
    """Wordings that differ (purposes, descriptions), or ``None`` when there is one."""
    found: dict[str, dict[str, None]] = {}
    for statement in statements:
        found.setdefault(statement.text.sv.strip(), {}).update(dict.fromkeys(statement.sources))
    if len(found) < 2:
        return None
    return Disagreement(tuple((text, tuple(cited)) for text, cited in found.items()))


def differing_periods(periods: Iterable[ProjectPeriod]) -> set[str]:
    """The statuses (planned, actual) for which sources state different periods."""
    spans: dict[str, set[tuple[PartialDate | None, PartialDate | None]]] = defaultdict(set)
    for period in periods:
        spans[period.status].add((period.start, period.end))
    return {status for status, found in spans.items() if len(found) > 1}


def differing_figures(figures: Iterable[Figure]) -> set[FigureStatus]:
    """The statuses for which the figures of one indicator state different counts."""
    counts: dict[FigureStatus, set[object]] = defaultdict(set)
    for figure in figures:
        counts[figure.status].add((figure.count, figure.unit, figure.per))
    return {status for status, found in counts.items() if len(found) > 1}


@attrs.frozen
class Naming:
    """Which sources name which organisations in a project, when they differ."""

    sources: tuple[str, ...]
    rows: tuple[tuple[str, tuple[tuple[str, ...], ...]], ...]
    """(organisation id, the roles each source names it in, in ``sources``' order)."""


def who_names_whom(participations: Iterable[Participation]) -> Naming | None:
    """A table of organisations × sources, or ``None`` when every source names the same ones.

    A source that names only one organisation (an owner's own page) is not a list
    of who takes part, so it is left out of the comparison.
    """
    named: dict[str, dict[str, dict[str, None]]] = {}
    for participation in participations:
        if participation.organisation is None:
            continue
        for source in participation.sources:
            roles = named.setdefault(source, {}).setdefault(participation.organisation, {})
            roles[participation.role] = None
    lists = {s: orgs for s, orgs in named.items() if len(orgs) >= 2}
    if len(lists) < 2 or len({frozenset(orgs) for orgs in lists.values()}) < 2:
        return None
    sources = tuple(lists)
    organisations = list(dict.fromkeys(o for orgs in lists.values() for o in orgs))
    rows = tuple((o, tuple(tuple(lists[s].get(o, {})) for s in sources)) for o in organisations)
    return Naming(sources, rows)


# -- key figures -------------------------------------------------------------------


def participants_reached(project: Project) -> tuple[Count, list[Figure]] | None:
    """The lowest count of people any source says ``project`` reached, with all such figures.

    Counted from the actual figures of persons in total of the project's indicators;
    ``None`` when no source states one with a lower bound.
    """
    figures = [
        figure
        for indicator in project.indicators
        for figure in indicator.figures
        if figure.status == FigureStatus.ACTUAL and figure.unit == PERSONS and figure.per == TOTAL
    ]
    bounded = [f.count for f in figures if f.count.lower_bound is not None]
    if not bounded:
        return None
    return min(bounded, key=lambda c: c.lower_bound or 0), figures


def total_of(counts: Iterable[Count]) -> Count:
    """The sum of counts that each have a lower bound, qualified as honestly as they are."""
    counts = list(counts)
    qualifiers = {c.qualifier for c in counts}
    if Qualifier.MORE_THAN in qualifiers:
        qualifier = Qualifier.MORE_THAN
    elif qualifiers <= {Qualifier.EXACTLY}:
        qualifier = Qualifier.EXACTLY
    else:
        qualifier = Qualifier.AT_LEAST
    return Count(value=sum(c.value for c in counts), qualifier=qualifier)


@attrs.frozen
class FunderTotal:
    """What one funder granted, summed over projects, per currency."""

    funder: str
    amounts: Mapping[str, Decimal]
    rough: bool
    """Some amount is rounded (``ca``) or two sources disagreed on one."""
    projects: int


def money_by_funder(dataset: Dataset) -> list[FunderTotal]:
    """Per funder the amounts granted, the lowest where sources disagree; largest first."""
    sums: dict[str, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    rough: dict[str, bool] = defaultdict(bool)
    counted: dict[str, set[str]] = defaultdict(set)
    for project in dataset.projects:
        stated: dict[tuple[str, str], list[tuple[Decimal, bool]]] = defaultdict(list)
        for funding in project.funding:
            if funding.amount is not None:
                money = funding.amount
                approx = money.qualifier != Qualifier.EXACTLY
                stated[funding.funder, money.currency].append((money.amount, approx))
        for (funder, currency), amounts in stated.items():
            lowest = min(amounts)
            sums[funder][currency] += lowest[0]
            rough[funder] |= lowest[1] or len({a for a, _ in amounts}) > 1
            counted[funder].add(project.id)
    totals = [
        FunderTotal(funder, dict(amounts), rough[funder], len(counted[funder]))
        for funder, amounts in sums.items()
    ]
    return sorted(totals, key=lambda t: (-max(t.amounts.values()), t.funder))
