"""Plugins written the careless way: each is blamed by name and left out, never the core."""

from __future__ import annotations

import json
import warnings
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import attrs
import pytest

from grprojects import Diagnostic, PluginError, Severity, hookimpl
from grprojects.plugin_guards import CHECK_FAILED
from grprojects.plugin_types import Check, CheckContext, Exporter, Extension, Importer
from grprojects.plugins import PluginWarning
from grprojects.runtime import Runtime, make_runtime
from grprojects.testing import assert_diagnostic, isolated_runtime, minimal_dataset, validate

from .test_manager import make_check, plugin_with


def nothing(context: CheckContext) -> Iterator[Diagnostic]:
    """A check that finds nothing."""
    yield from ()


def extension(namespace: str = "se.test.careless", **changes: Any) -> Extension:
    """A small well-formed extension, with ``changes`` made to it."""
    fields: dict[str, Any] = {
        "namespace": namespace,
        "title": "Careless",
        "description": "A test extension.",
        "version": "1.1",
        "schemas": {"project": {"type": "object"}},
    }
    return Extension(**{**fields, **changes})


def declaring(*extensions: Extension) -> SimpleNamespace:
    """A plugin declaring ``extensions``."""
    return plugin_with(register_extensions=lambda: list(extensions))


def manager_of(*plugins: tuple[str, object], strict: bool = False) -> Runtime:
    """A manager with the built-ins and ``plugins`` registered under their names."""
    return make_runtime(strict=strict, entry_points=False, plugins=dict(plugins))


# -- 1. a duplicate of a built-in's name blames the installed plugin -----------------------


def test_a_trylast_duplicate_of_a_builtin_check_blames_the_plugin() -> None:
    """A plugin re-registering a built-in code with trylast is blamed; the built-in stays."""

    def register_checks() -> list[Check]:
        return [make_check("id.duplicate", nothing)]

    duplast = SimpleNamespace(register_checks=hookimpl(trylast=True)(register_checks))
    manager = manager_of(("duplast", duplast))
    with pytest.warns(PluginWarning, match=r"plugin 'duplast'.*'id\.duplicate'.*built-in"):
        assert manager.checks["id.duplicate"][0] == "grprojects.checks"
    with pytest.raises(PluginError, match="plugin 'duplast'"):
        _ = manager_of(("duplast", duplast), strict=True).checks


def test_a_duplicate_between_installed_plugins_blames_the_later() -> None:
    """Between two installed plugins the later by registration is blamed, whatever pluggy does."""
    check = make_check("test.same", nothing)
    first = SimpleNamespace(register_checks=hookimpl(trylast=True)(lambda: [check]))
    second = SimpleNamespace(register_checks=hookimpl(tryfirst=True)(lambda: [check]))
    manager = manager_of(("first", first), ("second", second))
    blamed = r"plugin 'second'.*already registered by plugin 'first'"
    with pytest.warns(PluginWarning, match=blamed):
        assert manager.checks["test.same"][0] == "first"


# -- 3. and 4. extension manifests are checked at load ----------------------------------------


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({"schemas": {"project": {"properties": {"x": {"$ref": "#/$defs/Nope"}}}}}, "Nope"),
        ({"schemas": {"project": "not a dict"}}, "not a JSON object"),
        ({"schemas": ["project"]}, "not a mapping"),
        ({"requires": ("se.does.not-exist",)}, "requires 'se.does.not-exist'"),
    ],
)
def test_a_broken_extension_is_blamed_at_load(changes: dict[str, Any], problem: str) -> None:
    """A bad $ref, a fragment that is no object, an unknown requirement: left out, named."""
    manager = manager_of(("careless", declaring(extension(**changes))))
    with pytest.warns(PluginWarning, match=rf"plugin 'careless'.*{problem}"):
        assert manager.extensions == {}
    document = minimal_dataset(uses_extensions=["se.test.careless"])
    found = validate(document, runtime=manager)
    assert [d.code for d in found] == ["extension.unknown"]


