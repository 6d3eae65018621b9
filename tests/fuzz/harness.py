"""The fuzzing harness: every reader and exporter, fed mutated input, and the errors allowed.

Each reader gets bytes mutated from real exports of the bundled example (and from
the hostile archives of :mod:`tests.formats.hostile`) and may only raise the errors
its documentation names: :class:`~grprojects.DocumentError` for input that is not a
valid dataset (a plugin's :class:`~grprojects.protocols.PartialImportError` is one).
``validate`` never raises on a file's content: it reports. An exporter given a valid
dataset may only refuse it with a ``DocumentError`` (data the format cannot hold).

Mutations work at two levels: on a file's bytes (damaged zips, broken UTF-8) and,
for archives, on one member's unpacked bytes before zipping again, which reaches
the XML and CSV parsers behind a zip's checksums.
"""

from __future__ import annotations

import contextlib
import io
import random
import warnings
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Final

from grprojects import DocumentError, load, validate
from grprojects.formats import read_dataset
from grprojects.validation import Validator

ALLOWED: Final[type[Exception]] = DocumentError
"""What a reader may raise on bad input, as its documentation says (its subclasses too)."""

Reader = Callable[[Path], object]

READERS: Final[dict[str, tuple[str, Reader]]] = {
    "json": (".json", lambda path: read_dataset(path, format_name="json")),
    "load-bytes": (".json", lambda path: load(path.read_bytes())),
    "validate-json": (".json", lambda path: validate(path)),
    "validate-jsonl": (".jsonl", lambda path: Validator().validate_path(path)),
    "xlsx": (".xlsx", lambda path: read_dataset(path, format_name="xlsx")),
    "csv": (".csv.zip", lambda path: read_dataset(path, format_name="csv")),
    "ods": (".ods", lambda path: read_dataset(path, format_name="ods")),
    "sheets-xlsx": (".xlsx", lambda path: read_dataset(path, format_name="sheets")),
    "sheets-csv": (".csv", lambda path: read_dataset(path, format_name="sheets")),
    "guessed": (".xlsx", read_dataset),
    "projektbanken-json": (".json", lambda path: read_dataset(path, format_name="projektbanken")),
    "projektbanken-csv": (".csv", lambda path: read_dataset(path, format_name="projektbanken")),
    "projektbanken-xlsx": (".xlsx", lambda path: read_dataset(path, format_name="projektbanken")),
}
"""Each target: the file ending it reads, and how. ``guessed`` lets the plugins choose."""

SEEDS: Final = {
    "json": "json",
    "load-bytes": "json",
    "validate-json": "json",
    "validate-jsonl": "jsonl",
    "xlsx": "xlsx",
    "csv": "csv",
    "ods": "ods",
    "sheets-xlsx": "activities.xlsx",
    "sheets-csv": "activities.csv",
    "guessed": "xlsx",
    "projektbanken-json": "projektbanken.json",
    "projektbanken-csv": "projektbanken.csv",
    "projektbanken-xlsx": "projektbanken.xlsx",
}
"""The seed file each target's mutations start from (see :func:`make_seeds`)."""

_TOKENS: Final = (
    b'"', b"<", b">", b"/>", b"&", b"&#0;", b'r="XFD1"', b't="s"', b't="e"', b't="d"',
    b's="9"', b"9" * 25, b"-1", b"NaN", b"1e400", b"\xff", b"\xc3", b"\x00", b"\r\n",
    b",", b";", b'""', b"{", b"}", b"[", b"]", b"null", b'"id":', b"<!DOCTYPE x>",
)  # fmt: skip
"""Bytes that mean something to one of the parsers, spliced in as well as random ones."""


def mutate(seed: bytes, rng: random.Random) -> bytes:
    """``seed`` with a few bytes flipped, cut, repeated or spliced with parser tokens."""
    data = bytearray(seed)
    for _ in range(rng.randint(1, 6)):
        if not data:
            data += rng.randbytes(rng.randint(1, 8))
        at = rng.randrange(len(data))
        operation = rng.choice(["flip", "cut", "token", "bytes", "repeat"])
        if operation == "flip":
            data[at] ^= 1 << rng.randrange(8)
        elif operation == "cut":
            del data[at : at + rng.randint(1, 64)]
        elif operation == "token":
            data[at:at] = rng.choice(_TOKENS)
        elif operation == "bytes":
            data[at:at] = rng.randbytes(rng.randint(1, 16))
        else:
            data[at:at] = data[at : at + rng.randint(1, 256)] * rng.randint(2, 50)
    return bytes(data)


