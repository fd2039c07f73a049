"""Import fidelity on real pages and feeds, through newsctl's own import path.

    python bench/fidelity.py --corpus ../shared/corpus [--json] [--json-out FILE]

HTML pages: share of pages with a title, an author and a date; time per page;
body quality against the human-annotated text, scored as the article
extraction benchmark that published the pages scores it (4-token shingles of
\\w+ tokens, per-page tp/fp/fn normalised to sum to 1, precision and recall
averaged over pages, F1 the harmonic mean of the averages). The pages are
split in two halves by a hash of their file name: tune on one, and check the
other stays close. Feeds: imported or rejected (and why), entries imported
against feedparser's reference count, entries with a date and an author, and
entries whose body still carries HTML tags or entities.
"""

import argparse
import hashlib
import json
import re
import statistics
import sys
import tempfile
import time
from collections import Counter
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
            ("date found", html["date_found"]),
            ("seconds per page", html["seconds_per_page"]),
            ("pages rejected", len(html["rejected"])),
        ]:
            table.add_row(label, str(value))
        console.print(table)
        console.print(
            "ten worst pages: " + ", ".join(f"{w['page']} ({w['f1']})" for w in html["worst"])
        )
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
    parser.add_argument("--only", choices=["html", "feeds"], help="evaluate one part only")
    options = parser.parse_args()
    if not (options.corpus / "html").is_dir() and not (options.corpus / "feeds").is_dir():
        print(f"no corpus at {options.corpus} (expected html/ and feeds/); nothing to measure")
        return
    results = {}
    with tempfile.TemporaryDirectory() as folder:
        if options.only in (None, "html") and (options.corpus / "html").is_dir():
            results["html"] = evaluate_html(options.corpus, Path(folder))
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
