"""grprojects: one typed, validated data model for regional collaboration projects.

Read a dataset with :func:`load`, write it with :func:`dump`, find every problem in
a document with :func:`validate`, leave personal data out with :func:`public`. The
model classes live in :mod:`grprojects.model`.
"""

from ._version import __version__
from .diagnostics import Diagnostic, Severity
from .errors import CodeListError, DocumentError, GrprojectsError, PluginError
from .hookspecs import hookimpl
from .io import dump, dumps, from_json, load, to_json
from .model import (
    Activity,
    Contact,
    Count,
    Dataset,
    Document,
    Figure,
    Funding,
    Goal,
    Group,
    Indicator,
    Organisation,
    PartialDate,
    Participation,
    Period,
    Person,
    Project,
    ProjectPeriod,
    Source,
    Text,
)
from .plugin_types import Imported, PartialImportError, RecordTally
from .public import public
from .upgrades import upgrade
from .validation import validate

__all__ = [
    "Activity",
    "CodeListError",
    "Contact",
    "Count",
    "Dataset",
    "Diagnostic",
    "Document",
    "DocumentError",
    "Figure",
    "Funding",
    "Goal",
    "Group",
    "GrprojectsError",
    "Imported",
    "Indicator",
    "Organisation",
    "PartialDate",
    "PartialImportError",
    "Participation",
    "Period",
    "Person",
    "PluginError",
    "Project",
    "ProjectPeriod",
    "RecordTally",
    "Severity",
    "Source",
    "Text",
    "__version__",
    "dump",
    "dumps",
    "from_json",
    "hookimpl",
    "load",
    "public",
    "to_json",
    "upgrade",
    "validate",
]


def __dir__() -> list[str]:
    return __all__
