"""Projects: who owns, funds and takes part, what they aim at and what they do."""

from __future__ import annotations

import enum
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from .absence import Absence, missing_field
from .activity import Activity
from .area import Area
from .fields import ID_PATTERN, Items, Model, field, model
from .organisation import Identifier
from .people import Contact, Person
from .provenance import URL_PATTERN, Statement
from .results import Indicator, Result
from .values import PERCENT_PATTERN, Money, PartialDate, Period, Text


class PeriodStatus(enum.StrEnum):
    """Whether a period is a plan or what happened."""

    PLANNED = "planned"
    ACTUAL = "actual"


@model
class ProjectPeriod(Model):
    """A project's period as one source states it: planned or actual."""

    status: PeriodStatus = field("Whether the period is planned or actual.")
    start: PartialDate | None = field(
        "The first day, as precisely as the source says.", default=None
    )
    end: PartialDate | None = field(
        "The last day, inclusive, as precisely as the source says.", default=None
    )
    wording: Text | None = field(
        'The source\'s own words ("från och med våren 2016 t.o.m. slutet av 2018").', default=None
    )
    sources: Items[str] = field(
        "The sources that state the period.", factory=tuple, reference="source", unique=True
    )
    missing: Items[Absence] = missing_field()

    @property
    def period(self) -> Period:
        """The span alone, without status and citations."""
        return Period(start=self.start, end=self.end)


@model
class StatusStatement(Model):
    """Where a project stands, as one source states it on one date.

    "Projektet pågår" on a page of 2016 and "Projektet pågick" on one of 2019 are two
    statements, both true as of their dates.
    """

    status: str = field(
        "Where the project stands (*status*: planerat, pågående, avslutat).",
        codelist="project-status",
    )
    as_of: PartialDate = field(
        "The date the statement speaks for (*per*): usually the source's own date "
        '("Senast uppdaterad").'
    )
    wording: Text | None = field(
        'The source\'s own words ("Projektet pågår", "Projektet pågick").', default=None
    )
    sources: Items[str] = field(
        "The sources that state the status.", factory=tuple, reference="source", unique=True
    )
    missing: Items[Absence] = missing_field()


@model
class Participation(Model):
    """An organisation taking part in a project in one role."""

    role: str = field("The role it has in the project.", codelist="organisation-role")
    organisation: str | None = field(
        'The organisation; absent when the source does not name it ("utvärderarna").',
        default=None,
        reference="organisation",
    )
    description: Text | None = field(
        "Who takes part, in the source's words, when no organisation is named.", default=None
    )
    sources: Items[str] = field(
        "The sources that name it in this role.", factory=tuple, reference="source", unique=True
    )
    missing: Items[Absence] = missing_field()


@model
class PriorityAxis(Model):
    """A programme's priority axis (*insatsområde*, *prioriterat område*)."""

    title: Text = field("The axis as the programme or source names it.")
    number: int | None = field("The axis's number in its programme.", default=None, minimum=1)


@model
class Funding(Model):
    """Money from one funder, as one source states it."""

    funder: str = field("The organisation that funds.", reference="organisation")
    programme: Text | None = field(
        'The funding programme ("Europeiska socialfonden 2014–2020").', default=None
    )
    programme_period: Period | None = field("The programme period.", default=None)
    amount: Money | None = field(
        "The amount granted. Absent when the source names the funder but no amount.",
        default=None,
    )
    recipients: Items[str] = field(
        'The organisations the money is granted to ("GR får tillsammans med 11 medlemskommuner").',
        factory=tuple,
        reference="organisation",
        unique=True,
    )
    wording: Text | None = field(
        'The source\'s own words ("12,8 miljoner från Europeiska socialfonden").', default=None
    )
    sources: Items[str] = field(
        "The sources that state the funding.", factory=tuple, reference="source", unique=True
    )
    fund: str | None = field(
        "The EU fund (*fond*: ``esf``, ``erdf``, ``esf-plus``) the money comes from.",
        default=None,
        codelist="fund",
    )
    programme_code: str | None = field(
        "The programme (*program*) by its code in the ``programme`` code list: the "
        "Commission's CCI number (``2014SE05M9OP001``).",
        default=None,
        codelist="programme",
    )
    priority_axis: PriorityAxis | None = field(
        "The programme's priority axis (*insatsområde*) the money is granted under.",
        default=None,
    )
    thematic_objectives: Items[str] = field(
        "The thematic objectives (*tematiska mål*, 2014–2020) the grant serves, ``1`` to ``11``.",
        factory=tuple,
        codelist="thematic-objective",
        unique=True,
    )
    policy_objectives: Items[str] = field(
        "The policy objectives (*politiska mål*, 2021–2027) the grant serves, ``1`` to ``5``.",
        factory=tuple,
        codelist="policy-objective",
        unique=True,
    )
    equivalents: Items[Money] = field(
        "The same amount stated in other currencies (*beviljat belopp i EUR*).", factory=tuple
    )
    total_eligible_expenditure: Money | None = field(
        "The project's total eligible expenditure (*stödberättigande utgifter*), of which "
        "this funding pays the share its co-financing rate says.",
        default=None,
    )
    cofinancing_rate: Decimal | None = field(
        "The funder's co-financing rate (*medfinansieringsgrad*) in per cent of the total "
        'eligible expenditure, as a decimal string from 0 to 100 (``"40"``, ``"57.5"``).',
        default=None,
        pattern=PERCENT_PATTERN,
    )
    missing: Items[Absence] = missing_field()


