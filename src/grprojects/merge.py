"""Merging datasets that describe the same projects: one object per identifier, every claim kept.

The same project arrives from a project bank, from Kohesio and from a municipality's
own file, each citing its own sources. :func:`merge` joins such datasets and says,
decision by decision, what it took for the same thing and why:

- sources are the same when they are the same kind of source with the same URL and
  title; the others are added, renamed when their id is taken;
- organisations are the same when they share an identifier (an organisationsnummer,
  written in any of its forms, a kommunkod) and neither is part of another, or when
  they have the same id, no identifier that differs and a name in common;
- projects are the same when they share an identifier (an *ärendenummer*) from the
  same issuer, or have the same id, no identifier that differs and a name in common;
- an object with a taken id that is not the same is renamed (``gr`` → ``gr-2``) and
  every reference to it rewritten; one added as new that has a name in common with one
  already there is told *alike*, since only an identifier or id makes two one;
- of two objects taken for one, every claim is kept with its own sources: claims that
  say the same (a period, a funding, an identifier) become one claim citing both
  inputs' sources, claims that differ stand side by side; a project's activities,
  people and sub-goals are one when they are the same but for their sources, and
  kept apart under a new id (a sub-goal under a new number) otherwise;
- where a field holds one value and the inputs give two, the first input's is kept
  and the disagreement reported; a name, description or summary given otherwise is
  kept as a cited other name, description or purpose as well.

The walk reads the field table (:func:`~grprojects.model.fields.fields_of`): which
fields cite sources, organisations or a project's own objects, and which objects are
keyed, so a field added to the model is merged without a change here. The report
never quotes personal data (:mod:`grprojects.masking`).
"""

from __future__ import annotations

import enum
import functools
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any, Final, TypeVar, cast

import attrs

from .checks.references import DATASET_KINDS
from .diagnostics import pointer_of
from .errors import OrganisationNumberError
from .formats._tree import record_kinds, reference_name
from .lookups import normalise_orgnr
from .masking import is_personal, masked, shown
from .model import (
    SCHEMA_VERSIONS,
    Dataset,
    Organisation,
    PartialDate,
    Project,
    Source,
    Statement,
    Text,
)
from .model.fields import FieldInfo, Model, Shape, field_of, fields_of

__all__ = ["Action", "Decision", "Merged", "merge"]

T = TypeVar("T")
M = TypeVar("M", bound=Model)
Path = tuple[str | int, ...]
Mapping_ = dict[str, dict[Any, Any]]
"""Kind of object (``organisation``, ``group``) → old id (or number) → new one."""


class Action(enum.StrEnum):
    """What the merge did with an object or value of a later input."""

    MATCHED = "matched"
    """Taken for an object the result already holds: one object stands for both."""
    RENAMED = "renamed"
    """Kept apart under a new id (or number), every reference to it rewritten."""
    DISAGREED = "disagreed"
    """Both state a value where one fits: the earlier input's is kept."""
    ALIKE = "alike"
    """Kept apart though it has a name in common with one of the result: no identifier
    or id says they are one (give them one, and merge again, if they are)."""


@attrs.frozen
class Decision:
    """One decision of a merge: what of an input it concerns, what was done and why."""

    action: Action
    kind: str
    """What sort of object: ``organisation``, ``project``, ``source``, ``activity`` …"""
    input: int
    """The input the object comes from, counted from 1 in the order given."""
    pointer: str
    """Where it is in that input (a JSON Pointer)."""
    result: str
    """Where it is, or what it was merged into, in the result."""
    reason: str
    """Why, in words: the identifier, the clash, the two values (personal ones masked)."""

    def __str__(self) -> str:
        where = f"input {self.input} {self.pointer or '/'} → {self.result or '/'}"
        return f"{self.action.value} {self.kind}, {where}: {self.reason}"


@attrs.frozen
class Merged:
    """What :func:`merge` made: the dataset and every decision taken on the way."""

    dataset: Dataset
    decisions: tuple[Decision, ...]

    def count(self, action: Action, kind: str | None = None) -> int:
        """How many decisions of ``action`` (about ``kind`` objects) were taken."""
        return sum(1 for d in self.decisions if d.action is action and kind in (None, d.kind))


