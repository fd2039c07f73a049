"""The write path keeps its promises: a bad record is rejected alone, one folding rule
whatever the batch size, nothing half-committed, ids never reused, merges reported."""

import json
import os
import signal
import stat
import subprocess
import unicodedata
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import sqlite_utils

from tests.conftest import article_rows, rows
from tests.test_processes import NEWSCTL, newsctl, stored


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")
    return path


def summary(result) -> dict:
    return json.loads(result.stdout)


PAGE_WITH_CASE_TAGS = """Categories: World, Science, science, SCIENCE

Comet Seen Over the Harbour

Stargazers on the north pier saw the comet just after midnight.

Ana Ruiz
"""

HTML_WITH_CASE_TAGS = """<!DOCTYPE html><html><head><meta charset="utf-8">
<title>Tide Mill Turns Again</title>
<meta property="article:tag" content="Heritage"><meta property="article:tag" content="heritage">
<meta property="article:tag" content="HERITAGE"><meta name="author" content="Tomás Eriksen">
</head><body><article><h1>Tide Mill Turns Again</h1>
<p>The restored tide mill turned for the first time in ninety years on Saturday morning.</p>
<p>Volunteers spent six winters rebuilding the wheel from oak felled on the estate.</p>
<p>The mill will grind flour on the first Sunday of every month through the summer.</p>
</article></body></html>"""


def test_case_duplicate_tags_among_other_files_store_everything_once(run, db, tmp_path):
    folder = tmp_path / "incoming"
    folder.mkdir()
    (folder / "comet.txt").write_text(PAGE_WITH_CASE_TAGS, encoding="utf-8")
    (folder / "mill.html").write_text(HTML_WITH_CASE_TAGS, encoding="utf-8")
    write_jsonl(
        folder / "more.jsonl",
        [{"title": "Ferry named", "tags": "Boats, boats; BOATS | Harbour"}, {"title": "Quay"}],
    )
    result = summary(run("import", folder, "--json"))
    assert (result["added"], result["rejected"]) == (4, 0)
    tags = {row["title"]: row["tags"] for row in article_rows(db())}
    assert tags["Comet Seen Over the Harbour"] == "Science"
    assert tags["Tide Mill Turns Again"] == "Heritage"
    assert tags["Ferry named"] == "Boats,Harbour"
    assert rows(db(), "SELECT category FROM articles WHERE title LIKE 'Comet%'")[0] == {
        "category": "World"
    }
    # Running the same folder again (cron) changes nothing and fails nothing.
    again = summary(run("import", folder, "--json", "--again"))
    assert (again["unchanged"], again["rejected"]) == (4, 0)


def refuse_title(path: Path, title: str) -> None:
    """A rule of the archive's own that refuses one record (as a constraint would)."""
    database = sqlite_utils.Database(path)
    database.execute(
        f"CREATE TRIGGER refuse BEFORE INSERT ON articles WHEN new.title = '{title}' "
        "BEGIN SELECT RAISE(ABORT, 'refused by a local rule'); END"
    )
    database.conn.commit()
    database.close()


def test_a_record_the_archive_refuses_is_rejected_alone(run, db, archive_path, tmp_path):
    run("add", "--title", "Already here")
    refuse_title(archive_path, "Refused")
    folder = tmp_path / "incoming"
    folder.mkdir()
    write_jsonl(folder / "a.jsonl", [{"title": f"A{n}"} for n in range(5)])
    write_jsonl(folder / "b.jsonl", [{"title": "B0"}, {"title": "Refused"}, {"title": "B2"}])
    write_jsonl(folder / "c.jsonl", [{"title": "C0"}])
    rejects = tmp_path / "rejects.jsonl"
    result = run("import", folder, "--rejects", rejects, "--json", expect=1)
    counts = summary(result)
    assert (counts["added"], counts["rejected"]) == (8, 1)
    [reject] = counts["rejects"]
    assert reject["source"].endswith("b.jsonl") and reject["location"] == "line 2"
    assert "refused by a local rule" in reject["reason"]
    assert "b.jsonl:line 2" in result.stderr and "Traceback" not in result.stderr
    titles = {row["title"] for row in article_rows(db())}
    assert titles == {"Already here", "B0", "B2", "C0"} | {f"A{n}" for n in range(5)}
    [kept] = [json.loads(line) for line in rejects.read_text(encoding="utf-8").splitlines()]
    assert kept["title"] == "Refused" and "refused" in kept["_reason"]
    # --strict stores nothing at all when the archive refuses a record.
    write_jsonl(folder / "d.jsonl", [{"title": "D0"}])
    strict = run("import", folder, "--strict", "--again", expect=1)
    assert "Refused" not in titles - {"Refused"} and "nothing was imported" in strict.stderr
    assert "D0" not in {row["title"] for row in article_rows(db())}


