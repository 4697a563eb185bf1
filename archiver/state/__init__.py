"""The archive state: what is archived, where, with which content hash, which images are pending.

It lives in ``ARCHIVE_DIR/.archiver/state.sqlite`` so copying the folder copies it. It is a
cache of the files, never the only truth: a row whose file is gone counts as not archived,
and ``archiver verify --repair`` rebuilds every row from the files. An article is recorded
only after its file is on disk (the write pipeline calls ``record``), unlike deltafetch,
which marks a page seen before anything was written.
"""

from __future__ import annotations

from pathlib import Path

from archiver.state.records import ArchiveState, ArticleRecord, FeedRecord, FeedRetry, StateError
from archiver.state.sqlite import SqliteState

__all__ = [
    "STATE_DIRNAME",
    "STATE_FILENAME",
    "ArchiveState",
    "ArticleRecord",
    "FeedRecord",
    "FeedRetry",
    "SqliteState",
    "StateError",
    "state_path",
]

STATE_DIRNAME = ".archiver"
STATE_FILENAME = "state.sqlite"


def state_path(archive_dir: Path) -> Path:
    """Where an archive keeps its state: ``ARCHIVE_DIR/.archiver/state.sqlite``."""
    return archive_dir / STATE_DIRNAME / STATE_FILENAME
