"""Checks on organisations: official identifiers, municipality codes, and nesting.

An *organisationsnummer* is written NNNNNN-NNNN and its last digit is a Luhn check
digit over the other nine (Skatteverket's rule). Municipality and county codes
come from SCB's list, shipped as the ``municipality`` and ``county`` code lists;
the lists in force (with plugins' additions) are the ones checked against.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..codelists import CodeList
from ..diagnostics import Diagnostic, Severity, pointer_of
from ..lookups import ORGNR_FORM, luhn_check_digit
from ..model import Place
from ..plugin_types import Check, CheckContext
from ._graph import cycles
from ._walk import nodes_of


def _identifiers(context: CheckContext, scheme: str) -> Iterator[tuple[str, str, str]]:
    """(pointer of the value, value, organisation id) of each identifier in ``scheme``."""
    for o, organisation in enumerate(context.dataset.organisations):
        for i, identifier in enumerate(organisation.identifiers):
            if identifier.scheme == scheme:
                pointer = pointer_of(("organisations", o, "identifiers", i, "value"))
                yield pointer, identifier.value, organisation.id


def _orgnr_form(context: CheckContext) -> Iterator[Diagnostic]:
    for pointer, value, _ in _identifiers(context, "se-orgnr"):
        if not ORGNR_FORM.match(value):
            yield ORGNR_FORMAT.diagnostic(
                pointer, f"the organisationsnummer {value!r} is not written NNNNNN-NNNN"
            )


def _orgnr_check_digit(context: CheckContext) -> Iterator[Diagnostic]:
    for pointer, value, _ in _identifiers(context, "se-orgnr"):
        if not ORGNR_FORM.match(value):
            continue
        digits = value.replace("-", "")
        expected = luhn_check_digit(digits[:9])
        if int(digits[9]) != expected:
            yield ORGNR_CHECK_DIGIT.diagnostic(
                pointer,
                f"the check digit of {value!r} is wrong: the first nine digits give {expected}",
            )


def _unknown(codelist: CodeList | None, code: str) -> bool:
    return codelist is not None and code not in codelist


def _municipality_codes(context: CheckContext) -> Iterator[Diagnostic]:
    municipalities = context.codelists.get("municipality")
    found = [(pointer, value) for pointer, value, _ in _identifiers(context, "se-kommunkod")]
    found += [
        (f"{pointer_of(path)}/municipality", place.municipality)
        for path, place in nodes_of(context.dataset, Place)
        if place.municipality is not None and _unknown(municipalities, place.municipality)
    ]
    for pointer, value in found:
        if _unknown(municipalities, value):
            yield UNKNOWN_MUNICIPALITY.diagnostic(
                pointer, f"no municipality has the code {value!r} in SCB's list"
            )


def _municipality_names(context: CheckContext) -> Iterator[Diagnostic]:
    municipalities = context.codelists.get("municipality")
    if municipalities is None:
        return
    names = {code.code: code.title.get("sv", "") for code in municipalities.codes}
    for o, organisation in enumerate(context.dataset.organisations):
        if organisation.kind != "municipality":
            continue
        for i, identifier in enumerate(organisation.identifiers):
            name = names.get(identifier.value) if identifier.scheme == "se-kommunkod" else None
            if name and name.casefold() not in organisation.name.sv.casefold():
                yield MUNICIPALITY_NAME.diagnostic(
                    pointer_of(("organisations", o, "identifiers", i, "value")),
                    f"the code {identifier.value!r} is {name}'s, but the organisation is "
                    f"named {organisation.name.sv!r}",
                )


def _county_codes(context: CheckContext) -> Iterator[Diagnostic]:
    counties = context.codelists.get("county")
    for pointer, value, _ in _identifiers(context, "se-lanskod"):
        if _unknown(counties, value):
            yield UNKNOWN_COUNTY.diagnostic(
                pointer, f"no county has the code {value!r} in SCB's list"
            )


def _parent_cycles(context: CheckContext) -> Iterator[Diagnostic]:
    organisations = context.dataset.organisations
    parent = {o.id: o.parent for o in organisations}  # a repeated id: the last one's parent
    on_cycle = cycles(parent)
    for o, organisation in enumerate(organisations):
        cycle = on_cycle.get(organisation.id)
        if cycle is not None and organisation.parent == parent[organisation.id]:
            yield PARENT_CYCLE.diagnostic(
                pointer_of(("organisations", o, "parent")),
                f"the organisation is its own ancestor: {cycle.chain(organisation.id)}",
            )


ORGNR_FORMAT = Check(
    code="organisation.orgnr-format",
    severity=Severity.ERROR,
    category="organisations",
    summary="An organisationsnummer is not written NNNNNN-NNNN.",
    explanation=(
        "Swedish organisation numbers have ten digits, written as six, a hyphen and four "
        "(`212000-1355`). Other spellings (no hyphen, a century prefix, spaces) do not "
        "match the registers other systems look them up in."
    ),
    failing_example='{"scheme": "se-orgnr", "value": "2120001355"}',
    passing_example='{"scheme": "se-orgnr", "value": "212000-1355"}',
    run=_orgnr_form,
)

ORGNR_CHECK_DIGIT = Check(
    code="organisation.orgnr-check-digit",
    severity=Severity.ERROR,
    category="organisations",
    summary="An organisationsnummer's last digit is not its Luhn check digit.",
    explanation=(
        "The tenth digit of an organisationsnummer is computed from the other nine with "
        "the Luhn algorithm: double every other digit from the first, add up the digits "
        "of the results and the undoubled digits, and take what is missing to the next "
        "multiple of ten. A wrong check digit means a digit was mistyped or two were "
        "swapped."
    ),
    failing_example='{"scheme": "se-orgnr", "value": "212000-1356"}',
    passing_example='{"scheme": "se-orgnr", "value": "212000-1355"}',
    run=_orgnr_check_digit,
)

UNKNOWN_MUNICIPALITY = Check(
    code="municipality.unknown-code",
    severity=Severity.ERROR,
    category="organisations",
    summary="A municipality code (kommunkod) is not in SCB's list.",
    explanation=(
        "Municipalities are identified by SCB's four-digit kommunkod, both in "
        "organisations' `se-kommunkod` identifiers and in places' `municipality`. The "
        "shipped `municipality` list is SCB's; a code outside it is a typo or a code that "
        "SCB has retired."
    ),
    failing_example='{"scheme": "se-kommunkod", "value": "1479"}',
    passing_example='{"scheme": "se-kommunkod", "value": "1480"}',
    run=_municipality_codes,
)

MUNICIPALITY_NAME = Check(
    code="municipality.name-mismatch",
    severity=Severity.WARNING,
    category="organisations",
    summary="A municipality's kommunkod belongs to a municipality of another name.",
    explanation=(
        "A municipality organisation's Swedish name should contain the name SCB gives its "
        "code (`Mölndals stad` for 1481 Mölndal). When it does not, the code is most "
        "likely a neighbour's, copied from the row above."
    ),
    failing_example='{"id": "molndal", "name": {"sv": "Mölndals stad"}, "kind": '
    '"municipality", "identifiers": [{"scheme": "se-kommunkod", "value": "1480"}]}',
    passing_example='{"id": "molndal", "name": {"sv": "Mölndals stad"}, "kind": '
    '"municipality", "identifiers": [{"scheme": "se-kommunkod", "value": "1481"}]}',
    run=_municipality_names,
)

UNKNOWN_COUNTY = Check(
    code="county.unknown-code",
    severity=Severity.ERROR,
    category="organisations",
    summary="A county code (länskod) is not in SCB's list.",
    explanation=(
        "Counties and regions are identified by SCB's two-digit länskod in `se-lanskod` "
        "identifiers (`14` is Västra Götaland). A code outside the shipped `county` list "
        "is a typo or an old code."
    ),
    failing_example='{"scheme": "se-lanskod", "value": "15"}',
    passing_example='{"scheme": "se-lanskod", "value": "14"}',
    run=_county_codes,
)

PARENT_CYCLE = Check(
    code="organisation.parent-cycle",
    severity=Severity.ERROR,
    category="organisations",
    summary="An organisation is, through `parent`, a part of itself.",
    explanation=(
        "Organisations nest: Integrationscentrum is part of Social resursförvaltning, "
        "which is part of Göteborgs Stad. Following `parent` must end at an organisation "
        "without one; a chain that returns to where it started has no top."
    ),
    failing_example='{"organisations": [{"id": "goteborg", "parent": "srf", …}, '
    '{"id": "srf", "parent": "goteborg", …}]}',
    passing_example='{"organisations": [{"id": "goteborg", …}, '
    '{"id": "srf", "parent": "goteborg", …}]}',
    run=_parent_cycles,
)

CHECKS = (
    ORGNR_FORMAT,
    ORGNR_CHECK_DIGIT,
    UNKNOWN_MUNICIPALITY,
    MUNICIPALITY_NAME,
    UNKNOWN_COUNTY,
    PARENT_CYCLE,
)
