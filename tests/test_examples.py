"""The bundled example dataset: it loads, it is canonical, and it holds each seed page's facts.

Each page test reads the facts of one page in shared/seeds/ back out of
``examples/gr-projects.json`` and checks that they cite that page.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import grprojects
from grprojects.codelists import codelist
from grprojects.diagnostics import Severity
from grprojects.model import Activity, Dataset, Figure, Organisation, PartialDate, Project, Text
from grprojects.model.fields import Model, fields_of
from grprojects.model.values import Qualifier
from grprojects.plugin_types import CheckContext
from grprojects.runtime import make_runtime

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "gr-projects.json"

START_2016 = "nya-grannar-start-2016"
DORTMUND_2018 = "nya-grannar-dortmund-2018"
REPORT_2019 = "nya-grannar-slutrapport-2019"
PARENT_SUPPORT = "foraldrastod-nyanlanda-2019"
PAGES = (START_2016, DORTMUND_2018, REPORT_2019, PARENT_SUPPORT)

GR_MEMBERS = {
    "ale": "Ale",
    "alingsås": "Alingsås",
    "göteborgs-stad": "Göteborg",
    "härryda": "Härryda",
    "kungsbacka": "Kungsbacka",
    "kungälv": "Kungälv",
    "lerum": "Lerum",
    "lilla-edet": "Lilla Edet",
    "mölndal": "Mölndal",
    "partille": "Partille",
    "stenungsund": "Stenungsund",
    "tjörn": "Tjörn",
    "öckerö": "Öckerö",
}
"""GR's 13 member municipalities: id in the example → name in SCB's code list."""


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    loaded: Dataset = grprojects.load(EXAMPLE)
    return loaded


@pytest.fixture(scope="module")
def nya_grannar(dataset: Dataset) -> Project:
    return dataset.project("nya-grannar")


@pytest.fixture(scope="module")
def parent_support(dataset: Dataset) -> Project:
    return dataset.project("föräldrastöd-för-nyanlända")


def in_role(project: Project, role: str) -> dict[str, list[str]]:
    """Organisation id → the sources that give it ``role`` in ``project``."""
    return {
        p.organisation: list(p.sources)
        for p in project.participations
        if p.role == role and p.organisation is not None
    }


def activity(project: Project, id: str) -> Activity:  # noqa: A002 - mirrors the wire name
    return next(a for a in project.activities if a.id == id)


def figures(project: Project, indicator: str) -> tuple[Figure, ...]:
    return next(i.figures for i in project.indicators if i.id == indicator)


def claims(value: Any, pointer: str = "") -> Iterator[tuple[str, Any]]:
    """Every model object below ``value`` that can cite sources, with its pointer."""
    if isinstance(value, tuple):
        for index, item in enumerate(value):
            yield from claims(item, f"{pointer}/{index}")
    elif isinstance(value, Model):
        names = {f.name for f in fields_of(type(value))}
        if "sources" in names and not isinstance(value, Dataset):
            yield pointer, value
        for name in names - {"sources"}:
            yield from claims(getattr(value, name), f"{pointer}/{name}")


def test_example_loads(dataset: Dataset) -> None:
    """The example passes the schema and holds both projects and all four pages."""
    assert [p.id for p in dataset.projects] == ["nya-grannar", "föräldrastöd-för-nyanlända"]
    assert [s.id for s in dataset.sources] == [*PAGES, *OUTSIDE]
    assert len(dataset.organisations) == 21


def test_example_is_canonical() -> None:
    """Loading and dumping the example gives back its exact text."""
    text = EXAMPLE.read_text(encoding="utf-8")
    assert grprojects.dumps(grprojects.load(text)) == text


def test_example_passes_the_builtin_checks(dataset: Dataset) -> None:
    """No built-in semantic check finds an error in the example."""
    manager = make_runtime(entry_points=False)
    context = CheckContext(dataset=dataset, codelists=manager.codelists)
    errors = [
        diagnostic.describe()
        for _, check in manager.checks.values()
        for diagnostic in check.run(context)
        if diagnostic.severity >= Severity.ERROR
    ]
    assert errors == []


OUTSIDE = {
    "scb-kommunkoder": "code-list",
    "wikipedia-goteborgs-kommun": "reference-work",
    "gr-arsredovisning-2010": "report",
    "gr-medlemmar": "editorial",
    "eu-vagledning-2014": "report",
    "redaktionen-oversattningar": "editorial",
}
"""The sources of the facts the pages do not state, with their kinds."""
SEEDS = Path(__file__).resolve().parent / "data" / "seeds"


def page_text(page: str) -> str:
    """The page's text with every run of white space (no-break spaces too) made one space."""
    return " ".join((SEEDS / f"{page}.txt").read_text("utf-8").split())


