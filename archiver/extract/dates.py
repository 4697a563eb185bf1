"""Publication times as Chinese pages print them, to timezone-aware datetimes and RFC 1123 GMT
(month names and day-first dates: ``named_dates``).

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

from archiver.extract.named_dates import named_dates

BEIJING = timezone(timedelta(hours=8), "CST")

_TZ = r"(?P<tz>Z|(?:UTC|GMT)\s*[+-]\d{1,2}(?::?\d\d)?|[+-]\d\d:?\d\d|UTC|GMT|北京时间)"
# A zone named before the time: "2012年12月10日, 格林尼治标准时间10:41" (BBC's Chinese pages).
_ZONE_WORD = r"格林尼治标准时间|格林尼治时间|格林威治时间|协调世界时|世界标准时间|北京时间"
_TIME = (
    r"(?P<H>\d{1,2})\s*[:：时時点點]\s*(?P<M>\d{1,2})"
    r"(?:\s*[:：分]\s*(?P<S>\d{1,2})(?:[.,]\d{1,9})?)?\s*秒?"
)
_ABSOLUTE = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d\d)(?:\s*[-/.年]\s*|\s+(?=\d\d?/))"
    r"(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})(?!\d)\s*(?:日|\.(?=\s))?"  # Korean "2024. 5. 13."
    rf"(?:[\sT]*(?:[,，]\s*)?(?P<tzword>{_ZONE_WORD})?\s*{_TIME})?"
    rf"(?:\s*[(（]?\s*{_TZ}(?![\w+-]))?"
)
# A month and day with a time but no year (``07-20 13:47``, ``7月20日 13:47``): recent items.
# Japanese portals print the weekday between them: "3/9(木) 18:45配信".
_MONTH_DAY = re.compile(
    rf"(?<![\d/.-])(?P<m>\d{{1,2}})\s*[-/月]\s*(?P<d>\d{{1,2}})\s*日?"
    rf"(?:\s*[(（][月火水木金土日][)）])?\s*(?<=[\s)）日]){_TIME}"
)
_RFC822 = re.compile(
    r"(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)\w*,?\s*)?(?P<d>\d{1,2})\s+(?P<mon>[A-Z][a-z]{2})\w*\s+"
    r"(?P<y>\d{4})\s+(?P<H>\d{1,2}):(?P<M>\d\d)(?::(?P<S>\d\d))?\s*"
    r"(?:(?P<tz>GMT|UTC|UT|Z|[+-]\d{4})|(?P<us>[EMP][SD]T|CDT)(?![A-Za-z]))?"  # RFC 822's US zones
)
# RFC 822's North American zones (not "CST": China's on Chinese servers).
_US_OFFSETS = {"EST": -5, "EDT": -4, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7}
_CALENDAR = re.compile(rf"(?P<today>(?:今天|今日)是?\s*)?{_ABSOLUTE.pattern}")
_MONTHS = {m: i for i, m in enumerate("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split(), 1)}
# Not inside a sentence: "他两天前说" is prose, "发布于 3小时前" a time.
_RELATIVE = re.compile(
    r"(?:(?<=[于：:])|(?<![\u3400-\u9fff]))(?P<n>\d+|半|一|两)\s*(?P<unit>秒|分钟|小时|天|周)前"
)
_RELATIVE_EN = re.compile(
    r"\b(?P<n>\d+|an?|one)\s+(?P<unit>second|minute|hour|day|week)s?\s+ago\b", re.IGNORECASE
)
_DAY_WORD = re.compile(r"(?P<day>今天|昨天|前天)\s*(?:(?P<H>\d{1,2})\s*[:：]\s*(?P<M>\d{1,2}))?")
_UNIT_SECONDS = {"秒": 1, "分钟": 60, "小时": 3600, "天": 86400, "周": 604800}
_NUMBER_WORDS = {"半": 0.5, "一": 1, "两": 2, "a": 1, "an": 1, "one": 1}
_ENGLISH_UNITS = {"second": "秒", "minute": "分钟", "hour": "小时", "day": "天", "week": "周"}
_DAY_OFFSET = {"今天": 0, "昨天": 1, "前天": 2}
# A day word without a time is a time only as a field's whole value ("昨天", "今天 发布").
_DAY_WORD_ALONE = 8


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
    if value in _ZONE_WORD.split("|"):  # Greenwich, universal time
        return timezone.utc
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
    named = named_dates(text, zone)
    if named:
        return named[0].moment
    now = now or datetime.now(timezone.utc)
    month_day = month_day_time(text, zone, now)
    if month_day:
        return month_day
    relative = _RELATIVE.search(text) or _RELATIVE_EN.search(text)  # 3小时前, 3 hours ago
    if relative:
        n = _NUMBER_WORDS.get(relative["n"].lower()) or float(relative["n"])
        unit = _ENGLISH_UNITS.get(relative["unit"].lower(), relative["unit"])
        return (now - timedelta(seconds=n * _UNIT_SECONDS[unit])).astimezone(zone)
    word = _DAY_WORD.search(text)
    if word and (word["H"] or len(text.strip()) <= _DAY_WORD_ALONE):  # not "作为今天华人中"
        day = now.astimezone(zone) - timedelta(days=_DAY_OFFSET[word["day"]])
        hour, minute = int(word["H"] or 0), int(word["M"] or 0)
        return day.replace(hour=hour, minute=minute, second=0, microsecond=0)
    return None


def find_datetimes(text: str, tz: str | tzinfo | None = None) -> list[datetime]:
    """Every absolute date or time in ``text``, in order (to pick one by another clue)."""
    zone = parse_tz(tz)
    found = (_from_absolute(m, zone) for m in _ABSOLUTE.finditer(text or ""))
    return [moment for moment in found if moment]


# What a calendar prints after today's date: the weekday, or the date in the lunar calendar.
CALENDAR_AFTER = re.compile(r"\s*(?:(?:星期|周|礼拜)[一二三四五六日天]|农历|阴历|農曆)")


def without_calendar(text: str) -> str:
    """``text`` without the dates a page prints as its calendar, not as a publication time.

    ``今天是2024年03月20日 星期三`` in a top bar is today's date: a date preceded by 今天/今日
    or followed by a weekday (星期三, 周三) or the lunar date (农历：甲辰年 四月 廿一) is blanked
    out, with its 今天是.
    """

    def blank(match: re.Match[str]) -> str:
        after = text[match.end() : match.end() + 6]
        calendar = match["today"] or CALENDAR_AFTER.match(after)
        return " " * len(match.group(0)) if calendar else match.group(0)

    return _CALENDAR.sub(blank, text or "")


def month_day_time(text: str, tz: str | tzinfo | None, now: datetime) -> datetime | None:
    """The first yearless date with a time in ``text`` (``07-20 13:47``, ``3/9(木) 18:45``), in
    the year that puts it last before ``now``."""
    match = _MONTH_DAY.search(text or "")
    return _from_month_day(match, now.astimezone(parse_tz(tz))) if match else None


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
    if match["us"]:
        zone = timezone(timedelta(hours=_US_OFFSETS[match["us"]]))
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
    if match["tz"] or match["tzword"]:
        zone = parse_tz(match["tz"] or match["tzword"])
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
    updated: bool = False  # labelled as the last update ("Updated:", "Aktualisiert am")
    in_text: bool = False  # printed in the article's text (a caption, a sentence), past its header


def printed_times(text: str, tz: str | tzinfo | None = None) -> list[Printed]:
    """Every absolute date in ``text`` with its position, in order (calendar dates included):
    Chinese and ISO forms, else those of ``named_dates`` (month names, day-first, US order)."""
    zone = parse_tz(tz)
    found, taken = [], []
    for match in _ABSOLUTE.finditer(text or ""):
        taken.append(range(match.start(), match.end()))
        moment = _from_absolute(match, zone)
        if moment:
            zoned = bool(match["tz"] or match["tzword"])
            found.append(Printed(moment, match.start(), bool(match["H"]), zoned))
    # month names too: a Chinese blog prints "Saturday, September 10th, 2005 10:56 am" under
    # its top bar's "2006年12月27日"
    found += [
        Printed(*named)
        for named in named_dates(text, zone)
        if not any(named[1] in span for span in taken)
    ]
    return sorted(found, key=lambda p: p.start)