def test_lone_surrogates_are_removed_or_the_record_rejected_alone(run, db, tmp_path):
    source = tmp_path / "s.jsonl"
    source.write_text(
        '{"title": "Caf\\ud800e reopens", "author": "Ana \\udfff Ruiz", "tags": ["a\\ud800"]}\n'
        '{"title": "\\ud800"}\n'
        '{"title": "Plain"}\n',
        encoding="utf-8",
    )
    rejects = tmp_path / "rejects.jsonl"
    result = run("import", source, "--rejects", rejects, "--json", expect=1)
    assert (summary(result)["added"], summary(result)["rejected"]) == (2, 1)
    stored_rows = {row["title"]: row for row in article_rows(db())}
    assert set(stored_rows) == {"Cafe reopens", "Plain"}
    assert stored_rows["Cafe reopens"]["author"] == "Ana Ruiz"
    assert stored_rows["Cafe reopens"]["tags"] == "a"
    [kept] = [json.loads(line) for line in rejects.read_text(encoding="utf-8").splitlines()]
    assert kept["title"] == "\ud800" and kept["_location"] == "line 2"
    # From the command line (undecodable bytes in arguments become surrogates) too.
    run("add", "--title", "Tea\udcff time", "--author", "Bo\ud800 Chen")
    assert {"Tea time"} <= {row["title"] for row in article_rows(db())}
    assert summary(run("search", "tea\udcff", "--json"))[0]["title"] == "Tea time"
    assert summary(run("list", "--author", "bo\ud800 chen", "--json"))[0]["title"] == "Tea time"


def test_labels_and_titles_of_only_invisible_characters_are_none(run, db, tmp_path):
    # A soft hyphen or zero-width space alone shows nothing and folds to an empty key.
    source = tmp_path / "s.jsonl"
    source.write_text(
        '{"title": "Quay reopens", "category": "\\u200b", "tags": ["\\u00ad", "Harbour"]}\n'
        '{"title": "\\u200b\\u00ad"}\n',
        encoding="utf-8",
    )
    result = run("import", source, "--json", expect=1)
    assert (summary(result)["added"], summary(result)["rejected"]) == (1, 1)
    assert "line 2" in result.stderr and "title" in result.stderr
    [stored] = article_rows(db())
    assert (stored["title"], stored["category"], stored["tags"]) == (
        "Quay reopens",
        None,
        "Harbour",
    )
    assert run("add", "--title", "\u00ad", "--body", "b", expect=2).stderr.count("\n") == 1
    assert len(article_rows(db())) == 1


def mixed_records() -> list[dict]:
    nfd = unicodedata.normalize("NFD", "Émile Zola")
    return [
        {"title": "Germinal", "author": "Émile Zola", "tags": ["Économie", "Mines"]},
        {"title": "Nana", "author": "ÉMILE ZOLA", "tags": ["économie"], "category": "Livres"},
        {"title": "Letter", "author": nfd, "author_bio": "Wrote J'accuse.", "category": "LIVRES"},
        {"title": "Germinal", "author": "émile zola", "tags": ["ÉCONOMIE", "mines"]},
        {"title": "Storm", "author": ["Ana Ruiz", "Bo Chen"], "url": "https://x.example/s"},
        {"title": "Storm", "author": ["ana ruiz", "bo chen"], "url": "https://X.example/s/"},
        {"title": "Quay", "partial": True, "published_at": "2025-01-02T00:00:00Z"},
        {"title": "QUAY", "body": "The full quay story.", "author": "Bo Chen"},
    ] * 2


def archive_facts(path: Path) -> dict:
    database = sqlite_utils.Database(path)
    articles = [
        {k: v for k, v in row.items() if k not in ("added_at", "updated_at")}
        for row in article_rows(database)
    ]
    return {
        "articles": articles,
        "authors": rows(database, "SELECT id, name, bio FROM authors ORDER BY id"),
        "tags": rows(database, "SELECT id, name FROM tags ORDER BY id"),
    }


