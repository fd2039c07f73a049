"""Deliberate bugs (mutants) in the write path, and the tests that must catch each.

    python tools/mutants.py [M1 M2 ...]

Each mutant is applied alone to a copy of the project, and the named test modules run
against it; a mutant the tests do not catch is reported as SURVIVED. The mutants are
the faults issue 10 found the suite missing, plus the promises added with it.
"""

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

SRC = Path(__file__).resolve().parents[1]
MUTANTS = [
    (
        "M1 content hash drops the authors",
        "newsctl/models.py",
        'names = "\\x1e".join(fold_key(name) for name in self.authors)',
        'names = ""',
        "tests/test_cli_import.py tests/test_write_path.py",
    ),
    (
        "M2 syndicated copies under different urls merge",
        "newsctl/saving.py",
        "OR (a.content_hash = :hash AND (a.url_key IS NULL OR :url IS NULL))",
        "OR (a.content_hash = :hash)",
        "tests/test_cli_import.py tests/test_write_path.py",
    ),
    (
        "M3 a sparse update blanks stored fields",
        "newsctl/saving.py",
        "        if not replace_all:\n            fields = {name: value for name, value in fields.items() if value}\n",
        "",
        "tests/test_cli_import.py tests/test_write_path.py",
    ),
    (
        "M4 teaser matching case-sensitive",
        "newsctl/saving.py",
        "article.guid, canonical_url(url), article.content_hash(), fold_key(article.title), url",
        "article.guid, canonical_url(url), article.content_hash(), article.title, url",
        "tests/test_parsers_page.py tests/test_cli_import.py tests/test_write_path.py",
    ),
    (
        "M5 search triggers lose the body",
        "newsctl/schema.py",
        """_NEW_VALUES = ", ".join(f"new.{column}" for column in SEARCH_COLUMNS)""",
        """_NEW_VALUES = ", ".join(f"new.{c}" if c != "body" else "''" for c in SEARCH_COLUMNS)""",
        "tests/test_schema.py",
    ),
    (
        "M6 search triggers lose the authors",
        "newsctl/schema.py",
        """"UPDATE articles SET byline = " + BYLINE_OF.format(id="articles.id") + " WHERE""",
        """"UPDATE articles SET byline = NULL" + BYLINE_OF.format(id="")[:0] + " WHERE""",
        "tests/test_schema.py",
    ),
    (
        "M7 rejects missing from --json",
        "newsctl/importer.py",
        """            "rejects": [""",
        """            "rejects": [] and [""",
        "tests/test_cli_import.py tests/test_write_path.py",
    ),
    (
        "M8 no record-by-record retry",
        "newsctl/archive.py",
        "        except RecordRejected:\n            pass\n",
        "        except RecordRejected:\n            raise\n",
        "tests/test_write_path.py",
    ),
    (
        "M9 --no-update rewrites bios",
        "newsctl/saving.py",
        "if bio and bio != stored_bio and self.update:",
        "if bio and bio != stored_bio:",
        "tests/test_write_path.py",
    ),
    (
        "M10 interrupted --strict commits",
        "newsctl/importer.py",
        "                            raise _UndoAll\n",
        "                            pass\n",
        "tests/test_write_path.py",
    ),
    (
        "M11 ids from max(id) + 1",
        "newsctl/saving.py",
        "SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'articles'), 0),",
        "SELECT max(0,",
        "tests/test_write_path.py",
    ),
    (
        "M12 route fragments dropped",
        "newsctl/urls.py",
        'return fragment.startswith(("!", "/"))',
        "return False",
        "tests/test_write_path.py tests/test_units.py",
    ),
    (
        "M13 folding without NFC",
        "newsctl/text.py",
        'folded = unicodedata.normalize("NFC", clean_line(text.translate(_MATCHING))).casefold()\n    return unicodedata.normalize("NFC", folded)',
        "return clean_line(text.translate(_MATCHING)).casefold()",
        "tests/test_write_path.py",
    ),
    (
        "M14 rejects file opened before the archive",
        "newsctl/cli/transfer.py",
        "    rejects_file = None\n    rejects_writer = None\n",
        "    rejects_file = rejects.open('w') if rejects else None\n    rejects_writer = None\n",
        "tests/test_write_path.py",
    ),
    (
        "M15 check runs the index check read-only",
        "newsctl/maintenance.py",
        "    if archive.read_only:\n",
        "    if False:\n",
        "tests/test_faults.py",
    ),
    (
        "M16 folders made with the umask's mode",
        "newsctl/archive.py",
        "            path.mkdir(mode=0o700)",
        "            path.mkdir()",
        "tests/test_write_path.py tests/test_schema.py",
    ),
    (
        "M17 merges not reported",
        "newsctl/importer.py",
        "                self.summary.merges.append((merged, result.article_id))\n",
        "",
        "tests/test_write_path.py",
    ),
    (
        "M18 a teaser's date lost",
        "newsctl/saving.py",
        '"published_at": article.published_at\n            or (stored["published_at"] if stored["partial"] else None),',
        '"published_at": article.published_at,',
        "tests/test_write_path.py",
    ),
    (
        "M19 tag lists not split",
        "newsctl/labels.py",
        "        items: list[object] = _KEYWORD_SEPARATORS.split(values)",
        "        items: list[object] = [values]",
        "tests/test_write_path.py",
    ),
    (
        "M20 filters fold ASCII only",
        "newsctl/archive.py",
        '        params["author"] = fold_key(filters.author)',
        '        params["author"] = filters.author.lower()',
        "tests/test_write_path.py",
    ),
]


def main(only: list[str]) -> int:
    survived = 0
    for name, path, old, new, tests in MUTANTS:
        if only and not any(name.startswith(f"{wanted} ") for wanted in only):
            continue
        with tempfile.TemporaryDirectory() as folder:
            work = Path(folder) / "project"
            ignore = shutil.ignore_patterns(".venv", ".git", "__pycache__", ".hypothesis")
            shutil.copytree(SRC, work, ignore=ignore)
            target = work / path
            text = target.read_text(encoding="utf-8")
            assert text.count(old) == 1, f"{name}: the code it mutates has changed"
            target.write_text(text.replace(old, new), encoding="utf-8")
            # Run from the copy: pytest and `python -m newsctl` import the mutated package.
            command = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider"]
            result = subprocess.run(
                [*command, *tests.split()], cwd=work, capture_output=True, text=True,
                env={**os.environ, "PYTHONPATH": str(work)},
            )  # fmt: skip
        failed = [
            line.split(" - ")[0].removeprefix("FAILED ").removeprefix("ERROR ")
            for line in result.stdout.splitlines()
            if line.startswith(("FAILED", "ERROR"))
        ]
        if result.returncode:
            print(f"{name}: killed by {failed[0] if failed else 'the test run'}", flush=True)
        else:
            survived += 1
            print(f"{name}: SURVIVED", flush=True)
    return 1 if survived else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
