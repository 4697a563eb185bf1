"""The ARCHIVE_* settings, read once and validated into one frozen object.

``ArchiveOptions.from_settings`` is called by the crawl command before anything starts (a
bad value ends the command with one line and exit status 2) and by the ``Archive``
component, which hands the options to every other component of the crawl. Defaults and
their meaning are documented in ``archiver/settings.py``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from scrapy.exceptions import UsageError
from scrapy.settings import BaseSettings

from archiver import settings as defaults
from archiver.extract.dates import parse_tz
from archiver.items import BodyFormat

REFERER_POLICIES = ("page", "origin", "none")
WARC_MODES = ("pages", "all", "off")
# Scrapy's numeric settings a user tunes with -s: a typo there would otherwise end the crawl
# with a traceback from deep inside a component, so they are checked with the ARCHIVE_* ones.
SCRAPY_WHOLE_NUMBERS = (
    "DOWNLOAD_MAXSIZE",
    "DOWNLOAD_WARNSIZE",
    "CONCURRENT_REQUESTS",
    "CONCURRENT_REQUESTS_PER_DOMAIN",
    "RETRY_TIMES",
    "CLOSESPIDER_ITEMCOUNT",
    "CLOSESPIDER_PAGECOUNT",
    "CLOSESPIDER_ERRORCOUNT",
)
SCRAPY_NUMBERS = (
    "DOWNLOAD_TIMEOUT",
    "DOWNLOAD_DELAY",
    "AUTOTHROTTLE_START_DELAY",
    "AUTOTHROTTLE_MAX_DELAY",
    "AUTOTHROTTLE_TARGET_CONCURRENCY",
    "CLOSESPIDER_TIMEOUT",
)


@dataclass(frozen=True)
class ArchiveOptions:
    """Every ARCHIVE_* setting of a crawl, typed and checked."""

    folder: Path
    body_format: BodyFormat | None = None
    timezone: str = "+08:00"
    categories: tuple[str, ...] = ()
    image_referer: str = "page"
    full_walk: bool = False
    update_days: int = 0
    gone_recheck_days: float = 7.0
    max_failed_share: float = 0.2
    layout_drift_share: float = 0.5
    layout_drift_fails: bool = False
    report: bool = True
    progress: bool | None = None
    reader_autobuild: bool = True
    worker_processes: int = 0
    backoff_delay: float = 10.0
    backoff_max_delay: float = 120.0
    redis_url: str | None = None
    redis_prefix: str = "archiver"
    lease_timeout: float = 60.0
    worker_prefetch: int = 4
    hexo_blog: Path | None = None  # ARCHIVE_HEXO_BLOG: export into this blog after a crawl
    rsshub_url: str = defaults.ARCHIVE_RSSHUB_URL
    allow_private_addresses: bool = False
    warc: str = "pages"
    warc_max_size: int = 1_000_000_000

    @property
    def distributed(self) -> bool:
        """True when REDIS_URL switches the distributed mode on."""
        return bool(self.redis_url)

    @classmethod
    def from_settings(cls, settings: BaseSettings) -> ArchiveOptions:
        """The options of these settings; UsageError naming the setting for a bad value."""
        folder = str(settings.get("ARCHIVE_DIR", "archive") or "").strip()
        if not folder:
            raise UsageError("ARCHIVE_DIR must name a folder")
        path = Path(folder).expanduser()
        if path.exists() and not path.is_dir():
            raise UsageError(f"ARCHIVE_DIR {folder!r} exists and is not a folder")
        for name in SCRAPY_WHOLE_NUMBERS:
            _number(settings, name, 0, minimum=0)
        for name in SCRAPY_NUMBERS:
            _number(settings, name, 0.0, minimum=0)
        zone = str(settings.get("ARCHIVE_TIMEZONE") or "+08:00")
        _check(lambda: parse_tz(zone), "ARCHIVE_TIMEZONE", zone)
        raw_format = settings.get("ARCHIVE_BODY_FORMAT")
        body_format = None
        if raw_format:
            body_format = _check(
                lambda: BodyFormat.parse(raw_format, "ARCHIVE_BODY_FORMAT"), "", raw_format
            )
        referer = str(settings.get("ARCHIVE_IMAGE_REFERER") or "page").lower()
        if referer not in REFERER_POLICIES:
            names = ", ".join(REFERER_POLICIES)
            raise UsageError(f"ARCHIVE_IMAGE_REFERER must be one of {names}, not {referer!r}")
        raw_warc = settings.get("ARCHIVE_WARC")
        warc = "pages" if raw_warc is None else str(raw_warc).strip().lower()
        if warc in ("false", "0", "no", "none", ""):
            warc = "off"
        if warc not in WARC_MODES:
            names = ", ".join(WARC_MODES)
            raise UsageError(f"ARCHIVE_WARC must be one of {names}, not {warc!r}")
        progress = settings.get("ARCHIVE_PROGRESS")
        rsshub = str(settings.get("ARCHIVE_RSSHUB_URL") or defaults.ARCHIVE_RSSHUB_URL).strip()
        if urlsplit(rsshub).scheme not in ("http", "https") or not urlsplit(rsshub).netloc:
            raise UsageError(f"ARCHIVE_RSSHUB_URL must be an http(s) URL, not {rsshub!r}")
        d = cls(folder=path)  # the defaults of the keys a settings module may lack
        return cls(
            folder=path,
            body_format=body_format,
            timezone=zone,
            categories=tuple(settings.getlist("ARCHIVE_CATEGORIES")),
            image_referer=referer,
            full_walk=_bool(settings, "ARCHIVE_FULL_WALK", d.full_walk),
            update_days=_number(settings, "ARCHIVE_UPDATE_DAYS", d.update_days, minimum=0),
            gone_recheck_days=_number(
                settings, "ARCHIVE_GONE_RECHECK_DAYS", d.gone_recheck_days, minimum=0
            ),
            max_failed_share=_number(
                settings, "ARCHIVE_MAX_FAILED_SHARE", d.max_failed_share, 0, 1
            ),
            layout_drift_share=_number(
                settings, "ARCHIVE_LAYOUT_DRIFT_SHARE", d.layout_drift_share, 0, 1
            ),
            layout_drift_fails=_bool(settings, "ARCHIVE_LAYOUT_DRIFT_FAILS", d.layout_drift_fails),
            report=_bool(settings, "ARCHIVE_REPORT_ENABLED", d.report),
            progress=None if progress is None else _bool(settings, "ARCHIVE_PROGRESS", False),
            reader_autobuild=_bool(settings, "ARCHIVE_READER_AUTOBUILD", d.reader_autobuild),
            worker_processes=_number(
                settings, "ARCHIVE_WORKER_PROCESSES", d.worker_processes, minimum=0
            ),
            backoff_delay=_number(settings, "ARCHIVE_BACKOFF_DELAY", d.backoff_delay, minimum=0),
            backoff_max_delay=_number(
                settings, "ARCHIVE_BACKOFF_MAX_DELAY", d.backoff_max_delay, minimum=0
            ),
            redis_url=settings.get("REDIS_URL") or None,
            redis_prefix=str(settings.get("ARCHIVE_REDIS_PREFIX") or d.redis_prefix),
            lease_timeout=_number(settings, "ARCHIVE_LEASE_TIMEOUT", d.lease_timeout, minimum=0.1),
            worker_prefetch=_number(
                settings, "ARCHIVE_WORKER_PREFETCH", d.worker_prefetch, minimum=1
            ),
            hexo_blog=_hexo_blog(settings),
            rsshub_url=rsshub.rstrip("/"),
            allow_private_addresses=_bool(
                settings, "ARCHIVE_ALLOW_PRIVATE_ADDRESSES", d.allow_private_addresses
            ),
            warc=warc,
            warc_max_size=_number(settings, "ARCHIVE_WARC_MAX_SIZE", d.warc_max_size, minimum=1),
        )


def _hexo_blog(settings: BaseSettings) -> Path | None:
    """ARCHIVE_HEXO_BLOG as a folder, or None when unset (the crawl command checks it is a blog)."""
    raw = str(settings.get("ARCHIVE_HEXO_BLOG") or "").strip()
    if not raw:
        return None
    folder = Path(raw).expanduser()
    if not folder.is_dir():
        raise UsageError(f"ARCHIVE_HEXO_BLOG {raw!r} is not a folder")
    return folder


def _check(parse: Any, name: str, value: Any) -> Any:
    try:
        return parse()
    except ValueError as exc:
        raise UsageError(f"{name} {value!r}: {exc}" if name else str(exc)) from None


def _bool(settings: BaseSettings, name: str, default: bool) -> bool:
    if settings.get(name) is None:
        return default
    try:
        return settings.getbool(name)
    except ValueError:
        raise UsageError(f"{name} must be true or false, not {settings.get(name)!r}") from None


def _number(
    settings: BaseSettings,
    name: str,
    default: int | float,
    minimum: float | None = None,
    maximum: float | None = None,
) -> Any:
    """The setting as a number of the default's type, within bounds."""
    raw = settings.get(name)
    if raw is None:
        return default
    try:
        value = type(default)(raw)
    except (TypeError, ValueError):
        kind = "whole number" if isinstance(default, int) else "number"
        raise UsageError(f"{name} must be a {kind}, not {raw!r}") from None
    if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
        bounds = f"at least {minimum}" if maximum is None else f"between {minimum} and {maximum}"
        raise UsageError(f"{name} must be {bounds}, not {raw!r}")
    return value
