"""Bytes to text (newsctl.decoding) on real-world input, alone and through the CLI.

Each expected text is the text the test encoded itself, or the case's README (tests/data holds
copies of shared/cases/import/stray-byte.xml and cp1252-undeclared.html).
"""

import codecs
import io
import json
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from newsctl.decoding import BINARY, choose_encoding, decode, open_text, utf8_xml
from newsctl.errors import ParseError
from tests.conftest import article_rows

DATA = Path(__file__).parent / "data"
TEXT = "Café owner’s “harbour special” costs €12 in München; smørrebrød, crêpes — 東京"
# Text as the standards allow it: no surrogates, none of the control characters that mark
# binary data (WHATWG MIME Sniffing: NUL, 01-08, 0B, 0E-1A, 1C-1F).
PLAIN_TEXT = st.text(
    st.characters(
        blacklist_categories=("Cs",),
        blacklist_characters="".join(map(chr, [*range(0, 9), 11, *range(14, 27), *range(28, 32)])),
    )
)


class OneByteAtATime(io.RawIOBase):
    """A pipe-like stream: no seek, no peek, short reads."""

    def __init__(self, data: bytes):
        self.data = data

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if not self.data:
            return 0
        buffer[0] = self.data[0]
        self.data = self.data[1:]
        return 1


# -- rule 1 and 2: byte order marks, UTF-16/32 without one --------------------------


@pytest.mark.parametrize(
    ("mark", "codec"),
    [
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
    ],
)
def test_a_byte_order_mark_decides_and_is_not_text(mark, codec):
    data = mark + TEXT.encode(codec)
    assert decode(data, "x") == TEXT
    assert choose_encoding(data).rule == "byte order mark"
    # Even when a declaration says otherwise.
    xml = mark + f'<?xml version="1.0" encoding="iso-8859-1"?><r>{TEXT}</r>'.encode(codec)
    assert TEXT in decode(xml, "x", markup="xml")


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_utf16_and_utf32_without_a_mark_by_their_zero_bytes(codec):
    xml = f'<?xml version="1.0" encoding="utf-16"?><r>{TEXT}</r>'
    assert decode(xml.encode(codec), "x", markup="xml") == xml
    record = json.dumps({"title": TEXT}, ensure_ascii=False)
    assert decode(record.encode(codec), "x") == record


# -- rule 3: binary ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        b"PK\x03\x04\x14\x00\x06\x00",
        b"GIF89a\x01\x00\x01\x00\x80\x00\x00",
        bytes(range(1, 256)) * 4,  # no NUL at all, but control bytes throughout
    ],
)
def test_binary_data_is_a_parse_error(data):
    with pytest.raises(ParseError) as raised:
        decode(data, "photo.txt")
    assert str(raised.value) == f"photo.txt: {BINARY}"


def test_a_nul_far_into_a_text_is_text():
    # Real feeds carry the odd NUL (shared/corpus: fj2009-NotSoStupid.xml); MIME Sniffing
    # judges text or binary on the first 1445 bytes only.
    data = ("Plain text. " * 200).encode() + b"\x00" + TEXT.encode()
    assert decode(data, "x").endswith(TEXT)
    with pytest.raises(ParseError, match="binary"):
        decode(b"\x00" * 4 + data, "x")


@pytest.mark.parametrize("stray", [b"\x0b", b"\x0c", b"\x1a", b"\x00", b"\x0b\x0b\x0b"], ids=repr)
def test_a_few_stray_controls_at_the_start_are_text(stray):
    # Word's line break (0B) pasted into a description, DOS's end-of-file mark (1A), a NUL.
    assert decode(b"Harbour news" + stray + TEXT.encode(), "x").endswith(TEXT)


