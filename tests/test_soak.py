"""Soak: 8 importers and 4 readers on one archive for about a minute. No failure, no
duplicate, no loss, and `newsctl check` passes at the end."""

import json
import os
import subprocess
import sys

import pytest

from tests.test_processes import AUTHORS, stored

SECONDS = int(os.environ.get("NEWSCTL_SOAK_SECONDS", "60"))
OWN, SHARED = 300, 200
NEWSCTL = f"{sys.executable} -m newsctl"
READS = [
    "search harbour --json",
    "recent -n 5",
    "list --since 7d -n 50",
    "authors",
    "search '\"shared story\"' --json",
    "show 1",  # may not exist yet: "no article" is the one failure a reader may see
]


def write_source(path, importer: int) -> None:
    records = [
        {
            "title": f"Importer {importer} story {n}",
            "author": AUTHORS[n % 5],
            "url": f"https://soak.example/{importer}/{n}",
            "body": f"Harbour weather report {n} from desk {importer}.",
        }
        for n in range(OWN)
    ]
    # Every importer carries these, each with its own text: concurrent updates of one article.
    records += [
        {
            "title": f"Shared story {n}",
            "url": f"https://soak.example/shared/{n}",
            "body": f"Version from importer {importer}.",
        }
        for n in range(SHARED)
    ]
    path.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")


def for_a_while(commands: str) -> list[str]:
    """A bash loop running commands until the soak time is over; stops at the first failure."""
    return [
        "bash",
        "-c",
        f"end=$((SECONDS + {SECONDS})); while [ $SECONDS -lt $end ]; do {commands}; done",
    ]


def reader_commands(first: int) -> str:
    steps = []
    for k in range(len(READS)):
        read = READS[(first + k) % len(READS)]
        steps.append(
            f"{NEWSCTL} {read} >/dev/null 2>$TMPDIR/err || "
            f"{{ grep -q 'no article with id' $TMPDIR/err || {{ cat $TMPDIR/err >&2; exit 1; }}; }}"
        )
    return "; ".join(steps)


@pytest.mark.slow
def test_eight_importers_and_four_readers_for_a_minute(tmp_path):
    db = tmp_path / "archive.db"
    env = {**os.environ, "NEWSCTL_DB": str(db)}
    processes = []
    for importer in range(8):
        source = tmp_path / f"source-{importer}.jsonl"
        write_source(source, importer)
        batch = [50, 200, 1000][importer % 3]
        command = f"{NEWSCTL} import {source} --quiet --batch-size {batch} || exit $?"
        processes.append(
            subprocess.Popen(for_a_while(command), env=env, stderr=subprocess.PIPE, text=True)
        )
    for reader in range(4):
        own_tmp = tmp_path / f"reader-{reader}"
        own_tmp.mkdir()
        processes.append(
            subprocess.Popen(
                for_a_while(reader_commands(reader)),
                env={**env, "TMPDIR": str(own_tmp)},
                stderr=subprocess.PIPE,
                text=True,
            )
        )
    failures = []
    for process in processes:
        _, err = process.communicate(timeout=SECONDS + 600)
        if process.returncode != 0:
            failures.append(err)
    assert failures == []
    facts = stored(db)
    assert facts["articles"] == facts["distinct_urls"] == 8 * OWN + SHARED
    assert facts["fts_rows"] == facts["articles"] and facts["integrity"] == "ok"
    check = subprocess.run(
        [sys.executable, "-m", "newsctl", "check", "--json"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert check.returncode == 0 and json.loads(check.stdout)["ok"] is True
