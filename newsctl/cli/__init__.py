"""The command line. Each module registers its commands on the one Typer app."""

from newsctl.cli import add, browse, care, curate, labels, transfer  # noqa: F401 (registers them)
from newsctl.cli.app import app, main

__all__ = ["app", "main"]
