"""Merging datasets: one object per identifier, every source cited, clashes renamed, all told."""

from __future__ import annotations

import copy
import doctest
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from grprojects import load
from grprojects.cli.merge import account
from grprojects.diagnostics import Severity
from grprojects.io import to_json, to_model
from grprojects.merge import Action, Merged, merge
from grprojects.model import Dataset, Identifier, Text
from grprojects.testing import validate
from tests.formats.repair import sound
from tests.strategies import datasets

EXAMPLES = Path(__file__).parents[2] / "examples"

PAGE = "kommunens-sida"

MUNICIPALITY: dict[str, Any] = {
    "version": "1.1",
    "title": {"sv": "Uddevallas projekt"},
    "publisher": {"name": {"sv": "Uddevalla kommun"}},
    "organisations": [
        {
            "id": "tvv",
            "name": {"sv": "Tillväxtverket"},
            "kind": "state-agency",
            "identifiers": [{"scheme": "se-orgnr", "value": "202100-5026", "sources": [PAGE]}],
            "sources": [PAGE],
        },
        {
            "id": "exempel",
            "name": {"sv": "Exempel Innovation"},
            "kind": "company",
            "identifiers": [{"scheme": "se-orgnr", "value": "556000-0001", "sources": [PAGE]}],
            "sources": [PAGE],
        },
        {
            "id": "fond-erdf",  # the bank's id, but no name in common: taken for another body
            "name": {"sv": "Regionala fonden"},
            "kind": "eu-fund",
            "sources": [PAGE],
        },
    ],
    "projects": [
        {
            "id": "fyrbodal",
            "name": {"sv": "Hållbar tillväxt i Fyrbodal"},
            "identifiers": [
                {
                    "scheme": "se-arendenummer",
                    "value": "20209902",
                    "issuer": "tvv",
                    "sources": [PAGE],
                }
            ],
            "periods": [
                {"status": "planned", "start": "2016-09-01", "end": "2019-08-31", "sources": [PAGE]}
            ],
            "participations": [
                {"role": "owner", "organisation": "exempel", "sources": [PAGE]},
                {"role": "funder", "organisation": "fond-erdf", "sources": [PAGE]},
            ],
            "funding": [
                {
                    "funder": "fond-erdf",
                    "amount": {"amount": "13000000", "currency": "SEK"},
                    "sources": [PAGE],
                }
            ],
            "sources": [PAGE],
        }
    ],
    "sources": [
        {
            "id": PAGE,
            "title": {"sv": "Hållbar tillväxt i Fyrbodal"},
            "kind": "web-page",
            "url": "https://www.uddevalla.se/fyrbodal",
        }
    ],
}
"""The project-bank record's project in a municipality's own file: its own ids, its own page."""


def errors(dataset: Dataset) -> set[str]:
    """The codes of the errors ``validate`` finds (warnings and notes aside)."""
    return {d.code for d in validate(dataset) if d.severity is Severity.ERROR}


def reasons(merged: Merged, action: Action, kind: str) -> list[str]:
    return [d.reason for d in merged.decisions if d.action is action and d.kind == kind]


@pytest.fixture(scope="module")
def bank() -> Dataset:
    """The project-bank record, its beneficiary and managing authority given organisationsnummer."""
    record = load(EXAMPLES / "projektbanken-record.json")
    numbers = {"exempel-innovation-ab": "556000-0001", "tillvaxtverket": "202100-5026"}
    organisations = [
        o.evolve(identifiers=[Identifier(scheme="se-orgnr", value=numbers[o.id])])
        if o.id in numbers
        else o
        for o in record.organisations
    ]
    return record.evolve(organisations=organisations)


@pytest.fixture(scope="module")
def municipality() -> Dataset:
    dataset: Dataset = to_model(copy.deepcopy(MUNICIPALITY), Dataset)
    return dataset


@pytest.fixture(scope="module")
def merged(bank: Dataset, municipality: Dataset) -> Merged:
    return merge([bank, municipality])


