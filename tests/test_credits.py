"""Credits: the newsroom, wire service or publication an article is credited to when its
byline names no person ("Reuters Staff", "dpa", "Redaktion"). Such a byline is no author
(newsctl.names), but it is kept, shown, exported and edited as the article's credit."""

import json
import shutil
from pathlib import Path

import sqlite_utils

from newsctl.names import credit_name, wire_credit
from tests.conftest import article_rows

FIXTURES = Path(__file__).parent / "fixtures"

FEED = """<?xml version="1.0"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>
<title>Harbour Times</title><link>https://harbour.example/</link>
<item><title>Ferry back in March</title><link>https://harbour.example/ferry</link>
<dc:creator>Reuters Staff</dc:creator><description>The ferry returns in March.</description></item>
<item><title>Bridge closes</title><link>https://harbour.example/bridge</link>
<dc:creator>admin</dc:creator><description>The bridge closes for repairs.</description></item>
<item><title>Market opens</title><link>https://harbour.example/market</link>
<dc:creator>Jane Doe</dc:creator><description>The new market opens on Saturday.</description></item>
<item><title>Storm warning</title><link>https://harbour.example/storm</link>
<author>news@harbour.example (By AP)</author>
<description>A storm nears the coast.</description></item>
</channel></rss>
"""


def _stored(db) -> dict[str, tuple[str | None, str | None]]:
    return {row["title"]: (row["authors"], row["credit"]) for row in article_rows(db())}


def test_a_feed_byline_naming_a_newsroom_is_the_credit_not_an_author(run, db, tmp_path):
    feed = tmp_path / "harbour.xml"
    feed.write_text(FEED, "utf-8")
    run("import", feed)
    assert _stored(db) == {
        "Ferry back in March": (None, "Reuters Staff"),
        # A template's account names no one, as author or credit.
        "Bridge closes": (None, None),
        "Market opens": ("Jane Doe", None),
        "Storm warning": (None, "AP"),
    }
    assert [a["name"] for a in json.loads(run("authors", "--json").stdout)] == ["Jane Doe"]
    shown = json.loads(run("list", "--json", "--sort", "title").stdout)
    assert [(item["author"], item["credit"]) for item in shown] == [
        (None, None), (None, "Reuters Staff"), ("Jane Doe", None), (None, "AP"),
    ]  # fmt: skip
    panel = run("show", str(shown[1]["id"])).stdout
    assert "by Reuters Staff" in panel
    assert "Reuters Staff" in run("list").stdout
    # The same feed again changes nothing.
    again = json.loads(run("import", feed, "--again", "--json").stdout)
    assert (again["added"], again["updated"], again["unchanged"]) == (0, 0, 4)


def test_a_page_credits_its_newsroom_from_markup_and_an_organisation_author(run, db, tmp_path):
    marked = tmp_path / "marked.html"
    marked.write_text(
        "<html><head><title>Council votes on harbour plan</title></head><body><article>"
        "<h1>Council votes on harbour plan</h1><span class='author'>Von Redaktion</span>"
        + "<p>The council voted on the harbour plan on Monday evening after a long debate "
        "about the costs, the schedule and the ferries that use the quay every day.</p>"
        * 3
        + "</article></body></html>",
        "utf-8",
    )
    declared = tmp_path / "declared.html"
    declared.write_text(
        "<html><head><title>Lab spins off a battery firm</title>"
        '<script type="application/ld+json">{"@context": "https://schema.org", "@type": '
        '"NewsArticle", "headline": "Lab spins off a battery firm", "author": {"@type": '
        '"Organization", "name": "Quay Materials Lab"}}</script></head><body><article>'
        "<h1>Lab spins off a battery firm</h1>"
        + "<p>The materials lab founded a firm to build the batteries its researchers designed "
        "over the last five years, with money from two regional investors.</p>"
        * 3
        + "</article></body></html>",
        "utf-8",
    )
    run("import", marked, declared)
    assert _stored(db) == {
        "Council votes on harbour plan": (None, "Redaktion"),
        "Lab spins off a battery firm": (None, "Quay Materials Lab"),
    }
    assert "by Redaktion ·" in run("show", str(_id(run, "Council votes on harbour plan"))).stdout


