"""``archiver build``: bring the offline reader in line with the archive, incrementally.

A build first asks ``plan`` what changed (folder mtimes and article stamps: an unchanged
archive costs a ``stat`` per file and nothing else). Changed files are queued in the
manifest and parsed a chunk at a time (``prepare.prepare_chunk``; in worker processes when
there are many), each chunk writing its pages and blocks and handing back rows and
postings, which join the segment being built. Then one pass over the list order (an SQL
``ORDER BY``) writes the order file and fixes the previous/next links of the pages whose
neighbours are not those they were rendered with (a chunk is a newest-first run of files,
so in a first build only pages at a chunk's edges). Memory stays flat: nothing holds the
whole archive, only chunks and the segment being built (``webindex.SEGMENT_CHARS``).

An article file that cannot be read or parsed is reported (with its reason) and skipped;
the rest is built, and the file is tried again by the next build.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import time
from array import array
from collections import Counter, deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Executor, Future
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from archiver.reader import catalog, manifest, webindex
from archiver.reader.docstore import ALIGN
from archiver.reader.files import (
    ASSETS,
    PRIVATE,
    build_lock,
    install_static,
    remove_tree,
    write_if_changed,
)
from archiver.reader.plan import Plan, save_folders
from archiver.reader.pool import Inline, Workers, in_order
from archiver.reader.prepare import Prepared, fix_links, prepare_chunk
from archiver.reader.render import Neighbour, nav_key, render_index, render_nav, render_version
from archiver.reader.source import Listing, list_folder

logger = logging.getLogger(__name__)

CHUNK = 384  # files per job (a multiple of docstore.ALIGN; a worker holds one: ~80 MB)
POOL_MIN = 1024  # fewer files to parse than this are parsed in this process
PATCH_BATCH = 2048
PRELOAD = ("archiver.reader.prepare",)
Row = tuple[int, str, str, str]  # a page in list order: number, path, title, nav key


@dataclass
class BuildReport:
    """What a build did."""

    index: Path
    articles: int = 0
    added: int = 0
    changed: int = 0
    removed: int = 0
    rendered: int = 0
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def summary(self) -> str:
        """One line for logs and the command line."""
        return (
            f"{self.articles} articles ({self.added} new, {self.changed} changed, "
            f"{self.removed} removed), {self.rendered} pages rendered, "
            f"{len(self.errors)} unreadable, in {self.seconds:.2f}s"
        )


def build_reader(
    root: Path | str, *, force: bool = False, workers: int | None = None
) -> BuildReport:
    """Build or update the reader inside the archive at ``root``; ``force`` starts over.

    ``workers`` processes parse files when many changed (default: one per core)."""
    started = time.monotonic()
    root = Path(root).resolve()
    if not root.is_dir():
        raise FileNotFoundError(f"archive folder not found: {root}")
    with build_lock(root):
        db = manifest.open_manifest(root)
        try:
            stale = manifest.get_setting(db, "render") != render_version()
            if force or stale or _data_missing(root, db):
                manifest.reset(db)
                for folder in ("ix", "m", "t", "cat", "tx"):  # cat, tx: an older layout's
                    remove_tree(root / ASSETS / folder)
                for old in (root / PRIVATE).glob("search.sqlite*"):  # an older FTS5 index
                    old.unlink(missing_ok=True)
            report = _Build(root, db, workers or os.cpu_count() or 1).run()
        finally:
            db.close()
    report.seconds = time.monotonic() - started
    logger.debug("Reader of %s: %s", root, report.summary())
    return report


def _data_missing(root: Path, db: sqlite3.Connection) -> bool:
    """Whether the manifest names reader data that is gone (``.reader`` deleted or cut):
    the build then starts over, as the manifest's rows describe pages and shards no longer
    there."""
    data = root / ASSETS
    if any(not (data / "ix" / segment.name).is_dir() for segment in manifest.load_segments(db)):
        return True
    return manifest.article_count(db) > 0 and not (data / "m").is_dir()


def _batches(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


class _Build:
    """One build: plan from the folder listings, parse what changed, then the order pass."""

    def __init__(self, root: Path, db: sqlite3.Connection, workers: int) -> None:
        self.root, self.db, self.workers = root, db, workers
        self.report = BuildReport(index=root / "index.html")
        self.plan = Plan(root, db)
        self.written_dirs: set[str] = set()  # folders whose pages got new links
        self.error_dirs: set[str] = set()
        self.facets: Counter[str] = Counter()
        self.pool: Executor | None = None
        self.segments: list[manifest.Segment] = []

    def run(self) -> BuildReport:
        install_static(self.root)
        plan = self.plan
        plan.run()
        self.report.added, self.report.changed = plan.added, plan.changed
        self.report.removed = len(plan.removed)
        pending = manifest.todo_count(self.db)
        finished = manifest.get_setting(self.db, "finished") == "1"
        if not pending and not plan.removed and finished and self.report.index.is_file():
            with self.db:
                self._save_dirs()
            self.report.articles = manifest.article_count(self.db)
            return self.report
        parallel = self.workers > 1 and pending >= POOL_MIN
        self.pool = Workers(self.workers, PRELOAD) if parallel else Inline()
        start = int(manifest.get_setting(self.db, "next_dn", "0") or 0)
        start = -(-start // ALIGN) * ALIGN
        self.start = start
        try:
            self._parse(start)
            self._finish()
        finally:
            self.pool.shutdown(cancel_futures=True)
        return self.report

    # --- parse ---------------------------------------------------------------------------

    def _parse(self, start: int) -> None:
        """Parse the queued files chunk by chunk, joining their postings into segments."""
        db, root = self.db, self.root
        assert self.pool is not None
        segments = manifest.load_segments(db)
        builder = webindex.SegmentBuilder(start)
        jobs = self._jobs(start)
        ahead = 1 if isinstance(self.pool, Inline) else 3 * self.workers
        lo = start
        for result in in_order(self.pool, prepare_chunk, jobs, ahead):
            self._take(result)
            if builder.chars >= webindex.SEGMENT_CHARS:
                segments.append(builder.write(root, self._segment_name()))
                builder = webindex.SegmentBuilder(result.lo)
            builder.add(result.postings, result.hi, len(result.rows))
            lo = result.hi
        if builder.docs:
            segments.append(builder.write(root, self._segment_name()))
        for rel in self.plan.removed:
            (root / f"{rel[: -len('.md')]}.html").unlink(missing_ok=True)
        with db:
            self.facets.update(manifest.delete_rows(db, self.plan.removed))
            manifest.update_facets(db, self.facets)
            manifest.save_segments(db, segments)
            manifest.set_setting(db, "next_dn", str(lo))
            manifest.set_setting(db, "render", render_version())
            manifest.set_setting(db, "finished", "0")
            db.execute("DELETE FROM todo")
        self.segments = segments

    def _jobs(self, lo: int) -> Iterator[tuple[str, int, list]]:
        """The queued files in chunks, as documents numbered from ``lo`` (read lazily)."""
        for batch in _batches(manifest.todo(self.db), CHUNK):
            yield str(self.root), lo, batch
            lo += len(batch)

    def _take(self, result: Prepared) -> None:
        """Record one chunk's rows and errors."""
        with self.db:
            self.facets.update(manifest.save_rows(self.db, result.rows))
        self.report.rendered += len(result.rows)
        for rel, reason in result.errors:
            if rel in self.plan.known_changed:
                self.report.changed -= 1
            else:
                self.report.added -= 1
            self.report.errors.append(f"{rel}: {reason}")
            self.error_dirs.add(rel.rpartition("/")[0])
            logger.warning("Cannot read article %s, skipped: %s", rel, reason)

    def _segment_name(self) -> str:
        number = int(manifest.get_setting(self.db, "next_segment", "0") or 0)
        manifest.set_setting(self.db, "next_segment", str(number + 1))
        return f"s{number}"

    # --- finish --------------------------------------------------------------------------

    def _finish(self) -> None:
        """The order pass (order file, previous/next links), segments, meta, index page."""
        db, root = self.db, self.root
        order = self._order_pass()
        listing = self._list_folders()  # in the workers, while this process writes the rest
        segments, obsolete = webindex.tidy(
            root,
            self.segments,
            lambda lo, hi: manifest.live_between(db, lo, hi),
            self._segment_name,
        )
        max_dn = int(manifest.get_setting(db, "next_dn", "0") or 0)
        catalog.write_order(root, order)
        catalog.write_meta(root, len(order), max_dn, manifest.facet_counts(db), segments)
        if write_if_changed(self.report.index, render_index(len(order))):
            self.written_dirs.add("")
        listings = {folder: future.result() for folder, future in listing.items()}
        with db:
            manifest.save_segments(db, segments)
            self._save_dirs(listings)
            manifest.set_setting(db, "finished", "1")
        listed = {s.name for s in segments}
        webindex.remove_segments(root, obsolete)
        webindex.remove_segments(root, webindex.segment_names_on_disk(root) - listed)
        self.report.articles = len(order)

    def _order_pass(self) -> array[int]:
        """Walk the list order once: collect it, and fix the links of pages whose
        neighbours changed (the patches go to the workers in batches)."""
        reader = sqlite3.connect(manifest.path(self.root))
        order = array("I")
        navs: list[tuple[str, str]] = []
        patches: list[tuple[str, str]] = []
        futures: deque[Future] = deque()
        window: deque[Row] = deque(maxlen=3)
        rows = manifest.ordered(reader)

        def check(newer: Row | None, current: Row, older: Row | None) -> None:
            dn, rel, _, nav = current
            links = [Neighbour(o[1], o[2]) if o else None for o in (newer, older)]
            key = nav_key(*links)
            if key == nav:
                return
            if dn < self.start:  # a page of an earlier build, not rendered again yet
                self.report.rendered += 1
            patches.append((rel, render_nav(rel, *links)))
            self.written_dirs.add(rel.rpartition("/")[0])
            navs.append((key, rel))
            if len(patches) >= PATCH_BATCH:
                self._flush_patches(patches, navs, futures)

        try:
            for row in rows:
                order.append(row[0])
                window.append(row)
                if len(window) == 2 and len(order) == 2:
                    check(None, window[0], window[1])
                elif len(window) == 3:
                    check(window[0], window[1], window[2])
            if len(window) == 1:
                check(None, window[0], None)
            elif window:
                check(window[-2], window[-1], None)
            self._flush_patches(patches, navs, futures)
            while futures:
                self._missing(futures.popleft().result())
        finally:
            reader.close()
        return order

    def _flush_patches(self, patches: list, navs: list, futures: deque[Future]) -> None:
        assert self.pool is not None
        if patches:
            futures.append(self.pool.submit(fix_links, str(self.root), list(patches)))
            with self.db:
                manifest.set_navs(self.db, navs)
            patches.clear()
            navs.clear()
        while len(futures) > 2 * self.workers:
            self._missing(futures.popleft().result())

    def _missing(self, rels: list[str]) -> None:
        """Pages that vanished before their links were fixed: the next build renders them."""
        for rel in rels:
            logger.warning("Page of %s is missing; the next build renders it", rel)
            self.error_dirs.add(rel.rpartition("/")[0])

    def _list_folders(self) -> dict[str, Future]:
        """The folders to record, listed by the pool once every page is written (not the top
        one: ``index.html`` is still to come)."""
        assert self.pool is not None
        folders = sorted((self.plan.listed | self.written_dirs) - {""})
        return {f: self.pool.submit(list_folder, self.root, f) for f in folders}

    def _save_dirs(self, listings: dict[str, Listing | None] | None = None) -> None:
        folders = self.plan.listed | self.written_dirs
        save_folders(self.root, self.db, folders, self.plan.gone_dirs, self.error_dirs, listings)
