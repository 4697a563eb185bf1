"""The build manifest, ``.archiver/reader.sqlite``: what the last build made from which bytes.

One row per article: its file stamp and hash, its document number in the browser index
(``dn``; a changed article gets a new one, never reused), its metadata, and the fingerprint
of the page rendered for it. Comparing the archive with this table is what makes a no-op
build cost one ``stat`` per article.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from archiver.reader.files import PRIVATE
from archiver.reader.source import Stamp

SCHEMA = "3"
_TABLES = """
CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
    rel TEXT PRIMARY KEY, mtime_ns INTEGER NOT NULL, size INTEGER NOT NULL, sha TEXT NOT NULL,
    dn INTEGER NOT NULL, info TEXT NOT NULL, fingerprint TEXT NOT NULL DEFAULT '');
CREATE TABLE IF NOT EXISTS segments (
    name TEXT PRIMARY KEY, lo INTEGER NOT NULL, hi INTEGER NOT NULL,
    docs INTEGER NOT NULL, shards INTEGER NOT NULL);
"""


@dataclass
class Row:
    """The manifest entry of one article."""

    rel: str
    stamp: Stamp
    sha: str
    dn: int
    info: dict[str, Any]
    fingerprint: str = ""


@dataclass(frozen=True)
class Segment:
    """One immutable piece of the browser's full-text index: documents ``lo <= dn < hi``."""

    name: str
    lo: int
    hi: int
    docs: int
    shards: int


def open_manifest(root: Path) -> sqlite3.Connection:
    """Open (or create) the manifest; an older schema is dropped, forcing a full build."""
    path = root / PRIVATE / "reader.sqlite"
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode=WAL")
    db.executescript(_TABLES)
    if get_setting(db, "schema") != SCHEMA:
        reset(db)
    return db


def reset(db: sqlite3.Connection) -> None:
    """Forget everything, so the next build starts from scratch."""
    with db:
        db.execute("DELETE FROM articles")
        db.execute("DELETE FROM segments")
        db.execute("DELETE FROM settings")
        db.execute("INSERT INTO settings VALUES ('schema', ?)", (SCHEMA,))


def get_setting(db: sqlite3.Connection, key: str, default: str | None = None) -> str | None:
    """A value from the settings table."""
    row = db.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
    return row[0] if row else default


def set_setting(db: sqlite3.Connection, key: str, value: str) -> None:
    """Store a value in the settings table (inside the caller's transaction)."""
    db.execute("INSERT OR REPLACE INTO settings VALUES (?, ?)", (key, value))


def load_rows(db: sqlite3.Connection) -> dict[str, Row]:
    """Every article row, by archive-relative path."""
    return {
        rel: Row(rel, Stamp(mtime, size), sha, dn, json.loads(info), fp)
        for rel, mtime, size, sha, dn, info, fp in db.execute(
            "SELECT rel, mtime_ns, size, sha, dn, info, fingerprint FROM articles"
        )
    }


def save_rows(db: sqlite3.Connection, rows: list[Row]) -> None:
    """Insert or replace rows (inside the caller's transaction)."""
    db.executemany(
        "INSERT OR REPLACE INTO articles VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (
                r.rel,
                r.stamp.mtime_ns,
                r.stamp.size,
                r.sha,
                r.dn,
                json.dumps(r.info, ensure_ascii=False),
                r.fingerprint,
            )
            for r in rows
        ],
    )


def delete_rows(db: sqlite3.Connection, rels: list[str]) -> None:
    """Drop the rows of articles that are gone (inside the caller's transaction)."""
    db.executemany("DELETE FROM articles WHERE rel = ?", [(r,) for r in rels])


def load_segments(db: sqlite3.Connection) -> list[Segment]:
    """The index segments, oldest documents first."""
    return [Segment(*r) for r in db.execute("SELECT * FROM segments ORDER BY lo")]


def save_segments(db: sqlite3.Connection, segments: list[Segment]) -> None:
    """Replace the segment list (inside the caller's transaction)."""
    db.execute("DELETE FROM segments")
    db.executemany(
        "INSERT INTO segments VALUES (?, ?, ?, ?, ?)",
        [(s.name, s.lo, s.hi, s.docs, s.shards) for s in segments],
    )
