"""The plugin manager: broken plugins fenced off, strict mode, allow and block lists."""

from __future__ import annotations

import json
import pickle
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import attrs
import pytest

import grprojects
from grprojects import Diagnostic, PluginError, Severity, hookimpl, load
from grprojects.codelists import Code
from grprojects.plugin_guards import CHECK_FAILED
from grprojects.plugin_types import Check, CheckContext, CodeAddition
from grprojects.plugins import ALLOW_VARIABLE, BLOCK_VARIABLE, STRICT_VARIABLE, PluginWarning
from grprojects.runtime import make_runtime
from grprojects.testing import (
    assert_diagnostic,
    codes,
    isolated_runtime,
    minimal_dataset,
    validate,
)


def make_check(code: str, run: Any, severity: Severity = Severity.WARNING) -> Check:
    """A check with placeholder documentation."""
    return Check(code, severity, "test", "A test check.", "Explained.", "{}", "{}", run)


def plugin_with(**hooks: Any) -> SimpleNamespace:
    """A plugin object whose attributes are the given hook implementations."""
    return SimpleNamespace(**{name: hookimpl(function) for name, function in hooks.items()})


def flags_every_project(context: CheckContext) -> Iterator[Diagnostic]:
    """A check that reports each project."""
    for i, _ in enumerate(context.dataset.projects):
        yield Diagnostic("test.flagged", "flagged", f"/projects/{i}", Severity.WARNING)


GOOD = plugin_with(register_checks=lambda: [make_check("test.flagged", flags_every_project)])


def test_broken_entry_point_warns_naming_its_distribution(installed: Path) -> None:
    """A plugin that fails to import is a warning naming it; the others still load."""
    with pytest.warns(
        PluginWarning, match=r"plugin 'broken' from distribution 'broken-dist'.*boom"
    ):
        manager = make_runtime(strict=False)
    infos = {i.name: i for i in manager.infos}
    assert infos["broken"].errors == ("RuntimeError: boom",)
    assert infos["working"].hooks == ("register_checks",)
    assert infos["working"].version == "1.2.3"


def test_broken_entry_point_does_not_stop_validation(installed: Path) -> None:
    """Validation still runs with a manager that fenced off a broken plugin."""
    with pytest.warns(PluginWarning):
        manager = make_runtime(strict=False, plugins=[GOOD])
    found = validate(minimal_dataset(), runtime=manager, builtin_checks=False)
    assert_diagnostic(found, "test.flagged", pointer="/projects/0")


def test_strict_mode_makes_a_broken_plugin_an_error(installed: Path) -> None:
    """In strict mode the same plugin is a PluginError naming its distribution."""
    with pytest.raises(PluginError, match=r"'broken' from distribution 'broken-dist'"):
        make_runtime(strict=True)


