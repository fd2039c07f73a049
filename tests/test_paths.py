"""Where the archive lives: --db, then $NEWSCTL_DB, then the platform's data folder."""

import json

from tests.conftest import rows


def test_db_option_beats_environment(run, tmp_path, archive_path):
    chosen = tmp_path / "elsewhere" / "chosen.db"
    run("--db", chosen, "add", "--title", "Into the chosen file")
    assert chosen.exists() and not archive_path.exists()
    assert (
        json.loads(run("--db", chosen, "list", "--json").stdout)[0]["title"]
        == "Into the chosen file"
    )


def test_environment_variable_is_used(run, db):
    run("add", "--title", "Into NEWSCTL_DB")
    assert rows(db(), "SELECT title FROM articles") == [{"title": "Into NEWSCTL_DB"}]


def test_default_is_the_platform_data_folder(run, tmp_path, monkeypatch):
    monkeypatch.delenv("NEWSCTL_DB")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    run("add", "--title", "Into the default archive")
    assert (tmp_path / "xdg" / "newsctl" / "archive.db").exists()


def test_version_and_help(run):
    from newsctl import __version__

    assert run("--version").stdout.strip() == f"newsctl {__version__}"
    help_text = run("--help").stdout
    for command in ("add", "list", "search", "show", "recent", "authors"):
        assert command in help_text


def test_every_command_has_help_with_an_example(run):
    import typer.main

    from newsctl.cli import app

    commands = typer.main.get_command(app).commands
    assert {"add", "list", "search", "show", "recent", "authors", "import", "export", "check",
            "backup", "edit", "delete", "trash", "restore", "purge", "history", "diff", "open",
            "tags", "categories", "stats"} <= set(commands)  # fmt: skip
    for name, command in commands.items():
        out = run(name, "--help").stdout
        assert "Usage" in out and "Example" in out, name
        for sub in getattr(command, "commands", {}):  # a group's commands, hidden ones too
            out = run(name, sub, "--help").stdout
            assert "Usage" in out and "Example" in out, f"{name} {sub}"


def test_archive_in_a_folder_path_is_refused(run, tmp_path, monkeypatch):
    result = run("--db", tmp_path, "list", expect=2)
    assert "is a directory" in result.stderr and result.stderr.count("\n") == 1
    monkeypatch.setenv("NEWSCTL_DB", str(tmp_path))
    result = run("list", expect=4)
    assert "is a folder" in result.stderr and result.stderr.count("\n") == 1


def test_help_shows_defaults_and_db_works_after_the_command(run, tmp_path):
    assert "Records per transaction [default: 1000]" in run("import", "--help").stdout
    assert "[default: 20]" in run("list", "--help").stdout
    archive = tmp_path / "elsewhere.db"
    run("add", "--title", "Placed", "--db", archive)
    run("list", f"--db={archive}")
    [item] = __import__("json").loads(run("list", "--json", "--db", archive).stdout)
    assert item["title"] == "Placed" and archive.exists()
    # Given twice, the last --db wins, before or after the command (Click's rule).
    other = tmp_path / "other.db"
    run("--db", archive, "add", "--title", "Elsewhere", "--db", other)
    assert [a["title"] for a in json.loads(run("--db", archive, "list", "--json").stdout)] == [
        "Placed"
    ]
    [item] = json.loads(run("--db", archive, "list", "--json", "--db", other).stdout)
    assert item["title"] == "Elsewhere"
    [item] = json.loads(run("--db", other, "--db", archive, "list", "--json").stdout)
    assert item["title"] == "Placed"


def test_newsctl_alone_prints_its_help(run):
    result = run()
    assert "Usage" in result.stdout and "Commands" in result.stdout and result.stderr == ""
