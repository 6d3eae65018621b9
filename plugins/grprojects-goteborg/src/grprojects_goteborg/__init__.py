"""Göteborgs Stad's local project fields for grprojects, as the extension ``se.goteborg.stad``.

A project may carry, under ``extensions["se.goteborg.stad"]``:

- ``diarienummer``: the city's diary (case) number of the project;
- ``forvaltning``: the id of the organisation, an administration (*förvaltning*)
  of the city, responsible for the project.

The diary-number format is this plugin's configurable assumption, not an official
rule (see :data:`DEFAULT_DIARIENUMMER_PATTERN`). The extension also adds the activity
kind ``citizen-dialogue`` (*medborgardialog*). The local checks are in
:mod:`grprojects_goteborg.checks`.
"""

from __future__ import annotations

import os
import re
from typing import Any, Final

from grprojects import hookimpl
from grprojects.codelists import Code
from grprojects.plugin_types import Check, Extension

from . import checks

__version__ = "0.1.0"

NAMESPACE: Final = "se.goteborg.stad"
PATTERN_VARIABLE: Final = "GRPROJECTS_GOTEBORG_DIARIENUMMER_PATTERN"
DEFAULT_DIARIENUMMER_PATTERN: Final = (
    r"^(?P<prefix>[A-ZÅÄÖ]{2,6}) (?P<year>\d{4})-(?P<serial>\d{1,6})$"
)
"""The assumed form: a 2–6 letter upper-case prefix for the registering body, a space,
the four-digit year the case was opened, a hyphen and a serial number (``SRF 2018-01234``).

It is an assumption of this plugin, not a rule published by Göteborgs Stad: set
``GRPROJECTS_GOTEBORG_DIARIENUMMER_PATTERN`` to the regular expression your
registry uses. A ``(?P<year>…)`` group lets the year check run.
"""


def diarienummer_pattern() -> re.Pattern[str]:
    """The diary-number pattern in force: the environment's, else the default."""
    text = os.environ.get(PATTERN_VARIABLE, "").strip() or DEFAULT_DIARIENUMMER_PATTERN
    try:
        return re.compile(text)
    except re.error as error:
        raise ValueError(f"{PATTERN_VARIABLE} is not a regular expression: {error}") from None


def project_schema(pattern: re.Pattern[str]) -> dict[str, Any]:
    """The JSON Schema of the extension's data on a project."""
    portable = re.sub(r"\(\?P<\w+>", "(", pattern.pattern)  # ECMA 262 knows no (?P<name>
    return {
        "title": "Göteborgs Stad: project",
        "type": "object",
        "properties": {
            "diarienummer": {
                "description": "The city's diary number of the project (SRF 2018-01234).",
                "type": "string",
                "pattern": portable,
            },
            "forvaltning": {
                "description": "The city administration responsible for the project.",
                "type": "string",
                "minLength": 1,
                "x-reference": "organisation",
            },
        },
        "additionalProperties": False,
    }


CITIZEN_DIALOGUE: Final = Code(
    "citizen-dialogue",
    {"sv": "medborgardialog", "en": "citizen dialogue"},
    {"description": {"en": "A meeting where residents are heard on a question."}},
)


@hookimpl
def register_extensions() -> list[Extension]:
    """The extension ``se.goteborg.stad``."""
    return [
        Extension(
            namespace=NAMESPACE,
            title="Göteborgs Stad",
            description="Göteborgs Stad's diary number and responsible administration.",
            version=__version__,
            schemas={"project": project_schema(diarienummer_pattern())},
            codes={"activity-kind": (CITIZEN_DIALOGUE,)},
        )
    ]


@hookimpl
def register_checks() -> list[Check]:
    """Göteborgs Stad's local checks."""
    return checks.make_checks(NAMESPACE, diarienummer_pattern())
