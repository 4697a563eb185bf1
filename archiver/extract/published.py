"""The publication time of any page: the time shown with the article, checked against
JSON-LD and meta tags (reposts keep the original's meta), with the URL's day and htmldate
as the last resorts."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime, time, timedelta, timezone
from urllib.parse import urlsplit

from lxml import etree

from archiver.extract.dates import (
    CALENDAR_AFTER,
    Printed,
    month_day_time,
    parse_datetime,
    parse_tz,
    printed_times,
    without_calendar,
)
from archiver.extract.declared import meta_content
from archiver.extract.regions import Regions

_HAN = "\u3400-\u9fff"
# Publication labels first; a bare 时间/日期 only when no Han character precedes it
# (成文日期 is not it).
_TIME_LABEL_RE = re.compile(
    rf"(?:发布时间|发表时间|发布日期|发稿时间|(?<![{_HAN}])时间|(?<![{_HAN}])日期)"
    r"(?:\s*[:：]|\s+(?=\d{4}))\s*(?P<v>[^|｜]{6,40})"  # "发布时间 2005/03/15 22:36:13" too
)
# A date just after these words is another item's (a recommended article, the last reply).
_OTHER_ITEM = re.compile(
    r"(?:推荐文章于|最后回复|最后由|回复于|(?:成文|截止|生效|实施|印发|有效|出生)日期\s*[:：]?"
    r"|注册时间\s*[:：]?|(?i:joined|registered|member since)\s*:?)\s*$"  # a forum profile's
)
# "Last updated 04 Jun 2020, originally created 17 Jun 2019", "Updated: May 5, 2024"
_UPDATED = re.compile(
    r"\b(?:(?:last\s+)?(?:updated|modified|edited|revised)(?:\s+on)?|aktualisiert(?:\s+am)?"
    r"|aktualizacja|actualizado(?:\s+el)?|atualizado(?:\s+em)?|aggiornato(?:\s+il)?"
    r"|mis\s+à\s+jour(?:\s+le)?|bijgewerkt(?:\s+op)?|uppdaterad|opdateret|oppdatert)\s*:?"
    r"(?:\s*[^\W\d]+,)?\s*$",  # a weekday between: "Actualizado Lunes, 2 diciembre 2024"
    re.I,
)
_POSTED_AT = re.compile(
    r"(?:发表于|发布于|写于|posted\s+(?:on|at|@)|由\s*\S{1,20}?\s*于)\s*[:：]?\s*(?P<v>\S.{5,40})",
    re.I,
)
# A caption's credit closing the sentence a date is in: the picture's day, not the article's.
_CAPTION_CREDIT = re.compile(
    r"^(?:(?![。！？!?]|\.\s+[A-Z]).)*?[（(](?:[A-Z]{2,8} )?Photo(?:graph)?\s*[/:]", re.I
)
_CAPTION_REACH = 120
_CALENDAR_BEFORE = re.compile(r"(?:今天|今日)是?\s*$")
# a section may stand between the year and the month: CNN's "/2010/POLITICS/08/13/"
_URL_DATE = re.compile(
    r"(?<!\d)(20\d\d)(?:[-/_]?|/[A-Za-z]+/)(0[1-9]|1[0-2])[-/_]?(0[1-9]|[12]\d|3[01])(?!\d)"
)
# How long before the day in the article's URL the day shown may lie: earlier, it is a day the
# text speaks of ("signed into law on August 14, 1935" in the story's highlights). A later one
# stands: a URL can be minted for a draft, or reused.
_URL_DAY_SLACK = 31
_PUBLISHED_META = (
    "article:published_time",
    "og:published_time",
    "og:release_date",
    "datePublished",
    "pubdate",
    "publishdate",
    "publish_date",
    "PubDate",
    "publish_time",
    "publish-date",
    "dc.date",
    "DC.date.issued",
    "sailthru.date",
    "date",
)


def extract_published(
    root: etree._Element,
    ld: dict,
    regions: Regions,
    tz: str,
    now: datetime | None = None,
    url: str = "",
) -> datetime | None:
    """Publication time: the one shown with the article, checked against JSON-LD and meta tags.

    A day-only candidate takes its hour from a time printed on the page that day; relative
    times (``3小时前``), the URL's day and htmldate's day are the last resorts.
    """
    shown = _shown_time(regions, tz)
    day = _url_day(url)
    if shown and _before_url(shown.moment, day):
        shown = None
    meta = None
    for value in (
        ld.get("datePublished"),
        meta_content(root, *_PUBLISHED_META),
        _time_element(root),
    ):
        meta = parse_datetime(str(value), tz, now) if value else None
        if meta:
            break
    labelled = _match(_TIME_LABEL_RE, regions.header) or _match(_TIME_LABEL_RE, regions.text[:4000])
    labelled_time = parse_datetime(labelled, tz, now) if labelled else None
    printed = [p.moment for p in printed_times(regions.header, tz) if p.has_time]
    posted = _posted(regions, tz)
    printed += [posted] if posted and (posted.hour, posted.minute) != (0, 0) else []
    if shown and meta and shown.updated and (meta.hour, meta.minute) != (0, 0):
        return meta  # the page prints only its last update; meta keeps the first publication
    if shown and meta and shown.in_text and shown.moment.date() not in _meta_days(meta):
        return meta  # a day the article's text or a caption speaks of ("am 5. Januar 2026")
    if shown and meta:
        stated = _time_element_printing(root, shown, tz) == meta  # the page's own word on it
        return _with_printed_time(meta if stated else _agreeing(shown, meta), printed)
    chosen = (shown.moment if shown else None) or meta or labelled_time or posted
    if chosen is not None:
        return _with_printed_time(chosen, printed)
    header = without_calendar(regions.header)
    if day is not None and not printed:  # "3/9(木) 18:45配信" in the year of the URL's day
        yearless = month_day_time(header, tz, datetime.combine(day, time(23, 59), parse_tz(tz)))
        if yearless is not None and yearless.date() == day:
            return yearless
    relative = None if printed else parse_datetime(header, tz, now)  # 3小时前, 昨天 10:30
    if relative is not None and not _before_url(relative, day):
        return relative
    calendar = {p.moment.date() for p in printed_times(regions.header, tz)}
    if day is None:
        day = _htmldate(root, url)
        day = None if day in calendar else day  # htmldate read the top bar's "today"
    if day is None:
        return None
    return _with_printed_time(datetime.combine(day, time(0), parse_tz(tz)), printed)


def _before_url(moment: datetime, day: date | None) -> bool:
    """True when ``moment`` lies well before the day in the article's URL: not its time."""
    return day is not None and (day - moment.date()).days > _URL_DAY_SLACK