def test_one_project_per_identifier_citing_both_sources(merged: Merged) -> None:
    """The bank's project and the municipality's, one ärendenummer from one issuer, are one
    project under the bank's id that cites the register and the page."""
    (project,) = merged.dataset.projects
    assert project.id == "20209902"
    assert list(project.sources) == ["projektbanken", PAGE]
    (identifier,) = project.identifiers
    assert (identifier.issuer, list(identifier.sources)) == (
        "tillvaxtverket",
        ["projektbanken", PAGE],
    )
    assert reasons(merged, Action.MATCHED, "project") == [
        "the same se-arendenummer 20209902 issued by 'tillvaxtverket'"
    ]


def test_organisations_are_matched_by_organisationsnummer(merged: Merged) -> None:
    """The bank's beneficiary and managing authority are the page's, by organisationsnummer,
    the identifier given once, citing the page."""
    assert reasons(merged, Action.MATCHED, "organisation") == [
        "the same se-orgnr 202100-5026",
        "the same se-orgnr 556000-0001",
    ]
    company = merged.dataset.organisation("exempel-innovation-ab")
    assert [(i.value, list(i.sources)) for i in company.identifiers] == [("556000-0001", [PAGE])]


def test_an_organisationsnummer_matches_in_any_spelling(
    bank: Dataset, municipality: Dataset
) -> None:
    """A draft's 5560000001 and the VAT number SE202100502601 are 556000-0001 and
    202100-5026 (the draft keeps its spelling, for ``validate`` to point out)."""
    spelt = {"556000-0001": "5560000001", "202100-5026": "SE202100502601"}
    organisations = [
        o.evolve(identifiers=[i.evolve(value=spelt.get(i.value, i.value)) for i in o.identifiers])
        for o in bank.organisations
    ]
    result = merge([bank.evolve(organisations=organisations), municipality])
    assert reasons(result, Action.MATCHED, "organisation") == [
        "the same se-orgnr 202100-5026",
        "the same se-orgnr 556000-0001",
    ]
    company = result.dataset.organisation("exempel-innovation-ab")
    assert [i.value for i in company.identifiers] == ["5560000001", "556000-0001"]


def test_a_clash_is_renamed_and_every_reference_rewritten(merged: Merged) -> None:
    """The municipality's 'fond-erdf' shares the bank's id and no name: it becomes
    'fond-erdf-2', and its participation and funding cite 'fond-erdf-2'."""
    assert [o.id for o in merged.dataset.organisations] == [
        "exempel-innovation-ab",
        "tillvaxtverket",
        "fond-erdf",
        "fond-erdf-2",
    ]
    assert reasons(merged, Action.RENAMED, "organisation") == [
        "'fond-erdf' is now 'fond-erdf-2': the same id, but no name in common"
    ]
    (project,) = merged.dataset.projects
    assert [(p.role, p.organisation) for p in project.participations][-1] == (
        "funder",
        "fond-erdf-2",
    )
    assert [f.funder for f in project.funding] == ["fond-erdf", "fond-erdf-2"]


def test_the_same_claim_cites_both_and_different_claims_stand_side_by_side(
    merged: Merged,
) -> None:
    """The same planned period is one claim citing both sources; the two fundings (different
    funders, different amounts) are both kept, each with its own source."""
    (project,) = merged.dataset.projects
    (period,) = project.periods
    assert list(period.sources) == ["projektbanken", PAGE]
    assert [(str(f.amount.amount), list(f.sources)) for f in project.funding if f.amount] == [
        ("12800000", ["projektbanken"]),
        ("13000000", [PAGE]),
    ]


def test_a_different_name_is_kept_as_a_cited_other_name_and_reported(merged: Merged) -> None:
    """The bank's name stays the name; the page's becomes an other name citing the page."""
    (project,) = merged.dataset.projects
    assert project.name.sv == "Samverkan för hållbar tillväxt i Fyrbodal"
    assert [(s.text.sv, list(s.sources)) for s in project.other_names] == [
        ("Hållbar tillväxt i Fyrbodal", [PAGE])
    ]
    assert reasons(merged, Action.DISAGREED, "project") == [
        "name: input 1 says 'Samverkan för hållbar tillväxt i Fyrbodal', input 2 says "
        "'Hållbar tillväxt i Fyrbodal'; kept input 1's; kept as a cited alternative as well"
    ]
    (decision,) = [
        d for d in merged.decisions if d.kind == "project" and d.action is Action.DISAGREED
    ]
    assert (decision.pointer, decision.result) == ("/projects/0/name", "/projects/0/name")


