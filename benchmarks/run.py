"""Time grprojects against bare parsing, jsonschema, pydantic and msgspec on the same files.

    python benchmarks/run.py                     # 100, 1,000 and 10,000 projects, then the targets
    python benchmarks/run.py --sizes 1000 --repeat 5
    python benchmarks/run.py --sizes --lines-sizes --targets-only   # the everyday cases alone
    python benchmarks/run.py --example-only --repeat 15             # one-file start-up only

Every contender runs in a fresh subprocess (a clean heap, so no contender pays for
another's garbage), is warmed up once on a one-project document (schema compilation,
hook generation and imports are not timed), then timed ``--repeat`` times on the file's
bytes already in memory; the best time is reported, with the median. Peak memory is
the growth of the process's resident set (Linux ``VmHWM``, reset before the run) over
what it held before, so allocations in Rust and C count too. Ratios are to the fastest
bare ``json.loads``. Generated files are kept in ``benchmarks/data/`` (git-ignored).

The targets of issue 15 are measured process by process, as a user meets them: the
whole ``grprojects`` command against ``check-jsonschema`` with the published schema,
or against a process that only ``json.loads`` the same file; wall time, CPU time
(user and system) and peak resident set (``wait4``'s ``ru_maxrss``) of each, medians
of ``--repeat`` runs after one unmeasured run (which fills the schema cache).
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, Final

ROOT: Final = Path(__file__).resolve().parents[1]
if __package__ in (None, ""):  # run as a script: make ``benchmarks`` importable
    sys.path.insert(0, str(ROOT))

from benchmarks import generate  # noqa: E402 - after the path set-up above

DATA: Final = ROOT / "benchmarks" / "data"

Timed = Callable[[], Any]
"""One run of a contender; returns whether it found the document valid (or what it made)."""


def _json_loads(data: bytes) -> Timed:
    return lambda: json.loads(data.decode("utf-8")) is not None


def _json_loads_bytes(data: bytes) -> Timed:
    return lambda: json.loads(data) is not None


def _orjson_loads(data: bytes) -> Timed:
    import orjson

    return lambda: orjson.loads(data) is not None


def _jsonschema(data: bytes) -> Timed:
    """What a generic validator does: parse, then every error of jsonschema, formats on."""
    import jsonschema

    from grprojects.schema import published_schema

    schema = dict(published_schema("dataset"))
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    return lambda: not any(True for _ in validator.iter_errors(json.loads(data)))


def _jsonschema_rs(data: bytes) -> Timed:
    from grprojects import engines

    fast = engines.engine(engines.FAST)
    return lambda: fast.is_valid(json.loads(data), "dataset")


def _grprojects_load(data: bytes) -> Timed:
    import grprojects

    return lambda: grprojects.load(data) is not None


def _validator(**options: Any) -> Any:
    """The validation pipeline with the built-in checks only (installed plugins left out)."""
    from grprojects.runtime import make_runtime
    from grprojects.validation import Validator

    return Validator(runtime=make_runtime(entry_points=False), **options)


def _grprojects_validate(data: bytes) -> Timed:
    """All four layers, as ``grprojects validate`` runs them: bytes to diagnostics."""
    validator = _validator()
    return lambda: not any(d.severity >= 3 for d in validator.validate_text(data.decode()))


def _grprojects_validate_reference(data: bytes) -> Timed:
    """The same, with jsonschema as the only schema engine (no ``fast`` extra)."""
    from grprojects import schema_check

    validator = _validator(schema_engine=schema_check.schema_diagnostics)
    return lambda: not any(d.severity >= 3 for d in validator.validate_text(data.decode()))


def _pydantic(data: bytes) -> Timed:
    from benchmarks.peers import pydantic_dataset

    model = pydantic_dataset()
    return lambda: model.model_validate_json(data) is not None


def _msgspec(data: bytes) -> Timed:
    import msgspec

    from benchmarks.peers import msgspec_dataset

    struct = msgspec_dataset()
    return lambda: msgspec.json.decode(data, type=struct) is not None


def _grprojects_dump(data: bytes) -> Timed:
    import grprojects

    dataset = grprojects.load(data)
    return lambda: len(grprojects.dumps(dataset))


def _orjson_over_unstructure(data: bytes) -> Timed:
    """orjson over cattrs' own tree: what writing costs with cattrs' unstructuring."""
    import orjson

    import grprojects
    from grprojects.converter import make_converter

    dataset, converter = grprojects.load(data), make_converter()
    option = orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE
    return lambda: len(orjson.dumps(converter.unstructure(dataset), option=option))


def _orjson_over_to_json(data: bytes) -> Timed:
    """The same over ``to_json``, whose unstructuring is written from the field table."""
    import orjson

    import grprojects

    dataset = grprojects.load(data)
    option = orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE
    return lambda: len(orjson.dumps(grprojects.to_json(dataset), option=option))


def _pydantic_dump(data: bytes) -> Timed:
    from benchmarks.peers import pydantic_dataset

    model = pydantic_dataset().model_validate_json(data)
    return lambda: len(model.model_dump_json())


def _pydantic_dump_same_text(data: bytes) -> Timed:
    from benchmarks.peers import pydantic_dataset

    model = pydantic_dataset().model_validate_json(data)
    return lambda: len(model.model_dump_json(indent=2, exclude_defaults=True))


def _msgspec_dump(data: bytes) -> Timed:
    import msgspec

    from benchmarks.peers import msgspec_dataset

    struct = msgspec.json.decode(data, type=msgspec_dataset())
    return lambda: len(msgspec.json.encode(struct))


CONTENDERS: Final[dict[str, Callable[[bytes], Timed]]] = {
    "json.loads": _json_loads,
    "json.loads(bytes)": _json_loads_bytes,
    "orjson.loads": _orjson_loads,
    "jsonschema alone": _jsonschema,
    "jsonschema-rs alone": _jsonschema_rs,
    "grprojects.load": _grprojects_load,
    "grprojects validate": _grprojects_validate,
    "grprojects validate, jsonschema engine only": _grprojects_validate_reference,
    "pydantic v2 validate_json": _pydantic,
    "msgspec decode": _msgspec,
    "grprojects.dumps": _grprojects_dump,
    "orjson.dumps(cattrs unstructure)": _orjson_over_unstructure,
    "orjson.dumps(grprojects.to_json)": _orjson_over_to_json,
    "pydantic model_dump_json()": _pydantic_dump,
    "pydantic model_dump_json(indent=2, exclude_defaults=True)": _pydantic_dump_same_text,
    "msgspec encode": _msgspec_dump,
}
BASELINES: Final = ("json.loads", "json.loads(bytes)")
SLOW: Final = frozenset({"jsonschema alone", "grprojects validate, jsonschema engine only"})
"""Contenders timed once, not ``--repeat`` times (a minute a run at 10,000 projects)."""


# -- inside the measuring subprocess --------------------------------------------------


def _status_kib(field: str) -> int | None:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return None


def _reset_peak() -> bool:
    """Reset the kernel's peak-RSS mark to the current RSS (Linux 4.0+)."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def _peak_kib() -> int:
    peak = _status_kib("VmHWM")
    return peak if peak is not None else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def measure(name: str, path: Path, repeat: int) -> dict[str, Any]:
    """Time one contender on ``path``; what the parent prints, as a dict."""
    warm = json.dumps(generate.dataset(1), ensure_ascii=False).encode("utf-8")
    CONTENDERS[name](warm)()  # imports, compiled schemas and generated hooks are made now
    data = path.read_bytes()
    run = CONTENDERS[name](data)
    gc.collect()
    before = _status_kib("VmRSS") if _reset_peak() else _peak_kib()
    times, cpu_times, outcome = [], [], None
    for _ in range(1 if name in SLOW else repeat):
        start, cpu_start = time.perf_counter(), time.process_time()
        outcome = run()
        times.append(time.perf_counter() - start)
        cpu_times.append(time.process_time() - cpu_start)
    peak = _peak_kib() - (before or 0)
    return {
        "name": name,
        "best": min(times),
        "median": statistics.median(times),
        "cpu": min(cpu_times),
        "peak_mib": peak / 1024,
        "outcome": outcome,
    }


