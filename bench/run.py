"""newsctl's benchmark: every figure next to the SQLite floor measured in the same run.

    python bench/run.py [--sizes 10000,100000] [--quick] [--reps 3]

The machines this runs on are shared and noisy, so absolute times mean
little: each newsctl figure is printed as a ratio to a reference measured in
the same run, interleaved (A B A B ...), taking medians. Prints a table and
writes the figures as JSON (bench/results/latest.json, or --json-out).
Nothing here is part of the test suite: there are no timing assertions anywhere.
"""

import argparse
import json
import os
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import synthetic  # noqa: E402

DATA = HERE / ".data"
RESULTS = HERE / "results"
NEWSCTL = str(Path(sys.executable).with_name("newsctl"))
CRON_BATCH = 1000


# Runs a command from a small process and reports its peak memory: a child forked straight
# from this (larger) process would start with this process's memory counted in its peak.
_MEASURE = (
    "import os, subprocess, sys; process = subprocess.Popen(sys.argv[1:], "
    "stdout=subprocess.DEVNULL); _, status, usage = os.wait4(process.pid, 0); "
    "print(os.waitstatus_to_exitcode(status), usage.ru_maxrss // 1024, file=sys.stderr)"
)


def run_process(command: list[str], env: dict | None = None) -> tuple[float, int]:
    """Wall time (s) and peak RSS (MB) of one process; fails loudly if it fails."""
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", _MEASURE, *command],
        env={**os.environ, **(env or {})},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    elapsed = time.perf_counter() - started
    *messages, last = result.stderr.strip().splitlines() or ["1 0"]
    code, peak = (int(part) for part in last.split())
    if code != 0:
        raise SystemExit(f"{' '.join(command)} failed: {' '.join(messages)[-2000:]}")
    return elapsed, peak


def timed_process(command: list[str]) -> float:
    """Wall time of a process started directly (start-up figures: a helper would add noise)."""
    started = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - started


