"""Valid data is data every step can carry: years 0001–9999, ASCII digits, whole counts, bounded
nesting, ids without invisible characters; what the schema accepts, every command accepts."""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import grprojects
from grprojects import engines
from grprojects.cli import main
from grprojects.cli.summary import describe
from grprojects.converter import MAX_FREE_DEPTH
from grprojects.exitcodes import EXIT_INVALID, EXIT_VALID
from grprojects.model import PartialDate
from grprojects.model.fields import ID_PATTERN, LARGEST_WHOLE_NUMBER, LONGEST_TEXT
from grprojects.schema import published_schema
from grprojects.schema_check import schema_validator
from grprojects.upgrades import upgrade_text

MINIMAL = Path(__file__).parent / "valid-minimal.json"
DATE_SCHEMA = {"$ref": "#/$defs/PartialDate", "$defs": published_schema("dataset")["$defs"]}


def _minimal() -> dict[str, Any]:
    value: dict[str, Any] = json.loads(MINIMAL.read_text("utf-8"))
    return value


def _patterns(schema: Any) -> Iterator[str]:
    if isinstance(schema, dict):
        for key, value in schema.items():
            if key == "pattern" and isinstance(value, str):
                yield value
            else:
                yield from _patterns(value)
    elif isinstance(schema, list):
        for item in schema:
            yield from _patterns(item)


@pytest.mark.parametrize("name", ["dataset", "project"])
def test_no_published_pattern_uses_a_class_escape_engines_read_differently(name: str) -> None:
    """``\\d``, ``\\s``, ``\\w`` mean Unicode in Python and ASCII or other sets elsewhere."""
    found = {p for p in _patterns(published_schema(name)) if re.search(r"\\[dDsSwW]", p)}
    assert found == set()


@pytest.mark.parametrize(
    "date",
    ["0001", "9999", "0001-01-01", "9999-12-31", "9999-12", "9999-23", "9998-24", "2016-21"],
)
def test_dates_within_years_0001_to_9999_are_valid_everywhere(date: str) -> None:
    """The edges of the range pass the schema (both engines) and structure into a date."""
    assert schema_validator("dataset").evolve(schema=DATE_SCHEMA).is_valid(date)
    assert engines.is_valid(_with_date(date))
    parsed = PartialDate.parse(date)
    assert parsed.earliest.year >= 1
    assert parsed.latest.year <= 9999


@pytest.mark.parametrize(
    "date",
    [
        "0000",  # no year 0 in the calendar Python, SQLite and iCalendar share
        "0000-05",
        "0000-21",
        "0000-01-01",
        "9999-24",  # winter 9999 ends in February 10000
        "\uff12\uff10\uff11\uff19",  # 2019 in full-width digits
        "\u0662\u0660\u0661\u0669",  # 2019 in Arabic-Indic digits
        "2019-0\u0665",
        "2019-02-0\u0665",
    ],
)
def test_dates_outside_the_range_or_in_other_digits_are_refused_by_the_schema(date: str) -> None:
    """Both engines and the model refuse them, so other validators of the schema agree."""
    assert not schema_validator("dataset").evolve(schema=DATE_SCHEMA).is_valid(date)
    assert not engines.is_valid(_with_date(date))
    with pytest.raises(ValueError, match=re.escape(repr(date))):
        PartialDate.parse(date)


@pytest.mark.parametrize("args", [(0,), (10000,), (9999, None, None, 24)])
def test_the_model_refuses_dates_outside_the_range(args: tuple[Any, ...]) -> None:
    """A date made in Python outside 0001–9999 is a ValueError, not a crash later."""
    if len(args) == 4:
        args = (*args[:3], PartialDate.parse("2016-24").season)
    with pytest.raises(ValueError, match="0001–9999"):
        PartialDate(*args)


def _with_date(date: str) -> dict[str, Any]:
    value = _minimal()
    value["projects"][0]["periods"][0]["start"] = date
    return value


