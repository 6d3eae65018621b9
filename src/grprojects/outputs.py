"""Writing outputs: nothing clobbered, nothing half-written, nothing left behind.

Every writer of grprojects comes here: :func:`grprojects.io.dump`, every exporter,
``grprojects convert`` and ``grprojects validate -o``. What is at the path decides
how it is written (:func:`destination`):

- **nothing**: a temporary file is written beside it and hard-linked into place;
  link(2) fails when another writer got there first, so of two writers of the same
  new path exactly one wins and the other gets :class:`OutputExistsError`;
- **a regular file**: replaced by rename(2), only when replacing is asked for; the
  new file keeps the old one's read and write bits, never setuid, setgid, sticky
  or execute bits (and, like any new file, it belongs to whoever wrote it);
- **a symbolic link that leads to no FIFO or device** (dangling, or to a file): it
  counts as something that exists; replacing it replaces *the link itself* with a
  regular file, and the file it pointed to is neither written nor created;
- **a FIFO or character device** (``/dev/null``, a terminal, ``/dev/stdout``), directly
  or through links: written to as a stream, never created, truncated or replaced.
  Nothing is replaced, so no permission to replace is needed; a FIFO waits for its
  reader, as ``cat > fifo`` does;
- **standard output**: ``-`` (:data:`DASH`), or a link to the file that is this
  process's standard output or error (``/dev/stdout`` redirected to a file), is
  written to as a stream too;
- **a directory, block device or socket**: refused with :class:`OutputKindError`.

While a temporary file or directory exists, SIGTERM and SIGINT remove it before the
signal takes its usual course (handlers are installed only by the main thread, only
for the duration of the write, and never over a signal that is ignored).
"""

from __future__ import annotations

import contextlib
import enum
import errno
import os
import signal
import stat
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from types import FrameType
from typing import Any, BinaryIO, Final, TypeVar

import attrs

from ._methods import shared_methods
from .errors import GrprojectsError

DASH: Final = "-"
"""The name that means standard output when written to (and standard input when read)."""

_T = TypeVar("_T")
_CHUNK: Final = 1 << 20


class OutputExistsError(GrprojectsError, FileExistsError):
    """Something exists at the output path and replacing it was not asked for."""


class OutputKindError(GrprojectsError, OSError):
    """The output path is a directory, block device or socket, which grprojects never writes."""


class Kind(enum.Enum):
    """What is at an output path, which decides how it is written."""

    NEW = "nothing yet"
    FILE = "a regular file"
    LINK = "a symbolic link"
    STREAM = "a FIFO or character device"
    STDOUT = "standard output"


@shared_methods
@attrs.frozen(eq=False, repr=False)
class Output:
    """An output path and what is at it, looked at before anything is written."""

    path: Path
    kind: Kind
    link_to: str | None = None
    """Where a symbolic link at the path points."""
    fd: int | None = None
    """The standard stream (1 or 2) a :attr:`Kind.STDOUT` output writes to."""

    @property
    def streamed(self) -> bool:
        """Whether the output is written as a stream, not placed as a file."""
        return self.kind in (Kind.STREAM, Kind.STDOUT)

    def __str__(self) -> str:
        return "standard output" if self.fd == 1 else str(self.path)


@shared_methods
@attrs.frozen(eq=False, repr=False)
class Written:
    """What a write did: where, how many bytes, and what the writer should be told."""

    output: Output
    size: int
    notes: tuple[str, ...] = ()


def _is_stream(mode: int) -> bool:
    return stat.S_ISFIFO(mode) or stat.S_ISCHR(mode)


def _standard_stream(status: os.stat_result) -> int | None:
    """1 or 2 when ``status`` is the file this process's standard output or error is."""
    for fd in (1, 2):
        with contextlib.suppress(OSError):
            if os.path.samestat(status, os.fstat(fd)):
                return fd
    return None