def _posted(regions: Regions, tz: str) -> datetime | None:
    """The time a blog or forum prints under its post ("发表于2005年09月07日 11:57 AM",
    "posted on …", "本贴由 X 于2005年8月12日16:12:21在…发表"), when its header shows none."""
    found = _POSTED_AT.search(regions.footer)
    times = printed_times(found["v"], tz) if found else []
    return times[0].moment if times else None


def _shown_time(regions: Regions, tz: str) -> Printed | None:
    """The time shown with the article: the labelled one (``发布时间：``), else the first
    printed in its header with an hour (or just above the title), else the first day; not a
    calendar or another item's."""
    text = regions.header
    labelled = _TIME_LABEL_RE.search(text)
    if labelled:
        found = printed_times(labelled["v"], tz)
        if found:
            return found[0]
    body_at = len(regions.above) if regions.above and text.startswith(regions.above) else -1
    candidates = [replace(p, in_text=0 <= body_at <= p.start) for p in _article_times(text, tz)]
    timed = [p for p in candidates + _article_times(regions.lead, tz) if p.has_time]
    return timed[0] if timed else (candidates[0] if candidates else None)


def _article_times(text: str, tz: str) -> list[Printed]:
    """Dates printed in ``text`` that are neither the page's calendar nor another item's."""
    kept = []
    for found in printed_times(text, tz):
        before, after = (
            text[max(0, found.start - 8) : found.start],
            text[found.start : found.start + 40],
        )
        if _OTHER_ITEM.search(before) or _CALENDAR_BEFORE.search(before):
            continue
        if CALENDAR_AFTER.match(re.sub(r"^[\d\s年月日/.:：-]+", "", after)):
            continue
        if _CAPTION_CREDIT.search(text[found.start : found.start + _CAPTION_REACH]):
            continue  # a caption: "…, Friday, Aug. 30, 2024, in Johnstown, Pa. (AP Photo/…)"
        updated = bool(_UPDATED.search(text[max(0, found.start - 24) : found.start]))
        kept.append(replace(found, updated=updated))
    # a date labelled as the last update comes after those of the article's first publication
    return sorted(kept, key=lambda p: p.updated)


def _agreeing(shown: Printed, meta: datetime) -> datetime:
    """The shown time, unless meta tells the same moment with its zone: the shown wall clock is
    meta's moment in some whole-quarter-hour offset (a page printing local time without a zone).
    A day shown alone takes meta's time when meta falls on that day. A date printed without
    saying which comes first ("06/02/2022") is read the way meta agrees with."""
    shown = _read_as_meta(shown, meta)
    if not shown.has_time:  # the day in some zone of the world: meta's moment is more precise
        return (
            _on_day(meta, shown.moment.date())
            if shown.moment.date() in _meta_days(meta)
            else shown.moment
        )
    if shown.has_zone:
        return shown.moment
    shown_wall = shown.moment.replace(tzinfo=None, second=0, microsecond=0)
    meta_utc = meta.astimezone(timezone.utc).replace(tzinfo=None, second=0, microsecond=0)
    offset = (shown_wall - meta_utc).total_seconds()
    same_moment = offset % 900 == 0 and abs(offset) <= 14 * 3600
    if offset == 0 and shown.moment.utcoffset():
        return shown.moment  # meta calls the page's own wall clock UTC (a CMS's zone slip)
    zone = meta.utcoffset()
    if zone and zone == shown.moment.utcoffset() and offset != zone.total_seconds():
        return shown.moment  # meta in the page's own zone tells another wall clock: not its time
    if same_moment:
        return meta
    # another moment (meta gives the last update): the page's wall clock in the zone its meta
    # states, over the default one, unless meta says UTC (which CMSs give for any local time)
    return shown.moment.replace(tzinfo=meta.tzinfo) if meta.utcoffset() else shown.moment


