"""Record every response the crawl uses, with its request, into the archive's WARC files.

``WarcCaptureMiddleware`` is a downloader middleware at priority 800. Scrapy calls
``process_response`` from the highest priority down, so at 800 it sees each response before
RedirectMiddleware (600) turns a 3xx into a new request, before RetryMiddleware (550) drops
a 503 and before HttpCompressionMiddleware (590) decodes the body: the bytes are stored as
the site served them, Content-Encoding and all; and it sees the request after cookies (700)
and the proxy (750) have been added, as it went out (a Proxy-Authorization is left out).

The record is written in a writer thread (compressing off the reactor), and the response
goes on only once its bytes are with the OS, so no callback, item or state row can exist
for a response whose records are not in a file. ``ARCHIVE_WARC`` chooses what is kept.
"""

from __future__ import annotations

import asyncio
import logging
import platform
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Response
from scrapy.utils.asyncio import is_asyncio_available

from archiver.archive import archive_of
from archiver.mediatype import image_extension
from archiver.warc import warc_root
from archiver.warc.index import recover, unindexed
from archiver.warc.writer import Exchange, WarcFiles, Written

logger = logging.getLogger(__name__)

MEDIA_TYPES = ("image/", "audio/", "video/", "font/")
REPLAY_DATE_KEY = "archiver_warc_date"  # request.meta: the WARC-Date of a replayed response


def is_media(response: Response) -> bool:
    """True for an image, sound, video or font (by Content-Type, else by magic bytes)."""
    content_type = (response.headers.get("Content-Type") or b"").decode("latin-1").lower()
    if content_type.startswith(MEDIA_TYPES):
        return True
    return image_extension(response.body[:2048], "") is not None


def capture_site(spider: Spider | None, request: Request) -> str:
    """The site folder a request's records go to: the spider's choice, its site, or its name."""
    choose = getattr(spider, "warc_site", None)
    if callable(choose):
        return str(choose(request))
    rules = getattr(spider, "rules", None)
    return str(getattr(rules, "site", "") or getattr(spider, "name", "") or "crawl")


def exchange_of(site: str, request: Request, response: Response) -> Exchange:
    """The request as sent and the response as received, as header lists."""
    parts = urlsplit(request.url)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    request_headers = [("Host", parts.netloc)] + _headers(request.headers)
    protocol = response.protocol or ""
    return Exchange(
        site=site,
        url=request.url,
        request_line=f"{request.method} {target} HTTP/1.1",
        request_headers=request_headers,
        request_body=request.body,
        status=response.status,
        response_headers=_headers(response.headers),
        body=response.body,
        protocol=protocol.upper() if protocol.upper().startswith("HTTP/") else "HTTP/1.1",
        ip_address=str(response.ip_address or ""),
        truncated="disconnect" if "dataloss" in response.flags else "",
        date=str(request.meta.get(REPLAY_DATE_KEY) or ""),
    )


def _headers(headers: object) -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    for key, values in headers.items():  # type: ignore[attr-defined]
        name = key.decode("latin-1")
        pairs += [(name, v.decode("latin-1")) for v in values]
    return pairs


class WarcCaptureMiddleware:
    """Writes each response (and its request) as WARC records; ``ARCHIVE_WARC=off`` disables it."""

    def __init__(self, crawler: Crawler, files: WarcFiles, keep_media: bool) -> None:
        self.crawler = crawler
        self.stats = crawler.stats
        self.files = files
        self.keep_media = keep_media
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="warc-writer")

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> WarcCaptureMiddleware:
        archive = archive_of(crawler)  # built first: the run lock is held from here on
        options = archive.options
        if options.warc == "off":
            raise NotConfigured()  # silent: off is a choice, not a problem to log
        root = warc_root(archive.folder)
        if not options.distributed:  # other workers' files may be open right now
            for warc in unindexed(root):
                found = recover(warc, repair=True)
                logger.warning(
                    "Indexed %s, left unfinished by an interrupted run (%d whole records)",
                    warc,
                    found.records,
                )
        info = {
            "software": f"techmedia-archiver (Scrapy), warcio; {platform.python_version()}",
            "format": "WARC File Format 1.1",
            "conformsTo": "https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/",
            "http-header-user-agent": str(crawler.settings.get("USER_AGENT") or ""),
            "robots": "obey" if crawler.settings.getbool("ROBOTSTXT_OBEY") else "ignore",
        }
        files = WarcFiles(root, options.warc_max_size, info, durable=not archive.flushes(root))
        middleware = cls(crawler, files, keep_media=options.warc == "all")
        crawler.signals.connect(middleware.spider_closed, signal=signals.spider_closed)
        return middleware

    async def process_response(self, request: Request, response: Response) -> Response:
        if not request.url.startswith(("http://", "https://")):
            return response  # file:, data:, ...: nothing was served
        if not self.keep_media and is_media(response):
            self.stats.inc_value("warc/skipped_media")
            return response
        exchange = exchange_of(capture_site(self.crawler.spider, request), request, response)
        if is_asyncio_available():
            written = await asyncio.wrap_future(self.executor.submit(self.files.write, exchange))
        else:
            written = self.files.write(exchange)
        self._count(written)
        return response

    def _count(self, written: Written) -> None:
        self.stats.inc_value("warc/records")
        self.stats.inc_value("warc/bytes", written.bytes)
        if written.revisit:
            self.stats.inc_value("warc/revisits")

    def spider_closed(self) -> None:
        """Close the files (writing their indexes) once every pending write is done."""
        self.executor.shutdown(wait=True)
        try:
            closed = self.files.close()
        except OSError as exc:  # a full disk: the records are whole, the next run indexes them
            self.stats.inc_value("warc/index_failed")
            logger.error("Web archive index not written (%s); the next crawl writes it", exc)
            return
        self.stats.set_value("warc/files", len(closed))
