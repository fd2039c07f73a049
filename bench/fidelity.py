"""Import fidelity on real pages and feeds, through newsctl's own import path.

    python bench/fidelity.py --corpus ../shared/corpus [--only html|meta|feeds] [--json]

HTML pages: share of pages with a title, an author and a date; time per page;
body quality against the human-annotated text, scored as the article
extraction benchmark that published the pages scores it (4-token shingles of
\\w+ tokens, per-page tp/fp/fn normalised to sum to 1, precision and recall
averaged over pages, F1 the harmonic mean of the averages). The pages are
split in two halves by a hash of their file name: tune on one, and check the
other stays close. Feeds: imported or rejected (and why), entries imported
against feedparser's reference count, entries with a date, an author and a credit, and
entries whose body still carries HTML tags or entities.

Pages with metadata gold (meta/): each page read by the HTML parser's
`extract_page` (what an import stores, with every author rather than only the
first the archive keeps today) and scored as the corpus README says: the title
with the site's name dropped, equal to the gold once case, whitespace, quotes
and dashes are set aside; the authors right when every stored name appears in
the gold and the gold's first name is among them; the publication day; the body
right on precision when it holds none of the `without` snippets and on recall
when it holds every `with` snippet. Two more author figures put that one in
context: the same on the pages whose gold byline names a person by
newsctl.names's rules (some name only a newsroom or a site), and the share of
pages with stored authors whose every stored name is in the gold. The byline
figure scores what the archive keeps of the byline: its people, else its
credit (the newsroom or wire service it names, as trafilatura's author field
keeps it), right when the credit appears in the gold and holds the gold's first
name ("dpa/lno" for "dpa/lno"); with the share of stored credits in the gold. Each figure
is printed for all pages and for the two hash halves (tune on one, check on
the other); the table says over how many pages each was computed.
"""

import argparse
import gzip
import hashlib
import json
import re
import statistics
import sys
import tempfile
import time
import unicodedata
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

from newsctl.archive import open_archive
from newsctl.importer import Importer
from newsctl.models import ArticleFilter

TOKEN = re.compile(r"\w+")
# HTML elements and entities left in a body. (Angle brackets as such are not counted:
# "<jane@example.com>" and "List<String>" are text.)
HTML_LEFTOVER = re.compile(
    r"</?(?:html|head|body|div|p|span|a|img|br|b|i|em|strong|script|style|iframe|object|embed"
    r"|table|tr|td|ul|ol|li|h[1-6]|pre|code|blockquote|font)\b[^<>]{0,300}>"
    r"|&(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z]{2,8});",
    re.IGNORECASE,
)


# -- scoring (the article-extraction-benchmark metric) ----------------------


def shingles(text: str, size: int = 4) -> Counter:
    tokens = TOKEN.findall(text or "")
    return Counter(
        tuple(tokens[i : i + size]) for i in range(max(1, len(tokens) - size + 1)) if tokens
    )


def page_score(truth: str, predicted: str) -> tuple[float, float, float]:
    """(tp, fp, fn) over shingle multisets, normalised to sum to 1."""
    expected, found = shingles(truth), shingles(predicted)
    tp = sum((expected & found).values())
    fp = sum((found - expected).values())
    fn = sum((expected - found).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def precision(tp: float, fp: float, fn: float) -> float:
    return 1.0 if fp == fn == 0 else (0.0 if tp == fp == 0 else tp / (tp + fp))


def recall(tp: float, fp: float, fn: float) -> float:
    return 1.0 if fp == fn == 0 else (0.0 if tp == fn == 0 else tp / (tp + fn))


def summarise(scores: list[tuple[float, float, float]]) -> dict:
    p = statistics.mean(precision(*s) for s in scores if s[0] + s[1] > 0)
    r = statistics.mean(recall(*s) for s in scores if s[0] + s[2] > 0)
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r), 4)}


def page_f1(score: tuple[float, float, float]) -> float:
    p, r = precision(*score), recall(*score)
    return 2 * p * r / (p + r) if p + r else 0.0


def half_of(name: str) -> str:
    """Pages are split for tuning by a hash of their file name: stable, not chosen by hand."""
    return "tuning" if hashlib.sha256(name.encode()).digest()[0] % 2 == 0 else "held_out"


# -- running newsctl's importer ------------------------------------------------