# -- the parent --------------------------------------------------------------------------


def _generated(size: int, suffix: str, write: Callable[[Path, int], Path]) -> Path:
    """The generated file of ``size`` projects, written anew whenever the generator changes."""
    version = hashlib.sha256(Path(generate.__file__).read_bytes()).hexdigest()[:8]
    path = DATA / f"projects-{size}-{version}{suffix}"
    if not path.exists():
        for stale in DATA.glob(f"projects-{size}-*{suffix}"):
            stale.unlink()
        write(path, size)
    return path


def dataset_file(size: int) -> Path:
    """The generated dataset of ``size`` projects: simple ones from
    :data:`~benchmarks.generate.SIMPLE_FROM` projects on, so that the document stays
    within the input limit (100,000 of the full shape would be 1.95 GB)."""
    if size >= generate.SIMPLE_FROM:
        return _generated(
            size,
            ".simple.json",
            lambda path, count: generate.write_dataset(path, count, shape=generate.SIMPLE),
        )
    return _generated(size, ".json", generate.write_dataset)


def lines_file(size: int) -> Path:
    """The generated JSON Lines file of ``size`` projects, one project per line."""
    return _generated(size, ".jsonl", generate.write_jsonl)


def _child(*args: str) -> dict[str, Any]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "src")])}
    done = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, str(Path(__file__).resolve()), *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    if done.returncode != 0:
        return {"error": done.stderr.strip().splitlines()[-1] if done.stderr else "failed"}
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def run_size(size: int, repeat: int, names: list[str]) -> list[dict[str, Any]]:
    """Every contender on the ``size``-project file, each in its own subprocess."""
    path = dataset_file(size)
    names = [*BASELINES, *(n for n in names if n not in BASELINES)]
    megabytes = path.stat().st_size / 1e6
    print(f"\n## {size:,} projects ({megabytes:.1f} MB, {path.name})\n")
    results = []
    for name in names:
        result = _child("--measure", name, str(path), "--repeat", str(repeat))
        result.setdefault("name", name)
        results.append(result)
    base = min(r["best"] for r in results if r["name"] in BASELINES and "best" in r)
    print(f"| {'contender':<58} | best s | median s | cpu s | × json.loads | peak MiB | result |")
    print(f"| {'-' * 58} | -----: | -------: | ----: | -----------: | -------: | ------ |")
    for r in results:
        if "best" not in r:
            print(f"| {r['name']:<58} | {'error: ' + r['error']} |")
            continue
        print(
            f"| {r['name']:<58} | {r['best']:6.3f} | {r['median']:8.3f} | {r['cpu']:5.3f} "
            f"| {r['best'] / base:12.2f} | {r['peak_mib']:8.1f} | {r['outcome']} |"
        )
    return results


