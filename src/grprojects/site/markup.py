"""Building small HTML fragments: our own template, every value escaped.

``Markup.format`` escapes too, but through Python's ``string.Formatter``, about
twenty times slower than ``str.format``; a site of a thousand projects makes
millions of these fragments.
"""

from __future__ import annotations

from markupsafe import Markup, escape


def html(template: str, *values: object) -> Markup:
    """``template`` (a literal of ours, ``{}`` for each value) with ``values`` escaped."""
    return Markup(template.format(*map(escape, values)))  # noqa: S704 - every value is escaped