def import_one(path: Path, folder: Path) -> tuple[list, dict, float]:
    """Import one file into a fresh archive; its articles, the summary, and the time taken."""
    db = folder / f"{path.name}.db"
    with open_archive(db) as archive:
        started = time.perf_counter()
        summary = Importer(archive).run([str(path)])
        elapsed = time.perf_counter() - started
        articles = archive.list_articles(ArticleFilter(), limit=None, with_body=True, sort="added")
    return articles, summary.to_json(), elapsed


def evaluate_html(corpus: Path, work: Path) -> dict:
    import trafilatura  # noqa: F401  (loaded before timing: start-up is not per page)

    pages = sorted(corpus.glob("html/*.html.gz"))
    rows = []
    for page in pages:
        truth = json.loads(page.with_name(page.name.replace(".html.gz", ".json")).read_text())
        articles, summary, elapsed = import_one(page, work)
        article = articles[0] if articles else None
        score = page_score(truth.get("body") or "", article.body if article else "")
        rows.append(
            {
                "page": page.name.removesuffix(".html.gz"),
                "half": half_of(page.name),
                "title": bool(article and article.title),
                "author": bool(article and article.author),
                "credit": bool(article and article.credit),
                "date": bool(article and article.published_at),
                "seconds": elapsed,
                "score": score,
                "f1": page_f1(score),
                "rejected": summary["rejects"][0]["reason"] if summary["rejects"] else None,
            }
        )
    result = {
        "pages": len(rows),
        "title_found": round(statistics.mean(r["title"] for r in rows), 3),
        "author_found": round(statistics.mean(r["author"] for r in rows), 3),
        "author_or_credit_found": round(
            statistics.mean(r["author"] or r["credit"] for r in rows), 3
        ),
        "date_found": round(statistics.mean(r["date"] for r in rows), 3),
        "seconds_per_page": round(statistics.mean(r["seconds"] for r in rows), 3),
        "body": summarise([r["score"] for r in rows]),
        "pages_f1_at_least_0_9": round(statistics.mean(r["f1"] >= 0.9 for r in rows), 3),
        "rejected": [{"page": r["page"], "reason": r["rejected"]} for r in rows if r["rejected"]],
        "worst": [
            {"page": r["page"], "f1": round(r["f1"], 3), "half": r["half"]}
            for r in sorted(rows, key=lambda r: r["f1"])[:10]
        ],
    }
    for half in ("tuning", "held_out"):
        chosen = [r["score"] for r in rows if r["half"] == half]
        result[f"body_{half}"] = {**summarise(chosen), "pages": len(chosen)}
    return result


# -- pages with title, author and date gold -----------------------------------

# Typographic variants that say the same thing: a title right but for its quote marks is right.
_SAME_CHARACTER = str.maketrans(
    {"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201c": '"', "\u201d": '"',
     "\u201e": '"', "\u00ab": '"', "\u00bb": '"', "\u2013": "-", "\u2014": "-",
     "\u00a0": " "}
)  # fmt: skip
# How the gold writes several authors ("A und B", "A, B", "A; B", "A / B") and a byline word.
_GOLD_SEPARATORS = re.compile(r"\s*(?:[;,/|&]|\s(?:and|und|y|et)\s)\s*", re.IGNORECASE)
_GOLD_PREFIX = re.compile(r"^(?:by|von|par|por)\s+", re.IGNORECASE)


def normalised(text: str | None) -> str:
    """Text as compared with the gold: NFKC, case-folded, one space, typographic marks plain."""
    text = unicodedata.normalize("NFKC", text or "").translate(_SAME_CHARACTER).casefold()
    return " ".join(text.split()).strip(" .")


def gold_names(gold: str) -> list[str]:
    """The names in a gold byline, as the page joined them."""
    names = [_GOLD_PREFIX.sub("", part.strip()) for part in _GOLD_SEPARATORS.split(gold)]
    return [normalised(name) for name in names if normalised(name)]


def authors_right(stored: tuple[str, ...], gold: str) -> bool:
    """Every stored name appears in the gold byline, and the gold's first name is stored."""
    names = gold_names(gold)
    if not stored or not names:
        return False
    wanted = normalised(gold)
    found = [normalised(name) for name in stored]
    return all(name in wanted for name in found) and names[0] in found


def credit_right(credit: str, gold: str) -> bool:
    """A credit is one organisation's name, written as the page writes it ("dpa/lno", "FR mit
    dpa"): right when it appears in the gold byline and holds the gold's first name."""
    names = gold_names(gold)
    return bool(names) and normalised(credit) in normalised(gold) and names[0] in normalised(credit)


