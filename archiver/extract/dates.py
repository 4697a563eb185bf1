"""Publication times as Chinese pages print them, to timezone-aware datetimes and RFC 1123 GMT.

Pages print local time with no zone (``2022-07-20 13:47``, ``2022年07月20日 13:47``,
``发布时间：...``, ``3小时前``); the site's timezone (Beijing time by default) applies
unless the text carries an explicit offset.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone, tzinfo
from email.utils import format_datetime

BEIJING = timezone(timedelta(hours=8), "CST")

_ABSOLUTE = re.compile(
    r"(?P<y>(?:19|20)\d\d)\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})\s*日?"
    r"(?:[\sT]*(?P<H>\d{1,2})\s*[:：时]\s*(?P<M>\d{1,2})(?:\s*[:：分]\s*(?P<S>\d{1,2}))?\s*秒?)?"
    r"(?:\s*(?P<tz>Z|[+-]\d\d:?\d\d|UTC|GMT)\b)?"
)
_RELATIVE = re.compile(r"(?P<n>\d+|半|一|两)\s*(?P<unit>秒|分钟|小时|天|周)前")
_DAY_WORD = re.compile(r"(?P<day>今天|昨天|前天)\s*(?:(?P<H>\d{1,2})\s*[:：]\s*(?P<M>\d{1,2}))?")
_UNIT_SECONDS = {"秒": 1, "分钟": 60, "小时": 3600, "天": 86400, "周": 604800}
_NUMBER_WORDS = {"半": 0.5, "一": 1, "两": 2}
_DAY_OFFSET = {"今天": 0, "昨天": 1, "前天": 2}


def parse_tz(value: str | tzinfo | None) -> tzinfo:
    """``"+08:00"``/``"-0530"``/``"UTC"`` (or a tzinfo) to a tzinfo; None means Beijing time."""
    if value is None or value == "":
        return BEIJING
    if isinstance(value, tzinfo):
        return value
    if value.upper() in ("Z", "UTC", "GMT"):
        return timezone.utc
    match = re.fullmatch(r"([+-])(\d\d):?(\d\d)", value.strip())
    if not match:
        raise ValueError(f"timezone must look like +08:00, not {value!r}")
    sign = -1 if match[1] == "-" else 1
    return timezone(sign * timedelta(hours=int(match[2]), minutes=int(match[3])))


def parse_datetime(
    text: str, tz: str | tzinfo | None = None, now: datetime | None = None
) -> datetime | None:
    """The first publication time in ``text`` as an aware datetime, or None if there is none.

    ``tz`` is the zone of times that carry none; ``now`` anchors relative forms (``3小时前``).
    """
    if not text:
        return None
    zone = parse_tz(tz)
    match = _ABSOLUTE.search(text)
    if match:
        return _from_absolute(match, zone)
    now = now or datetime.now(timezone.utc)
    match = _RELATIVE.search(text)
    if match:
        n = _NUMBER_WORDS.get(match["n"]) or float(match["n"])
        return (now - timedelta(seconds=n * _UNIT_SECONDS[match["unit"]])).astimezone(zone)
    match = _DAY_WORD.search(text)
    if match:
        day = now.astimezone(zone) - timedelta(days=_DAY_OFFSET[match["day"]])
        hour, minute = int(match["H"] or 0), int(match["M"] or 0)
        return day.replace(hour=hour, minute=minute, second=0, microsecond=0)
    return None


def _from_absolute(match: re.Match[str], zone: tzinfo) -> datetime | None:
    if match["tz"]:
        zone = parse_tz(match["tz"])
    try:
        return datetime(
            int(match["y"]), int(match["m"]), int(match["d"]),
            int(match["H"] or 0), int(match["M"] or 0), int(match["S"] or 0), tzinfo=zone,
        )
    except ValueError:  # 2022-13-45: a number that only looks like a date
        return None


def to_rfc1123(moment: datetime) -> str:
    """RFC 1123 in GMT, as the seed's ``date:`` line: ``Wed, 20 Jul 2022 05:47:00 GMT``."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime: attach the page's timezone first")
    return format_datetime(moment.astimezone(timezone.utc), usegmt=True)
