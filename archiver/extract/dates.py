"""Publication times as Chinese pages print them, to timezone-aware datetimes and RFC 1123 GMT.

Pages print local time with no zone (``2022-07-20 13:47``, ``2022年07月20日 13:47``,
``发布时间：...``, ``3小时前``, ``07-20 13:47``); the site's timezone (Beijing time by
default) applies unless the text carries an explicit offset (``+08:00``, ``Z``, ``GMT+8``,
``北京时间``). Feeds and meta tags also use RFC 822 (``Wed, 20 Jul 2022 05:47:00 GMT``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone, tzinfo
from email.utils import format_datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

BEIJING = timezone(timedelta(hours=8), "CST")

_TZ = r"(?P<tz>Z|(?:UTC|GMT)\s*[+-]\d{1,2}(?::?\d\d)?|[+-]\d\d:?\d\d|UTC|GMT|北京时间)"
_TIME = (
    r"(?P<H>\d{1,2})\s*[:：时]\s*(?P<M>\d{1,2})"
    r"(?:\s*[:：分]\s*(?P<S>\d{1,2})(?:[.,]\d{1,9})?)?\s*秒?"
)
_ABSOLUTE = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d\d)(?:\s*[-/.年]\s*|\s+(?=\d\d?/))"
    r"(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})(?!\d)\s*日?"
    rf"(?:[\sT]*{_TIME})?(?:\s*[(（]?\s*{_TZ}(?![\w+-]))?"
)
# A month and day with a time but no year (``07-20 13:47``, ``7月20日 13:47``): recent items.
_MONTH_DAY = re.compile(
    rf"(?<![\d/.-])(?P<m>\d{{1,2}})\s*[-/月]\s*(?P<d>\d{{1,2}})\s*日?\s+{_TIME}"
)
_RFC822 = re.compile(
    r"(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)\w*,?\s*)?(?P<d>\d{1,2})\s+(?P<mon>[A-Z][a-z]{2})\w*\s+"
    r"(?P<y>\d{4})\s+(?P<H>\d{1,2}):(?P<M>\d\d)(?::(?P<S>\d\d))?\s*(?P<tz>GMT|UTC|UT|Z|[+-]\d{4})?"
)
# Dates as English pages print them: "May 9, 2024, 10:00 AM", "9 May 2024", and the US
# order that Chinese ASP sites also use: "7/5/2005 9:23:57 PM".
_MONTH_NAMES = r"(?P<mon>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
_CLOCK = (
    r"(?P<H>\d{1,2}):(?P<M>\d\d)(?::(?P<S>\d\d))?\s*(?P<ampm>[AaPp]\.?[Mm]\.?)?"
    r"(?:\s*(?P<zone>(?:GMT|UTC)\s*[+-]\d{1,2}(?!\d)|(?:[PMCE][DS]?T|GMT|UTC|BST|CES?T)(?![A-Za-z])))?"
)
# North American and European zones as English pages print them; "PT" is -7 in summer.
_ZONES = {"GMT": 0, "UTC": 0, "BST": 1, "CET": 1, "CEST": 2}
_US_ZONES = {"E": -5, "C": -6, "M": -7, "P": -8}
# A day may carry its ordinal ("May 9th"), and blogs set the weekday between day and year
# ("Dec 28 Sat 2013 00:28").
_ORDINAL = r"(?:st|nd|rd|th)?"
_WEEKDAY = r"(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?,?\s+)?"
_ENGLISH_DATE = re.compile(
    rf"(?:{_MONTH_NAMES}\s+(?P<d>\d{{1,2}}){_ORDINAL},?\s+{_WEEKDAY}(?P<y>(?:19|20)\d\d)"
    rf"|(?P<d2>\d{{1,2}}){_ORDINAL}\s+(?:of\s+)?{_MONTH_NAMES.replace('mon', 'mon2')},?\s+"
    rf"{_WEEKDAY}(?P<y2>(?:19|20)\d\d))"
    rf"(?:[^\d\n]{{0,6}}?{_CLOCK})?"
)
_US_DATE = re.compile(
    rf"(?<![\d/])(?P<m>\d{{1,2}})/(?P<d>\d{{1,2}})/(?P<y>(?:19|20)\d\d)(?!\d)(?:\s+{_CLOCK})?"
)
_CALENDAR = re.compile(rf"(?P<today>(?:今天|今日)是?\s*)?{_ABSOLUTE.pattern}")
_MONTHS = {m: i for i, m in enumerate("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split(), 1)}
_RELATIVE = re.compile(r"(?P<n>\d+|半|一|两)\s*(?P<unit>秒|分钟|小时|天|周)前")
_DAY_WORD = re.compile(r"(?P<day>今天|昨天|前天)\s*(?:(?P<H>\d{1,2})\s*[:：]\s*(?P<M>\d{1,2}))?")
_UNIT_SECONDS = {"秒": 1, "分钟": 60, "小时": 3600, "天": 86400, "周": 604800}
_NUMBER_WORDS = {"半": 0.5, "一": 1, "两": 2}
_DAY_OFFSET = {"今天": 0, "昨天": 1, "前天": 2}


def parse_tz(value: str | tzinfo | None) -> tzinfo:
    """``"+08:00"``/``"-0530"``/``"UTC"``/``"Europe/Berlin"`` (or a tzinfo) to a tzinfo; None
    means Beijing time."""
    if value is None or value == "":
        return BEIJING
    if isinstance(value, tzinfo):
        return value
    value = value.strip()
    if value.upper() in ("Z", "UTC", "GMT", "UT"):
        return timezone.utc
    if value == "北京时间":
        return BEIJING
    if "/" in value:  # a zone of the tz database, with its summer time: Europe/Berlin
        try:
            return ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown timezone {value!r}") from None
    match = re.fullmatch(
        r"(?:UTC|GMT)?\s*([+-])(\d\d):?(\d\d)|(?:UTC|GMT)\s*([+-])(\d{1,2})", value, re.I
    )
    if not match:
        raise ValueError(f"timezone must look like +08:00 or Asia/Shanghai, not {value!r}")
    sign = -1 if (match[1] or match[4]) == "-" else 1
    hours, minutes = (match[2], match[3]) if match[1] else (match[5], "0")
    return timezone(sign * timedelta(hours=int(hours), minutes=int(minutes)))


def parse_datetime(
    text: str, tz: str | tzinfo | None = None, now: datetime | None = None
) -> datetime | None:
    """The first publication time in ``text`` as an aware datetime, or None if there is none.

    ``tz`` is the zone of times that carry none; ``now`` anchors relative forms (``3小时前``).
    """
    if not text:
        return None
    zone = parse_tz(tz)
    for absolute in _ABSOLUTE.finditer(text):
        found = _from_absolute(absolute, zone)
        if found:
            return found
    rfc = _RFC822.search(text)
    if rfc and rfc["mon"] in _MONTHS:
        return _from_rfc822(rfc, zone)
    now = now or datetime.now(timezone.utc)
    month_day = _MONTH_DAY.search(text)
    if month_day:
        return _from_month_day(month_day, now.astimezone(zone))
    relative = _RELATIVE.search(text)
    if relative:
        n = _NUMBER_WORDS.get(relative["n"]) or float(relative["n"])
        return (now - timedelta(seconds=n * _UNIT_SECONDS[relative["unit"]])).astimezone(zone)
    word = _DAY_WORD.search(text)
    if word:
        day = now.astimezone(zone) - timedelta(days=_DAY_OFFSET[word["day"]])
        hour, minute = int(word["H"] or 0), int(word["M"] or 0)
        return day.replace(hour=hour, minute=minute, second=0, microsecond=0)
    return None


def find_datetimes(text: str, tz: str | tzinfo | None = None) -> list[datetime]:
    """Every absolute date or time in ``text``, in order (to pick one by another clue)."""
    zone = parse_tz(tz)
    found = (_from_absolute(m, zone) for m in _ABSOLUTE.finditer(text or ""))
    return [moment for moment in found if moment]


def without_calendar(text: str) -> str:
    """``text`` without the dates a page prints as its calendar, not as a publication time.

    ``今天是2024年03月20日 星期三`` in a top bar is today's date: a date preceded by 今天/今日
    or followed by a weekday (星期三, 周三) is blanked out, with its 今天是.
    """

    def blank(match: re.Match[str]) -> str:
        after = text[match.end() : match.end() + 6]
        calendar = match["today"] or re.match(r"\s*(?:星期|周|礼拜)[一二三四五六日天]", after)
        return " " * len(match.group(0)) if calendar else match.group(0)

    return _CALENDAR.sub(blank, text or "")


def _from_month_day(match: re.Match[str], now: datetime) -> datetime | None:
    """A yearless date is in the current year, or the last one if that would be the future."""
    for year in (now.year, now.year - 1):
        try:
            moment = now.replace(
                year=year,
                month=int(match["m"]),
                day=int(match["d"]),
                hour=int(match["H"]),
                minute=int(match["M"]),
                second=int(match["S"] or 0),
                microsecond=0,
            )
        except ValueError:
            return None
        if moment <= now + timedelta(days=1):
            return moment
    return None


def _from_rfc822(match: re.Match[str], zone: tzinfo) -> datetime | None:
    zone = parse_tz(match["tz"]) if match["tz"] else zone
    try:
        return datetime(
            int(match["y"]),
            _MONTHS[match["mon"]],
            int(match["d"]),
            int(match["H"]),
            int(match["M"]),
            int(match["S"] or 0),
            tzinfo=zone,
        )
    except ValueError:
        return None


def _from_absolute(match: re.Match[str], zone: tzinfo) -> datetime | None:
    if match["tz"]:
        zone = parse_tz(match["tz"])
    try:
        return datetime(
            int(match["y"]),
            int(match["m"]),
            int(match["d"]),
            int(match["H"] or 0),
            int(match["M"] or 0),
            int(match["S"] or 0),
            tzinfo=zone,
        )
    except ValueError:  # 2022-13-45: a number that only looks like a date
        return None


def to_rfc1123(moment: datetime) -> str:
    """RFC 1123 in GMT, as the seed's ``date:`` line: ``Wed, 20 Jul 2022 05:47:00 GMT``."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime: attach the page's timezone first")
    return format_datetime(moment.astimezone(timezone.utc), usegmt=True)


