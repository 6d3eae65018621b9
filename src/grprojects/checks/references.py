"""Checks that every id a document cites names something the document has.

Organisations, projects and sources are listed once for the whole dataset; people,
documents, activities, target groups and sub-goals belong to one project and are
cited from within it. Which fields cite what comes from the model's ``reference``
metadata, so new citing fields are checked without changes here.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterator, Mapping

from ..diagnostics import Diagnostic, Severity, pointer_of
from ..model import Dataset, Project
from ..plugin_types import Check, CheckContext, CheckFunction
from ._walk import cited_ids, cited_in_projects, citing, per_dataset, project_of

DATASET_KINDS = {"organisation": "organisations", "project": "projects", "source": "sources"}
"""Kinds of object listed once for the whole dataset, with the key they are listed under."""


def project_ids(project: Project, kind: str) -> set[object]:
    """The ids (or sub-goal numbers) of ``kind`` that ``project`` has."""
    match kind:
        case "person":
            return {p.id for p in project.people}
        case "document":
            return {d.id for d in project.documents}
        case "activity":
            return {a.id for a in project.activities}
        case "group":
            return {g.id for g in (*project.target_groups, *project.beneficiaries)}
        case "goal":
            return {g.number for g in project.goals}
    raise KeyError(kind)


@per_dataset
def dataset_ids(dataset: Dataset) -> Mapping[str, set[object]]:
    """The ids of the dataset-wide kinds."""
    return {
        "organisation": {o.id for o in dataset.organisations},
        "project": {p.id for p in dataset.projects},
        "source": {s.id for s in dataset.sources},
    }


def _all_known_in_projects(dataset: Dataset, kind: str) -> bool:
    """Whether every ``kind`` id cited within a project is one the project has."""
    had = {(p, i) for p, project in enumerate(dataset.projects) for i in project_ids(project, kind)}
    unknown = cited_in_projects(dataset, kind) - had
    return all(p is None for p, _ in unknown)  # cited from outside any project: not this check's


def _hint(value: object, known: set[object]) -> str:
    """A suggestion for an id that names nothing: its normalised twin or a near miss."""
    if not isinstance(value, str):
        return ""
    names = [k for k in known if isinstance(k, str)]
    normal = unicodedata.normalize("NFC", value)
    same = [k for k in names if unicodedata.normalize("NFC", k) == normal]
    if same:
        return f" ({same[0]!r} is the same after Unicode normalisation; use one spelling)"
    close = difflib.get_close_matches(value, names, n=1, cutoff=0.75) or [
        k for k in names if k.casefold() == value.casefold()
    ]
    return f" (did you mean {close[0]!r}?)" if close else ""


def _resolver(kind: str, where: str) -> CheckFunction:
    code = f"reference.unknown-{kind}"
    what = "sub-goal" if kind == "goal" else kind

    def run(context: CheckContext) -> Iterator[Diagnostic]:
        dataset = context.dataset
        wide = dataset_ids(dataset)[kind] if kind in DATASET_KINDS else None
        if wide is not None and cited_ids(dataset, kind) <= wide:
            return  # every cited id is known: no need to find where each is cited
        if wide is None and _all_known_in_projects(dataset, kind):
            return
        per_project: dict[int, set[object]] = {}
        for group, name, is_list in citing(dataset, kind):
            for path, obj in group:
                value = getattr(obj, name)
                if value is None:
                    continue
                if wide is not None:
                    known = wide
                else:
                    p = project_of(path)
                    if p is None:
                        continue
                    if p not in per_project:
                        per_project[p] = project_ids(dataset.projects[p], kind)
                    known = per_project[p]
                for at, item in enumerate(value) if is_list else [(None, value)]:
                    if item not in known:
                        where_cited = (*path, name) if at is None else (*path, name, at)
                        message = f"no {what} {item!r} {where}" + _hint(item, known)
                        yield Diagnostic(code, message, pointer_of(where_cited))

    return run


def _a(kind: str) -> str:
    """``A sub-goal number``, ``An organisation id``: the thing cited, with its article."""
    what = "sub-goal number" if kind == "goal" else f"{kind} id"
    return f"{'An' if what[0] in 'aeiou' else 'A'} {what}"


def _check(kind: str, where: str, failing: str, passing: str, explanation: str) -> Check:
    listed = DATASET_KINDS.get(kind)
    return Check(
        code=f"reference.unknown-{kind}",
        severity=Severity.ERROR,
        category="references",
        summary=f"{_a(kind)} is cited that "
        f"{'the dataset' if listed else 'the project'} does not have.",
        explanation=explanation,
        failing_example=failing,
        passing_example=passing,
        run=_resolver(kind, where),
        needs_dataset=listed is not None,
    )


UNKNOWN_ORGANISATION = _check(
    "organisation",
    "in the dataset",
    '{"organisations": [{"id": "gr", …}], "projects": [{"participations": '
    '[{"organisation": "GR", "role": "owner"}]}]}',
    '{"organisations": [{"id": "gr", …}], "projects": [{"participations": '
    '[{"organisation": "gr", "role": "owner"}]}]}',
    "Organisations are listed once under `organisations` and cited by id wherever they "
    "appear: participations, funders, responsible organisations of sub-goals, providers "
    "and hosts of activities, parents, memberships, publishers. An id that matches none "
    "of them is usually a typo or an organisation that was never added. Ids are compared "
    "exactly: case and Unicode spelling matter.",
)
UNKNOWN_PROJECT = _check(
    "project",
    "in the dataset",
    '{"projects": [{"id": "foraldrastod", "links": [{"relation": "follows", '
    '"project": "plug-in"}]}]}',
    '{"projects": [{"id": "foraldrastod", "links": [{"relation": "follows", '
    '"title": {"sv": "Plug In"}}]}]}',
    "A link's `project` names another project of the same dataset. For a project "
    "described elsewhere, give its `title` and `url` instead of an id.",
)
UNKNOWN_SOURCE = _check(
    "source",
    "in the dataset",
    '{"sources": [{"id": "gr-2019", …}], "projects": [{"sources": ["gr-2016"]}]}',
    '{"sources": [{"id": "gr-2016", …}, {"id": "gr-2019", …}], '
    '"projects": [{"sources": ["gr-2016"]}]}',
    "Every claim cites the sources that state it by id; the sources themselves are "
    "listed once under `sources`, with their title, address and date. A cited id that "
    "is not listed leaves the claim without a traceable origin.",
)
UNKNOWN_PERSON = _check(
    "person",
    "in the project",
    '{"people": [{"id": "p1", "name": "…"}], "contacts": [{"person": "p2"}]}',
    '{"people": [{"id": "p1", "name": "…"}], "contacts": [{"person": "p1"}]}',
    "Contacts and quotes cite a person of the same project by id. People are listed "
    "once per project under `people`.",
)
UNKNOWN_DOCUMENT = _check(
    "document",
    "in the project",
    '{"documents": [{"id": "inbjudan-1", …}], "activities": [{"documents": ["inbjudan"]}]}',
    '{"documents": [{"id": "inbjudan-1", …}], "activities": [{"documents": ["inbjudan-1"]}]}',
    "An activity's `documents` cite documents of the same project by id: its "
    "invitation, its summary. The documents themselves are listed under the project's "
    "`documents`.",
)
UNKNOWN_ACTIVITY = _check(
    "activity",
    "in the project",
    '{"activities": [{"id": "kurs", …}, {"id": "kurs-lokal", "part_of": "kurser"}]}',
    '{"activities": [{"id": "kurs", …}, {"id": "kurs-lokal", "part_of": "kurs"}]}',
    "An activity's `part_of` names the activity of the same project it belongs to, "
    "such as the course series a local course group is part of.",
)
UNKNOWN_GROUP = _check(
    "group",
    "in the project",
    '{"target_groups": [{"id": "socialsekreterare", …}], "activities": [{"audience": '
    '["socionomer"]}]}',
    '{"target_groups": [{"id": "socialsekreterare", …}], "activities": [{"audience": '
    '["socialsekreterare"]}]}',
    "An activity's `audience` cites target groups or beneficiary groups of the same project by id.",
)
UNKNOWN_GOAL = _check(
    "goal",
    "in the project",
    '{"goals": [{"number": 1, …}, {"number": 2, …}], "activities": [{"goals": [3]}]}',
    '{"goals": [{"number": 1, …}, {"number": 2, …}], "activities": [{"goals": [2]}]}',
    "Activities, indicators, results and contacts cite the project's sub-goals (delmål) "
    "by number. A number the project has no sub-goal for usually means a sub-goal is "
    "missing or the activity belongs to another project.",
)

CHECKS = (
    UNKNOWN_ORGANISATION,
    UNKNOWN_PROJECT,
    UNKNOWN_SOURCE,
    UNKNOWN_PERSON,
    UNKNOWN_DOCUMENT,
    UNKNOWN_ACTIVITY,
    UNKNOWN_GROUP,
    UNKNOWN_GOAL,
)
