"""Credits against hostile and tricky input: what must not become an article's credit (a
picture's credit, a link, a photographer's name), what must (a newsroom a structured feed
names, a JSON Feed's wire copy), and a person's edit of a credit that an import would read
from the text's dateline."""

import json

from tests.conftest import article_rows

BODY = "<p>The council voted on the harbour plan on Monday evening after a long debate.</p>"


def _stored(db) -> dict[str, tuple[str | None, str | None]]:
    return {row["title"]: (row["authors"], row["credit"]) for row in article_rows(db())}


def _page(title: str, head: str = "", byline: str = "", first: str = "") -> str:
    return (
        f"<html><head><title>{title}</title>{head}</head><body><article><h1>{title}</h1>"
        f"{byline}<p>{first}</p>{BODY * 3}</article></body></html>"
    )


def test_an_edit_that_removes_a_credit_read_from_the_dateline_removes_it(run, db, tmp_path):
    """`edit --credit ''` removes the credit, also when the text's dateline names the wire
    ("WASHINGTON (AP) —"): an edit says the credit, it does not read it from the text again.
    An edit of another field adds no credit either."""
    records = tmp_path / "wire.jsonl"
    records.write_text(
        json.dumps(
            {
                "title": "Senate votes",
                "url": "https://wire.example/senate",
                "body": "WASHINGTON (AP) — The Senate voted.",
            }
        ),
        "utf-8",
    )
    run("import", records)
    [article] = article_rows(db())
    assert article["credit"] == "AP"
    article_id = str(article["id"])
    removed = run("edit", article_id, "--credit", "")
    assert "changed: credit" in removed.stdout
    assert db()["articles"].get(article["id"])["credit"] is None
    assert "by unknown author" in run("show", article_id).stdout
    # Another field edited: the credit stays removed.
    run("edit", article_id, "--title", "Senate votes on the bill")
    assert db()["articles"].get(article["id"])["credit"] is None
    # A credit set by hand, then removed: gone, not the dateline's "AP" back.
    run("edit", article_id, "--credit", "Agencia EFE")
    run("edit", article_id, "--credit", "")
    assert db()["articles"].get(article["id"])["credit"] is None
    changed = [v["fields"] for v in json.loads(run("history", article_id, "--json").stdout)]
    assert changed[1:] == [["credit"], ["title"], ["credit"], ["credit"]]
    # The unchanged source read again does not undo the person's edit.
    again = json.loads(run("import", records, "--again", "--json").stdout)
    assert (again["updated"], again["unchanged"]) == (0, 1)
    assert db()["articles"].get(article["id"])["credit"] is None


def test_pictures_credits_are_no_credit_of_the_article(run, db, tmp_path):
    """A picture's, video's or graphic's credit names who made it, not who wrote the text:
    as a label before a colon ("Symbolbild: dpa", "Crédit photo : AFP") or in its name
    ("Reuters Pictures", "dpa-Grafik"), in a byline, a record or a text's last line."""
    for name, byline in [
        ("symbol", "Symbolbild: dpa"),
        ("archive", "Archivfoto: dpa"),
        ("source", "Bildquelle: dpa"),
        ("credit", "Crédit photo : AFP"),
        ("pictures", "Reuters Pictures"),
    ]:
        page = _page(f"Page {name}", byline=f'<div class="byline">{byline}</div>')
        (tmp_path / f"{name}.html").write_text(page, "utf-8")
    records = tmp_path / "records.jsonl"
    records.write_text(
        "\n".join(
            json.dumps(record)
            for record in [
                {"title": "Chart", "body": "Rates rose.", "author": "dpa-Grafik"},
                {"title": "Clip", "body": "The ship docked.", "author": "AP Video"},
                {"title": "Last line", "body": "The ship docked.\n\n(Reuters Graphics)"},
                {"title": "Wire", "body": "Rates rose.", "author": "dpa"},
            ]
        ),
        "utf-8",
    )
    run("import", tmp_path)
    assert _stored(db) == {
        "Page symbol": (None, None),
        "Page archive": (None, None),
        "Page source": (None, None),
        "Page credit": (None, None),
        "Page pictures": (None, None),
        "Chart": (None, None),
        "Clip": (None, None),
        "Last line": (None, None),
        "Wire": (None, "dpa"),
    }


