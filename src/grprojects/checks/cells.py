"""A check that every value fits the spreadsheet cell it is written into.

Schema 1.1 bounds each string (:data:`~grprojects.model.fields.LONGEST_TEXT`), so a
cell of one value always fits. A few cells hold more than one value: a list of ids,
codes or numbers, one per line (codes with their Swedish names), and extension data,
as JSON text. No JSON Schema keyword can bound the length of those, so this check
does, with the spreadsheet writers' own making of the cell: what ``validate`` accepts,
every format carries.
"""

from __future__ import annotations

from collections.abc import Iterator
from operator import attrgetter

from ..diagnostics import Diagnostic, Severity, pointer_of
from ..formats._cell_limit import MAX_CELL_TEXT, all_fit
from ..model.fields import Shape, fields_of
from ..plugin_types import Check, CheckContext
from ._walk import Node, nodes_by_class, value_of


def _too_long_for_a_cell(context: CheckContext) -> Iterator[Diagnostic]:
    by_class = nodes_by_class(context.dataset)
    if all(map(_surely_fit, by_class.items())):
        return
    from ..formats._presentation import overlong_shared_cells, shared_fields  # the layout

    for cls, values in shared_fields().items():
        nodes = by_class.get(cls, ())
        for value in values:
            name = value.field.name
            items = list(map(attrgetter(name), map(value_of, nodes)))
            for index, length in overlong_shared_cells(value, items):
                item = items[index]
                what = "extension data" if isinstance(item, dict) else f"{len(item):,} items"
                yield TOO_LONG_FOR_A_CELL.diagnostic(
                    f"{pointer_of(nodes[index][0])}/{name}",
                    f"{what} make a spreadsheet cell of {length:,} characters; "
                    f"one holds at most {MAX_CELL_TEXT:,}",
                )


def _surely_fit(group: tuple[type, list[Node]]) -> bool:
    """Whether every list of plain values and all extension data of the objects of one
    class surely fit their cells, told from the field table without the spreadsheet
    layout (and without importing it, which a validate of one file would notice)."""
    cls, nodes = group
    return all(
        all_fit(map(attrgetter(info.name), map(value_of, nodes)))
        for info in fields_of(cls)
        if (info.is_list and not info.is_model) or info.shape is Shape.JSON
    )


TOO_LONG_FOR_A_CELL = Check(
    code="cell.too-long",
    severity=Severity.ERROR,
    category="limits",
    summary="A list or extension data is longer than the spreadsheet cell it is written into.",
    explanation=(
        f"XLSX, ODS and CSV write a list of ids, codes or numbers into one cell, one item a "
        f"line (codes with their Swedish names), and an object's extension data into one "
        f"cell as JSON text. An Excel cell holds at most {MAX_CELL_TEXT:,} characters, so "
        "such a list or such data may not be longer, or the document could not be written "
        "as a spreadsheet and read back. Hundreds of sources for one statement, or long "
        "texts in extension data, are better split: cite a source that lists the others, "
        "or keep long texts in fields of their own."
    ),
    failing_example='{"sources": ["källa-1", "källa-2", "… 5 000 more"]}',
    passing_example='{"sources": ["gr-2019"]}',
    run=_too_long_for_a_cell,
)

CHECKS = (TOO_LONG_FOR_A_CELL,)
