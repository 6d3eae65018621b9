"""The keys of the project bank's export: what names its records, and what makes a file its.

Apart from the reader (:mod:`.records`), so that recognising a file, which every run
of grprojects may ask the plugin to do, imports no reader.
"""

from __future__ import annotations

from typing import Final

KEYS: Final = (
    "ärende-id",
    "stödmottagare",
    "beviljat_belopp_sek",
    "beviljat_belopp_eur",
    "projektnamn",
    "projektbeskrivning",
    "projekt_starttid",
    "projekt_sluttid",
    "projektledare",
    "telnr",
    "e-post",
    "län",
    "kommuner",
    "uppdateringsdatum",
    "område",
    "insatsområde",
    "tematiskt_mål",
    "_source",
)
"""The keys of the export, in its order."""

IDENTIFYING: Final = frozenset({"ärende-id", "projektnamn"})
"""Keys a heading row must have to be taken for the export's."""