def test_stray_controls_cost_no_record(run, db, tmp_path):
    feed = tmp_path / "vt.xml"
    feed.write_bytes(
        b"<rss version='2.0'><channel><title>G</title><link>https://g.example/</link><item>"
        b"<title>Mayor speaks</title><link>https://g.example/1</link><description>First line"
        b"\x0bsecond line</description></item></channel></rss>"
    )
    table = tmp_path / "eof.csv"
    table.write_bytes(b"title,url,body\nA,https://g.example/a,one\nB,https://g.example/b,two\n\x1a")
    run("import", feed)
    run("import", table)
    bodies = {row["title"]: row["body"] for row in article_rows(db())}
    assert bodies == {"Mayor speaks": "First line second line", "A": "one", "B": "two"}


@pytest.mark.parametrize("stray", ["\x0b", "\x0c", "\x00", "\x1a"], ids=repr)
def test_a_stray_control_in_json_costs_no_record(run, db, tmp_path, stray):
    # JSON allows no raw control character, in a string or between tokens: one pasted from
    # Word, or DOS's end-of-file mark, is read as a space.
    text = "The harbour board met on Monday to discuss the ferry timetable. " * 3
    array = tmp_path / "a.json"
    array.write_text(
        f'[{{"title": "One", "body": "{text}a{stray}b"}},{stray} {{"title": "Two", "body": '
        f'"{text}"}}]{stray}'
    )
    lines = tmp_path / "l.jsonl"
    lines.write_text(
        f'{{"title": "Three{stray}", "body": "{text}"}}{stray}\n'
        f'{{"title": "Four", "body": "{text}"}}\n{stray}\n'
    )
    result = run("import", array, lines)
    assert "rejected" not in result.stderr
    assert sorted(row["title"] for row in article_rows(db())) == ["Four", "One", "Three", "Two"]


# -- rule 4 and 5: UTF-8, declared encodings --------------------------------------------


def test_a_declared_encoding_is_used_when_the_bytes_fit_it():
    greek = "Η Αθήνα είναι η πρωτεύουσα της Ελλάδας."
    page = f'<html><head><meta charset="iso-8859-7"><title>{greek}</title></head></html>'
    assert decode(page.encode("iso-8859-7"), "x", markup="html") == page
    old_style = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251">'
        "<title>Москва</title></head></html>"
    )
    assert decode(old_style.encode("cp1251"), "x", markup="html") == old_style
    feed = f'<?xml version="1.0" encoding="KOI8-R"?><rss><title>{greek[:0]}Москва</title></rss>'
    assert decode(feed.encode("koi8-r"), "x", markup="xml") == feed
    # A caller's declaration (an HTTP charset) needs no markup.
    assert decode("Москва".encode("cp1251"), "x", declared="windows-1251") == "Москва"
    assert choose_encoding("Москва".encode("cp1251"), declared="cp1251").rule == "declared"


def test_a_meta_charset_after_long_scripts_still_counts():
    # As on real pages (gazeta.pl): scripts with charset= attributes first, the <meta> later.
    head = '<script src="a.js" charset="UTF-8"></script>' + "<script>var x = 1;</script>" * 80
    page = f'<html><head>{head}<meta charset="ISO-8859-2"></head><p>Zażółć gęślą jaźń</p>'
    assert decode(page.encode("iso-8859-2"), "x", markup="html") == page


def test_whatwg_label_meanings():
    # ISO-8859-1 and US-ASCII labels mean windows-1252: 0x80 is the euro, not a C1 control.
    page = '<meta charset="iso-8859-1"><p>€12 “special”</p>'
    assert decode(page.encode("cp1252"), "x", markup="html") == page
    page = '<meta charset="us-ascii"><p>€12</p>'
    assert decode(page.encode("cp1252"), "x", markup="html") == page
    page = '<meta charset="gb2312"><p>北京马拉松 𠀀</p>'  # GB2312 means GB18030
    assert decode(page.encode("gb18030"), "x", markup="html") == page


def test_a_declaration_the_bytes_do_not_fit_is_not_trusted():
    # Declared Shift_JIS, written in windows-1252: detection reads it.
    page = '<meta charset="shift_jis"><p>Crêpes and smørrebrød at the café for €12.</p>'
    assert decode(page.encode("cp1252"), "x", markup="html") == page
    # A UTF-16 label on bytes that are not UTF-16 is ignored (WHATWG: read as UTF-8).
    page = '<meta charset="utf-16"><p>Crêpes and smørrebrød.</p>'
    assert decode(page.encode("utf-8"), "x", markup="html") == page
    # A label naming no text encoding at all is ignored too.
    page = '<meta charset="base64"><p>Crêpes and smørrebrød.</p>'
    assert decode(page.encode("cp1252"), "x", markup="html") == page


