"""archiver enqueue [URL ...] [--pages N|A-B]: seed the shared frontier of a distributed run.

The workers (``scrapy crawl <spider> -s REDIS_URL=...``) take what is queued here as list
pages of their spider: each becomes a request to ``parse_list`` with its page number, so
articles and following pages are found as in any crawl. Pages are marked in the run's
dupefilter, so a page queued twice, or also reached by a worker's pager, is fetched once.

    archiver enqueue --redis-url redis://queue:6379/0 --pages 50      # backfill pages 1..50
    archiver enqueue 'https://ee.ofweek.com/CATList-2800-8100-ee-{n}.html' --pages 2-20
    archiver enqueue --status
"""

from __future__ import annotations

import argparse
import os
import re
import sys

from redis import Redis

from archiver import settings as defaults
from archiver.distributed.keys import FrontierKeys

HELP = "queue list pages (e.g. a backfill of pages 1..N) in Redis for distributed workers"

# The SiteSpider methods a queued list page is handed to (spiders/site.py).
LIST_CALLBACK, LIST_ERRBACK = "parse_list", "list_failed"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "urls",
        nargs="*",
        metavar="URL",
        help="list page URLs; {n} marks the page number (default: the spider's start URLs)",
    )
    parser.add_argument(
        "--pages", default="1", help="pages to queue per URL: N for 1..N, or A-B (default: 1)"
    )
    parser.add_argument(
        "--spider",
        default="ofweek",
        help="the workers' spider; site.<key> for `scrapy crawl site` (default: ofweek)",
    )
    parser.add_argument(
        "--redis-url",
        default=os.environ.get("ARCHIVER_REDIS_URL"),
        help="the workers' REDIS_URL (default: $ARCHIVER_REDIS_URL)",
    )
    parser.add_argument(
        "--prefix",
        default=defaults.ARCHIVE_REDIS_PREFIX,
        help=f"the workers' ARCHIVE_REDIS_PREFIX (default: {defaults.ARCHIVE_REDIS_PREFIX})",
    )
    parser.add_argument("--status", action="store_true", help="only show what is queued and leased")


def page_range(text: str) -> range:
    """``"50"`` -> pages 1..50, ``"2-20"`` -> pages 2..20."""
    match = re.fullmatch(r"\s*(\d+)\s*(?:-\s*(\d+)\s*)?", text)
    if not match:
        raise ValueError(f"--pages must be N or A-B, not {text!r}")
    first, last = (1, int(match[1])) if match[2] is None else (int(match[1]), int(match[2]))
    if first < 1 or last < first:
        raise ValueError(f"--pages must count from 1 upwards, not {text!r}")
    return range(first, last + 1)


def list_page_url(url: str, n: int) -> str:
    """Page ``n`` of a list: ``{n}`` filled in, or OFweek's rule (SPEC §4).

    ``.../CATList-8100-CHANGYIEXINWE.html`` is page 1 and ``...-n.html`` page n; channel
    lists ``...-ee-1.html`` number every page.
    """
    if "{n}" in url:
        return url.replace("{n}", str(n))
    if re.search(r"-1\.html$", url):
        return re.sub(r"-1\.html$", f"-{n}.html", url)
    if n == 1:
        return url
    if url.endswith(".html"):
        return f"{url[:-5]}-{n}.html"
    raise ValueError(f"cannot tell page {n} of {url}: give it as a template with {{n}}")


def run(args: argparse.Namespace) -> int:
    if not args.redis_url:
        print("archiver enqueue: give --redis-url (or set ARCHIVER_REDIS_URL)", file=sys.stderr)
        return 2
    try:
        pages = [
            (list_page_url(url, n), n)
            for url in args.urls or _start_urls(args.spider)
            for n in page_range(args.pages)
        ]
    except ValueError as exc:
        print(f"archiver enqueue: {exc}", file=sys.stderr)
        return 2
    from redis import Redis
    from redis.exceptions import RedisError

    from archiver.distributed.connection import redacted
    from archiver.distributed.keys import FrontierKeys

    keys = FrontierKeys(args.prefix, args.spider)
    server = Redis.from_url(args.redis_url)
    try:
        if args.status:
            print(
                f"{args.spider}: {server.zcard(keys.queue)} queued, "
                f"{server.zcard(keys.leases)} leased, "
                f"{server.scard(keys.dupefilter)} requests seen this run"
            )
            return 0
        queued = _enqueue(server, keys, pages)
    except RedisError as exc:
        print(
            f"archiver enqueue: Redis at {redacted(args.redis_url)} is unreachable: {exc}",
            file=sys.stderr,
        )
        return 1
    skipped = len(pages) - queued
    print(
        f"queued {queued} list page(s) for the {args.spider} workers at {redacted(args.redis_url)}"
        + (f"; {skipped} already queued in this run" if skipped else "")
    )
    return 0


def _start_urls(spider: str) -> list[str]:
    from archiver.extract.rules import load_site

    try:
        return list(load_site(spider.split(".", 1)[-1]).start_urls)  # site.<key> -> <key>
    except Exception as exc:  # a missing or broken site definition: say which
        raise ValueError(
            f"no URL given and no site definition {spider!r} to take start URLs from ({exc})"
        ) from exc


def _enqueue(server: Redis, keys: FrontierKeys, pages: list[tuple[str, int]]) -> int:
    """Queue each page not yet seen in this run, as the scheduler would; returns how many."""
    from scrapy import Request
    from scrapy.utils.request import RequestFingerprinter

    from archiver.distributed import serializer
    from archiver.distributed.leases import score

    fingerprinter = RequestFingerprinter()
    queued = 0
    for page_url, page_no in pages:
        request = Request(page_url, cb_kwargs={"page_no": page_no})
        if not server.sadd(keys.dupefilter, fingerprinter.fingerprint(request).hex()):
            continue
        data = request.to_dict() | {"callback": LIST_CALLBACK, "errback": LIST_ERRBACK}
        server.zadd(keys.queue, {serializer.dumps(data): score(request.priority)})
        queued += 1
    return queued
