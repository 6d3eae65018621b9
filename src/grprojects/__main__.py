"""``python -m grprojects`` runs the command line."""

from .cli import run

run()
