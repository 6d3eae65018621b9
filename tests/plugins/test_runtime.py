"""The runtime: one explicit object per configuration of plugins, none affecting another."""

from __future__ import annotations

import json
import pickle
from types import SimpleNamespace

from grprojects import hookimpl, validate
from grprojects.diagnostics import Diagnostic, Severity
from grprojects.plugin_types import Check, CheckContext, Extension
from grprojects.runtime import RuntimeSpec, default_runtime, make_runtime
from grprojects.testing import codes, minimal_dataset

NS = "se.test.codes"
PATTERNED = Extension(
    namespace=NS,
    title="Patterned",
    description="One upper-case code on a project.",
    version="1.0",
    schemas={
        "project": {
            "type": "object",
            "properties": {"code": {"type": "string", "pattern": "^[A-Z]+$"}},
        }
    },
)


def flags_everything(context: CheckContext) -> list[Diagnostic]:
    """A local rule that every dataset breaks."""
    return [Diagnostic("local.always", "always", "")]


ALWAYS = Check(
    "local.always", Severity.WARNING, "test", "Always.", "Explained.", "{}", "{}", flags_everything
)
LOCAL = SimpleNamespace(
    register_checks=hookimpl(lambda: [ALWAYS]),
    register_extensions=hookimpl(lambda: [PATTERNED]),
)


def with_code(code: str) -> str:
    """A dataset whose project carries ``code`` under the test extension, as JSON text."""
    document = minimal_dataset(uses_extensions=[NS])
    document["projects"][0]["extensions"] = {NS: {"code": code}}
    return json.dumps(document)


def test_two_runtimes_in_one_process_judge_the_same_document_each_their_own_way() -> None:
    """One with a local plugin, one without: each sees only its own plugins, in any order."""
    plain = make_runtime(entry_points=False)
    local = make_runtime(entry_points=False, plugins={"local": LOCAL})
    document = with_code("ABC")
    before = codes(validate(document, runtime=plain))
    assert "local.always" in codes(validate(document, runtime=local))
    assert codes(validate(document, runtime=plain)) == before == ["extension.unknown"]
    assert "local.always" not in plain.checks
    assert NS not in plain.extensions
    assert plain.converter is local.converter  # the wire format is the core's alone


def test_extension_patterns_are_read_as_the_core_reads_its_own() -> None:
    """A final ``$`` matches only at the very end, in an extension as in the core."""
    local = make_runtime(entry_points=False, plugins={"local": LOCAL})
    assert "extension.invalid" not in codes(validate(with_code("ABC"), runtime=local))
    found = validate(with_code("ABC\n"), runtime=local)
    invalid = [d for d in found if d.code == "extension.invalid"]
    assert [d.pointer for d in invalid] == [f"/projects/0/extensions/{NS}/code"]


def test_only_a_runtime_of_installed_plugins_can_be_made_again_elsewhere() -> None:
    """Its spec travels to worker processes; a runtime with plugin objects has none."""
    spec = make_runtime(strict=True).spec
    assert spec is not None
    assert pickle.loads(pickle.dumps(spec)) == spec  # noqa: S301 - our own bytes
    assert spec.build().spec == spec
    assert make_runtime(entry_points=False, plugins=[LOCAL]).spec is None
    assert isinstance(default_runtime().spec, RuntimeSpec)
