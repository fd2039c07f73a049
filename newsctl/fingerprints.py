"""What each source of an article said when it last stored it, so that reading a source
again is news only when the source changed (saving.BatchWriter's updates).

articles.source_hash holds one fingerprint (models.Article.source_hash, sha256 hex) per
source that stored the article ("key:fingerprint" words, the source key a hash of its file
or url), the last MAX_FINGERPRINTS; a word without a key was stored before sources were
told apart. Pure functions, no database.
"""

import hashlib
from dataclasses import replace

from newsctl.models import Article

# How many sources' fingerprints an article keeps (see fingerprints): one per source that
# stored it (a record, a feed entry, its page), the oldest forgotten.
MAX_FINGERPRINTS = 32


def fingerprints(stored: str | None) -> dict[str, str]:
    """What each source of an article said when it last stored it: {source key: fingerprint}
    (source_key, models.Article.source_hash), oldest first. articles.source_hash holds
    them as "key:fingerprint" words; a word without a key (stored before sources were told
    apart) is any source's, under "". One story arrives from several sources (its record, its
    feed entry, its saved page), each in its own words: each, read again, changes nothing.
    Kept for the last source only, they took turns: each re-import of another was an
    "update". Kept as one set for all sources, a publisher's revert to its earlier text
    was ignored."""
    prints: dict[str, str] = {}
    for word in (stored or "").split():
        key, _, fingerprint = word.rpartition(":")
        prints.pop(key, None)
        prints[key] = fingerprint
    return prints


def source_key(source: str | None) -> str:
    """A short key for where an article came from (models.Article.source: a file, a url)."""
    return hashlib.blake2b((source or "").encode(), digest_size=4).hexdigest()


def said_before(stored: str | None, article: Article) -> bool:
    """Whether the article's source says what it said when it last stored the article."""
    prints = fingerprints(stored)
    fingerprint = article.source_hash()
    return fingerprint in (prints.get(source_key(article.source)), prints.get(""))


def with_fingerprints(stored: str | None, added: dict[str, str]) -> str:
    """The stored fingerprints with these added (a source's last one replaces its earlier).
    A source's own fingerprint supersedes one stored before sources were told apart, which
    stood for the last import's, whatever its source."""
    prints = fingerprints(stored)
    if any(added):
        prints.pop("", None)
    for key, fingerprint in added.items():
        prints.pop(key, None)
        prints[key] = fingerprint
    words = [f"{key}:{value}" if key else value for key, value in prints.items()]
    return " ".join(words[-MAX_FINGERPRINTS:])


def own_fingerprint(article: Article) -> dict[str, str]:
    """What the article's source says, as fingerprints gives it: {source key: fingerprint}."""
    return {source_key(article.source): article.source_hash()}


def read_before_credits(article: Article) -> list[Article]:
    """The article as a version before schema m014 read its source: without its credit, or
    with the credit's name as its author (a newsroom that version took for a person)."""
    return [
        replace(article, credit=None),
        replace(article, authors=(article.credit, *article.authors), credit=None),
    ]