def gold_day(gold: str) -> str:
    """The gold's day as YYYY-MM-DD.

    Two gold days are mistyped: "2022-01.26", and "2022-25-10" with day and month swapped.
    """
    year, month, day = re.split(r"\D", gold.strip()[:10])
    if int(month) > 12 >= int(day):
        month, day = day, month
    return f"{year}-{month}-{day}"


def day_right(stored: str | None, gold: str) -> bool:
    """Whether a stored UTC instant falls on the gold day in UTC."""
    return bool(stored) and stored[:10] == gold_day(gold)


def day_right_somewhere(stored: str | None, gold: str) -> bool:
    """Whether a stored UTC instant is on the gold day in some real zone (UTC-12 to UTC+14).

    The gold is the day the page shows, in the publisher's zone; an instant at
    00:30+02:00 is stored as 22:30Z the day before and is still the right day.
    """
    if not stored:
        return False
    instant = datetime.fromisoformat(stored.replace("Z", "+00:00"))
    start = datetime.fromisoformat(gold_day(gold)).replace(tzinfo=UTC)
    return start - timedelta(hours=14) <= instant < start + timedelta(hours=36)


def local_day(stored: str | None, offset: str | None) -> str | None:
    """The day of a stored UTC instant in the zone the page wrote it in (UTC if it gave none)."""
    if not stored:
        return None
    instant = datetime.fromisoformat(stored.replace("Z", "+00:00"))
    if offset:
        sign = -1 if offset.startswith("-") else 1
        hours, minutes = offset[1:].split(":")
        instant += sign * timedelta(hours=int(hours), minutes=int(minutes))
    return instant.date().isoformat()


def day_right_locally(stored: str | None, offset: str | None, gold: str) -> bool:
    """Whether the stored instant falls on the gold day in the page's own zone.

    The gold is the publisher's local day; newsctl stores the UTC instant, and
    an article published at 00:30+02:00 is stored on the previous UTC day. The
    page's own offset (when it gave one) turns the instant back into its day.
    """
    return local_day(stored, offset) == gold_day(gold)


def evaluate_meta(corpus: Path) -> dict:
    from newsctl.errors import ParseError
    from newsctl.names import author_names
    from newsctl.parsers.html_page import extract_page

    rows = []
    for page in sorted(corpus.glob("meta/*.html.gz")):
        gold = json.loads(page.with_name(page.name.replace(".html.gz", ".json")).read_text())
        data = gzip.decompress(page.read_bytes())
        started = time.perf_counter()
        try:
            fields = extract_page(data, page.name)
        except ParseError as problem:
            fields, rejected = None, str(problem)
        else:
            rejected = None
        elapsed = time.perf_counter() - started
        body = normalised(fields.body if fields else "")
        row = {
            "page": page.name.removesuffix(".html.gz"),
            "half": half_of(page.name),
            "seconds": elapsed,
            "rejected": rejected,
            "got": {
                "title": fields.title if fields else None,
                "authors": list(fields.authors) if fields else [],
                "credit": fields.credit if fields else None,
                "published_at": fields.published_at if fields else None,
            },
            "gold": {key: gold.get(key) for key in ("title", "author", "date")},
            "without_found": not any(normalised(s) in body for s in gold.get("without") or []),
            "with_found": all(normalised(s) in body for s in gold.get("with") or []),
        }
        if "title" in gold:
            row["title"] = bool(fields) and normalised(fields.title) == normalised(gold["title"])
        if "author" in gold:
            stored = fields.authors if fields else ()
            row["author"] = authors_right(stored, gold["author"])
            if stored:  # what is stored is a name of the byline
                wanted = normalised(gold["author"])
                row["author_in_gold"] = all(normalised(name) in wanted for name in stored)
            # Some gold bylines name only a newsroom, a site or a handle with digits ("Redaktion",
            # "IWB", "delta201"), which newsctl.names refuses as people by design.
            if author_names(gold["author"]):
                row["author_person"] = row["author"]
            # The byline as the page shows it: its people, else the newsroom, wire or
            # publication it credits (newsctl.names.credit_name), as trafilatura's author is.
            credit = fields.credit if fields and not stored else None
            row["byline"] = credit_right(credit, gold["author"]) if credit else row["author"]
            if credit:
                row["credit_in_gold"] = normalised(credit) in normalised(gold["author"])
        if "date" in gold:
            stored = fields.published_at if fields else None
            row["date"] = day_right(stored, gold["date"])
            offset = fields.published_offset if fields else None
            row["date_local"] = day_right_locally(stored, offset, gold["date"])
            row["date_any_zone"] = day_right_somewhere(stored, gold["date"])
        rows.append(row)
    result = {"pages": len(rows), "seconds_per_page": round(_mean(r["seconds"] for r in rows), 3)}
    for part, chosen in [
        ("all", rows),
        ("tuning", [r for r in rows if r["half"] == "tuning"]),
        ("held_out", [r for r in rows if r["half"] == "held_out"]),
    ]:
        result[part] = {"pages": len(chosen)} | {
            field: {
                "right": round(_mean(r[field] for r in chosen if field in r), 3),
                "pages": sum(1 for r in chosen if field in r),
            }
            for field in META_FIELDS
        }
    result["rejected"] = {r["page"]: r["rejected"] for r in rows if r["rejected"]}
    result["wrong"] = {
        field: [
            {"page": r["page"], "got": r["got"], "gold": r["gold"]}
            for r in rows
            if field in r and not r[field]
        ]
        for field in ("title", "author", "byline", "date")
    }
    return result