def fresh_archive(path: Path) -> Path:
    """An empty archive with newsctl's schema (so the floor loads the same tables)."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    subprocess.run([NEWSCTL, "--db", str(path), "list"], check=True, capture_output=True)
    return path


def copy_archive(source: Path, target: Path) -> Path:
    with sqlite3.connect(source) as connection:  # fold the WAL in first
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    for suffix in ("-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(source, target)
    return target


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def ms(seconds: float) -> float:
    return round(seconds * 1000, 2)


def dataset(size: int) -> tuple[Path, Path]:
    """The articles file for a size, and a cron batch of new articles for it (cached)."""
    DATA.mkdir(exist_ok=True)
    articles = DATA / f"articles-{size}.jsonl"
    cron = DATA / f"cron-{size}.jsonl"
    if not articles.exists():
        print(f"generating {size} articles ...", flush=True)
        synthetic.write_jsonl(articles.with_suffix(".tmp"), size)
        articles.with_suffix(".tmp").rename(articles)
    if not cron.exists():
        synthetic.write_jsonl(cron, CRON_BATCH, start=size, authors_for=size)
    return articles, cron


def bench_bulk(size: int, articles: Path, reps: int, work: Path) -> dict:
    floor_times, newsctl_times, floor_rss, newsctl_rss = [], [], [], []
    for _ in range(reps):  # interleaved: floor, newsctl, floor, newsctl ...
        floor_db = fresh_archive(work / "floor.db")
        elapsed, rss = run_process(
            [sys.executable, str(HERE / "floor.py"), str(articles), str(floor_db)]
        )
        floor_times.append(elapsed)
        floor_rss.append(rss)
        target = fresh_archive(work / f"newsctl-{size}.db")
        elapsed, rss = run_process(
            [NEWSCTL, "--db", str(target), "import", str(articles), "--quiet"]
        )
        newsctl_times.append(elapsed)
        newsctl_rss.append(rss)
    floor, ours = statistics.median(floor_times), statistics.median(newsctl_times)
    return {
        "floor_s": round(floor, 2),
        "newsctl_s": round(ours, 2),
        "ratio": round(ours / floor, 2),
        "articles_per_s": round(size / ours),
        "floor_articles_per_s": round(size / floor),
        "newsctl_peak_rss_mb": max(newsctl_rss),
        "floor_peak_rss_mb": max(floor_rss),
    }


def bench_cron(base: Path, cron: Path, reps: int, work: Path) -> dict:
    floor_times, newsctl_times = [], []
    for _ in range(reps):
        target = copy_archive(base, work / "cron-floor.db")
        floor_times.append(
            run_process(
                [sys.executable, str(HERE / "floor.py"), str(cron), str(target), "--incremental"]
            )[0]
        )
        target = copy_archive(base, work / "cron-newsctl.db")
        newsctl_times.append(
            run_process([NEWSCTL, "--db", str(target), "import", str(cron), "--quiet"])[0]
        )
    floor, ours = statistics.median(floor_times), statistics.median(newsctl_times)
    return {
        "floor_s": round(floor, 3),
        "newsctl_s": round(ours, 3),
        "ratio": round(ours / floor, 2),
    }


def search_queries(count: int = 20) -> list[str]:
    """1-3 word queries over common and rarer words of the synthetic vocabulary."""
    rng = random.Random(3)
    words = synthetic.vocabulary(20000)
    queries = []
    for _ in range(count):
        picks = [words[int(rng.paretovariate(0.6)) % 3000] for _ in range(rng.randint(1, 3))]
        queries.append(" ".join(picks))
    return queries


def timed(action, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - started)
    return best


def bench_queries(base: Path) -> dict:
    from newsctl.archive import open_archive
    from newsctl.models import ArticleFilter
    from newsctl.query import match_expression

    queries = search_queries()
    raw = sqlite3.connect(base)
    raw_sql = (
        "SELECT rowid, snippet(articles_fts, -1, '[', ']', '…', 24) FROM articles_fts "
        "WHERE articles_fts MATCH ? ORDER BY rank LIMIT 20"
    )
    ours, floor, newest, counted = [], [], [], []
    with open_archive(base) as archive:
        for query in queries:  # interleaved per query
            expression = match_expression(query)
            floor.append(timed(lambda e=expression: raw.execute(raw_sql, [e]).fetchall()))
            ours.append(timed(lambda q=query: archive.search(q, limit=20)))
            newest.append(timed(lambda q=query: archive.search(q, limit=20, sort="newest")))
            counted.append(timed(lambda q=query: archive.search(q, limit=20, count=True)))
        author = archive.db.execute("SELECT name FROM authors ORDER BY id LIMIT 1").fetchone()[0]
        last_id = archive.db.execute("SELECT max(id) FROM articles").fetchone()[0]
        in_process = {
            "recent_ms": ms(timed(lambda: archive.recent(limit=10), 20)),
            "list_author_ms": ms(
                timed(lambda: archive.list_articles(ArticleFilter(author=author)), 20)
            ),
            "show_ms": ms(timed(lambda: archive.get(last_id // 2), 20)),
        }
    raw.close()
    # Whole processes, as a user or a script runs them: every query, both orders.
    by_relevance, by_date = [], []
    for query in queries:
        command = [NEWSCTL, "--db", str(base), "search", "--json"]
        by_relevance.append(timed_process([*command, "--", query]))
        by_date.append(timed_process([*command, "--sort", "newest", "--", query]))
    whole = {}
    for name, args in {
        "search": ["search", queries[0], "--json"],
        "recent": ["recent"],
        "list_author": ["list", "--author", author],
        "show": ["show", str(last_id // 2)],
    }.items():
        whole[f"{name}_ms"] = ms(
            statistics.median(timed_process([NEWSCTL, "--db", str(base), *args]) for _ in range(5))
        )
    return {
        "search_p50_ms": ms(percentile(ours, 0.5)),
        "search_p95_ms": ms(percentile(ours, 0.95)),
        "search_newest_p50_ms": ms(percentile(newest, 0.5)),
        "search_newest_p95_ms": ms(percentile(newest, 0.95)),
        "search_counted_p50_ms": ms(percentile(counted, 0.5)),
        "search_counted_p95_ms": ms(percentile(counted, 0.95)),
        "raw_fts_p50_ms": ms(percentile(floor, 0.5)),
        "raw_fts_p95_ms": ms(percentile(floor, 0.95)),
        "search_ratio": round(percentile(ours, 0.5) / percentile(floor, 0.5), 2),
        "process_search_p50_ms": ms(percentile(by_relevance, 0.5)),
        "process_search_p95_ms": ms(percentile(by_relevance, 0.95)),
        "process_newest_p50_ms": ms(percentile(by_date, 0.5)),
        "process_newest_p95_ms": ms(percentile(by_date, 0.95)),
        **in_process,
        "whole_process": whole,
    }


def bench_sizes(base: Path) -> dict:
    """The archive file and its search index (FTS5's shadow tables), in MB."""
    with sqlite3.connect(base) as connection:
        index = connection.execute(
            "SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'articles_fts%'"
        ).fetchone()[0]
        searched = connection.execute(
            "SELECT sum(length(byline) + coalesce(length(title_ngrams), 0) "
            "+ coalesce(length(byline_ngrams), 0) + coalesce(length(body_ngrams), 0)) "
            "FROM articles"
        ).fetchone()[0]
    return {
        "archive_mb": round(base.stat().st_size / 1e6, 1),
        "search_index_mb": round((index or 0) / 1e6, 1),
        # The byline and pair columns the index reads, stored in articles (schema.m005).
        "search_columns_mb": round((searched or 0) / 1e6, 1),
    }


HUGE_ARTICLES = 3
HUGE_WORDS = 500_000  # about 5 MB of text each


def bench_huge(archive: Path, work: Path) -> dict:
    """Searches whose page holds three 5 MB articles, against the same searches before they
    were added (in process, medians over rounds; the target is at most 1.5x)."""
    from newsctl.archive import open_archive

    queries = search_queries()[:5]
    huge = work / "huge.jsonl"
    generator = synthetic.Generator(seed=5)
    with huge.open("w", encoding="utf-8") as out:
        for number in range(HUGE_ARTICLES):
            record = {
                "title": f"Huge article {number}",
                "body": " ".join(queries) + " " + generator.text(HUGE_WORDS),
                "author": "Huge Author",
                "url": f"https://huge.example/{number}",
                "published_at": "2030-01-01T00:00:00Z",  # newest: on every newest-first page
            }
            out.write(json.dumps(record) + "\n")

    def measure() -> list[float]:
        times = []
        with open_archive(archive) as opened:
            for query in queries:
                times.append(timed(lambda q=query: opened.search(q, limit=20, sort="newest")))
        return times

    without = measure()
    subprocess.run([NEWSCTL, "--db", str(archive), "import", str(huge), "--quiet"], check=True)
    with_huge = measure()
    size_mb = round(huge.stat().st_size / HUGE_ARTICLES / 1e6, 1)
    return {
        "huge_article_mb": size_mb,
        "without_ms": ms(statistics.median(without)),
        "with_ms": ms(statistics.median(with_huge)),
        "ratio": round(statistics.median(with_huge) / statistics.median(without), 2),
    }


def bench_startup(work: Path, rounds: int) -> dict:
    # An installed newsctl runs from cached bytecode, as its libraries do. With
    # PYTHONDONTWRITEBYTECODE set (some containers set it), an editable install would
    # compile every module on every start: measured at +40 ms, which is not start-up.
    import compileall

    import newsctl

    compileall.compile_dir(Path(newsctl.__file__).parent, quiet=1)
    empty = fresh_archive(work / "empty.db")
    commands = {
        "bare_imports": [sys.executable, "-c", "import typer, rich, sqlite_utils"],
        "version": [NEWSCTL, "--version"],
        "recent_empty": [NEWSCTL, "--db", str(empty), "recent"],
    }
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(rounds):  # interleaved
        for name, command in commands.items():
            times[name].append(timed_process(command))
    medians = {name: statistics.median(values) for name, values in times.items()}
    base = medians["bare_imports"]
    return {
        **{f"{name}_ms": ms(value) for name, value in medians.items()},
        "version_ratio": round(medians["version"] / base, 2),
        "recent_ratio": round(medians["recent_empty"] / base, 2),
    }


def print_table(results: dict) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title="newsctl benchmark (ratios are to the reference measured in the same run)")
    for column in ("figure", *[f"{size:,}" for size in results["sizes"]]):
        table.add_column(column, justify="right" if column != "figure" else "left")

    def row(label: str, pick) -> None:
        cells = []
        for size in results["sizes"]:
            try:
                cells.append(str(pick(results["by_size"][str(size)])))
            except KeyError:
                cells.append("-")
        table.add_row(label, *cells)

    row("bulk import, articles/s", lambda r: r["bulk"]["articles_per_s"])
    row("bulk import, ratio to floor (≤ 1.2)", lambda r: r["bulk"]["ratio"])
    row("bulk import, peak RSS MB (≤ 60)", lambda r: r["bulk"]["newsctl_peak_rss_mb"])
    row(f"cron import of {CRON_BATCH}, s", lambda r: r["cron"]["newsctl_s"])
    row("cron import, ratio to floor (≤ 1.5)", lambda r: r["cron"]["ratio"])
    row(
        "search p50 / p95 ms",
        lambda r: f"{r['queries']['search_p50_ms']} / {r['queries']['search_p95_ms']}",
    )
    row(
        "search --sort newest p50 / p95 ms",
        lambda r: (
            f"{r['queries']['search_newest_p50_ms']} / {r['queries']['search_newest_p95_ms']}"
        ),
    )
    row(
        "search with total (terminal) p50 / p95 ms",
        lambda r: (
            f"{r['queries']['search_counted_p50_ms']} / {r['queries']['search_counted_p95_ms']}"
        ),
    )
    row(
        "search, whole process p50 / p95 ms (≤ 300 / 1000)",
        lambda r: (
            f"{r['queries']['process_search_p50_ms']} / {r['queries']['process_search_p95_ms']}"
        ),
    )
    row(
        "search --sort newest, whole process p50 / p95 ms",
        lambda r: (
            f"{r['queries']['process_newest_p50_ms']} / {r['queries']['process_newest_p95_ms']}"
        ),
    )
    row(
        "raw FTS5 p50 / p95 ms",
        lambda r: f"{r['queries']['raw_fts_p50_ms']} / {r['queries']['raw_fts_p95_ms']}",
    )
    row("search ratio to raw FTS5 (≤ 1.5)", lambda r: r["queries"]["search_ratio"])
    row(
        "search with 3 huge articles, ms (ratio ≤ 1.5)",
        lambda r: f"{r['huge']['with_ms']} vs {r['huge']['without_ms']} ({r['huge']['ratio']}x)",
    )
    row("archive MB", lambda r: r["sizes"]["archive_mb"])
    row("search index MB (+ its columns)", lambda r: f"{r['sizes']['search_index_mb']} "
        f"(+{r['sizes']['search_columns_mb']})")  # fmt: skip
    row("recent, in-process ms (< 5)", lambda r: r["queries"]["recent_ms"])
    row("list --author, in-process ms (< 5)", lambda r: r["queries"]["list_author_ms"])
    row("show, in-process ms (< 5)", lambda r: r["queries"]["show_ms"])
    for name in ("search", "recent", "list_author", "show"):
        row(f"{name}, whole process ms", lambda r, n=name: r["queries"]["whole_process"][f"{n}_ms"])
    console = Console()
    console.print(table)
    if "startup" not in results:
        return
    startup = results["startup"]
    console.print(
        f"start-up: import typer, rich, sqlite_utils {startup['bare_imports_ms']} ms; "
        f"newsctl --version {startup['version_ms']} ms ({startup['version_ratio']}x); "
        f"newsctl recent (empty) {startup['recent_empty_ms']} ms "
        f"({startup['recent_ratio']}x, target ≤ 1.2x)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="10000,100000", help="archive sizes, comma-separated")
    parser.add_argument("--quick", action="store_true", help="one repetition, 2,000 articles")
    parser.add_argument("--reps", type=int, default=3, help="repetitions of each timed import")
    parser.add_argument("--json-out", type=Path, default=RESULTS / "latest.json")
    parser.add_argument(
        "--search-only",
        action="store_true",
        help="only the search figures, on archives a previous run left in bench/.data/work",
    )
    options = parser.parse_args()
    sizes = [2000] if options.quick else [int(size) for size in options.sizes.split(",")]
    reps = 1 if options.quick else options.reps
    work = DATA / "work"
    work.mkdir(parents=True, exist_ok=True)
    results: dict = {"sizes": sizes, "by_size": {}, "python": sys.version.split()[0],
                     "sqlite": sqlite3.sqlite_version}  # fmt: skip
    for size in sizes:
        if options.search_only:
            base = work / f"newsctl-{size}.db"
            if not base.exists():
                raise SystemExit(f"{base} is missing: run once without --search-only")
            print(f"size {size:,}: queries ...", flush=True)
            results["by_size"][str(size)] = {
                "queries": bench_queries(base),
                "sizes": bench_sizes(base),
                "huge": bench_huge(copy_archive(base, work / "huge-newsctl.db"), work),
            }
            continue
        articles, cron = dataset(size)
        print(
            f"size {size:,}: bulk import ({reps} x floor and newsctl, interleaved) ...", flush=True
        )
        bulk = bench_bulk(size, articles, reps if size <= 100_000 else 1, work)
        base = work / f"newsctl-{size}.db"
        print(f"size {size:,}: cron import and queries ...", flush=True)
        results["by_size"][str(size)] = {
            "bulk": bulk,
            "cron": bench_cron(base, cron, reps, work),
            "queries": bench_queries(base),
            "sizes": bench_sizes(base),
        }
        print(f"size {size:,}: searches with huge articles ...", flush=True)
        # The cron run's copy (the base and 1,000 more articles) takes the huge articles.
        huge_base = work / "cron-newsctl.db"
        results["by_size"][str(size)]["huge"] = bench_huge(huge_base, work)
    if not options.search_only:
        results["startup"] = bench_startup(work, 5 if options.quick else 15)
    options.json_out.parent.mkdir(parents=True, exist_ok=True)
    options.json_out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print_table(results)
    print(f"figures written to {options.json_out}")


if __name__ == "__main__":
    main()