def names_of(organisation: Organisation) -> set[str]:
    """Every name the example gives an organisation."""
    names = {organisation.name.sv, *(n.text.sv for n in organisation.other_names)}
    return names | ({organisation.short_name} if organisation.short_name else set())


def test_every_claim_cites_where_it_comes_from(dataset: Dataset) -> None:
    """Every citable object cites a page or a named outside source, and every one cites one.

    Identifiers cite the code list, register or reference work they come from, never a
    page; the member list cites the editor, whose note says where it comes from.
    """
    assert {s.id: s.kind for s in dataset.sources if s.id not in PAGES} == OUTSIDE
    assert all(s.note is not None for s in dataset.sources if s.kind == "editorial")
    esf = dataset.organisation("europeiska-socialfonden")  # "ESF" and its English name
    assert {"eu-vagledning-2014", "redaktionen-oversattningar"} <= set(esf.sources)
    uncited = []
    for pointer, claim in claims(dataset):
        assert set(claim.sources) <= set(PAGES) | set(OUTSIDE), pointer
        if not claim.sources:
            uncited.append(pointer)
    assert uncited == []
    for organisation in dataset.organisations:
        for identifier in organisation.identifiers:
            assert identifier.sources
            assert not set(identifier.sources) & set(PAGES)
        for membership in organisation.memberships:
            assert "gr-medlemmar" in membership.sources


@pytest.mark.parametrize("page", PAGES)
def test_each_citation_of_a_page_is_backed_by_its_text(dataset: Dataset, page: str) -> None:
    """What cites a page is on it: a member municipality's name, a status's words and date."""
    text = page_text(page)
    updated = dataset.source(page).updated
    for organisation in dataset.organisations:
        names = names_of(organisation)
        for membership in organisation.memberships:
            if page in membership.sources:
                assert any(name in text for name in names), (page, organisation.id)
    for project in dataset.projects:
        for status in project.statuses:
            if page in status.sources:
                assert status.wording is not None
                assert status.wording.sv in text
                assert updated is not None
                assert status.as_of == updated
        for participation in project.participations:
            if page in participation.sources and participation.organisation is not None:
                organisation = dataset.organisation(participation.organisation)
                assert any(name in text for name in names_of(organisation)), (page, organisation.id)
    statements = [
        *(s for p in dataset.projects for s in (*p.purposes, *p.descriptions, *p.other_names)),
        *(s for o in dataset.organisations for s in (*o.descriptions, *o.other_names)),
    ]
    for statement in statements:  # purposes, descriptions and other names in the page's words
        if page in statement.sources:
            assert " ".join(statement.text.sv.split()) in text, (page, statement.text.sv)


def own_words(value: Any) -> set[str]:
    """The longer words (four letters or more) of an object's own Swedish texts."""
    texts = [getattr(value, name, None) for name in ("title", "description", "wording", "text")]
    found = " ".join(t.sv for t in texts if isinstance(t, Text)).lower()
    return {w for w in re.findall(r"\w+", found) if len(w) >= 4}


@pytest.mark.parametrize("page", PAGES)
def test_each_claim_citing_a_page_is_worded_from_it(dataset: Dataset, page: str) -> None:
    """A claim in its own words shares some with each page it cites and most with one.

    Titles and descriptions summarise rather than quote, so the test asks for words, not
    sentences: every page cited gives at least one, and the best cited page over half.
    """
    text = page_text(page).lower()
    checked = 0
    for pointer, claim in claims(dataset):
        words = own_words(claim)
        if page not in claim.sources or not words or isinstance(claim, Organisation):
            continue  # an organisation is backed by its names (above)
        checked += 1
        assert any(w in text for w in words), (pointer, sorted(words))
        pages = [page_text(p).lower() for p in claim.sources if p in PAGES]
        best = max(sum(w in p for w in words) / len(words) for p in pages)
        assert best > 0.5, (pointer, round(best, 2))
    assert checked >= 5