def validate_lines(path: Path) -> dict[str, Any]:
    """Inside a subprocess: validate a JSON Lines file and report peak memory growth."""
    from grprojects import engines

    validator = _validator(schema_engine=engines.schema_diagnostics)
    validator.validate_text(json.dumps(generate.dataset(1)))  # warm up: imports, schemas, hooks
    gc.collect()
    before = _status_kib("VmRSS") if _reset_peak() else _peak_kib()
    start = time.perf_counter()
    found = validator.validate_lines(path).diagnostics
    seconds = time.perf_counter() - start
    errors = sum(1 for d in found if d.severity >= 3)
    return {
        "findings": len(found),
        "lines": sum(1 for _ in path.open("rb")),
        "megabytes": path.stat().st_size / 1e6,
        "seconds": seconds,
        "peak_mib": (_peak_kib() - (before or 0)) / 1024,
        "errors": errors,
    }


def run_lines(sizes: list[int]) -> None:
    """The JSON Lines memory test: peak memory at two file lengths."""
    print("\n## JSON Lines, one project per line (bounded memory)\n")
    print("| lines | MB | seconds | peak MiB growth | errors | findings |")
    print("| ----: | -: | ------: | --------------: | -----: | -------: |")
    for size in sizes:
        r = _child("--lines", str(lines_file(size)))
        if "error" in r:
            print(f"| {size:,} | error: {r['error']} |")
            continue
        print(
            f"| {r['lines']:,} | {r['megabytes']:.1f} | {r['seconds']:.3f} "
            f"| {r['peak_mib']:.1f} | {r['errors']} | {r['findings']} |"
        )


# -- the targets: whole processes, as users run them ------------------------------------


def _script(name: str) -> Path | None:
    """A console script installed beside this interpreter, if there is one."""
    path = Path(sys.executable).parent / name
    return path if path.exists() else None


