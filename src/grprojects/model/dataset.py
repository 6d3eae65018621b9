"""The dataset: one published document of organisations, projects and sources."""

from __future__ import annotations

from typing import Any, Final

from .fields import ID_PATTERN, Items, Model, field, model
from .organisation import Organisation
from .project import Project
from .provenance import URL_PATTERN, Source
from .values import PartialDate, Text

SCHEMA_VERSION: Final = "1.1"
"""The schema version this model writes; documents of every earlier version still load."""
SCHEMA_VERSIONS: Final = ("1.0", "1.1")
"""Every published schema version, oldest first."""

NAMESPACE_PATTERN: Final = r"^[a-z][a-z0-9]*(\.[a-z0-9][a-z0-9-]*)+$"
"""An extension's namespace: reverse-domain style, lower case (``se.goteborg.stad``)."""


@model
class Publisher(Model):
    """Who publishes the dataset."""

    name: Text = field("The publisher's name.")
    organisation: str | None = field(
        "The publisher, when it is one of the dataset's organisations.",
        default=None,
        reference="organisation",
    )
    url: str | None = field("The publisher's website.", default=None, pattern=URL_PATTERN)


@model
class Dataset(Model):
    """A published collection of projects with the organisations and sources they cite."""

    version: str = field(
        "The version of the grprojects schema the document follows (``1.0``, ``1.1``); "
        "it is checked by that version's rules.",
        pattern=r"^1\.[01]$",
    )
    title: Text = field("The dataset's title.")
    publisher: Publisher = field("Who publishes the dataset.")
    id: str | None = field(
        "A stable id of the dataset, kept across its versions (used in calendar UIDs).",
        default=None,
        pattern=ID_PATTERN,
    )
    published: PartialDate | None = field("When this version was published.", default=None)
    license: str | None = field(
        "The licence of the data, as an SPDX id (``CC0-1.0``) or URL.", default=None
    )
    personal_data_removed: bool = field(
        "The personal data (people, contacts, quotes) was taken out before publishing "
        "(``grprojects convert --public``), so an empty list of contacts says nothing "
        "about the project: a check or reader must not take it for 'no contact known'.",
        default=False,
    )
    uses_extensions: Items[str] = field(
        "The extensions whose data the document carries, by namespace.",
        factory=tuple,
        unique=True,
        pattern=NAMESPACE_PATTERN,
    )
    organisations: Items[Organisation] = field(
        "Every organisation the projects cite.", factory=tuple
    )
    projects: Items[Project] = field("The projects.", factory=tuple)
    sources: Items[Source] = field("Every source the claims cite.", factory=tuple)
    extensions: dict[str, Any] = field(
        "Data of declared extensions, keyed by extension namespace.", factory=dict
    )

    def organisation(self, id: str) -> Organisation:  # noqa: A002 - mirrors the wire name
        """The organisation with ``id``; ``KeyError`` naming it when there is none."""
        for organisation in self.organisations:
            if organisation.id == id:
                return organisation
        raise KeyError(f"no organisation {id!r} in the dataset")

    def project(self, id: str) -> Project:  # noqa: A002 - mirrors the wire name
        """The project with ``id``; ``KeyError`` naming it when there is none."""
        for project in self.projects:
            if project.id == id:
                return project
        raise KeyError(f"no project {id!r} in the dataset")

    def source(self, id: str) -> Source:  # noqa: A002 - mirrors the wire name
        """The source with ``id``; ``KeyError`` naming it when there is none."""
        for source in self.sources:
            if source.id == id:
                return source
        raise KeyError(f"no source {id!r} in the dataset")

    def members_of(self, id: str) -> list[Organisation]:  # noqa: A002 - mirrors the wire name
        """The organisations that are members of organisation ``id``."""
        return [o for o in self.organisations if any(m.organisation == id for m in o.memberships)]
