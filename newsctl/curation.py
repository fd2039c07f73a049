"""What a person does to the archive: delete, restore and purge articles; rename and merge
authors, tags and categories; edit an author's bio. One transaction per command.

Renames and merges are remembered (renamed_labels, schema m004): an import that still
carries an old name reads it as the new one, so the next cron run does not undo them.
No Typer, no Rich: functions take plain values and return plain results.
"""

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field

from newsctl import trash, versions
from newsctl.archive import Archive
from newsctl.dates import format_timestamp, now_utc
from newsctl.errors import ArticleNotFound, AuthorNotFound, LabelNotFound, UsageError
from newsctl.models import Article, ArticleVersion, TrashedArticle
from newsctl.text import clean_line, fold_key


def _now() -> str:
    return format_timestamp(now_utc())


# -- finding names --------------------------------------------------------------------


def closest(name: str, candidates: Iterable[str], limit: int = 3) -> list[str]:
    """The candidates closest to a name that matched nothing, best first (difflib's ratio
    over fold_keys, at least 0.6, as difflib.get_close_matches)."""
    by_key = {fold_key(candidate): candidate for candidate in candidates}
    keys = difflib.get_close_matches(fold_key(name), list(by_key), n=limit, cutoff=0.6)
    return [by_key[key] for key in keys]


def _suggestion(name: str, candidates: Iterable[str]) -> str:
    near = closest(name, candidates)
    return f"; did you mean {' or '.join(repr(n) for n in near)}?" if near else ""


def check_names(archive: Archive, *, authors=(), tags=(), categories=()) -> None:
    """Raise AuthorNotFound or LabelNotFound (exit 3) for a filter name the archive does not
    have, suggesting the closest names it has."""
    for kind, names, sql in (
        ("author", authors, "SELECT name FROM authors"),
        ("tag", tags, "SELECT name FROM tags"),
        (
            "category",
            categories,
            "SELECT DISTINCT category FROM articles WHERE category IS NOT NULL",
        ),
    ):
        for name in names:
            if not name:
                continue
            known = [row[0] for row in archive.db.execute(sql)]
            if fold_key(name) not in {fold_key(candidate) for candidate in known}:
                error = AuthorNotFound if kind == "author" else LabelNotFound
                hint = _suggestion(name, known)
                if (
                    kind == "author"
                    and archive.db.execute(
                        "SELECT 1 FROM articles WHERE newsctl_credits(credit, ?) LIMIT 1", [name]
                    ).fetchone()
                ):
                    hint = f"; articles credited to {name!r} (a newsroom or wire) take --credit"
                raise error(f"no {kind} named {name!r}{hint}")


# -- the trash -----------------------------------------------------------------------------


def delete_articles(archive: Archive, article_ids: Iterable[int]) -> list[int]:
    """Move articles to the trash in one transaction; returns the ids moved."""
    with archive.write():
        return trash.delete_articles(archive.db, list(article_ids), now=_now())


def trashed_articles(archive: Archive) -> list[TrashedArticle]:
    return trash.trashed(archive.db)


def restore_articles(archive: Archive, article_ids: Iterable[int]) -> list[int]:
    """Bring articles back from the trash with their ids, all of them or none.

    Raises ArticleNotFound for an id that is not in the trash, UsageError for one that
    cannot come back (purged, or its url now another article's); nothing is restored then.
    """
    with archive.write():
        outcome = trash.restore_articles(archive.db, list(article_ids), now=_now())
        for article_id, why in outcome.items():
            if why != "restored":
                error = ArticleNotFound if why == "not in the trash" else UsageError
                raise error(f"article {article_id}: {why}; nothing was restored")
    return list(outcome)


def purge_trash(archive: Archive, *, deleted_before: str | None = None) -> int:
    """Empty the trash (of what was deleted before a stored timestamp); returns how many."""
    with archive.write():
        return trash.purge(archive.db, deleted_before=deleted_before, now=_now())


# -- versions --------------------------------------------------------------------------------


def article_history(archive: Archive, article_id: int) -> list[ArticleVersion]:
    archive.get(article_id)  # ArticleNotFound for an unknown id
    return versions.history(archive.db, article_id)