_SPAWN: Final = """
import json, os, subprocess, sys, time
start = time.perf_counter()
child = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
_, status, usage = os.wait4(child.pid, 0)
wall = time.perf_counter() - start
child.returncode = os.waitstatus_to_exitcode(status)
print(json.dumps([wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024]))
"""
"""Runs a command and reports on it from a small process: a child's peak counts the memory
of the process it was forked from, so the parent here, which holds generated data, must not
fork it itself."""


def _process(command: list[str]) -> tuple[float, float, float]:
    """One run of ``command`` in a new process: wall seconds, CPU seconds, peak MiB."""
    done = subprocess.run(  # noqa: S603 - our own interpreter and installed scripts
        [sys.executable, "-c", _SPAWN, *command], capture_output=True, text=True, check=True
    )
    wall, cpu, peak = json.loads(done.stdout)
    return float(wall), float(cpu), float(peak)


def _medians(command: list[str], repeat: int) -> dict[str, float]:
    """Median wall, CPU and peak of ``repeat`` runs, after one that is not counted."""
    _process(command)
    runs = [_process(command) for _ in range(repeat)]
    return {
        what: statistics.median(run[i] for run in runs)
        for i, what in enumerate(("wall", "cpu", "peak_mib"))
    }


def _grprojects(*arguments: str) -> list[str]:
    script = _script("grprojects")
    start = [str(script)] if script else [sys.executable, "-m", "grprojects"]
    return [*start, "validate", "-q", *arguments]


def _check_jsonschema(*paths: Path) -> list[str] | None:
    from grprojects.model import SCHEMA_VERSION

    script = _script("check-jsonschema")
    schema = ROOT / "schemas" / SCHEMA_VERSION / "dataset.schema.json"  # the published one
    if not schema.is_file():
        raise SystemExit(f"no published schema at {schema}: the peer cannot run")
    return [str(script), "--schemafile", str(schema), *map(str, paths)] if script else None


def _loads(path: Path) -> list[str]:
    return [
        sys.executable,
        "-c",
        "import json, sys; json.loads(open(sys.argv[1], 'rb').read())",
        str(path),
    ]


def small_files(count: int = 50) -> list[Path]:
    """``count`` one-project datasets, as pre-commit hands a hook the files changed."""
    version = hashlib.sha256(Path(generate.__file__).read_bytes()).hexdigest()[:8]
    folder = DATA / f"small-{count}-{version}"
    paths = [folder / f"project-{n:02}.json" for n in range(count)]
    if not all(p.exists() for p in paths):
        for n, path in enumerate(paths):
            generate.write_dataset(path, 1, seed=generate.SEED + n)
    return paths


def records_file(size: int) -> Path:
    """JSON Lines of ``size`` projects with the organisations and sources they cite."""
    return _generated(size, ".records.jsonl", generate.write_jsonl_records)


def records_document(size: int) -> Path:
    """The records of :func:`records_file` as one dataset document: what ``json.loads``,
    the peer of the export rows, parses whole."""
    return _generated(size, ".records.json", lambda path, _: _as_document(records_file(size), path))