META_FIELDS = (
    "title",
    "author",
    "author_person",
    "author_in_gold",
    "byline",
    "credit_in_gold",
    "date",
    "date_local",
    "date_any_zone",
    "without_found",
    "with_found",
)
META_LABELS = {
    "title": "title, site name dropped",
    "author": "authors right",
    "author_person": "  where the gold names a person",
    "author_in_gold": "  stored names all in the gold",
    "byline": "byline right (people, else credit)",
    "credit_in_gold": "  stored credits in the gold",
    "date": "publication day (UTC)",
    "date_local": "publication day (page's zone)",
    "date_any_zone": "publication day (some zone)",
    "without_found": "body: no `without` snippet",
    "with_found": "body: every `with` snippet",
}


def _mean(values) -> float:
    values = list(values)
    return statistics.mean(values) if values else 0.0


def evaluate_feeds(corpus: Path, work: Path) -> dict:
    feeds = sorted(p for p in corpus.glob("feeds/*") if not p.name.endswith(".meta.json"))
    rows = []
    for feed in feeds:
        meta_path = feed.with_name(feed.name.rsplit(".", 1)[0] + ".meta.json")
        meta = json.loads(meta_path.read_text()) if meta_path.exists() else {}
        reference = (meta.get("reference") or {}).get("entry_count") or 0
        articles, summary, _ = import_one(feed, work)
        records = summary["added"] + summary["updated"] + summary["unchanged"] + summary["partial"]
        rows.append(
            {
                "feed": feed.name,
                "reference_entries": reference,
                "imported_entries": records,
                "rejected": [r["reason"] for r in summary["rejects"]],
                "with_date": sum(1 for a in articles if a.published_at),
                "with_author": sum(1 for a in articles if a.author),
                "with_credit": sum(1 for a in articles if a.credit),
                "html_in_body": [a.title for a in articles if HTML_LEFTOVER.search(a.body)],
                "stored": len(articles),
            }
        )
    valid = [r for r in rows if r["reference_entries"] > 0]
    stored = sum(r["stored"] for r in rows) or 1
    return {
        "feeds": len(rows),
        "feeds_imported": sum(1 for r in rows if r["imported_entries"] and not r["rejected"]),
        "feeds_rejected": {r["feed"]: r["rejected"][0] for r in rows if r["rejected"]},
        "feeds_with_entries_per_reference": len(valid),
        "valid_feeds_fully_imported": sum(
            1 for r in valid if r["imported_entries"] >= r["reference_entries"]
        ),
        "entries_reference": sum(r["reference_entries"] for r in rows),
        "entries_imported": sum(r["imported_entries"] for r in rows),
        "short_feeds": {
            r["feed"]: f"{r['imported_entries']} of {r['reference_entries']}"
            for r in valid
            if r["imported_entries"] < r["reference_entries"]
        },
        "share_with_date": round(sum(r["with_date"] for r in rows) / stored, 3),
        "share_with_author": round(sum(r["with_author"] for r in rows) / stored, 3),
        "share_with_credit": round(sum(r["with_credit"] for r in rows) / stored, 3),
        "bodies_with_html": sum(len(r["html_in_body"]) for r in rows),
        "html_in_bodies": {r["feed"]: r["html_in_body"] for r in rows if r["html_in_body"]},
    }