def test_a_link_is_no_credit_nor_author(run, db, tmp_path):
    """An organisation or an author "named" by a link ("https://harbour.example/") is not
    credited as the link's host ("harbour.example"), nor stored as a person."""
    page = tmp_path / "linked.html"
    page.write_text(
        _page(
            "Linked",
            '<script type="application/ld+json">{"@type": "NewsArticle", "headline": '
            '"Linked", "author": {"@type": "Organization", "name": '
            '"https://harbour.example/"}}</script>',
        ),
        "utf-8",
    )
    records = tmp_path / "linked.jsonl"
    records.write_text(
        json.dumps(
            {
                "title": "Linked record",
                "body": "The pier opens.",
                "author": {"@type": "Organization", "name": "https://harbour.example/team"},
            }
        ),
        "utf-8",
    )
    feed = tmp_path / "linked.json"
    feed.write_text(
        json.dumps(
            {
                "version": "https://jsonfeed.org/version/1.1",
                "title": "Quay",
                "items": [
                    {
                        "id": "1",
                        "title": "Linked item",
                        "content_text": "The quay opens.",
                        "authors": [{"name": "https://quay.example/team"}],
                    }
                ],
            }
        ),
        "utf-8",
    )
    run("import", page, records, feed)
    assert _stored(db) == {
        "Linked": (None, None),
        "Linked record": (None, None),
        "Linked item": (None, None),
    }
    assert json.loads(run("authors", "--json").stdout) == []


def test_wire_copy_naming_a_person_beside_the_wire_is_no_wire_credit(run, db, tmp_path):
    """ "(REUTERS/Jane Doe)", a photographer's credit, and "(Jane Doe/dpa)" name a person: a
    person is no part of a credit. An editor's initials beside the wire ("jd/dpa") are."""
    records = tmp_path / "wire.json"
    records.write_text(
        json.dumps(
            [
                {"title": "Photographed", "body": "The ship docked.\n\n(REUTERS/Jane Doe)"},
                {"title": "Signed", "body": "Der Hafen wächst. (Jane Doe/dpa)"},
                {"title": "Initials", "body": "Der Hafen wächst. (jd/dpa)"},
            ]
        ),
        "utf-8",
    )
    run("import", records)
    assert _stored(db) == {
        "Photographed": (None, None),
        "Signed": (None, None),
        "Initials": (None, "jd/dpa"),
    }


def test_a_structured_feed_author_naming_a_newsroom_is_its_credit(run, db, tmp_path):
    """An Atom or JSON Feed author named "La Rédaction", "Die Redaktion" or "Editorial
    Board" is a newsroom's credit, as the same byline is in RSS: not a person."""
    atom = tmp_path / "quay.atom"
    entries = "".join(
        f"<entry><id>e{number}</id><title>Entry {number}</title><summary>Text.</summary>"
        f"<updated>2025-01-01T00:00:00Z</updated><author><name>{name}</name></author></entry>"
        for number, name in enumerate(
            ["La Rédaction", "Die Redaktion", "Editorial Board", "De Redactie", "Jane Doe"]
        )
    )
    atom.write_text(
        '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><id>tag:quay</id>'
        f"<title>Quay</title><updated>2025-01-01T00:00:00Z</updated>{entries}</feed>",
        "utf-8",
    )
    rss = tmp_path / "quay.xml"
    rss.write_text(
        '<?xml version="1.0"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        "<channel><title>Quay RSS</title><link>https://quay.example/</link>"
        "<item><title>Item</title><link>https://quay.example/item</link>"
        "<dc:creator>La Rédaction</dc:creator><description>Text.</description></item>"
        "</channel></rss>",
        "utf-8",
    )
    run("import", atom, rss)
    assert _stored(db) == {
        "Entry 0": (None, "La Rédaction"),
        "Entry 1": (None, "Die Redaktion"),
        "Entry 2": (None, "Editorial Board"),
        "Entry 3": (None, "De Redactie"),
        "Entry 4": ("Jane Doe", None),
        "Item": (None, "La Rédaction"),
    }
    assert [a["name"] for a in json.loads(run("authors", "--json").stdout)] == ["Jane Doe"]
    again = json.loads(run("import", atom, rss, "--again", "--json").stdout)
    assert (again["updated"], again["unchanged"]) == (0, 6)