def _as_document(lines: Path, path: Path) -> Path:
    """Write the JSON Lines records at ``lines`` as one dataset at ``path``, a line at a time."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lists = {"organisation": "organisations", "source": "sources"}
    parts = {name: path.with_suffix(f".{name}.part") for name in (*lists.values(), "projects")}
    handles = {name: part.open("w", encoding="utf-8") for name, part in parts.items()}
    try:
        for line in lines.open(encoding="utf-8"):
            value = json.loads(line)
            kind = next(iter(value)) if len(value) == 1 and next(iter(value)) in lists else None
            name, item = (lists[kind], value[kind]) if kind else ("projects", value)
            handle = handles[name]
            handle.write(("," if handle.tell() else "") + json.dumps(item, ensure_ascii=False))
    finally:
        for handle in handles.values():
            handle.close()
    lists_of = {"organisations", "projects", "sources"}
    shell = {k: v for k, v in generate.dataset(0).items() if k not in lists_of}
    header = json.dumps(shell, ensure_ascii=False)[:-1]  # without its closing brace
    with path.open("w", encoding="utf-8") as out:
        out.write(header)
        for name, part in parts.items():
            out.write(f', "{name}": [')
            with part.open(encoding="utf-8") as chunk:
                while block := chunk.read(1 << 20):
                    out.write(block)
            out.write("]")
            part.unlink()
        out.write("}")
    return path


EXPORTS: Final = ("sqlite", "xlsx")
"""The formats whose exports of many projects are measured."""


def export_in_process(path: Path, format_name: str) -> dict[str, Any]:
    """Inside a child: load the JSON Lines dataset whole, then export it; what the
    exporter alone adds to the resident set over the loaded dataset."""
    from grprojects.builtin.json_lines import read_lines
    from grprojects.formats import write_dataset

    dataset = read_lines(path).whole()
    gc.collect()
    loaded = _status_kib("VmRSS") or 0
    if not _reset_peak():
        return {"error": "cannot reset the peak resident set (/proc/self/clear_refs)"}
    start, cpu = time.perf_counter(), time.process_time()
    target = DATA / f"export-increment.{format_name}"
    write_dataset(dataset, target, format_name=format_name, force=True)
    result = {
        "wall": time.perf_counter() - start,
        "cpu": time.process_time() - cpu,
        "loaded_mib": loaded / 1024,
        "increment_mib": (_peak_kib() - loaded) / 1024,
    }
    target.unlink()
    return result


def _once(command: list[str]) -> dict[str, float]:
    """Wall, CPU and peak of one run of ``command``: an export of 100,000 projects takes
    minutes, so it is run once."""
    return dict(zip(("wall", "cpu", "peak_mib"), _process(command), strict=True))


def _convert(path: Path, target: Path) -> list[str]:
    script = _script("grprojects")
    start = [str(script)] if script else [sys.executable, "-m", "grprojects"]
    return [*start, "convert", str(path), str(target), "--force"]


def export_rows(sizes: list[int]) -> list[list[str]]:
    """Export rows: ``grprojects convert`` of JSON Lines, end to end, beside ``json.loads``
    of the same records as one document; ``grprojects convert`` of the dataset document
    of :func:`dataset_file` (read a record at a time), beside ``json.loads`` of it; and the
    exporter's own increment over the dataset loaded in memory."""
    rows: list[list[str]] = []
    gigabyte = 1e9 / 2**20  # the target's 1 GB, in MiB
    # 100,000 generated projects are 1.1 GB of JSON Lines, past the default 1 GiB input limit
    os.environ.setdefault("GRPROJECTS_MAX_INPUT_BYTES", str(4 << 30))
    for size in sizes:
        single = dataset_file(size)
        loads = _once(_loads(single))
        peer = ("json.loads of the document", loads["peak_mib"])
        megabytes = single.stat().st_size / 1e6
        for format_name in EXPORTS:
            target = DATA / f"export-{size}.{format_name}"
            ours = _once(_convert(single, target))
            target.unlink(missing_ok=True)
            case = f"convert the {size:,}-project document ({megabytes:.0f} MB) → {format_name}"
            rows.append(_row(f"{case}, peak RSS", ours["peak_mib"], peer, "MiB", at_most=gigabyte))
            rows.append(_row(f"{case}, CPU", ours["cpu"], ("json.loads", loads["cpu"]), "s"))
        path, document = records_file(size), records_document(size)
        loads = _once(_loads(document))
        peer = ("json.loads of the same records as one document", loads["peak_mib"])
        for format_name in EXPORTS:
            target = DATA / f"export-{size}.{format_name}"
            ours = _once(_convert(path, target))
            target.unlink(missing_ok=True)
            case = f"convert {size:,} projects, JSON Lines → {format_name}"
            rows.append(_row(f"{case}, peak RSS", ours["peak_mib"], peer, "MiB", at_most=gigabyte))
            rows.append(_row(f"{case}, wall", ours["wall"], None, "s"))
            rows.append(_row(f"{case}, CPU", ours["cpu"], None, "s"))
            alone = _child("--export", format_name, str(path))
            if "error" in alone:
                case = f"{format_name} exporter alone, {size:,} projects"
                rows.append([case, alone["error"], "", "", "", ""])
                continue
            case = f"{format_name} exporter alone, {size:,} projects loaded"
            loaded = ("the loaded dataset", alone["loaded_mib"])
            rows.append(
                _row(f"{case}: peak over the dataset", alone["increment_mib"], loaded, "MiB")
            )
            rows.append(_row(f"{case}: CPU", alone["cpu"], None, "s"))
    return rows