def destination(path: str | os.PathLike[str], *, replace: bool) -> Output:
    """Look at what is at ``path`` and say how it will be written.

    Raises :class:`OutputExistsError` when a file or link is there and ``replace``
    is false, :class:`OutputKindError` for a directory, block device or socket.
    Call it before reading any input, so a refusal comes first and at once.
    """
    if os.fspath(path) == DASH:
        return Output(Path(DASH), Kind.STDOUT, fd=1)
    path = Path(path)
    try:
        own = path.lstat()
    except (FileNotFoundError, NotADirectoryError):  # making its directory will say why
        return Output(path, Kind.NEW)
    link_to = str(path.readlink()) if stat.S_ISLNK(own.st_mode) else None
    try:
        status = path.stat()  # where any links lead
    except OSError:
        status = own  # a dangling or looping link
    if _is_stream(status.st_mode):
        return Output(path, Kind.STREAM, link_to)
    if link_to is not None and stat.S_ISREG(status.st_mode):
        fd = _standard_stream(status)  # /dev/stdout when standard output is a file
        if fd is not None:
            return Output(path, Kind.STDOUT, link_to, fd)
    if not (stat.S_ISREG(status.st_mode) or link_to is not None):
        what = "a directory" if stat.S_ISDIR(status.st_mode) else "not a regular file"
        raise OutputKindError(f"{path} is {what}; grprojects writes files, FIFOs and devices")
    if not replace:
        shown = f"{path} (a symbolic link to {link_to})" if link_to is not None else str(path)
        raise OutputExistsError(f"{shown} exists; use --force to replace it")
    return Output(path, Kind.LINK if link_to is not None else Kind.FILE, link_to)


def write_bytes(path: str | os.PathLike[str], data: bytes, *, replace: bool = True) -> Written:
    """Write ``data`` to ``path`` by the rules of this module."""
    output = destination(path, replace=replace)
    if output.streamed:
        _stream(output, [data])
        return Written(output, len(data))
    output.path.parent.mkdir(parents=True, exist_ok=True)
    import tempfile  # here and below: imported by the first write, not by every command

    handle, name = tempfile.mkstemp(prefix=f".{output.path.name}.", dir=output.path.parent)
    temporary = Path(name)
    with _removed_on_signal(temporary):
        try:
            with os.fdopen(handle, "wb") as file:
                file.write(data)
                file.flush()
                os.fsync(file.fileno())
            _place(temporary, output, replace=replace)
        finally:
            temporary.unlink(missing_ok=True)
    return Written(output, len(data), _notes(output))


def write_with(
    path: str | os.PathLike[str],
    produce: Callable[[Path], _T],
    *,
    replace: bool,
    name: str | None = None,
) -> tuple[_T, Written]:
    """Let ``produce`` write a new file, then put it at ``path`` by the rules of this module.

    ``produce`` gets a path in a private temporary directory (named ``name``, by
    default as ``path`` is), so a writer that knows nothing of streams, links or
    races (an outside plugin's exporter) is held to the same rules. What it returns
    is returned beside the :class:`Written`.
    """
    output = destination(path, replace=replace)
    where = None if output.streamed else output.path.parent
    if where is not None:
        where.mkdir(parents=True, exist_ok=True)
    import shutil
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix=f".{output.path.name}.", dir=where))
    with _removed_on_signal(folder):
        try:
            staged = folder / (name or output.path.name)
            result = produce(staged)
            status = staged.lstat()
            if not stat.S_ISREG(status.st_mode):
                raise OutputKindError(f"the writer left no regular file for {output}")
            if output.streamed:
                with staged.open("rb") as file:
                    _stream(output, iter(lambda: file.read(_CHUNK), b""))
            else:
                _synced(staged)
                _place(staged, output, replace=replace)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
    return result, Written(output, status.st_size, _notes(output))


def _synced(path: Path) -> None:
    """Make sure what a writer wrote is on disk before it takes the output's name."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _notes(output: Output) -> tuple[str, ...]:
    if output.kind is Kind.LINK:
        return (
            f"{output.path} was a symbolic link to {output.link_to}; the link was replaced "
            "by the file written, and what it pointed to is unchanged",
        )
    return ()


def _mode(output: Output) -> int:
    """Read and write bits only: the old file's, or what the umask allows a new one."""
    if output.kind is Kind.FILE:
        with contextlib.suppress(OSError):
            return output.path.lstat().st_mode & 0o666
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


