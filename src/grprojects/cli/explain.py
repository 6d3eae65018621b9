"""``grprojects explain CODE``: what a code means, why it matters, and how to mend it."""

from __future__ import annotations

import textwrap
from collections.abc import Mapping

import click

from ..reporting import EXIT_USAGE, rules
from ..reporting.rules import Rule, close_codes, under_prefix
from ..runtime import default_runtime
from .plugin_options import plugin_timeout_option, runtime_with

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


def listing(known: Mapping[str, Rule]) -> str:
    """One line per code: the code, its severity and its summary."""
    width = max(map(len, known))
    return "".join(
        f"{name:<{width}}  {rule.severity!s:<7}  {rule.summary}\n"
        for name, rule in sorted(known.items())
    )


@click.command()
@click.argument("code", required=False)
@plugin_timeout_option
@click.pass_context
def explain(ctx: click.Context, code: str | None, plugin_timeout: float | None) -> None:
    """Explain the check or problem CODE, with an example of each outcome.

    Without CODE, list every code with its one-line summary; with a dotted prefix
    (`period` or `period.`), list the codes under it.
    """
    known = rules(runtime_with(plugin_timeout) or default_runtime())
    if code is None:
        click.echo(listing(known), nl=False)
        return
    if code in known and not code.endswith("."):
        click.echo(explanation(known[code]), nl=False)
        return
    members = under_prefix(code, known)
    if members:
        click.echo(listing({name: known[name] for name in members}), nl=False)
        return
    close = close_codes(code, known)
    click.echo(f"grprojects explain: no code {code!r}.", err=True)
    if close:
        click.echo("Close codes:\n" + "".join(f"  {c}\n" for c in close), err=True, nl=False)
    click.echo("Run `grprojects explain` for the list of codes.", err=True)
    ctx.exit(EXIT_USAGE)
