"""The limits on what grprojects reads, named in one place and documented in the docs.

Input comes from files nobody has looked at, often in CI: every limit turns what
would be exhausted memory or a crash into a located error. See the "Security and
robustness" page for the full list and what exceeding each one reports.
"""

from __future__ import annotations

import os
from typing import Final

INPUT_LIMIT_VARIABLE: Final = "GRPROJECTS_MAX_INPUT_BYTES"
"""The environment variable that sets :func:`input_limit` (a whole number of bytes)."""

DEFAULT_INPUT_LIMIT: Final = 1 << 30
"""How many bytes one input may have unless :data:`INPUT_LIMIT_VARIABLE` says otherwise: 1 GiB.

Far beyond any real dataset (1,000 projects are 20 MB), yet it stops ``/dev/zero``, a
runaway pipe or a mistaken disk image before the machine runs out of memory.
"""


def input_limit() -> int:
    """How many bytes one input (a file, a JSON Lines file) may have before it is refused.

    :data:`DEFAULT_INPUT_LIMIT`, or the whole number of bytes in the environment
    variable ``GRPROJECTS_MAX_INPUT_BYTES``; ``ValueError`` if that is not one.
    """
    raw = os.environ.get(INPUT_LIMIT_VARIABLE, "").strip()
    if not raw:
        return DEFAULT_INPUT_LIMIT
    if not raw.isascii() or not raw.isdigit() or int(raw) == 0:
        raise ValueError(
            f"{INPUT_LIMIT_VARIABLE} must be a whole number of bytes above 0, not {raw!r}"
        )
    return int(raw)
