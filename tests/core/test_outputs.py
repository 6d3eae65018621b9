"""Outputs that are not regular files, races and signals: nothing replaced that should not be."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from grprojects import load, outputs
from grprojects.cli import cli
from grprojects.formats import OutputExistsError, write_dataset
from grprojects.io import dump
from grprojects.model import Dataset
from grprojects.outputs import Kind, OutputKindError, write_bytes, write_with
from tests.formats.conftest import EXAMPLE

NULL = Path("/dev/null")


@pytest.fixture(scope="module")
def example() -> Dataset:
    """The bundled example dataset."""
    dataset: Dataset = load(EXAMPLE)
    return dataset


def run(*arguments: str | Path, stdin: bytes | None = None) -> Result:
    return CliRunner().invoke(cli, list(map(str, arguments)), input=stdin)


def _device_number(path: Path) -> int:
    status = path.stat()
    assert stat.S_ISCHR(status.st_mode), f"{path} is no longer a character device"
    return status.st_rdev


@pytest.fixture
def null_device() -> Iterator[int]:
    """/dev/null's device number, checked again after the test: it must still be the device."""
    before = _device_number(NULL)
    yield before
    assert _device_number(NULL) == before


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    """A FIFO in its own directory, so that any stray temporary file would be seen."""
    path = tmp_path / "fifo" / "out.json"
    path.parent.mkdir()
    os.mkfifo(path)
    return path


def _reading(path: Path) -> tuple[threading.Thread, list[bytes]]:
    """A thread reading everything written to the FIFO ``path``, as a consumer would."""
    received: list[bytes] = []

    def read() -> None:
        with path.open("rb") as file:
            received.append(file.read())

    thread = threading.Thread(target=read, daemon=True)
    thread.start()
    return thread, received


def _in_time(work: Callable[[], object], unblock: Callable[[], None]) -> None:
    """Run ``work`` in a thread; fail if it does not end within 20 s (then ``unblock`` it)."""
    thread = threading.Thread(target=work, daemon=True)
    thread.start()
    thread.join(20)
    if thread.is_alive():
        unblock()
        thread.join(5)
        pytest.fail("blocked on a FIFO")


# -- devices ------------------------------------------------------------------------------


@pytest.mark.usefixtures("null_device")
def test_dev_null_is_written_to_never_replaced(example: Dataset) -> None:
    """/dev/null takes the bytes as a stream, with or without replace, and stays the device."""
    for replace in (False, True):
        written = write_bytes(NULL, b"{}\n", replace=replace)
        assert (written.output.kind, written.size, written.notes) == (Kind.STREAM, 3, ())
    assert dump(example, NULL) == EXAMPLE.read_text(encoding="utf-8")
    _, written = write_with(NULL, lambda path: path.write_bytes(b"x" * 5), replace=False)
    assert (written.output.kind, written.size) == (Kind.STREAM, 5)


@pytest.mark.usefixtures("null_device")
def test_convert_and_validate_to_dev_null_leave_it_a_device() -> None:
    """`convert --force X /dev/null` and `validate -o /dev/null` write to the device and exit 0."""
    for arguments in (["--force"], []):
        result = run("convert", EXAMPLE, NULL, "--to", "json", *arguments)
        assert result.exit_code == 0, result.output
        assert result.stderr.startswith("wrote /dev/null (json, ")
        assert result.stdout == ""
    result = run("validate", EXAMPLE, "-o", NULL, "--format", "json")
    assert result.exit_code == 0, result.output
    assert result.stdout == ""


def test_a_link_to_a_device_is_followed_and_kept(tmp_path: Path, null_device: int) -> None:
    """A symbolic link to /dev/null is written through, as /dev/stdout is; the link stays."""
    link = tmp_path / "sink.json"
    link.symlink_to(NULL)
    written = write_bytes(link, b"{}\n", replace=False)
    assert written.output.kind is Kind.STREAM
    assert link.is_symlink()
    assert link.readlink() == NULL


def test_a_directory_is_refused(tmp_path: Path) -> None:
    """A directory at the output path is an OutputKindError (an OSError), even with replace."""
    with pytest.raises(OutputKindError, match="is a directory"):
        write_bytes(tmp_path, b"{}", replace=True)
    assert isinstance(OutputKindError("x"), OSError)
    result = run("convert", EXAMPLE, tmp_path, "--to", "json", "--force")
    assert result.exit_code == 2
    assert result.stderr == (
        f"grprojects convert: {tmp_path} is a directory; grprojects writes files, FIFOs and "
        "devices\n"
    )


# -- FIFOs ------------------------------------------------------------------------------


def test_a_fifo_is_written_to_as_a_stream(fifo: Path) -> None:
    """The reader gets every byte, the FIFO stays a FIFO, and no file appears beside it."""
    data = b"0123456789" * 100_000  # more than a pipe holds: the writer waits for the reader
    thread, received = _reading(fifo)
    written = write_bytes(fifo, data, replace=False)
    thread.join(20)
    assert received == [data]
    assert written.output.kind is Kind.STREAM
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert list(fifo.parent.iterdir()) == [fifo]