def article_version(archive: Archive, article_id: int, number: int) -> dict:
    """The fields of one version of an article; UsageError for a version it does not have."""
    archive.get(article_id)
    fields = versions.version_fields(archive.db, article_id, number)
    if fields is None:
        raise UsageError(f"article {article_id} has no version {number} (see 'newsctl history')")
    return fields


# -- renaming and merging --------------------------------------------------------------------


@dataclass
class RenameResult:
    """What a rename or merge did: the name now used, how many articles it touched, whether
    it merged into a name that existed, and bios not kept (shown to the person)."""

    name: str
    articles: int = 0
    merged: bool = False
    dropped_bios: list[str] = field(default_factory=list)


def _remember(archive: Archive, kind: str, old: str, new: str) -> None:
    """Imports read the old name as the new one from now on (and earlier renames to the
    old name follow it)."""
    db = archive.db
    db.execute(
        "UPDATE renamed_labels SET new_name = ? WHERE kind = ? AND new_name = ?", [new, kind, old]
    )
    if fold_key(old) != fold_key(new):
        db.execute(
            "INSERT OR REPLACE INTO renamed_labels (kind, name_key, new_name) VALUES (?, ?, ?)",
            [kind, fold_key(old), new],
        )
    db.execute("DELETE FROM renamed_labels WHERE kind = ? AND name_key = ?", [kind, fold_key(new)])


def _clean_new_name(new: str, kind: str) -> str:
    name = clean_line(new)
    if not name:
        raise UsageError(f"the new {kind} name is empty")
    return name


def _rehash(archive: Archive, article_ids: list[int]) -> None:
    """Store the text hash of articles whose byline changed (models.Article.content_hash)."""
    for article_id in article_ids:
        fields = versions.snapshot(archive.db, article_id)
        if fields is None:
            continue
        digest = Article(
            fields["title"], fields["body"] or "", tuple(fields["authors"])
        ).content_hash()
        archive.db.execute(
            "UPDATE articles SET content_hash = ? WHERE id = ?", [digest, article_id]
        )


def rename_tag(archive: Archive, old: str, new: str) -> RenameResult:
    """Rename a tag; when NEW names another tag already, the two become one."""
    new = _clean_new_name(new, "tag")
    with archive.write():
        db = archive.db
        found = db.execute(
            "SELECT id, name FROM tags WHERE name_key = ?", [fold_key(old)]
        ).fetchone()
        if found is None:
            check_names(archive, tags=[old])
        tag_id, old_name = found
        target = db.execute("SELECT id FROM tags WHERE name_key = ?", [fold_key(new)]).fetchone()
        count = db.execute(
            "SELECT count(*) FROM article_tags WHERE tag_id = ?", [tag_id]
        ).fetchone()[0]
        merged = target is not None and target[0] != tag_id
        if merged:
            db.execute(
                "UPDATE OR IGNORE article_tags SET tag_id = ? WHERE tag_id = ?", [target[0], tag_id]
            )
            db.execute("DELETE FROM article_tags WHERE tag_id = ?", [tag_id])
            db.execute("DELETE FROM tags WHERE id = ?", [tag_id])
            new = db.execute("SELECT name FROM tags WHERE id = ?", [target[0]]).fetchone()[0]
        else:
            db.execute(
                "UPDATE tags SET name = ?, name_key = ? WHERE id = ?", [new, fold_key(new), tag_id]
            )
        _remember(archive, "tag", old_name, new)
    return RenameResult(new, count, merged)


def rename_category(archive: Archive, old: str, new: str) -> RenameResult:
    """Rename a category on every article in it (merging when NEW is a category already)."""
    new = _clean_new_name(new, "category")
    with archive.write():
        db = archive.db
        found = db.execute(
            "SELECT category, count(*) FROM articles WHERE category_key = ? GROUP BY category_key",
            [fold_key(old)],
        ).fetchone()
        if found is None:
            check_names(archive, categories=[old])
        existing = db.execute(
            "SELECT category FROM articles WHERE category_key = ? LIMIT 1", [fold_key(new)]
        ).fetchone()
        merged = existing is not None and fold_key(new) != fold_key(old)
        if merged:
            new = existing[0]  # the spelling the category already has
        db.execute(
            "UPDATE articles SET category = ?, category_key = ? WHERE category_key = ?",
            [new, fold_key(new), fold_key(old)],
        )
        _remember(archive, "category", found[0], new)
    return RenameResult(new, found[1], merged)


