"""``archiver search``: the reader's own index, queried from Python.

The same files the browser loads (``webindex``, ``docstore``, ``catalog``) and the same
steps as ``static/search.js``: the posting lists of the query's keys, intersected; title
hits first, then body hits, each newest first; a term longer than two characters confirmed
against the stored title or text; a snippet around the first match. One index serves both,
so the terminal adds nothing to the archive's size. Imports nothing heavy, so the command
starts fast.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from archiver.reader import catalog
from archiver.reader.docstore import DocStore
from archiver.reader.files import PRIVATE, read_data
from archiver.reader.manifest import Segment
from archiver.reader.postings import decode
from archiver.reader.tokens import TITLE, Term, canon, normalize, query_terms, runs
from archiver.reader.webindex import read_lists


class NoIndex(RuntimeError):
    """The archive has no reader index yet (``archiver build`` makes it)."""


@dataclass(frozen=True)
class Hit:
    """One search result."""

    rel: str
    title: str
    date: str
    site: str
    url: str
    in_title: bool
    snippet: str


class Index:
    """An archive's reader index, opened for queries."""

    def __init__(self, root: Path) -> None:
        meta = read_data(root, "meta")
        if not meta or meta.get("format") != catalog.FORMAT:
            raise NoIndex(f"{root} has no reader index: run `archiver build {root}`")
        self.root = root
        self.segments = [
            Segment(name, lo, hi, 0, shards) for name, lo, hi, shards in meta["segments"]
        ]
        self.order = catalog.read_order(root)
        self.store = DocStore(root)

    def postings(self, keys: set[str]) -> dict[str, set[int]]:
        """Every key's documents across the segments (a missing key: an empty set)."""
        out: dict[str, set[int]] = {key: set() for key in keys}
        for segment in self.segments:
            for key, code in read_lists(self.root, segment, keys).items():
                out[key].update(decode(code, segment.lo))
        return out

    def search(self, query: str, limit: int = 20) -> list[Hit]:
        """Hits for every term of ``query`` (``limit`` 0: all of them)."""
        terms = query_terms(query)
        if not terms:
            return []
        keys = {key for term in terms for key in term.lookup}
        lists = self.postings(keys | {TITLE + key for key in keys})
        body = set.intersection(*(lists[key] for key in keys))
        titled = set.intersection(*(lists[TITLE + key] for key in keys)) & body
        hits: list[Hit] = []
        wanted = limit if limit > 0 else len(body)
        for dn in self.order if titled else ():
            if dn in titled and self._in_title(dn, terms):
                hits.append(self._hit(dn, terms, True))
                if len(hits) >= wanted:
                    return hits
        shown = {h.rel for h in hits}
        for dn in self.order:
            if dn in body and self._matches(dn, terms):
                hit = self._hit(dn, terms, False)
                if hit.rel not in shown:
                    hits.append(hit)
                    if len(hits) >= wanted:
                        break
        return hits

    def _title(self, dn: int) -> str:
        entry = self.store.entry(dn)
        return entry[3] if entry else ""

    def _in_title(self, dn: int, terms: list[Term]) -> bool:
        title = canon(self._title(dn))
        return all(term.exact or term.text in title for term in terms)

    def _matches(self, dn: int, terms: list[Term]) -> bool:
        if all(term.exact for term in terms):
            return True
        title, text = canon(self._title(dn)), canon(self.store.text(dn))
        return all(term.exact or term.text in title or term.text in text for term in terms)

    def _hit(self, dn: int, terms: list[Term], in_title: bool) -> Hit:
        entry = self.store.entry(dn) or [dn, "", "", "", None, "", [], [], "", "", ""]
        _, folder, name, title, date, site, *_rest, url = entry
        when = (
            datetime.fromtimestamp(date, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
            if date is not None
            else ""
        )
        rel = f"{folder}/{name}.md" if folder else f"{name}.md"
        return Hit(rel, title, when, site, url, in_title, snippet(self.store.text(dn), terms))


def snippet(text: str, terms: list[Term], width: int = 80) -> str:
    """A window of ``text`` around the first occurrence of any term (its longest run)."""
    low = normalize(text)
    found = [low.find(max(runs(t.text), key=len)) for t in terms]
    found = [i for i in found if i >= 0]
    start = max(0, min(found) - width // 4) if found else 0
    cut = " ".join(text[start : start + width].split())
    return ("…" if start else "") + cut + ("…" if start + width < len(text) else "")


def search(root: Path, query: str, limit: int = 20) -> list[Hit]:
    """Search the reader index of the archive at ``root``; raises NoIndex without one."""
    return Index(root).search(query, limit)


def stale(root: Path) -> bool:
    """Whether the archive changed since the last build, judged by its folders' mtimes.

    A crawl writes files by renaming them into place, which changes the folder's mtime;
    this costs a few hundred ``stat`` calls, where a full check reads every file's."""
    manifest = (root / PRIVATE / "reader.sqlite").resolve()
    if not manifest.is_file():
        return True
    try:
        db = sqlite3.connect(f"{manifest.as_uri()}?mode=ro", uri=True)
        try:
            rows = db.execute("SELECT path, mtime_ns FROM dirs").fetchall()
        finally:
            db.close()
    except sqlite3.Error:
        return True
    for folder, mtime in rows:
        try:
            if os.stat(root / folder).st_mtime_ns != mtime:
                return True
        except OSError:
            return True
    return not rows