def test_results_never_depend_on_the_batch_size(run, tmp_path):
    source = write_jsonl(tmp_path / "mixed.jsonl", mixed_records())
    facts = []
    for size in ("1", "1000"):
        archive = tmp_path / f"batch-{size}.db"
        run("--db", archive, "import", source, "--batch-size", size)
        facts.append(archive_facts(archive))
    assert facts[0] == facts[1]
    assert [a["name"] for a in facts[0]["authors"]] == ["Émile Zola", "Ana Ruiz", "Bo Chen"]
    assert [t["name"] for t in facts[0]["tags"]] == ["Économie", "Mines"]
    assert [a["title"] for a in facts[0]["articles"]] == [
        "Germinal",
        "Nana",
        "Letter",
        "Storm",
        "QUAY",
    ]
    assert facts[0]["articles"][3]["authors"] == "Ana Ruiz; Bo Chen"
    # The teaser's date stays when the full article arrives without one.
    assert facts[0]["articles"][4]["published_at"] == "2025-01-02T00:00:00Z"


def test_filters_fold_case_the_same_way_for_every_script(run, tmp_path):
    source = write_jsonl(tmp_path / "mixed.jsonl", mixed_records())
    run("import", source)
    for spelling in ("ÉMILE ZOLA", "émile zola", unicodedata.normalize("NFD", "Émile Zola")):
        found = summary(run("list", "--author", spelling, "--json"))
        assert sorted(item["title"] for item in found) == ["Germinal", "Letter", "Nana"]
    assert len(summary(run("list", "--tag", "ÉCONOMIE", "--json"))) == 2
    assert len(summary(run("list", "--category", "livres", "--json"))) == 2
    assert summary(run("authors", "émile ZOLA", "--json"))["bio"] == "Wrote J'accuse."


def test_ids_are_never_reused_and_merges_are_reported(run, db, tmp_path):
    # Article 1 has a url; article 2 has the same text but no url (a page saved by hand).
    write_jsonl(
        tmp_path / "a.jsonl",
        [
            {"title": "Storm", "body": "Early.", "url": "https://x.example/s"},
            {"title": "Storm", "body": "Final."},
        ],
    )
    run("import", tmp_path / "a.jsonl")
    # The feed entry now carries the page's text: article 2 is article 1, and is merged in.
    write_jsonl(
        tmp_path / "b.jsonl", [{"title": "Storm", "body": "Final.", "url": "https://x.example/s"}]
    )
    merged = run("import", tmp_path / "b.jsonl", "--json")
    result = summary(merged)
    assert (result["updated"], result["merged"]) == (1, 1)
    assert result["merges"] == [{"merged": 2, "into": 1}]
    assert "Merged" in run("import", tmp_path / "b.jsonl").stdout
    assert [row["id"] for row in article_rows(db())] == [1]
    # The next article gets a new id, never the merged one's.
    added = summary(run("add", "--title", "Next", "--json"))
    assert added["id"] == 3
    assert [row["id"] for row in article_rows(db())] == [1, 3]


def test_merge_notice_on_the_terminal(run, tmp_path):
    write_jsonl(
        tmp_path / "a.jsonl",
        [{"title": "S", "body": "E.", "url": "https://x.example/s"}, {"title": "S", "body": "F."}],
    )
    run("import", tmp_path / "a.jsonl")
    write_jsonl(tmp_path / "b.jsonl", [{"title": "S", "body": "F.", "url": "https://x.example/s"}])
    result = run("import", tmp_path / "b.jsonl")
    assert "merged article 2 into article 1" in result.stderr
    added = run("add", "--title", "S", "--body", "G.", "--url", "https://x.example/s")
    assert "Updated article 1" in added.stdout


def test_no_update_changes_nothing_at_all(run, db):
    run(
        "add",
        "--title",
        "Storm",
        "--body",
        "Early.",
        "-a",
        "Ana Ruiz",
        "--author-bio",
        "Old bio.",
        "--url",
        "https://x.example/s",
    )
    before = article_rows(db())
    authors_before = rows(db(), "SELECT * FROM authors")
    kept = run(
        "add",
        "--title",
        "Storm!",
        "--body",
        "Late.",
        "-a",
        "Ana Ruiz",
        "--author-bio",
        "New bio.",
        "--url",
        "https://x.example/s",
        "--no-update",
    )
    assert "unchanged" in kept.stdout
    # A new article by a known author does not rewrite that author's bio either.
    run("add", "--title", "Other", "-a", "ana ruiz", "--author-bio", "Newer bio.", "--no-update")
    assert article_rows(db())[0] == before[0]
    assert rows(db(), "SELECT * FROM authors") == authors_before
    run("add", "--title", "Third", "-a", "Ana Ruiz", "--author-bio", "Newest bio.")
    assert rows(db(), "SELECT bio FROM authors")[0]["bio"] == "Newest bio."


