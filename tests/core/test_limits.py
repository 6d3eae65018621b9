"""The limit on bytes read from one input: refused with a located error, never read to the end."""

from __future__ import annotations

import io
import resource
from pathlib import Path

import pytest

import grprojects
from grprojects.cli import main
from grprojects.exitcodes import EXIT_INVALID, EXIT_USAGE
from grprojects.limits import DEFAULT_INPUT_LIMIT, INPUT_LIMIT_VARIABLE, input_limit
from grprojects.validation import Validator

HERE = Path(__file__).parent
MINIMAL = HERE / "valid-minimal.json"
DEV_ZERO = Path("/dev/zero")


def test_the_default_limit_is_one_gibibyte(monkeypatch: pytest.MonkeyPatch) -> None:
    """Unset, the limit is 1 GiB; the variable sets another number of bytes."""
    monkeypatch.delenv(INPUT_LIMIT_VARIABLE, raising=False)
    assert input_limit() == DEFAULT_INPUT_LIMIT == 2**30
    monkeypatch.setenv(INPUT_LIMIT_VARIABLE, "2048")
    assert input_limit() == 2048


@pytest.mark.parametrize("value", ["0", "-5", "1e9", "lots", "١٠٠"])
def test_a_limit_that_is_not_a_positive_number_is_a_usage_error(
    monkeypatch: pytest.MonkeyPatch, value: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A bad value of the variable stops every command with exit 2, naming the variable."""
    monkeypatch.setenv(INPUT_LIMIT_VARIABLE, value)
    with pytest.raises(ValueError, match=INPUT_LIMIT_VARIABLE):
        input_limit()
    assert main(["validate", str(MINIMAL)]) == EXIT_USAGE
    assert INPUT_LIMIT_VARIABLE in capsys.readouterr().err


def test_a_file_past_the_limit_is_refused_before_it_is_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A file one byte larger than the limit gives ``file.too-large``; one at the limit loads."""
    size = MINIMAL.stat().st_size
    monkeypatch.setenv(INPUT_LIMIT_VARIABLE, str(size))
    assert grprojects.load(MINIMAL).title.sv == "Test"
    monkeypatch.setenv(INPUT_LIMIT_VARIABLE, str(size - 1))
    with pytest.raises(grprojects.DocumentError) as caught:
        grprojects.load(MINIMAL)
    (found,) = caught.value.diagnostics
    assert (found.code, found.file) == ("file.too-large", str(MINIMAL))
    assert f"{size - 1:,} bytes" in found.message
    assert INPUT_LIMIT_VARIABLE in found.message


@pytest.mark.skipif(not DEV_ZERO.exists(), reason="no /dev/zero on this system")
def test_an_endless_device_stops_at_the_limit(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``validate /dev/zero`` reads about the limit (4 MiB here), reports and exits 1."""
    monkeypatch.setenv(INPUT_LIMIT_VARIABLE, str(4 << 20))
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    assert main(["validate", str(DEV_ZERO)]) == EXIT_INVALID
    grown_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert "/dev/zero: error file.too-large" in capsys.readouterr().out
    assert grown_kib < 64 << 10  # well under 64 MiB: the read stopped


@pytest.mark.skipif(not DEV_ZERO.exists(), reason="no /dev/zero on this system")
def test_json_lines_stop_at_the_limit_keeping_earlier_findings(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A JSON Lines file past the limit reports its earlier lines, then ``file.too-large``."""
    path = tmp_path / "many.jsonl"
    path.write_text('{"id": "x",}\n' * 100, encoding="utf-8")
    monkeypatch.setenv(INPUT_LIMIT_VARIABLE, str(13 * 3 + 5))  # three lines and a bit
    found = Validator().validate_path(path).diagnostics
    assert [(d.code, d.line) for d in found] == [
        ("json.syntax", 1),
        ("json.syntax", 2),
        ("json.syntax", 3),
        ("file.too-large", 4),
    ]
    endless = tmp_path / "endless.jsonl"
    endless.symlink_to(DEV_ZERO)
    found = Validator().validate_path(endless).diagnostics
    assert [(d.code, d.line) for d in found] == [("file.too-large", 1)]


def test_bytes_that_are_not_utf8_are_a_located_error_from_every_entry_point() -> None:
    """Invalid UTF-8 given as bytes is ``file.encoding`` at line:column, not UnicodeDecodeError."""
    data = b'{\n  "title": "G\xf6teborg"}'
    with pytest.raises(grprojects.DocumentError) as caught:
        grprojects.load(data)
    (found,) = caught.value.diagnostics
    assert (found.code, found.line, found.column, found.file) == ("file.encoding", 2, 14, None)
    assert [(d.code, d.line) for d in grprojects.validate(data)] == [("file.encoding", 2)]


def test_standard_input_stops_at_the_limit(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``validate -`` reads standard input up to the limit, then reports ``<stdin>`` too large."""
    monkeypatch.setenv(INPUT_LIMIT_VARIABLE, "1000")
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b" " * 5000)))
    assert main(["validate", "-"]) == EXIT_INVALID
    assert "<stdin>: error file.too-large" in capsys.readouterr().out
