"""Upgrades: archives written by earlier schemas open, migrate and lose nothing."""

import json
import shutil

import sqlite_utils

from newsctl.schema import migrations
from tests.conftest import article_rows, rows

FIXTURES = __import__("pathlib").Path(__file__).parent / "fixtures"
# What the first schemas stored for each article, with its (single) author's name and bio.
BEFORE_M003 = """
    SELECT a.id, a.title, a.body, a.category, a.url, a.url_key, a.published_at, a.added_at,
           a.updated_at, a.source, a.partial, au.name AS author, au.bio AS author_bio,
           (SELECT group_concat(t.name, ',') FROM
              (SELECT t.name FROM article_tags x JOIN tags t ON t.id = x.tag_id
               WHERE x.article_id = a.id ORDER BY t.name) t) AS tags
    FROM articles a LEFT JOIN authors au ON au.id = a.author_id ORDER BY a.id
"""


def test_first_schema_archive_upgrades_in_place(run, tmp_path):
    archive = tmp_path / "old.db"
    shutil.copy(FIXTURES / "archive-v1.db", archive)
    before = rows(sqlite_utils.Database(archive), BEFORE_M003)
    assert [m.name for m in migrations.applied(sqlite_utils.Database(archive))] == ["m001_initial"]

    listed = json.loads(run("--db", archive, "list", "--json").stdout)
    db = sqlite_utils.Database(archive)
    assert [m.name for m in migrations.applied(db)] == [
        m.name for m in migrations.pending(sqlite_utils.Database(":memory:"))
    ]
    after = [{name: row[name] for name in before[0]} for row in article_rows(db)]
    # Every field of every article untouched, but for the tracking parameters that stored
    # urls have lost since (schema m011).
    assert before[0]["url"] == "https://gazette.example/ferry?utm_source=x"
    before[0]["url"] = "https://gazette.example/ferry"
    assert after == before
    assert {item["title"] for item in listed} == {row["title"] for row in before}
    assert rows(db, "SELECT name, bio FROM authors ORDER BY id") == [
        {"name": "Marta Olsen", "bio": "Marta covers transport and housing."},
        {"name": "Idris Achebe", "bio": None},
    ]
    # The old search index still answers, and the upgraded archive indexes new articles.
    assert [
        h["title"] for h in json.loads(run("--db", archive, "search", "seals", "--json").stdout)
    ] == ["Seals on the sandbank"]
    run("--db", archive, "add", "--title", "Lighthouse repainted", "--body", "Red and white again.")
    assert json.loads(run("--db", archive, "search", "lighthouse", "--json").stdout)[0]["id"] == 4
    assert rows(db, "SELECT count(*) AS n FROM article_authors")[0]["n"] == 2
    # Known articles are recognised: same url (with tracking), and the teaser is upgraded.
    body = "The winter timetable starts on Monday."
    url = "https://gazette.example/ferry"
    title = "Ferry timetable changes"
    again = run(
        "--db", archive, "add", "--title", title, "--url", url, "--body", body, "-a", "Marta Olsen"
    )
    assert "Already stored as article 1" in again.stdout
    full = run("--db", archive, "add", "--title", "Harbour dues vote", "--body", "The full story.")
    assert "Updated article 3" in full.stdout
    assert "healthy" in run("--db", archive, "check").stdout


def test_reopening_the_upgraded_archive_migrates_nothing_more(run, tmp_path):
    archive = tmp_path / "old.db"
    shutil.copy(FIXTURES / "archive-v1.db", archive)
    run("--db", archive, "list")
    applied = [(m.name, m.applied_at) for m in migrations.applied(sqlite_utils.Database(archive))]
    run("--db", archive, "list")
    assert [
        (m.name, m.applied_at) for m in migrations.applied(sqlite_utils.Database(archive))
    ] == applied


