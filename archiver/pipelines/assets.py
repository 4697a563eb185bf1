"""Download an article's images next to it, through Scrapy's FilesPipeline machinery.

Original bytes are stored (no re-encoding; SVGs are sanitised, as they can hold scripts),
under the article's asset folder, named by the URL's hash with the extension of the real
type (magic bytes, then Content-Type). An image several articles use is stored in each
one's folder. A failed image is recorded on the item (``failed_images``) and counted by
reason (``archive/images_failed/too_large``...); the article is still written, with the
image's remote URL, and a later run tries it again.
"""

from __future__ import annotations

import hashlib
import logging
import os
from io import BytesIO
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import urlsplit

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import UsageError
from scrapy.http import Response
from scrapy.http.request import NO_CALLBACK
from scrapy.pipelines.files import FilesPipeline, FilesStoreProtocol, StatInfo
from scrapy.pipelines.media import MediaPipeline
from twisted.internet.defer import Deferred, succeed
from twisted.python.failure import Failure

from archiver.archive import archive_of
from archiver.folder import is_stored
from archiver.items import Article
from archiver.mediatype import image_extension
from archiver.outcomes import failure_reason, one_line
from archiver.paths import asset_folder
from archiver.sanitize import sanitize_svg
from archiver.storage import atomic_write, copy_file

logger = logging.getLogger(__name__)


class ArchiveFilesStore:
    """A FilesStoreProtocol for a local folder that writes each file atomically.

    ``durable`` fsyncs each file; the pipeline turns it off when the archive state flushes
    the files before recording them (``Archive.flushes``).
    """

    def __init__(self, basedir: str) -> None:
        self.basedir = Path(basedir.removeprefix("file://"))
        self.durable = True

    def persist_file(
        self,
        path: str,
        buf: BytesIO,
        info: MediaPipeline.SpiderInfo,
        meta: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
    ) -> Deferred[Any] | None:
        atomic_write(self.basedir / path, buf.getvalue(), durable=self.durable)
        return None

    def stat_file(self, path: str, info: MediaPipeline.SpiderInfo) -> StatInfo:
        target = self.basedir / path
        if not is_stored(target):
            return {}
        return {"last_modified": target.stat().st_mtime}