@model
class Goal(Model):
    """A numbered sub-goal (delmål, or what the source calls it: *ingång*) of a project."""

    number: int = field("The sub-goal's number, 1 to n in order.", minimum=1)
    description: Text = field("What the sub-goal is.")
    title: Text | None = field("A short title, when the source gives one.", default=None)
    responsible: str | None = field(
        'The organisation responsible for the sub-goal ("Ansvarig").',
        default=None,
        reference="organisation",
    )
    sources: Items[str] = field(
        "The sources that state the sub-goal.", factory=tuple, reference="source", unique=True
    )
    period: Period | None = field(
        "The sub-goal's own period (*period*), when it differs from the project's.", default=None
    )
    scope: Text | None = field(
        "What the sub-goal covers (*omfattning*), in the source's words "
        '("ESF-projekt från programperioden 2007–2013").',
        default=None,
    )
    programme_period: Period | None = field(
        "The programme period (*programperiod*) the sub-goal is limited to, such as 2007–2013.",
        default=None,
    )
    participations: Items[Participation] = field(
        "The sub-goal's own organisations in their roles (*medverkande*).", factory=tuple
    )
    target_groups: Items[str] = field(
        "The project's target groups (*målgrupper*) the sub-goal is for, by id.",
        factory=tuple,
        reference="group",
        unique=True,
    )
    missing: Items[Absence] = missing_field()


@model
class Group(Model):
    """A group of people a project works for or with: a target group or beneficiaries."""

    id: str = field("The group's id within the project.", pattern=ID_PATTERN)
    name: Text = field('Who they are ("socialsekreterare").')
    description: Text | None = field("More on the group and its part in the project.", default=None)
    sources: Items[str] = field(
        "The sources that name the group.", factory=tuple, reference="source", unique=True
    )
    missing: Items[Absence] = missing_field()


@model
class Document(Model):
    """A document belonging to a project: an invitation, a summary, a report."""

    id: str = field("The document's id within the project.", pattern=ID_PATTERN)
    title: Text = field("The document's title as linked.")
    kind: str = field("What kind of document it is.", codelist="document-kind")
    url: str | None = field("Where it is published.", default=None, pattern=URL_PATTERN)
    media_type: str | None = field(
        "Its media type (``application/pdf``).", default=None, pattern=r"^[a-z]+/[a-z0-9.+-]+$"
    )
    date: PartialDate | None = field("When it was published.", default=None)
    language: str | None = field(
        "The document's language (ISO 639-3).", default=None, codelist="language"
    )
    sources: Items[str] = field(
        "The sources that link or mention it.", factory=tuple, reference="source", unique=True
    )
    missing: Items[Absence] = missing_field()