def test_status_is_dated_and_cited(nya_grannar: Project) -> None:
    """Nya GRannar runs as of the 2016 and 2018 pages and is done as of the 2019 one."""
    assert [(s.status, str(s.as_of), list(s.sources)) for s in nya_grannar.statuses] == [
        ("ongoing", "2016-02-16", [START_2016]),
        ("ongoing", "2018-02-09", [DORTMUND_2018]),
        ("completed", "2019-02-21", [REPORT_2019]),
    ]


def test_instances_are_planned_or_possible(parent_support: Project) -> None:
    """30 courses are planned, 20 of them in Göteborg; 10 local groups only "kan genomföras"."""
    found = {
        a.id: (a.instances.value, str(a.instances_status))
        for a in parent_support.activities
        if a.instances is not None and a.id.startswith("förälder")
    }
    assert found == {
        "förälder-i-nytt-land": (30, "planned"),
        "förälder-i-nytt-land-göteborg": (20, "planned"),
        "förälder-i-nytt-land-lokalt": (10, "possible"),
    }


def test_gr_and_its_members(dataset: Dataset) -> None:
    """GR has 13 member municipalities, each with its SCB kommunkod from the code list."""
    gr = dataset.organisation("gr")
    assert (gr.name.sv, gr.short_name, gr.kind) == (
        "Göteborgsregionens kommunalförbund",
        "GR",
        "municipal-association",
    )
    assert gr.identifier("se-orgnr") == "222000-0265"
    municipalities = codelist("municipality")
    members = dataset.members_of("gr")
    assert {m.id for m in members} == set(GR_MEMBERS)
    for member in members:
        assert member.kind == "municipality"
        code = member.municipality_code
        assert code is not None
        assert municipalities.title_of(code) == GR_MEMBERS[member.id]
        (membership,) = member.memberships
        named_in_2016 = member.id not in {"ale", "kungsbacka"}
        assert list(membership.sources) == [START_2016] * named_in_2016 + ["gr-medlemmar"]
    gothenburg = dataset.organisation("göteborgs-stad")
    assert (gothenburg.name.sv, gothenburg.municipality_code) == ("Göteborgs Stad", "1480")
    assert gothenburg.identifier("se-orgnr") == "212000-1355"


def test_organisations_nest(dataset: Dataset) -> None:
    """Integrationscentrum, FoU i Väst and Partille's department sit in their parents."""
    parents = {o.id: o.parent for o in dataset.organisations if o.parent}
    assert parents == {
        "social-resursförvaltning": "göteborgs-stad",
        "integrationscentrum": "social-resursförvaltning",
        "fou-i-väst": "gr",
        "utbildningsförvaltningen-partille": "partille",
    }
    assert dataset.organisation("dortmund").country == "DE"
    assert dataset.organisation("europeiska-socialfonden").kind == "eu-fund"
    assert dataset.organisation("länsstyrelsen").kind == "state-agency"


