"""A row of a Kohesio list being read, and how it reports: ``line N, Column: …``.

Every diagnostic names the line its row starts on and, where one cell is at fault, the
column by its heading, in its message and in its ``line``; its pointer is the project
the row became (none for a refused row), its source the plugin.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

import attrs

from grprojects import Diagnostic

from .codes import SEVERITY

PLUGIN: Final = "kohesio"
"""The plugin's name (its entry point), which its diagnostics give as their source."""


class RefusedError(Exception):
    """The row is refused; its error is already recorded."""


@attrs.define
class Row:
    """One row being read, and what was found wrong with it."""

    line: int
    cells: Mapping[str, str]
    file: str
    pointer: str = ""
    found: list[Diagnostic] = attrs.field(factory=list)

    def get(self, column: str) -> str:
        return self.cells.get(column, "")

    def report(self, code: str, column: str | None, message: str) -> None:
        place = f"line {self.line}" + (f", {column}" if column else "")
        self.found.append(
            Diagnostic(
                code,
                f"{place}: {message}",
                self.pointer,
                SEVERITY[code],
                file=self.file,
                line=self.line,
                source=PLUGIN,
            )
        )

    def refuse(self, code: str, column: str | None, message: str) -> RefusedError:
        self.pointer = ""
        self.report(code, column, message)
        return RefusedError()
