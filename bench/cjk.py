"""What making unspaced words searchable costs, and the designs it was chosen over.

    python bench/cjk.py [--articles 5000] [--before PATH_TO_OLD_NEWSCTL]

Generates Chinese-like articles (characters drawn from 3,000 with Zipf weights, about
1,500 characters each, punctuated like news text), imports them with newsctl, and
measures the search index against other ways to index the same text, each built with
FTS5 over the same articles:

- none: unicode61 alone (what newsctl did before: a sentence is one token)
- bigram: pairs of characters (newsctl's choice, segmenting.index_text)
- unigram: each character a token, words found as phrases of characters
- trigram: FTS5's trigram tokenizer (finds no word shorter than three characters)

For each: index size, build time, and whether a two- and a three-character word taken
from the text are found. With --before, the same file is also imported by an older
newsctl, for import speed before and after.
"""

import argparse
import itertools
import json
import random
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from newsctl.segmenting import index_text, spaced  # noqa: E402

NEWSCTL = str(Path(sys.executable).with_name("newsctl"))
WORK = HERE / ".data" / "cjk"


def chinese_like(count: int, seed: int = 11) -> list[dict]:
    rng = random.Random(seed)
    alphabet = [chr(code) for code in rng.sample(range(0x4E00, 0x9FA5), 3000)]
    weights = list(itertools.accumulate(1 / rank for rank in range(1, 3001)))
    articles = []
    for number in range(count):
        sentences = []
        for _ in range(rng.randint(40, 60)):
            clauses = [
                "".join(rng.choices(alphabet, cum_weights=weights, k=rng.randint(6, 14)))
                for _ in range(rng.randint(1, 3))
            ]
            sentences.append("，".join(clauses) + "。")
        articles.append(
            {
                "title": "".join(rng.choices(alphabet, cum_weights=weights, k=rng.randint(8, 16))),
                "author": "".join(rng.choices(alphabet[:300], k=3)),
                "url": f"https://news.example/zh/{number}",
                "body": "\n\n".join(
                    "".join(sentences[start : start + 8]) for start in range(0, len(sentences), 8)
                ),
            }
        )
    return articles


def index_mb(connection: sqlite3.Connection, table: str) -> float:
    size = connection.execute(
        "SELECT sum(pgsize) FROM dbstat WHERE name LIKE ?", [f"{table}%"]
    ).fetchone()[0]
    return round((size or 0) / 1e6, 1)


def import_seconds(newsctl: str, source: Path, archive: Path) -> float:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{archive}{suffix}").unlink(missing_ok=True)
    subprocess.run([newsctl, "--db", str(archive), "list"], check=True, capture_output=True)
    started = time.perf_counter()
    subprocess.run([newsctl, "--db", str(archive), "import", str(source), "--quiet"], check=True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--before", help="an older newsctl executable, for import speed")
    parser.add_argument("--rounds", type=int, default=3)
    options = parser.parse_args()
    WORK.mkdir(parents=True, exist_ok=True)
    articles = chinese_like(options.articles)
    source = WORK / "articles.jsonl"
    source.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in articles))
    archive = WORK / "after.db"
    imports: dict[str, list[float]] = {"after": [], "before": []}
    for _ in range(options.rounds):  # interleaved
        imports["after"].append(import_seconds(NEWSCTL, source, archive))
        if options.before:
            imports["before"].append(import_seconds(options.before, source, WORK / "before.db"))
    connection = sqlite3.connect(archive)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    text_mb = connection.execute("SELECT sum(length(CAST(body AS BLOB))) FROM articles")
    text_mb = round(text_mb.fetchone()[0] / 1e6, 1)
    pairs_mb = connection.execute(
        "SELECT sum(length(CAST(coalesce(title_ngrams, '') || coalesce(body_ngrams, '') "
        "|| coalesce(byline_ngrams, '') AS BLOB))) FROM articles"
    ).fetchone()[0]
    # The other designs, each an index of its own over the same text.
    connection.create_function("spaced", 1, lambda text: spaced(text or "", " "))
    connection.create_function("pairs", 1, index_text)
    tokenizer = "unicode61 remove_diacritics 2 categories 'L* N* Co M*'"
    designs = {
        "none": (tokenizer, "title, body"),
        "bigram": (tokenizer, "pairs(title), pairs(body)"),
        "unigram": (tokenizer, "spaced(title), spaced(body)"),
        "trigram": ("trigram", "title, body"),
    }
    body = articles[0]["body"]
    two, three = body[20:22], body[40:43]
    words = {
        "none": (f'"{two}"', f'"{three}"'),
        "bigram": (f'"{two}"', f'"{three[:2]} {three[1:]}"'),
        "unigram": (f'"{two[0]} {two[1]}"', f'"{" ".join(three)}"'),
        "trigram": (f'"{two}"', f'"{three}"'),
    }
    results = {}
    for name, (tokenize, values) in designs.items():
        connection.execute(f"DROP TABLE IF EXISTS design_{name}")
        connection.execute(
            f"CREATE VIRTUAL TABLE design_{name} USING fts5(title, body, content='', "
            f'tokenize="{tokenize}")'
        )
        started = time.perf_counter()
        connection.execute(
            f"INSERT INTO design_{name} (rowid, title, body) SELECT id, {values} FROM articles"
        )
        connection.commit()
        seconds = time.perf_counter() - started
        found = [
            connection.execute(
                f"SELECT count(*) FROM design_{name} WHERE design_{name} MATCH ?", [word]
            ).fetchone()[0]
            > 0
            for word in words[name]
        ]
        results[name] = {
            "index_mb": index_mb(connection, f"design_{name}"),
            "build_s": round(seconds, 2),
            "finds_two_characters": found[0],
            "finds_three_characters": found[1],
        }
        connection.execute(f"DROP TABLE design_{name}")
    connection.commit()
    summary = {
        "articles": options.articles,
        "body_text_mb": text_mb,
        "pair_columns_mb": round(pairs_mb / 1e6, 1),
        "newsctl_index_mb": index_mb(connection, "articles_fts"),
        "import_after_s": round(sorted(imports["after"])[len(imports["after"]) // 2], 2),
        "import_before_s": round(sorted(imports["before"])[len(imports["before"]) // 2], 2)
        if imports["before"]
        else None,
        "designs": results,
    }
    print(json.dumps(summary, indent=2))


if __name__ == "__main__":
    main()