def test_the_sources_of_both_are_kept_once(merged: Merged) -> None:
    """Sources are kept, each once: the register and the page."""
    assert [s.id for s in merged.dataset.sources] == ["projektbanken", PAGE]


def test_the_merge_validates_as_its_inputs_do(
    bank: Dataset, municipality: Dataset, merged: Merged
) -> None:
    """No error in either input, none in the merge."""
    assert errors(bank) == errors(municipality) == set()
    assert errors(merged.dataset) == set()


def test_the_example_merged_with_a_bank_record_validates() -> None:
    """The GR example and the project-bank record, in either order and with a third input,
    merge without a new error."""
    example = load(EXAMPLES / "gr-projects.json")
    record = load(EXAMPLES / "projektbanken-record.json")
    assert errors(merge([example, record, example]).dataset) == errors(example)
    assert errors(merge([record, example]).dataset) == errors(example)


def test_a_unit_is_not_its_municipality_for_sharing_its_organisationsnummer(
    municipality: Dataset,
) -> None:
    """A unit states its municipality's organisationsnummer; it is kept apart from it."""
    document = copy.deepcopy(MUNICIPALITY)
    city = {
        "id": "uddevalla",
        "name": {"sv": "Uddevalla kommun"},
        "kind": "municipality",
        "identifiers": [{"scheme": "se-orgnr", "value": "212000-1918"}],
    }
    unit = {**city, "id": "skolforvaltningen", "kind": "unit", "parent": "uddevalla"}
    unit["name"] = {"sv": "Skolförvaltningen"}
    document["organisations"] = [city]
    other = copy.deepcopy(MUNICIPALITY)
    other["organisations"] = [{**city, "id": "uddevalla-kommun"}, unit]
    result = merge([to_model(document, Dataset), to_model(other, Dataset)])
    assert [o.id for o in result.dataset.organisations] == ["uddevalla", "skolforvaltningen"]
    assert result.dataset.organisation("skolforvaltningen").parent == "uddevalla"


def test_an_organisation_of_the_same_name_but_no_identifier_is_told_alike(
    municipality: Dataset,
) -> None:
    """The same company under another id and without an organisationsnummer on one side is
    kept apart, and the account says which of the result it is alike."""
    other = copy.deepcopy(MUNICIPALITY)
    other["organisations"][1].update(id="exempel-ab", identifiers=[])
    other["projects"][0]["participations"][0]["organisation"] = "exempel-ab"
    result = merge([municipality, to_model(other, Dataset)])
    assert [o.id for o in result.dataset.organisations] == [
        "tvv",
        "exempel",
        "fond-erdf",
        "exempel-ab",
    ]
    assert [
        (d.pointer, d.result, d.reason) for d in result.decisions if d.action is Action.ALIKE
    ] == [
        (
            "/organisations/1",
            "/organisations/3",
            "'exempel-ab' kept apart from 'exempel' (/organisations/1), which has a name in "
            "common: no identifier or id says they are one",
        )
    ]


def test_a_stated_absence_gives_way_to_a_value_and_is_reported() -> None:
    """One input says the summary is missing (UPPGIFT SAKNAS), the other states it: the value
    is kept, the absence dropped and the disagreement told."""
    first = copy.deepcopy(MUNICIPALITY)
    first["projects"][0]["missing"] = [
        {"field": "summary", "wording": {"sv": "UPPGIFT SAKNAS"}, "sources": [PAGE]}
    ]
    second = copy.deepcopy(MUNICIPALITY)
    second["projects"][0]["summary"] = {"sv": "Små företag ska växa."}
    result = merge([to_model(first, Dataset), to_model(second, Dataset)])
    (project,) = result.dataset.projects
    assert project.summary == Text(sv="Små företag ska växa.")
    assert list(project.missing) == []
    assert reasons(result, Action.DISAGREED, "project") == [
        "summary: input 1 states it is missing (stated-missing), the other gives a value; "
        "kept the value"
    ]


