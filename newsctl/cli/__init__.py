"""The command line. Each module registers its commands on the one Typer app."""

from newsctl.cli import (  # noqa: F401 (registers them)
    add,
    browse,
    care,
    curate,
    feeds,
    labels,
    serve,
    transfer,
)
from newsctl.cli.app import app, main

__all__ = ["app", "main"]
