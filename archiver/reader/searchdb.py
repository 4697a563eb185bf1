"""``.archiver/search.sqlite``: the SQLite FTS5 index behind ``archiver search``.

The trigram tokenizer indexes every three-character window, which suits Chinese (no word
boundaries) and makes ``MATCH '"数字医疗"'`` a substring search. Terms shorter than three
characters cannot use it, so they fall back to ``LIKE`` over the same table. The index keeps
each file's stamp and hash, so ``refresh`` only reads articles that changed.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from archiver.frontmatter import FrontmatterError
from archiver.reader.files import PRIVATE
from archiver.reader.source import Entry, Scan, Stamp, file_sha, load_article, scan_archive
from archiver.reader.tokens import fold, normalize

logger = logging.getLogger(__name__)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS docs (
    id INTEGER PRIMARY KEY, rel TEXT UNIQUE NOT NULL, mtime_ns INTEGER NOT NULL,
    size INTEGER NOT NULL, sha TEXT NOT NULL, title TEXT NOT NULL, date REAL,
    site TEXT NOT NULL, url TEXT NOT NULL);
CREATE VIRTUAL TABLE IF NOT EXISTS fts USING fts5(title, body, tokenize='trigram');
"""
TITLE_WEIGHT = 10.0


@dataclass(frozen=True)
class Hit:
    """One search result."""

    rel: str
    title: str
    date: str
    site: str
    url: str
    in_title: bool
    score: float
    snippet: str


def index_path(root: Path) -> Path:
    """Where the archive keeps its command-line search index."""
    return root / PRIVATE / "search.sqlite"


def open_index(root: Path) -> sqlite3.Connection:
    """Open (or create) the index of the archive at ``root``."""
    path = index_path(root)
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(path, timeout=60)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    db.executescript(_SCHEMA)
    return db


def _upsert(db: sqlite3.Connection, stamp: Stamp, article: Entry) -> None:
    row = db.execute("SELECT id FROM docs WHERE rel = ?", (article.rel,)).fetchone()
    if row:
        db.execute("DELETE FROM fts WHERE rowid = ?", row)
        db.execute("DELETE FROM docs WHERE id = ?", row)
    date = article.date.timestamp() if article.date else None
    cur = db.execute(
        "INSERT INTO docs (rel, mtime_ns, size, sha, title, date, site, url)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            article.rel,
            stamp.mtime_ns,
            stamp.size,
            article.sha,
            article.title,
            date,
            article.site,
            article.url,
        ),
    )
    db.execute(
        "INSERT INTO fts (rowid, title, body) VALUES (?, ?, ?)",
        (cur.lastrowid, fold(article.title), fold(article.body.text)),
    )


def add_articles(root: Path, items: Iterable[tuple[Stamp, Entry]]) -> int:
    """Index articles the caller has parsed (any iterable, e.g. fed from another thread)."""
    db = open_index(root)
    count = 0
    try:
        with db:
            for stamp, article in items:
                _upsert(db, stamp, article)
                count += 1
    finally:
        db.close()
    return count


def refresh(
    root: Path,
    scan: Scan | None = None,
    loaded: Mapping[str, Entry] | None = None,
    progress: Callable[[int], None] | None = None,
) -> tuple[int, int]:
    """Bring the index in line with the archive; return (articles indexed, removed).

    ``scan`` and ``loaded`` (articles the caller already parsed) save work when given.
    ``progress`` is told how many files need reading before the work starts.
    """
    scan = scan or scan_archive(root)
    loaded = loaded or {}
    db = open_index(root)
    try:
        known = {
            rel: (Stamp(m, s), sha)
            for rel, m, s, sha in db.execute("SELECT rel, mtime_ns, size, sha FROM docs")
        }
        gone = [rel for rel in known if rel not in scan.articles]
        todo = [rel for rel, st in scan.articles.items() if rel not in known or known[rel][0] != st]
        if progress and todo:
            progress(len(todo))
        indexed = 0
        with db:
            for rel in gone:
                db.execute(
                    "DELETE FROM fts WHERE rowid = (SELECT id FROM docs WHERE rel = ?)", (rel,)
                )
                db.execute("DELETE FROM docs WHERE rel = ?", (rel,))
            for rel in todo:
                stamp = scan.articles[rel]
                article = loaded.get(rel)
                if article is None:
                    try:
                        data = (root / rel).read_bytes()
                        if rel in known and known[rel][1] == file_sha(data):
                            db.execute(
                                "UPDATE docs SET mtime_ns = ?, size = ? WHERE rel = ?",
                                (stamp.mtime_ns, stamp.size, rel),
                            )
                            continue
                        article = load_article(rel, data)
                    except (OSError, UnicodeDecodeError, FrontmatterError) as exc:
                        logger.warning("Not indexing %s: %s", rel, exc)
                        continue
                _upsert(db, stamp, article)
                indexed += 1
        return indexed, len(gone)
    finally:
        db.close()


def _like(term: str) -> str:
    """A LIKE pattern matching ``term`` anywhere, with its wildcards escaped."""
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def snippet(text: str, terms: list[str], width: int = 80) -> str:
    """A window of ``text`` around the first occurrence of any term."""
    low = normalize(text)
    found = [i for i in (low.find(normalize(t)) for t in terms) if i >= 0]
    start = max(0, min(found) - width // 4) if found else 0
    cut = text[start : start + width].replace("\n", " ")
    return ("…" if start else "") + cut + ("…" if start + width < len(text) else "")


def search(root: Path, query: str, limit: int = 20) -> list[Hit]:
    """Hits for every whitespace-separated term of ``query``: title hits first, then BM25."""
    terms = [fold(t) for t in query.split()]
    if not terms:
        return []
    long_terms = [t for t in terms if len(t) >= 3]
    where, params = [], []
    if long_terms:
        where.append("fts MATCH ?")
        params.append(" ".join('"' + t.replace('"', '""') + '"' for t in long_terms))
    for term in terms:
        if len(term) < 3:
            where.append("(fts.title LIKE ? ESCAPE '\\' OR fts.body LIKE ? ESCAPE '\\')")
            params += [_like(term), _like(term)]
    in_title = " AND ".join("fts.title LIKE ? ESCAPE '\\'" for _ in terms)
    score = f"bm25(fts, {TITLE_WEIGHT}, 1.0)" if long_terms else "0.0"
    sql = (
        f"SELECT fts.rowid, ({in_title}) AS in_title, {score} AS score FROM fts"
        f" JOIN docs d ON d.id = fts.rowid WHERE {' AND '.join(where)}"
        " ORDER BY in_title DESC, score, d.date DESC" + (" LIMIT ?" if limit > 0 else "")
    )
    db = open_index(root)
    try:
        ranked = db.execute(
            sql, [_like(t) for t in terms] + params + ([limit] if limit > 0 else [])
        )
        hits = []
        for rowid, title_hit, rank in ranked.fetchall():
            rel, title, date, site, url, body = db.execute(
                "SELECT d.rel, d.title, d.date, d.site, d.url, fts.body FROM docs d"
                " JOIN fts ON fts.rowid = d.id WHERE d.id = ?",
                (rowid,),
            ).fetchone()
            when = (
                datetime.fromtimestamp(date, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
                if date is not None
                else ""
            )
            hits.append(
                Hit(rel, title, when, site, url, bool(title_hit), float(rank), snippet(body, terms))
            )
        return hits
    finally:
        db.close()
