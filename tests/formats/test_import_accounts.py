"""convert, summary and report tell an importer's account; refused records stop convert
unless --partial."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

import grprojects
from grprojects import Diagnostic, Severity, hookimpl
from grprojects.cli import cli
from grprojects.plugin_types import Imported, Importer, RecordTally
from grprojects.runtime import Runtime, make_runtime
from grprojects.testing import minimal_dataset

LEADER = "Anna Exempelsdotter"


def _read_ledger(path: Path) -> Imported:
    """Each line a record: ``ok``, ``warn`` (a warning quoting the leader) or ``refuse``."""
    projects: list[dict[str, Any]] = []
    diagnostics = []
    tally = {"ok": 0, "warn": 0, "refuse": 0}
    for number, word in enumerate(path.read_text("utf-8").split()):
        tally[word] += 1
        if word == "refuse":
            diagnostics.append(Diagnostic("ledger.refused", "no name: refused", f"/{number}"))
            continue
        if word == "warn":
            diagnostics.append(
                Diagnostic(
                    "ledger.odd-leader",
                    f"leader {LEADER!r} written oddly",
                    f"/{number}/leader",
                    Severity.WARNING,
                )
            )
        diagnostics.append(Diagnostic("ledger.note", "a note", f"/{number}", Severity.INFO))
        project = {
            "id": f"p{number}",
            "name": {"sv": f"Projekt {number}"},
            "people": [{"id": "leader", "name": LEADER, "sources": ["webb"]}],
            "contacts": [{"person": "leader", "sources": ["webb"]}],
            "sources": ["webb"],
        }
        projects.append(project)
    dataset = grprojects.from_json(minimal_dataset(projects=projects))
    return Imported(dataset, diagnostics, RecordTally(tally["ok"], tally["warn"], tally["refuse"]))


class LedgerPlugin:
    """An importer of records that accounts for each."""

    @hookimpl
    def register_importers(self) -> list[Importer]:
        """The ledger importer."""
        return [Importer("ledger", "A ledger of records", (".ledger",), _read_ledger)]


@pytest.fixture
def runtime(monkeypatch: pytest.MonkeyPatch) -> Runtime:
    """The built-ins and the ledger importer, as every command's default runtime."""
    made = make_runtime(entry_points=False, plugins={"ledger-plugin": LedgerPlugin()})
    monkeypatch.setattr("grprojects.formats.convert.default_runtime", lambda: made)
    return made


def _ledger(tmp_path: Path, *words: str) -> Path:
    path = tmp_path / "in.ledger"
    path.write_text("\n".join(words), encoding="utf-8")
    return path


def run(*arguments: str) -> Result:
    """The command line's result."""
    return CliRunner().invoke(cli, list(arguments))


def test_warnings_alone_write_and_exit_0(runtime: Runtime, tmp_path: Path) -> None:
    """Each warning with file, code, message and place; the notes counted; the tally."""
    source = _ledger(tmp_path, "ok", "warn")
    result = run("convert", str(source), str(tmp_path / "out.json"))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out.json").exists()
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"{source}: warning ledger.odd-leader: leader ")
    assert lines[0].endswith(" written oddly (at /1/leader)")
    assert lines[1] == (
        f"grprojects convert: {source}: 2 notes (ledger.note 2); grprojects explain CODE says "
        "what each means"
    )
    assert lines[2] == (
        f"grprojects convert: {source}: 2 records: 1 imported, 1 with warnings, 0 refused"
    )


def test_a_personal_value_quoted_in_a_remark_is_masked(runtime: Runtime, tmp_path: Path) -> None:
    """The leader's name is in the dataset's people, so the message shows it masked."""
    result = run("convert", str(_ledger(tmp_path, "warn")), str(tmp_path / "out.json"))
    assert LEADER not in result.output
    assert "leader 'An…er' written oddly" in result.stderr


def test_a_refused_record_writes_nothing_and_exits_1(runtime: Runtime, tmp_path: Path) -> None:
    """Without --partial nothing is written; the refusal, the tally and the way out are told."""
    source = _ledger(tmp_path, "ok", "refuse")
    result = run("convert", str(source), str(tmp_path / "out.json"))
    assert result.exit_code == 1
    assert not (tmp_path / "out.json").exists()
    assert f"{source}: error ledger.refused: no name: refused (at /1)" in result.stderr
    assert result.stderr.splitlines()[-1] == (
        f"grprojects convert: {source}: 1 record refused; nothing written "
        "(--partial writes the records kept)"
    )