def test_page_nya_grannar_start_2016(dataset: Dataset, nya_grannar: Project) -> None:
    """The 2016 announcement: 12,8 miljoner from ESF, 11 municipalities, 3 delmål, 1100 planned."""
    assert dataset.source(START_2016).updated == PartialDate(2016, 2, 16)
    (granted,) = [f for f in nya_grannar.funding if f.amount is not None]
    assert granted.funder == "europeiska-socialfonden"
    assert granted.amount is not None
    assert (granted.amount.amount, granted.amount.currency, granted.amount.qualifier) == (
        Decimal("12800000"),
        "SEK",
        Qualifier.ABOUT,
    )
    assert list(granted.sources) == [START_2016]
    assert in_role(nya_grannar, "coordinator") == {"gr": [START_2016]}
    participants = in_role(nya_grannar, "participant")
    assert list(participants) == [
        "göteborgs-stad", "mölndal", "lerum", "öckerö", "partille", "kungälv",
        "alingsås", "härryda", "lilla-edet", "tjörn", "stenungsund",
    ]  # fmt: skip
    assert all(sources == [START_2016] for sources in participants.values())
    (planned,) = [p for p in nya_grannar.periods if p.status == "planned"]
    assert (str(planned.start), str(planned.end), list(planned.sources)) == (
        "2016-21",
        "2018",
        [START_2016],
    )
    assert planned.wording is not None
    assert "våren 2016 t.o.m. slutet av 2018" in planned.wording.sv
    assert [(g.number, g.responsible, list(g.sources)) for g in nya_grannar.goals] == [
        (1, None, [START_2016]),
        (2, None, [START_2016]),
        (3, None, [START_2016]),
    ]
    assert nya_grannar.goals[0].title == grprojects.Text(
        sv="Bemötande och förebyggande arbete kring trauma, PTSD och stress"
    )
    (persons,) = [f for f in figures(nya_grannar, "deltagare") if f.status == "planned"]
    assert (persons.count.value, persons.count.qualifier, list(persons.sources)) == (
        1100,
        Qualifier.EXACTLY,
        [START_2016],
    )
    (municipalities,) = [f for f in figures(nya_grannar, "kommuner") if f.status == "planned"]
    assert (municipalities.count.value, municipalities.unit) == (11, "municipalities")
    groups = {g.id: list(g.sources) for g in nya_grannar.target_groups}
    for group in ("socialsekreterare", "ansvariga-för-familjehem", "skola-elevhälsa"):
        assert groups[group] == [START_2016]
    assert groups["boendepersonal"] == groups["stödresurser"] == [START_2016]
    assert list(granted.recipients) == ["gr", *participants]
    assert granted.wording is not None
    assert "GR får tillsammans med 11 medlemskommuner 12,8 miljoner" in granted.wording.sv
    (description,) = nya_grannar.descriptions
    assert description.text.sv.startswith("All personal runt barnen")
    assert list(description.sources) == [START_2016]


def test_page_nya_grannar_dortmund_2018(dataset: Dataset, nya_grannar: Project) -> None:
    """The Dortmund page: 20 people travelled, Dortmund hosted, Lena Almqvist was quoted."""
    assert dataset.source(DORTMUND_2018).updated == PartialDate(2018, 2, 9)
    visit = activity(nya_grannar, "studiebesök-dortmund")
    assert (visit.kind, visit.host, visit.period, list(visit.sources)) == (
        "study-visit",
        "dortmund",
        None,
        [DORTMUND_2018],
    )
    assert visit.place is not None
    assert (visit.place.name, visit.place.country) == (grprojects.Text(sv="Dortmund"), "DE")
    (travelled,) = visit.figures
    assert (travelled.status, travelled.count.value, travelled.count.qualifier) == (
        "actual",
        20,
        Qualifier.EXACTLY,
    )
    assert list(travelled.sources) == [DORTMUND_2018]
    assert [q.person for q in visit.quotes] == ["lena-almqvist"] * 3
    assert [q.question.sv if q.question else None for q in visit.quotes] == [
        None,
        "Starkaste intrycket hittills?",
        "Något konkret som du tar med hem till verksamheten i Partille?",
    ]
    assert "så likt Göteborg" in visit.quotes[0].text.sv
    assert list(visit.people) == ["lena-almqvist"]
    (lena,) = nya_grannar.people
    assert (lena.name, lena.title, lena.organisation) == (
        "Lena Almqvist",
        grprojects.Text(sv="avdelningschef"),
        "utbildningsförvaltningen-partille",
    )
    (web,) = [d for d in nya_grannar.documents if d.url]
    assert (web.url, list(web.sources)) == ("https://www.grkom.se/nyagrannar", [DORTMUND_2018])
    (unquantified,) = [f for f in nya_grannar.funding if f.amount is None]
    assert unquantified.funder == "europeiska-socialfonden"
    assert DORTMUND_2018 in unquantified.sources