def _time_element_printing(root: etree._Element, shown: Printed, tz: str) -> datetime | None:
    """The zoned ``datetime`` of the ``<time>`` element that prints the shown wall clock
    (phpBB's "<time datetime=…+00:00>2024-04-10 16:01</time>"): where meta tells the same
    moment, the page's own word on the zone of its time, over any reading of it. A CMS that
    calls its wall clock UTC there and not in meta gives itself away."""
    if not shown.has_time or shown.has_zone:
        return None
    wall = shown.moment.replace(tzinfo=None, second=0, microsecond=0)
    for node in root.iter("time"):
        value = (node.get("datetime") or "").strip()
        if not _ZONED.search(value):
            continue
        printed = printed_times(node.text_content(), tz)
        if printed and printed[0].has_time:
            if printed[0].moment.replace(tzinfo=None, second=0, microsecond=0) == wall:
                return parse_datetime(value, tz)
    return None


def _on_day(meta: datetime, day: date) -> datetime:
    """Meta's moment told in the offset nearest its own that puts it on the day the page prints:
    bbc-2 prints "10 May 2024" for 23:49 UTC on the 9th (00:49 in London)."""
    if meta.date() == day:
        return meta
    own = (meta.utcoffset() or timedelta()) // timedelta(hours=1)
    for hours in sorted(range(-12, 15), key=lambda h: abs(h - own)):
        moment = meta.astimezone(timezone(timedelta(hours=hours)))
        if moment.date() == day:
            return moment
    return meta


def _meta_days(meta: datetime) -> set[date]:
    """The days meta's moment falls on in some zone of the world (UTC-12 to UTC+14)."""
    utc = meta.astimezone(timezone.utc).replace(tzinfo=None)
    return {(utc + timedelta(hours=h)).date() for h in range(-12, 15)}


def _read_as_meta(shown: Printed, meta: datetime) -> Printed:
    """``shown`` with its day and month swapped when only that reading falls on meta's day
    (in some zone of the world): "06/02/2022" on a French site's page is 6 February."""
    moment = shown.moment
    if moment.day > 12 or moment.day == moment.month:
        return shown
    days = _meta_days(meta)
    swapped = moment.replace(month=moment.day, day=moment.month)
    if moment.date() in days or swapped.date() not in days:
        return shown
    return replace(shown, moment=swapped)


def _with_printed_time(found: datetime, printed: list[datetime]) -> datetime:
    """A day-only time (midnight) gets the hour printed for that day in the header or under
    the post ("发布于：2015-11-05 11:34"), if any."""
    if (found.hour, found.minute, found.second) != (0, 0, 0):
        return found
    for moment in printed:
        if moment.astimezone(found.tzinfo).date() == found.date():
            return moment
    return found


def _url_day(url: str) -> date | None:
    """The day in an article URL's path (``/2024/03/15/``, ``/20240315/``, ``/202403/15/``) or
    its query (Yahoo! Japan's ``?a=20170309-35097838-cnetj-sci``)."""
    parts = urlsplit(url)
    found = _URL_DATE.search(parts.path) or _URL_DATE.search(parts.query)  # "?a=20170309-3509"
    return date(int(found[1]), int(found[2]), int(found[3])) if found else None


def _htmldate(root: etree._Element, url: str = "") -> date | None:
    """The publication day htmldate picks (it weighs URL, headers, page structure), or None."""
    from htmldate import find_date  # slow to import; only when the page shows no time

    day = find_date(root, extensive_search=False, original_date=True, url=url or None)
    return datetime.fromisoformat(day).date() if day else None


_ZONED = re.compile(r"\d(?:Z|[+-]\d\d:?\d\d)$")  # an ISO time naming its offset


def _time_element(root: etree._Element) -> str:
    """``<time datetime>`` or an ``itemprop="datePublished"`` element's value."""
    for node in root.xpath("//*[@itemprop='datePublished'] | //time[@datetime]"):
        value = node.get("datetime") or node.get("content") or node.text_content()
        if value and value.strip():
            return value.strip()
    return ""


def _match(pattern: re.Pattern[str], text: str) -> str:
    found = pattern.search(text)
    return found["v"].strip() if found else ""
