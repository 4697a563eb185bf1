"""The build manifest, ``.archiver/reader.sqlite``: what the last build made from which bytes.

One row per article: its file stamp and hash, its document number in the index (``dn``; a
changed article gets a new one, never reused), what the list order and the filters need,
and the neighbours its page links to. One row per folder with the digest of its listing, so
a no-op build compares a few hundred digests, not 100,000 rows. Everything a build walks
over is read from here in a stream (SQL ``ORDER BY``), so its memory does not grow with
the archive.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from archiver.reader.files import PRIVATE

SCHEMA = "6"
UNDATED = 1e18  # the order key of an article without a date: after every dated one
_TABLES = """
CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS dirs (path TEXT PRIMARY KEY, mtime_ns INTEGER NOT NULL,
    digest TEXT NOT NULL, files TEXT NOT NULL DEFAULT '[]');
CREATE TABLE IF NOT EXISTS articles (
    rel TEXT PRIMARY KEY, dir TEXT NOT NULL, mtime_ns INTEGER NOT NULL, size INTEGER NOT NULL,
    sha TEXT NOT NULL, dn INTEGER NOT NULL UNIQUE, rank REAL NOT NULL, title TEXT NOT NULL,
    facets TEXT NOT NULL, nav TEXT NOT NULL DEFAULT '');
