"""Checks on money: amounts that can be added up, in currencies that are known."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from ..diagnostics import Diagnostic, Severity, pointer_of
from ..model import Money
from ..plugin_types import Check, CheckContext
from ._walk import nodes_of


def _negative(context: CheckContext) -> Iterator[Diagnostic]:
    for path, money in nodes_of(context.dataset, Money):
        if money.amount < 0:
            yield NEGATIVE_AMOUNT.diagnostic(
                f"{pointer_of(path)}/amount",
                f"the amount {money.amount} {money.currency} is negative",
            )


def _unknown_currency(context: CheckContext) -> Iterator[Diagnostic]:
    currencies = context.codelists.get("currency")
    if currencies is None:
        return
    for path, money in nodes_of(context.dataset, Money):
        if money.currency not in currencies:
            close = difflib.get_close_matches(money.currency, sorted(currencies.values), n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            yield UNKNOWN_CURRENCY.diagnostic(
                f"{pointer_of(path)}/currency",
                f"the currency {money.currency!r} is not in the currency code list{hint}",
            )


NEGATIVE_AMOUNT = Check(
    code="funding.negative-amount",
    severity=Severity.ERROR,
    category="funding",
    summary="A funding amount is negative.",
    explanation=(
        "Amounts state money granted to a project, never a debt or a repayment, so they "
        "are zero or more. A minus sign is usually a typing slip; a repayment is not a "
        "funding statement."
    ),
    failing_example='{"funder": "esf", "amount": {"amount": "-12800000", "currency": "SEK"}}',
    passing_example='{"funder": "esf", "amount": {"amount": "12800000", "currency": "SEK"}}',
    run=_negative,
)

UNKNOWN_CURRENCY = Check(
    code="funding.unknown-currency",
    severity=Severity.WARNING,
    category="funding",
    summary="An amount is in a currency the currency code list does not have.",
    explanation=(
        "Amounts carry an ISO 4217 currency code such as `SEK` or `EUR`. The shipped "
        "`currency` list holds the currencies projects here are funded in; it is open, and "
        "plugins may add codes. A code outside it is often a local spelling (`SKR`, `KR`) "
        "that other tools cannot convert or add up."
    ),
    failing_example='{"amount": "12800000", "currency": "SKR"}',
    passing_example='{"amount": "12800000", "currency": "SEK"}',
    run=_unknown_currency,
)

CHECKS = (NEGATIVE_AMOUNT, UNKNOWN_CURRENCY)