def test_strict_mode_from_the_environment(installed: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """GRPROJECTS_STRICT_PLUGINS=1 turns strict mode on."""
    monkeypatch.setenv(STRICT_VARIABLE, "1")
    with pytest.raises(PluginError):
        make_runtime()


def test_block_list_skips_a_plugin(installed: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A blocked plugin is not even imported, so it cannot warn."""
    monkeypatch.setenv(BLOCK_VARIABLE, "broken-dist")
    manager = make_runtime(strict=True)
    assert [i.name for i in manager.infos if not i.builtin] == ["working"]


def test_allow_list_loads_only_the_named(installed: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With an allow list, installed plugins not on it are left out."""
    monkeypatch.setenv(ALLOW_VARIABLE, "working")
    manager = make_runtime(strict=True)
    assert [i.name for i in manager.infos if not i.builtin] == ["working"]


def test_lists_given_apply_and_the_environment_replaces_them(
    installed: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """allow/block (a project's [tool.grprojects.plugins]) apply; the variables win when set."""
    blocked = make_runtime(strict=True, block=["broken-dist"])
    assert [i.name for i in blocked.infos if not i.builtin] == ["working"]
    assert blocked.spec is not None
    assert blocked.spec.block == {"broken-dist"}
    monkeypatch.delenv(ALLOW_VARIABLE)  # the fixture's, which would replace the one given
    allowed = make_runtime(strict=True, allow=["working"])
    assert [i.name for i in allowed.infos if not i.builtin] == ["working"]
    monkeypatch.setenv(BLOCK_VARIABLE, "working")
    with pytest.raises(PluginError, match="broken-dist"):
        make_runtime(strict=True, block=["broken-dist"])


def test_misspelt_hook_is_a_plugin_error() -> None:
    """An implementation of a hook that does not exist is refused."""
    misspelt = plugin_with(register_check=lambda: [])
    with pytest.raises(PluginError, match="register_check"):
        isolated_runtime(misspelt)
    with pytest.warns(PluginWarning, match="unknown hook 'register_check'"):
        manager = isolated_runtime(misspelt, strict=False)
    assert manager.infos[-1].errors


def test_misspelt_hook_argument_is_a_plugin_error() -> None:
    """An implementation asking for an argument its hook does not pass is refused."""

    def choose_importer(file: Path, head: bytes) -> str | None: ...

    with pytest.raises(PluginError, match="file"):
        isolated_runtime(plugin_with(choose_importer=choose_importer))


def test_a_raising_check_becomes_an_error_naming_the_plugin() -> None:
    """A check that raises gives an error diagnostic, and the other checks still run."""

    def explodes(context: CheckContext) -> Iterator[Diagnostic]:
        raise ZeroDivisionError("division by zero")
        yield  # pragma: no cover - makes this a generator

    crashing = plugin_with(register_checks=lambda: [make_check("test.explodes", explodes)])
    manager = isolated_runtime(crashing, GOOD)
    found = validate(minimal_dataset(), runtime=manager, builtin_checks=False)
    failed = assert_diagnostic(found, CHECK_FAILED, severity=Severity.ERROR)
    assert "'test.explodes'" in failed.message
    assert "ZeroDivisionError: division by zero" in failed.message
    assert failed.source.startswith("SimpleNamespace@")
    assert_diagnostic(found, "test.flagged")


def test_a_plugin_cannot_change_what_the_next_plugin_sees() -> None:
    """A check that tries to change its data fails, and the next plugin sees it all."""

    def vandal(context: CheckContext) -> Iterator[Diagnostic]:
        try:
            context.raw["projects"].clear()
        except TypeError as error:
            yield Diagnostic("a.vandal", f"raw refused: {error}")
        try:
            context.codelists["activity-kind"] = None  # type: ignore[index] # the point
        except TypeError as error:
            yield Diagnostic("a.vandal", f"code lists refused: {error}")
        context.dataset.projects[0].participations.clear()  # type: ignore[attr-defined] # the point

    vandalising = plugin_with(register_checks=lambda: [make_check("a.vandal", vandal)])
    manager = make_runtime(strict=True, entry_points=False, plugins={"a": vandalising, "b": GOOD})
    value = minimal_dataset()
    found = validate(value, runtime=manager)
    assert sorted(codes(found)) == sorted(["a.vandal", "a.vandal", CHECK_FAILED, "test.flagged"])
    assert [d.message.split(":")[0] for d in found if d.code == "a.vandal"] == [
        "raw refused",
        "code lists refused",
    ]
    assert (
        "'tuple' object has no attribute 'clear'" in assert_diagnostic(found, CHECK_FAILED).message
    )
    assert len(value["projects"][0]["participations"]) == 1


def test_a_check_may_report_only_its_own_code_at_a_well_formed_pointer() -> None:
    """A foreign code or a malformed pointer is the plugin's failure; real findings stay."""

    def foreign(context: CheckContext) -> Iterator[Diagnostic]:
        yield Diagnostic("schema.required", "pretending to be the core", "/projects")

    def misplaced(context: CheckContext) -> Iterator[Diagnostic]:
        yield Diagnostic("b.misplaced", "no pointer", "projects/0")

    checks = [make_check("a.foreign", foreign), make_check("b.misplaced", misplaced)]
    plugin = plugin_with(register_checks=lambda: checks)
    runtime = make_runtime(strict=True, entry_points=False, plugins={"ab": plugin, "g": GOOD})
    found = validate(minimal_dataset(), runtime=runtime)
    failures = [d.message for d in found if d.code == CHECK_FAILED]
    assert len(failures) == 2
    assert "'schema.required', which it did not register" in failures[0]
    assert "malformed JSON Pointer 'projects/0'" in failures[1]
    assert "schema.required" not in codes(found)
    assert_diagnostic(found, "test.flagged", pointer="/projects/0")


def test_a_check_that_exits_does_not_end_the_run() -> None:
    """``sys.exit`` in a check is the plugin's failure, not a verdict: findings stay."""

    def leaving(context: CheckContext) -> Iterator[Diagnostic]:
        raise SystemExit(0)
        yield  # a generator, as checks are

    plugin = plugin_with(register_checks=lambda: [make_check("a.leaves", leaving)])
    runtime = make_runtime(strict=True, entry_points=False, plugins={"a": plugin, "g": GOOD})
    found = validate(minimal_dataset(), runtime=runtime)
    assert "SystemExit" in assert_diagnostic(found, CHECK_FAILED).message
    assert_diagnostic(found, "test.flagged")


def test_a_hook_without_hookimpl_or_with_a_misspelt_name_is_told_in_one_line() -> None:
    """Unmarked functions named like hooks, misspelt hooks and arguments name the nearest."""

    def register_checks() -> list[Check]:
        return []

    with pytest.warns(PluginWarning, match=r"register_checks\(\) is not marked @hookimpl"):
        make_runtime(
            entry_points=False, plugins={"u": SimpleNamespace(register_checks=register_checks)}
        )
    with pytest.raises(
        PluginError, match=r"unknown hook 'register_check' \(did you mean 'register_checks'\?\)"
    ):
        isolated_runtime(plugin_with(register_check=lambda: []))

    def choose_importer(pth: Path, head: bytes) -> str | None:
        return None

    with pytest.raises(PluginError) as raised:
        isolated_runtime(plugin_with(choose_importer=choose_importer))
    assert "has no argument 'pth' (it passes: path, head) (did you mean 'path'?)" in str(
        raised.value
    )
    assert "\n" not in str(raised.value)


def test_a_check_of_an_extension_runs_only_where_the_extension_is_declared() -> None:
    """An extension's check skips documents that do not declare it."""
    local = attrs.evolve(make_check("test.flagged", flags_every_project), extension="se.x")
    plugin = plugin_with(register_checks=lambda: [local])
    manager = make_runtime(strict=True, entry_points=False, plugins={"x": plugin})
    plain = load(json.dumps(minimal_dataset()))
    assert manager.run_checks(CheckContext(dataset=plain, codelists={})) == []
    declaring = plain.evolve(uses_extensions=["se.x"])
    found = manager.run_checks(CheckContext(dataset=declaring, codelists={}))
    assert [(d.code, d.pointer, d.source) for d in found] == [("test.flagged", "/projects/0", "x")]


def test_read_only_data_still_behaves_as_lists_and_dicts() -> None:
    """The model's read-only dicts compare, serialise and pickle like plain ones."""
    value = minimal_dataset(extensions={"se.x": {"a": [1, {"b": 2}]}})
    dataset = load(json.dumps(value))
    assert isinstance(dataset.projects, tuple)
    assert isinstance(dataset.extensions, dict)
    assert dataset.extensions == value["extensions"]
    assert grprojects.to_json(dataset)["extensions"] == value["extensions"]
    assert pickle.loads(pickle.dumps(dataset)) == dataset  # noqa: S301 - our own bytes


def test_diagnostics_of_a_plugin_name_it_as_their_source() -> None:
    """An installed plugin's diagnostics carry its registered name."""
    manager = make_runtime(strict=True, entry_points=False, plugins={"local-rules": GOOD})
    found = validate(minimal_dataset(), runtime=manager)
    assert assert_diagnostic(found, "test.flagged").source == "local-rules"


def test_duplicate_check_codes_are_a_plugin_error() -> None:
    """Two plugins registering the same code: the second is refused."""
    twin = plugin_with(register_checks=lambda: [make_check("test.flagged", flags_every_project)])
    manager = isolated_runtime(GOOD, twin, strict=False)
    with pytest.warns(PluginWarning, match="'test.flagged' is already registered"):
        assert "test.flagged" in manager.checks


def test_a_hook_returning_the_wrong_type_is_fenced_off() -> None:
    """A hook that returns something other than a list of the promised objects is refused."""
    wrong = plugin_with(register_checks=lambda: ["not a check"])
    with pytest.raises(PluginError, match="must return a list of Check"):
        _ = isolated_runtime(wrong).checks


def test_codes_go_to_open_lists_only() -> None:
    """A plugin may add to an open code list but not to a closed one."""
    local = Code("local-kind", {"sv": "lokal sort"})
    opened = plugin_with(register_codes=lambda: [CodeAddition("activity-kind", (local,))])
    assert "local-kind" in isolated_runtime(opened).codelists["activity-kind"]
    closed = plugin_with(register_codes=lambda: [CodeAddition("organisation-role", (local,))])
    with pytest.raises(PluginError, match="closed code list 'organisation-role'"):
        _ = isolated_runtime(closed).codelists


def test_plugins_cannot_change_the_wire_format() -> None:
    """The ``configure_converter`` hook is gone (0.2): a plugin still implementing it is told."""

    def configure_converter(converter: object) -> None: ...

    with pytest.raises(PluginError, match="unknown hook 'configure_converter'"):
        isolated_runtime(plugin_with(configure_converter=configure_converter))


def test_builtins_are_registered_through_the_hooks() -> None:
    """The JSON format and the built-in checks come through the same hooks."""
    manager = isolated_runtime()
    assert manager.importers["json"].suffixes == (".json",)
    assert "reference.unknown-organisation" in manager.checks
    assert all(i.builtin for i in manager.infos)
