"""The archive state in one SQLite file (WAL mode, committed in small batches)."""

from __future__ import annotations

import json
import sqlite3
import time
from pathlib import Path

from archiver.state.records import ArticleRecord, FeedRecord, FeedRetry, StateError
from archiver.storage import sync_filesystem

_SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    url TEXT PRIMARY KEY,
    path TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    first_seen REAL NOT NULL,
    last_seen REAL NOT NULL,
    published REAL,
    assets_done TEXT NOT NULL DEFAULT '[]',
    assets_pending TEXT NOT NULL DEFAULT '[]',
    versions INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE IF NOT EXISTS gone (
    url TEXT PRIMARY KEY,
    status INTEGER NOT NULL,
    checked REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS aliases (
    alias TEXT PRIMARY KEY,
    url TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS walks (
    key TEXT PRIMARY KEY,
    started REAL NOT NULL,
    finished REAL
);
CREATE TABLE IF NOT EXISTS feeds (
    url TEXT PRIMARY KEY,
    etag TEXT NOT NULL DEFAULT '',
    last_modified TEXT NOT NULL DEFAULT '',
    sites TEXT NOT NULL DEFAULT '[]',
    checked REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS feed_retries (
    url TEXT PRIMARY KEY,
    feed TEXT NOT NULL,
    entry TEXT NOT NULL DEFAULT '{}',
    first_failed REAL NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX IF NOT EXISTS articles_pending ON articles(assets_pending)
    WHERE assets_pending != '[]';
"""


class SqliteState:
    """ArchiveState in one SQLite file, in WAL mode, committed in small batches.

    Each ``record`` is durable at the next commit: every ``batch`` records or ``batch_seconds``,
    and on close. A killed run loses at most that batch, and the next run re-archives those
    articles from their files (the files were written first). Each commit first flushes the
    archive's files to disk, so a committed record never outlives its files in a power cut.
    """

    def __init__(self, path: Path, batch: int = 50, batch_seconds: float = 2.0) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.db = sqlite3.connect(path, timeout=30, isolation_level=None, check_same_thread=False)
        try:
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            (verdict,) = self.db.execute("PRAGMA quick_check").fetchone()
            if verdict != "ok":
                raise sqlite3.DatabaseError(verdict)
            self.db.executescript(_SCHEMA)
        except sqlite3.DatabaseError as exc:
            self.db.close()
            fix = "run `archiver verify --repair` to rebuild it from the files"
            raise StateError(f"{path} is corrupt ({exc}); {fix}") from exc
        self.batch, self.batch_seconds = batch, batch_seconds
        self._pending_writes = 0
        self._last_commit = time.monotonic()
        self.db.execute("BEGIN")

    def flushes(self, folder: Path) -> bool:
        """Folders inside the archive (the state lives in its ``.archiver``): same filesystem."""
        return folder.resolve().is_relative_to(self.path.parent.parent.resolve())

    def get(self, url: str) -> ArticleRecord | None:
        row = self.db.execute("SELECT * FROM articles WHERE url = ?", (url,)).fetchone()
        if row is None:
            row = self.db.execute(
                "SELECT articles.* FROM aliases JOIN articles ON articles.url = aliases.url"
                " WHERE aliases.alias = ?",
                (url,),
            ).fetchone()
        return _record(row) if row else None

    def add_aliases(self, url: str, aliases: list[str]) -> None:
        """Harmless before the article is recorded: an alias of no record is not archived."""
        self.db.executemany(
            "INSERT INTO aliases (alias, url) VALUES (?, ?)"
            " ON CONFLICT(alias) DO UPDATE SET url=excluded.url",
            [(alias, url) for alias in dict.fromkeys(aliases) if alias != url],
        )
        self._maybe_commit()

    def record(self, record: ArticleRecord) -> None:
        now = time.time()
        self.db.execute(
            """INSERT INTO articles (url, path, content_hash, first_seen, last_seen, published,
                                     assets_done, assets_pending, versions)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
               ON CONFLICT(url) DO UPDATE SET path=excluded.path,
                   content_hash=excluded.content_hash,
                   last_seen=excluded.last_seen, published=excluded.published,
                   assets_done=excluded.assets_done, assets_pending=excluded.assets_pending,
                   versions=excluded.versions""",
            (
                record.url,
                record.path,
                record.content_hash,
                record.first_seen or now,
                now,
                record.published,
                json.dumps(record.assets_done),
                json.dumps(record.assets_pending),
                record.versions,
            ),
        )
        self._maybe_commit()

    def with_pending_assets(self) -> list[ArticleRecord]:
        rows = self.db.execute("SELECT * FROM articles WHERE assets_pending != '[]'").fetchall()
        return [_record(r) for r in rows]

    def remove(self, url: str) -> None:
        self.db.execute("DELETE FROM articles WHERE url = ?", (url,))
        self._maybe_commit()

    def mark_gone(self, url: str, status: int) -> None:
        """Remember that the site answered 404/410 for an article, so re-runs need not ask daily."""
        self.db.execute(
            "INSERT INTO gone (url, status, checked) VALUES (?, ?, ?) "
            "ON CONFLICT(url) DO UPDATE SET status=excluded.status, checked=excluded.checked",
            (url, status, time.time()),
        )
        self._maybe_commit()

    def gone_checked(self, url: str) -> float | None:
        row = self.db.execute("SELECT checked FROM gone WHERE url = ?", (url,)).fetchone()
        return row[0] if row else None

    def all(self) -> list[ArticleRecord]:
        return [_record(r) for r in self.db.execute("SELECT * FROM articles ORDER BY path")]

    def start_walk(self, key: str) -> None:
        """Note that a walk of list pages (``key``: its start URL) begins (``walk_interrupted``)."""
        self.db.execute(
            "INSERT INTO walks (key, started) VALUES (?, ?)"
            " ON CONFLICT(key) DO UPDATE SET started=excluded.started",
            (key, time.time()),
        )
        self._maybe_commit()

    def finish_walk(self, key: str) -> None:
        self.db.execute("UPDATE walks SET finished = ? WHERE key = ?", (time.time(), key))
        self._maybe_commit()

    def walk_interrupted(self, key: str) -> bool:
        """True when the last walk of ``key`` began and did not end (killed, a list page failed)."""
        row = self.db.execute(
            "SELECT started, finished FROM walks WHERE key = ?", (key,)
        ).fetchone()
        return row is not None and (row[1] is None or row[1] < row[0])

    def get_feed(self, url: str) -> FeedRecord | None:
        row = self.db.execute(
            "SELECT url, etag, last_modified, sites, checked FROM feeds WHERE url = ?", (url,)
        ).fetchone()
        return FeedRecord(row[0], row[1], row[2], json.loads(row[3]), row[4]) if row else None

    def record_feed(self, record: FeedRecord) -> None:
        """Keep a feed's validators (ETag, Last-Modified) and site keys after a complete read."""
        self.db.execute(
            "INSERT INTO feeds (url, etag, last_modified, sites, checked) VALUES (?, ?, ?, ?, ?)"
            " ON CONFLICT(url) DO UPDATE SET etag=excluded.etag,"
            " last_modified=excluded.last_modified, sites=excluded.sites, checked=excluded.checked",
            (
                record.url,
                record.etag,
                record.last_modified,
                json.dumps(sorted(record.sites)),
                record.checked or time.time(),
            ),
        )
        self._maybe_commit()

    def add_feed_retry(self, retry: FeedRetry) -> None:
        """Note a feed item whose page failed; again: one more attempt, the first date kept."""
        self.db.execute(
            "INSERT INTO feed_retries (url, feed, entry, first_failed, attempts)"
            " VALUES (?, ?, ?, ?, 1) ON CONFLICT(url) DO UPDATE SET feed=excluded.feed,"
            " entry=excluded.entry, attempts=feed_retries.attempts + 1",
            (retry.url, retry.feed, json.dumps(retry.entry, ensure_ascii=False), time.time()),
        )
        self._maybe_commit()

    def feed_retries(self) -> list[FeedRetry]:
        rows = self.db.execute(
            "SELECT url, feed, entry, first_failed, attempts FROM feed_retries ORDER BY url"
        )
        return [FeedRetry(u, f, json.loads(e), first, n) for u, f, e, first, n in rows]

    def remove_feed_retry(self, url: str) -> None:
        self.db.execute("DELETE FROM feed_retries WHERE url = ?", (url,))
        self._maybe_commit()

    def commit(self) -> None:
        """Commit the batch and open the next; a failed commit (disk full) raises, and the
        state stays usable: SQLite rolled the batch back or keeps it for the next try."""
        try:
            self._flush_and_commit()
        finally:
            if not self.db.in_transaction:
                self.db.execute("BEGIN")
            self._pending_writes = 0
            self._last_commit = time.monotonic()

    def close(self) -> None:
        try:
            if self.db.in_transaction:
                self._flush_and_commit()
        finally:
            self.db.close()

    def _flush_and_commit(self) -> None:
        """The archive's new files to disk first (when records came in), then the records."""
        if self._pending_writes:
            sync_filesystem(self.path.parent)
        if self.db.in_transaction:
            self.db.execute("COMMIT")

    def _maybe_commit(self) -> None:
        self._pending_writes += 1
        if (
            self._pending_writes >= self.batch
            or time.monotonic() - self._last_commit >= self.batch_seconds
        ):
            self.commit()


def _record(row: tuple) -> ArticleRecord:
    url, path, content_hash, first, last, published, done, pending, versions = row
    return ArticleRecord(
        url,
        path,
        content_hash,
        first,
        last,
        published,
        json.loads(done),
        json.loads(pending),
        versions,
    )