def test_valid_utf8_beats_a_legacy_declaration():
    page = '<meta charset="windows-1252"><p>Crêpes — smørrebrød</p>'
    assert decode(page.encode("utf-8"), "x", markup="html") == page
    assert choose_encoding(page.encode("utf-8"), markup="html").rule == "UTF-8"


# UTF-8 text whose one apostrophe is a stray windows-1252 byte (0x92), as in a feed that
# pastes in one item from an old system; MISLABELLED is what it says it is, not what it is.
MIXED = "Smørrebrød for €12 in München. The café owner’s menu."
MISLABELLED = MIXED.encode().replace("’".encode(), b"\x92")


def test_utf8_with_a_stray_byte_beats_a_single_byte_declaration():
    # windows-1252 (what ISO-8859-1 means) decodes any bytes, so only the bytes can tell.
    feed = b'<?xml version="1.0" encoding="ISO-8859-1"?><r>' + MISLABELLED + b"</r>"
    page = b'<meta charset="iso-8859-1"><p>' + MISLABELLED + b"</p>"
    assert MIXED in decode(feed, "x", markup="xml")
    assert MIXED in decode(page, "x", markup="html")
    assert decode(MISLABELLED, "x", declared="windows-1252") == MIXED
    assert choose_encoding(page, markup="html").rule == "UTF-8 with stray bytes"
    # The same declaration on legacy bytes still holds: they are not UTF-8.
    for legacy in (b"M\xfcnchen", b"caf\xe9", MIXED.encode("cp1252")):
        page = b'<meta charset="iso-8859-1"><p>' + legacy + b"</p>"
        assert decode(page, "x", markup="html") == page.decode("cp1252")
        assert choose_encoding(page, markup="html").rule == "declared"
    # So do declarations of other legacy encodings, whose bytes hold the odd valid UTF-8
    # sequence by accident ("Жё" in windows-1251 is C6 B8, "中" in GB18030 is D6 D0).
    for text, codec in (
        ("Москва - столица России. Жёлтый дом, «ПРАВДА»", "windows-1251"),
        ("Москва - столица России. Жёлтый дом, ЁЖ", "koi8-r"),
        ("日本語のテキストです。東京の図書館で本を読みました。", "shift_jis"),
        ("北京马拉松比赛今天举行，数万名跑者参加。中文", "gb18030"),
    ):
        page = f'<meta charset="{codec}"><p>{text}</p>'
        assert decode(page.encode(codec), "x", markup="html") == page
        assert choose_encoding(page.encode(codec), markup="html").rule == "declared"
        assert decode(text.encode(codec), "x", declared=codec) == text


def test_declarations_are_only_looked_for_where_the_format_has_them():
    # Plain text that happens to mention a meta tag is not declaring anything.
    text = 'Write <meta charset="koi8-r"> in the head. Crêpes — smørrebrød'
    assert decode(text.encode("utf-8"), "x") == text


# -- rules 4 and 6: stray bytes -------------------------------------------------------


def test_one_stray_windows_1252_byte_costs_one_character():
    data = "Second story — fine. München, smørrebrød. The café owner".encode() + b"\x92s menu"
    assert decode(data, "x") == "Second story — fine. München, smørrebrød. The café owner’s menu"
    assert choose_encoding(data).rule == "UTF-8 with stray bytes"
    # A byte windows-1252 has no character for is replaced, and nothing else is lost.
    assert decode("Straße — ".encode() + b"\x81", "x") == "Straße — \ufffd"


def test_stray_byte_feed_case():
    text = decode((DATA / "stray-byte.xml").read_bytes(), "x", markup="xml")
    assert "Second story — fine" in text and "München" in text and "smørrebrød" in text
    assert "Café owner’s new menu" in text