@model
class ProjectLink(Model):
    """A relation to another project, in the dataset or elsewhere."""

    relation: str = field("How the projects relate.", codelist="project-relation")
    project: str | None = field(
        "The other project's id, when it is in the dataset.", default=None, reference="project"
    )
    title: Text | None = field(
        "The other project's name (*projektnamn*), when it is not in the dataset.", default=None
    )
    url: str | None = field(
        "Where the other project is described.", default=None, pattern=URL_PATTERN
    )
    sources: Items[str] = field(
        "The sources that state the relation.", factory=tuple, reference="source", unique=True
    )
    other_names: Items[Text] = field(
        'Other names (*andra namn*) the other project goes by ("Plug In 2.0").', factory=tuple
    )
    identifiers: Items[Identifier] = field(
        "The other project's identifiers (a case number), to find it elsewhere.", factory=tuple
    )
    missing: Items[Absence] = missing_field()


@model
class Project(Model):
    """A collaboration project, with every claim citing its sources."""

    id: str = field("The project's id within the dataset.", pattern=ID_PATTERN)
    name: Text = field("The project's name.")
    summary: Text | None = field("The project's purpose (syfte) in a few sentences.", default=None)
    description: Text | None = field("A longer description.", default=None)
    purposes: Items[Statement] = field(
        "The project's purpose (syfte) as each source words it.", factory=tuple
    )
    status: str | None = field(
        "Where the project stands, uncited and undated; since 1.1 ``statuses`` says it with "
        "a date and sources.",
        default=None,
        codelist="project-status",
    )
    periods: Items[ProjectPeriod] = field(
        "Planned and actual periods, one per stating source.", factory=tuple
    )
    participations: Items[Participation] = field(
        "Organisations in their roles: owner, commissioner, participant, funder …", factory=tuple
    )
    funding: Items[Funding] = field("Money granted to the project.", factory=tuple)
    goals: Items[Goal] = field("Numbered sub-goals (delmål), in order.", factory=tuple)
    target_groups: Items[Group] = field("Who the work is for (målgrupp).", factory=tuple)
    beneficiaries: Items[Group] = field("Who ultimately benefits.", factory=tuple)
    activities: Items[Activity] = field("What the project does.", factory=tuple)
    indicators: Items[Indicator] = field("What it measures, planned and actual.", factory=tuple)
    results: Items[Result] = field("Outcomes stated in words.", factory=tuple)
    documents: Items[Document] = field("Its documents.", factory=tuple)
    people: Items[Person] = field("Named people. Personal data.", factory=tuple, personal=True)
    contacts: Items[Contact] = field("Whom to ask. Personal data.", factory=tuple, personal=True)
    links: Items[ProjectLink] = field("Relations to other projects.", factory=tuple)
    sources: Items[str] = field(
        "The sources that describe the project.", factory=tuple, reference="source", unique=True
    )
    identifiers: Items[Identifier] = field(
        "The project's identifiers: the managing authority's case number (*ärendenummer*), "
        "a *diarienummer*.",
        factory=tuple,
    )
    other_names: Items[Statement] = field(
        "Other names (*andra namn*) the sources use for the project, each cited.", factory=tuple
    )
    descriptions: Items[Statement] = field(
        "Descriptions (*projektbeskrivning*) as each source words them, each cited.",
        factory=tuple,
    )
    overall_goals: Items[Statement] = field(
        "The overall goal (*övergripande mål*), beside the purpose, as each source words it.",
        factory=tuple,
    )
    goal_label: Text | None = field(
        'What the sources call the sub-goals, when not "delmål" ("ingångar").', default=None
    )
    statuses: Items[StatusStatement] = field(
        "Where the project stands (*status*), each as of a date and with its sources.",
        factory=tuple,
    )
    areas: Items[Area] = field(
        "The area it covers (*geografiskt område*: kommuner, län), as each source states it; "
        "not who takes part.",
        factory=tuple,
    )
    missing: Items[Absence] = missing_field()
    extensions: dict[str, Any] = field(
        "Data of declared extensions, keyed by extension namespace.", factory=dict
    )

    def organisations_in(self, role: str) -> list[str]:
        """The ids of the organisations with ``role``, in the order first listed."""
        found = (p.organisation for p in self.participations if p.role == role)
        return list(dict.fromkeys(o for o in found if o is not None))

    def activities_by_date(self) -> list[Activity]:
        """The activities in date order; undated ones last, in their listed order."""
        return sorted(
            self.activities,
            key=lambda a: a.period.sort_key if a.period else Period().sort_key,
        )

    def walk_activities(self, parent: str | None = None) -> Iterator[Activity]:
        """The activities directly part of ``parent`` (top-level ones by default)."""
        return (a for a in self.activities if a.part_of == parent)
