"""`python -m newsctl`, and the `newsctl` command (pyproject.toml's [project.scripts])."""

import sys

from newsctl.errors import ExitCode


def main() -> None:
    """Run the command line. Ctrl-C at any moment exits with ExitCode.INTERRUPTED (130, as
    shells report SIGINT) and no traceback: also while Python is still importing newsctl's
    modules and building its commands, before the command line's own handler is in place."""
    try:
        from newsctl.cli import main as run

        run()
    except KeyboardInterrupt:
        sys.exit(ExitCode.INTERRUPTED)


if __name__ == "__main__":
    main()
