"""Dates as Western pages print them: month names in English and the main European languages
("May 9th, 2024, 10:00 AM", "28. Dezember 2013 um 00:28 Uhr", "le 28 décembre 2013 à 00h28"),
day-first numbers ("28.12.2013, 00:28") and the US order ("7/5/2005 9:23:57 PM",
"10/9/10 7:15 AM EDT").

Kept apart from ``dates`` (the ISO and Chinese forms), which reads these beside its own.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone, tzinfo
from typing import NamedTuple

# Month names and their usual short forms, lower-cased: en, de, fr, es, it, nl, pt (short forms
# that are also words, such as Portuguese "out" and Italian "set", are left out).
_MONTH_WORDS = (
    "january jan januar jänner janvier janv enero gennaio januari janeiro",
    "february feb februar février févr fevrier febrero febbraio februari fevereiro",
    "march mar märz mär mrz mars marzo maart março",
    "april apr avril avr abril aprile",
    "may mai mayo maggio mei maio",
    "june jun juni juin junio giugno junho",
    "july jul juli juillet juil julio luglio julho",
    "august aug août aout agosto augustus",
    "september sep sept septembre septiembre settembre setembro",
    "october oct oktober okt octobre octubre ottobre outubro",
    "november nov novembre noviembre novembro",
    "december dec dezember dez décembre déc decembre diciembre dicembre dezembro",
)
MONTHS = {word: number for number, words in enumerate(_MONTH_WORDS, 1) for word in words.split()}
# The month names as one alternative, longest first; a whole word ("mar" is not "market").
MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
_MONTH = r"(?P<{name}>(?i:" + MONTH_NAMES + r"))(?![^\W\d_])\.?"
# Weekdays in English (any form: "Mon", "Monday"), German and French, as one alternative.
WEEKDAY_NAMES = (
    "mon|tue|wed|thu|fri|sat|sun|montag|dienstag|mittwoch|donnerstag|freitag|samstag"
    "|sonntag|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche"
)
_WEEKDAY = r"(?:(?i:" + WEEKDAY_NAMES + r")[a-z]*\.?,?\s+)?"
_DAY = r"(?P<{name}>\d{{1,2}})(?:st|nd|rd|th|er|\.)?"
_YEAR = r"(?P<{name}>(?:19|20)\d\d)(?!\d)"
_CLOCK = (
    r"(?P<H>\d{1,2})[:h](?P<M>\d\d)(?::(?P<S>\d\d))?\s*(?P<ampm>[AaPp]\.?[Mm]\.?)?"
    r"(?:\s*(?P<zone>(?:GMT|UTC)\s*[+-]\d{1,2}(?!\d)|(?:[PMCE][DS]?T|GMT|UTC|BST|CES?T)(?![A-Za-z])))?"
)
_THEN_CLOCK = rf"(?:[^\d\n]{{0,6}}?{_CLOCK})?"
_NAMED = re.compile(
    rf"(?:{_MONTH.format(name='mon')}\s+{_DAY.format(name='d')},?\s+{_WEEKDAY}{_YEAR.format(name='y')}"
    rf"|{_DAY.format(name='d2')}\s+(?:of\s+|de\s+)?{_MONTH.format(name='mon2')},?\s+(?:de\s+)?"
    rf"{_WEEKDAY}{_YEAR.format(name='y2')})"
    rf"{_THEN_CLOCK}"
)
# Day first with dots, as German, Russian and most of Europe print it: 28.12.2013; a
# two-digit year only with the time after it ("Do 25.04.24 | 14:07 Uhr").
_DOTTED = re.compile(
    rf"(?<![\d.])(?P<d>\d{{1,2}})\.\s?(?P<m>\d{{1,2}})\.\s?(?:{_YEAR.format(name='y')}"
    r"|(?P<yy>\d\d)(?![\d.])(?=[^\d\n]{0,6}?\d{1,2}[:h]\d\d))"
    rf"{_THEN_CLOCK}"
)
# The US order, also used by Chinese ASP sites; day first when the first number cannot be a month;
# a two-digit year only with the time after it ("10/9/10 7:15 AM EDT", Politico).
_SLASHED = re.compile(
    rf"(?<![\d/])(?P<m>\d{{1,2}})/(?P<d>\d{{1,2}})/(?:{_YEAR.format(name='y')}"
    r"|(?P<yy>\d\d)(?![\d/])(?=\s+\d{1,2}:\d\d))"
    rf"{_THEN_CLOCK}"  # "05/04/2013 à 17:08"
)
# North American and European zones as English pages print them; "PT" is -7 in summer.
_ZONES = {"GMT": 0, "UTC": 0, "BST": 1, "CET": 1, "CEST": 2}
_US_ZONES = {"E": -5, "C": -6, "M": -7, "P": -8}


class Named(NamedTuple):
    """One date found in a text: the moment, where it starts, and what the page printed."""

    moment: datetime
    start: int
    has_time: bool
    has_zone: bool


def named_dates(text: str, zone: tzinfo) -> list[Named]:
    """Every date in ``text`` written with a month name, else day-first with dots, else with
    slashes; times without a zone are read in ``zone``."""
    for pattern in (_NAMED, _DOTTED, _SLASHED):
        found = [
            Named(moment, match.start(), bool(match["H"]), bool(match["zone"]))
            for match in pattern.finditer(text or "")
            if (moment := _moment(match, zone))
        ]
        if found:
            return found
    return []


def _moment(match: re.Match[str], zone: tzinfo) -> datetime | None:
    """The match as a datetime, with its 12- or 24-hour clock and its printed zone."""
    groups = match.groupdict()
    name = groups.get("mon") or groups.get("mon2")
    month = MONTHS.get(name.lower()) if name else int(groups["m"])
    day = int(groups.get("d") or groups.get("d2") or 0)
    if not name and month and month > 12 >= day:  # 28/12/2013: the day came first
        month, day = day, month
    hour = int(groups["H"] or 0)
    ampm = (groups.get("ampm") or "").lower().replace(".", "")
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    year = groups.get("y") or groups.get("y2")
    short = groups.get("yy")  # "25.04.24": this century's
    try:
        moment = datetime(
            int(year) if year else 2000 + int(short) if short else 0,
            month or 0,
            day,
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
