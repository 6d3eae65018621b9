"""What a plugin hands the report site to add a section to every project's page.

Kept free of the template engine, so a plugin can declare its sections (and
grprojects can list them) without the ``report`` extra installed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, Final

import attrs

from .._methods import shared_methods
from ..model import Text

if TYPE_CHECKING:
    from ..model import Dataset, Project

SECTION_NAME_PATTERN: Final = r"^[a-z][a-z0-9-]*$"
"""A section's name: lower case and hyphens, so it can be the HTML ``id`` of the section."""


@shared_methods
@attrs.frozen(eq=False, repr=False)
class SectionContext:
    """What a section's ``render`` sees for one project page."""

    dataset: Dataset
    """The dataset the site shows: the public view unless the site is internal."""
    project: Project
    """The project whose page is being written (from ``dataset``)."""
    language: str
    """The language of the site's interface: ``sv`` or ``en``."""
    include_personal: bool
    """Whether the site is an internal one that shows personal data."""
    cite: Callable[[Iterable[str]], str]
    """Source markers for source ids, numbered with the page's other markers and
    listed in the page's sources: ``context.cite(figure.sources)``. The result is
    HTML (``markupsafe.Markup``)."""


def _check_name(_: object, __: object, name: Any) -> None:
    if not isinstance(name, str) or not re.match(SECTION_NAME_PATTERN, name):
        raise ValueError(
            f"a section's name is lower case with hyphens (local-budget), not {name!r}"
        )


@shared_methods
@attrs.frozen(eq=False, repr=False)
class ProjectSection:
    """A section a plugin adds to each project's page, after grprojects' own sections.

    ``render`` returns the section's body for one project, or ``None`` to leave the
    section out of that page. A plain ``str`` is shown as text (escaped); return
    ``markupsafe.Markup`` for HTML, and escape any data you put in it.
    """

    name: str = attrs.field(validator=_check_name)
    """Unique among sections; the section's HTML id is ``plugin-NAME``."""
    title: Text
    """The section's heading, Swedish with an optional English translation."""
    render: Callable[[SectionContext], str | None]