def test_records_give_a_credit_by_field_or_by_an_author_naming_no_person(run, db, tmp_path):
    records = tmp_path / "wire.jsonl"
    records.write_text(
        "\n".join(
            json.dumps(record)
            for record in [
                {"title": "Rates held", "body": "The bank held rates.", "author": "dpa"},
                {"title": "Port expands", "body": "The port grows.",
                 "author": {"@type": "Organization", "name": "Quay Port Authority"}},
                {"title": "Tide tables", "body": "New tide tables.", "author": "Ana Ruiz",
                 "credit": "Harbour Desk"},
                {"title": "Fog", "body": "Fog in the bay.", "author": "Unknown"},
            ]
        ),
        "utf-8",
    )  # fmt: skip
    run("import", records)
    assert _stored(db) == {
        "Rates held": (None, "dpa"),
        "Port expands": (None, "Quay Port Authority"),
        "Tide tables": ("Ana Ruiz", "Harbour Desk"),
        "Fog": (None, None),
    }
    [tide] = [a for a in json.loads(run("list", "--json").stdout) if a["title"] == "Tide tables"]
    assert "by Ana Ruiz (Harbour Desk)" in run("show", str(tide["id"])).stdout


def test_export_and_import_keep_the_credit(run, db, tmp_path, archive_path):
    feed = tmp_path / "harbour.xml"
    feed.write_text(FEED, "utf-8")
    run("import", feed)
    for name in ("out.csv", "out.json", "out.jsonl"):
        exported = tmp_path / name
        run("export", "-o", exported)
        copy = tmp_path / f"copy-{name}.db"
        run("--db", copy, "import", exported)
        stored = {
            row["title"]: (row["authors"], row["credit"])
            for row in article_rows(sqlite_utils.Database(copy))
        }
        assert stored == _stored(db), name
    assert "*Reuters Staff · " in (run("export", "--format", "markdown").stdout)


def test_a_credit_is_edited_and_reverted_as_a_version(run, db, tmp_path):
    feed = tmp_path / "harbour.xml"
    feed.write_text(FEED, "utf-8")
    run("import", feed)
    [ferry] = [row for row in article_rows(db()) if row["title"] == "Ferry back in March"]
    article = str(ferry["id"])
    assert "changed: credit" in run("edit", article, "--credit", "Reuters").stdout
    assert db()["articles"].get(ferry["id"])["credit"] == "Reuters"
    assert "-Credit: Reuters Staff" in run("diff", article, "1", "2").stdout
    # The unchanged feed does not undo a person's edit.
    again = json.loads(run("import", feed, "--again", "--json").stdout)
    assert again["updated"] == 0
    run("edit", article, "--credit", "")
    assert db()["articles"].get(ferry["id"])["credit"] is None
    run("edit", article, "--revert", "1")
    assert db()["articles"].get(ferry["id"])["credit"] == "Reuters Staff"
    text = tmp_path / "edited.txt"
    text.write_text("Title: Ferry back in March\nCredit: AFP\n\nThe ferry returns.\n", "utf-8")
    run("edit", article, "--text-file", text)
    assert db()["articles"].get(ferry["id"])["credit"] == "AFP"