def test_convert_to_a_fifo_streams_the_export(fifo: Path) -> None:
    """`convert X fifo --to json` sends the canonical JSON to the FIFO's reader."""
    thread, received = _reading(fifo)
    result = run("convert", EXAMPLE, fifo, "--to", "json")
    thread.join(20)
    assert result.exit_code == 0, result.output
    assert received == [EXAMPLE.read_bytes()]
    assert list(fifo.parent.iterdir()) == [fifo]


def test_validate_writes_its_report_into_a_fifo(fifo: Path) -> None:
    """`validate -o fifo` streams the report; the FIFO is not replaced by a file."""
    thread, received = _reading(fifo)
    result = run("validate", EXAMPLE, "-o", fifo, "--format", "json")
    thread.join(20)
    assert result.exit_code == 0, result.output
    assert b'"valid": true' in received[0]
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_a_fifo_as_input_does_not_block_the_refusal_of_an_existing_output(
    tmp_path: Path, fifo: Path
) -> None:
    """With OUT existing, convert refuses at once: the FIFO at IN is not opened at all."""
    target = tmp_path / "out.xlsx"
    target.write_bytes(b"earlier work")
    results: list[Result] = []

    def unblock() -> None:
        fifo.open("wb").close()

    _in_time(lambda: results.append(run("convert", fifo, target)), unblock)
    assert results[0].exit_code == 2
    assert results[0].stderr == f"grprojects convert: {target} exists; use --force to replace it\n"
    assert target.read_bytes() == b"earlier work"


def test_a_fifo_as_input_is_read_once_not_sniffed(tmp_path: Path, fifo: Path) -> None:
    """A FIFO named .json is read by the JSON importer whole; no look at its head eats bytes."""
    target = tmp_path / "out.json"

    def feed() -> None:
        with fifo.open("wb") as file:
            file.write(EXAMPLE.read_bytes())

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    results: list[Result] = []
    _in_time(lambda: results.append(run("convert", fifo, target)), lambda: None)
    writer.join(5)
    assert results[0].exit_code == 0, results[0].output
    assert target.read_bytes() == EXAMPLE.read_bytes()


# -- symbolic links ------------------------------------------------------------------------


def test_a_dangling_link_is_kept_without_force(tmp_path: Path) -> None:
    """A dangling link counts as existing: refused without replace, naming where it points."""
    link = tmp_path / "out.json"
    link.symlink_to(tmp_path / "elsewhere" / "target.json")
    with pytest.raises(OutputExistsError, match=r"a symbolic link to .*target\.json"):
        write_bytes(link, b"{}", replace=False)
    assert link.is_symlink()
    result = run("convert", EXAMPLE, link)
    assert result.exit_code == 2
    assert "use --force to replace it" in result.stderr


def test_force_replaces_a_dangling_link_never_writing_through_it(tmp_path: Path) -> None:
    """With --force the link itself becomes the file; its target is not created; a note says so."""
    target = tmp_path / "elsewhere.json"
    link = tmp_path / "out.json"
    link.symlink_to(target)
    result = run("convert", EXAMPLE, link, "--force")
    assert result.exit_code == 0, result.output
    assert not link.is_symlink()
    assert link.read_bytes() == EXAMPLE.read_bytes()
    assert not target.exists()
    assert f"note: {link} was a symbolic link to {target}; the link was replaced" in result.stderr


def test_a_link_to_a_file_is_replaced_itself_and_the_file_kept(tmp_path: Path) -> None:
    """Replacing a link to a file leaves the file as it was (a link is never written through)."""
    kept = tmp_path / "kept.json"
    kept.write_bytes(b"mine")
    link = tmp_path / "out.json"
    link.symlink_to(kept)
    written = write_bytes(link, b"{}\n", replace=True)
    assert written.output.kind is Kind.LINK
    assert (link.is_symlink(), link.read_bytes(), kept.read_bytes()) == (False, b"{}\n", b"mine")


def test_validate_refuses_a_link_as_its_report(tmp_path: Path) -> None:
    """validate -o has no --force: a symbolic link there is a usage error, left as it was."""
    link = tmp_path / "report.json"
    link.symlink_to(tmp_path / "nowhere.json")
    result = run("validate", EXAMPLE, "-o", link)
    assert result.exit_code == 2
    assert "is a symbolic link to" in result.output
    assert link.is_symlink()
    assert not (tmp_path / "nowhere.json").exists()


# -- modes --------------------------------------------------------------------------------


@pytest.mark.parametrize("how", ["bytes", "with"])
def test_only_read_and_write_bits_are_kept(tmp_path: Path, how: str) -> None:
    """A setuid, setgid, sticky, executable file replaced keeps rw bits only: 6775 → 664."""
    target = tmp_path / "out.json"
    target.write_bytes(b"old")
    target.chmod(0o7775)
    assert target.stat().st_mode & 0o7777 == 0o7775
    if how == "bytes":
        write_bytes(target, b"new", replace=True)
    else:
        write_with(target, lambda path: path.write_bytes(b"new"), replace=True)
    assert target.stat().st_mode & 0o7777 == 0o664
    assert target.read_bytes() == b"new"


