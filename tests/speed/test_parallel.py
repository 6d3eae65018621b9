"""Many files are validated on all cores, with results in the order of the paths."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from grprojects.parallel import available_cores, validate_many


def _where(path: Path) -> tuple[str, int]:
    """The file's name and the process that handled it."""
    return path.name, os.getpid()


def _refuse(path: Path) -> str:
    raise ValueError(f"cannot read {path.name}")


def _files(folder: Path, count: int) -> list[Path]:
    paths = [folder / f"file-{n}.json" for n in range(count)]
    for path in paths:
        path.write_text("{}", encoding="utf-8")
    return paths


def test_files_go_to_worker_processes_and_come_back_in_order(tmp_path: Path) -> None:
    """With two jobs, other processes handle the files; results follow the paths' order."""
    paths = _files(tmp_path, 5)
    results = list(validate_many(paths, _where, jobs=2, min_bytes=0))
    assert [name for name, _ in results] == [p.name for p in paths]
    assert os.getpid() not in {pid for _, pid in results}


def test_small_inputs_are_validated_here(tmp_path: Path) -> None:
    """Below the size where workers pay, everything runs in this process."""
    paths = _files(tmp_path, 3)
    results = list(validate_many(paths, _where, jobs=2))
    assert results == [(p.name, os.getpid()) for p in paths]


def test_a_workers_exception_is_raised_at_its_result(tmp_path: Path) -> None:
    """An exception in a worker process reaches the caller when its result is reached."""
    with pytest.raises(ValueError, match=r"cannot read file-0\.json"):
        list(validate_many(_files(tmp_path, 2), _refuse, jobs=2, min_bytes=0))


def test_at_least_one_core_is_available() -> None:
    """The core count is what this process may use, never zero."""
    assert 1 <= available_cores() <= (os.cpu_count() or 1)


def test_small_inputs_use_what_this_process_made(tmp_path: Path) -> None:
    """Below the size where workers pay, ``here`` runs instead of the worker, in order."""
    paths = _files(tmp_path, 3)
    results = list(validate_many(paths, _refuse, here=_where, jobs=2))
    assert results == [(p.name, os.getpid()) for p in paths]