# -- rule 7: detection ---------------------------------------------------------------


def test_undeclared_windows_1252_page_case():
    text = decode((DATA / "cp1252-undeclared.html").read_bytes(), "x", markup="html")
    assert "crêpes, smørrebrød and a “harbour special” costing €12" in text
    assert "München and Zürich" in text


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        ("Café news\n\nBody", "latin-1"),  # too short for any evidence: windows-1252
        ("Café owner’s menu €12", "cp1252"),
        ("Москва — столица России, крупнейший город страны. " * 3, "koi8-r"),
        ("日本語のテキストです。東京の図書館で本を読みました。" * 2, "shift_jis"),
        ("北京马拉松比赛今天举行，数万名跑者参加。" * 2, "gb18030"),
        ("지하철 요금이 다음 달부터 인상됩니다. 시민들은 불만을 표시했다. " * 2, "euc-kr"),
        ("Nowa piekarnia w Łodzi otworzyła się wczoraj. Chleb jest świeży i tani.", "cp1250"),
        # ISO-8859-15's euro sign where ISO-8859-1 has "¤"; French text stays windows-1252.
        ("Brötchen kosten 0,50 € und der Kaffee 2 € in der Bäckerei am Markt.", "iso8859_15"),
        ("Les œuvres coûtent 500 € au cœur de Paris, dit Šíma.", "iso8859_15"),
        ("Fête de la bière à Genève : où est passé le maïs ?\nL'été à Besançon\n", "cp1252"),
        ("Blåbær og jordbær til dessert i sommerhuset ved fjorden.\n", "cp1252"),
        # One letter the two encodings read apart is no evidence: English stays windows-1252.
        ("title,body\nCafé,Crêpes for €12 at the café on the quay.\n", "cp1252"),
    ],
)
def test_undeclared_legacy_text_is_detected(text, codec):
    data = text.replace("—", "-").encode(codec)
    assert decode(data, "x") == text.replace("—", "-")


# -- feeds: UTF-8 bytes for feedparser ----------------------------------------------------


def test_utf8_xml_rewrites_the_declaration():
    feed = '<?xml version="1.0" encoding="ISO-8859-1" standalone="yes"?><rss>Niños €</rss>'
    converted = utf8_xml(feed.encode("cp1252"), "x")
    assert converted == feed.replace("ISO-8859-1", "utf-8").replace('"utf-8"', '"utf-8"').encode()
    assert converted.startswith(b'<?xml version="1.0" encoding="utf-8" standalone="yes"?>')
    utf16 = codecs.BOM_UTF16_LE + feed.replace("ISO-8859-1", "UTF-16").encode("utf-16-le")
    assert utf8_xml(utf16, "x").decode("utf-8") == feed.replace("ISO-8859-1", "utf-8")


def test_utf8_xml_leaves_utf8_feeds_alone():
    feed = '<?xml version="1.0" encoding="utf-8"?><rss>Crêpes</rss>'.encode()
    assert utf8_xml(feed, "x") is feed
    no_declaration = "<rss>Crêpes</rss>".encode()
    assert utf8_xml(no_declaration, "x") is no_declaration
    json_feed = json.dumps({"title": "Crêpes"}, ensure_ascii=False).encode("utf-16")
    assert json.loads(utf8_xml(json_feed, "x")) == {"title": "Crêpes"}


def test_feedparser_reads_the_stray_byte_feed_intact():
    import feedparser

    parsed = feedparser.parse(utf8_xml((DATA / "stray-byte.xml").read_bytes(), "x"))
    assert [entry.title for entry in parsed.entries] == [
        "Café owner’s new menu",
        "Second story — fine",
    ]
    assert not parsed.bozo  # not even a CharacterEncodingOverride


# -- streams ----------------------------------------------------------------------------


def test_stream_keeps_characters_cut_at_the_head_boundary():
    # "é" (2 bytes) and "東" (3 bytes) straddle the 64 KB that choose the encoding.
    for filler in (65535, 65534):
        data = b"a" * filler + "é東".encode() + b"\x92 later\n"
        with open_text(io.BufferedReader(OneByteAtATime(data)), "x") as text:
            assert text.read() == "a" * filler + "é東’ later\n"


