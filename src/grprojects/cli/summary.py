"""``grprojects summary PATH``: read a dataset (any format ``convert`` reads), say what it holds."""

from __future__ import annotations

from pathlib import Path

import click

from ..diagnostics import printable
from ..errors import GrprojectsError
from ..exitcodes import EXIT_INVALID, EXIT_USAGE
from ..model import Dataset, PartialDate
from .accounts import incomplete, read_told
from .plugin_options import plugin_timeout_option, runtime_with


def _label(date: PartialDate | None) -> str:
    return date.label() if date else "?"


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


def describe(dataset: Dataset) -> list[str]:
    """A few lines a person can read: counts, then each project in brief.

    Every line is :func:`~grprojects.diagnostics.printable`: text from the data cannot
    move the cursor, recolour the terminal or start a line of its own.
    """
    lines = [
        f"{dataset.title}: {_count(len(dataset.organisations), 'organisation', 'organisations')}, "
        f"{_count(len(dataset.projects), 'project', 'projects')}, "
        f"{_count(len(dataset.sources), 'source', 'sources')}"
    ]
    names = {o.id: str(o.name) for o in reversed(dataset.organisations)}  # the first of an id
    for project in dataset.projects:
        owners = (
            ", ".join(
                names.get(o, f"{o!r}, not among the organisations")
                for o in project.organisations_in("owner")
            )
            or "owner not stated"
        )
        periods = "; ".join(
            f"{p.status} {_label(p.start)} – {_label(p.end)}" for p in project.periods
        )
        lines.append(f"- {project.name} ({owners}; {periods or 'no period'})")
        counts = [
            _count(len(project.goals), "sub-goal", "sub-goals"),
            _count(len(project.activities), "activity", "activities"),
            _count(len(project.participations), "participation", "participations"),
            _count(len(project.funding), "funding statement", "funding statements"),
            _count(len(project.documents), "document", "documents"),
        ]
        lines.append(f"  {', '.join(counts)}")
        dated = [
            (_label(a.period.start) if a.period and a.period.start else "undated", a.title)
            for a in project.activities_by_date()
        ]
        width = max((len(label) for label, _ in dated), default=0)
        lines += [f"    {label:>{width}}  {title}" for label, title in dated]
    return [printable(line) for line in lines]


@click.command()
@click.argument(
    "path", type=click.Path(exists=True, dir_okay=False, allow_dash=True, path_type=Path)
)
@click.option(
    "--from",
    "from_format",
    metavar="FORMAT",
    help="The format of PATH, when its name or content does not tell (- for standard input).",
)
@plugin_timeout_option
@click.pass_context
def summary(
    ctx: click.Context, path: Path, from_format: str | None, plugin_timeout: float | None
) -> None:
    """Read the dataset at PATH (JSON, XLSX, CSV zip …; - is standard input), check it and
    summarise it.

    An importer's warnings and refused records, and its tally, are told on standard
    error; the summary is of the records kept, and refused records make the exit code 1.
    """
    from ..formats import FormatError  # the formats and their plugins, when run

    try:
        runtime = runtime_with(plugin_timeout)
        imported = read_told("summary", path, format_name=from_format, runtime=runtime)
    except FormatError as error:
        click.echo(f"grprojects summary: {error}", err=True)
        ctx.exit(EXIT_USAGE)
    except GrprojectsError as error:
        click.echo(str(error), err=True)
        ctx.exit(EXIT_INVALID)
    dataset: Dataset = imported.dataset
    for line in describe(dataset):
        click.echo(line)
    if incomplete(imported):
        ctx.exit(EXIT_INVALID)