def test_a_core_ref_that_exists_is_accepted() -> None:
    """A fragment naming a real core definition still loads."""
    fragment = {"properties": {"note": {"$ref": "#/$defs/Text"}}}
    manager = manager_of(("careful", declaring(extension(schemas={"project": fragment}))))
    assert list(manager.extensions) == ["se.test.careless"]


# -- 5. a namespace two plugins declare is nobody's -------------------------------------------


@pytest.mark.parametrize("order", [("a", "b"), ("b", "a")])
def test_a_shared_namespace_leaves_out_both_whatever_the_order(order: tuple[str, str]) -> None:
    """Two plugins declaring one namespace: both are blamed, naming each other, in any order."""
    plugins = {
        "a": declaring(extension(description="A's")),
        "b": declaring(extension(description="B's")),
    }
    manager = manager_of(*((name, plugins[name]) for name in order))
    with pytest.warns(PluginWarning) as caught:
        assert manager.extensions == {}
    messages = sorted(str(w.message) for w in caught)
    assert len(messages) == 2
    assert [m.split(":")[0] for m in messages] == ["plugin 'a'", "plugin 'b'"]
    assert "also declared by 'b'" in messages[0]
    assert "also declared by 'a'" in messages[1]


# -- 8. importer suffixes of two parts ---------------------------------------------------------


def test_an_importer_suffix_of_two_parts_is_chosen(tmp_path: Path) -> None:
    """A `.lerum.csv` file goes to the importer of that ending, not to the plain CSV one."""

    def never(path: Path) -> Any:
        raise AssertionError("not called")  # pragma: no cover

    lerum = Importer("lerum", "Lerum's sheets.", (".lerum.csv",), never)
    plain = Importer("plaincsv", "Any CSV.", (".csv",), never)
    manager = manager_of(("lerum", plugin_with(register_importers=lambda: [plain, lerum])))
    chosen = manager.choose_importer(tmp_path / "Projekt.LERUM.csv")
    assert chosen is not None
    assert chosen.name == "lerum"
    chosen = manager.choose_importer(tmp_path / "projekt.csv")
    assert chosen is not None
    assert chosen.name == "plaincsv"


# -- 2. the shared converter and plugin tests in isolation -------------------------------------


def broken_installed_plugins() -> Runtime:
    """A stand-in for making the default manager while a broken plugin is installed."""
    raise PluginError("plugin 'unrelated': ModuleNotFoundError: No module named 'gone'")


