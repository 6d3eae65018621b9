"""The one way model fields are declared.

Every field carries its documentation and its wire constraints in attrs metadata, so
that the JSON Schema generator, the docs and the public-export filter all read the
same facts and cannot drift from the classes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, TypeVar, dataclass_transform

import attrs

DOC = "grprojects.doc"
"""Metadata key: the field's one-paragraph documentation (becomes the schema description)."""
PERSONAL = "grprojects.personal"
"""Metadata key: the field holds personal data (GDPR) and is left out of public exports."""
CODELIST = "grprojects.codelist"
"""Metadata key: the id of the code list whose codes the field takes."""
PATTERN = "grprojects.pattern"
"""Metadata key: a regular expression the whole string value must match."""
MINIMUM = "grprojects.minimum"
"""Metadata key: the smallest allowed integer value."""
REFERENCE = "grprojects.reference"
"""Metadata key: what kind of object the field's id (or ids) refers to."""
FORMAT = "grprojects.format"
"""Metadata key: a JSON Schema ``format`` the value must satisfy (``email``)."""
UNIQUE = "grprojects.unique"
"""Metadata key: the list's items must be unique."""

_NOTHING: Any = attrs.NOTHING


def field(
    doc: str,
    *,
    default: Any = _NOTHING,
    factory: Any = None,
    personal: bool = False,
    codelist: str | None = None,
    pattern: str | None = None,
    minimum: int | None = None,
    reference: str | None = None,
    format: str | None = None,  # noqa: A002 - named after the JSON Schema keyword
    unique: bool = False,
) -> Any:
    """Declare a documented model field with its wire constraints."""
    metadata: dict[str, Any] = {DOC: " ".join(doc.split())}
    if personal:
        metadata[PERSONAL] = True
    if codelist is not None:
        metadata[CODELIST] = codelist
    if pattern is not None:
        metadata[PATTERN] = pattern
    if minimum is not None:
        metadata[MINIMUM] = minimum
    if reference is not None:
        metadata[REFERENCE] = reference
        if pattern is None:
            metadata[PATTERN] = ID_PATTERN  # a reference is spelt like the id it cites
    if format is not None:
        metadata[FORMAT] = format
    if unique:
        metadata[UNIQUE] = True
    if factory is not None:
        return attrs.field(factory=factory, metadata=metadata, kw_only=True)
    return attrs.field(default=default, metadata=metadata, kw_only=True)


class Model:
    """Base of every model class: marks them, for type checkers, as attrs classes."""

    __slots__ = ()
    if TYPE_CHECKING:
        __attrs_attrs__: ClassVar[Any]


T = TypeVar("T", bound=Model)


@dataclass_transform(frozen_default=True, kw_only_default=True, field_specifiers=(field,))
def model(cls: type[T]) -> type[T]:
    """Make ``cls`` a frozen, keyword-only attrs class of the model.

    The ``dataclass_transform`` marker tells type checkers which fields are required
    and that arguments are keyword-only, which they cannot see through :func:`field`.
    """
    return attrs.frozen(cls, kw_only=True)


ID_PATTERN = r'^[^\s/\\:*?"<>|#%]{1,100}$'
"""Ids: 1–100 characters, no white space and nothing a file name or URL cannot hold.

Swedish letters are welcome (``göteborgs-stad``); ids are compared after Unicode
NFC normalisation by the ``id.duplicate`` check.
"""
