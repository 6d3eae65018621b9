"""Write the small intersphinx inventories the docs link to Python, attrs, cattrs and pluggy with.

The docs are built without a network, so intersphinx cannot fetch ``objects.inv`` from
the projects' sites: it reads these files instead. Each holds only the objects these
docs refer to, with the address of their entry in the project's published docs.
Python's come from the inventory Debian's ``python3.11-doc`` package installs; the others
are named here with their page (``api.html`` is where attrs documents ``attrs.define``).
Run it from the repository root after adding a name: ``python docs/_inventories/make.py``.
"""

from __future__ import annotations

import zlib
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEBIAN_PYTHON = Path("/usr/share/doc/python3.11/html/objects.inv")

PYTHON = (
    "collections.abc.Callable",
    "collections.abc.Collection",
    "collections.abc.Iterable",
    "collections.abc.Iterator",
    "collections.abc.Mapping",
    "collections.abc.Sequence",
    "datetime.date",
    "decimal.Decimal",
    "difflib",
    "enum.Enum",
    "json",
    "os.PathLike",
    "pathlib.Path",
    "typing.Any",
    "typing.Protocol",
    "ValueError",
    "KeyError",
    "LookupError",
    "TypeError",
    "Exception",
    "ExceptionGroup",
)
"""The Python objects the API reference's signatures and text name."""

OTHERS: dict[str, tuple[str, list[tuple[str, str, str]]]] = {
    "attrs": (
        "attrs",
        [
            ("attrs", "py:module", "api.html#module-attrs"),
            ("attrs.define", "py:function", "api.html#$"),
            ("attrs.frozen", "py:function", "api.html#$"),
            ("attrs.field", "py:function", "api.html#$"),
            ("attrs.evolve", "py:function", "api.html#$"),
            ("attrs.fields", "py:function", "api.html#$"),
            ("attrs.Factory", "py:class", "api.html#$"),
            ("attrs.NOTHING", "py:data", "api.html#$"),
        ],
    ),
    "cattrs": (
        "cattrs",
        [
            ("cattrs", "py:module", "cattrs.html#module-cattrs"),
            ("cattrs.Converter", "py:class", "cattrs.html#$"),
            # The class's own module: what autodoc writes for a Converter in a signature.
            ("cattrs.converters.Converter", "py:class", "cattrs.html#cattrs.Converter"),
            ("cattrs.BaseConverter", "py:class", "cattrs.html#$"),
            ("cattrs.transform_error", "py:function", "cattrs.html#$"),
        ],
    ),
    "pluggy": (
        "pluggy",
        [
            ("pluggy", "py:module", "api_reference.html#module-pluggy"),
            ("pluggy.PluginManager", "py:class", "api_reference.html#$"),
            ("pluggy.HookimplMarker", "py:class", "api_reference.html#$"),
            ("pluggy.HookspecMarker", "py:class", "api_reference.html#$"),
        ],
    ),
}


def write(path: Path, project: str, lines: list[str]) -> None:
    """An ``objects.inv`` (Sphinx inventory version 2) of ``lines``."""
    header = (
        f"# Sphinx inventory version 2\n# Project: {project}\n# Version: \n"
        "# The remainder of this file is compressed using zlib.\n"
    )
    body = "".join(f"{line}\n" for line in sorted(lines))
    path.write_bytes(header.encode() + zlib.compress(body.encode("utf-8"), 9))


def python_lines() -> list[str]:
    """Python's entries for :data:`PYTHON`, read from Debian's copy of its inventory."""
    data = DEBIAN_PYTHON.read_bytes()
    body = data.split(b"\n", 4)[4]
    wanted = {name: [] for name in PYTHON}
    for line in zlib.decompress(body).decode("utf-8").splitlines():
        name, role = line.split(" ", 2)[:2]
        if name in wanted and role.startswith("py:"):
            wanted[name].append(line)
    missing = [name for name, found in wanted.items() if not found]
    if missing:
        raise SystemExit(f"not in Python's inventory: {', '.join(missing)}")
    return [line for found in wanted.values() for line in found]


def main() -> None:
    write(HERE / "python.inv", "Python", python_lines())
    for key, (project, entries) in OTHERS.items():
        write(HERE / f"{key}.inv", project, [f"{n} {r} 1 {u} -" for n, r, u in entries])


if __name__ == "__main__":
    main()
