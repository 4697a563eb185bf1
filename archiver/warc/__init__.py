"""The crawl's web archive: every response it used, kept as WARC 1.1 records (ISO 28500).

An article file is only as good as the extraction that made it; the responses themselves
let a later extractor start again from what the site served. The modules, one concern each:

- ``records``: one WARC record to bytes and back (warcio), and a file scanned record by
  record up to the first damage;
- ``index``: the CDXJ index beside each WARC file, and the archive-wide lookup built on it;
- ``writer``: the open WARC files of a crawl (one gzip member per record, rolled by size);
- ``capture``: the downloader middleware that records each exchange as Scrapy makes it;
- ``replay``: a download handler that answers from WARC files and refuses anything else;
- ``spiders``, ``crawl``: the project's own spiders, run over stored responses;
- ``reextract``, ``importer``: ``archiver reextract`` and ``archiver import``;
- ``wacz``: ``archiver export wacz``; ``verify``: what ``archiver verify`` checks of them.

Layout: ``ARCHIVE_DIR/.archiver/warc/<site>/<YYYY-MM>/<time>-<host>-<pid>-<n>.warc.gz``,
each with its ``.cdxj`` index once the file is closed (a killed run's is rebuilt).
"""

from __future__ import annotations

from pathlib import Path

from archiver.archive import ArchiveLocked, acquire_lock
from archiver.state import STATE_DIRNAME

WARC_DIRNAME = "warc"
WARC_SUFFIXES = (".warc.gz", ".warc")
MODES = ("pages", "all", "off")


def warc_root(archive_dir: Path) -> Path:
    """The folder that holds an archive's WARC files."""
    return archive_dir / STATE_DIRNAME / WARC_DIRNAME


def iter_warc_files(folder: Path) -> list[Path]:
    """Every WARC file under ``folder``, in name order (oldest first within a folder)."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*.warc*") if p.name.endswith(WARC_SUFFIXES))


def crawl_running(archive_dir: Path) -> bool:
    """True while a crawl holds the archive's run lock (its open WARC file is not to be read)."""
    try:
        acquire_lock(archive_dir, shared=True).close()
    except ArchiveLocked:
        return True
    return False
