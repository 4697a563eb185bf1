"""Spider arguments (``-a name=value``): each spider names the ones it takes, all are checked.

``Arguments`` refuses a name the spider does not know, listing those it does, and the
parsers below turn values into typed ones or raise ``UsageError`` with one line for the
user. The crawl command runs a spider's ``parse_arguments`` before the crawl starts, so a
typo ends the command with that line and exit status 2, before any request.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from scrapy.exceptions import UsageError

from archiver.extract.dates import parse_tz

# Passed by scrapyd to every spider; never an argument of ours.
IGNORED = frozenset({"_job"})


class Arguments:
    """The ``-a`` values given to one spider, refusing any it does not take."""

    def __init__(self, spider: str, given: Mapping[str, Any], known: Iterable[str]) -> None:
        known = tuple(known)
        unknown = sorted(set(given) - set(known) - IGNORED)
        if unknown:
            names = ", ".join(f"-a {name}" for name in unknown)
            raise UsageError(
                f"scrapy crawl {spider}: unknown argument {names}; it takes {', '.join(known)}"
            )
        self.given = {k: str(v) for k, v in given.items() if k not in IGNORED and v is not None}

    def get(self, name: str) -> str | None:
        value = self.given.get(name, "").strip()
        return value or None


def csv(value: str | None) -> tuple[str, ...]:
    """Comma-separated values, stripped, empties dropped."""
    return tuple(v.strip() for v in (value or "").split(",") if v.strip())


def flag(value: str | None) -> bool:
    """``1``/``true``/``yes``/``on`` (any case); absent is False."""
    if value is None:
        return False
    if value.lower() in ("1", "true", "yes", "on"):
        return True
    if value.lower() in ("0", "false", "no", "off", ""):
        return False
    raise UsageError(f"a flag must be 1 or 0 (true/false), not {value!r}")


def whole_number(value: str | None, name: str, *, minimum: int = 1, default: int = 0) -> int:
    """A whole number of at least ``minimum``; ``default`` when absent."""
    if value is None:
        return default
    try:
        number = int(value)
    except ValueError:
        number = minimum - 1
    if number < minimum:
        raise UsageError(f"-a {name} must be a whole number of at least {minimum}, not {value!r}")
    return number


def day(value: str | None, name: str) -> date | None:
    """A day ``YYYY-MM-DD``, or None when absent."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"-a {name} must be a date like 2024-03-01, not {value!r}") from None


def date_window(
    since: str | None, until: str | None, days: str | None, today: date | None = None
) -> tuple[date | None, date | None]:
    """``since``/``until`` (inclusive days) or ``days=N`` (the last N days) as a window."""
    start, end = day(since, "since"), day(until, "until")
    if days is not None:
        if start is not None:
            raise UsageError("-a days cannot be combined with -a since")
        start = (today or date.today()) - timedelta(days=whole_number(days, "days") - 1)
    if start and end and start > end:
        raise UsageError(f"-a since ({start}) is after until ({end})")
    return start, end


def timezone(value: str | None) -> str | None:
    """A zone like ``+08:00`` or ``UTC``, checked; None when absent."""
    if value is None:
        return None
    try:
        parse_tz(value)
    except ValueError as exc:
        raise UsageError(f"-a timezone: {exc}") from None
    return value


def http_url(url: str, name: str) -> str:
    """``url`` when it is an absolute http(s) URL."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise UsageError(f"-a {name}: {url!r} is not an http(s) URL")
    return url


def url_list(value: str | None, name: str) -> tuple[str, ...]:
    """URLs separated by commas, or the path of a file with one URL per line (``#`` comments)."""
    if value is None:
        return ()
    if "://" in value:
        return tuple(dict.fromkeys(http_url(u, name) for u in csv(value)))
    path = Path(value).expanduser()
    if not path.is_file():
        raise UsageError(f"-a {name}={value!r} is neither a URL nor a file of URLs")
    try:
        lines = [line.strip() for line in path.read_text(encoding="utf-8-sig").splitlines()]
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"-a {name}: cannot read {path}: {exc}") from None
    urls = (http_url(line, name) for line in lines if line and not line.startswith("#"))
    return tuple(dict.fromkeys(urls))