def test_people_of_the_same_id_kept_apart_are_never_named_in_the_report() -> None:
    """Two different people under one id in one project: the second is renamed, the contact
    citing it follows, and the report shows neither name, id nor e-mail address."""
    first = copy.deepcopy(MUNICIPALITY)
    first["projects"][0]["people"] = [
        {"id": "anna-andersson", "name": "Anna Andersson", "email": "anna@example.se"}
    ]
    second = copy.deepcopy(first)
    second["projects"][0]["people"] = [
        {"id": "anna-andersson", "name": "Anna Svensson", "email": "anna.svensson@example.se"}
    ]
    second["projects"][0]["contacts"] = [{"person": "anna-andersson", "sources": [PAGE]}]
    result = merge([to_model(first, Dataset), to_model(second, Dataset)])
    (project,) = result.dataset.projects
    assert [(p.id, p.name) for p in project.people] == [
        ("anna-andersson", "Anna Andersson"),
        ("anna-andersson-2", "Anna Svensson"),
    ]
    assert [c.person for c in project.contacts] == ["anna-andersson-2"]
    told = "\n".join(map(str, result.decisions))
    assert "person" in told
    for personal in ("Anna", "Andersson", "Svensson", "anna@", "example.se"):
        assert personal not in told


def test_an_organisationsnummer_that_may_be_a_personnummer_is_masked() -> None:
    """A sole trader's number (a personnummer) in a clash of ids is masked as every message
    masks personal values."""
    first = copy.deepcopy(MUNICIPALITY)
    first["organisations"][1]["identifiers"][0]["value"] = "121212-1212"
    result = merge([to_model(first, Dataset), to_model(copy.deepcopy(MUNICIPALITY), Dataset)])
    assert reasons(result, Action.RENAMED, "organisation") == [
        "'exempel' is now 'exempel-2': the same id, but the identifiers differ "
        "(se-orgnr '12…12' and 556000-0001)"
    ]


def test_sub_goals_that_differ_are_numbered_on() -> None:
    """A sub-goal 1 that is another sub-goal becomes number 2, in order, and what cites it
    follows."""
    first = copy.deepcopy(MUNICIPALITY)
    first["projects"][0]["goals"] = [{"number": 1, "description": {"sv": "Fler jobb."}}]
    second = copy.deepcopy(MUNICIPALITY)
    second["projects"][0]["goals"] = [{"number": 1, "description": {"sv": "Fler företag."}}]
    second["projects"][0]["results"] = [
        {"id": "r1", "description": {"sv": "Tio nya företag."}, "goal": 1}
    ]
    result = merge([to_model(first, Dataset), to_model(second, Dataset)])
    (project,) = result.dataset.projects
    assert [(g.number, g.description.sv) for g in project.goals] == [
        (1, "Fler jobb."),
        (2, "Fler företag."),
    ]
    assert [r.goal for r in project.results] == [2]
    assert errors(result.dataset) == set()


def test_one_dataset_is_its_own_merge_and_none_is_refused(municipality: Dataset) -> None:
    """Merging one dataset gives it back with nothing decided; merging none is an error."""
    assert merge([municipality]) == Merged(municipality, ())
    with pytest.raises(ValueError, match="at least one"):
        merge([])


# -- properties ------------------------------------------------------------------------

sound_datasets = datasets().map(sound)


def from_other_sources(dataset: Dataset) -> Dataset:
    """``dataset`` as another source tells it: every source another (new id, new title),
    every citation pointing to its counterpart."""
    document = to_json(dataset)
    renamed = {s["id"]: f"b~{s['id']}"[:100] for s in document.get("sources", [])}

    def visit(value: Any) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                if key == "sources" and all(isinstance(i, str) for i in item):
                    value[key] = [renamed.get(i, i) for i in item]
                else:
                    visit(item)
        elif isinstance(value, list):
            for item in value:
                visit(item)

    visit(document)
    for source in document.get("sources", []):
        source["id"] = renamed[source["id"]]
        source["title"] = {"sv": "Från den andra källan: " + source["title"]["sv"]}
    result: Dataset = to_model(document, Dataset)
    return result


PROPERTY = settings(max_examples=10)
"""Few examples: each is a whole dataset, merged and checked (the thorough profile runs more)."""


