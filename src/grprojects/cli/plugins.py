"""``grprojects plugins [--json]``: every plugin with its version, hooks, extensions, errors."""

from __future__ import annotations

import json
import warnings
from typing import Any

import click

from ..exitcodes import EXIT_INTERNAL
from ..plugins import PluginWarning, strict_from_environment
from ..runtime import Runtime, make_runtime
from .plugin_options import plugin_timeout_option


def plugin_listing(runtime: Runtime) -> list[dict[str, Any]]:
    """One JSON object per plugin, built-ins first, in the order they were registered."""
    runtime.resolve()
    extensions = runtime.extension_plugins
    listing = []
    for info in runtime.infos:
        provided = runtime.provided_by(info.name)
        listing.append(
            {
                "name": info.name,
                "distribution": info.distribution,
                "version": info.version,
                "builtin": info.builtin,
                "hooks": list(info.hooks),
                "checks": provided["checks"],
                "importers": provided["importers"],
                "exporters": provided["exporters"],
                "project_sections": provided["project_sections"],
                "extensions": [
                    {
                        "namespace": namespace,
                        "title": extensions[namespace][1].title,
                        "version": extensions[namespace][1].version,
                        "objects": sorted(extensions[namespace][1].schemas),
                    }
                    for namespace in provided["extensions"]
                ],
                "errors": list(info.errors),
            }
        )
    return listing


def _loaded(plugin_timeout: float | None) -> Runtime:
    """A lenient runtime with everything touched once, so every load error is on record."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PluginWarning)  # they are listed instead
        runtime = make_runtime(strict=False, plugin_timeout=plugin_timeout)
        runtime.resolve()
    return runtime


def _text(entry: dict[str, Any]) -> list[str]:
    origin = "built-in" if entry["builtin"] else (entry["distribution"] or "no distribution")
    lines = [f"{entry['name']} {entry['version'] or ''} ({origin})".replace("  ", " ")]
    lines.append(f"  hooks: {', '.join(entry['hooks']) or 'none'}")
    for what in ("checks", "importers", "exporters", "project_sections"):
        if entry[what]:
            lines.append(f"  {what.replace('_', ' ')}: {', '.join(entry[what])}")
    for extension in entry["extensions"]:
        lines.append(
            f"  extension {extension['namespace']} {extension['version']}: "
            f"{extension['title']} (on {', '.join(extension['objects'])})"
        )
    lines += [f"  error: {error}" for error in entry["errors"]]
    return lines


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print the listing as JSON.")
@click.option(
    "--strict",
    is_flag=True,
    help="Exit with 3 when a plugin failed to load (also GRPROJECTS_STRICT_PLUGINS=1).",
)
@plugin_timeout_option
@click.pass_context
def plugins(ctx: click.Context, as_json: bool, strict: bool, plugin_timeout: float | None) -> None:
    """List the plugins: version, hooks, what they provide and why any failed to load."""
    listing = plugin_listing(_loaded(plugin_timeout))
    if as_json:
        click.echo(json.dumps({"plugins": listing}, ensure_ascii=False, indent=2))
    else:
        for entry in listing:
            for line in _text(entry):
                click.echo(line)
    if (strict or strict_from_environment()) and any(e["errors"] for e in listing):
        ctx.exit(EXIT_INTERNAL)
