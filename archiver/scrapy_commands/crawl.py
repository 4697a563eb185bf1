"""``scrapy crawl`` whose exit status tells cron whether the run did its job (SPEC §3).

Before the crawl starts it checks what a user can get wrong, so each mistake ends the
command with one line and no traceback: the settings (exit 2, ARCHIVE_HEXO_BLOG included),
the spider's arguments (exit 2), the run lock (exit 75, EX_TEMPFAIL: another run holds the
archive) and the state file (exit 1). After the crawl, a run that ``RunReport`` judged
failed exits 1.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Mapping
from pathlib import Path

from scrapy.commands.crawl import Command as ScrapyCrawl
from scrapy.exceptions import UsageError

from archiver.archive import acquire_lock
from archiver.exit_status import START_ERRORS, exit_status
from archiver.exports.hexo_blog import BlogError, HexoBlog
from archiver.options import ArchiveOptions
from archiver.state import SqliteState, state_path


class Command(ScrapyCrawl):
    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if len(args) != 1 or self.crawler_process is None or self.settings is None:
            super().run(args, opts)  # Scrapy's own usage errors
            return
        try:
            spidercls = self.crawler_process.spider_loader.load(args[0])
        except KeyError:
            self.fail(f"no spider named {args[0]!r} (scrapy list shows them)", 2)
            return
        try:
            options = ArchiveOptions.from_settings(self.settings)
            check_start(options, spidercls, opts.spargs)
        except START_ERRORS as exc:
            self.fail(str(exc), exit_status(exc))
            return
        except OSError as exc:  # ARCHIVE_DIR cannot be created or locked
            self.fail(f"ARCHIVE_DIR {str(options.folder)!r}: {exc.strerror or exc}", 1)
            return
        crawler = self.crawler_process.create_crawler(spidercls)
        started = self.crawler_process.crawl(crawler, **opts.spargs)
        bootstrap: list[BaseException] = []
        if isinstance(started, asyncio.Future):  # Scrapy's asyncio runner: a task per crawl
            started.add_done_callback(lambda task: _keep_error(task, bootstrap))
        self.crawler_process.start()
        if bootstrap:  # a component could not be built (a bad -s value): one line, not a traceback
            error = bootstrap[0]
            self.fail(f"cannot start: {' '.join(str(error).split()) or type(error).__name__}", 2)
        elif self.crawler_process.bootstrap_failed or crawler.stats.get_value("archive/run_failed"):
            self.exitcode = 1

    def fail(self, message: str, status: int) -> None:
        print(f"scrapy crawl: {message}", file=sys.stderr)
        self.exitcode = status


def check_start(options: ArchiveOptions, spidercls: type, spargs: Mapping[str, str]) -> None:
    """What a user can get wrong, checked before any request: the blog to export into, the
    spider's arguments, the run lock and the state file. Raises one of ``START_ERRORS``
    (``OSError`` when ARCHIVE_DIR cannot be created or locked)."""
    if options.hexo_blog is not None:
        check_blog(options.hexo_blog)
    check = getattr(spidercls, "parse_arguments", None)
    if check is not None:
        check(spargs)
    acquire_lock(options.folder, shared=options.distributed).close()
    if not options.distributed:
        SqliteState(state_path(options.folder)).close()


def check_blog(folder: Path) -> None:
    """UsageError when ARCHIVE_HEXO_BLOG is not a Hexo blog the export could write into."""
    try:
        HexoBlog.load(folder)
    except BlogError as exc:
        raise UsageError(f"ARCHIVE_HEXO_BLOG: {exc}") from None


def _keep_error(task: asyncio.Future, errors: list[BaseException]) -> None:
    """Take the crawl task's exception (asyncio would print it with its traceback)."""
    if not task.cancelled() and task.exception() is not None:
        errors.append(task.exception())  # type: ignore[arg-type]
