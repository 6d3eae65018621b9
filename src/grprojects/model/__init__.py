"""The grprojects model: frozen attrs classes, one module per concept."""

from typing import Final

from .absence import Absence, AbsenceReason
from .activity import Activity, Place
from .area import Area
from .dataset import NAMESPACE_PATTERN, SCHEMA_VERSION, SCHEMA_VERSIONS, Dataset, Publisher
from .fields import fields_of
from .organisation import Identifier, Membership, Organisation
from .people import Contact, Person, Phone, Quote
from .project import (
    Document,
    Funding,
    Goal,
    Group,
    Participation,
    PeriodStatus,
    PriorityAxis,
    Project,
    ProjectLink,
    ProjectPeriod,
    StatusStatement,
)
from .provenance import Source, Statement
from .results import Figure, FigureStatus, Indicator, Result
from .values import Count, Money, PartialDate, Period, Precision, Qualifier, Season, Text

MODEL_CLASSES = (
    Dataset,
    Publisher,
    Organisation,
    Identifier,
    Membership,
    Source,
    Statement,
    Project,
    ProjectPeriod,
    StatusStatement,
    Area,
    Participation,
    Funding,
    PriorityAxis,
    Goal,
    Group,
    Activity,
    Place,
    Figure,
    Indicator,
    Result,
    Document,
    Person,
    Phone,
    Contact,
    Quote,
    ProjectLink,
    Absence,
    Period,
    Count,
    Money,
    Text,
)
"""Every class of the model, the dataset first: the schema's ``$defs`` follow this order."""

ROOTS: Final = {"dataset": Dataset, "project": Project}
"""The documents grprojects reads, by schema name: a dataset, or one project (JSON Lines)."""

SCHEMA_KEY: Final = "$schema"
"""The key a document root may carry to name its JSON Schema, the way editors find one.

It says where a schema is, nothing about the data: the schemas allow it (a string) at
every root of :data:`ROOTS`, reading leaves it out of the model, and writing does not
put it back.
"""

EXTENSIBLE_CLASSES: Final = tuple(
    cls for cls in MODEL_CLASSES if any(f.name == "extensions" for f in fields_of(cls))
)
"""The classes whose objects carry an ``extensions`` member, for extensions to add fields to."""

__all__ = [
    "EXTENSIBLE_CLASSES",
    "MODEL_CLASSES",
    "NAMESPACE_PATTERN",
    "ROOTS",
    "SCHEMA_KEY",
    "SCHEMA_VERSION",
    "SCHEMA_VERSIONS",
    "Absence",
    "AbsenceReason",
    "Activity",
    "Area",
    "Contact",
    "Count",
    "Dataset",
    "Document",
    "Figure",
    "FigureStatus",
    "Funding",
    "Goal",
    "Group",
    "Identifier",
    "Indicator",
    "Membership",
    "Money",
    "Organisation",
    "PartialDate",
    "Participation",
    "Period",
    "PeriodStatus",
    "Person",
    "Phone",
    "Place",
    "Precision",
    "PriorityAxis",
    "Project",
    "ProjectLink",
    "ProjectPeriod",
    "Publisher",
    "Qualifier",
    "Quote",
    "Result",
    "Season",
    "Source",
    "Statement",
    "StatusStatement",
    "Text",
]
