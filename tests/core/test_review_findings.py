"""What a reviewer's attempts to break ``grprojects validate`` now get: findings, not crashes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from grprojects.cli import cli
from grprojects.diagnostics import Diagnostic
from grprojects.errors import DocumentError
from grprojects.io import load, to_model
from grprojects.jsontext import parse_json, scan
from grprojects.reporting import text as text_format
from grprojects.reporting.report import Style
from grprojects.runtime import Runtime, make_runtime
from grprojects.validation import Validator

EXAMPLE = Path(__file__).parents[2] / "examples" / "gr-projects.json"


@pytest.fixture(autouse=True)
def builtin_plugins_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI sees grprojects' own plugins only, whatever is installed."""
    manager: Runtime = make_runtime(entry_points=False)
    monkeypatch.setattr("grprojects.cli.validate.default_runtime", lambda: manager)


def _example_with(tmp_path: Path, old: str, new: str) -> Path:
    """A copy of the example dataset with ``old`` (which must occur) replaced by ``new``."""
    text = EXAMPLE.read_text("utf-8")
    assert old in text
    path = tmp_path / "dataset.json"
    path.write_text(text.replace(old, new, 1), "utf-8")
    return path


def _validate(path: Path, *options: str) -> Result:
    return CliRunner().invoke(cli, ["validate", str(path), *options])


def _problems(text: str) -> list[tuple[str, str, int | None, int | None]]:
    with pytest.raises(DocumentError) as caught:
        parse_json(text, file="doc.json")
    return [(d.code, d.pointer, d.line, d.column) for d in caught.value.diagnostics]


# -- 1. lone surrogates -------------------------------------------------------------------


def test_a_lone_surrogate_escape_is_refused_at_its_string() -> None:
    """``\\ud800`` alone is not interchangeable JSON: refused at the string's line and column."""
    assert _problems('{"a": 1,\n "b": ["x", "y\\ud800z"]}') == [("json.invalid", "/b/1", 2, 13)]


def test_a_lone_low_surrogate_and_one_in_a_key_are_refused() -> None:
    """A low half alone and one in a key are refused; the key's at its object."""
    assert _problems('["\\uDE00"]') == [("json.invalid", "/0", 1, 2)]
    assert _problems('{"k": {"a\\udbff": 1}}') == [("json.invalid", "/k", 1, 8)]


def test_the_lone_surrogate_message_names_it() -> None:
    """The message says which surrogate and that it cannot be written as UTF-8."""
    (diagnostic,) = scan('["\\ud800"]').problems
    assert "lone surrogate \\ud800 cannot be written as UTF-8" in diagnostic.message


def test_surrogate_pairs_and_escaped_backslashes_still_parse() -> None:
    """A pair is one character; ``\\\\ud800`` is a backslash and text, not a surrogate."""
    assert parse_json('["\\ud83d\\ude00", "\\uD83D\\uDE00"]') == ["\U0001f600"] * 2
    assert parse_json('["\\\\ud800"]') == ["\\ud800"]
    assert _problems('["\\\\\\ud800"]') == [("json.invalid", "/0", 1, 2)]
    assert _problems('["\\\\ud83d\\ude00"]') == [("json.invalid", "/0", 1, 2)]


@pytest.mark.parametrize("output", ["text", "json", "github", "sarif"])
def test_validate_reports_a_lone_surrogate_in_every_format(tmp_path: Path, output: str) -> None:
    """``validate`` exits 1 with the finding in every format, not 3 with an internal error."""
    path = _example_with(tmp_path, '"sv": "Öckerö"', '"sv": "Öckerö\\ud800"')
    result = _validate(path, "--format", output)
    assert result.exit_code == 1, result.output
    assert "json.invalid" in result.output
    assert "internal error" not in result.output


def test_convert_refuses_a_lone_surrogate_with_exit_1(tmp_path: Path) -> None:
    """``convert`` names the problem and exits 1 instead of failing to write."""
    path = _example_with(tmp_path, '"sv": "Öckerö"', '"sv": "Öckerö\\ud800"')
    result = CliRunner().invoke(cli, ["convert", str(path), str(tmp_path / "out.json")])
    assert result.exit_code == 1, result.output
    assert "json.invalid" in result.output
    assert not (tmp_path / "out.json").exists()


# -- 2. a translation that is not a string ------------------------------------------------


def test_validate_reports_a_number_as_translation_without_a_crashing_check(
    tmp_path: Path,
) -> None:
    """``"en": -1`` in a text is a schema error (exit 1); no check fails on what mending made."""
    path = _example_with(tmp_path, '"en": "Two collaboration', '"en": -1, "fr": "Two')
    result = _validate(path)
    assert result.exit_code == 1, result.output
    assert "plugin.check-failed" not in result.output
    assert "error schema.type: -1 is not of type 'string' (at /title/en)" in result.output


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ({"sv": "x", "en": -1}, "the 'en' text must be a string, not -1"),
        ({"sv": "x", "en": None}, "the 'en' text must be a string, not None"),
        ({"sv": "x", 3: "y"}, "a language tag must be a string, not 3"),
    ],
)
def test_structuring_refuses_a_text_with_a_translation_that_is_not_a_string(
    text: dict[Any, Any], message: str
) -> None:
    """Structuring names the text's place and the language, instead of keeping the number."""
    value = {"version": "1.1", "title": text, "publisher": {"name": {"sv": "GR"}}}
    with pytest.raises(DocumentError) as caught:
        to_model(value)
    assert [(d.code, d.pointer, d.message) for d in caught.value.diagnostics] == [
        ("model.structure", "/title", message)
    ]


# -- 3. control characters in text output -------------------------------------------------


