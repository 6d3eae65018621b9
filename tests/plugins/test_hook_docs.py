"""The hook reference documents every hook with its declared signature."""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from types import ModuleType
from typing import Any

import pluggy

from grprojects import hookspecs

REFERENCE = Path(__file__).parents[2] / "docs" / "plugins" / "hooks.md"
SECTION = re.compile(r"^## `(\w+)`\n(.*?)(?=^## |\Z)", re.MULTILINE | re.DOTALL)
SIGNATURE = re.compile(r"```python\n(.+?)\n")


def specifications(module: ModuleType) -> dict[str, Callable[..., Any]]:
    """The hook specifications of ``module`` by name."""
    marker = f"{hookspecs.PROJECT_NAME}_spec"
    return {
        name: function
        for name, function in inspect.getmembers(module, inspect.isfunction)
        if hasattr(function, marker)
    }


def signature_text(function: Callable[..., Any]) -> str:
    """``name(arg: Type, …) -> Return`` as the declaration spells its annotations."""
    signature = inspect.signature(function)
    arguments = ", ".join(f"{p.name}: {p.annotation}" for p in signature.parameters.values())
    return f"{function.__name__}({arguments}) -> {signature.return_annotation}"


def problems(hooks: dict[str, Callable[..., Any]], text: str) -> list[str]:
    """Each way the reference ``text`` fails to document ``hooks`` exactly."""
    sections = {m[1]: m[2] for m in SECTION.finditer(text)}
    found = [f"{name} is not documented" for name in sorted(set(hooks) - set(sections))]
    found += [f"{name} is documented but is no hook" for name in sorted(set(sections) - set(hooks))]
    for name in sorted(set(hooks) & set(sections)):
        body = sections[name]
        shown = SIGNATURE.search(body)
        declared = signature_text(hooks[name])
        if shown is None or shown[1] != declared:
            found.append(f"{name}: documented as {shown and shown[1]!r}, declared {declared!r}")
        missing = [part for part in _PARTS if part not in body]
        if missing:
            found.append(f"{name}: the section lacks {', '.join(missing)}")
    return found


_PARTS: Iterable[str] = ("**Arguments:**", "**Returns:**", "**Example:**")


def test_every_hook_is_documented_with_its_signature() -> None:
    """docs/plugins/hooks.md has a section per hook with the exact signature."""
    assert problems(specifications(hookspecs), REFERENCE.read_text("utf-8")) == []


def test_an_undocumented_hook_is_caught() -> None:
    """A hook added to hookspecs without a section fails the check."""
    marker = pluggy.HookspecMarker(hookspecs.PROJECT_NAME)

    @marker
    def register_widgets(kind: str) -> list[str]:
        """A hook nobody documented."""
        return []

    hooks = {**specifications(hookspecs), "register_widgets": register_widgets}
    assert problems(hooks, REFERENCE.read_text("utf-8")) == ["register_widgets is not documented"]


def test_a_changed_signature_is_caught() -> None:
    """A documented signature that differs from the declaration fails the check."""
    text = REFERENCE.read_text("utf-8").replace(
        "choose_importer(path: Path, head: bytes) -> str | None",
        "choose_importer(path: Path) -> str | None",
    )
    assert problems(specifications(hookspecs), text) == [
        "choose_importer: documented as 'choose_importer(path: Path) -> str | None', "
        "declared 'choose_importer(path: Path, head: bytes) -> str | None'"
    ]


def test_a_section_for_a_hook_that_does_not_exist_is_caught() -> None:
    """Documenting a hook that is not declared fails the check."""
    text = REFERENCE.read_text("utf-8") + "\n## `register_routes`\n\n```python\nx\n```\n"
    assert problems(specifications(hookspecs), text) == [
        "register_routes is documented but is no hook"
    ]
