"""A Scrapy download handler that answers every request from WARC files, and nothing else.

``archiver reextract`` and ``archiver import`` install it for http and https: a request is
answered with the stored response of its URL (its latest 2xx, else 3xx, else whatever was
stored), status, headers and body as served, so HttpCompression, redirects and the spiders
see what they saw during the crawl. A URL with no capture fails with ``NotInArchive``; no
socket is ever opened. The captures come from the CDXJ index files named by the
``WARC_REPLAY_INDEXES`` setting, or from the crawl's own archive when it names none.
"""

from __future__ import annotations

import logging
from pathlib import Path

from scrapy import Request
from scrapy.core.downloader.handlers.base import BaseDownloadHandler
from scrapy.crawler import Crawler
from scrapy.http import Headers, Response
from scrapy.responsetypes import responsetypes

from archiver.archive import archive_of
from archiver.warc import iter_warc_files, warc_root
from archiver.warc.capture import REPLAY_DATE_KEY
from archiver.warc.index import CaptureIndex
from archiver.warc.records import Damaged

logger = logging.getLogger(__name__)

INDEXES_SETTING = "WARC_REPLAY_INDEXES"


class NotInArchive(Exception):
    """The URL has no usable capture in the WARC files being replayed."""


def load_index(crawler: Crawler) -> CaptureIndex:
    """The captures to replay: the setting's CDXJ files, else every WARC file of the archive."""
    named = crawler.settings.getlist(INDEXES_SETTING)
    if not named:
        return CaptureIndex.of_files(iter_warc_files(warc_root(archive_of(crawler).folder)))
    index = CaptureIndex()
    for name in named:
        path = Path(name)
        index.add_lines(path.read_text(encoding="utf-8").splitlines(), path.parent)
    return index


class WarcReplayHandler(BaseDownloadHandler):
    """Download handler over a ``CaptureIndex``: stored responses only, never the network."""

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self.index = load_index(crawler)
        self.stats = crawler.stats
        logger.info("Replaying %d captures instead of the network", len(self.index))

    async def download_request(self, request: Request) -> Response:
        capture = self.index.best(request.url)
        original = self.index.original(capture) if capture is not None else None
        if capture is None or original is None:
            self.stats.inc_value("warc/replay/not_stored")
            raise NotInArchive(f"{request.url} is not in the web archive")
        try:
            record = original.read()
        except (OSError, Damaged) as exc:
            self.stats.inc_value("warc/replay/unreadable")
            raise NotInArchive(f"{request.url}: its capture cannot be read ({exc})") from None
        if not record.complete():
            self.stats.inc_value("warc/replay/truncated")
            raise NotInArchive(f"{request.url}: its capture was cut short when it was made")
        self.stats.inc_value("warc/replay/served")
        request.meta[REPLAY_DATE_KEY] = record.date
        headers = Headers(
            [(k, v) for k, v in record.headers if k.lower() not in ("transfer-encoding",)]
        )
        body = record.body()
        respcls = responsetypes.from_args(headers=headers, url=request.url, body=body)
        return respcls(
            url=request.url,
            status=record.status,
            headers=headers,
            body=body,
            flags=["warc"],
            protocol="HTTP/1.1",
        )
