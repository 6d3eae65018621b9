"""Reading one record's values, and the remarks that reading makes.

A value is read as text (encoding damage reported), a date (ISO, with or without the
export's time of day, or a workbook's date), or an exact amount (a JSON number, or a
spreadsheet's ``2 450 000`` / ``5300000,5``). The register's words for a missing value
(``UPPGIFT SAKNAS``, ``NN``) are recognised here, so every field treats them alike.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import Decimal
from typing import Any, Final

from grprojects import Diagnostic
from grprojects.model import Absence, AbsenceReason, PartialDate, Text
from grprojects.swedish import parse_date, parse_decimal

from . import codes
from .records import Place, Record

STATED_MISSING: Final = frozenset({"uppgift saknas", "nn", "n.n.", "saknas"})
"""What the register writes where it lacks the value (*uppgift saknas*), lower case."""

_TIMESTAMP: Final = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
_NOT_ID: Final = re.compile(r"[\W_]+")
_DAMAGE: Final = "¿"


def is_stated_missing(text: str) -> bool:
    """Whether ``text`` is the register's word for a missing value (``UPPGIFT SAKNAS``, ``NN``)."""
    return " ".join(text.split()).lower() in STATED_MISSING


def slug(text: str) -> str:
    """An id made from a name: lower case, hyphens between words (``Lerums kommun`` →
    ``lerums-kommun``)."""
    return _NOT_ID.sub("-", unicodedata.normalize("NFC", text).casefold()).strip("-")[:90] or "x"


def absence(field: str, wording: str, reason: AbsenceReason, source: str) -> Absence:
    """An entry of ``missing``: ``field`` absent for ``reason``, in the source's words."""
    return Absence(field=field, reason=reason, wording=Text(sv=wording), sources=[source])


class Remarks:
    """The remarks about one record, and the readers of its values that make them."""

    def __init__(self, record: Record) -> None:
        self.record = record
        self.found: list[Diagnostic] = []
        self.damaged: set[str] = set()

    def add(
        self,
        code: str,
        place: Place,
        message: str,
        severity: str = "warning",
        key: str | None = None,
    ) -> None:
        self.found.append(place.diagnostic(code, message, severity, key))

    def warn(self, code: str, message: str, key: str) -> None:
        self.add(code, self.record.at(key), message, key=key)

    def note(self, code: str, message: str, key: str) -> None:
        self.add(code, self.record.at(key), message, "info", key)

    def refuse(self, code: str, message: str, key: str | None = None) -> None:
        place = self.record.at(key) if key else self.record.whole
        self.add(code, place, message, "error", key)

    def text(self, key: str) -> str | None:
        """The value of ``key`` as text, ``None`` when absent or blank; damage reported."""
        value = self.record.values.get(key)
        if (
            value is None
            or isinstance(value, bool)
            or not isinstance(value, str | int | float | Decimal | dt.date)
        ):
            if value is not None:
                self.warn(
                    codes.BAD_VALUE,
                    f"a {type(value).__name__} where text or a number belongs; not imported",
                    key,
                )
            return None
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        text = " ".join(unicodedata.normalize("NFC", str(value)).split())
        if not text:
            return None
        if _DAMAGE in text and key not in self.damaged:
            self.damaged.add(key)
            self.warn(
                codes.ENCODING_DAMAGE,
                f"'{_DAMAGE}' stands {text.count(_DAMAGE)} times where a letter (å, ä or ö) was "
                "lost; kept as written",
                key,
            )
        return text

    def date(self, key: str, raw: Any, written: str) -> PartialDate | None:
        """The date of a cell (a workbook's date, ISO text with or without a time)."""
        if isinstance(raw, dt.datetime):
            return PartialDate.of(raw.date())
        if isinstance(raw, dt.date):
            return PartialDate.of(raw)
        stamp = _TIMESTAMP.match(written)
        try:
            return PartialDate.parse(stamp[1]) if stamp else parse_date(written)
        except ValueError as error:
            self.warn(codes.BAD_DATE, f"{error}; kept as written", key)
            return None

    def amount(
        self, key: str, field: str, missing: list[Absence], words: list[str], source_id: str
    ) -> Decimal | None:
        """The amount of ``key``; a 0 or unreadable text recorded as unknown and reported."""
        raw = self.record.values.get(key)
        written = self.text(key)
        if written is None:
            return None
        if is_stated_missing(written):
            missing.append(absence(field, written, AbsenceReason.STATED_MISSING, source_id))
            return None
        try:
            if isinstance(raw, int | Decimal):
                amount = Decimal(raw)
            elif isinstance(raw, float):
                amount = Decimal(repr(raw))
            else:
                amount = parse_decimal(written)
        except (ValueError, ArithmeticError) as error:
            self.warn(codes.BAD_AMOUNT, f"{error}; kept as the funding's wording", key)
            missing.append(absence(field, written, AbsenceReason.UNKNOWN, source_id))
            words.append(f"{key}: {written}")
            return None
        if amount == 0:
            missing.append(absence(field, written, AbsenceReason.UNKNOWN, source_id))
            if field == "equivalents":
                self.note(
                    codes.ZERO_EUR,
                    "0, the export's placeholder: left out, recorded as unknown",
                    key,
                )
            else:
                self.warn(
                    codes.ZERO_AMOUNT,
                    "0 SEK, a column never filled in rather than a grant of nothing: left out, "
                    "recorded as unknown",
                    key,
                )
            return None
        return amount