def test_an_isolated_validate_does_not_load_installed_plugins(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A broken installed plugin cannot fail a plugin author's test of their own plugin."""
    from grprojects import runtime

    monkeypatch.setattr(runtime, "default_runtime", broken_installed_plugins)
    check = make_check("test.nothing", nothing)
    assert validate(minimal_dataset(), plugin_with(register_checks=lambda: [check])) == []


# -- 6. convert names the plugin, the format and the file ---------------------------------------


def convert_with(monkeypatch: pytest.MonkeyPatch, plugin: object, *args: str) -> int:
    """Run ``grprojects convert ARGS`` with ``plugin`` registered as 'careless'."""
    from grprojects.cli import main
    from grprojects.formats import convert as formats

    manager = manager_of(("careless", plugin))
    monkeypatch.setattr(formats, "default_runtime", lambda: manager)
    return main(["convert", *args])


def test_an_importer_that_raises_is_a_plugin_error(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """convert names the importer, its plugin and the file, and exits 3."""

    def read(path: Path) -> Any:
        raise ValueError("cannot parse row 3")

    source = tmp_path / "in.lerum"
    source.write_text("x", encoding="utf-8")
    importer = Importer("lerum", "Lerum's files.", (".lerum",), read)
    plugin = plugin_with(register_importers=lambda: [importer])
    code = convert_with(monkeypatch, plugin, str(source), str(tmp_path / "out.json"))
    output = capsys.readouterr().err
    assert code == 3
    assert "importer 'lerum' of plugin 'careless' failed reading" in output
    assert "in.lerum: ValueError: cannot parse row 3" in output
    assert "internal error" not in output


@pytest.mark.parametrize(
    ("write", "problem"),
    [
        (lambda dataset, path: [], "wrote no file"),
        (lambda dataset, path: path.write_text("half") and None, "returned NoneType"),
        (lambda dataset, path: path.write_text("half") and 1 / 0, "ZeroDivisionError"),
    ],
)
def test_a_careless_exporter_is_a_plugin_error_leaving_nothing(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    write: Any,
    problem: str,
) -> None:
    """No file, no notes or an exception: exit 3 naming the exporter; no partial output."""
    source = tmp_path / "in.json"
    source.write_text(json.dumps(minimal_dataset()), encoding="utf-8")
    target = tmp_path / "out.lerum"
    exporter = Exporter("lerum", "Lerum's files.", (".lerum",), write)
    plugin = plugin_with(register_exporters=lambda: [exporter])
    code = convert_with(monkeypatch, plugin, str(source), str(target))
    output = capsys.readouterr().err
    assert code == 3
    assert "exporter 'lerum' of plugin 'careless'" in output
    assert problem in output
    assert str(target) in output
    assert not target.exists()


# -- 7. check fields ------------------------------------------------------------------------------


def test_a_check_yielding_a_string_is_a_failed_check() -> None:
    """A check that yields text instead of a Diagnostic is plugin.check-failed, saying so."""

    def chatty(context: CheckContext) -> Iterator[Any]:
        yield "projects look fine"

    manager = manager_of(
        ("chatty", plugin_with(register_checks=lambda: [make_check("a.b", chatty)]))
    )
    found = validate(minimal_dataset(), runtime=manager, builtin_checks=False)
    failed = assert_diagnostic(found, CHECK_FAILED)
    assert "yielded str, not Diagnostic" in failed.message
    assert failed.source == "chatty"


@pytest.mark.parametrize(
    ("fields", "problem"),
    [
        ({"code": "Bad Code!"}, "dotted and lower case"),
        ({"code": "nodot"}, "dotted and lower case"),
        ({"severity": "loud"}, "severity is a Severity"),
        ({"run": "not callable"}, "must be a function"),
    ],
)
def test_a_check_with_a_bad_field_blames_its_plugin(fields: dict[str, Any], problem: str) -> None:
    """A bad code, severity or run is refused when the plugin registers it."""

    def register_checks() -> list[Check]:
        return [attrs.evolve(make_check("a.b", nothing), **fields)]

    manager = manager_of(("careless", plugin_with(register_checks=register_checks)))
    with pytest.warns(
        PluginWarning, match=rf"plugin 'careless': register_checks failed.*{problem}"
    ):
        assert "a.b" not in manager.checks


def test_a_severity_named_in_text_becomes_a_severity() -> None:
    """severity="warning" is Severity.WARNING, so every report format can show it."""
    check = make_check("a.b", nothing, severity="warning")  # type: ignore[arg-type] # the point
    assert check.severity is Severity.WARNING


# -- 9. warnings read the same in every command -------------------------------------------------


def test_explain_prints_a_plugin_warning_as_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    """A broken plugin's warning is `grprojects: warning: …`, not Python's file and line."""
    from click.testing import CliRunner

    from grprojects.cli import cli
    from grprojects.cli import explain as module

    def warning_manager() -> Runtime:
        warnings.warn("plugin 'careless': boom", PluginWarning, stacklevel=1)
        return isolated_runtime()

    monkeypatch.setattr(module, "default_runtime", warning_manager)
    with warnings.catch_warnings():
        warnings.simplefilter("always")
        result = CliRunner().invoke(cli, ["explain", "id.duplicate"])
    assert result.exit_code == 0
    assert "grprojects: warning: plugin 'careless': boom\n" in result.output
    assert "PluginWarning" not in result.output