def test_stream_in_utf16_with_a_mark():
    lines = [json.dumps({"title": TEXT}, ensure_ascii=False) + "\n"] * 3
    data = "".join(lines).encode("utf-16")
    with open_text(io.BytesIO(data), "x") as text:
        assert text.readlines() == lines


def test_stream_in_windows_1252_detected_from_the_head():
    data = ("title,body\nCafé,Crêpes for €12 at the café on the quay.\n" * 50).encode("cp1252")
    with open_text(io.BytesIO(data), "x", newline="") as text:
        assert text.read() == data.decode("cp1252")


def test_closing_the_text_stream_leaves_the_input_open():
    stream = io.BytesIO(b"plain\n")
    open_text(stream, "x").close()
    assert not stream.closed


def test_a_binary_stream_is_a_parse_error():
    with pytest.raises(ParseError, match="binary"):
        open_text(io.BytesIO(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10), "x.jsonl")


# -- properties --------------------------------------------------------------------------


@given(text=PLAIN_TEXT)
@example(text="\ufeff")
def test_any_text_comes_back_from_utf8_and_from_marked_utf16(text):
    # U+FEFF at the start of UTF-8 bytes is the byte order mark, which decoding drops (Unicode
    # §23.8); with a mark before it, it is text.
    if not text.startswith("\ufeff"):
        assert decode(text.encode("utf-8"), "x") == text
    assert decode(text.encode("utf-16"), "x") == text
    assert decode(codecs.BOM_UTF8 + text.encode(), "x") == text


@given(data=st.binary(max_size=3000))
def test_any_bytes_give_text_or_a_parse_error(data):
    try:
        text = decode(data, "x", markup="html")
    except ParseError as error:
        assert error.message == BINARY
    else:
        assert isinstance(text, str)


# -- through the CLI ---------------------------------------------------------------------


def test_import_stray_byte_feed(run, db):
    result = run("import", DATA / "stray-byte.xml")
    assert "Warning" not in result.stderr
    first, second = article_rows(db())
    assert first["title"] in ("Café owner’s new menu", "Café owner\ufffds new menu")
    assert first["body"] == "The café owner’s menu in München."
    assert second["title"] == "Second story — fine"
    assert second["body"] == "Crêpes and smørrebrød."


def test_import_undeclared_windows_1252_page(run, db):
    run("import", DATA / "cp1252-undeclared.html")
    [article] = article_rows(db())
    assert article["title"] == "Café owner’s new menu"
    assert "crêpes, smørrebrød and a “harbour special” costing €12" in article["body"]


def test_add_a_saved_page_in_latin_1(run, db, tmp_path):
    page = tmp_path / "latin1.txt"
    page.write_bytes("Café news\n\nThe café reopens.".encode("latin-1"))
    run("add", page)
    [article] = article_rows(db())
    assert (article["title"], article["body"]) == ("Café news", "The café reopens.")


def test_import_jsonl_in_utf16_and_csv_in_windows_1252(run, db, tmp_path):
    records = tmp_path / "records.jsonl"
    records.write_bytes(
        (json.dumps({"title": "Straße gesperrt", "body": "München"}) + "\n").encode("utf-16")
    )
    table = tmp_path / "table.csv"
    rows = "".join(f"Crêpes reviewed {n},The café charges €{n}.\n" for n in (12, 13))
    table.write_bytes(("title,body\n" + rows).encode("cp1252"))
    run("import", records)
    run("import", table)
    stored = [(row["title"], row["body"]) for row in article_rows(db())]
    assert stored == [
        ("Straße gesperrt", "München"),
        ("Crêpes reviewed 12", "The café charges €12."),
        ("Crêpes reviewed 13", "The café charges €13."),
    ]


