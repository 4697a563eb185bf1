"""The zone of the times a page prints without one, from the language the page declares.

A German page's "20.06.2019 07:30" is Berlin time and an American page's "7:00 AM" is most
likely New York's; reading them as Beijing time (the archive's default, right for Chinese
sites) puts them hours off. The page's ``<html lang>``, ``content-language`` or ``og:locale``
names a language and often a region; a bare language takes the region of the host's country
code (``en`` on a ``.co.uk`` host is British, on a ``.co.kr`` host Korean). Chinese pages (by
their title: some templates declare ``lang="en"``) name none: the archive's
``ARCHIVE_TIMEZONE`` decides, as for every page that declares nothing.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from lxml import etree

# Region (ISO 3166) to the zone most of its media print in.
_REGION_ZONES = {
    "us": "America/New_York",
    "ca": "America/Toronto",
    "mx": "America/Mexico_City",
    "br": "America/Sao_Paulo",
    "ar": "America/Argentina/Buenos_Aires",
    "gb": "Europe/London",
    "uk": "Europe/London",
    "ie": "Europe/Dublin",
    "pt": "Europe/Lisbon",
    "es": "Europe/Madrid",
    "fr": "Europe/Paris",
    "be": "Europe/Brussels",
    "nl": "Europe/Amsterdam",
    "de": "Europe/Berlin",
    "at": "Europe/Vienna",
    "ch": "Europe/Zurich",
    "it": "Europe/Rome",
    "dk": "Europe/Copenhagen",
    "se": "Europe/Stockholm",
    "no": "Europe/Oslo",
    "fi": "Europe/Helsinki",
    "pl": "Europe/Warsaw",
    "cz": "Europe/Prague",
    "ru": "Europe/Moscow",
    "ua": "Europe/Kiev",
    "tr": "Europe/Istanbul",
    "il": "Asia/Jerusalem",
    "in": "Asia/Kolkata",
    "sg": "Asia/Singapore",
    "my": "Asia/Kuala_Lumpur",
    "th": "Asia/Bangkok",
    "vn": "Asia/Ho_Chi_Minh",
    "id": "Asia/Jakarta",
    "ph": "Asia/Manila",
    "jp": "Asia/Tokyo",
    "kr": "Asia/Seoul",
    "tw": "Asia/Taipei",
    "hk": "Asia/Hong_Kong",
    "au": "Australia/Sydney",
    "nz": "Pacific/Auckland",
    "za": "Africa/Johannesburg",
    "is": "Atlantic/Reykjavik",
    "gr": "Europe/Athens",
    "hu": "Europe/Budapest",
    "ro": "Europe/Bucharest",
    "bg": "Europe/Sofia",
    "lt": "Europe/Vilnius",
    "lv": "Europe/Riga",
    "ee": "Europe/Tallinn",
    "hr": "Europe/Zagreb",
    "sk": "Europe/Bratislava",
    "si": "Europe/Ljubljana",
    "rs": "Europe/Belgrade",
    "lu": "Europe/Luxembourg",
    "pk": "Asia/Karachi",
    "bd": "Asia/Dhaka",
    "eg": "Africa/Cairo",
    "ng": "Africa/Lagos",
    "ke": "Africa/Nairobi",
    "ae": "Asia/Dubai",
}
# An "American English" site named after another country prints that country's time (the
# Times of Israel's WordPress says en-US); matched in the host name, the first that matches.
_HOST_COUNTRY_ZONES = (
    (re.compile(r"israel|jpost|haaretz"), "Asia/Jerusalem"),
    (re.compile(r"japan|tokyo"), "Asia/Tokyo"),
    (re.compile(r"korea|seoul"), "Asia/Seoul"),
    (re.compile(r"india|hindustan|mumbai|delhi"), "Asia/Kolkata"),
    (re.compile(r"singapore|straitstimes"), "Asia/Singapore"),
    (re.compile(r"bangkok|thailand"), "Asia/Bangkok"),
    (re.compile(r"taipei|taiwan"), "Asia/Taipei"),
    (re.compile(r"hongkong|scmp"), "Asia/Hong_Kong"),
    (re.compile(r"philippine|manila"), "Asia/Manila"),
    (re.compile(r"jakarta|indonesia"), "Asia/Jakarta"),
    (re.compile(r"pakistan|karachi"), "Asia/Karachi"),
    (re.compile(r"dubai|gulfnews|khaleej"), "Asia/Dubai"),
    (re.compile(r"nigeria|lagos"), "Africa/Lagos"),
    (re.compile(r"kenya|nairobi"), "Africa/Nairobi"),
    (re.compile(r"australia|sydney|melbourne"), "Australia/Sydney"),
    (re.compile(r"zealand"), "Pacific/Auckland"),
    (re.compile(r"canada|toronto"), "America/Toronto"),
    (re.compile(r"ireland|irish"), "Europe/Dublin"),
    (re.compile(r"london|scotsman|scotland"), "Europe/London"),
)
# An American site named after its city or state prints that city's time, not New York's
# ("seattletimes.com": Pacific); matched in the host name, the first that matches wins.
_US_CITY_ZONES = (
    (
        re.compile(
            r"seattle|latimes|losangeles|sfgate|sfchronicle|sfexaminer|mercurynews|sacbee"
            r"|sandiego|ocregister|oregon|portland|geekwire|lasvegas|reviewjournal|spokesman"
        ),
        "America/Los_Angeles",
    ),
    (re.compile(r"azcentral|phoenix|tucson"), "America/Phoenix"),
    (re.compile(r"denver|sltrib|deseret|abqjournal|idahostatesman"), "America/Denver"),
    (
        re.compile(
            r"chicago|dallas|houston|chron\.|texastribune|startribune|stltoday|kansascity"
            r"|nola\.|jsonline|tennessean"
        ),
        "America/Chicago",
    ),
    (re.compile(r"honolulu|staradvertiser|hawaii"), "Pacific/Honolulu"),
)
# A language declared without a region: the region most of its pages come from.
_LANGUAGE_REGIONS = {
    "en": "us",
    "de": "de",
    "fr": "fr",
    "es": "es",
    "pt": "pt",
    "it": "it",
    "nl": "nl",
    "da": "dk",
    "sv": "se",
    "nb": "no",
    "nn": "no",
    "no": "no",
    "fi": "fi",
    "pl": "pl",
    "cs": "cz",
    "ru": "ru",
    "uk": "ua",
    "tr": "tr",
    "he": "il",
    "hi": "in",
    "th": "th",
    "vi": "vn",
    "id": "id",
    "ms": "my",
    "ja": "jp",
    "ko": "kr",
    "is": "is",
    "el": "gr",
    "hu": "hu",
    "ro": "ro",
    "bg": "bg",
    "lt": "lt",
    "lv": "lv",
    "et": "ee",
    "hr": "hr",
    "sk": "sk",
    "sl": "si",
    "sr": "rs",
    "lb": "lu",
    "ur": "pk",
    "bn": "bd",
}
_HAN = re.compile(r"[\u4e00-\u9fff]")
_KANA_RANGE, _HANGUL_RANGE = "\u3040-\u30ff", "\uac00-\ud7af"
_KANA = re.compile(f"[{_KANA_RANGE}]")
_HANGUL = re.compile(f"[{_HANGUL_RANGE}]")
_KANA_HANGUL = re.compile(f"[{_KANA_RANGE}{_HANGUL_RANGE}]")
_TAG = re.compile(r"([a-z]{2,3})(?:[-_](?:[a-z]{4}[-_])?([a-z]{2}))?", re.I)


def declared_language(root: etree._Element) -> str:
    """The page's language tag: ``<html lang>``, ``content-language``, else ``og:locale``."""
    if root.tag == "html" and root.get("lang", "").strip():
        return root.get("lang", "").strip()
    found = root.xpath(
        "//meta[translate(@http-equiv, 'CONTENTLAGU', 'contentlagu')='content-language']/@content"
        " | //meta[@property='og:locale']/@content"
    )
    return str(found[0]).strip() if found else ""