def _figure(value: float, unit: str) -> str:
    return f"{value:.3f} s" if unit == "s" else f"{value:.0f} {unit}"


def _row(
    case: str,
    ours: float,
    peer: tuple[str, float] | None,
    unit: str,
    *,
    ratio_at_most: float | None = None,
    at_most: float | None = None,
) -> list[str]:
    """One line of the targets table: our figure, the peer's, their ratio, the target, met?"""
    ratio = ours / peer[1] if peer else None
    if ratio_at_most is not None and ratio is not None:
        target, met = f"≤ {ratio_at_most:g}× {peer[0] if peer else ''}", ratio <= ratio_at_most
        verdict = "met" if met else f"missed ({ratio / ratio_at_most:.2f}× the target)"
    elif at_most is not None:
        target, met = f"≤ {_figure(at_most, unit)}", ours <= at_most
        verdict = "met" if met else f"missed ({ours / at_most:.2f}× the target)"
    else:
        target, verdict = "", ""
    return [
        case,
        _figure(ours, unit),
        "" if peer is None else f"{_figure(peer[1], unit)} ({peer[0]})",
        "" if ratio is None else f"{ratio:.2f}×",
        target,
        verdict,
    ]


def _full_validate_ratio(repeat: int) -> tuple[float, float] | None:
    """``grprojects validate`` and the faster ``json.loads`` on 1,000 projects (best times)."""
    path = dataset_file(1_000)
    names = (*BASELINES, "grprojects validate")
    found = {n: _child("--measure", n, str(path), "--repeat", str(repeat)) for n in names}
    if any("best" not in r for r in found.values()):
        return None
    return found["grprojects validate"]["best"], min(found[b]["best"] for b in BASELINES)


def _compile_sources() -> None:
    """Byte-compile grprojects and the plugins beside it, as installing a wheel does.

    An editable install where ``PYTHONDONTWRITEBYTECODE`` is set never writes them, and
    compiling the sources anew would cost every run 0.15 s of CPU a user never pays.
    """
    import compileall

    import grprojects

    for folder in (Path(grprojects.__file__).parent, ROOT / "plugins"):
        compileall.compile_dir(folder, quiet=1)


