"""Times printed without a zone are read in the zone of the page's declared language."""

from datetime import datetime, timedelta

import lxml.html
import pytest

from archiver.extract.dates import parse_tz
from archiver.extract.page import parse_article_page
from archiver.extract.rules import SiteRules
from archiver.extract.zones import language_zone, page_zone


@pytest.mark.parametrize(
    ("language", "url", "zone"),
    [
        ("de", "https://www.heise.de/x", "Europe/Berlin"),
        ("de-AT", "", "Europe/Vienna"),
        ("en-US", "", "America/New_York"),
        ("en_GB", "", "Europe/London"),
        ("en", "https://www.example.co.uk/a", "Europe/London"),
        ("en", "https://www.wired.com/a", "America/New_York"),
        # an American paper named after its city prints that city's time (seattletimes-1)
        ("en-US", "https://www.seattletimes.com/business/a/", "America/Los_Angeles"),
        ("en", "https://www.chicagotribune.com/a", "America/Chicago"),
        ("en", "https://www.denverpost.com/a", "America/Denver"),
        ("en-GB", "https://www.seattle.co.uk/a", "Europe/London"),
        # a WordPress en-US on a site named after another country (timesofisrael-1)
        ("en-US", "https://www.timesofisrael.com/a/", "Asia/Jerusalem"),
        ("en", "https://www.straitstimes.com/a", "Asia/Singapore"),
        ("en", "https://world.kbs.co.kr/service/news_view.htm", "Asia/Seoul"),  # kbs-world-1
        ("ja", "", "Asia/Tokyo"),
        ("zh-CN", "", ""),
        ("zh", "", ""),
        ("x-klingon", "", ""),
        ("", "", ""),
    ],
)
def test_language_names_the_zone(language, url, zone):
    assert language_zone(language, url) == zone


def test_a_chinese_page_left_at_lang_en_stays_in_beijing_time():
    root = lxml.html.fromstring(
        '<html lang="en"><head><title>宁德时代发布新电池</title></head></html>'
    )
    assert page_zone(root) == ""


@pytest.mark.parametrize(
    ("title", "zone"),
    [
        ("[단독] 차기 서울중앙지검장, 이창수 거론", "Asia/Seoul"),  # daum-news-1: no <html lang>
        ("ゴールデンウィークにおける注意喚起", "Asia/Tokyo"),
        ("Lithium aus dem Schredder", ""),
    ],
)
def test_a_page_declaring_no_language_is_korean_or_japanese_by_its_titles_script(title, zone):
    root = lxml.html.fromstring(f"<head><title>{title}</title></head><body><p>x</p></body>")
    assert page_zone(root) == zone


def test_og_locale_counts_when_html_declares_nothing():
    root = lxml.html.fromstring(
        '<html><head><meta property="og:locale" content="fr_FR"><title>Batteries</title></head>'
        "</html>"
    )
    assert page_zone(root) == "Europe/Paris"


def test_zone_names_carry_summer_time():
    berlin = parse_tz("Europe/Berlin")
    assert datetime(2019, 6, 20, 7, 30, tzinfo=berlin).utcoffset() == timedelta(hours=2)
    assert datetime(2019, 1, 20, 7, 30, tzinfo=berlin).utcoffset() == timedelta(hours=1)
    with pytest.raises(ValueError, match="unknown timezone"):
        parse_tz("Europe/Atlantis")


ARTICLE = """<html lang="{lang}"><head><title>Lithium aus dem Schredder</title>
<meta name="date" content="2019-06-20T07:30:00"></head><body><article>
<h1>Lithium aus dem Schredder</h1><p>20.06.2019 07:30 Uhr</p>
<p>{text}</p><p>{text}</p><p>{text}</p></article></body></html>"""
TEXT = "Alte Akkus werden zerkleinert, und aus dem Granulat gewinnt man Lithium zurück. " * 4


@pytest.mark.parametrize(
    ("lang", "timezone", "offset"),
    [("de", "", 2), ("zh-CN", "", 8), ("de", "+08:00", 8)],
)
def test_printed_time_of_a_german_page_is_berlin_time(lang, timezone, offset):
    """Unless the site definition (or -a timezone) names a zone: then that one."""
    rules = SiteRules(
        site="x",
        name="",
        layouts=(),
        article_urls=(),
        timezone=timezone,
        zone_by_language=not timezone,
    )
    page = parse_article_page(ARTICLE.format(lang=lang, text=TEXT), "https://www.heise.de/a", rules)
    assert page is not None and page.published is not None
    assert page.published.utcoffset() == timedelta(hours=offset)
    assert page.published.replace(tzinfo=None) == datetime(2019, 6, 20, 7, 30)


@pytest.mark.parametrize("lang", ["de", "zh-CN"])
def test_a_meta_time_that_calls_the_printed_wall_clock_utc_is_a_zone_slip(lang):
    """golem-1, cnet-de-1: the page prints 14:26 and its JSON-LD says 14:26Z. Sites print
    their readers' local time; a CMS that labels it UTC slipped, so the printed time stands."""
    html = ARTICLE.format(lang=lang, text=TEXT).replace(
        '<meta name="date" content="2019-06-20T07:30:00">',
        '<meta name="date" content="2019-06-20T07:30:00Z">',
    )
    rules = SiteRules(site="x", name="", layouts=(), article_urls=())
    page = parse_article_page(html, "https://www.golem.de/a", rules)
    assert page is not None and page.published is not None
    assert page.published.replace(tzinfo=None) == datetime(2019, 6, 20, 7, 30)
    assert page.published.utcoffset() == timedelta(hours=2 if lang == "de" else 8)


def test_a_time_element_stating_metas_moment_for_the_printed_time_is_no_zone_slip():
    """debian-forum-1 (opendatalab/magic-html, Apache-2.0) declares no language and prints
    "<time datetime=…16:01:46+00:00>2024-04-10 16:01</time>": the board tells its time in
    UTC. A CMS whose element says UTC where meta does not (netzpolitik.org) still slipped."""
    rules = SiteRules(site="x", name="", layouts=(), article_urls=())
    for element, meta, expected in (
        ("2024-04-10T16:01:46+00:00", "", "2024-04-10T16:01:46+00:00"),
        ("2024-04-10T16:01:46+00:00", "2024-04-10T16:01:46+02:00", "2024-04-10T16:01:46+02:00"),
    ):
        declared = f'<meta property="article:published_time" content="{meta}">' if meta else ""
        html = (
            f"<html><head><title>Auto-rebuild code on package upgrade</title>{declared}</head>"
            "<body><h1>Auto-rebuild code on package upgrade</h1><p>by kikinder » <time "
            f'datetime="{element}">2024-04-10 16:01</time></p><p>{TEXT}</p></body></html>'
        )
        page = parse_article_page(html, "https://forums.example.net/viewtopic.php?t=1", rules)
        assert page is not None and page.published is not None
        assert page.published.isoformat() == expected, meta


def test_european_and_asian_languages_beyond_the_largest_have_their_zones():
    # fundus's Morgunbladid page (lang="is"): "11.2.2025 | 23:55" was read as Beijing time
    assert language_zone("is") == "Atlantic/Reykjavik"
    assert language_zone("lt") == "Europe/Vilnius"
    assert language_zone("el") == "Europe/Athens"
    assert language_zone("en", "https://www.example.co.ke/a") == "Africa/Nairobi"