def merge(datasets: Sequence[Dataset]) -> Merged:
    """Join ``datasets`` into one, each later one merged into what the earlier ones made.

    The first dataset's title, publisher and other metadata are kept; the result has
    the newest schema version among the inputs. The same inputs in the same order
    always give the same result, and a dataset merged with itself is itself.
    """
    if not datasets:
        raise ValueError("merge needs at least one dataset")
    result, decisions = datasets[0], []
    for number, incoming in enumerate(datasets[1:], start=2):
        step = _Step(number)
        result = step.merge(result, incoming)
        decisions.extend(step.decisions)
    return Merged(result, tuple(decisions))


# -- the field table, read once per class ------------------------------------------------

DATASET_ORDER: Final = ("source", "organisation", "project")
"""The kinds of object the whole dataset lists, in the order they are matched: sources are
cited by organisations, organisations by projects."""

PUBLICATION: Final = frozenset(
    {"version", "title", "publisher", "id", "published", "license", "personal_data_removed"}
)
"""The dataset's own description: the first input's, not claims to weigh (the version is
the newest, personal data removed if removed from any)."""

CITED_FORMS: Final = {"name": "other_names", "description": "descriptions", "summary": "purposes"}
"""A field of one value → the list of cited statements where another input's value is
kept too (a project's second name is one of its other names)."""


@functools.cache
def _keys() -> Mapping[type, str]:
    """Each keyed class (an id, a sub-goal's number) → its key field."""
    return {kind.cls: kind.key for kind in record_kinds() if kind.key is not None}


def _citing(cls: type) -> tuple[FieldInfo, ...]:
    """The fields of ``cls`` that cite or hold further objects: what a rewrite visits."""
    return _citing_table(cls)  # through a typed function: mypy takes a class for unhashable


@functools.cache
def _citing_table(cls: type) -> tuple[FieldInfo, ...]:
    return tuple(f for f in fields_of(cls) if f.reference is not None or f.is_model)


def _is_citation(field: FieldInfo) -> bool:
    return field.reference == "source"


def _bare(value: Any) -> Any:
    """A hashable form of ``value`` without its source citations.

    Two claims whose bare forms are equal say the same thing, perhaps on the word of
    different sources, and are one claim citing both.
    """
    cls = value.__class__
    if cls in _LEAVES:
        return value
    if isinstance(value, Model):
        return (cls, tuple([_bare(getattr(value, name)) for name in _uncited(cls)]))
    if isinstance(value, list | tuple):
        return tuple([_bare(item) for item in value])
    if isinstance(value, Mapping):
        return tuple(sorted((key, _bare(item)) for key, item in value.items()))
    return value


_LEAVES: Final = frozenset({str, int, bool, Decimal, type(None), PartialDate})
"""Classes whose values are their own bare form (a fast way past the common case)."""


def _uncited(cls: type) -> tuple[str, ...]:
    """The names of the fields of ``cls`` that are not source citations."""
    return _uncited_table(cls)  # through a typed function: mypy takes a class for unhashable


@functools.cache
def _uncited_table(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields_of(cls) if not _is_citation(f))


def _union(first: Iterable[T], second: Iterable[T]) -> list[T]:
    """``first`` and then what of ``second`` it lacks, in order."""
    return list(dict.fromkeys([*first, *second]))


def _cite_both(a: T, b: T) -> T:
    """``a`` citing ``b``'s sources as well: the two are one claim (their bare forms agree)."""
    if not isinstance(a, Model):
        return a
    changes: dict[str, Any] = {}
    for field in _citing(type(a)):
        mine, theirs = getattr(a, field.name), getattr(b, field.name)
        if _is_citation(field) and field.is_list:
            value: Any = _union(mine, theirs)
            if value != list(mine):
                changes[field.name] = value
        elif field.is_model and field.is_list:
            value = [_cite_both(x, y) for x, y in zip(mine, theirs, strict=True)]
            if any(x is not y for x, y in zip(value, mine, strict=True)):
                changes[field.name] = value
        elif field.is_model and mine is not None:
            value = _cite_both(mine, theirs)
            if value is not mine:
                changes[field.name] = value
    return a.evolve(**changes) if changes else a


def _rewrite(value: T, mapping: Mapping_) -> T:
    """``value`` with every reference that ``mapping`` renames rewritten."""
    if not isinstance(value, Model):
        return value
    changes: dict[str, Any] = {}
    for field in _citing(type(value)):
        old = getattr(value, field.name)
        if field.reference is not None:
            table = mapping.get(field.reference)
            if not table:
                continue
            if field.is_list:
                new: Any = [table.get(item, item) for item in old]
                new = list(dict.fromkeys(new)) if field.unique else new
                changed = new != list(old)
            else:
                new = table.get(old, old)
                changed = new != old
        elif field.is_list:
            new = [_rewrite(item, mapping) for item in old]
            changed = any(x is not y for x, y in zip(new, old, strict=True))
        else:
            new = None if old is None else _rewrite(old, mapping)
            changed = new is not old
        if changed:
            changes[field.name] = new
    return value.evolve(**changes) if changes else value