class ArticleAssetsPipeline(FilesPipeline):
    """FilesPipeline that stores an article's images in its asset folder, atomically."""

    STORE_SCHEMES: ClassVar[dict[str, type[FilesStoreProtocol]]] = {
        "": ArchiveFilesStore,
        "file": ArchiveFilesStore,
    }

    def __init__(self, store_uri: str, *, crawler: Crawler) -> None:
        super().__init__(store_uri, crawler=crawler)
        archive = archive_of(crawler)
        self.files_dir = Path(store_uri)
        self.referer_policy = archive.options.image_referer
        self.outcomes = archive.outcomes
        self.store_durable = not archive.flushes(self.files_dir)
        if isinstance(self.store, ArchiveFilesStore):
            self.store.durable = self.store_durable

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ArticleAssetsPipeline:
        """Images go to FILES_STORE when it names a local folder, else into ARCHIVE_DIR."""
        store = crawler.settings.get("FILES_STORE") or str(archive_of(crawler).folder)
        if "://" in store and not store.startswith("file://"):
            raise UsageError(f"FILES_STORE must be a local folder, not {store!r}")
        return cls(store, crawler=crawler)

    def get_media_requests(self, item: Article, info: MediaPipeline.SpiderInfo) -> list[Request]:
        """Requests for the images not yet stored in the article's folder.

        Those already there (a re-run, ``archiver reextract``) go on the item as they are,
        counted as Scrapy counts an up-to-date file: a request each would cost the reactor
        its fingerprint, its ``media_to_download`` and two turns of the event loop.
        """
        self._take_stored(item)
        return [
            Request(
                url,
                callback=NO_CALLBACK,
                headers=self._referer(url, item),
                meta={"article": item.url},
            )
            for url in _wanted(item)
        ]

    def _referer(self, url: str, item: Article) -> dict[str, str]:
        if self.referer_policy == "none" or url in item.no_referrer_images:
            return {"Referer": ""}
        if self.referer_policy == "origin":
            parts = urlsplit(item.url)
            return {"Referer": f"{parts.scheme}://{parts.netloc}/"}
        return {"Referer": item.url}

    def file_path(
        self,
        request: Request,
        response: Response | None = None,
        info: MediaPipeline.SpiderInfo | None = None,
        *,
        item: Article | None = None,
    ) -> str:
        """``<asset folder>/<sha1(url)[:16]><ext>``; the extension is the bytes' type once known."""
        ext = ""
        if response is not None:
            content_type = (response.headers.get("Content-Type") or b"").decode("latin-1")
            ext = image_extension(response.body, content_type) or ""
        return _stem(request.url, item) + ext

    def media_to_download(
        self, request: Request, info: MediaPipeline.SpiderInfo, *, item: Article | None = None
    ) -> Deferred[Any] | None:
        """Skip images already stored under any extension (their name is the URL's hash)."""
        if item is None:
            return None
        stem = _stem(request.url, item)
        path = self._stored_copy(stem, _listing(self.files_dir / stem.rpartition("/")[0]))
        if path is None:
            return None
        self.inc_stats("uptodate")
        return succeed({"url": request.url, "path": path, "checksum": None, "status": "uptodate"})

    def _take_stored(self, item: Article) -> None:
        """Put the images of ``item`` already stored in its folder on it (one listing)."""
        wanted = _wanted(item)
        if not wanted or not item.path:
            return
        names = _listing(self.files_dir / asset_folder(item.path))
        if not names:
            return
        for url in wanted:
            path = self._stored_copy(_stem(url, item), names)
            if path is not None:
                item.images[url] = path
                self.inc_stats("uptodate")
                self.crawler.stats.inc_value("archive/images_stored")

    def _stored_copy(self, stem: str, names: list[str]) -> str | None:
        """The archive-relative path of a stored file ``<stem>.<ext>`` among ``names``, or None."""
        folder, _, name = stem.rpartition("/")
        prefix = name + "."
        found = (self.files_dir / folder / n for n in names if n.startswith(prefix))
        existing = sorted(filter(is_stored, found))
        return existing[0].relative_to(self.files_dir).as_posix() if existing else None

    def media_downloaded(
        self,
        response: Response,
        request: Request,
        info: MediaPipeline.SpiderInfo,
        *,
        item: Article | None = None,
    ) -> Any:
        """Store a 200 image (an SVG sanitised first); anything else is a failure (None).

        A write error (a full disk, a name too long) fails the image, and a full disk stops
        the run; the article keeps the image's remote URL for a later run.
        """
        content_type = (response.headers.get("Content-Type") or b"").decode("latin-1")
        if response.status != 200:
            return self.failed(request, f"http_{response.status}")
        ext = image_extension(response.body, content_type)
        if ext is None:
            return self.failed(request, "not_an_image", content_type or "no Content-Type")
        body: bytes | None = response.body
        if ext == ".svg":
            body = sanitize_svg(response.body)
        if body is None:
            return self.failed(request, "unsafe_svg", "not an SVG the sanitiser can read")
        path = self.file_path(request, response=response, info=info, item=item)
        try:
            self.store.persist_file(path, BytesIO(body), info)
        except OSError as exc:
            reason = self.outcomes.write_failed(exc, path)
            return self.failed(request, reason, one_line(exc))
        self.inc_stats("downloaded")
        checksum = hashlib.md5(body, usedforsecurity=False).hexdigest()
        return {"url": request.url, "path": path, "checksum": checksum, "status": "downloaded"}

    def media_failed(  # type: ignore[override]  # returns instead of raising: no traceback
        self, failure: Failure, request: Request, info: MediaPipeline.SpiderInfo
    ) -> None:
        """A download that raised (timeout, dropped connection): counted and logged, not raised.

        Raising would make Scrapy log a traceback at ERROR for an expected, counted event.
        """
        return self.failed(request, failure_reason(failure.value), str(failure.value))

    def failed(self, request: Request, reason: str, detail: str = "") -> None:
        """Count and log why an image was not stored; its article keeps the remote URL."""
        self.crawler.stats.inc_value(f"archive/images_failed/{reason}")
        logger.warning(
            "Image %s of %s failed (%s%s); keeping its remote URL for a later run",
            request.url,
            request.meta.get("article", "an article"),
            reason,
            f": {detail}" if detail else "",
        )

    def item_completed(
        self, results: Any, item: Article, info: MediaPipeline.SpiderInfo
    ) -> Article:
        """Record stored images on the item; failed ones stay remote, listed as pending."""
        stats = self.crawler.stats
        for url, (ok, value) in zip(_wanted(item), results, strict=True):
            path = self._own_copy(value["path"], item) if ok and value else None
            if path:
                item.images[url] = path
                stats.inc_value("archive/images_stored")
            else:
                if url not in item.failed_images:
                    item.failed_images.append(url)
                stats.inc_value("archive/images_failed")
        item.failed_images = [u for u in item.failed_images if u not in item.images]
        return item

    def _own_copy(self, path: str, item: Article) -> str | None:
        """``path``, or a copy in the item's own folder when the image was stored for another
        article of this run (Scrapy downloads a URL once per run). Every article keeps its
        images in its folder: deleting one article never breaks another. None if the copy
        cannot be written."""
        folder = asset_folder(item.path) if item.path else "assets"
        if path.startswith(f"{folder}/"):
            return path
        own = f"{folder}/{path.rsplit('/', 1)[-1]}"
        source, target = self.files_dir / path, self.files_dir / own
        try:
            if not is_stored(target):
                copy_file(source, target, durable=self.store_durable)
        except OSError as exc:
            reason = self.outcomes.write_failed(exc, own)
            self.crawler.stats.inc_value(f"archive/images_failed/{reason}")
            logger.warning("Image %s of %s not copied (%s): %s", path, item.url, reason, exc)
            return None
        self.crawler.stats.inc_value("archive/images_shared")
        return own


def _stem(url: str, item: Article | None) -> str:
    """``<asset folder>/<sha1(url)[:16]>``: an image's stored name, before its extension."""
    folder = asset_folder(item.path) if item is not None and item.path else "assets"
    return f"{folder}/{hashlib.sha1(url.encode('utf-8')).hexdigest()[:16]}"


def _listing(folder: Path) -> list[str]:
    """The names in ``folder``; none when there is no such folder yet (a new article)."""
    try:
        return os.listdir(folder)
    except OSError:
        return []


def _wanted(item: Article) -> list[str]:
    """The images of an article still to store, in the order their requests are made."""
    return [url for url in dict.fromkeys(item.image_urls) if url not in item.images]