def test_second_schema_archive_splits_co_authors_and_merges_spellings(run, tmp_path):
    archive = tmp_path / "v2.db"
    shutil.copy(FIXTURES / "archive-v2.db", archive)
    run("--db", archive, "list")
    db = sqlite_utils.Database(archive)
    stored = {row["id"]: row for row in article_rows(db)}
    assert stored[1]["authors"] == "Douglas Wood; Jeremy Herb"
    assert {stored[n]["authors"] for n in (2, 3, 4)} == {"Émile Zola"}
    assert stored[5]["authors"] == "Jeremy Herb"
    # One row per person: the joined byline split, the three spellings of Zola merged (the
    # lowest id kept, with the longest bio), "Jeremy Herb" keeping the id he had.
    assert rows(db, "SELECT id, name, bio FROM authors ORDER BY id") == [
        {"id": 1, "name": "Douglas Wood", "bio": "Two reporters on the Hill."},
        {"id": 2, "name": "Émile Zola", "bio": "Novelist and critic, who wrote J'accuse."},
        {"id": 5, "name": "Jeremy Herb", "bio": None},
    ]
    assert stored[1]["tags"] == "Économie"  # the two spellings were one tag
    assert stored[2]["tags"] == "Économie"
    authors = {
        a["name"]: a["articles"]
        for a in json.loads(run("--db", archive, "authors", "--json").stdout)
    }
    assert authors == {"Douglas Wood": 1, "Émile Zola": 3, "Jeremy Herb": 2}
    zola = json.loads(run("--db", archive, "list", "--author", "ÉMILE ZOLA", "--json").stdout)
    assert sorted(item["id"] for item in zola) == [2, 3, 4]
    books = json.loads(run("--db", archive, "list", "--category", "BOOKS", "--json").stdout)
    assert sorted(item["id"] for item in books) == [2, 3]
    herb = json.loads(run("--db", archive, "search", "herb", "--json").stdout)
    assert sorted(item["id"] for item in herb) == [1, 5]
    assert json.loads(run("--db", archive, "show", "1", "--json").stdout)["authors"] == [
        "Douglas Wood",
        "Jeremy Herb",
    ]
    assert "healthy" in run("--db", archive, "check").stdout
    # The text hash follows the new byline: the same article added again is recognised.
    again = run(
        "--db", archive, "add", "--title", "Germinal reviewed", "--body", "A novel of the mines.",
        "-a", "émile zola",
    )  # fmt: skip
    assert "Already stored as article 2" in again.stdout
    new = json.loads(run("--db", archive, "add", "--title", "Fresh", "--json").stdout)
    assert new["id"] == 6


