"""``-`` is standard input for validate, summary and convert IN, and standard output for OUT."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from grprojects import dump, load, validate
from grprojects.cli import cli
from grprojects.formats import write_dataset
from tests.formats.conftest import EXAMPLE

DOCUMENT = EXAMPLE.read_bytes()
WARNED = next(d for d in validate(EXAMPLE) if d.code == "source.disagreeing-municipalities")
"""The example's one warning: where it is, wherever edits to the example move it."""


def run(*arguments: str | Path, stdin: bytes | None = None) -> Result:
    return CliRunner().invoke(cli, list(map(str, arguments)), input=stdin)


def test_validate_reads_standard_input() -> None:
    """`cat doc.json | grprojects validate -` validates it and names it <stdin>."""
    result = run("validate", "-", stdin=DOCUMENT)
    assert result.exit_code == 0, result.output
    place = f"<stdin>:{WARNED.line}:{WARNED.column}"
    assert f"{place}: warning source.disagreeing-municipalities" in result.stdout
    assert result.stdout.endswith("1 file checked: 0 errors, 1 warning, 5 infos; valid\n")


def test_validate_places_problems_on_standard_input() -> None:
    """Bad JSON and bad UTF-8 on standard input are located like a file's: exit 1."""
    result = run("validate", "-", "--format", "github", stdin=b'{"a":\n')
    assert result.exit_code == 1
    assert result.stdout.startswith("::error file=<stdin>,line=2,col=1,title=json.syntax::")
    result = run("validate", "-", stdin=b'{"title": "G\xf6teborg"}')
    assert result.exit_code == 1
    assert "<stdin>:1:13: error file.encoding: not UTF-8: invalid start byte 0xf6" in result.stdout


def test_validate_takes_standard_input_beside_files(tmp_path: Path) -> None:
    """`-` may stand among other paths; each is reported."""
    broken = tmp_path / "broken.json"
    broken.write_text("[]")
    result = run("validate", "-q", broken, "-", stdin=DOCUMENT)
    assert result.exit_code == 1
    files = {line.split(":")[0] for line in result.stdout.splitlines()}
    assert files == {str(broken), "<stdin>"}


def test_convert_writes_standard_output() -> None:
    """`grprojects convert doc.json - --to json` prints the canonical JSON, and says so aside."""
    result = run("convert", EXAMPLE, "-", "--to", "json")
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes == DOCUMENT
    assert result.stderr == f"wrote standard output (json, {len(DOCUMENT):,} bytes)\n"


def test_convert_needs_to_for_standard_output() -> None:
    """Standard output has no name to tell a format by: a usage error asks for --to."""
    result = run("convert", EXAMPLE, "-")
    assert result.exit_code == 2
    assert result.stderr.startswith(
        "grprojects convert: cannot tell the format to write to standard output; use --to ("
    )
    assert result.stdout == ""


def test_convert_reads_standard_input(tmp_path: Path) -> None:
    """`convert - OUT --from json` reads standard input; without --from, a usage error asks."""
    target = tmp_path / "gr.json"
    result = run("convert", "-", target, "--from", "json", stdin=DOCUMENT)
    assert result.exit_code == 0, result.output
    assert target.read_bytes() == DOCUMENT
    result = run("convert", "-", tmp_path / "other.json", stdin=DOCUMENT)
    assert result.exit_code == 2
    assert "cannot tell the format of standard input; name it with --from (" in result.stderr


def test_problems_on_standard_input_name_it_not_a_copy(tmp_path: Path) -> None:
    """Standard input is read through a temporary copy, but problems say <stdin>."""
    result = run("convert", "-", tmp_path / "gr.json", "--from", "json", stdin=b'{"a": 1,}')
    assert result.exit_code == 1
    assert result.stderr.startswith("grprojects convert: cannot read standard input as json\n")
    assert "  <stdin>:1:" in result.stderr
    assert "grprojects-" not in result.stderr  # the copy's private directory


def test_a_workbook_on_standard_input_is_recognised(tmp_path: Path) -> None:
    """Content tells what a name cannot: a workbook on standard input needs no --from."""
    pytest.importorskip("openpyxl", reason="the xlsx extra is not installed")
    assert run("convert", EXAMPLE, tmp_path / "gr.xlsx").exit_code == 0
    workbook = (tmp_path / "gr.xlsx").read_bytes()
    result = run("convert", "-", "-", "--to", "json", stdin=workbook)
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes == DOCUMENT


def test_summary_reads_standard_input_with_from() -> None:
    """summary has the --from its error suggests, and `-` for standard input."""
    result = run("summary", "-", "--from", "json", stdin=DOCUMENT)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Två samverkansprojekt i Göteborgsregionen")
    result = run("summary", "-", stdin=DOCUMENT)
    assert result.exit_code == 2
    assert "name it with --from (" in result.stderr
    assert "--from FORMAT" in run("summary", "--help").stdout


def test_real_pipes(tmp_path: Path) -> None:
    """Real processes: stdin into validate, convert to -, /dev/stdout redirected to a file."""
    validated = subprocess.run(
        [sys.executable, "-m", "grprojects", "validate", "-q", "-"],
        input=DOCUMENT,
        capture_output=True,
        check=False,
        timeout=60,
    )
    assert (validated.returncode, validated.stderr) == (0, b"")
    assert validated.stdout.startswith(f"<stdin>:{WARNED.line}:{WARNED.column}: warning".encode())
    convert = f'"{sys.executable}" -m grprojects convert "{EXAMPLE}"'
    command = (
        f"{convert} - --to json > piped.json && {convert} /dev/stdout --to json > redirected.json"
    )
    converted = subprocess.run(  # noqa: S602 - the shell's redirection is what is tested
        command, shell=True, cwd=tmp_path, capture_output=True, check=False, timeout=60
    )
    assert converted.returncode == 0, converted.stderr
    assert (tmp_path / "piped.json").read_bytes() == DOCUMENT
    assert (tmp_path / "redirected.json").read_bytes() == DOCUMENT
    assert converted.stderr.decode().splitlines() == [
        f"wrote standard output (json, {len(DOCUMENT):,} bytes)",
        f"wrote standard output (json, {len(DOCUMENT):,} bytes)",
    ]
    assert Path("/dev/stdout").is_symlink()


def test_the_python_api_takes_dash_as_standard_output(
    capsysbinary: pytest.CaptureFixture[bytes],
) -> None:
    """write_dataset and dump write `-` to standard output, as the command line does."""
    dataset = load(EXAMPLE)
    assert write_dataset(dataset, "-", format_name="json") == []
    dump(dataset, "-")
    assert capsysbinary.readouterr().out == DOCUMENT + DOCUMENT