def test_an_archive_from_before_credits_learns_them_from_its_sources(run, tmp_path):
    """m014 adds the column; an entry whose newsroom byline an earlier version dropped is
    updated with its credit the next time its feed is read, and nothing else changes."""
    from tests.fixtures.make_v11_archive import SPORT

    archive = tmp_path / "v11.db"
    shutil.copy(FIXTURES / "archive-v11.db", archive)
    before = {row["id"]: row for row in article_rows(sqlite_utils.Database(archive))}
    feed = tmp_path / "sport.atom"
    feed.write_text(SPORT, "utf-8")
    result = json.loads(run("--db", archive, "import", feed, "--json").stdout)
    assert (result["added"], result["updated"]) == (0, 0)
    credited = SPORT.replace(
        "<title>Sport notes</title>",
        "<title>Sport notes</title><author><name>Sports Desk</name></author>",
    )
    feed.write_text(credited, "utf-8")
    result = json.loads(run("--db", archive, "import", feed, "--json").stdout)
    assert (result["added"], result["updated"]) == (0, 1)
    after = {row["id"]: row for row in article_rows(sqlite_utils.Database(archive))}
    [notes] = [i for i, row in after.items() if row["title"] == "Sport notes"]
    assert after[notes]["credit"] == "Sports Desk"
    assert after[notes]["authors"] is None
    fields = ("title", "body", "authors", "category", "tags", "url", "guid", "published_at")
    assert [after[notes][f] for f in fields] == [before[notes][f] for f in fields]
    history = run("--db", archive, "history", str(notes)).stdout
    assert "credit" in history.splitlines()[-1]


def test_a_source_read_again_after_the_upgrade_adds_its_credit_not_its_old_text(run, tmp_path):
    """A feed entry stored by an earlier version with a newsroom byline it dropped, then
    edited by a person: read again, it brings its credit, and the person's edits stand
    (its other fields are what it said before)."""
    from tests.fixtures.make_v11_archive import SPORT

    archive = tmp_path / "v11.db"
    shutil.copy(FIXTURES / "archive-v11.db", archive)
    [notes] = [
        row["id"]
        for row in article_rows(sqlite_utils.Database(archive))
        if row["title"] == "Sport notes"
    ]
    run("--db", archive, "edit", str(notes), "--title", "Sport notes, corrected")
    feed = tmp_path / "sport.atom"
    feed.write_text(
        SPORT.replace(
            "<title>Sport notes</title>",
            "<title>Sport notes</title><author><name>Sports Desk</name></author>",
        ),
        "utf-8",
    )
    first = json.loads(run("--db", archive, "import", feed, "--json").stdout)
    again = json.loads(run("--db", archive, "import", feed, "--again", "--json").stdout)
    assert (first["updated"], again["updated"]) == (1, 0)
    stored = sqlite_utils.Database(archive)["articles"].get(notes)
    assert (stored["title"], stored["credit"]) == ("Sport notes, corrected", "Sports Desk")


def test_a_byline_naming_people_replaces_the_credit_it_corrects(run, db, tmp_path):
    feed = tmp_path / "harbour.xml"
    feed.write_text(FEED, "utf-8")
    run("import", feed)
    feed.write_text(
        FEED.replace("<dc:creator>Reuters Staff</dc:creator>", "<dc:creator>Jane Roe</dc:creator>"),
        "utf-8",
    )
    assert json.loads(run("import", feed, "--json").stdout)["updated"] == 1
    assert _stored(db)["Ferry back in March"] == ("Jane Roe", None)
    assert "by Jane Roe ·" in run("show", str(_id(run, "Ferry back in March"))).stdout


def _id(run, title: str) -> int:
    [found] = [a["id"] for a in json.loads(run("list", "--json").stdout) if a["title"] == title]
    return found


def test_an_edit_never_guesses_a_credit(run, db):
    run("add", "--title", "Senate vote", "--body", "WASHINGTON (AP) — The Senate voted.")
    run("add", "--title", "Rain", "--author", "Ana Ruiz", "--body", "BERLIN (dpa) - Rain.")
    assert _stored(db) == {"Senate vote": (None, "AP"), "Rain": ("Ana Ruiz", None)}
    senate, rain = _id(run, "Senate vote"), _id(run, "Rain")
    assert "changed: credit" in run("edit", str(senate), "--credit", "").stdout
    assert "changed: category" in run("edit", str(senate), "--category", "Politics").stdout
    assert "changed: authors" in run("edit", str(rain), "--author", "Kim Ode").stdout
    assert _stored(db) == {"Senate vote": (None, None), "Rain": ("Kim Ode", None)}
    wrong = run("edit", str(rain), "--author", "Reuters Staff", expect=2)
    assert "--credit" in wrong.stderr