_NO_CONTROLLING_TERMINAL: Final = getattr(os, "O_NOCTTY", 0)
"""Opening a terminal to write to it must not make it this process's (POSIX only)."""
_NO_LINKS: Final = frozenset({errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.ENOSYS})
"""What link(2) says on a file system without hard links."""


def _place(temporary: Path, output: Output, *, replace: bool) -> None:
    """Put the finished ``temporary`` at the output path: link when new, rename to replace."""
    temporary.chmod(_mode(output))
    path = output.path
    try:
        os.link(temporary, path, follow_symlinks=False)
        return
    except FileExistsError:
        if not replace:
            raise OutputExistsError(
                f"{path} exists (another writer made it meanwhile); use --force to replace it"
            ) from None
    except OSError as error:
        if error.errno not in _NO_LINKS:
            raise
        if not replace:  # claim the name exclusively, then rename over the claim
            try:
                os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
            except FileExistsError:
                raise OutputExistsError(f"{path} exists; use --force to replace it") from None
            temporary.replace(path)
            return
    with contextlib.suppress(FileNotFoundError):
        mode = path.lstat().st_mode
        if not (stat.S_ISREG(mode) or stat.S_ISLNK(mode)):
            raise OutputKindError(f"{path} is no longer a regular file; nothing was replaced")
    temporary.replace(path)


def _stream(output: Output, chunks: Iterator[bytes] | list[bytes]) -> None:
    """Write ``chunks`` to a FIFO, a character device or standard output, as they come."""
    if output.kind is Kind.STDOUT:
        text = sys.stdout if output.fd == 1 else sys.stderr
        text.flush()
        binary: BinaryIO | None = getattr(text, "buffer", None)
        if binary is None:
            raise OutputKindError(f"{output} takes text only here, not bytes")
        for chunk in chunks:
            binary.write(chunk)
        binary.flush()
        return
    # No O_CREAT, no O_TRUNC: a stream is opened as it is, never made or emptied.
    fd = os.open(output.path, os.O_WRONLY | _NO_CONTROLLING_TERMINAL)
    with open(fd, "wb") as file:  # noqa: PTH123 - a descriptor, not a path
        if not _is_stream(os.fstat(fd).st_mode):  # swapped for a file since it was looked at
            raise OutputKindError(f"{output.path} is no longer a FIFO or device; nothing written")
        for chunk in chunks:
            file.write(chunk)


# -- temporary files and signals ---------------------------------------------------------

_pending: dict[Path, None] = {}
"""Temporary files and directories of writes in progress, removed on SIGTERM or SIGINT."""
_previous: dict[int, Any] = {}
"""The handlers ours replaced, by signal, while any write is in progress."""
_SIGNALS: Final = (signal.SIGTERM, signal.SIGINT)


@contextlib.contextmanager
def temporary_directory() -> Iterator[Path]:
    """A private temporary directory, removed afterwards and on SIGTERM or SIGINT."""
    import shutil
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="grprojects-"))
    with _removed_on_signal(folder):
        try:
            yield folder
        finally:
            shutil.rmtree(folder, ignore_errors=True)


@contextlib.contextmanager
def _removed_on_signal(path: Path) -> Iterator[None]:
    """While the block runs, SIGTERM or SIGINT first removes ``path``, then acts as before."""
    if not _previous and threading.current_thread() is threading.main_thread():
        for number in _SIGNALS:
            current = signal.getsignal(number)
            if current is not None and current is not signal.SIG_IGN:  # None: set outside Python
                _previous[number] = signal.signal(number, _on_signal)
    _pending[path] = None
    try:
        yield
    finally:
        _pending.pop(path, None)
        if not _pending:
            _restore()


def _restore() -> None:
    if threading.current_thread() is threading.main_thread():
        for number, handler in _previous.items():
            signal.signal(number, handler)
        _previous.clear()


def _on_signal(number: int, frame: FrameType | None) -> None:
    """Remove every temporary file, put the earlier handlers back and raise the signal again."""
    for path in list(_pending):
        if path.is_dir():
            import shutil  # imported already by the write that made the directory

            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
    _pending.clear()
    _restore()
    signal.raise_signal(number)  # SIGTERM's default ends the process; SIGINT's raises
