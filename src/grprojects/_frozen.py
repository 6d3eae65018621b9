"""Read-only views for plugins of what is not model data: the raw JSON and the code lists.

The model itself cannot be changed (frozen classes, tuples, read-only dicts:
:mod:`grprojects.model.readonly`), so plugins get the caller's objects as they are.
The raw JSON value a check may read is the caller's plain dicts and lists, so
installed plugins get a read-only copy of it (:func:`frozen_json`), and a read-only
view of the code lists.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from .model.readonly import FrozenDict, FrozenList, frozen_json

__all__ = ["FrozenDict", "FrozenList", "frozen_json", "frozen_mapping"]


def frozen_mapping(mapping: Mapping[str, Any]) -> Mapping[str, Any]:
    """A read-only view of ``mapping``."""
    return MappingProxyType(dict(mapping))