def print_report(results: dict) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    html = results.get("html")
    if html:
        table = Table(title=f"HTML pages ({html['pages']})", title_justify="left")
        table.add_column("figure")
        table.add_column("value", justify="right")
        for label, value in [
            ("body F1 (all pages)", html["body"]["f1"]),
            ("body precision / recall", f"{html['body']['precision']} / {html['body']['recall']}"),
            (f"body F1, tuning half ({html['body_tuning']['pages']})", html["body_tuning"]["f1"]),
            (
                f"body F1, held-out half ({html['body_held_out']['pages']})",
                html["body_held_out"]["f1"],
            ),
            ("pages with F1 ≥ 0.9", html["pages_f1_at_least_0_9"]),
            ("title found", html["title_found"]),
            ("author found", html["author_found"]),
            ("author or credit found", html["author_or_credit_found"]),
            ("date found", html["date_found"]),
            ("seconds per page", html["seconds_per_page"]),
            ("pages rejected", len(html["rejected"])),
        ]:
            table.add_row(label, str(value))
        console.print(table)
        console.print(
            "ten worst pages: " + ", ".join(f"{w['page']} ({w['f1']})" for w in html["worst"])
        )
    meta = results.get("meta")
    if meta:
        table = Table(title=f"Pages with metadata gold ({meta['pages']})", title_justify="left")
        table.add_column("figure", no_wrap=True)
        table.add_column("pages", justify="right")
        for part in ("all", "tuning", "held_out"):
            table.add_column(part.replace("_", "-"), justify="right")
        for field in META_FIELDS:
            table.add_row(
                META_LABELS[field],
                " / ".join(str(meta[part][field]["pages"]) for part in ("tuning", "held_out")),
                *(f"{meta[part][field]['right']:.3f}" for part in ("all", "tuning", "held_out")),
            )
        table.add_row("seconds per page", "", str(meta["seconds_per_page"]), "", "")
        table.add_row("pages rejected", "", str(len(meta["rejected"])), "", "")
        console.print(table)
    feeds = results.get("feeds")
    if feeds:
        table = Table(title=f"Feeds ({feeds['feeds']})", title_justify="left")
        table.add_column("figure")
        table.add_column("value", justify="right")
        fully = (
            f"{feeds['valid_feeds_fully_imported']} of {feeds['feeds_with_entries_per_reference']}"
        )
        entries = f"{feeds['entries_imported']} / {feeds['entries_reference']}"
        for label, value in [
            ("feeds imported", feeds["feeds_imported"]),
            ("feeds rejected", len(feeds["feeds_rejected"])),
            ("valid feeds fully imported", fully),
            ("entries imported / reference", entries),
            ("entries with a date", feeds["share_with_date"]),
            ("entries with an author", feeds["share_with_author"]),
            ("entries with a credit (no author)", feeds["share_with_credit"]),
            ("bodies with HTML tags or entities", feeds["bodies_with_html"]),
        ]:  # fmt: skip
            table.add_row(label, str(value))
        console.print(table)
        for feed, reason in feeds["feeds_rejected"].items():
            console.print(f"  rejected {feed}: {reason}", highlight=False, markup=False)
        for feed, titles in feeds["html_in_bodies"].items():
            console.print(f"  HTML in {feed}: {'; '.join(titles)}", highlight=False, markup=False)
        for feed, counts in feeds["short_feeds"].items():
            console.print(f"  short {feed}: {counts}", highlight=False, markup=False)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus", type=Path, default=Path("../shared/corpus"))
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--json-out", type=Path, help="also write the figures to this file")
    parser.add_argument("--only", choices=["html", "meta", "feeds"], help="evaluate one part only")
    options = parser.parse_args()
    if not any((options.corpus / part).is_dir() for part in ("html", "meta", "feeds")):
        print(f"no corpus at {options.corpus} (expected html/, meta/, feeds/); nothing to measure")
        return
    results = {}
    with tempfile.TemporaryDirectory() as folder:
        if options.only in (None, "html") and (options.corpus / "html").is_dir():
            results["html"] = evaluate_html(options.corpus, Path(folder))
        if options.only in (None, "meta") and (options.corpus / "meta").is_dir():
            results["meta"] = evaluate_meta(options.corpus)
        if options.only in (None, "feeds") and (options.corpus / "feeds").is_dir():
            results["feeds"] = evaluate_feeds(options.corpus, Path(folder))
    if options.json_out:
        options.json_out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    if options.json:
        json.dump(results, sys.stdout, indent=2)
        print()
    else:
        print_report(results)


if __name__ == "__main__":
    main()