def test_import_feed_in_utf16(run, db, tmp_path):
    feed = (
        '<?xml version="1.0" encoding="UTF-16"?><rss version="2.0"><channel><title>t</title>'
        "<item><title>Smørrebrød night</title><link>https://x.example/1</link>"
        "<description>At the café.</description></item></channel></rss>"
    )
    (tmp_path / "feed.xml").write_bytes(feed.encode("utf-16"))
    run("import", tmp_path / "feed.xml")
    [article] = article_rows(db())
    assert (article["title"], article["body"]) == ("Smørrebrød night", "At the café.")


def test_a_utf16_feed_declaring_entities_is_refused_like_any_other(run, tmp_path):
    # Once decoded, the hostile-feed checks see UTF-16 feeds too.
    feed = (
        '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE rss [<!ENTITY e "x">]>'
        "<rss><channel><item><title>&e;</title></item></channel></rss>"
    )
    (tmp_path / "feed.xml").write_bytes(feed.encode("utf-16"))
    result = run("import", tmp_path / "feed.xml", expect=None)
    assert result.exit_code != 0 and "declares XML entities" in result.stderr


def test_jsonl_with_stray_bytes_keeps_its_text(run, db, tmp_path):
    records = tmp_path / "records.jsonl"
    records.write_bytes(
        json.dumps({"title": "München — Straße"}, ensure_ascii=False).encode()
        + b"\n"
        + b'{"title": "The caf\xe9 owner\x92s menu"}\n'
    )
    run("import", records)
    titles = [row["title"] for row in article_rows(db())]
    assert titles == ["München — Straße", "The café owner’s menu"]


def test_import_feed_declared_latin_1_but_written_in_utf8_with_a_stray_byte(run, db, tmp_path):
    feed = (
        b'<?xml version="1.0" encoding="ISO-8859-1"?><rss version="2.0"><channel><title>t</title>'
        b"<item><title>Sm\xc3\xb8rrebr\xc3\xb8d for \xe2\x82\xac12 in M\xc3\xbcnchen</title>"
        b"<link>https://x.example/1</link>"
        b"<description>The caf\xc3\xa9 on the quay \xe2\x80\x94 open daily.</description></item>"
        b"<item><title>The caf\xc3\xa9 owner\x92s menu</title><link>https://x.example/2</link>"
        b"<description>Cr\xc3\xaapes and sm\xc3\xb8rrebr\xc3\xb8d.</description></item>"
        b"</channel></rss>"
    )
    (tmp_path / "feed.xml").write_bytes(feed)
    run("import", tmp_path / "feed.xml")
    stored = [(row["title"], row["body"]) for row in article_rows(db())]
    assert stored == [
        ("Smørrebrød for €12 in München", "The café on the quay — open daily."),
        ("The café owner’s menu", "Crêpes and smørrebrød."),
    ]
    listed = run("list").stdout
    assert "Smørrebrød for €12 in München" in listed and "The café owner’s menu" in listed
    assert "Ã" not in listed and "â‚¬" not in listed
    assert "The café on the quay — open daily." in run("show", "1").stdout


def test_import_page_with_a_latin_1_meta_but_written_in_utf8_with_a_stray_byte(run, db, tmp_path):
    paragraphs = "".join(
        f"<p>Paragraph {n}: the café on the quay serves smørrebrød for €12, as in München.</p>"
        for n in range(6)
    )
    page = (
        '<html><head><meta charset="iso-8859-1"><title>Smørrebrød for €12</title></head>'
        f"<body><article><h1>Smørrebrød for €12</h1>{paragraphs}"
        "<p>The café owner’s menu changes daily.</p></article></body></html>"
    ).encode()
    (tmp_path / "page.html").write_bytes(page.replace("’".encode(), b"\x92"))
    run("import", tmp_path / "page.html")
    [article] = article_rows(db())
    assert article["title"] == "Smørrebrød for €12"
    assert (
        "Paragraph 0: the café on the quay serves smørrebrød for €12, as in München."
        in (article["body"])
    )
    assert article["body"].endswith("The café owner’s menu changes daily.")
    assert "Smørrebrød for €12" in run("list").stdout
    shown = run("show", "1").stdout
    assert "The café owner’s menu changes daily." in shown and "Ã" not in shown