def test_json_feed_wire_copy_is_credited_to_its_agency(run, db, tmp_path):
    """A JSON Feed item without authors whose text opens with a wire's dateline is credited
    to that wire, as an RSS item's or a record's is."""
    feed = tmp_path / "wire.json"
    feed.write_text(
        json.dumps(
            {
                "version": "https://jsonfeed.org/version/1.1",
                "title": "Quay",
                "items": [
                    {"id": "1", "title": "Gobierno", "content_text": "MADRID (EFE) - El gobierno."},
                    {"id": "2", "title": "Place", "content_text": "Paris (Texas) — A storm."},
                    {
                        "id": "3",
                        "title": "Signed",
                        "content_text": "PARIS (AFP) - Le gouvernement.",
                        "authors": [{"name": "Jean Roy"}],
                    },
                ],
            }
        ),
        "utf-8",
    )
    run("import", feed)
    assert _stored(db) == {
        "Gobierno": (None, "EFE"),
        "Place": (None, None),
        "Signed": ("Jean Roy", None),
    }
    again = json.loads(run("import", feed, "--again", "--json").stdout)
    assert (again["updated"], again["unchanged"]) == (0, 3)


def test_markdown_export_credits_the_wire_beside_the_authors(run, tmp_path):
    """The Markdown meta line credits as `show` does: "Ana Ruiz (dpa)", not "Ana Ruiz"."""
    records = tmp_path / "signed.jsonl"
    records.write_text(
        json.dumps({"title": "Tide", "body": "Tides.", "author": "Ana Ruiz", "credit": "dpa"}),
        "utf-8",
    )
    run("import", records)
    assert "by Ana Ruiz (dpa)" in run("show", "1").stdout
    assert "*Ana Ruiz (dpa) · " in run("export", "--format", "markdown").stdout


def test_a_legislators_party_and_state_is_no_wire_credit(run, db, tmp_path):
    """ "Sen. Jane Doe (D-PA) —": a party and a state after a name, where "PA" is the state,
    not the Press Association; "dpa-AFX", a wire's service, stays its credit."""
    records = tmp_path / "politics.json"
    records.write_text(
        json.dumps(
            [
                {"title": "Senate", "body": "Sen. Jane Doe (D-PA) — who won in 2022, said no."},
                {"title": "House", "body": "Rep. John Roe (R-PA) - voted against the bill."},
                {"title": "Markets", "body": "Frankfurt (dpa-AFX) - Der Dax stieg."},
            ]
        ),
        "utf-8",
    )
    run("import", records)
    assert _stored(db) == {
        "Senate": (None, None),
        "House": (None, None),
        "Markets": (None, "dpa-AFX"),
    }
    assert "PA" not in run("list").stdout


def test_portuguese_and_polish_agencies_are_credits_not_people(run, db, tmp_path):
    """ "Agência Lusa", "Agência Brasil" (Portuguese), "Agencja Reuters" (Polish): the word
    for "agency" in the singular, as its plural ("agências") already was, names a wire."""
    feed = tmp_path / "lusa.xml"
    items = "".join(
        f"<item><title>Item {number}</title><link>https://lusa.example/{number}</link>"
        f"<dc:creator>{creator}</dc:creator><description>Texto.</description></item>"
        for number, creator in enumerate(
            ["Agência Lusa", "Agência Brasil", "Agencja Reuters", "Ana Ruiz, Agência Lusa"]
        )
    )
    feed.write_text(
        '<?xml version="1.0"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f"<channel><title>Notícias</title><link>https://lusa.example/</link>{items}"
        "</channel></rss>",
        "utf-8",
    )
    records = tmp_path / "lusa.jsonl"
    records.write_text(
        json.dumps({"title": "Governo", "body": "LISBOA (Agência Lusa) - O governo decidiu."}),
        "utf-8",
    )
    run("import", feed, records)
    assert _stored(db) == {
        "Item 0": (None, "Agência Lusa"),
        "Item 1": (None, "Agência Brasil"),
        "Item 2": (None, "Agencja Reuters"),
        "Item 3": ("Ana Ruiz", None),
        "Governo": (None, "Agência Lusa"),
    }
    assert [a["name"] for a in json.loads(run("authors", "--json").stdout)] == ["Ana Ruiz"]