def test_tenth_schema_archive_merges_copies_of_one_page(run, tmp_path):
    """m011: url keys fold a page's AMP copies, "www." and mobile hosts and default page;
    articles stored under two such addresses become one, losing no text."""
    archive = tmp_path / "v10.db"
    shutil.copy(FIXTURES / "archive-v10.db", archive)
    upgrade = run("--db", archive, "list")
    assert "merged 5 article(s) stored twice under addresses of one page" in upgrade.stderr
    assert "merged" not in run("--db", archive, "list").stderr  # said once
    db = sqlite_utils.Database(archive)
    stored = {row["id"]: row for row in article_rows(db)}
    assert sorted(stored) == [1, 4, 5, 8, 9, 11, 12, 14, 15, 16, 18, 19]
    ferry = stored[1]
    # The first stored stays as it was, with what its copies knew and it did not.
    assert (ferry["title"], ferry["body"]) == (
        "Ferry fares rise",
        "Fares rise by ten percent in March.",
    )
    assert (ferry["authors"], ferry["category"], ferry["tags"]) == (
        "Marta Olsen",
        "Local",
        "Ferries,Transport",
    )
    assert ferry["url_key"] == "https://harbour.example/2025/ferry-fares"
    assert stored[4]["url_key"] == "https://harbour.example/2025/dredging"
    assert stored[5]["url_key"] == "https://harbour.example/guides"
    # A host's IDNA 2008 key may be another row's old key: both re-keyed, no clash.
    assert (stored[8]["url_key"], stored[9]["url_key"]) == (
        "https://strasse.example/fair",
        "https://xn--strae-oqa.example/fair",
    )
    # The full article stays, not the teaser stored before it under its AMP address.
    assert (stored[11]["partial"], stored[11]["title"]) == (0, "Ferry two")
    assert stored[11]["url_key"] == "https://harbour.example/2025/ferry-two"
    # A live blog's two posts stay two articles, as imports keep them.
    assert (stored[14]["url_key"], stored[15]["url_key"]) == ("https://harbour.example/live", None)
    # ... also when the first copy kept is the page they are on.
    assert stored[16]["guid"] == "https://harbour.example Regatta blog post-1"
    assert (stored[16]["url_key"], stored[18]["url_key"]) == (
        "https://harbour.example/regatta",
        None,
    )
    # The copies' texts are in the history, as the versions before each merge.
    history = json.loads(run("--db", archive, "history", "1", "--json").stdout)
    assert [version["change"] for version in history] == ["added", "copy", "merge", "copy", "merge"]
    assert [version["origin"] for version in history if version["change"] == "copy"] == [
        "https://harbour.example/2025/ferry-fares/amp/",
        "https://harbour-example.cdn.ampproject.org/c/s/harbour.example/2025/ferry-fares",
    ]
    kept = [
        json.loads(content)["body"]
        for (content,) in db.execute(
            "SELECT content FROM article_versions WHERE article_id = 1 AND content IS NOT NULL "
            "ORDER BY version"
        ).fetchall()
    ]
    assert kept == [
        "Fares rise by ten percent in March.",  # article 1 as it was
        "Fares rise by ten percent.",  # its AMP copy
        "Fares rise by ten percent in March.",  # after the first merge
        "Fares will rise by ten percent.",  # its AMP Cache copy
    ]
    assert "Fares will rise by ten percent." in run("--db", archive, "diff", "1", "3", "4").stdout
    guide = json.loads(run("--db", archive, "history", "5", "--json").stdout)
    assert [version["change"] for version in guide] == ["added", "import", "copy", "merge"]
    assert "healthy" in run("--db", archive, "check").stdout
    assert [
        h["id"] for h in json.loads(run("--db", archive, "search", "laundry", "--json").stdout)
    ] == []
    assert [
        h["id"] for h in json.loads(run("--db", archive, "search", "fares", "--json").stdout)
    ] == [1]
    # Any address of the page finds the article; the deleted one stays deleted.
    again = run(
        "--db", archive, "add", "--title", "Ferry fares rise", "--url",
        "https://harbour.example/2025/ferry-fares?amp=1",
        "--body", "Fares rise by ten percent in March.", "-a", "Marta Olsen",
    )  # fmt: skip
    assert "Already stored as article 1" in again.stdout
    pier = run(
        "--db", archive, "add", "--title", "Old pier closes", "--url",
        "https://harbour.example/2025/old-pier/", "--body", "The old pier closes for good.",
        expect=1,
    )  # fmt: skip
    assert "article 6, which was deleted" in pier.stderr
    # A deleted copy of a stored article does not hold back that article's updates.
    pier = run(
        "--db", archive, "add", "--title", "Pier repairs", "--url",
        "https://www.harbour.example/2025/pier", "--body", "Repairs start on Monday.",
    )  # fmt: skip
    assert "Updated article 12" in pier.stdout
    # The same when the deleted copy had the same text: it is known by its own address.
    slipway = run(
        "--db", archive, "add", "--title", "Slipway closes", "--url",
        "https://harbour.example/2025/slipway", "--body", "The slipway closes for the winter.",
        "--category", "Harbour",
    )  # fmt: skip
    assert "Updated article 19" in slipway.stdout
    assert rows(db, "SELECT count(*) AS n FROM articles")[0]["n"] == 12


