"""ArchiveState in Redis, shared by every worker of a distributed run.

Same interface and meaning as :class:`archiver.state.SqliteState`: a cache of the files,
recorded only after a file is on disk. Layout (``StateKeys``): a hash url -> JSON record,
a set of the urls with pending images, a hash url -> JSON ``{status, checked}`` of gone
articles, a hash start URL -> JSON ``{started, finished}`` of list walks. The first worker
on an archive that has a ``state.sqlite`` copies its rows in once, so switching an archive
to distributed mode does not re-fetch it.

``state.sqlite`` is not updated by workers (SQLite on a shared filesystem is unsafe);
``archiver verify --repair`` rebuilds it from the files after a distributed run.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import TypeVar

from redis import Redis
from scrapy.settings import BaseSettings

from archiver.distributed.connection import RedisError, RedisUnavailable, connect
from archiver.distributed.keys import StateKeys
from archiver.options import ArchiveOptions
from archiver.state import ArticleRecord, FeedRecord, FeedRetry, SqliteState, state_path

logger = logging.getLogger(__name__)

T = TypeVar("T")
# A worker that takes an article with pending images to retry keeps it this long, so that
# the other workers' start() does not retry the same images in the same run.
REVISIT_CLAIM_SECONDS = 3600


class RedisState:
    """ArchiveState in Redis. A Redis error raises RedisUnavailable (the worker stops).

    A record is visible to every worker at once, so writers fsync each file before it.
    """

    def __init__(self, server: Redis, prefix: str, url: str = "") -> None:
        self.server = server
        self.keys = StateKeys(prefix)
        self.url = url

    @classmethod
    def open(cls, settings: BaseSettings, options: ArchiveOptions) -> RedisState:
        """The state of this archive's Redis, seeded once from its ``state.sqlite``."""
        state = cls(connect(settings), options.redis_prefix, options.redis_url or "")
        state.import_sqlite(state_path(options.folder))
        return state

    def _call(self, call: Callable[[], T]) -> T:
        try:
            return call()
        except RedisError as exc:
            raise RedisUnavailable(self.url, exc) from exc

    def flushes(self, folder: Path) -> bool:
        return False

    def get(self, url: str) -> ArticleRecord | None:
        raw = self._call(lambda: self.server.hget(self.keys.articles, url))
        if not raw:
            target = self._call(lambda: self.server.hget(self.keys.aliases, url))
            if target:
                raw = self._call(lambda: self.server.hget(self.keys.articles, target))
        return _record(raw) if raw else None

    def add_aliases(self, url: str, aliases: list[str]) -> None:
        others = {a: url for a in aliases if a != url}
        if others:
            self._call(lambda: self.server.hset(self.keys.aliases, mapping=others))  # type: ignore[arg-type]

    def record(self, record: ArticleRecord) -> None:
        now = time.time()
        previous = self.get(record.url)
        first_seen = previous.first_seen if previous else (record.first_seen or now)
        row = asdict(record) | {"first_seen": first_seen, "last_seen": now}

        def write() -> None:
            with self.server.pipeline(transaction=True) as pipe:
                pipe.hset(self.keys.articles, record.url, json.dumps(row, ensure_ascii=False))
                if record.assets_pending:
                    pipe.sadd(self.keys.pending, record.url)
                else:
                    pipe.srem(self.keys.pending, record.url)
                pipe.execute()

        self._call(write)

    def with_pending_assets(self) -> list[ArticleRecord]:
        """The records with pending images that no other worker took to retry this run.

        Each worker calls this from ``start()``; a record goes to the first worker that
        claims it, so the same images are not fetched by every worker.
        """
        urls = sorted(
            u.decode() if isinstance(u, bytes) else u
            for u in self._call(lambda: self.server.smembers(self.keys.pending))
        )
        mine = []
        for url in urls:
            key = self.keys.revisit(url)
            claimed = self._call(
                lambda: self.server.set(key, 1, nx=True, ex=REVISIT_CLAIM_SECONDS)  # noqa: B023
            )
            record = self.get(url) if claimed else None
            if record is not None and record.assets_pending:
                mine.append(record)
        return mine

    def remove(self, url: str) -> None:
        def delete() -> None:
            with self.server.pipeline(transaction=True) as pipe:
                pipe.hdel(self.keys.articles, url)
                pipe.srem(self.keys.pending, url)
                pipe.execute()

        self._call(delete)

    def mark_gone(self, url: str, status: int) -> None:
        row = json.dumps({"status": status, "checked": time.time()})
        self._call(lambda: self.server.hset(self.keys.gone, url, row))

    def gone_checked(self, url: str) -> float | None:
        raw = self._call(lambda: self.server.hget(self.keys.gone, url))
        return json.loads(raw)["checked"] if raw else None

    def all(self) -> list[ArticleRecord]:
        rows = self._call(lambda: self.server.hvals(self.keys.articles))
        return sorted((_record(r) for r in rows), key=lambda r: r.path)

    def start_walk(self, key: str) -> None:
        self._call(
            lambda: self.server.hset(self.keys.walks, key, json.dumps({"started": time.time()}))
        )

    def finish_walk(self, key: str) -> None:
        raw = self._call(lambda: self.server.hget(self.keys.walks, key))
        row = (json.loads(raw) if raw else {"started": 0.0}) | {"finished": time.time()}
        self._call(lambda: self.server.hset(self.keys.walks, key, json.dumps(row)))

    def walk_interrupted(self, key: str) -> bool:
        raw = self._call(lambda: self.server.hget(self.keys.walks, key))
        row = json.loads(raw) if raw else None
        return row is not None and row.get("finished", -1.0) < row["started"]

    def get_feed(self, url: str) -> FeedRecord | None:
        raw = self._call(lambda: self.server.hget(self.keys.feeds, url))
        return FeedRecord(**json.loads(raw)) if raw else None

    def record_feed(self, record: FeedRecord) -> None:
        row = asdict(record) | {"checked": record.checked or time.time()}
        self._call(lambda: self.server.hset(self.keys.feeds, record.url, json.dumps(row)))

    def add_feed_retry(self, retry: FeedRetry) -> None:
        raw = self._call(lambda: self.server.hget(self.keys.feed_retries, retry.url))
        previous = FeedRetry(**json.loads(raw)) if raw else None
        row = asdict(retry) | {
            "first_failed": previous.first_failed if previous else time.time(),
            "attempts": previous.attempts + 1 if previous else 1,
        }
        row_json = json.dumps(row, ensure_ascii=False)
        self._call(lambda: self.server.hset(self.keys.feed_retries, retry.url, row_json))

    def feed_retries(self) -> list[FeedRetry]:
        rows = self._call(lambda: self.server.hvals(self.keys.feed_retries))
        return sorted((FeedRetry(**json.loads(r)) for r in rows), key=lambda r: r.url)

    def remove_feed_retry(self, url: str) -> None:
        self._call(lambda: self.server.hdel(self.keys.feed_retries, url))

    def close(self) -> None:
        self.server.close()

    def import_sqlite(self, path: Path) -> int:
        """Copy an archive's SQLite state into Redis, once per prefix; returns rows copied."""
        if not path.is_file() or not self._call(
            lambda: self.server.set(self.keys.imported, time.time(), nx=True)
        ):
            return 0
        sqlite = SqliteState(path)
        try:
            records = sqlite.all()
            gone = sqlite.db.execute("SELECT url, status, checked FROM gone").fetchall()
        finally:
            sqlite.close()

        def copy() -> None:
            with self.server.pipeline(transaction=False) as pipe:
                for record in records:
                    pipe.hsetnx(
                        self.keys.articles,
                        record.url,
                        json.dumps(asdict(record), ensure_ascii=False),
                    )
                    if record.assets_pending:
                        pipe.sadd(self.keys.pending, record.url)
                for url, status, checked in gone:
                    pipe.hsetnx(
                        self.keys.gone, url, json.dumps({"status": status, "checked": checked})
                    )
                pipe.execute()

        self._call(copy)
        logger.info(
            "Copied %d archived article(s) from %s into the Redis state", len(records), path
        )
        return len(records)


def _record(raw: bytes | str) -> ArticleRecord:
    return ArticleRecord(**json.loads(raw))