CREATE INDEX IF NOT EXISTS articles_dir ON articles(dir);
CREATE INDEX IF NOT EXISTS articles_order ON articles(rank, rel);
CREATE TABLE IF NOT EXISTS facets (key TEXT PRIMARY KEY, n INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS segments (
    name TEXT PRIMARY KEY, lo INTEGER NOT NULL, hi INTEGER NOT NULL,
    docs INTEGER NOT NULL, shards INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS todo (
    rel TEXT PRIMARY KEY, mtime_ns INTEGER NOT NULL, size INTEGER NOT NULL, prio TEXT NOT NULL);
"""


class Stamp(NamedTuple):
    """What a directory listing says about a file: enough to notice that it changed."""

    mtime_ns: int
    size: int


@dataclass
class Row:
    """The manifest entry of one article."""

    rel: str
    stamp: Stamp
    sha: str
    dn: int
    rank: float
    title: str
    facets: list[str]
    nav: str = ""  # the neighbours its page links to (render.nav_key)

    @property
    def dir(self) -> str:
        return self.rel.rpartition("/")[0]


@dataclass(frozen=True)
class Known:
    """What the manifest knows of one file when its folder changed."""

    stamp: Stamp
    sha: str
    dn: int


@dataclass(frozen=True)
class Segment:
    """One immutable piece of the full-text index: documents ``lo <= dn < hi``."""

    name: str
    lo: int
    hi: int
    docs: int
    shards: int


def path(root: Path) -> Path:
    return root / PRIVATE / "reader.sqlite"


def open_manifest(root: Path) -> sqlite3.Connection:
    """Open (or create) the manifest; an older schema is dropped, forcing a full build."""
    file = path(root)
    file.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(file, timeout=60)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    if get_setting(db, "schema", table_missing_ok=True) != SCHEMA:
        for (table,) in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'"
        ).fetchall():
            db.execute(f'DROP TABLE "{table}"')
        db.executescript(_TABLES)
        reset(db)
    return db


def reset(db: sqlite3.Connection) -> None:
    """Forget everything, so the next build starts from scratch."""
    with db:
        for table in ("articles", "dirs", "facets", "segments", "settings", "todo"):
            db.execute(f"DELETE FROM {table}")
        db.execute("INSERT INTO settings VALUES ('schema', ?)", (SCHEMA,))


def get_setting(
    db: sqlite3.Connection, key: str, default: str | None = None, table_missing_ok: bool = False
) -> str | None:
    """A value from the settings table."""
    try:
        row = db.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
    except sqlite3.OperationalError:
        if table_missing_ok:
            return None
        raise
    return row[0] if row else default


def set_setting(db: sqlite3.Connection, key: str, value: str) -> None:
    """Store a value in the settings table (inside the caller's transaction)."""
    db.execute("INSERT OR REPLACE INTO settings VALUES (?, ?)", (key, value))


@dataclass(frozen=True)
class Folder:
    """A folder as the last build left it: mtime, listing digest ('' to look again), and
    its article files' stamps as ``[name, mtime_ns, size]`` (JSON, read only when needed)."""

    mtime_ns: int
    digest: str
    files: str

    def stamps(self) -> list[tuple[str, Stamp]]:
        return [(name, Stamp(m, s)) for name, m, s in json.loads(self.files)]


def folders(db: sqlite3.Connection) -> dict[str, Folder]:
    """Every folder of the last build."""
    return {p: Folder(*rest) for p, *rest in db.execute("SELECT * FROM dirs")}


def save_dir(
    db: sqlite3.Connection, folder: str, mtime_ns: int, digest: str, files: dict[str, Stamp]
) -> None:
    stamps = json.dumps([[n, st.mtime_ns, st.size] for n, st in files.items()], ensure_ascii=False)
    db.execute(
        "INSERT OR REPLACE INTO dirs VALUES (?, ?, ?, ?)", (folder, mtime_ns, digest, stamps)
    )


def delete_dirs(db: sqlite3.Connection, folders: Iterable[str]) -> None:
    db.executemany("DELETE FROM dirs WHERE path = ?", [(f,) for f in folders])


def known_in(db: sqlite3.Connection, folder: str) -> dict[str, Known]:
    """The articles of one folder, by file name."""
    return {
        rel.rpartition("/")[2]: Known(Stamp(m, s), sha, dn)
        for rel, m, s, sha, dn in db.execute(
            "SELECT rel, mtime_ns, size, sha, dn FROM articles WHERE dir = ?", (folder,)
        )
    }


def rels_in(db: sqlite3.Connection, folder: str) -> list[str]:
    return [r for (r,) in db.execute("SELECT rel FROM articles WHERE dir = ?", (folder,))]


def touch(db: sqlite3.Connection, rel: str, stamp: Stamp) -> None:
    """Record a new stamp for a file whose bytes did not change."""
    db.execute(
        "UPDATE articles SET mtime_ns = ?, size = ? WHERE rel = ?",
        (stamp.mtime_ns, stamp.size, rel),
    )


def add_todo(db: sqlite3.Connection, items: Iterable[tuple[str, Stamp, str]]) -> None:
    """Queue files to parse: (rel, stamp, priority; higher priorities are done first)."""
    db.executemany(
        "INSERT OR REPLACE INTO todo VALUES (?, ?, ?, ?)",
        [(rel, st.mtime_ns, st.size, prio) for rel, st, prio in items],
    )


def todo(db: sqlite3.Connection) -> Iterator[tuple[str, Stamp]]:
    """The queued files, highest priority (newest) first."""
    for rel, m, s in db.execute("SELECT rel, mtime_ns, size FROM todo ORDER BY prio DESC"):
        yield rel, Stamp(m, s)


def todo_count(db: sqlite3.Connection) -> int:
    return db.execute("SELECT count(*) FROM todo").fetchone()[0]


def save_rows(db: sqlite3.Connection, rows: list[Row]) -> Counter[str]:
    """Insert or replace rows; return the change in facet counts (old rows' facets removed)."""
    counts: Counter[str] = Counter()
    rels = json.dumps([row.rel for row in rows], ensure_ascii=False)
    for (facets,) in db.execute(  # one query a chunk, not one a row
        "SELECT facets FROM articles WHERE rel IN (SELECT value FROM json_each(?))", (rels,)
    ):
        counts.subtract(json.loads(facets))
    for row in rows:
        counts.update(row.facets)
    db.executemany(
        "INSERT OR REPLACE INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                r.rel,
                r.dir,
                r.stamp.mtime_ns,
                r.stamp.size,
                r.sha,
                r.dn,
                r.rank,
                r.title,
                json.dumps(r.facets, ensure_ascii=False),
                r.nav,
            )
            for r in rows
        ],
    )
    return counts


def delete_rows(db: sqlite3.Connection, rels: Iterable[str]) -> Counter[str]:
    """Drop the rows of articles that are gone; return the change in facet counts."""
    counts: Counter[str] = Counter()
    for rel in rels:
        old = db.execute("SELECT facets FROM articles WHERE rel = ?", (rel,)).fetchone()
        if old:
            counts.subtract(json.loads(old[0]))
            db.execute("DELETE FROM articles WHERE rel = ?", (rel,))
    return counts


def update_facets(db: sqlite3.Connection, change: Counter[str]) -> None:
    """Apply a change in facet counts; values that reach zero disappear."""
    for key, delta in change.items():
        if delta:
            db.execute(
                "INSERT INTO facets VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET n = n + ?",
                (key, delta, delta),
            )
    db.execute("DELETE FROM facets WHERE n <= 0")


def facet_counts(db: sqlite3.Connection) -> dict[str, int]:
    return dict(db.execute("SELECT key, n FROM facets"))


def ordered(db: sqlite3.Connection) -> Iterator[tuple[int, str, str, str]]:
    """(dn, rel, title, nav) of every article in list order: newest first, undated last."""
    yield from db.execute("SELECT dn, rel, title, nav FROM articles ORDER BY rank, rel")


def set_navs(db: sqlite3.Connection, navs: list[tuple[str, str]]) -> None:
    """Record the neighbours a page now links to: (nav key, rel)."""
    db.executemany("UPDATE articles SET nav = ? WHERE rel = ?", navs)


def live_between(db: sqlite3.Connection, lo: int, hi: int) -> set[int]:
    """The document numbers still in use within ``lo <= dn < hi``."""
    return {
        dn for (dn,) in db.execute("SELECT dn FROM articles WHERE dn >= ? AND dn < ?", (lo, hi))
    }


def article_count(db: sqlite3.Connection) -> int:
    return db.execute("SELECT count(*) FROM articles").fetchone()[0]


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
