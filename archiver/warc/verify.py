"""What ``archiver verify`` checks of the web archive, and what ``--repair`` mends.

Every WARC file must read back record by record to its end with the digests it declares,
and have its CDXJ index; an article file whose page is not among the captures is noted
(``archiver reextract`` cannot rebuild it). ``--repair`` cuts a torn last record (what a
killed write or a full disk leaves) and writes missing indexes, under the run lock: a file
a running crawl is writing is never touched, only skipped.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Protocol

from archiver.archive import ArchiveLocked, acquire_lock
from archiver.warc import crawl_running, iter_warc_files, warc_root
from archiver.warc.index import CaptureIndex, index_path, records_after, recover, unindexed
from archiver.warc.records import Damaged, scan


class Findings(Protocol):
    """The parts of verify's report this check adds to."""

    problems: list[str]
    notes: list[str]
    repaired: list[str]


def check_web_archive(
    archive_dir: Path, report: Findings, repair: bool, urls: Iterable[str]
) -> None:
    """Check every WARC file and index, and that each article URL in ``urls`` is captured."""
    root = warc_root(archive_dir)
    warcs = iter_warc_files(root)
    if not warcs:
        report.notes.append("no web archive (WARC) yet: ARCHIVE_WARC was off, or no crawl since")
        return
    try:
        lock = acquire_lock(archive_dir) if repair else None
    except ArchiveLocked as exc:
        report.problems.append(f"web archive not repaired: {exc}")
        return
    try:
        _check_files(archive_dir, warcs, set(unindexed(root)), report, repair)
    finally:
        if lock is not None:
            lock.close()
    index = CaptureIndex.of_files(iter_warc_files(root))
    missing = [u for u in urls if not _captured(index, u)]
    if missing:
        report.notes.append(
            f"{len(missing)} article(s) have no stored page (archived before capture or with "
            f"ARCHIVE_WARC=off), e.g. {missing[0]}: reextract cannot rebuild them"
        )


def _check_files(
    archive_dir: Path, warcs: list[Path], open_ones: set[Path], report: Findings, repair: bool
) -> None:
    running = not repair and crawl_running(archive_dir)
    for warc in warcs:
        rel = warc.relative_to(archive_dir)
        if warc in open_ones and running:
            report.notes.append(f"{rel}: being written by a running crawl, not checked")
            continue
        records, bad_digests = 0, 0
        damage = None
        try:
            for record in scan(warc, check_digests=True):
                records += 1
                bad_digests += bool(record.digest_problems)
        except Damaged as exc:
            damage = exc
        if bad_digests:
            report.problems.append(f"{rel}: {bad_digests} record(s) fail their WARC digests")
        torn = damage is not None and not records_after(warc, damage.offset)
        if damage is not None and not torn:
            report.problems.append(
                f"{rel}: corrupt at byte {damage.offset} ({damage.reason}), whole records after "
                "it: not cut; the records before it are indexed"
            )
        elif torn and damage is not None:
            report.problems.append(
                f"{rel}: torn last record at byte {damage.offset} ({damage.reason}) after "
                f"{records} whole records [repairable]"
            )
        elif warc in open_ones:
            report.problems.append(f"{rel}: no CDXJ index ({index_path(warc).name}) [repairable]")
        if repair and (torn or warc in open_ones):
            found = recover(warc, repair=True)
            if found.indexed:
                cut = f", {found.cut} torn bytes cut" if found.cut else ""
                report.repaired.append(f"indexed {rel} ({found.records} records{cut})")


def _captured(index: CaptureIndex, url: str) -> bool:
    best = index.best(url)
    return best is not None and 200 <= best.status < 400
