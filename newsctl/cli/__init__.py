"""The command line. Each module registers its commands on the one Typer app."""

from newsctl.cli import add, browse, care, transfer  # noqa: F401  (registers the commands)
from newsctl.cli.app import app, main

__all__ = ["app", "main"]
