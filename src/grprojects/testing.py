"""Helpers for testing plugins: register one in isolation, validate, assert on diagnostics.

They need no pytest fixtures and raise plain ``AssertionError`` with a message that
lists what was found, so they read well in any test runner::

    from grprojects.testing import assert_diagnostic, minimal_dataset, validate
    import my_plugin

    def test_flags_missing_number():
        diagnostics = validate(minimal_dataset(), my_plugin)
        assert_diagnostic(diagnostics, "my.number-missing", pointer="/projects/0")
"""

from __future__ import annotations

import copy
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from .diagnostics import Diagnostic, Severity
from .errors import DocumentError
from .io import read_text, to_json
from .jsontext import parse_json
from .model import SCHEMA_VERSION, Dataset
from .runtime import Runtime, make_runtime
from .validation import Selection, Validator

__all__ = [
    "assert_diagnostic",
    "assert_no_diagnostic",
    "codes",
    "isolated_runtime",
    "minimal_dataset",
    "validate",
]


def isolated_runtime(*plugins: object, strict: bool = True) -> Runtime:
    """A runtime with grprojects' built-ins and ``plugins`` only, no installed ones.

    Strict by default, so a plugin that breaks its contract fails the test at once.
    """
    return make_runtime(strict=strict, entry_points=False, plugins=plugins)


def minimal_dataset(**members: Any) -> dict[str, Any]:
    """A small valid dataset (one organisation, one project) as a JSON value.

    Keyword arguments replace top-level members; change nested parts on the copy
    you get back (``doc["projects"][0]["extensions"] = …``).
    """
    document: dict[str, Any] = {
        "version": SCHEMA_VERSION,
        "title": {"sv": "Testdata"},
        "publisher": {"name": {"sv": "Testkommunen"}},
        "organisations": [
            {
                "id": "gr",
                "name": {"sv": "Göteborgsregionen"},
                "kind": "municipal-association",
                "sources": ["webb"],
            }
        ],
        "projects": [
            {
                "id": "projekt",
                "name": {"sv": "Ett projekt"},
                "participations": [{"organisation": "gr", "role": "owner", "sources": ["webb"]}],
                "sources": ["webb"],
            }
        ],
        "sources": [
            {
                "id": "webb",
                "title": {"sv": "Projektets webbsida"},
                "kind": "web-page",
                "url": "https://example.org/projekt",
            }
        ],
    }
    document.update(copy.deepcopy(members))
    return document


def _value(document: Mapping[str, Any] | Dataset | str | os.PathLike[str]) -> Any:
    if isinstance(document, Dataset):
        return to_json(document)
    if isinstance(document, Mapping):
        return copy.deepcopy(dict(document))
    text, file = read_text(document if isinstance(document, str) else Path(document))
    return parse_json(text, file=file)


def validate(
    document: Mapping[str, Any] | Dataset | str | os.PathLike[str],
    *plugins: object,
    runtime: Runtime | None = None,
    builtin_checks: bool = True,
) -> list[Diagnostic]:
    """Every diagnostic for ``document`` with ``plugins`` registered in isolation.

    ``document`` is a JSON value, a :class:`~grprojects.Dataset`, JSON text or a
    path. It runs the same pipeline as ``grprojects validate``
    (:class:`~grprojects.validation.Validator`): JSON, core schema, extensions,
    structuring and the semantic checks: all of them, or with
    ``builtin_checks=False`` only the plugins' own, so a test sees just those.

    Installed plugins play no part, so a broken one cannot fail the test.
    """
    runtime = runtime or isolated_runtime(*plugins)
    try:
        value = _value(document)
    except DocumentError as error:
        return list(error.diagnostics)
    builtin = tuple(c for c, (p, _) in runtime.checks.items() if runtime.is_builtin(p))
    selection = Selection() if builtin_checks else Selection(ignore=builtin)
    return Validator(runtime=runtime, selection=selection).validate_value(value)


def codes(diagnostics: Iterable[Diagnostic]) -> list[str]:
    """The codes of ``diagnostics``, in order."""
    return [d.code for d in diagnostics]


def _listing(diagnostics: list[Diagnostic]) -> str:
    return (
        "\n".join(
            f"  {d.severity} {d.code} at {d.pointer or '/'}: {d.message}" for d in diagnostics
        )
        or "  (none)"
    )


def assert_diagnostic(
    diagnostics: Iterable[Diagnostic],
    code: str,
    *,
    pointer: str | None = None,
    severity: Severity | None = None,
) -> Diagnostic:
    """The one diagnostic with ``code`` (at ``pointer``, of ``severity``); fail otherwise."""
    found = list(diagnostics)
    matching = [
        d
        for d in found
        if d.code == code
        and (pointer is None or d.pointer == pointer)
        and (severity is None or d.severity == severity)
    ]
    wanted = code + (f" at {pointer}" if pointer is not None else "")
    wanted += f" ({severity})" if severity is not None else ""
    if len(matching) != 1:
        count = "no" if not matching else str(len(matching))
        raise AssertionError(f"expected one {wanted}, found {count}; got:\n{_listing(found)}")
    return matching[0]


def assert_no_diagnostic(
    diagnostics: Iterable[Diagnostic],
    code: str | None = None,
    *,
    min_severity: Severity = Severity.INFO,
) -> None:
    """Fail if there is a diagnostic (with ``code``) of at least ``min_severity``."""
    found = list(diagnostics)
    matching = [d for d in found if (code is None or d.code == code) and d.severity >= min_severity]
    if matching:
        raise AssertionError(f"expected no {code or 'diagnostic'}, got:\n{_listing(matching)}")