def test_page_nya_grannar_slutrapport_2019(dataset: Dataset, nya_grannar: Project) -> None:
    """The final report page: owned by GR for 10 municipalities, >1900 and >1700 took part."""
    assert dataset.source(REPORT_2019).updated == PartialDate(2019, 2, 21)
    assert nya_grannar.status == "completed"
    assert in_role(nya_grannar, "owner") == {"gr": [REPORT_2019]}
    commissioners = in_role(nya_grannar, "commissioner")
    assert list(commissioners) == [
        "alingsås", "göteborgs-stad", "härryda", "kungälv", "lerum",
        "lilla-edet", "mölndal", "partille", "stenungsund", "tjörn",
    ]  # fmt: skip
    assert all(sources == [REPORT_2019] for sources in commissioners.values())
    (actual,) = [p for p in nya_grannar.periods if p.status == "actual"]
    assert (str(actual.start), str(actual.end), list(actual.sources)) == (
        "2016-04-01",
        "2018-12-31",
        [REPORT_2019],
    )
    taken_part = [
        (f.count.qualifier, f.count.value, list(f.sources))
        for f in figures(nya_grannar, "deltagare")
        if f.status == "actual"
    ]
    assert taken_part == [
        (Qualifier.MORE_THAN, 1900, [REPORT_2019]),
        (Qualifier.MORE_THAN, 1700, [REPORT_2019]),
    ]
    (met,) = [f for f in figures(nya_grannar, "kommuner") if f.status == "actual"]
    assert (met.count.value, list(met.sources)) == (10, [REPORT_2019])
    kinds = {d.kind: list(d.sources) for d in nya_grannar.documents}
    assert kinds["report-summary"] == kinds["final-report"] == [REPORT_2019]
    assert {r.id for r in nya_grannar.results} == {"nya-rutiner", "lärdomar", "utvärdering"}
    assert all(list(r.sources) == [REPORT_2019] for r in nya_grannar.results)
    assert in_role(nya_grannar, "funder") == {
        "europeiska-socialfonden": [START_2016, DORTMUND_2018, REPORT_2019]
    }
    (evaluators,) = [p for p in nya_grannar.participations if p.role == "evaluator"]
    assert (evaluators.organisation, evaluators.description, list(evaluators.sources)) == (
        None,
        grprojects.Text(sv="utvärderarna"),
        [REPORT_2019],
    )


def test_each_page_words_the_purpose_its_own_way(nya_grannar: Project) -> None:
    """Nya GRannar's purpose is kept once per page, each wording citing only its page."""
    purposes = [(list(p.sources), p.text.sv) for p in nya_grannar.purposes]
    assert [sources for sources, _ in purposes] == [[START_2016], [DORTMUND_2018], [REPORT_2019]]
    assert purposes[0][1].startswith("Projektet syftar till att ge personal som arbetar gentemot")
    assert purposes[1][1] == (
        "Syftet är att höja personalens kompetens samt bidra till ökad samverkan mellan bland "
        "annat boenden, skolan och socialtjänsten."
    )
    assert purposes[2][1] == (
        "Syftet var att höja personalens kompetens samt bidra till ökad samverkan mellan bland "
        "annat boenden (för ensamkommande barn), skola och socialtjänst."
    )
    texts = [nya_grannar.summary, *(d.text for d in nya_grannar.descriptions)]
    assert all(text is not None and "[källa" not in text.sv for text in texts)


def test_gr_describes_itself_in_two_wordings(dataset: Dataset) -> None:
    """GR's self-description: the footer of three pages, and the 2018 page's own text."""
    footer, own = dataset.organisation("gr").descriptions
    assert list(footer.sources) == [START_2016, REPORT_2019, PARENT_SUPPORT]
    assert footer.text.sv.startswith(
        "Göteborgsregionen (GR) består av 13 kommuner som har valt att jobba tillsammans. "
        "Vi driver utvecklingsprojekt"
    )
    assert list(own.sources) == [DORTMUND_2018]
    assert own.text.sv.startswith("GR är en samarbetsorganisation för 13 kommuner i Västsverige")