def test_eleventh_schema_archive_loses_channel_and_session_parameters(run, tmp_path):
    """m012: a feed's "?ref=rss" link and a session id name the page, and articles stored
    under them and the page's own url are one; "?ref=2" names another page; feed entries
    keep their guids."""
    archive = tmp_path / "v11.db"
    shutil.copy(FIXTURES / "archive-v11.db", archive)
    before = {row["id"]: row["guid"] for row in article_rows(sqlite_utils.Database(archive))}
    upgrade = run("--db", archive, "list")
    assert "merged 2 article(s) stored twice under addresses of one page" in upgrade.stderr
    db = sqlite_utils.Database(archive)
    stored = {row["id"]: row for row in article_rows(db)}
    assert sorted(stored) == [1, 3, 4, 5, 6, 9, 10]
    assert {article_id: row["guid"] for article_id, row in stored.items()} == {
        article_id: guid for article_id, guid in before.items() if article_id in stored
    }
    assert (stored[6]["url"], stored[6]["url_key"]) == ("https://quay.example/pier",) * 2
    assert stored[9]["url_key"] == "https://quay.example/pier?ref=2"
    pier = json.loads(run("--db", archive, "history", "6", "--json").stdout)
    assert [version["change"] for version in pier] == ["added", "copy", "merge", "copy", "merge"]
    kept = [
        json.loads(content)["body"]
        for (content,) in db.execute(
            "SELECT content FROM article_versions WHERE article_id = 6 AND change = 'copy' "
            "ORDER BY version"
        ).fetchall()
    ]
    assert kept == ["The pier opens on Friday.", "The new pier opens on Friday."]
    assert "healthy" in run("--db", archive, "check").stdout
    # The feed's link finds the page; re-reading the feeds adds nothing.
    again = run(
        "--db", archive, "add", "--title", "Pier opens", "--url",
        "https://quay.example/pier?ref=rss", "--body", "The pier opens Friday.",
    )  # fmt: skip
    assert "Already stored as article 6" in again.stdout
    from tests.fixtures.make_v11_archive import LOCAL, SPORT

    for name, feed in (("sport.atom", SPORT), ("local.atom", LOCAL)):
        (tmp_path / name).write_text(feed, "utf-8")
        result = json.loads(run("--db", archive, "import", tmp_path / name, "--json").stdout)
        assert result["added"] == 0
    assert rows(db, "SELECT count(*) AS n FROM articles")[0]["n"] == 7


def test_eleventh_schema_archive_knows_its_guids_lost_their_fragments(run, tmp_path):
    """m013: the version before stored a live blog's two posts ("…/summit#block-101",
    "#block-102") as one article under "…/summit". That guid is each post's: the first
    post read again updates it, the second is added, and nothing changes after."""
    from tests.fixtures.make_v11_archive import LIVE, SUMMIT

    archive = tmp_path / "v11.db"
    shutil.copy(FIXTURES / "archive-v11.db", archive)
    feed = tmp_path / "live.rss"
    feed.write_text(LIVE, "utf-8")
    result = json.loads(run("--db", archive, "import", feed, "--json", "--no-recent").stdout)
    assert (result["added"], result["updated"]) == (1, 1)
    live = {
        row["title"]: row
        for row in article_rows(sqlite_utils.Database(archive))
        if row["url"] == SUMMIT
    }
    assert live["Minister arrives"]["id"] == 10  # the article stored before, updated
    assert live["Minister arrives"]["guid"].endswith("#block-101")
    assert live["Talks begin"]["guid"].endswith("#block-102")
    again = json.loads(run("--db", archive, "import", feed, "--json", "--again").stdout)
    assert (again["added"], again["updated"], again["unchanged"]) == (0, 0, 2)


