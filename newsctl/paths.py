"""Where the archive lives: --db PATH, else $NEWSCTL_DB, else the platform's data folder."""

import os
from pathlib import Path

ENV_VAR = "NEWSCTL_DB"


def default_archive_path() -> Path:
    """The per-user archive, e.g. ~/.local/share/newsctl/archive.db on Linux."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("newsctl", appauthor=False)) / "archive.db"


def resolve_archive_path(option: Path | None) -> Path:
    """Pick the archive path by precedence: option, environment, default."""
    if option is not None:
        return option.expanduser()
    from_env = os.environ.get(ENV_VAR, "").strip()
    if from_env:
        return Path(from_env).expanduser()
    return default_archive_path()