@PROPERTY
@given(sound_datasets)
def test_a_dataset_merged_with_itself_is_itself(dataset: Dataset) -> None:
    """merge(d, d) is d, and everything of the second is told as matched, nothing else."""
    merged = merge([dataset, dataset])
    assert merged.dataset == dataset
    assert {d.action for d in merged.decisions} <= {Action.MATCHED}
    assert merged.count(Action.MATCHED) == sum(
        len(getattr(dataset, name)) for name in ("sources", "organisations", "projects")
    )


@PROPERTY
@given(sound_datasets, st.data())
def test_overlapping_parts_keep_one_project_per_id_citing_both(
    dataset: Dataset, data: st.DataObject
) -> None:
    """Two overlapping parts of one dataset, told by different sources, merge into one project
    per id (in the first's order), each overlapping one citing its sources of both parts; the
    same parts read again merge into the same text with the same decisions."""
    count = len(dataset.projects)
    start = data.draw(st.integers(0, count))
    end = data.draw(st.integers(start, count))
    first = dataset.evolve(projects=list(dataset.projects)[:end])
    second = from_other_sources(dataset.evolve(projects=list(dataset.projects)[start:]))
    done = merge([first, second])
    again = merge([to_model(to_json(d), Dataset) for d in (first, second)])
    assert (to_json(again.dataset), again.decisions) == (to_json(done.dataset), done.decisions)
    merged = done.dataset
    assert [p.id for p in merged.projects] == [p.id for p in dataset.projects]
    titles = {s.id: s.title.sv for s in merged.sources}
    for project in merged.projects[start:end]:
        original = dataset.project(project.id)
        cited = [titles[s] for s in project.sources]
        assert len(cited) == 2 * len(original.sources)
        assert sum(t.startswith("Från den andra källan: ") for t in cited) == len(original.sources)


@PROPERTY
@given(sound_datasets)
def test_clashing_ids_are_renamed_with_references_intact(dataset: Dataset) -> None:
    """Organisations and projects of taken ids but other names and no identifiers are added
    under new ids: no id twice, no reference left dangling, each renaming told."""
    document = to_json(dataset)
    for kind in ("organisations", "projects"):
        for item in document.get(kind, []):
            item["name"] = {"sv": "Ett annat namn: " + item["name"]["sv"]}
            item.pop("identifiers", None)
            item.pop("other_names", None)
            item.pop("alternative_names", None)
    other: Dataset = to_model(document, Dataset)
    merged = merge([dataset, other])
    result = merged.dataset
    assert len(result.organisations) == 2 * len(dataset.organisations)
    assert len(result.projects) == 2 * len(dataset.projects)
    assert merged.count(Action.RENAMED) == len(dataset.organisations) + len(dataset.projects)
    problems = {c for c in errors(result) if c.startswith("reference.") or c == "id.duplicate"}
    assert problems == set()
    for project in result.projects[len(dataset.projects) :]:
        for participation in project.participations:
            if participation.organisation is not None:
                named = result.organisation(participation.organisation).name.sv
                assert named.startswith("Ett annat namn: ")


def test_the_merging_page_examples_run(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every ``pycon`` example on docs/merging.md gives the output the page shows."""
    root = EXAMPLES.parent
    monkeypatch.chdir(root)  # the page reads examples/ as a reader in a checkout would
    page = (root / "docs" / "merging.md").read_text("utf-8")
    session = "\n".join(re.findall(r"```pycon\n(.*?)```", page, re.DOTALL))
    test = doctest.DocTestParser().get_doctest(session, {}, "docs/merging.md", None, 0)
    result = doctest.DocTestRunner().run(test)
    assert (result.failed, result.attempted) == (0, len(test.examples))
    assert result.attempted >= 7


def test_the_page_shows_what_the_command_prints(tmp_path: Path) -> None:
    """The account on docs/merging.md is what the example files give, line for line."""
    page = (EXAMPLES.parent / "docs" / "merging.md").read_text("utf-8")
    shown = re.search(r"```console\n\$ [^\n]*\n(.*?)wrote", page, re.DOTALL)
    assert shown is not None
    merged = merge(
        [load(EXAMPLES / "projektbanken-record.json"), load(EXAMPLES / "kommunens-projekt.json")]
    )
    assert shown[1].splitlines() == account(merged)