def test_a_line_break_in_a_name_cannot_forge_a_finding(tmp_path: Path) -> None:
    """A newline, ESC and U+2028 from the data are printed as escapes, on the finding's line."""
    forged = "Öckerö\\nfake.json:1:1: error json.syntax: injected\\u001b[31m\\u2028"
    path = _example_with(tmp_path, '"sv": "Öckerö"', f'"sv": "{forged}"')
    result = _validate(path)
    assert result.exit_code == 0, result.output
    (finding,) = [x for x in result.output.splitlines() if "disagreeing" in x]
    assert "Öckerö\\nfake.json:1:1: error json.syntax: injected\\x1b[31m\\u2028 takes" in finding
    assert not [x for x in result.output.splitlines() if x.startswith("fake.json")]
    assert "\x1b" not in result.output
    assert "\u2028" not in result.output


def test_every_control_character_is_escaped_in_a_text_line() -> None:
    """C0, DEL, C1 and the separators in file, message and pointer become escapes."""
    diagnostic = Diagnostic(
        "x.y", "a\tb\x7fc\x9bd\u2029e", "/k\r", file="f\x00.json", line=2, column=3
    )
    assert text_format.line(diagnostic, Style()) == (
        "f\\x00.json:2:3: error x.y: a\\tb\\x7fc\\x9bd\\u2029e (at /k\\r)"
    )


# -- 4. partial dates spelt wrong ---------------------------------------------------------

BAD_SEASON = Path(__file__).parent / "invalid" / "bad-season.json"


@pytest.mark.parametrize("date", ["2016-25", "2016-13", "2016-4-1", "16", "spring 2016"])
def test_a_misspelt_partial_date_is_told_every_spelling(date: str) -> None:
    """A string no date spelling matches gets the four spellings, not the full date's pattern."""
    text = BAD_SEASON.read_text("utf-8").replace('"2016-25"', json.dumps(date))
    with pytest.raises(DocumentError) as caught:
        load(text)
    assert [(d.code, d.pointer, d.message) for d in caught.value.diagnostics] == [
        (
            "schema.pattern",
            "/projects/0/periods/0/start",
            f"{date!r} is not a date: write a day (2019-02-05), month (2019-09), "
            "season (2016-21 spring … 2016-24 winter) or year (2018)",
        )
    ]


def test_a_well_spelt_impossible_day_is_still_a_format_error() -> None:
    """``2019-02-30`` is spelt as a day but no such day exists: ``schema.format`` says so."""
    text = BAD_SEASON.read_text("utf-8").replace('"2016-25"', '"2019-02-30"')
    with pytest.raises(DocumentError) as caught:
        load(text)
    assert [(d.code, d.message) for d in caught.value.diagnostics] == [
        ("schema.format", "'2019-02-30' is not a 'date'")
    ]


# -- 5. files that are not UTF-8 ----------------------------------------------------------


def _encoding_problem(tmp_path: Path, data: bytes) -> tuple[str, str, int | None, int | None]:
    path = tmp_path / "dataset.json"
    path.write_bytes(data)
    with pytest.raises(DocumentError) as caught:
        load(path)
    (diagnostic,) = caught.value.diagnostics
    assert diagnostic.file == str(path)
    return diagnostic.code, diagnostic.message, diagnostic.line, diagnostic.column


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
def test_a_byte_that_is_not_utf8_is_placed_by_line_and_column(tmp_path: Path, bom: bytes) -> None:
    """The first bad byte gets its line and column (characters, not bytes; a BOM not counted)."""
    data = bom + '{\n  "title": {"sv": "Gö'.encode() + b"\xf6" + b'teborg"}}\n'
    assert _encoding_problem(tmp_path, data) == (
        "file.encoding",
        f"not UTF-8: invalid start byte 0xf6 at byte {len(bom) + 24}",
        2,
        22,
    )


@pytest.mark.parametrize(
    ("encoding", "name"),
    [("utf-16", "UTF-16"), ("utf-16-be", "UTF-16"), ("utf-32", "UTF-32")],
)
def test_a_file_saved_as_utf16_or_utf32_is_named_so(
    tmp_path: Path, encoding: str, name: str
) -> None:
    """A UTF-16 or UTF-32 file with a byte-order mark is told it must be UTF-8."""
    data = ("\ufeff" if encoding.endswith("be") else "") + '{"version": "1.1"}'
    assert _encoding_problem(tmp_path, data.encode(encoding)) == (
        "file.encoding",
        f"the file is {name} (it starts with its byte-order mark); save it as UTF-8",
        None,
        None,
    )


def test_a_bad_byte_in_a_json_lines_record_is_placed_by_line_and_column(tmp_path: Path) -> None:
    """In JSON Lines the file's line and the column within the record are given."""
    path = tmp_path / "projects.jsonl"
    path.write_bytes(b'{"id": "a"}\n{"id": "G\xf6teborg"}\n')
    found = Validator().validate_lines(path).diagnostics
    assert [(d.code, d.line, d.column, d.message) for d in found if d.line == 2] == [
        ("file.encoding", 2, 10, "not UTF-8: invalid start byte 0xf6 at byte 9 of the line")
    ]


def test_a_document_error_prints_each_problem_on_one_line() -> None:
    """Data in a message cannot break the one-line-per-problem text of a DocumentError."""
    forged = Diagnostic("id.duplicate", "the id 'a\nfake.json:1:1: error' is used", "/x")
    assert str(DocumentError([forged])).splitlines() == [
        "1 problem in the document:",
        "  <document>: error id.duplicate: the id 'a\\nfake.json:1:1: error' is used (at /x)",
    ]