def test_gr_figures_keep_both_population_wordings(dataset: Dataset) -> None:
    """13 municipalities on every page; "en miljon" is about, "över en miljon" more than 1000000."""
    footer = [START_2016, REPORT_2019, PARENT_SUPPORT]
    stated = [
        (f.status, f.count.qualifier, f.count.value, f.unit, f.per, list(f.sources))
        for f in dataset.organisation("gr").figures
    ]
    assert stated == [
        ("actual", Qualifier.EXACTLY, 13, "municipalities", "total", footer),
        ("actual", Qualifier.EXACTLY, 13, "municipalities", "total", [DORTMUND_2018]),
        ("actual", Qualifier.ABOUT, 1000000, "persons", "total", footer),
        ("actual", Qualifier.MORE_THAN, 1000000, "persons", "total", [DORTMUND_2018]),
    ]
    wordings = [f.wording.sv if f.wording else None for f in dataset.organisation("gr").figures]
    assert wordings == [
        "Göteborgsregionen (GR) består av 13 kommuner",
        "GR är en samarbetsorganisation för 13 kommuner i Västsverige",
        "regionens en miljon invånare",
        "tillsammans har dessa kommuner över en miljon invånare",
    ]
    (count,) = {f.count.value for f in dataset.organisation("gr").figures if f.unit != "persons"}
    assert count == len(dataset.members_of("gr"))


def test_other_names_the_pages_use(dataset: Dataset) -> None:
    """Each organisation keeps the other names the pages give it, as they spell them, cited."""
    other = {
        o.id: [(n.text.sv, len(n.sources)) for n in o.other_names]
        for o in dataset.organisations
        if o.other_names
    }
    assert other == {
        "gr": [("Göteborgsregionen", 3), ("Göteborgregionens Kommunalaförbund", 4)],
        "göteborgs-stad": [("Göteborg", 2)],
        "mölndal": [("Mölndals stad", 1)],
        "partille": [("Partille kommun", 1)],
        "fou-i-väst": [("Göteborgsregionen FoU i Väst", 1)],
    }
    assert not any(o.alternative_names for o in dataset.organisations)


def test_activity_people_are_the_projects_people(dataset: Dataset) -> None:
    """Every person an activity names is one of its project's people."""
    named = {
        (project.id, a.id): list(a.people)
        for project in dataset.projects
        for a in project.activities
        if a.people
    }
    assert named == {
        ("nya-grannar", "studiebesök-dortmund"): ["lena-almqvist"],
        ("föräldrastöd-för-nyanlända", "följeforskning"): ["jeanette-olsson"],
    }
    for (project_id, _), people in named.items():
        assert set(people) <= {p.id for p in dataset.project(project_id).people}


def test_öckerö_disagreement_stays_visible(nya_grannar: Project) -> None:
    """Öckerö takes part only according to 2016; the 2019 page does not commission with it."""
    assert in_role(nya_grannar, "participant")["öckerö"] == [START_2016]
    assert "öckerö" not in in_role(nya_grannar, "commissioner")
    assert set(in_role(nya_grannar, "participant")) - set(in_role(nya_grannar, "commissioner")) == {
        "öckerö"
    }