def test_route_fragments_are_part_of_a_urls_identity(run, db, tmp_path):
    records = [
        {"title": "One", "url": "https://app.example/#!/story/1"},
        {"title": "Two", "url": "https://app.example/#!/story/2"},
        {"title": "Three", "url": "https://app.example/#/story/3"},
        {"title": "Four", "url": "https://app.example/#/story/4"},
        {"title": "Five", "url": "https://news.example/five#comments"},
        {"title": "Five", "url": "https://news.example/five"},
    ]
    result = summary(run("import", write_jsonl(tmp_path / "spa.jsonl", records), "--json"))
    assert result["added"] == 5
    assert {row["url"] for row in article_rows(db())} >= {"https://app.example/#!/story/2"}


def test_rejects_file_is_kept_when_the_archive_cannot_be_opened(run, tmp_path):
    rejects = tmp_path / "rejects.jsonl"
    rejects.write_text('{"title": "from the last run", "_reason": "no body"}\n', encoding="utf-8")
    not_an_archive = tmp_path / "notes.db"
    not_an_archive.write_text("these are my notes, not a database\n" * 100, encoding="utf-8")
    source = write_jsonl(tmp_path / "a.jsonl", [{"title": "A"}])
    result = run("--db", not_an_archive, "import", source, "--rejects", rejects, expect=4)
    assert "not a newsctl archive" in result.stderr
    assert "from the last run" in rejects.read_text(encoding="utf-8")


def test_interrupted_strict_import_leaves_the_archive_as_it_was(tmp_path):
    db = tmp_path / "archive.db"
    assert newsctl(db, "add", "--title", "Stored before").wait(timeout=60) == 0
    before = stored(db)
    process = newsctl(
        db, "import", "-", "--format", "jsonl", "--strict", "--batch-size", "50",
        stdin=subprocess.PIPE,
    )  # fmt: skip
    records = "".join(
        json.dumps({"title": f"Record {n}", "body": "Text of the record. " * 50}) + "\n"
        for n in range(1000)
    )
    # The pipe holds 64 KB: once this 1 MB write returns, newsctl has read (and saved, inside
    # its one transaction) all but the last few dozen records.
    process.stdin.write(records)
    process.stdin.flush()
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=60)  # closes its standard input
    assert process.returncode == 130, err
    assert "nothing stored" in err and "Traceback" not in err
    assert stored(db) == before


def test_thirty_first_runs_at_once_all_succeed(tmp_path):
    db = tmp_path / "new" / "nested" / "folders" / "archive.db"
    env = {**os.environ, "NEWSCTL_DB": str(db)}

    def first_run(number: int) -> subprocess.CompletedProcess:
        return subprocess.run([*NEWSCTL, "add", "--title", f"Run {number}"], env=env,
                              capture_output=True, text=True, timeout=300)  # fmt: skip

    with ThreadPoolExecutor(max_workers=30) as pool:
        results = list(pool.map(first_run, range(30)))
    assert [result.returncode for result in results] == [0] * 30, [r.stderr for r in results]
    assert stored(db)["articles"] == 30
    for folder in (db.parent, db.parent.parent, db.parent.parent.parent):
        assert stat.S_IMODE(os.stat(folder).st_mode) == 0o700, folder


def test_the_same_text_by_different_people_is_two_articles(run, db, tmp_path):
    letter = {"title": "Letter: more benches", "body": "Please add benches on the front."}
    records = [
        {**letter, "author": "Oona Fitzgerald"},
        {**letter, "author": "Idris Achebe"},
        {**letter, "author": "OONA FITZGERALD"},  # the first one again
    ]
    result = summary(run("import", write_jsonl(tmp_path / "l.jsonl", records), "--json"))
    assert (result["added"], result["unchanged"]) == (2, 1)
    assert [row["author"] for row in article_rows(db())] == ["Oona Fitzgerald", "Idris Achebe"]


def test_syndicated_copies_under_different_urls_stay_apart(run, db, tmp_path):
    wire = {"title": "Storm warning", "body": "Gales are expected tonight.", "author": "Ana Ruiz"}
    records = [
        {**wire, "url": "https://one.example/storm"},
        {**wire, "url": "https://two.example/storm"},
        wire,  # the same text without a url: a copy of one of them, not a third article
    ]
    result = summary(run("import", write_jsonl(tmp_path / "w.jsonl", records), "--json"))
    assert (result["added"], result["unchanged"]) == (2, 1)
    assert [row["url"] for row in article_rows(db())] == [
        "https://one.example/storm",
        "https://two.example/storm",
    ]


