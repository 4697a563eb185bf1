"""What the state records (articles, feeds, feed items to retry) and what it is asked."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol


class StateError(RuntimeError):
    """The state file cannot be used (corrupt, not SQLite); the message names the file and fix."""


@dataclass
class ArticleRecord:
    """One archived article as the state knows it."""

    url: str
    path: str  # archive-relative
    content_hash: str
    first_seen: float = 0.0
    last_seen: float = 0.0
    published: float | None = None
    assets_done: list[str] = field(default_factory=list)
    assets_pending: list[str] = field(default_factory=list)
    versions: int = 1


@dataclass
class FeedRecord:
    """A feed as last read: its validators for the next conditional GET, the sites it fed."""

    url: str
    etag: str = ""
    last_modified: str = ""
    sites: list[str] = field(default_factory=list)  # site keys of its articles (pending images)
    checked: float = 0.0


@dataclass
class FeedRetry:
    """A feed item whose page could not be read: archived from the feed's text, or not at all.

    Its page is asked for again on later runs, whatever the feed answers, until it is read.
    """

    url: str  # the article's
    feed: str  # the feed's URL
    entry: dict[str, Any] = field(default_factory=dict)  # what the feed said (title, date...)
    first_failed: float = 0.0
    attempts: int = 1


class ArchiveState(Protocol):
    """What the spiders and pipelines ask of the state (SQLite here; Redis for many workers)."""

    def flushes(self, folder: Path) -> bool:
        """True when each commit first flushes the files written under ``folder`` to disk
        (group commit), so writers there need not fsync each file."""
        ...

    def get(self, url: str) -> ArticleRecord | None:
        """The record of ``url``, or of the article ``url`` redirected to (``add_aliases``)."""
        ...

    def add_aliases(self, url: str, aliases: list[str]) -> None:
        """Remember that ``aliases`` (a redirect chain) lead to the article at ``url``."""
        ...

    def record(self, record: ArticleRecord) -> None: ...

    def with_pending_assets(self) -> list[ArticleRecord]: ...

    def remove(self, url: str) -> None: ...

    def mark_gone(self, url: str, status: int) -> None: ...

    def gone_checked(self, url: str) -> float | None: ...

    def all(self) -> list[ArticleRecord]: ...

    def start_walk(self, key: str) -> None: ...

    def finish_walk(self, key: str) -> None: ...

    def walk_interrupted(self, key: str) -> bool: ...

    def get_feed(self, url: str) -> FeedRecord | None: ...

    def record_feed(self, record: FeedRecord) -> None: ...

    def add_feed_retry(self, retry: FeedRetry) -> None: ...

    def feed_retries(self) -> list[FeedRetry]: ...

    def remove_feed_retry(self, url: str) -> None: ...

    def close(self) -> None: ...