def test_partial_writes_the_kept_records_and_still_exits_1(
    runtime: Runtime, tmp_path: Path
) -> None:
    """--partial: the kept records are written, every refused one told, exit code 1."""
    source = _ledger(tmp_path, "ok", "refuse", "refuse")
    result = run("convert", "--partial", str(source), str(tmp_path / "out.json"))
    assert result.exit_code == 1
    written = grprojects.load(tmp_path / "out.json")
    assert [p.id for p in written.projects] == ["p0"]
    assert result.stderr.count("error ledger.refused") == 2
    assert "3 records: 1 imported, 0 with warnings, 2 refused" in result.stderr
    assert f"partial: 2 records refused; {tmp_path / 'out.json'} holds the rest" in result.stderr


def test_summary_tells_the_account_and_exits_1_on_a_refusal(
    runtime: Runtime, tmp_path: Path
) -> None:
    """summary describes the kept records and tells the account on standard error."""
    result = run("summary", str(_ledger(tmp_path, "warn", "refuse")))
    assert result.exit_code == 1
    assert "Testdata: 1 organisation, 1 project, 1 source" in result.stdout
    assert "2 records: 0 imported, 1 with warnings, 1 refused" in result.stderr
    clean = run("summary", str(_ledger(tmp_path, "ok")))
    assert clean.exit_code == 0


def test_an_error_without_a_refused_record_still_stops_convert(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """An importer's error is input left out even when its tally refuses no record."""

    def read(path: Path) -> Imported:
        imported = _read_ledger(path)
        error = Diagnostic("ledger.column", "a column not imported", "/0/extra")
        return Imported(imported.dataset, [error], RecordTally(1))

    class Plugin:
        @hookimpl
        def register_importers(self) -> list[Importer]:
            """The ledger importer with a column-level error."""
            return [Importer("ledger", "A ledger", (".ledger",), read)]

    made = make_runtime(entry_points=False, plugins={"ledger-plugin": Plugin()})
    monkeypatch.setattr("grprojects.formats.convert.default_runtime", lambda: made)
    source = _ledger(tmp_path, "ok")
    result = run("convert", str(source), str(tmp_path / "out.json"))
    assert result.exit_code == 1
    assert f"grprojects convert: {source}: 1 error; nothing written" in result.stderr


def test_report_tells_the_account_and_writes_no_site_on_a_refusal(
    runtime: Runtime, tmp_path: Path
) -> None:
    """report refuses to build a site from an incomplete import."""
    site = tmp_path / "site"
    result = run("report", str(_ledger(tmp_path, "ok", "refuse")), "-o", str(site))
    assert result.exit_code == 1
    assert not (site / "index.html").exists()
    assert "1 record refused; no site written" in result.stderr


def test_merge_tells_each_account_and_refuses_unless_partial(
    runtime: Runtime, tmp_path: Path
) -> None:
    """merge, like convert: a refused record writes nothing and exits 1; with --partial the
    kept records of both inputs are merged and written, and the exit code is still 1."""
    first = _ledger(tmp_path, "ok", "refuse")
    second = tmp_path / "more.ledger"
    second.write_text("ok\nok", encoding="utf-8")
    out = tmp_path / "out.json"
    result = run("merge", str(first), str(second), "-o", str(out))
    assert result.exit_code == 1
    assert not out.exists()
    assert f"{first}: error ledger.refused: no name: refused (at /1)" in result.stderr
    assert (
        f"grprojects merge: {first}: 1 record refused; nothing written "
        "(--partial merges the records kept)"
    ) in result.stderr
    result = run("merge", "--partial", str(first), str(second), "-o", str(out))
    assert result.exit_code == 1
    assert [p.id for p in grprojects.load(out).projects] == ["p0", "p1"]
    assert "matched 1 organisation, 1 project, 1 source" in result.stderr
    assert f"partial: {first}: 1 record refused; {out} holds the rest" in result.stderr