def language_zone(language: str, url: str = "") -> str:
    """The zone a language tag implies (``de-AT``: Europe/Vienna, ``en`` on a .co.uk host:
    Europe/London, on .kr: Asia/Seoul; American English on a host naming another country or
    an American city: that place's zone); '' for Chinese, for an unknown language, or when
    nothing is declared."""
    match = _TAG.fullmatch(language.strip().split(",")[0].strip())
    if not match or match[1].lower() == "zh":
        return ""
    lang, region = match[1].lower(), (match[2] or "").lower()
    host = (urlsplit(url).hostname or "").lower()
    if not region:
        tld = host.rsplit(".", 1)[-1]
        region = tld if tld in _REGION_ZONES else _LANGUAGE_REGIONS.get(lang, "")
    if region == "us":
        named = (zone for place, zone in _HOST_COUNTRY_ZONES + _US_CITY_ZONES if place.search(host))
        return next(named, _REGION_ZONES[region])
    return _REGION_ZONES.get(region, "")


def page_zone(root: etree._Element, url: str = "") -> str:
    """The zone of the times ``root`` prints without one, from its declared language; ''
    for a page whose title is Chinese whatever it declares (templates left at lang="en").
    A page that declares none is Korean or Japanese by its title's script."""
    title = root.findtext(".//title") or ""
    if len(_HAN.findall(title)) >= 2 and not _KANA_HANGUL.search(title):
        return ""
    language = declared_language(root)
    if not language:
        if len(_HANGUL.findall(title)) >= 2:
            language = "ko"
        elif len(_KANA.findall(title)) >= 2:
            language = "ja"
    return language_zone(language, url)
