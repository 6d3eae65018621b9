"""Validating many files on all cores.

Each file is validated start to end in one process; the files are shared out over a
pool of worker processes (:class:`concurrent.futures.ProcessPoolExecutor`) and the
results come back in the order of the paths, each as soon as it and those before it
are done. When the files are too few or too small for starting workers to pay (each
imports grprojects and compiles the schemas anew), everything runs in this process,
which then never imports :mod:`multiprocessing` at all.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Final, TypeVar

R = TypeVar("R")

MIN_PARALLEL_BYTES: Final = 8_000_000
"""Below this many bytes in all, files are validated here: about a second of work, which
is what starting the workers costs."""


def available_cores() -> int:
    """How many cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # the worker reports an unreadable file; it costs nothing to read


def validate_many(
    paths: Sequence[Path],
    worker: Callable[[Path], R],
    *,
    here: Callable[[Path], R] | None = None,
    jobs: int | None = None,
    min_bytes: int = MIN_PARALLEL_BYTES,
) -> Iterator[R]:
    """``worker(path)`` for every path, in order, spread over ``jobs`` processes when it pays.

    ``worker`` must be picklable: a module-level function, or a ``functools.partial``
    of one with picklable arguments, which makes its own validator in each process.
    It should return its findings rather than raise; an exception it raises is raised
    here when its result is reached. ``here``, when given, is called instead of ``worker``
    when the files are validated in this process, so it can use what this process has
    made already. ``jobs`` defaults to every available core.
    """
    workers = min(jobs or available_cores(), len(paths))
    if workers <= 1 or sum(_size(p) for p in paths) < min_bytes:
        yield from map(here or worker, paths)
        return
    import multiprocessing  # only here: a small run never pays for importing it
    from concurrent.futures import ProcessPoolExecutor

    method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
    context = multiprocessing.get_context(method)  # no fork: it copies a threaded parent's locks
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        yield from pool.map(worker, paths)
