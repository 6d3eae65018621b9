"""The package's import graph has no cycle, counting imports made inside functions."""

from __future__ import annotations

from .import_cycles import SOURCE, cycles, import_graph


def test_the_script_sees_every_module_and_its_imports() -> None:
    """A sanity check that the graph is read: the CLI reaches the runtime, the model nothing."""
    graph = import_graph()
    assert len(graph) == len(list(SOURCE.rglob("*.py")))
    assert "grprojects.runtime" in graph["grprojects.cli.validate"]
    assert "grprojects.runtime" in graph["grprojects.public"]  # imported inside a function
    assert not {m for m in graph["grprojects.model.values"] if not m.startswith("grprojects.model")}


def test_no_module_imports_itself_round_a_cycle() -> None:
    """Layers import only those below them: model, schema, io, checks, runtime, formats, CLI."""
    assert cycles(import_graph()) == []


def test_a_cycle_is_found_when_there_is_one() -> None:
    """The search itself works: a made-up graph with a loop of three is reported."""
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [["a", "b", "c"]]
