"""Regular expressions that cannot backtrack for minutes: the guard on extension patterns.

Schemas are checked with Python's ``re``, which backtracks. A repetition that holds
another variable repetition or an alternation — ``^(a+)+$``, ``^(a|aa)*$``,
``^([a-z]{2,8})*$`` — can split a string in exponentially many ways, and a failing
match tries them all: ``^(a+)+$`` on thirty ``a`` and a ``!`` runs for minutes, in one
C call no thread or time limit can interrupt. So every pattern of an extension's
schema fragment is read when its manifest is loaded, and one with such a nested
repetition is refused, naming the extension, before any document is validated.

A repetition whose body starts with a fixed character that nothing later in the body
can match — the ``.`` of ``(\\.[a-z0-9-]*)+``, the ``-`` of ``(-[A-Za-z0-9]{2,8})*`` —
is accepted: that character marks where each round starts, so a string splits in one
way only. The core schema's own patterns are all of this kind (a test holds them to
this guard). Backreferences are refused too. The guard is conservative: it may
refuse a safe pattern (``(a|b)+``: write ``[ab]+``), never pass a nested repetition
without a marker. Polynomial cases such as ``\\d*\\d*\\d*x`` are not refused.
"""

from __future__ import annotations

import re
from typing import Final

import attrs

from ._methods import shared_methods

_CLASS_ESCAPES: Final = frozenset("dDwWsS")
_ANCHOR_ESCAPES: Final = frozenset("bBAZ")
_UNBOUNDED: Final = 1 << 30
"""The upper bound of ``*``, ``+`` and ``{n,}``."""


@shared_methods
@attrs.frozen(eq=False, repr=False)
class _Leaf:
    """One character's matcher (a literal, a class, ``.``), or an anchor (matches none)."""

    source: str
    anchor: bool = False

    def matches(self, char: str) -> bool:
        return not self.anchor and re.fullmatch(self.source, char) is not None


@shared_methods
@attrs.frozen(eq=False, repr=False)
class _Group:
    """A group: its alternatives, each a sequence of items."""

    branches: tuple[tuple[_Item, ...], ...]


@shared_methods
@attrs.frozen(eq=False, repr=False)
class _Item:
    atom: _Leaf | _Group
    least: int = 1
    most: int = 1


class UnsafePatternError(ValueError):
    """A pattern that can take exponential time to fail, and why."""


def check_pattern(pattern: str) -> None:
    """Raise :class:`UnsafePatternError` (or ``re.error``) unless ``pattern`` is safe to use."""
    re.compile(pattern)
    parser = _Parser(pattern)
    tree = parser.group()
    _check(tree)


def pattern_problem(pattern: str) -> str | None:
    """Why ``pattern`` may not be used in a schema, in a few words, or ``None``."""
    try:
        check_pattern(pattern)
    except re.error as error:
        return f"the pattern {pattern!r:.80} is not a regular expression: {error}"
    except UnsafePatternError as error:
        return f"the pattern {pattern!r:.80} {error}"
    return None


def _leaves(group: _Group) -> list[_Leaf]:
    return [
        leaf
        for branch in group.branches
        for item in branch
        for leaf in ([item.atom] if isinstance(item.atom, _Leaf) else _leaves(item.atom))
    ]


def _ambiguous(group: _Group) -> bool:
    """Whether ``group`` can match one string in more than one way: alternation or ``a*``."""
    if len(group.branches) > 1:
        return True
    return any(
        item.least != item.most or (isinstance(item.atom, _Group) and _ambiguous(item.atom))
        for branch in group.branches
        for item in branch
    )


def _marked(group: _Group) -> bool:
    """Whether each round of ``group`` starts with a character nothing after it can match."""
    if len(group.branches) != 1 or not group.branches[0]:
        return False
    first, *rest = group.branches[0]
    if not isinstance(first.atom, _Leaf) or first.atom.anchor or first.least != 1:
        return False
    if first.most != 1:
        return False
    marker = re.fullmatch(r"\\?(.)", first.atom.source, re.DOTALL)
    if marker is None or first.atom.source in {".", *(f"\\{c}" for c in _CLASS_ESCAPES)}:
        return False
    char = marker.group(1)
    return not any(leaf.matches(char) for leaf in _leaves(_Group((tuple(rest),))))