def test_a_new_file_gets_what_the_umask_allows(tmp_path: Path) -> None:
    """A new output is 0666 less the umask (0644 under 022), not the temporary file's 0600."""
    umask = os.umask(0o022)
    try:
        _, written = write_with(tmp_path / "a.json", lambda p: p.write_bytes(b"1"), replace=False)
    finally:
        os.umask(umask)
    assert written.output.kind is Kind.NEW
    assert (tmp_path / "a.json").stat().st_mode & 0o7777 == 0o644


# -- races --------------------------------------------------------------------------------


def test_of_two_writers_of_a_new_file_exactly_one_wins(tmp_path: Path) -> None:
    """Both find the path free and write; link(2) lets one in, the other gets a clear error."""
    target = tmp_path / "out.json"
    both_written = threading.Barrier(2, timeout=20)
    outcomes: dict[bytes, object] = {}

    def writer(data: bytes) -> None:
        def produce(path: Path) -> None:
            path.write_bytes(data)
            both_written.wait()  # each has passed its existence check and written its file

        try:
            write_with(target, produce, replace=False)
            outcomes[data] = "won"
        except OutputExistsError as error:
            outcomes[data] = error

    threads = [threading.Thread(target=writer, args=(d,)) for d in (b"first", b"second")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)
    winners = [data for data, outcome in outcomes.items() if outcome == "won"]
    (loser,) = [outcome for outcome in outcomes.values() if outcome != "won"]
    assert len(winners) == 1
    assert target.read_bytes() == winners[0]
    assert str(loser) == (
        f"{target} exists (another writer made it meanwhile); use --force to replace it"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]


# -- signals ------------------------------------------------------------------------------

_KILLED_MID_WRITE = """
import os, sys, time
from pathlib import Path
from grprojects import load, outputs

def pause(*_):
    print("writing", flush=True)
    time.sleep(60)

target = Path(sys.argv[1])
if sys.argv[2] == "bytes":
    os.fsync = pause  # the data is in the temporary file; the rename has not happened
    outputs.write_bytes(target, b"x" * 1_000_000, replace=False)
else:
    def produce(path):
        path.write_bytes(b"x" * 1_000_000)
        pause()
    outputs.write_with(target, produce, replace=False)
"""


@pytest.mark.parametrize("how", ["bytes", "with"])
def test_sigterm_mid_write_leaves_no_temporary_file(tmp_path: Path, how: str) -> None:
    """A process killed by SIGTERM while writing removes its temporary files and dies of it."""
    folder = tmp_path / "out"
    folder.mkdir()
    with subprocess.Popen(
        [sys.executable, "-c", _KILLED_MID_WRITE, str(folder / "gr.json"), how],
        stdout=subprocess.PIPE,
    ) as child:
        assert child.stdout is not None
        assert child.stdout.readline() == b"writing\n"
        assert [p.name.startswith(".gr.json.") for p in folder.iterdir()] == [True]  # mid-write
        child.send_signal(signal.SIGTERM)
        assert child.wait(20) == -signal.SIGTERM
    assert list(folder.iterdir()) == []


def test_sigint_mid_write_removes_the_file_and_raises_keyboard_interrupt(tmp_path: Path) -> None:
    """SIGINT cleans up, then does what it did before (KeyboardInterrupt); handlers restored."""
    before = signal.getsignal(signal.SIGINT)

    def produce(path: Path) -> None:
        path.write_bytes(b"x" * 1000)
        assert signal.getsignal(signal.SIGTERM) is not signal.SIG_DFL  # ours, while writing
        signal.raise_signal(signal.SIGINT)
        time.sleep(5)  # the handler interrupts this

    with pytest.raises(KeyboardInterrupt):
        write_with(tmp_path / "out.json", produce, replace=False)
    assert list(tmp_path.iterdir()) == []
    assert signal.getsignal(signal.SIGINT) is before
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL


def test_a_failed_export_leaves_nothing_behind(tmp_path: Path, example: Dataset) -> None:
    """An exporter that raises leaves neither OUT nor a temporary file, in its folder or /tmp."""

    def fail(path: Path) -> None:
        path.write_bytes(b"half")
        raise RuntimeError("exporter bug")

    with pytest.raises(RuntimeError, match="exporter bug"):
        write_with(tmp_path / "out.json", fail, replace=False)
    assert list(tmp_path.iterdir()) == []
    assert write_dataset(example, tmp_path / "gr.json") == []
    assert [p.name for p in tmp_path.iterdir()] == ["gr.json"]


def test_temporary_directory_is_removed(tmp_path: Path) -> None:
    """The private directory that holds standard input is gone after use."""
    with outputs.temporary_directory() as folder:
        (folder / "stdin").write_bytes(b"x")
    assert not folder.exists()