def _fresh(old: Any, taken: set[Any]) -> Any:
    """A key like ``old`` that nothing has taken: the next number, or ``old-2``, ``old-3`` …"""
    if isinstance(old, int):
        new: Any = max(taken, default=0) + 1
    else:
        number = 2
        while (new := f"{old[:90]}-{number}") in taken:
            number += 1
    taken.add(new)
    return new


def _normal(scheme: str, value: str) -> str:
    """An identifier as compared: an organisationsnummer in its one written form."""
    if scheme == "se-orgnr":
        try:
            return normalise_orgnr(value)
        except OrganisationNumberError:
            return value
    return value.strip()


def _told(scheme: str, value: str) -> str:
    """An identifier as the report shows it: an organisationsnummer that is none (a sole
    trader's personnummer, say) masked, since it may be a person's."""
    if scheme != "se-orgnr":
        return value
    try:
        return normalise_orgnr(value)
    except OrganisationNumberError:
        return masked(value)


def _identifiers(obj: Organisation | Project) -> list[tuple[str, str, str | None]]:
    """``obj``'s identifiers as (scheme, value as compared, issuer)."""
    return [(i.scheme, _normal(i.scheme, i.value), i.issuer) for i in obj.identifiers]


def _differing(a: Organisation | Project, b: Organisation | Project) -> str | None:
    """An identifier scheme (and issuer) both state with no value in common, as words."""
    ours, theirs = _identifiers(a), _identifiers(b)
    for scheme, value, issuer in theirs:
        same_scheme = [
            v for s, v, i in ours if s == scheme and (i == issuer or None in (i, issuer))
        ]
        if same_scheme and value not in same_scheme:
            return f"{scheme} {_told(scheme, same_scheme[0])} and {_told(scheme, value)}"
    return None


def _names(obj: Organisation | Project) -> set[str]:
    texts = [obj.name, *(s.text for s in obj.other_names)]
    if isinstance(obj, Organisation):
        texts.extend(obj.alternative_names)
    return {" ".join(t.sv.casefold().split()) for t in texts}


def _shown(value: Any, path: Path) -> str:
    """How the report quotes a value at ``path``: briefly, and masked when personal."""
    if isinstance(value, Text):
        value = value.sv
    elif isinstance(value, Model | list | tuple | dict):
        value = str(_bare(value))
    value = value if isinstance(value, str) else str(value)
    if len(value) > 60:
        value = value[:57] + "…"
    return shown(value, personal=is_personal([str(part) for part in path]))


def _stated(value: Any) -> bool:
    return value is not None and value != [] and value != () and value != {}


# -- one step: a later input merged into what the earlier ones made ----------------------


