"""The exit codes of every ``grprojects`` command, and of the reports that record them."""

from __future__ import annotations

from typing import Final

EXIT_VALID: Final = 0
"""Everything read was valid (warnings and notes may have been printed)."""
EXIT_INVALID: Final = 1
"""Some input is invalid: the data needs fixing."""
EXIT_USAGE: Final = 2
"""The command was used wrongly: an unknown option, a missing file argument."""
EXIT_INTERNAL: Final = 3
"""A plugin failed, or grprojects itself: the tool, not the data, needs fixing."""
