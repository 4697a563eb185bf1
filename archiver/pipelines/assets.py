"""Download an article's images next to it, through Scrapy's FilesPipeline machinery.

Original bytes are stored (no re-encoding), under the article's asset folder, named by the
URL's hash with the extension of the real type (magic bytes, then Content-Type). A failed
image is recorded on the item (``failed_images``) and counted; the article is still written.
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from scrapy import Request
from scrapy.http.request import NO_CALLBACK
from scrapy.pipelines.files import FilesPipeline, FSFilesStore
from twisted.internet.defer import succeed

from archiver.archive import is_stored
from archiver.items import Article
from archiver.mediatype import image_extension
from archiver.paths import asset_folder, ensure_article_path
from archiver.state import state_for
from archiver.storage import atomic_write

logger = logging.getLogger(__name__)

REFERER_POLICIES = ("page", "origin", "none")


class AtomicFSFilesStore(FSFilesStore):
    """Scrapy's filesystem store, with atomic writes instead of ``write_bytes``.

    ``durable`` fsyncs each file; the pipeline turns it off when the archive state flushes
    the files before recording them (``ArchiveState.flushes``).
    """

    durable = True

    def persist_file(
        self,
        path: str,
        buf,
        info: Any,
        meta: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        atomic_write(self._get_filesystem_path(path), buf.getvalue(), durable=self.durable)


class ArticleAssetsPipeline(FilesPipeline):
    """FilesPipeline that stores an article's images in its asset folder, atomically."""

    STORE_SCHEMES = {
        **FilesPipeline.STORE_SCHEMES,
        "": AtomicFSFilesStore,
        "file": AtomicFSFilesStore,
    }

    def __init__(self, store_uri: str, *, crawler) -> None:
        super().__init__(store_uri, crawler=crawler)
        self.archive_dir = Path(store_uri)
        self._reasons: dict[str, tuple[str, str]] = {}  # image URL -> (reason, detail) of a failure
        self.store.durable = not state_for(crawler).flushes(self.archive_dir)
        self.referer_policy = crawler.settings.get("ARCHIVE_IMAGE_REFERER", "page")
        if self.referer_policy not in REFERER_POLICIES:
            raise ValueError(f"ARCHIVE_IMAGE_REFERER must be one of {REFERER_POLICIES}")

    @classmethod
    def from_crawler(cls, crawler):
        cls._update_stores(crawler.settings)
        store_uri = crawler.settings.get("FILES_STORE") or crawler.settings.get("ARCHIVE_DIR")
        return cls(store_uri, crawler=crawler)

    def get_media_requests(self, item: Article, info) -> list[Request]:
        ensure_article_path(item)
        wanted = [url for url in item.image_urls if url not in item.images]
        return [
            Request(
                url,
                callback=NO_CALLBACK,
                headers=self._referer(url, item),
                meta={"article": item.url},
            )
            for url in wanted
        ]

    def _referer(self, url: str, item: Article) -> dict[str, str]:
        if self.referer_policy == "none" or url in item.no_referrer_images:
            return {"Referer": ""}
        if self.referer_policy == "origin":
            parts = urlsplit(item.url)
            return {"Referer": f"{parts.scheme}://{parts.netloc}/"}
        return {"Referer": item.url}

    def file_path(
        self, request: Request, response=None, info=None, *, item: Article | None = None
    ) -> str:
        """``<asset folder>/<sha1(url)[:16]><ext>``; the extension comes from the bytes once known."""
        name = hashlib.sha1(request.url.encode("utf-8")).hexdigest()[:16]
        folder = asset_folder(item.path) if item is not None and item.path else "assets"
        ext = ""
        if response is not None:
            ext = (
                image_extension(
                    response.body, response.headers.get("Content-Type", b"").decode("latin-1")
                )
                or ""
            )
        return f"{folder}/{name}{ext}"

    def media_to_download(self, request: Request, info, *, item: Article | None = None):
        """Skip images already stored under any extension (their name is the URL's hash)."""
        stem = self.file_path(request, info=info, item=item)
        folder = (self.archive_dir / stem).parent  # a new article has none yet: skip the glob
        exists = item is not None and folder.is_dir()
        existing = sorted(filter(is_stored, self.archive_dir.glob(f"{stem}.*"))) if exists else []
        if not existing:
            return None
        self.inc_stats("uptodate")
        path = existing[0].relative_to(self.archive_dir).as_posix()
        return succeed({"url": request.url, "path": path, "checksum": None, "status": "uptodate"})

    def media_downloaded(self, response, request: Request, info, *, item: Article | None = None):
        """Store a 200 image; a non-200 answer or a body that is not an image is a failure (None)."""
        content_type = response.headers.get("Content-Type", b"").decode("latin-1")
        if response.status != 200:
            return self._fail(request, f"http_{response.status}")
        if image_extension(response.body, content_type) is None:
            return self._fail(request, "not_an_image", f"{content_type or 'no Content-Type'}")
        return super().media_downloaded(response, request, info, item=item)

    def media_failed(self, failure, request: Request, info) -> None:
        """A download that raised (timeout, dropped connection): recorded, not re-raised.

        Re-raising would make Scrapy log a traceback at ERROR for an expected, counted event.
        """
        return self._fail(request, _failure_reason(failure.value), str(failure.value))

    def _fail(self, request: Request, reason: str, detail: str = "") -> None:
        self._reasons[request.url] = (reason, detail)
        return None

    def item_completed(self, results: list[tuple[bool, Any]], item: Article, info) -> Article:
        """Record stored images on the item; failed ones stay remote and are counted."""
        stats = self.crawler.stats
        for request, (ok, value) in zip(self.get_media_requests(item, info), results):
            if ok and value:
                item.images[request.url] = value["path"]
                stats.inc_value("archive/images_stored")
                continue
            reason, detail = self._reasons.pop(request.url, ("error", str(value)))
            if request.url not in item.failed_images:
                item.failed_images.append(request.url)
            stats.inc_value("archive/images_failed")
            stats.inc_value(f"archive/images_failed/{reason}")
            logger.warning(
                "Image %s of %s failed (%s%s); keeping its remote URL for a later run",
                request.url,
                item.url,
                reason,
                f": {detail}" if detail else "",
            )
        item.failed_images = [u for u in item.failed_images if u not in item.images]
        return item


def _failure_reason(error: BaseException) -> str:
    """A short, countable name for why a download failed: timeout, connection_lost, ..."""
    name = type(error).__name__
    if "Timeout" in name:
        return "timeout"
    if "ConnectionLost" in name or "ResponseDataLoss" in name or "ConnectionDone" in name:
        return "connection_lost"
    if "Refused" in name or "DNS" in name or "Resolve" in name:
        return "unreachable"
    if "IgnoreRequest" in name:
        return "filtered"
    return name.lower()[:40]