class _Step:
    """Merging input number ``number`` into the result of the inputs before it."""

    def __init__(self, number: int) -> None:
        self.number = number
        self.decisions: list[Decision] = []
        self.earlier = "input 1" if number == 2 else f"inputs 1–{number - 1}"
        self.bares: dict[int, tuple[Any, Any]] = {}
        """Object id → (the object, kept alive so its id is not reused; its bare form)."""

    def bare(self, value: Any) -> Any:
        """:func:`_bare`, remembered for the step: a project's items are compared when
        their ids clash and again when their lists are joined."""
        known = self.bares.get(id(value))
        if known is None:
            known = self.bares[id(value)] = (value, _bare(value))
        return known[1]

    def decide(self, action: Action, kind: str, there: Path, here: Path, reason: str) -> None:
        self.decisions.append(
            Decision(action, kind, self.number, pointer_of(there), pointer_of(here), reason)
        )

    # The dataset's lists: match, rename, rewrite, combine.

    def merge(self, base: Dataset, incoming: Dataset) -> Dataset:
        mapping: Mapping_ = {}
        plans: dict[str, list[tuple[int | None, Any]]] = {}
        for kind in DATASET_ORDER:  # each kind matched with the kinds it cites renamed
            name = DATASET_KINDS[kind]
            theirs = [_rewrite(item, mapping) for item in getattr(incoming, name)]
            mapping[kind], plans[name] = self.match(kind, list(getattr(base, name)), theirs)
        lists: dict[str, list[Any]] = {}
        for name, plan in plans.items():
            ours: list[Any] = list(getattr(base, name))
            for position, (target, new_id) in enumerate(plan):
                item = _rewrite(getattr(incoming, name)[position], mapping)
                if target is None:
                    ours.append(item if new_id is None else item.evolve(id=new_id))
                else:
                    here: Path = (name, target)
                    ours[target] = self.combine(ours[target], item, here, (name, position))
            lists[name] = ours
        empty: dict[str, list[Any]] = {name: [] for name in lists}
        rest = _rewrite(incoming.evolve(**empty), mapping)  # its publisher, its extensions
        combined = self.combine(base.evolve(**empty), rest, (), (), keep=PUBLICATION)
        return combined.evolve(
            version=max(base.version, incoming.version, key=SCHEMA_VERSIONS.index),
            personal_data_removed=base.personal_data_removed or incoming.personal_data_removed,
            **lists,
        )

    def match(
        self, kind: str, ours: list[Any], theirs: list[Any]
    ) -> tuple[dict[Any, Any], list[tuple[int | None, Any]]]:
        """Which of ``theirs`` are which of ``ours``: the renaming of their ids, and for each
        the position of its match (``None``: none) and its new id (``None``: its own)."""
        name = f"{kind}s"
        by_id = {item.id: index for index, item in reversed(list(enumerate(ours)))}
        taken = set(by_id) | {item.id for item in theirs}
        candidates = self.index(ours)
        named: dict[str, list[int]] = defaultdict(list)
        for index, ourselves in enumerate(ours):
            if not isinstance(ourselves, Source):
                for text in _names(ourselves):
                    named[text].append(index)
        table: dict[Any, Any] = {}
        plan: list[tuple[int | None, Any]] = []
        added = len(ours)
        for position, item in enumerate(theirs):
            there: Path = (name, position)
            target, why = self.find(item, ours, by_id, candidates)
            new_id = None
            if target is not None:
                table[item.id] = ours[target].id
                self.decide(Action.MATCHED, kind, there, (name, target), why)
            else:
                if item.id in by_id:
                    new_id = table[item.id] = _fresh(item.id, taken)
                    self.decide(
                        Action.RENAMED, kind, there, (name, added),
                        f"{item.id!r} is now {new_id!r}: {why}",
                    )  # fmt: skip
                elif not isinstance(item, Source):
                    self.tell_alike(kind, item, ours, named, there, (name, added))
                added += 1
            plan.append((target, new_id))
        return table, plan

    def tell_alike(
        self,
        kind: str,
        item: Organisation | Project,
        ours: list[Any],
        named: Mapping[str, list[int]],
        there: Path,
        here: Path,
    ) -> None:
        """Say so when ``item``, added as new, has a name in common with one of ours."""
        alike = sorted({i for text in _names(item) for i in named.get(text, [])})
        if alike:
            other = ours[alike[0]]
            self.decide(
                Action.ALIKE, kind, there, here,
                f"{item.id!r} kept apart from {other.id!r} ({pointer_of((here[0], alike[0]))}), "
                "which has a "
                f"name in common: no identifier or id says they are one",
            )  # fmt: skip

    def index(self, ours: list[Any]) -> dict[Any, list[int]]:
        """Our objects by what identifies them: a source's kind, URL and title, another's
        identifiers."""
        found: dict[Any, list[int]] = defaultdict(list)
        for index, item in enumerate(ours):
            if isinstance(item, Source):
                found[_source_identity(item)].append(index)
            else:
                for scheme, value, _ in _identifiers(item):
                    found[scheme, value].append(index)
        return found

    def find(
        self,
        item: Any,
        ours: list[Any],
        by_id: Mapping[str, int],
        candidates: Mapping[Any, list[int]],
    ) -> tuple[int | None, str]:
        """The position of the object of ours that ``item`` is, and why; or ``None`` and
        why not (empty when its id is free)."""
        if isinstance(item, Source):
            found = candidates.get(_source_identity(item), [])
            same = [i for i in found if ours[i].id == item.id] or found
            if same:
                return same[0], f"the same {item.kind} source: same URL and title"
            return None, "the same id names another source (URL, title or kind differ)"
        for scheme, value, issuer in _identifiers(item):
            found = [
                i
                for i in candidates.get((scheme, value), [])
                if self.same_by_identifier(ours[i], item, scheme, value, issuer)
            ]
            same = [i for i in found if ours[i].id == item.id] or found
            if same:
                issued = f" issued by {issuer!r}" if issuer else ""
                return same[0], f"the same {scheme} {_told(scheme, value)}{issued}"
        if item.id not in by_id:
            return None, ""
        other = ours[by_id[item.id]]
        differing = _differing(other, item)
        if differing is not None:
            return None, f"the same id, but the identifiers differ ({differing})"
        if not _names(other) & _names(item):
            return None, "the same id, but no name in common"
        return by_id[item.id], "the same id, a name in common and no identifier that differs"

    @staticmethod
    def same_by_identifier(ours: Any, theirs: Any, scheme: str, value: str, issuer: Any) -> bool:
        """Whether a shared identifier makes ``ours`` and ``theirs`` one: issued by the same
        body, no other identifier differing, and (organisations) neither part of another,
        since a unit shares its municipality's organisationsnummer."""
        issuers = {i for s, v, i in _identifiers(ours) if (s, v) == (scheme, value)}
        if issuer is not None and None not in issuers and issuer not in issuers:
            return False
        if _differing(ours, theirs) is not None:
            return False
        return not isinstance(ours, Organisation) or (ours.parent is None) == (
            theirs.parent is None
        )

    # Two objects taken for one.

    def combine(self, a: M, b: M, here: Path, there: Path, keep: frozenset[str] = frozenset()) -> M:
        """``a`` and ``b`` as one object: every claim of both, ``a``'s value where one fits
        (and in the fields ``keep`` names, without a word)."""
        if isinstance(a, Project) and isinstance(b, Project):
            b = cast(M, self.apart(a, b, here, there))
        changes: dict[str, Any] = {}
        cited: dict[str, Any] = {}
        key = _keys().get(type(a))
        for field in fields_of(type(a)):
            if field.name == key or field.name in keep:
                continue  # matched, whatever the id: a's id stands, references follow it
            mine, theirs = getattr(a, field.name), getattr(b, field.name)
            at, of = (*here, field.name), (*there, field.name)
            if field.is_list:
                value: Any = self.combine_lists(field, mine, theirs)
            elif field.shape is Shape.JSON:
                value = self.combine_json(mine, theirs, at)
            else:
                value = self.combine_value(mine, theirs, at, of, field)
                if value is mine and _stated(theirs) and _bare(theirs) != _bare(mine):
                    cited[field.name] = theirs
            if value is not mine and value != mine:
                changes[field.name] = value
        for name, text in cited.items():
            into = CITED_FORMS.get(name)
            if into in _field_names(type(a)) and isinstance(text, Text):
                sources = list(getattr(b, "sources", []))
                statement = Statement(text=text, sources=sources)
                current = changes.get(into, getattr(a, into))
                changes[into] = self.combine_lists(field_of(type(a), into), current, [statement])
        combined = a.evolve(**changes) if changes else a
        return self.settle_absences(a, b, combined, here, there)

    def combine_lists(
        self, field: FieldInfo, mine: Sequence[Any], theirs: Sequence[Any]
    ) -> list[Any]:
        """Both lists as one: the items that are the same but for their sources once, citing
        both, the others side by side (a keyed item of the same key as another but not the
        same was renamed by :meth:`apart` before)."""
        result = list(mine)
        unused: dict[Any, list[int]] = defaultdict(list)
        for index, item in enumerate(result):
            unused[self.bare(item)].append(index)
        for item in theirs:
            free = unused.get(self.bare(item))
            if free:
                index = free.pop(0)  # one to one, so a list merged with itself stays itself
                result[index] = _cite_both(result[index], item)
            else:
                result.append(item)
        key = _keys().get(field.item)
        if key is not None and len(result) > len(mine):
            numbers = [getattr(item, key) for item in result]
            if all(isinstance(number, int) for number in numbers):
                result.sort(key=lambda item: getattr(item, key))  # sub-goals in number order
        return result

    def combine_json(
        self, mine: Mapping[str, Any], theirs: Mapping[str, Any], at: Path
    ) -> dict[str, Any]:
        """Extension data of both: each key once, the earlier input's value where both differ."""
        result = dict(mine)
        for key, value in theirs.items():
            if key not in result:
                result[key] = value
            elif result[key] != value:
                self.decide(
                    Action.DISAGREED, "extension", (*at, key), (*at, key),
                    f"{self.earlier} and input {self.number} hold different data for "
                    f"{key!r}; kept {self.earlier}'s",
                )  # fmt: skip
        return result

    def combine_value(self, mine: Any, theirs: Any, at: Path, of: Path, field: FieldInfo) -> Any:
        """One value for a field of one value: ``mine``, ``theirs`` where ``mine`` is not
        stated, a text with both's translations, or ``mine`` with the disagreement reported."""
        if not _stated(theirs) or _bare(mine) == _bare(theirs):
            return mine
        if not _stated(mine):
            return theirs
        if isinstance(mine, Text) and isinstance(theirs, Text) and mine.sv == theirs.sv:
            both = {**theirs.translations, **mine.translations}
            if all(both[k] == v for k, v in theirs.translations.items()):
                return mine.evolve(translations=both)
        alternative = CITED_FORMS.get(field.name) in _field_names(field.owner)
        kept = "; kept as a cited alternative as well" if alternative else ""
        self.decide(
            Action.DISAGREED, field.owner.__name__.lower(), of, at,
            f"{field.name}: {self.earlier} says {_shown(mine, at)}, input {self.number} says "
            f"{_shown(theirs, of)}; kept {self.earlier}'s{kept}",
        )  # fmt: skip
        return mine

    def settle_absences(self, a: M, b: M, combined: M, here: Path, there: Path) -> M:
        """Drop entries of ``missing`` for fields the other input states, and say so."""
        missing = getattr(combined, "missing", None)
        if not missing:
            return combined
        earlier = list(getattr(a, "missing", ()))
        kept = []
        for absence in missing:
            value = getattr(combined, absence.field, None)
            if not _stated(value) or (absence in earlier and _stated(getattr(a, absence.field))):
                kept.append(absence)  # what the input said itself, a check's to judge
                continue
            said = self.earlier if absence in earlier else f"input {self.number}"
            self.decide(
                Action.DISAGREED, type(a).__name__.lower(), (*there, absence.field),
                (*here, absence.field),
                f"{absence.field}: {said} states it is missing ({absence.reason}), the other "
                "gives a value; kept the value",
            )  # fmt: skip
        if len(kept) == len(missing):
            return combined
        return combined.evolve(missing=kept)

    def apart(self, a: Project, b: Project, here: Path, there: Path) -> Project:
        """``b`` with its activities, people, groups, sub-goals … renamed where ``a`` has one
        of the same id (or number) that is not the same but for its sources."""
        mapping: Mapping_ = {}
        renamed: dict[tuple[str, int], Any] = {}
        scopes: dict[type, list[FieldInfo]] = defaultdict(list)
        for field in fields_of(Project):
            if field.is_list and field.is_model and field.item in _keys():
                scopes[field.item].append(field)
        for cls, fields in scopes.items():
            key = _keys()[cls]
            ours = {getattr(x, key): x for f in fields for x in getattr(a, f.name)}
            taken = set(ours) | {getattr(x, key) for f in fields for x in getattr(b, f.name)}
            for field in fields:
                for position, item in enumerate(getattr(b, field.name)):
                    old = getattr(item, key)
                    if old not in ours or self.bare(ours[old]) == self.bare(item):
                        continue
                    new = _fresh(old, taken)
                    mapping.setdefault(reference_name(cls), {})[old] = new
                    renamed[field.name, position] = new
                    shown_old = _shown(old, (*there, field.name))
                    shown_new = _shown(new, (*there, field.name))
                    self.decide(
                        Action.RENAMED, reference_name(cls), (*there, field.name, position),
                        here,
                        f"{shown_old} is now {shown_new}: the same "
                        f"{key} as another in the project it is merged into, but not the same",
                    )  # fmt: skip
        if not renamed:
            return b
        b = _rewrite(b, mapping)
        changes = {}
        for field in {f for fields in scopes.values() for f in fields}:
            items = list(getattr(b, field.name))
            if any((field.name, i) in renamed for i in range(len(items))):
                key = _keys()[field.item]
                changes[field.name] = [
                    item.evolve(**{key: renamed[field.name, i]})
                    if (field.name, i) in renamed
                    else item
                    for i, item in enumerate(items)
                ]
        return b.evolve(**changes)


def _field_names(cls: type) -> frozenset[str]:
    return frozenset(f.name for f in fields_of(cls))


def _source_identity(source: Source) -> tuple[Any, ...]:
    return (source.kind, source.url, _bare(source.title))