def test_list_search_export_and_delete_select_by_credit(run, db, tmp_path):
    feed = tmp_path / "harbour.xml"
    feed.write_text(FEED, "utf-8")
    run("import", feed)

    def titles(*args: str) -> list[str]:
        return sorted(a["title"] for a in json.loads(run(*args, "--json").stdout))

    assert titles("list", "--credit", "reuters staff") == ["Ferry back in March"]
    # A wire's name is found in the credits that name it beside another's or a staff's.
    assert titles("list", "--credit", "Reuters") == ["Ferry back in March"]
    assert titles("search", "ferry", "--credit", "reuters") == ["Ferry back in March"]
    assert titles("search", "ferry", "--credit", "AP") == []
    missing = run("list", "--author", "Reuters Staff", expect=3)
    assert "--credit" in missing.stderr
    csv = run("list", "--format", "csv", "--credit", "AP").stdout.splitlines()
    assert csv[0] == "id,title,authors,category,tags,url,published_at,added_at,credit"
    assert csv[1].endswith(",AP") and len(csv) == 2
    exported = run("export", "--credit", "AP", "--format", "jsonl").stdout.splitlines()
    assert [json.loads(line)["title"] for line in exported] == ["Storm warning"]
    run("delete", "--credit", "AP", "--yes")
    assert sorted(_stored(db)) == ["Bridge closes", "Ferry back in March", "Market opens"]


def test_a_credit_filter_matches_the_wire_inside_a_credit_in_any_case(run, db, tmp_path):
    records = tmp_path / "wire.jsonl"
    records.write_text(
        "\n".join(
            json.dumps({"title": title, "body": "Text.", "credit": credit})
            for title, credit in [
                ("One", "dpa/lno"), ("Two", "FR mit dpa"), ("Three", "AFP"), ("Four", "Rédaction"),
            ]
        ),
        "utf-8",
    )  # fmt: skip
    run("add", "-", input=records.read_text("utf-8").splitlines()[0])
    for line in records.read_text("utf-8").splitlines()[1:]:
        run("add", "-", input=line)

    def titles(*args: str) -> list[str]:
        return sorted(a["title"] for a in json.loads(run("list", *args, "--json").stdout))

    assert titles("--credit", "DPA") == ["One", "Two"]
    assert titles("--credit", "ap") == []
    assert titles("--credit", "RÉDACTION") == ["Four"]


def test_credit_name_keeps_organisations_and_drops_people_and_placeholders():
    assert credit_name("By AP") == "AP"
    assert credit_name("Von Redaktion") == "Redaktion"
    assert credit_name("Redaktion Polizeiticker Schweiz") == "Redaktion Polizeiticker Schweiz"
    assert credit_name("Sports Desk") == "Sports Desk"
    assert credit_name("The Associated Press") == "The Associated Press"
    assert credit_name(["admin", "Newsdesk"]) == "Newsdesk"
    assert credit_name("Quay Labs", organisation=True) == "Quay Labs"
    # Wire services' initials that spell the words before them define an abbreviation.
    assert wire_credit("Aam Aadmi Party (AAP) – the party won.") is None
    assert wire_credit("Payments run on the Unified Payments Interface (UPI)") is None
    assert wire_credit("NEW YORK, May 5 (Reuters) - Stocks rose.") == "Reuters"
    assert wire_credit("It was said.\n\n(dpa)") == "dpa"
    for no_credit in ("Jane Doe", "Quay Labs", "Unknown", "Author", "5. Juni 2024",
                      "https://example.com", "news@example.com", "Staff Writer", "",
                      "Michael Bloomberg", "David Press", "Bob News", "The End", "Editor",
                      "Breaking News", "Latest News", "Press Release", "Contact the newsroom",
                      "Online"):  # fmt: skip
        assert credit_name(no_credit) is None, no_credit