def run_targets(
    repeat: int,
    scale: list[int],
    records: list[int],
    full: tuple[float, float] | None,
    exports: list[int] | None = None,
    *,
    example_only: bool = False,
) -> None:
    """Each row of issue 15's table, with the peer's figure beside it, measured now."""
    _compile_sources()
    example = ROOT / "examples" / "gr-projects.json"
    peer_name = "check-jsonschema"
    rows: list[list[str]] = []

    def side_by_side(case: str, paths: list[Path], runs: int) -> None:
        ours = _medians(_grprojects(*map(str, paths)), runs)
        command = _check_jsonschema(*paths)
        peer = _medians(command, runs) if command else None
        for what, unit in (("wall", "s"), ("cpu", "s")):
            theirs = (peer_name, peer[what]) if peer else None
            rows.append(_row(f"{case}, {what}", ours[what], theirs, unit, ratio_at_most=0.5))
        if len(paths) == 1:
            theirs = (peer_name, peer["peak_mib"]) if peer else None
            rows.append(_row(f"{case}, peak RSS", ours["peak_mib"], theirs, "MiB", at_most=60))

    side_by_side("validate the example (58 kB)", [example], repeat)
    if example_only:
        scale, records, full, exports = [], [], None, []
    files = [] if example_only else small_files()
    if files:
        side_by_side(f"{len(files)} small files (pre-commit)", files, max(1, repeat // 2))
    if full is not None:
        case = "1,000 projects, full validate (in process, best)"
        rows.append(_row(case, full[0], ("json.loads", full[1]), "s", ratio_at_most=3))
    # The runs below take minutes each at 100,000 projects: each is run once, the example's
    # runs above having filled the caches. 100,000 projects of JSON Lines records are 1.1 GB,
    # past the default 1 GiB input limit.
    os.environ.setdefault("GRPROJECTS_MAX_INPUT_BYTES", str(4 << 30))
    for size in scale:
        path = dataset_file(size)
        ours, peer = _once(_grprojects(str(path))), _once(_loads(path))
        case = f"{size:,}-project file ({path.stat().st_size / 1e6:.0f} MB), validate"
        loads = ("json.loads", peer["peak_mib"])
        rows.append(_row(f"{case} peak RSS", ours["peak_mib"], loads, "MiB", ratio_at_most=1))
        rows.append(_row(f"{case} wall", ours["wall"], ("json.loads", peer["wall"]), "s"))
    for size in records:
        path = records_file(size)
        ours = _once(_grprojects(str(path)))
        case = f"JSON Lines, {size:,} projects with their sources and organisations as records"
        mib = 300 / 1.048576  # the target's 300 MB
        rows.append(_row(f"{case}, peak RSS", ours["peak_mib"], None, "MiB", at_most=mib))
        rows.append(_row(f"{case}, wall", ours["wall"], None, "s"))
    rows += export_rows(exports or [])
    print("\n## Targets of issue 15 (whole processes; medians of runs after one uncounted)\n")
    print("| case | grprojects | peer | ratio | target | |")
    print("| --- | ---: | ---: | ---: | --- | --- |")
    for row in rows:
        print("| " + " | ".join(row) + " |")


def main(argv: list[str] | None = None) -> None:
    """Command line: see the module docstring."""
    parser = argparse.ArgumentParser(description="Time grprojects against its peers.")
    parser.add_argument("--sizes", type=int, nargs="+", default=list(generate.SIZES))
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--only", nargs="+", choices=list(CONTENDERS), default=list(CONTENDERS))
    parser.add_argument("--lines", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--lines-sizes", type=int, nargs="*", default=[1_000, 10_000])
    parser.add_argument(
        "--scale",
        type=int,
        nargs="*",
        default=[10_000],
        help="project counts of the peak-RSS target (make bench adds 100000)",
    )
    parser.add_argument(
        "--records",
        type=int,
        nargs="*",
        default=[10_000],
        help="project counts of the JSON Lines target (make bench: 100000)",
    )
    parser.add_argument(
        "--exports",
        type=int,
        nargs="*",
        default=[10_000],
        help="project counts of the SQLite and XLSX export rows (make bench: 100000)",
    )
    parser.add_argument(
        "--exports-only", action="store_true", help="only the export rows (with --exports)"
    )
    parser.add_argument("--export", nargs=2, metavar=("FORMAT", "PATH"), help=argparse.SUPPRESS)
    parser.add_argument("--targets-only", action="store_true", help="skip the in-process tables")
    parser.add_argument(
        "--example-only",
        action="store_true",
        help="only the one-file start-up rows: validate the example beside check-jsonschema",
    )
    parser.add_argument("--measure", nargs=2, metavar=("CONTENDER", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure:
        print(json.dumps(measure(args.measure[0], Path(args.measure[1]), args.repeat)))
        return
    if args.lines:
        print(json.dumps(validate_lines(args.lines)))
        return
    if args.export:
        print(json.dumps(export_in_process(Path(args.export[1]), args.export[0])))
        return
    if args.exports_only:
        print("| case | grprojects | peer | ratio | target | |")
        print("| --- | ---: | ---: | ---: | --- | --- |")
        for row in export_rows(args.exports):
            print("| " + " | ".join(row) + " |")
        return
    print(
        f"# grprojects benchmarks: Python {platform.python_version()}, {platform.machine()}, "
        f"{os.cpu_count()} cores, best of {args.repeat}"
    )
    full = None
    for size in [] if args.targets_only or args.example_only else args.sizes:
        results = {r["name"]: r for r in run_size(size, args.repeat, args.only)}
        if size == 1_000 and all(
            "best" in results.get(n, {}) for n in (*BASELINES, "grprojects validate")
        ):
            full = (
                results["grprojects validate"]["best"],
                min(results[b]["best"] for b in BASELINES),
            )
    if args.example_only:
        run_targets(args.repeat, [], [], None, example_only=True)
        return
    if args.lines_sizes and not args.targets_only:
        run_lines(args.lines_sizes)
    if full is None:
        full = _full_validate_ratio(args.repeat)
    run_targets(args.repeat, args.scale, args.records, full, args.exports)


if __name__ == "__main__":
    main()