def test_page_foraldrastod_nyanlanda(dataset: Dataset, parent_support: Project) -> None:
    """The parent-support page: its period, roles, delmål, training days, course and contacts."""
    page = dataset.source(PARENT_SUPPORT)
    assert page.updated is None
    assert page.note is not None
    assert "Senast uppdaterad" in page.note.sv
    (period,) = parent_support.periods
    assert (period.status, str(period.start), str(period.end)) == ("planned", "2018-09", "2019-12")
    assert in_role(parent_support, "owner") == {"gr": [PARENT_SUPPORT]}
    assert in_role(parent_support, "partner") == {"göteborgs-stad": [PARENT_SUPPORT]}
    assert in_role(parent_support, "implementer") == {"integrationscentrum": [PARENT_SUPPORT]}
    assert in_role(parent_support, "researcher") == {"fou-i-väst": [PARENT_SUPPORT]}
    assert list(in_role(parent_support, "participant")) == [
        "härryda", "kungälv", "lerum", "lilla-edet",
        "mölndal", "partille", "stenungsund", "öckerö",
    ]  # fmt: skip
    (funding,) = parent_support.funding
    assert (funding.funder, funding.amount, list(funding.recipients), list(funding.sources)) == (
        "länsstyrelsen",
        None,
        [],
        [PARENT_SUPPORT],
    )
    assert funding.wording == grprojects.Text(sv="Projektet finansieras av Länsstyrelsen")
    assert list(parent_support.purposes) == []
    assert [(g.number, g.responsible) for g in parent_support.goals] == [
        (1, "gr"),
        (2, "göteborgs-stad"),
        (3, "gr"),
    ]

    days = [a for a in parent_support.activities if a.kind == "training-day"]
    assert [str(a.period.start) for a in days if a.period] == [
        "2019-02-05",
        "2019-03-27",
        "2019-09-11",
        "2019-10-22",
    ]
    assert all(list(a.goals) == [1] and a.part_of == "utbildningsdagar" for a in days)
    documents = {d.id: d for d in parent_support.documents}
    assert all(d.media_type == "application/pdf" and d.url is None for d in documents.values())
    assert [documents[d].title.sv for d in days[0].documents] == [
        "Sammanfattning av utbildningen",
        "Intervju med samhällsvägledare på Integrationscentrum om att träffa nyanlända familjer",
    ]
    assert [documents[d].kind for a in days[1:] for d in a.documents] == ["invitation"] * 3
    workshop = activity(parent_support, "workshop-interkulturell-kompetens")
    assert (workshop.on_request, list(workshop.documents)) == (True, ["interkulturell-kompetens"])

    course = activity(parent_support, "förälder-i-nytt-land")
    assert (course.kind, list(course.goals), course.provider) == (
        "course-series",
        [2],
        "integrationscentrum",
    )
    assert (course.sessions, course.hours_per_session) == (7, Decimal("2.5"))
    assert course.instances == grprojects.Count(value=30)
    assert list(course.languages) == ["ara", "prs", "eng", "som", "tir"]
    parts = {a.id: a for a in parent_support.walk_activities("förälder-i-nytt-land")}
    assert {i: (a.instances.value if a.instances else None) for i, a in parts.items()} == {
        "förälder-i-nytt-land-göteborg": 20,
        "förälder-i-nytt-land-lokalt": 10,
    }
    in_gothenburg = parts["förälder-i-nytt-land-göteborg"].place
    assert in_gothenburg is not None
    assert in_gothenburg.municipality == "1480"
    leaders = activity(parent_support, "kursledarutbildning")
    assert leaders.period == grprojects.Period(
        start=PartialDate.parse("2019-23"), end=PartialDate.parse("2019-23")
    )

    clusters = activity(parent_support, "klusterträffar")
    assert [(f.count.value, f.count.max, f.unit, f.per) for f in clusters.figures] == [
        (3, 4, "municipalities", "instance"),
        (6, 10, "persons", "municipality"),
    ]
    assert all(f.count.qualifier == Qualifier.BETWEEN for f in clusters.figures)
    research = activity(parent_support, "följeforskning")
    assert (research.kind, list(research.goals), research.provider, list(research.people)) == (
        "research",
        [1, 2, 3],
        "fou-i-väst",
        ["jeanette-olsson"],
    )
    kinds = {a.kind for a in parent_support.activities}
    assert {"method-development", "local-development", "cluster-meeting"} <= kinds

    people = {
        p.id: (p.name, p.title.sv if p.title else None, p.organisation, p.phone)
        for p in parent_support.people
    }
    assert people == {
        "patrick-gruczkun": ("Patrick Gruczkun", "Utbildningsledare", "gr", "031-335 51 82"),
        "maria-ottosson": (
            "Maria Ottosson",
            "Utvecklingsledare",
            "integrationscentrum",
            "031-367 91 64",
        ),
        "jeanette-olsson": ("Jeanette Olsson", "Forskare", "fou-i-väst", "0734-22 30 79"),
    }
    assert [(c.person, list(c.goals), list(c.sources)) for c in parent_support.contacts] == [
        ("patrick-gruczkun", [1, 3], [PARENT_SUPPORT]),
        ("maria-ottosson", [2], [PARENT_SUPPORT]),
        ("jeanette-olsson", [], [PARENT_SUPPORT]),
    ]


def test_public_export_drops_the_named_people(dataset: Dataset) -> None:
    """The public copy has no people, contacts or quotes, and keeps everything else."""
    public = grprojects.public(dataset)
    for project in public.projects:
        assert (list(project.people), list(project.contacts)) == ([], [])
        assert all(list(a.quotes) == [] and list(a.people) == [] for a in project.activities)
    text = grprojects.dumps(public)
    for personal in ("Almqvist", "Gruczkun", "Ottosson", "Olsson", "031-", "0734-"):
        assert personal not in text
    assert public.organisations == dataset.organisations
    assert public.project("nya-grannar").funding == dataset.project("nya-grannar").funding
