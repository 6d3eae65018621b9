"""The built-in semantic checks, one module per topic, registered as a plugin.

Each check is a :class:`~grprojects.plugin_types.Check` with a stable code; the
validation pipeline finds them through the ``register_checks`` hook, exactly as it
finds a plugin's checks.
"""

from __future__ import annotations

from typing import Final

from ..hookspecs import hookimpl
from ..plugin_types import Check
from . import (
    absences,
    activities,
    areas,
    cells,
    codes,
    counts,
    dates,
    funding,
    goals,
    ids,
    links,
    organisations,
    privacy,
    provenance,
    references,
    statuses,
)

MODULES: Final = (
    references,
    ids,
    dates,
    activities,
    funding,
    organisations,
    codes,
    goals,
    counts,
    provenance,
    privacy,
    links,
    absences,
    areas,
    statuses,
    cells,
)

CHECKS: Final[tuple[Check, ...]] = tuple(check for module in MODULES for check in module.CHECKS)
"""Every built-in check, in the order of the modules above."""


@hookimpl
def register_checks() -> list[Check]:
    """Every built-in check."""
    return list(CHECKS)