def test_a_sparse_update_keeps_what_it_does_not_mention(run, db, tmp_path):
    full = {
        "title": "Storm", "body": "Early text.", "author": "Ana Ruiz", "category": "Weather",
        "tags": ["gales"], "url": "https://x.example/s", "published_at": "2025-01-02T09:00:00Z",
    }  # fmt: skip
    run("import", write_jsonl(tmp_path / "a.jsonl", [full]))
    sparse = {"title": "Storm", "body": "Final text.", "url": "https://x.example/s"}
    result = summary(run("import", write_jsonl(tmp_path / "b.jsonl", [sparse]), "--json"))
    assert result["updated"] == 1
    [row] = article_rows(db())
    assert row["body"] == "Final text."
    assert (row["author"], row["category"], row["tags"], row["published_at"]) == (
        "Ana Ruiz", "Weather", "gales", "2025-01-02T09:00:00Z",
    )  # fmt: skip


def test_a_teaser_goes_when_its_article_arrives_under_a_known_url(run, db, tmp_path):
    # The article was known by its url under a working title; the teaser has the final one.
    # (Found by the export/import fuzz test: the copy had one article less.)
    teaser = {"title": "Night ferry returns", "body": "The night ferry…", "partial": True}
    draft = {"title": "Ferry (draft)", "body": "Draft.", "url": "https://gazette.example/f"}
    run("import", write_jsonl(tmp_path / "t.jsonl", [teaser, draft]))
    full = {"title": "Night ferry returns", "body": "In March.", "url": draft["url"]}
    run("import", write_jsonl(tmp_path / "f.jsonl", [full]))
    [row] = article_rows(db())
    assert (row["title"], row["partial"], row["url"]) == (full["title"], 0, draft["url"])
    assert len(json.loads(run("list", "--json").stdout)) == 1


def test_a_teaser_is_replaced_by_its_article_whatever_the_case_of_its_title(run, db, tmp_path):
    teaser = {"title": "Night Ferry Returns", "body": "The night ferry…", "partial": True}
    run("import", write_jsonl(tmp_path / "t.jsonl", [teaser]))
    full = {"title": "NIGHT FERRY RETURNS", "body": "The night ferry returns in March."}
    result = summary(run("import", write_jsonl(tmp_path / "f.jsonl", [full]), "--json"))
    assert (result["added"], result["updated"]) == (0, 1)
    [row] = article_rows(db())
    assert (row["id"], row["partial"], row["body"]) == (1, 0, full["body"])


MILL_RECORD = {
    "title": "Tidal Mill Reopens After Restoration",
    "body": "The old tidal mill on the estuary reopened on Saturday after a four-year "
    "restoration funded by local donations.",
    "author": "Lena Marsh",
    "url": "https://estuary.example/news/tidal-mill-reopens",
    "published_at": "2025-03-01T10:00:00Z",
    "tags": ["heritage"],
}
MILL_FEED = """<?xml version="1.0"?>
<rss version="2.0"><channel><title>Estuary News</title><link>https://estuary.example/</link>
<item><title>Tidal Mill Reopens After Restoration</title>
<link>https://www.estuary.example/news/tidal-mill-reopens/?utm_source=rss</link>
<guid isPermaLink="false">estuary-4411</guid>
<pubDate>Sat, 01 Mar 2025 10:00:00 +0000</pubDate>
<description>{text}</description>
</item></channel></rss>"""
MILL_PAGE = """<!doctype html><html><head><title>Tidal Mill Reopens After Restoration</title>
<link rel="canonical" href="https://estuary.example/news/tidal-mill-reopens">
<meta property="og:type" content="article"><meta name="author" content="Lena Marsh">
</head><body><article><h1>Tidal Mill Reopens After Restoration</h1>
<p>The old tidal mill on the estuary reopened on Saturday after a four-year restoration
funded by local donations.</p>
<p>The mill will grind flour for the village bakery twice a week, and visitors can watch
the wheel turn at every high tide.</p></article></body></html>"""


def mill_sources(folder: Path) -> tuple[Path, Path, Path]:
    """One story as a JSON Lines record, a feed entry and its saved page."""
    record = write_jsonl(folder / "mill.jsonl", [MILL_RECORD])
    feed = folder / "mill.rss"
    feed.write_text(MILL_FEED.format(text=MILL_RECORD["body"]), encoding="utf-8")
    page = folder / "mill.html"
    page.write_text(MILL_PAGE, encoding="utf-8")
    return record, feed, page


