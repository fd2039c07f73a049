"""The floor: the fastest plain way to load the same data into the same tables.

Standard library only: one transaction, executemany in batches, then the
full-text index built once with FTS5's 'rebuild'. newsctl's import figures are
reported as ratios to this. Run as a script so its memory is measured alone:

    python bench/floor.py ARTICLES.jsonl ARCHIVE.db [--incremental]

The archive must already hold newsctl's schema. --incremental loads into an
archive that has data: rows go in with the triggers off and the new rows are
added to the index in one INSERT ... SELECT (a batched sync, no rebuild).
"""

import hashlib
import json
import sqlite3
import sys
from datetime import UTC, datetime

BATCH = 1000


def load(jsonl_path: str, db_path: str, incremental: bool = False) -> int:
    connection = sqlite3.connect(db_path, isolation_level=None)
    connection.execute("PRAGMA journal_mode = WAL")
    triggers = connection.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
        "AND tbl_name IN ('articles', 'article_authors', 'authors')"
    ).fetchall()
    connection.execute("BEGIN IMMEDIATE")
    for name, _ in triggers:
        connection.execute(f"DROP TRIGGER {name}")
    authors = dict(connection.execute("SELECT name, id FROM authors"))
    tags = dict(connection.execute("SELECT name, id FROM tags"))
    first_id = next_id = connection.execute(
        "SELECT coalesce(max(id), 0) + 1 FROM articles"
    ).fetchone()[0]
    now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    articles: list[tuple] = []
    bylines: list[tuple] = []
    links: list[tuple] = []

    def flush() -> None:
        connection.executemany(
            "INSERT INTO articles (id, title, title_key, body, category, category_key, url, "
            "url_key, published_at, added_at, source, content_hash, partial, byline) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,0,?)",
            articles,
        )
        connection.executemany(
            "INSERT INTO article_authors (article_id, author_id, position) VALUES (?, ?, 0)",
            bylines,
        )
        connection.executemany("INSERT INTO article_tags (article_id, tag_id) VALUES (?, ?)", links)
        articles.clear()
        bylines.clear()
        links.clear()

    with open(jsonl_path, encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            author = record["author"]
            if author not in authors:
                cursor = connection.execute(
                    "INSERT INTO authors (name, name_key, bio, added_at) VALUES (?, ?, ?, ?)",
                    (author, author.lower(), record.get("author_bio"), now),
                )
                authors[author] = cursor.lastrowid
            key = "\x1f".join((record["title"], author, record["body"]))
            articles.append(
                (next_id, record["title"], record["title"].lower(), record["body"],
                 record["category"], record["category"].lower(), record["url"],
                 record["url"].lower(), record["published_at"], now, jsonl_path,
                 hashlib.sha256(key.encode()).hexdigest(), author)
            )  # fmt: skip
            bylines.append((next_id, authors[author]))
            for tag in record.get("tags", []):
                if tag not in tags:
                    tags[tag] = connection.execute(
                        "INSERT INTO tags (name, name_key) VALUES (?, ?)", (tag, tag.lower())
                    ).lastrowid
                links.append((next_id, tags[tag]))
            next_id += 1
            if len(articles) >= BATCH:
                flush()
    flush()
    if incremental:
        columns = "title, byline, body, title_ngrams, byline_ngrams, body_ngrams"
        connection.execute(
            f"INSERT INTO articles_fts (rowid, {columns}) "
            f"SELECT id, {columns} FROM articles WHERE id >= ?",
            (first_id,),
        )
    else:
        connection.execute("INSERT INTO articles_fts (articles_fts) VALUES ('rebuild')")
    for _, sql in triggers:
        connection.execute(sql)
    connection.execute("COMMIT")
    connection.close()
    return next_id - first_id


if __name__ == "__main__":
    print(load(sys.argv[1], sys.argv[2], incremental="--incremental" in sys.argv))
