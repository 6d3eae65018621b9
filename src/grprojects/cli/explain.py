"""``grprojects explain CODE``: what a code means, why it matters, and how to mend it."""

from __future__ import annotations

import textwrap

import click

from ..plugins import default_manager
from ..reporting import EXIT_USAGE, rules
from ..reporting.rules import Rule, close_codes, rule_for

WIDTH = 88


def explanation(rule: Rule) -> str:
    """The text ``explain`` prints for ``rule``."""
    origin = "" if rule.plugin == "grprojects" else f", from plugin {rule.plugin}"
    parts = [
        f"{rule.code} ({rule.severity}, {rule.category}{origin})",
        rule.summary,
        textwrap.fill(rule.explanation, WIDTH),
    ]
    for label, example in (
        ("Reported:", rule.failing_example),
        ("Accepted:", rule.passing_example),
    ):
        if example:
            parts.append(f"{label}\n{textwrap.indent(example, '    ')}")
    return "\n\n".join(parts) + "\n"


@click.command()
@click.argument("code", required=False)
@click.pass_context
def explain(ctx: click.Context, code: str | None) -> None:
    """Explain the check or problem CODE, with an example of each outcome.

    Without CODE, list every code with its one-line summary.
    """
    known = rules(default_manager())
    if code is None:
        width = max(map(len, known))
        for name, rule in sorted(known.items()):
            click.echo(f"{name:<{width}}  {rule.severity!s:<7}  {rule.summary}")
        return
    found = rule_for(code, known)
    if found is None:
        close = close_codes(code, known)
        click.echo(f"grprojects explain: no code {code!r}.", err=True)
        if close:
            click.echo("Close codes:\n" + "".join(f"  {c}\n" for c in close), err=True, nl=False)
        click.echo("Run `grprojects explain` for the list of codes.", err=True)
        ctx.exit(EXIT_USAGE)
    click.echo(explanation(found), nl=False)