def _check(group: _Group) -> None:
    for branch in group.branches:
        for item in branch:
            if not isinstance(item.atom, _Group):
                continue
            if item.most > 1 and _ambiguous(item.atom) and not _marked(item.atom):
                raise UnsafePatternError(
                    "repeats a group that can match the same text in several ways "
                    "(nested repetition or alternation), which can take exponential time; "
                    "start each round with a separator, or use a character class"
                )
            _check(item.atom)


class _Parser:
    """Reads Python's regular-expression syntax into groups, items and leaves."""

    def __init__(self, pattern: str) -> None:
        self.text = pattern
        self.at = 0

    def peek(self, length: int = 1) -> str:
        return self.text[self.at : self.at + length]

    def group(self) -> _Group:
        """Alternatives up to a closing ``)`` or the end."""
        branches: list[tuple[_Item, ...]] = []
        items: list[_Item] = []
        while self.at < len(self.text) and self.peek() != ")":
            if self.peek() == "|":
                self.at += 1
                branches.append(tuple(items))
                items = []
                continue
            atom = self.atom()
            if atom is None:
                continue
            least, most = self.quantifier()
            items.append(_Item(atom, least, most))
        branches.append(tuple(items))
        return _Group(tuple(branches))

    def atom(self) -> _Leaf | _Group | None:
        start = self.at
        char = self.text[self.at]
        self.at += 1
        if char == "(":
            return self.parenthesis()
        if char == "[":
            self.character_class()
            return _Leaf(self.text[start : self.at])
        if char == "\\":
            return self.escape(start)
        return _Leaf(re.escape(char) if char not in ".^$" else char, anchor=char in "^$")

    def parenthesis(self) -> _Group | None:
        if self.peek() != "?":
            return self.closed()
        self.at += 1
        kind = self.peek()
        if kind == "#":  # a comment
            self.at = self.text.index(")", self.at) + 1
            return None
        if self.peek(2) == "P=" or kind == "(":
            raise UnsafePatternError("uses a backreference or a conditional, which can backtrack")
        if self.peek(2) == "P<":
            self.at = self.text.index(">", self.at) + 1
        elif kind in ":=!>":
            self.at += 1
        elif self.peek(2) in ("<=", "<!"):
            self.at += 2
        else:  # flags: (?i) alone, or (?i:...)
            while self.peek() not in (":", ")"):
                self.at += 1
            self.at += 1
            if self.text[self.at - 1] == ")":
                return None
        return self.closed()

    def closed(self) -> _Group:
        body = self.group()
        self.at += 1  # the ")"
        return body

    def character_class(self) -> None:
        if self.peek() == "^":
            self.at += 1
        if self.peek() == "]":
            self.at += 1
        while self.peek() != "]":
            self.at += 2 if self.peek() == "\\" else 1
        self.at += 1

    def escape(self, start: int) -> _Leaf:
        char = self.text[self.at]
        self.at += 1
        if char.isdigit() and char != "0":
            raise UnsafePatternError("uses a backreference, which can backtrack")
        if char == "x":
            self.at += 2
        elif char in "uU":
            self.at += 4 if char == "u" else 8
        elif char == "N":
            self.at = self.text.index("}", self.at) + 1
        elif char == "0":
            while self.peek().isdigit() and self.at - start < 4:
                self.at += 1
        return _Leaf(self.text[start : self.at], anchor=char in _ANCHOR_ESCAPES)

    def quantifier(self) -> tuple[int, int]:
        char = self.peek()
        bounds = {"*": (0, _UNBOUNDED), "+": (1, _UNBOUNDED), "?": (0, 1)}.get(char)
        if bounds is not None:
            self.at += 1
        else:
            braces = re.compile(r"\{(\d*)(,?)(\d*)\}").match(self.text, self.at)
            if braces is None or not (braces.group(1) or braces.group(3)):
                return 1, 1
            self.at = braces.end()
            least = int(braces.group(1) or 0)
            most = int(braces.group(3)) if braces.group(3) else None
            bounds = (least, least if not braces.group(2) else most or _UNBOUNDED)
        if self.peek() in ("?", "+"):  # lazy or possessive: the same strings, tried otherwise
            self.at += 1
        return bounds
