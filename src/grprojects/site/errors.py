"""Why a site cannot be written."""

from __future__ import annotations

from ..errors import GrprojectsError


class SiteError(GrprojectsError, ValueError):
    """The site cannot be written where asked: the folder holds other files."""


class ClashingDatasetsError(SiteError):
    """Two datasets hold the same project with different contents; merge them first."""
