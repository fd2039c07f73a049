"""`python -m newsctl`, and the `newsctl` command (pyproject.toml's [project.scripts])."""

import sys


def main() -> None:
    """Run the command line. Ctrl-C at any moment exits with status 130 (128 + SIGINT, as
    shells report it: errors.ExitCode.INTERRUPTED) and no traceback: also while Python is
    still importing newsctl's modules and building its commands, before the command line's
    own handler is in place. Nothing is imported before the `try` but `sys`."""
    try:
        from newsctl.cli import main as run

        run()
    except KeyboardInterrupt:
        sys.exit(130)


if __name__ == "__main__":
    main()