def test_a_fingerprint_stored_before_sources_were_told_apart_gives_way(run, tmp_path):
    """The previous version kept one fingerprint, the last import's, for any source. It
    still makes that text "unchanged", until the source says something else: then a return
    to the earlier text (a withdrawn correction) is news again."""
    from tests.fixtures.make_v11_archive import SPORT

    archive = tmp_path / "v11.db"
    shutil.copy(FIXTURES / "archive-v11.db", archive)
    feed = tmp_path / "sport.atom"
    feed.write_text(SPORT, "utf-8")
    result = json.loads(run("--db", archive, "import", feed, "--json").stdout)
    assert (result["added"], result["updated"]) == (0, 0)
    feed.write_text(SPORT.replace("Notes from the sports desk.", "Corrected notes."), "utf-8")
    assert json.loads(run("--db", archive, "import", feed, "--json").stdout)["updated"] == 1
    feed.write_text(SPORT, "utf-8")
    assert json.loads(run("--db", archive, "import", feed, "--json").stdout)["updated"] == 1
    db = sqlite_utils.Database(archive)
    [body] = [row["body"] for row in article_rows(db) if row["title"] == "Sport notes"]
    assert body == "Notes from the sports desk."


def test_a_guid_stored_without_its_fragment_keeps_its_mark_through_the_trash(run, tmp_path):
    """Deleted and restored, the live blog's article stored by the version before (m013)
    is still each post's: restored without its mark, the first post read again was stored
    beside it, twice."""
    from tests.fixtures.make_v11_archive import LIVE, SUMMIT

    archive = tmp_path / "v11.db"
    shutil.copy(FIXTURES / "archive-v11.db", archive)
    run("--db", archive, "delete", "10", "--yes")
    run("--db", archive, "restore", "10")
    db = sqlite_utils.Database(archive)
    marked = "SELECT guid_without_fragment AS mark FROM articles WHERE id = 10"
    assert rows(db, marked) == [{"mark": 1}]
    feed = tmp_path / "live.rss"
    feed.write_text(LIVE, "utf-8")
    result = json.loads(run("--db", archive, "import", feed, "--json", "--no-recent").stdout)
    assert (result["added"], result["updated"]) == (1, 1)
    live = [(row["id"], row["title"]) for row in article_rows(db) if row["url"] == SUMMIT]
    assert len(live) == 2 and (10, "Minister arrives") in live
    again = json.loads(run("--db", archive, "import", feed, "--json", "--again").stdout)
    assert (again["added"], again["updated"], again["unchanged"]) == (0, 0, 2)


def test_a_guid_deleted_before_the_upgrade_keeps_its_mark_when_restored(run, tmp_path):
    """m013 marks the trash's snapshots too: the storm blog's post, stored as "…/storm" and
    deleted before the upgrade, comes back as the post it was, not beside it."""
    from tests.fixtures.make_v11_archive import STORM, live_feed

    archive = tmp_path / "v11.db"
    shutil.copy(FIXTURES / "archive-v11.db", archive)
    assert "Restored 11." in run("--db", archive, "restore", "11").stdout
    db = sqlite_utils.Database(archive)
    assert rows(db, "SELECT guid_without_fragment AS m FROM articles WHERE id = 11")[0]["m"] == 1
    feed = tmp_path / "storm.rss"
    posts = [(f"{STORM}#post-1", "Roads closed"), (f"{STORM}#post-2", "Ferries stopped")]
    feed.write_text(live_feed(posts).replace("2025/summit", "2025/storm"), "utf-8")
    result = json.loads(run("--db", archive, "import", feed, "--json", "--no-recent").stdout)
    assert (result["added"], result["updated"]) == (1, 1)
    storm = {row["title"]: row for row in article_rows(db) if row["url"] == STORM}
    assert storm["Roads closed"]["id"] == 11
    assert storm["Roads closed"]["guid"].endswith("#post-1")
