"""Deterministic, streaming synthetic news articles as JSON Lines, for benchmarks.

About 600 words of Zipf-distributed vocabulary per article, ~25 authors per
1,000 articles (each with a bio), 20 categories, a few tags, unique urls and
dates spread over five years. The same seed and count always give the same file.
"""

import itertools
import json
import random
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

_SYLLABLES = ["ka", "lo", "mi", "ne", "ra", "tu", "vo", "shi", "pen", "dar", "gle", "mon", "ost",
              "ri", "sa", "bel", "tor", "fin", "ua", "ex"]  # fmt: skip
CATEGORIES = [f"Section {n}" for n in range(20)]
START = datetime(2021, 1, 1, tzinfo=UTC)
SPAN_SECONDS = 5 * 365 * 86400


def vocabulary(size: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choices(_SYLLABLES, k=rng.randint(1, 4))))
    return sorted(words)


_SYLLABLES = ("ka", "lo", "mi", "ra", "ne", "to", "su", "vi", "de", "an",
              "el", "or", "is", "ul", "be", "go", "fa", "ri", "mo", "te")  # fmt: skip


def person_name(number: int) -> str:
    """A distinct, name-like author name for each number below 160,000 ("Kalo Mirason"):
    bylines with digits are not people to newsctl (newsctl.names)."""
    first = _SYLLABLES[number % 20] + _SYLLABLES[number // 20 % 20]
    last = _SYLLABLES[number // 400 % 20] + _SYLLABLES[number // 8000 % 20] + "son"
    return f"{first.capitalize()} {last.capitalize()}"


class Generator:
    def __init__(self, seed: int = 42, vocabulary_size: int = 20000):
        self.rng = random.Random(seed)
        self.words = vocabulary(vocabulary_size)
        # Zipf: the word of rank r is drawn with weight 1/r.
        self.cumulative = list(
            itertools.accumulate(1 / rank for rank in range(1, vocabulary_size + 1))
        )

    def text(self, count: int) -> str:
        return " ".join(self.rng.choices(self.words, cum_weights=self.cumulative, k=count))

    def article(self, number: int, authors: int) -> dict:
        rng = self.rng
        body_words = rng.randint(450, 750)
        paragraphs = [self.text(body_words // 5).capitalize() + "." for _ in range(5)]
        author = rng.randrange(authors)
        published = START + timedelta(seconds=rng.randrange(SPAN_SECONDS))
        return {
            "title": self.text(rng.randint(5, 10)).capitalize(),
            "author": (name := person_name(author)),
            "author_bio": f"{name} writes about {self.words[author % 500]} and more.",
            "category": CATEGORIES[rng.randrange(len(CATEGORIES))],
            "tags": sorted({self.words[rng.randrange(200)] for _ in range(rng.randint(0, 3))}),
            "url": f"https://news.example/{number:08d}/{self.words[number % len(self.words)]}",
            "published_at": published.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "body": "\n\n".join(paragraphs),
        }

    def articles(
        self, count: int, start: int = 0, total_for_authors: int | None = None
    ) -> Iterator[dict]:
        authors = max(1, (total_for_authors or count) * 25 // 1000)
        for number in range(start, start + count):
            yield self.article(number, authors)


def write_jsonl(
    path: Path, count: int, *, start: int = 0, seed: int = 42, authors_for: int | None = None
) -> Path:
    """Write `count` articles (numbered from `start`) to path, streaming."""
    generator = Generator(seed + start)
    with path.open("w", encoding="utf-8") as out:
        for record in generator.articles(count, start, authors_for):
            out.write(json.dumps(record) + "\n")
    return path
