"""The built-in semantic checks, one module per topic, registered as a plugin."""

from __future__ import annotations

from ..hookspecs import hookimpl
from ..protocols import Check
from . import references

MODULES = (references,)


@hookimpl
def register_checks() -> list[Check]:
    """Every built-in check."""
    return [check for module in MODULES for check in module.CHECKS]