@dataclass(frozen=True)
class Printed:
    """A date printed on a page, where it stands in the text, and what it tells."""

    moment: datetime
    start: int
    has_time: bool
    has_zone: bool


def printed_times(text: str, tz: str | tzinfo | None = None) -> list[Printed]:
    """Every absolute date in ``text`` with its position, in order (calendar dates included):
    Chinese and ISO forms, English month names, and the US ``m/d/yyyy`` when no other is there."""
    zone = parse_tz(tz)
    found = []
    for match in _ABSOLUTE.finditer(text or ""):
        moment = _from_absolute(match, zone)
        if moment:
            found.append(Printed(moment, match.start(), bool(match["H"]), bool(match["tz"])))
    for pattern in (_ENGLISH_DATE, _US_DATE):
        if found:
            break
        for match in pattern.finditer(text or ""):
            moment = _from_named(match, zone)
            if moment:
                zoned = bool(match.groupdict().get("zone"))
                found.append(Printed(moment, match.start(), bool(match["H"]), zoned))
    return sorted(found, key=lambda p: p.start)


def _from_named(match: re.Match[str], zone: tzinfo) -> datetime | None:
    """A date with an English month name or in US order, with its 12- or 24-hour clock."""
    groups = match.groupdict()
    month_name = groups.get("mon") or groups.get("mon2")
    month = _MONTHS.get(month_name[:3].title()) if month_name else int(groups["m"])
    hour = int(groups["H"] or 0)
    ampm = (groups.get("ampm") or "").lower().replace(".", "")
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    try:
        moment = datetime(
            int(groups.get("y") or groups.get("y2") or 0),
            month or 0,
            int(groups.get("d") or groups.get("d2") or 0),
            hour,
            int(groups["M"] or 0),
            int(groups["S"] or 0),
        )
    except (TypeError, ValueError):
        return None
    return moment.replace(tzinfo=_named_zone(groups.get("zone"), moment) or zone)


def _named_zone(name: str | None, moment: datetime) -> tzinfo | None:
    """The offset of a zone abbreviation (PDT, EST, PT, GMT, CEST); None if there is none."""
    if not name:
        return None
    shifted = re.fullmatch(r"(?:GMT|UTC)\s*([+-]\d{1,2})", name)
    if shifted:
        return timezone(timedelta(hours=int(shifted[1])))
    if name in _ZONES:
        return timezone(timedelta(hours=_ZONES[name]))
    base = _US_ZONES.get(name[0])
    if base is None:
        return None
    summer = name[1:2] == "D" or (len(name) == 2 and 3 <= moment.month <= 10)
    return timezone(timedelta(hours=base + (1 if summer else 0)))
