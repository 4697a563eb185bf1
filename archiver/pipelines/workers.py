"""Worker processes for a crawl's CPU-heavy steps: parsing article pages, rendering articles.

One pool per crawl of ``ARCHIVE_WORKER_PROCESSES`` processes; with 0 (the default) there is
none and every step runs on the reactor thread, as it always did. The spider and the write
pipeline hand the pool pure functions of picklable values and await the result, so the
reactor keeps downloading, and a second core does the parsing. Worth it when politeness is
off (bulk archiving); a polite crawl spends its time waiting on the site.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import weakref
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")
_POOLS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def worker_pool(crawler) -> ProcessPoolExecutor | None:
    """The crawl's pool, created on first use and shut down when the engine stops; None for 0."""
    if crawler in _POOLS:
        return _POOLS[crawler]
    processes = crawler.settings.getint("ARCHIVE_WORKER_PROCESSES")
    if processes < 0:
        raise ValueError(f"ARCHIVE_WORKER_PROCESSES must be 0 or more, not {processes}")
    pool = None
    if processes:
        from scrapy import signals

        # spawn, not fork: a forked copy of a process running a reactor and threads can deadlock
        pool = ProcessPoolExecutor(processes, mp_context=multiprocessing.get_context("spawn"))
        stop = signals.engine_stopped
        crawler.signals.connect(lambda **_: pool.shutdown(), signal=stop, weak=False)
    _POOLS[crawler] = pool
    return pool


async def run(pool: ProcessPoolExecutor | None, fn: Callable[..., T], *args: Any) -> T:
    """``fn(*args)`` in a worker process when there is a pool, else right here."""
    if pool is None:
        return fn(*args)
    return await asyncio.wrap_future(pool.submit(fn, *args))
