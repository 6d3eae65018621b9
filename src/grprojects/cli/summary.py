"""``grprojects summary PATH``: read a dataset (any format ``convert`` reads), say what it holds."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import GrprojectsError
from ..model import Dataset, PartialDate


def _label(date: PartialDate | None) -> str:
    return date.label() if date else "?"


def describe(dataset: Dataset) -> list[str]:
    """A few lines a person can read: counts, then each project in brief."""
    lines = [
        f"{dataset.title}: {len(dataset.organisations)} organisations, "
        f"{len(dataset.projects)} projects, {len(dataset.sources)} sources"
    ]
    for project in dataset.projects:
        owners = (
            ", ".join(str(dataset.organisation(o).name) for o in project.organisations_in("owner"))
            or "owner not stated"
        )
        periods = "; ".join(
            f"{p.status} {_label(p.start)} – {_label(p.end)}" for p in project.periods
        )
        lines.append(f"- {project.name} ({owners}; {periods or 'no period'})")
        lines.append(
            f"  {len(project.goals)} sub-goals, {len(project.activities)} activities, "
            f"{len(project.participations)} participations, {len(project.funding)} funding "
            f"statements, {len(project.documents)} documents"
        )
        for activity in project.activities_by_date():
            start = activity.period.start if activity.period else None
            lines.append(f"    {_label(start) if start else 'undated':>16}  {activity.title}")
    return lines


@click.command()
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.pass_context
def summary(ctx: click.Context, path: Path) -> None:
    """Read the dataset at PATH (JSON, XLSX, CSV zip …), check it and summarise it."""
    from ..formats import read_dataset  # the formats and their plugins, only when run

    try:
        dataset: Dataset = read_dataset(path)
    except GrprojectsError as error:
        click.echo(str(error), err=True)
        ctx.exit(1)
    for line in describe(dataset):
        click.echo(line)
