"""Shell completion: scripts for bash, zsh and fish, and values from a real archive,
completed by a real bash."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

NEWSCTL_BIN = Path(sys.executable).with_name("newsctl")

pytestmark = pytest.mark.skipif(
    not NEWSCTL_BIN.exists() or shutil.which("bash") is None,
    reason="needs the installed newsctl command and bash",
)


def complete(archive: Path, *words: str) -> list[str]:
    """What bash offers for the last word, with newsctl's completion script loaded."""
    script = (
        "source <(newsctl --show-completion bash)\n"
        f"COMP_WORDS=({' '.join(repr(word) for word in ('newsctl', *words))})\n"
        f"COMP_CWORD={len(words)}\n"
        "_newsctl_completion newsctl\n"
        'printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    env = {**os.environ, "PATH": f"{NEWSCTL_BIN.parent}:{os.environ['PATH']}",
           "NEWSCTL_DB": str(archive)}  # fmt: skip
    result = subprocess.run(["bash", "-c", script], env=env, capture_output=True, text=True,
                            timeout=60)  # fmt: skip
    assert result.returncode == 0, result.stderr
    return [line for line in result.stdout.splitlines() if line]


def test_scripts_for_each_shell():
    for shell, marker in (("bash", "complete_bash"), ("zsh", "compdef"), ("fish", "complete")):
        # Typer detects the shell it runs in; its test switch lets the shell be named.
        env = {**os.environ, "_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"}
        result = subprocess.run([str(NEWSCTL_BIN), "--show-completion", shell], env=env,
                                capture_output=True, text=True, timeout=60)  # fmt: skip
        assert result.returncode == 0 and marker in result.stdout, (shell, result.stderr)


def test_bash_completes_commands_and_the_archives_values(run, archive_path):
    run("add", "--title", "Harbour report", "-a", "Marta Olsen", "--tag", "harbour",
        "--category", "Local News")  # fmt: skip
    run("add", "--title", "Market report", "-a", "Mark Ode", "--tag", "markets")
    assert complete(archive_path, "li") == ["list"]
    assert complete(archive_path, "list", "--author", "Ma") == ["Marta Olsen", "Mark Ode"]
    assert complete(archive_path, "list", "--author", "Mart") == ["Marta Olsen"]
    # Any case: the typed start, then the rest of the name (the filters ignore case).
    assert complete(archive_path, "list", "--author", "mart") == ["marta Olsen"]
    assert complete(archive_path, "list", "--category", "lOC") == ["lOCal News"]
    assert complete(archive_path, "list", "--tag", "mar") == ["markets"]
    assert complete(archive_path, "list", "--category", "Lo") == ["Local News"]
    assert complete(archive_path, "show", "") == ["2", "1"]
    assert complete(archive_path, "authors", "Mar") == ["Marta Olsen", "Mark Ode"]
    assert complete(archive_path, "list", "--any-tag", "h") == ["harbour"]
    assert complete(archive_path, "list", "--not-tag", "mar") == ["markets"]
    assert complete(archive_path, "recent", "--format", "js") == ["json", "jsonl"]
    assert complete(archive_path, "authors", "rename", "Mark") == ["Mark Ode"]
    # bash passes the words as typed, quotes included
    assert complete(archive_path, "authors", "rename", '"Mark Ode"', "Mart") == ["Marta Olsen"]
    assert complete(archive_path, "authors", "merge", "Mar") == ["Marta Olsen", "Mark Ode"]
    assert complete(archive_path, "tags", "rename", "h") == ["harbour"]
    assert complete(archive_path, "categories", "rename", "Lo") == ["Local News"]
    run("delete", "1", "--yes")
    assert complete(archive_path, "restore", "") == ["1"]  # only what is in the trash


def test_completion_without_an_archive_offers_nothing_and_creates_nothing(tmp_path):
    missing = tmp_path / "none" / "archive.db"
    assert complete(missing, "list", "--author", "") == []
    assert not missing.parent.exists()


def test_completion_reads_the_archive_named_by_db_before_or_after_the_command(run, tmp_path):
    other = tmp_path / "other.db"
    run("--db", other, "add", "--title", "Elsewhere", "-a", "Zed Quinn")
    empty = tmp_path / "empty.db"
    assert complete(empty, "--db", str(other), "list", "--author", "Z") == ["Zed Quinn"]
    assert complete(empty, "list", "--db", str(other), "--author", "Z") == ["Zed Quinn"]