def test_wire_copy_is_credited_to_the_agency_its_dateline_names(run, db, tmp_path):
    records = tmp_path / "wire.json"
    records.write_text(
        json.dumps(
            [
                {"title": "Senate passes bill", "body": "WASHINGTON (AP) — The Senate passed it."},
                {"title": "Hafen wächst", "body": "Hamburg (dpa/lno) - Der Hafen wächst.\n\nMehr."},
                {"title": "Kim zurück", "body": "Er ist zurück.\n\nDas hieß es. (FR mit dpa)"},
                {"title": "Bridge", "body": "BERLIN (Germany) - A place, not a wire."},
                {"title": "Picture", "body": "The harbour at dawn. (Photo: AP)"},
                {"title": "Signed", "body": "PARIS (AFP) - Text.", "author": "Jean Roy"},
            ]
        ),
        "utf-8",
    )
    run("import", records)
    assert _stored(db) == {
        "Senate passes bill": (None, "AP"),
        "Hafen wächst": (None, "dpa/lno"),
        "Kim zurück": (None, "FR mit dpa"),
        "Bridge": (None, None),
        "Picture": (None, None),
        # A byline naming a person is the article's: the wire is not credited over it.
        "Signed": ("Jean Roy", None),
    }
    page = tmp_path / "wire.html"
    page.write_text(
        "<html><head><title>Shares slip in London</title></head><body><article>"
        "<h1>Shares slip in London</h1><p>LONDON (Reuters) - Shares slipped on Monday as "
        "investors waited for the central bank's decision on rates later in the week.</p>"
        + "<p>Traders said the market would stay quiet until the decision was known, and "
        "that the pound had moved little against the dollar and the euro.</p>"
        * 3
        + "</article></body></html>",
        "utf-8",
    )
    run("import", page)
    assert _stored(db)["Shares slip in London"] == (None, "Reuters")


def test_add_takes_a_credit_and_reads_a_newsroom_author_as_one(run, db):
    run("add", "--title", "Rain returns", "--author", "Reuters", "--body", "It rains again.")
    run("add", "--title", "Sun", "--author", "Ana Ruiz", "--credit", "dpa", "--body", "Sunny.")
    assert _stored(db) == {"Rain returns": (None, "Reuters"), "Sun": ("Ana Ruiz", "dpa")}
    listed = run("list").stdout
    assert "Ana Ruiz (dpa)" in listed and "Reuters" in listed


def test_every_format_credits_the_agency_its_text_names(run, db, tmp_path):
    json_feed = tmp_path / "wire.json"
    json_feed.write_text(
        json.dumps(
            {
                "version": "https://jsonfeed.org/version/1.1",
                "title": "Quay Wire",
                "items": [
                    {"id": "1", "title": "Senate votes", "url": "https://quay.example/1",
                     "content_text": "WASHINGTON (AP) — The Senate voted on Monday."},
                    {"id": "2", "title": "Port grows", "url": "https://quay.example/2",
                     "content_text": "The port grows.", "authors": [{"name": "Newsdesk"}]},
                ],
            }
        ),
        "utf-8",
    )  # fmt: skip
    saved = tmp_path / "saved.txt"
    saved.write_text(
        "Bridge reopens\n\nBERLIN (dpa) - The bridge reopened on Monday after repairs that "
        "took a year.\n\nDrivers were glad.\n",
        "utf-8",
    )
    scraped = tmp_path / "scraped.csv"
    scraped.write_text(
        "title,body,credit\nHarbour at dawn,The harbour at dawn was quiet.,Getty Images\n"
        "Wire rates,Rates held.,Reuters\n",
        "utf-8",
    )
    run("import", json_feed, saved, scraped)
    assert _stored(db) == {
        "Senate votes": (None, "AP"),
        "Port grows": (None, "Newsdesk"),
        "Bridge reopens": (None, "dpa"),
        # Others' "credit" fields often credit a picture: only a newsroom's is kept.
        "Harbour at dawn": (None, None),
        "Wire rates": (None, "Reuters"),
    }