def mutate_file(seed: bytes, number: int) -> bytes:
    """Mutation ``number`` of ``seed``: of its bytes, or of one member's content if a zip.

    The number alone reproduces the input: a falsifying example names it.
    """
    rng = random.Random(number)  # noqa: S311 - reproducible mutations, not secrets
    if not seed.startswith(b"PK") or rng.random() < 0.5:
        return mutate(seed, rng)
    with zipfile.ZipFile(io.BytesIO(seed)) as archive:
        members = [(info.filename, archive.read(info)) for info in archive.infolist()]
    target = rng.randrange(len(members))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for index, (name, data) in enumerate(members):
            archive.writestr(name, mutate(data, rng) if index == target else data)
    return buffer.getvalue()


def run_reader(target: str, data: bytes, folder: Path) -> None:
    """Read ``data`` with ``target``; anything raised beyond :data:`ALLOWED` propagates."""
    ending, read = READERS[target]
    path = folder / f"fuzzed{ending}"
    path.write_bytes(data)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a plugin's warnings are reports, not failures
        with contextlib.suppress(ALLOWED):
            read(path)


def make_seeds(folder: Path) -> dict[str, bytes]:
    """The seed files, made from the bundled example by the exporters themselves."""
    from grprojects import load
    from grprojects.formats import write_dataset

    example = load(Path(__file__).parents[2] / "examples" / "gr-projects.json")
    seeds = {}
    exports = (("json", ".json"), ("xlsx", ".xlsx"), ("csv", ".csv.zip"), ("ods", ".ods"))
    for name, ending in exports:
        path = folder / f"seed{ending}"
        write_dataset(example, path, force=True)
        seeds[name] = path.read_bytes()
    seeds["jsonl"] = _json_lines(seeds["json"])
    seeds["activities.csv"] = _ACTIVITIES.encode()
    seeds["activities.xlsx"] = _activities_workbook()
    seeds["projektbanken.json"] = _PROJEKTBANKEN.encode()
    seeds["projektbanken.csv"] = _bank_table("csv")
    seeds["projektbanken.xlsx"] = _bank_table("xlsx")
    return seeds


def _json_lines(document: bytes) -> bytes:
    import json

    projects = json.loads(document)["projects"]
    return "".join(json.dumps(p, ensure_ascii=False) + "\n" for p in projects).encode()


_ACTIVITIES: Final = (
    "Projekt;Nya grannar\r\nProjekt-id;nya-grannar\r\nÄgare;Göteborgsregionen\r\n"
    "Ägare-id;gr\r\nÄgartyp;Kommunalförbund\r\n\r\n"
    "Aktivitet;Typ;Datum;Plats;Kommun;Språk;Deltagare;Timmar\r\n"
    "Länderkunskap;Utbildningsdag;2019-02-05;Dockan;Göteborg;svenska, arabiska;45;6\r\n"
    "Tolk;Utbildningsdag;2019-10-10;;Mölndal;svenska;ca 30;3,5\r\n"
)
"""A hand-kept activity list of the kind the ``sheets`` plugin reads."""


def _activities_workbook() -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Aktiviteter"
    for line in _ACTIVITIES.split("\r\n"):
        sheet.append(line.split(";") if line else [])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


_PROJEKTBANKEN: Final = """[
 {"ärende-id": "20209901", "stödmottagare": "Lerums kommun", "beviljat_belopp_sek": 2450000,
  "beviljat_belopp_eur": 0, "projektnamn": "Digital service", "projektbeskrivning": "St¿d",
  "projekt_starttid": "2018-03-01", "projekt_sluttid": "2020-02-29",
  "projektledare": "Anna Exempel / Per Prov", "telnr": "vx 031-000 00 03, 070-000 00 02",
  "e-post": "UPPGIFT SAKNAS", "län": "Västra Götalands län", "kommuner": "LillaEdet, Okändby",
  "uppdateringsdatum": "2018-02-14 09:12:44", "område": "Västsverige",
  "insatsområde": "Att stärka forskning", "tematiskt_mål": "Att stärka forskning"},
 {"ärende-id": "20209902", "projektnamn": "NN", "beviljat_belopp_sek": 5300000.5,
  "projektledare": "Per Prov, projektledare", "kommuner": "Stenungssund"}
]"""
"""Two invented records in the shape of Tillväxtverket's project bank, with its quirks."""


def _bank_table(kind: str) -> bytes:
    import csv
    import json

    records = json.loads(_PROJEKTBANKEN)
    keys = list(records[0])
    rows = [keys, *([record.get(k, "") for k in keys] for record in records)]
    if kind == "csv":
        text = io.StringIO()
        csv.writer(text, delimiter=";").writerows(rows)
        return text.getvalue().encode("utf-8-sig")
    from openpyxl import Workbook

    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
