"""Invented project-bank records in the export's shape, with its quirks at set rates.

For the speed test and the benchmark, and for property tests: every value is made up
(names, numbers, addresses at example.se), but the municipality and county names are
the code lists' own, spelt as the export spells them now and then (no space, a
letter doubled, a genitive, a name that is no municipality).
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from grprojects.codelists import codelist

FIRST_NAMES = ("Anna", "Per", "Maria", "Erik", "Sara", "Ali", "Karin", "Johan", "Leila", "Nils")
LAST_NAMES = ("Exempel", "Prov", "Testsson", "Påhittad", "Långa", "Öberg", "Åkesson")
AXES = (
    "Att stärka forskning, teknisk utveckling och innovation",
    "Att stärka konkurrenskraften hos små och medelstora företag",
    "Att stödja övergången till en koldioxidsnål ekonomi inom alla sektorer",
)
AREAS = ("Västsverige", "Övre Norrland", "Skåne-Blekinge")


def _spelt(name: str, rng: random.Random) -> str:
    """A municipality name as the export may write it."""
    roll = rng.random()
    if roll < 0.05:
        return name.replace(" ", "")  # LillaEdet
    if roll < 0.08 and len(name) > 6:
        at = rng.randrange(1, len(name) - 1)
        return name[:at] + name[at] + name[at:]  # a letter doubled
    if roll < 0.10:
        return "Okändby"
    return name


def person(rng: random.Random) -> str:
    """An invented name."""
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"


def record(number: int, rng: random.Random) -> dict[str, Any]:
    """One invented record; about a tenth have each quirk."""
    first = rng.choice(codelist("municipality").codes)
    county_of = first.extra["county"]
    neighbours = [c for c in codelist("municipality").codes if c.extra["county"] == county_of]
    chosen = [first, *rng.sample(neighbours, min(len(neighbours), rng.randint(0, 3)))]
    chosen = list({c.code: c for c in chosen}.values())  # one county, as the export has it
    county = codelist("county").codes
    counties = {c.code: c.title["sv"] for c in county}
    leader = person(rng)
    roll = rng.random()
    if roll < 0.05:
        leader = "UPPGIFT SAKNAS"
    elif roll < 0.08:
        leader = "NN"
    elif roll < 0.12:
        leader = f"{leader} / {person(rng)}"
    elif roll < 0.16:
        leader = f"{leader}, projektledare"
    phone = f"070-{number % 1000:03d} {number % 100:02d} {rng.randrange(100):02d}"
    if rng.random() < 0.1:
        phone = f"vx 031-{rng.randrange(1000):03d} 00 00"
    if rng.random() < 0.1:
        phone += f", 031-{rng.randrange(1000):03d} 10 10"
    email = f"{leader.split()[0].lower()}.{number}@example.se" if rng.random() < 0.9 else "NN"
    start = rng.randint(2015, 2020)
    description = "Projektet ska pröva nya sätt att stärka små företag."
    if rng.random() < 0.05:
        description = description.replace("ä", "¿").replace("ö", "¿").replace("å", "¿")
    return {
        "_source": "projektbanken2020#page=eruf",
        "ärende-id": str(20200000 + number),
        "stödmottagare": rng.choice(
            ["Lerums kommun", "Exempel Innovation AB", "Göteborgs universitet", "Region Exempel"]
        )
        if rng.random() < 0.9
        else f"Företag {number % 300} AB",
        "beviljat_belopp_sek": rng.choice([0, rng.randint(100_000, 50_000_000), 5300000.5]),
        "beviljat_belopp_eur": 0 if rng.random() < 0.8 else rng.randint(10_000, 5_000_000),
        "projektnamn": f"Exempelprojekt {number}",
        "projektbeskrivning": description if rng.random() < 0.95 else "",
        "projekt_starttid": f"{start}-0{rng.randint(1, 9)}-01",
        "projekt_sluttid": f"{start + 2}-12-31",
        "projektledare": leader,
        "telnr": phone if rng.random() < 0.95 else "UPPGIFT SAKNAS",
        "e-post": email,
        "län": counties[chosen[0].extra["county"]].removesuffix(" län"),
        "kommuner": ", ".join(_spelt(c.title["sv"], rng) for c in chosen),
        "uppdateringsdatum": f"{start - 1}-11-{rng.randint(10, 28)} 10:00:00",
        "område": rng.choice(AREAS),
        "insatsområde": rng.choice(AXES),
        "tematiskt_mål": rng.choice(AXES),
    }


def records(count: int, seed: int = 13) -> Iterator[dict[str, Any]]:
    """``count`` invented records, the same for the same seed."""
    rng = random.Random(seed)  # noqa: S311 - invented test data, not security
    return (record(number, rng) for number in range(count))


def write_export(path: Path, count: int, seed: int = 13) -> Path:
    """An export of ``count`` invented records at ``path``, written one record at a time."""
    with path.open("w", encoding="utf-8") as file:
        file.write("[")
        for number, item in enumerate(records(count, seed)):
            file.write(("," if number else "") + "\n " + json.dumps(item, ensure_ascii=False))
        file.write("\n]\n")
    return path