@pytest.mark.parametrize("date", ["0000", "9999-24", "0000-01-01"])
def test_validate_and_summary_report_out_of_range_dates_as_invalid_data(
    date: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Once a crash in two checks (exit 3) and in summary; now a schema error, exit 1."""
    path = tmp_path / "dates.json"
    path.write_text(json.dumps(_with_date(date)), encoding="utf-8")
    found = grprojects.validate(path)
    assert [(d.code, d.pointer) for d in found if d.severity == grprojects.Severity.ERROR] == [
        ("schema.pattern", "/projects/0/periods/0/start")
    ]
    assert main(["validate", str(path)]) == EXIT_INVALID
    assert main(["summary", str(path)]) == EXIT_INVALID
    assert "internal" not in capsys.readouterr().err


@pytest.mark.parametrize("number", ["1e-400", "5.0", "1E2", "0.0"])
def test_a_count_written_as_a_float_is_an_error_not_a_silent_number(number: str) -> None:
    """JSON Schema calls 5.0 an integer; grprojects refuses it rather than read 1e-400 as 0."""
    value = _minimal()
    value["organisations"][0]["figures"] = [{"status": "actual", "count": {"value": 7}}]
    text = json.dumps(value).replace('"value": 7', f'"value": {number}')
    with pytest.raises(grprojects.DocumentError) as caught:
        grprojects.load(text)
    (found,) = caught.value.diagnostics
    assert found.pointer == "/organisations/0/figures/0/count/value"
    assert "whole number" in found.message
    errors = [d for d in grprojects.validate(text) if d.severity == grprojects.Severity.ERROR]
    assert [(d.code, d.pointer) for d in errors] == [("model.structure", found.pointer)]


def _with_count(value: int, version: str = "1.1") -> dict[str, Any]:
    document = _minimal()
    document["version"] = version
    document["organisations"][0]["figures"] = [{"status": "actual", "count": {"value": value}}]
    return document


@pytest.mark.parametrize("engine", sorted(engines.installed()))
def test_whole_numbers_end_at_2_to_the_53_minus_1_in_both_engines(engine: str) -> None:
    """2⁵³ − 1 (the largest integer every JSON tool keeps) is valid, 2⁵³ is not, in both."""
    using = engines.installed()[engine]
    assert LARGEST_WHOLE_NUMBER == 2**53 - 1
    assert engines.is_valid(_with_count(LARGEST_WHOLE_NUMBER), using=using)
    for number in (LARGEST_WHOLE_NUMBER + 1, 2**63, 10**400):
        assert not engines.is_valid(_with_count(number), using=using)


def test_a_count_past_the_maximum_is_schema_maximum_at_its_pointer() -> None:
    """validate names the value's place; the schema states the maximum on every integer."""
    errors = [
        (d.code, d.pointer)
        for d in grprojects.validate(json.dumps(_with_count(2**53)))
        if d.severity == grprojects.Severity.ERROR
    ]
    assert errors == [("schema.maximum", "/organisations/0/figures/0/count/value")]
    integers = [
        p
        for d in published_schema("dataset")["$defs"].values()
        for p in d.get("properties", {}).values()
        if "integer" in (p.get("type"), p.get("items", {}).get("type"))
    ]
    assert integers
    assert all(
        LARGEST_WHOLE_NUMBER in (p.get("maximum"), p.get("items", {}).get("maximum"))
        for p in integers
    )


def test_a_1_0_document_keeps_larger_counts_but_cannot_be_upgraded() -> None:
    """1.0 had no maximum: its document stays valid; upgrading it is refused at the count."""
    text = json.dumps(_with_count(2**63, version="1.0"))
    assert not [d for d in grprojects.validate(text) if d.severity == grprojects.Severity.ERROR]
    with pytest.raises(grprojects.DocumentError) as caught:
        upgrade_text(text)
    assert [(d.code, d.pointer) for d in caught.value.diagnostics] == [
        ("schema.maximum", "/organisations/0/figures/0/count/value")
    ]


def _with_name(name: str, version: str = "1.1") -> dict[str, Any]:
    document = _minimal()
    document["version"] = version
    document["organisations"][0]["name"] = {"sv": "Kommun", "en": name}
    return document


@pytest.mark.parametrize("engine", sorted(engines.installed()))
@pytest.mark.parametrize("char", ["a", "𝄞"])
def test_strings_end_at_the_longest_text_in_both_engines(engine: str, char: str) -> None:
    """32,766 characters (code points: an astral character is one) are valid, one more is
    not, in both engines."""
    using = engines.installed()[engine]
    assert engines.is_valid(_with_name(char * LONGEST_TEXT), using=using)
    assert not engines.is_valid(_with_name(char * (LONGEST_TEXT + 1)), using=using)


def test_every_string_of_the_schema_has_the_longest_length() -> None:
    """Each string the schema has a place for, but codes of an enumeration and dates, says
    maxLength: texts in every language, plain strings, ids, addresses, amounts."""
    strings: list[dict[str, Any]] = []

    def visit(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("type") == "string" and "enum" not in node:
                strings.append(node)
            for value in node.values():
                visit(value)
        elif isinstance(node, list):
            for value in node:
                visit(value)

    defs = dict(published_schema("dataset")["$defs"])
    defs.pop("PartialDate")  # dates have a fixed form
    for document in ("DatasetDocument", "ProjectDocument"):  # their "$schema": a path
        defs.pop(document)
    visit(defs)
    assert len(strings) > 80
    assert all(node.get("maxLength") == LONGEST_TEXT for node in strings), [
        node for node in strings if node.get("maxLength") != LONGEST_TEXT
    ][:3]


def test_a_text_past_the_longest_is_too_long_at_its_pointer_never_quoted() -> None:
    """validate says how long the text is and what the limit is, without the text."""
    (found,) = [
        d
        for d in grprojects.validate(json.dumps(_with_name("x" * (LONGEST_TEXT + 5))))
        if d.severity == grprojects.Severity.ERROR
    ]
    assert (found.code, found.pointer) == ("schema.too-long", "/organisations/0/name/en")
    assert found.message.startswith("32,771 characters; at most 32,766")
    assert "xxx" not in found.message


def test_a_1_0_document_keeps_longer_texts_but_cannot_be_upgraded() -> None:
    """1.0 had no longest text: its document stays valid; upgrading it is refused at the text."""
    text = json.dumps(_with_name("x" * 40_000, version="1.0"))
    assert not [d for d in grprojects.validate(text) if d.severity == grprojects.Severity.ERROR]
    with pytest.raises(grprojects.DocumentError) as caught:
        upgrade_text(text)
    assert [(d.code, d.pointer) for d in caught.value.diagnostics] == [
        ("schema.too-long", "/organisations/0/name/en")
    ]


def _nested(depth: int) -> Any:
    """An object holding arrays ``depth`` levels deep in all (the object itself included)."""
    inner: Any = 1
    for _ in range(depth - 1):
        inner = [inner]
    return {"x": inner}


def test_extension_data_nested_past_the_limit_is_refused_where_it_is() -> None:
    """Past MAX_FREE_DEPTH levels is json.too-deep at its place; at the limit it round-trips."""
    value = _minimal()
    value["uses_extensions"] = ["se.test"]
    value["extensions"] = {"se.test": _nested(MAX_FREE_DEPTH)}
    dataset = grprojects.load(json.dumps(value))
    assert grprojects.load(grprojects.dumps(dataset)) == dataset
    value["extensions"] = {"se.test": _nested(MAX_FREE_DEPTH + 1)}
    with pytest.raises(grprojects.DocumentError) as caught:
        grprojects.load(json.dumps(value))
    (found,) = caught.value.diagnostics
    assert found.code == "json.too-deep"
    assert found.pointer == "/extensions/se.test/x" + "/0" * (MAX_FREE_DEPTH - 1)


@pytest.mark.parametrize("depth", [MAX_FREE_DEPTH + 1, 300, 5000])
def test_dumps_refuses_extension_data_it_could_not_read_back(depth: int) -> None:
    """Made in Python, too-deep extension data is a DocumentError from dumps, not RecursionError."""
    dataset = grprojects.load(MINIMAL)
    organisation = dataset.organisations[0].evolve(extensions={"se.test": _nested(depth)})
    with pytest.raises(grprojects.DocumentError, match=r"se\.test"):
        grprojects.dumps(dataset.evolve(organisations=[organisation]))


@pytest.mark.parametrize(
    "bad_id",
    [
        "gr\u200b",  # zero-width space
        "gr\u202eedoc",  # right-to-left override
        "g\u2066r",  # left-to-right isolate
        "gr\x1b[31m",  # escape
        "gr\u00a0x",  # no-break space
        "gr\ufeff",  # zero-width no-break space
        "g\u00adr",  # soft hyphen
    ],
)
def test_ids_with_invisible_or_reordering_characters_are_refused(bad_id: str) -> None:
    """The schema (both engines) refuses control, bidi and zero-width characters in ids."""
    assert re.search(ID_PATTERN, bad_id) is None
    value = _minimal()
    value["organisations"][0]["id"] = bad_id
    assert not engines.is_valid(value)
    assert "schema.pattern" in [d.code for d in grprojects.validate(json.dumps(value))]


def test_ids_in_any_script_are_still_welcome() -> None:
    """Letters of any language, digits and punctuation other than the few refused stay valid."""
    for good in ["göteborgs-stad", "ölands_kommun.2", "مالمو", "Жуков", "gr:x"[:2]]:
        assert re.search(ID_PATTERN, good) is not None


def test_summary_names_an_owner_missing_from_the_organisations() -> None:
    """An owner id that does not resolve is shown as such, not a KeyError."""
    dataset = grprojects.load(MINIMAL)
    project = dataset.projects[0]
    owner = project.participations[0].evolve(organisation="okänd")
    dataset = dataset.evolve(projects=[project.evolve(participations=[owner])])
    assert describe(dataset)[1].startswith("- Nya GRannar ('okänd', not among the organisations;")


def test_summary_escapes_terminal_controls_in_the_data(tmp_path: Path) -> None:
    """A title holding an escape sequence or a bidi override is printed escaped, on one line."""
    value = copy.deepcopy(_minimal())
    value["title"]["sv"] = "Data\x1b]0;pwned\x07\x1b[2J\u202egnp.exe"
    lines = describe(grprojects.load(json.dumps(value)))
    assert lines[0].startswith("Data\\x1b]0;pwned\\x07\\x1b[2J\\u202egnp.exe: 1 organisation")
    path = tmp_path / "escape.json"
    path.write_text(json.dumps(value), encoding="utf-8")
    assert main(["summary", str(path)]) == EXIT_VALID


def test_dumps_refuses_a_plain_value_nested_past_the_limit() -> None:
    """A plain JSON value too deep for the reader is a DocumentError, not a RecursionError."""
    assert grprojects.dumps(_nested(MAX_FREE_DEPTH)).count("[") == MAX_FREE_DEPTH - 1
    with pytest.raises(grprojects.DocumentError, match=r"json\.too-deep"):
        grprojects.dumps(_nested(5000))
