"""Messages about an import quote no personal value of the dataset unmasked."""

from __future__ import annotations

import grprojects
from grprojects import Diagnostic
from grprojects.masking import masked_quotes, personal_values
from grprojects.testing import minimal_dataset


def _dataset() -> grprojects.Dataset:
    document = minimal_dataset()
    project = document["projects"][0]
    project["people"] = [{"id": "anna", "name": "Anna Exempelsdotter", "sources": ["webb"]}]
    project["contacts"] = [
        {"person": "anna", "email": "anna@example.se", "phones": [{"number": "070-000 00 01"}]}
    ]
    return grprojects.from_json(document)


def test_personal_values_are_the_strings_of_personal_fields_only() -> None:
    """Names, addresses and numbers under people and contacts; not the project's name."""
    found = personal_values(_dataset())
    assert {"Anna Exempelsdotter", "anna@example.se", "070-000 00 01"} <= found
    assert "Ett projekt" not in found
    assert "Göteborgsregionen" not in found


def test_quoted_personal_values_are_masked_and_others_kept() -> None:
    """A quoted name is masked; a quoted place name stays as written."""
    diagnostic = Diagnostic(
        "x.y", "leader 'Anna Exempelsdotter' in 'Lerum', \"anna@example.se\"", "/1"
    )
    (masked,) = masked_quotes([diagnostic], personal_values(_dataset()))
    assert masked.message == "leader 'An…er' in 'Lerum', 'an…se'"