def test_a_phrase_about_a_wire_is_no_credit_and_a_channel_keeps_its_number(run, db, tmp_path):
    records = tmp_path / "ends.jsonl"
    records.write_text(
        "\n".join(
            json.dumps({"title": title, "body": body, "author": author})
            for title, body, author in [
                ("Rates", "Rates rose. (Reuters reported)", None),
                ("Oil", "Oil fell. (according to Reuters)", None),
                ("Port", "The port reopened. (jd/dpa)", None),
                ("Vote", "The vote passed.", "Channel 4 News"),
                ("Snow", "Snow fell.", "(c) AP"),
                ("Count", "It was counted.", "Staff 2019"),
            ]
        ),
        "utf-8",
    )
    run("import", records)
    assert _stored(db) == {
        "Rates": (None, None),
        "Oil": (None, None),
        "Port": (None, "jd/dpa"),
        "Vote": (None, "Channel 4 News"),
        "Snow": (None, "AP"),
        "Count": (None, None),
    }


def test_the_trash_shows_and_restores_the_credit(run, db, tmp_path):
    feed = tmp_path / "harbour.xml"
    feed.write_text(FEED, "utf-8")
    run("import", feed)
    ferry = _id(run, "Ferry back in March")
    run("delete", str(ferry), "--yes")
    [trashed] = json.loads(run("trash", "--json").stdout)
    assert (trashed["authors"], trashed["credit"]) == ([], "Reuters Staff")
    assert "Reuters Staff" in run("trash").stdout
    run("restore", str(ferry))
    assert db()["articles"].get(ferry)["credit"] == "Reuters Staff"


def test_an_archive_of_the_previous_version_keeps_its_edits_and_learns_its_credits(run, tmp_path):
    """archive-v13.db (tests/fixtures/make_v13_archive.py): the previous version stored Atom's
    "Editorial Board" and RSS's "Agência Lusa" as people, dropped "La Rédaction" and "Reuters
    Staff", and a person edited two titles since. Opened, the archive credits the board (m014:
    no rule reads it as a person now); the same feeds read again give the other credits and
    keep the edits; a group's own name in an Atom author ("Planet Editors") stays an author."""
    from tests.fixtures.make_v13_archive import ATOM, EDITS, RSS

    archive = tmp_path / "v13.db"
    shutil.copy(FIXTURES / "archive-v13.db", archive)
    assert "Editorial Board" not in run("--db", archive, "authors").stdout
    board = json.loads(run("--db", archive, "list", "--credit", "editorial board", "--json").stdout)
    assert [(a["title"], a["authors"]) for a in board] == [("Board view", [])]
    results = [
        json.loads(
            run("--db", archive, "import", "--format", "feed", "-", "--json", input=feed).stdout
        )
        for feed in (ATOM, RSS, ATOM, RSS)
    ]
    assert [(r["added"], r["updated"], r["unchanged"]) for r in results] == [
        (0, 1, 2), (0, 2, 0), (0, 0, 3), (0, 0, 2),
    ]  # fmt: skip
    stored = {
        row["title"]: (row["authors"], row["credit"])
        for row in article_rows(sqlite_utils.Database(archive))
    }
    assert stored == {
        EDITS["Council meets"]: (None, "La Rédaction"),
        "Board view": (None, "Editorial Board"),
        "Planet notes": ("Planet Editors", None),
        EDITS["Port expands"]: (None, "Agência Lusa"),
        "Ferry back": (None, "Reuters Staff"),
    }
    authors = run("--db", archive, "authors").stdout
    assert "Planet Editors" in authors and "Agência Lusa" not in authors
    listed = run("--db", archive, "list").stdout
    assert "Port expands again" in listed and "Agência Lusa" in listed


def test_datelines_of_places_with_particles_and_efe_style():
    assert wire_credit("Rio de Janeiro (AP) — The city voted.") == "AP"
    assert wire_credit("Frankfurt am Main (dpa) - Die Börse stieg.") == "dpa"
    assert wire_credit("Madrid, 5 may (EFE).- El Gobierno aprobó.") == "EFE"
    assert wire_credit("ASBURY PARK, N.J. (AP) — A storm hit.") == "AP"
    assert wire_credit("Hecho. (con agencias)") == "con agencias"
