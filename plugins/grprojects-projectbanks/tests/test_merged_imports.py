"""A project-bank import and a Kohesio import of the same project merge into one."""

from __future__ import annotations

from pathlib import Path

import grprojects_projectbanks.kohesio as kohesio
import grprojects_projectbanks.projektbanken as projektbanken
from grprojects_projectbanks.kohesio import read_operations

from grprojects.merge import Action, merge
from grprojects.testing import validate

KOHESIO = Path(__file__).parent / "data" / "kohesio-operations-se.csv"


def test_a_merge_of_two_overlapping_imports_keeps_one_project_citing_both(
    projektbanken_sample: Path,
) -> None:
    """Ärende 20209901 is in the bank's sample and in Kohesio's (as the operation's local
    identifier, issued by Tillväxtverket): the merge holds it once, under the bank's id,
    citing the bank's record and the Kohesio list, and validates clean."""
    bank = projektbanken.read(projektbanken_sample).dataset
    operations = read_operations(KOHESIO).dataset
    merged = merge([bank, operations])
    cases = [
        [i.value for i in p.identifiers if i.scheme == "se-arendenummer"]
        for p in merged.dataset.projects
    ]
    assert cases.count(["20209901"]) == 1
    assert len(merged.dataset.projects) == len(bank.projects) + len(operations.projects) - 1
    project = merged.dataset.project("20209901")
    assert list(project.sources) == ["projektbanken-20209901", "kohesio"]
    assert [(i.scheme, list(i.sources)) for i in project.identifiers] == [
        ("se-arendenummer", ["projektbanken-20209901", "kohesio"]),
        ("eu-kohesio", ["kohesio"]),
    ]
    assert [s.text.sv for s in project.other_names] == ["Grön omställning i småföretag"]
    assert [d.reason for d in merged.decisions if d.action is Action.MATCHED][-1] == (
        "the same se-arendenummer 20209901 issued by 'tillvaxtverket'"
    )
    assert validate(merged.dataset, kohesio, projektbanken) == []


def test_the_same_company_without_an_identifier_on_one_side_is_told_alike(
    projektbanken_sample: Path,
) -> None:
    """The bank names the beneficiary without its organisationsnummer, Kohesio with it: they
    are kept apart (no identifier says they are one), and the account says they are alike."""
    bank = projektbanken.read(projektbanken_sample).dataset
    merged = merge([bank, read_operations(KOHESIO).dataset])
    alike = [d.reason for d in merged.decisions if d.action is Action.ALIKE]
    assert alike == [
        "'orgnr-559900-0014' kept apart from 'exempel-innovation-ab' (/organisations/3), "
        "which has a name in common: no identifier or id says they are one"
    ]


def test_a_merge_of_both_banks_keeps_one_funder_per_fund(projektbanken_sample: Path) -> None:
    """The bank's ERDF and Kohesio's are one record (fond-erdf), so the merge keeps one
    funder per fund, citing both files; the project's funder participation is one claim
    citing both, and its two fundings (SEK from the bank, EUR from Kohesio) name it."""
    bank = projektbanken.read(projektbanken_sample).dataset
    merged = merge([bank, read_operations(KOHESIO).dataset])
    funds = [o for o in merged.dataset.organisations if o.kind == "eu-fund"]
    assert [(o.id, list(o.sources)) for o in funds] == [
        ("fond-erdf", ["projektbanken", "kohesio"]),
        ("fond-esf-plus", ["kohesio"]),
        ("fond-yei", ["kohesio"]),
    ]
    assert [d.result for d in merged.decisions if d.action is Action.MATCHED][:2] == [
        f"/organisations/{[o.id for o in merged.dataset.organisations].index(i)}"
        for i in ("fond-erdf", "tillvaxtverket")
    ]
    project = merged.dataset.project("20209901")
    assert [
        (p.organisation, list(p.sources)) for p in project.participations if p.role == "funder"
    ] == [("fond-erdf", ["projektbanken-20209901", "kohesio"])]
    assert [(f.funder, f.fund, str(f.amount and f.amount.currency)) for f in project.funding] == [
        ("fond-erdf", "erdf", "SEK"),
        ("fond-erdf", "erdf", "EUR"),
    ]