def test_a_latin_1_declaration_holds_for_latin_1_bytes_only(run, db, tmp_path):
    # One text, one declaration, two files: bytes in latin-1 (windows-1252) and bytes in UTF-8
    # with one stray windows-1252 byte. Both are read as the same text.
    text = "Caf\u00e9 owner\u2019s smørrebrød in München"
    for name, body in (
        ("latin-1", text.encode("cp1252")),
        ("utf-8", text.encode().replace("’".encode(), b"\x92")),
    ):
        feed = (
            b'<?xml version="1.0" encoding="ISO-8859-1"?><rss version="2.0"><channel>'
            b"<title>t</title><item><title>"
            + body
            + b"</title><link>https://x.example/"
            + name.encode()
            + b"</link><description>"
            + body
            + b"</description></item>"
            b"</channel></rss>"
        )
        (tmp_path / f"{name}.xml").write_bytes(feed)
        run("import", tmp_path / f"{name}.xml")
    (tmp_path / "page.html").write_bytes(
        b'<html><head><meta charset="iso-8859-1"><title>M\xfcnchen caf\xe9</title></head>'
        b"<body><article><h1>M\xfcnchen caf\xe9</h1><p>Das Caf\xe9 in M\xfcnchen \xf6ffnet "
        b"wieder, sagte der B\xfcrgermeister am Montag.</p></article></body></html>"
    )
    run("import", tmp_path / "page.html")
    stored = [(row["title"], row["body"]) for row in article_rows(db())]
    assert stored == [
        (text, text),
        (text, text),
        ("München café", "Das Café in München öffnet wieder, sagte der Bürgermeister am Montag."),
    ]


def test_an_undeclared_latin_9_feed_keeps_its_euro_signs(run, db, tmp_path):
    feed = (
        "<rss version='2.0'><channel><title>Markt</title><link>https://markt.example/</link>"
        "<item><title>Brötchen kosten 0,50 €</title><link>https://markt.example/1</link>"
        "<description>Der Kaffee kostet 2 € in der Bäckerei.</description></item></channel></rss>"
    )
    (tmp_path / "de.xml").write_bytes(feed.encode("iso8859_15"))
    run("import", tmp_path / "de.xml")
    [row] = article_rows(db())
    assert (row["title"], row["body"]) == (
        "Brötchen kosten 0,50 €",
        "Der Kaffee kostet 2 € in der Bäckerei.",
    )
    assert json.loads(run("list", "--json").stdout)[0]["title"] == "Brötchen kosten 0,50 €"


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-32", "utf-32-be"])
@pytest.mark.parametrize(
    "records",
    [
        "title\tbody\nStraße gesperrt\tMünchen bleibt zu.\nBrücke offen\tSie ist offen.\n",
        json.dumps(
            [
                {"title": "Straße gesperrt", "body": "München bleibt zu."},
                {"title": "Brücke offen", "body": "Sie ist offen."},
            ]  # fmt: skip
        ),
        json.dumps({"title": "Straße gesperrt", "body": "München bleibt zu."})
        + "\n"
        + json.dumps({"title": "Brücke offen", "body": "Sie ist offen."})
        + "\n",
    ],
    ids=["csv", "json", "jsonl"],
)
@pytest.mark.parametrize("where", ["stdin", ".txt"])
def test_records_in_utf16_or_utf32_are_sniffed_as_records(run, db, tmp_path, codec, records, where):
    # The format is told from the text the bytes hold, with or without a byte order mark:
    # never one saved page made of the whole input, nor a page rejected for its JSON.
    data = records.encode(codec)
    if where == "stdin":
        result = run("import", "-", "--json", input=data)
    else:
        (tmp_path / "records.txt").write_bytes(data)
        result = run("import", tmp_path / "records.txt", "--json")
    assert json.loads(result.stdout)["added"] == 2 and result.stderr == ""
    stored = [(row["title"], row["body"]) for row in article_rows(db())]
    assert stored == [("Straße gesperrt", "München bleibt zu."), ("Brücke offen", "Sie ist offen.")]