def _author(archive: Archive, name: str) -> tuple[int, str, str | None]:
    row = archive.db.execute(
        "SELECT id, name, bio FROM authors WHERE name_key = ?", [fold_key(name)]
    ).fetchone()
    if row is None:
        check_names(archive, authors=[name])
        raise AuthorNotFound(f"no author named {name!r}")
    return row


def merge_authors(archive: Archive, names: Iterable[str], into: str) -> RenameResult:
    """Merge authors into one: their articles and co-authorships move to INTO (created by
    renaming the first of them when no author has that name), the longest bio is kept and
    the others are returned. Raises AuthorNotFound (with suggestions) for an unknown name."""
    into = _clean_new_name(into, "author")
    with archive.write():
        db = archive.db
        sources = [_author(archive, name) for name in names]
        if all(name == into for _, name, _ in sources):
            raise UsageError(f"{into!r} is already that author: nothing to rename or merge")
        target = db.execute(
            "SELECT id, name, bio FROM authors WHERE name_key = ?", [fold_key(into)]
        ).fetchone()
        if target is None or [target[0]] == [source[0] for source in sources]:
            # No author has that name yet (or it is a new spelling of this one): the first
            # one takes it.
            first_id, first_name, first_bio = sources[0]
            db.execute(
                "UPDATE authors SET name = ?, name_key = ? WHERE id = ?",
                [into, fold_key(into), first_id],
            )
            _remember(archive, "author", first_name, into)
            target, sources = (first_id, into, first_bio), sources[1:]
        target_id, target_name, target_bio = target
        bios = [bio for _, _, bio in [target, *sources] if bio]
        kept_bio = max(bios, key=len, default=None)
        touched: set[int] = set()
        for source_id, source_name, _ in sources:
            if source_id == target_id:
                continue
            touched.update(
                row[0]
                for row in db.execute(
                    "SELECT article_id FROM article_authors WHERE author_id = ?", [source_id]
                )
            )
            # An article both wrote keeps one link (the target's); the others move.
            db.execute(
                "UPDATE article_authors SET author_id = ? WHERE author_id = ? AND article_id NOT "
                "IN (SELECT article_id FROM article_authors WHERE author_id = ?)",
                [target_id, source_id, target_id],
            )
            db.execute("DELETE FROM article_authors WHERE author_id = ?", [source_id])
            db.execute("DELETE FROM authors WHERE id = ?", [source_id])
            _remember(archive, "author", source_name, target_name)
        if kept_bio != target_bio or len(bios) > 1:  # a person chose it: imports keep it
            db.execute(
                "UPDATE authors SET bio = ?, bio_curated = 1 WHERE id = ?", [kept_bio, target_id]
            )
        moved = len(touched)
        touched.update(
            row[0]
            for row in db.execute(
                "SELECT article_id FROM article_authors WHERE author_id = ?", [target_id]
            )
        )
        _rehash(archive, sorted(touched))
    dropped = [bio for bio in bios if bio != kept_bio]
    merged = any(source_id != target_id for source_id, _, _ in sources)
    return RenameResult(target_name, moved if merged else len(touched), merged, dropped)


def rename_author(archive: Archive, old: str, new: str) -> RenameResult:
    """Rename an author; when NEW names another author already, the two are merged."""
    return merge_authors(archive, [old], into=new)


def set_author_bio(archive: Archive, name: str, bio: str) -> str:
    """Replace an author's bio ("" removes it); returns the author's name."""
    from newsctl.text import clean_text

    with archive.write():
        author_id, author_name, _ = _author(archive, name)
        archive.db.execute(  # written by a person: imports do not replace it
            "UPDATE authors SET bio = ?, bio_curated = 1 WHERE id = ?",
            [clean_text(bio) or None, author_id],
        )
    return author_name