def test_one_story_from_three_sources_read_again_changes_nothing(run, db, tmp_path):
    """A record, a feed entry and the saved page of one story each say it in their own
    words. Read again (cron, --again), none of them is news: each is what was said when
    it was stored. Only the source of the last import used to count, so the sources
    took turns, each re-import an "update" and a new version."""
    record, feed, page = mill_sources(tmp_path)
    for number, order in enumerate(([record, feed, page], [page, feed, record], [feed, page])):
        archive = tmp_path / f"order{number}.db"
        for path in order:
            run("--db", archive, "import", path, "--quiet")
        stored = article_rows(sqlite_utils.Database(archive))
        assert len(stored) == 1
        versions = "SELECT count(*) AS n FROM article_versions"
        kept = rows(sqlite_utils.Database(archive), versions)
        for _ in range(2):
            again = summary(run("--db", archive, "import", *order, "--again", "--json"))
            assert (again["added"], again["updated"], again["unchanged"]) == (0, 0, len(order))
        assert article_rows(sqlite_utils.Database(archive)) == stored
        assert rows(sqlite_utils.Database(archive), versions) == kept
    for path in (record, feed, page):
        run("import", path, "--quiet")
    # The publisher's edit is still news, and reading an older copy of its feed again
    # does not take it back.
    edited = tmp_path / "mill-edited.rss"
    edited.write_text(MILL_FEED.format(text="Corrected: the mill reopened on Sunday."), "utf-8")
    assert summary(run("import", edited, "--json"))["updated"] == 1
    assert summary(run("import", feed, page, "--again", "--json"))["updated"] == 0
    [stored] = article_rows(db())
    assert stored["body"] == "Corrected: the mill reopened on Sunday."


def test_a_publishers_revert_in_its_feed_is_news(run, db, tmp_path):
    """A source's fingerprints are kept per source: the feed that said one text, then
    another, then the first again, has reverted its edit (a withdrawn correction). Kept as
    one set for every source, the first text's fingerprint made the revert "unchanged"."""
    feed = tmp_path / "mill.rss"
    texts = ["The mill reopened on Saturday.", "Corrected: the mill reopened on Sunday."]
    for number, text in enumerate([*texts, texts[0]]):
        feed.write_text(MILL_FEED.format(text=text), "utf-8")
        result = summary(run("import", feed, "--json"))
        assert (result["added"], result["updated"]) == ((1, 0) if number == 0 else (0, 1))
        assert [row["body"] for row in article_rows(db())] == [text]
    again = summary(run("import", feed, "--again", "--json"))
    assert (again["updated"], again["unchanged"]) == (0, 1)


def test_a_restored_article_keeps_its_edits_against_its_unchanged_sources(run, db, tmp_path):
    """Out of the trash, an article edited by a person is what it was: the next import of
    its unchanged sources leaves the edit. The trash kept no fingerprint, and the restored
    one was the edited text's, so the import took the edit back."""
    record, feed, _ = mill_sources(tmp_path)
    run("import", record, feed, "--quiet")
    run("edit", "1", "--title", "The mill turns again")
    run("delete", "1", "--yes")
    skipped = summary(run("import", record, feed, "--again", "--json"))
    assert (skipped["skipped"], skipped["added"]) == (2, 0)
    run("restore", "1")
    again = summary(run("import", record, feed, "--again", "--json"))
    assert (again["updated"], again["unchanged"]) == (0, 2)
    assert [row["title"] for row in article_rows(db())] == ["The mill turns again"]


def test_restore_deleted_with_two_sources_of_one_article_in_a_batch(run, db, tmp_path):
    """--restore-deleted brings a deleted article back once, when its record (known by
    url) and its feed entry (known by guid) arrive in one batch: the second crashed with
    a traceback, finding the trash's row it had already taken back."""
    record, feed, _ = mill_sources(tmp_path)
    run("import", record, feed, "--quiet")
    run("edit", "1", "--title", "The mill turns again")
    run("delete", "1", "--yes")
    result = run("import", record, feed, "--again", "--restore-deleted", "--json")
    assert "Traceback" not in result.stderr and summary(result)["rejected"] == 0
    [row] = article_rows(db())
    assert (row["id"], row["title"]) == (1, "The mill turns again")
    assert rows(db(), "SELECT count(*) AS n FROM deleted_articles")[0]["n"] == 0
