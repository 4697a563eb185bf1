"""Metadata of Chinese article pages: times with their hour and zone, bylines, sources, tags.

Each page is a small copy of a real portal pattern (header line, footer credits, navigation
date, picture credits) so the cascade is tested where it goes wrong in practice.
"""

from __future__ import annotations

from datetime import datetime, timezone

import lxml.html
import pytest

from archiver.extract.dates import to_rfc1123
from archiver.extract.metadata import extract_metadata
from archiver.extract.published import extract_published
from archiver.extract.regions import Regions

NOW = datetime(2024, 3, 10, 12, 0, tzinfo=timezone.utc)


def meta_of(html: str, tz: str = "+08:00"):
    return extract_metadata(
        lxml.html.fromstring(html), "https://news.example.cn/a/1.html", tz=tz, now=NOW
    )


def page(head: str = "", body: str = "") -> str:
    return f"<html><head><meta charset='utf-8'>{head}</head><body>{body}</body></html>"


PORTAL = page(
    "<title>国产光刻机交付在即_新浪科技_新浪网</title>"
    "<meta name='keywords' content='光刻机,半导体，国产替代;芯片'>",
    "<div class='nav'>今天是2024年03月10日 星期日 <a href='/'>首页</a></div>"
    "<h1>国产光刻机交付在即</h1>"
    "<div class='info'><span>2022年07月20日 13:47</span> "
    "<span>来源：<a href='#'>新浪科技</a></span>"
    " <span>作者：记者 张华</span></div>"
    "<p>据多位产业链人士透露，国产光刻机已完成客户端验证。</p>"
    "<p>资料图（图片来源：视觉中国）</p>"
    "<p>业内人士指出，28纳米是应用最广泛的成熟制程之一。</p>"
    "<p>责任编辑：王小明_NN1234</p>",
)


def test_portal_header_line_gives_time_source_author_editor_and_tags():
    meta = meta_of(PORTAL)
    assert meta.title == "国产光刻机交付在即"
    assert (
        to_rfc1123(meta.published) == "Wed, 20 Jul 2022 05:47:00 GMT"
    )  # Beijing time, not the nav date
    assert meta.source == "新浪科技"  # not the picture credit
    assert meta.author == "张华"  # 记者 is a title, not a name
    assert meta.editor == "王小明"  # without the staff code
    assert meta.tags == ["光刻机", "半导体", "国产替代", "芯片"]


def test_labelled_publication_time_wins_over_other_dates_and_keeps_seconds():
    html = page(
        body=(
            "<div>成文日期：2026年11月8日</div>"
            "<div>发布时间：2026-11-12 18:00:05 来源： 商务部网站</div>"
            "<p>为贯彻落实党中央、国务院决策部署，现提出以下措施。</p>"
        )
    )
    meta = meta_of(html)
    assert to_rfc1123(meta.published) == "Thu, 12 Nov 2026 10:00:05 GMT"
    assert meta.source == "商务部网站"


def test_a_forum_posts_footer_labels_its_time_without_a_colon():
    # bbs-netease-2005-1: "〓 网易文化 发布时间 2005/05/17 22:11:42 by 眉间尺 〓" under the post,
    # in a page whose post the body could not be told apart in (its header region is prose)
    prose = "阿萨亚斯也是法国《电影手册》的编辑，他从小到大都受着新浪潮的影响。" * 8
    text = f"{prose} 〓 网易文化 新文学 发布时间 2005/05/17 22:11:42 by 眉间尺 〓 无聊"
    regions = Regions(text=text, header=prose, footer="")
    root = lxml.html.fromstring(f"<html><body><p>{text}</p></body></html>")
    published = extract_published(root, {}, regions, "Asia/Shanghai")
    assert to_rfc1123(published) == "Tue, 17 May 2005 14:11:42 GMT"


def test_the_pages_own_zone_wins_and_the_site_zone_applies_otherwise():
    with_zone = page(
        "<meta property='article:published_time' content='2022-07-20T13:47:00.000+02:00'>"
    )
    assert to_rfc1123(meta_of(with_zone).published) == "Wed, 20 Jul 2022 11:47:00 GMT"
    plain = page(body="<h1>标题</h1><p>2022-07-20 13:47 来源：IT之家</p>")
    assert to_rfc1123(meta_of(plain).published) == "Wed, 20 Jul 2022 05:47:00 GMT"
    assert to_rfc1123(meta_of(plain, tz="+00:00").published) == "Wed, 20 Jul 2022 13:47:00 GMT"
    beijing = page(body="<p>2022-07-20 13:47（北京时间）</p>")
    assert to_rfc1123(meta_of(beijing, tz="+00:00").published) == "Wed, 20 Jul 2022 05:47:00 GMT"


def test_a_day_only_meta_date_takes_its_hour_from_the_page():
    html = page(
        "<meta name='pubdate' content='2022-07-20'>",
        "<p>2024-03-10</p><p>2022/07/20 13:47:05 来源：中关村在线</p>",
    )
    assert to_rfc1123(meta_of(html).published) == "Wed, 20 Jul 2022 05:47:05 GMT"


def test_json_ld_comes_first_but_the_byline_shown_on_the_page_names_the_author():
    # SPEC: the author is the byline shown on the page; a JSON-LD author the page does not
    # print is the account that posted it (japannews-1), and is taken only when none is shown
    def html(byline: str) -> str:
        return page(
            '<script type=\'application/ld+json\'>{"@type": "NewsArticle", "headline": "LD 标题",'
            ' "datePublished": "2022-07-20T05:47:00Z", "author": [{"@type": "Person", "name":'
            ' "周然"}], "keywords": ["机器人", "家电"]}</script>',
            f"<h1>别的标题</h1><p>2022-07-20 13:47 {byline}</p>",
        )

    meta = meta_of(html("作者：别人"))
    assert (meta.title, meta.author, meta.tags) == ("LD 标题", "别人", ["机器人", "家电"])
    assert meta_of(html("来源：本站")).author == "周然"
    assert to_rfc1123(meta.published) == "Wed, 20 Jul 2022 05:47:00 GMT"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3小时前", "Sun, 10 Mar 2024 09:00:00 GMT"),
        ("昨天 10:30", "Sat, 09 Mar 2024 02:30:00 GMT"),
        ("03-09 08:15", "Sat, 09 Mar 2024 00:15:00 GMT"),
    ],
)
def test_relative_and_yearless_times(text, expected):
    html = page(
        body=f"<h1>快讯</h1><span class='time'>{text}</span><p>某公司宣布完成新一轮融资。</p>"
    )
    assert to_rfc1123(meta_of(html).published) == expected


def test_wechat_reposts_name_the_account_and_the_author():
    html = page(
        body=(
            "<p>2026-11-15 11:20 · 关注</p>"
            "<p>本文来自微信公众号：消费观察者 （ID：xfgcz），作者：林木，"
            "题图来自：视觉中国</p><p>如果你最近常去写字楼附近的咖啡店，大概会发现一个现象。</p>"
        )
    )
    meta = meta_of(html)
    assert (meta.source, meta.author) == ("消费观察者", "林木")


def test_reporter_without_a_colon_and_not_in_running_text():
    assert (
        meta_of(
            page(body="<p>来源：人民网－人民日报 本报记者 刘洋</p><p>眼下正值秋粮收购关键期。</p>")
        ).author
        == "刘洋"
    )
    assert (
        meta_of(page(body="<p>新华社北京11月7日电（记者周圆）海关总署发布数据。</p>")).author
        == "周圆"
    )
    assert meta_of(page(body="<p>记者从有关部门获悉，收购进度已经过半。</p>")).author == ""


def test_credits_that_are_not_the_articles_source_are_ignored():
    html = page(
        body=(
            "<p>配图来源：品牌官方</p><p>本文属于原创文章，如若转载，请注明来源：轻薄本也能打3A？</p>"
            "<p>【纠错】【责任编辑:DF380】</p>"
        )
    )
    meta = meta_of(html)
    assert (meta.source, meta.editor) == ("", "")


def test_labels_run_together_without_spaces():
    html = page(
        body="<p>2026年11月20日 15:32来源：东方财富研究中心作者：李明 评论(86)</p><p>责编：问舟</p>"
    )
    meta = meta_of(html)
    assert (meta.source, meta.author, meta.editor) == ("东方财富研究中心", "李明", "问舟")


def test_keywords_split_on_spaces_only_when_there_is_no_other_separator():
    assert meta_of(page("<meta name='keywords' content='AI 芯片 大模型'>")).tags == [
        "AI",
        "芯片",
        "大模型",
    ]
    assert meta_of(page("<meta name='keywords' content='machine learning, 机器人'>")).tags == [
        "machine learning",
        "机器人",
    ]


def test_no_date_anywhere_gives_none():
    assert meta_of(page(body="<h1>标题</h1><p>没有日期的页面。</p>")).published is None


def test_the_pages_calendar_is_not_a_publication_date_but_the_url_is():
    top_bar = "<div class='top'>今天是2024年03月20日 星期三 <a href='/login'>登录</a></div>"
    undated = page(
        body=f"{top_bar}<h1>标题</h1><p>本报记者 李强</p><p>记者从多地获悉，算力枢纽建设加快。</p>"
    )
    assert meta_of(undated).published is None
    lunar = "<ul class='left-links'><li>2024年05月28日</li><li>农历：甲辰年 四月 廿一</li></ul>"
    assert meta_of(undated.replace(top_bar, lunar)).published is None  # dugushici-1
    paper = extract_metadata(
        lxml.html.fromstring(undated), "http://paper.ce.cn/pc/content/202611/13/content_1.html"
    )
    assert (
        to_rfc1123(paper.published) == "Thu, 12 Nov 2026 16:00:00 GMT"
    )  # the day in the URL, Beijing time
    timed = page(body=f"{top_bar}<p>2024-03-15 10:30 来源：示例科技网</p>")
    dated = extract_metadata(
        lxml.html.fromstring(timed), "https://www.example-news.cn/news/2024/03/15/a1.html"
    )
    assert (
        to_rfc1123(dated.published) == "Fri, 15 Mar 2024 02:30:00 GMT"
    )  # the URL's day, the page's time


def test_a_date_printed_just_above_the_title_gives_the_time():
    """A blog theme sets the post's date in spans above its title (pixnet); meta has the day."""
    html = page(
        "<title>新竹尖石_美樹營地賞楓 (2) @ 史蒂文的家 :: 痞客邦</title>"
        "<meta property='article:published_time' content='2013-12-28'>",
        "<ul class='article-head'><li class='publish'><span class='month'>Dec </span>"
        "<span class='date'>28 </span><span class='day'>Sat </span><span class='year'>2013 "
        "</span><span class='time'>00:28</span></li><li class='title'><h2>新竹尖石_美樹營地賞楓 (2)"
        "</h2></li></ul><p>這次到美樹營地賞楓，楓紅正美，營地主人也很親切，大家都玩得非常開心。</p>",
    )
    assert meta_of(html).published.isoformat() == "2013-12-28T00:28:00+08:00"


def test_an_element_marked_as_the_author_in_the_header_is_the_byline():
    html = page(
        "<title>The Forensics Of React Server Components</title>",
        "<div class='sidebar'><a class='author-name' href='/a/x'>Popular Writer</a></div>"
        "<h1>The Forensics Of React Server Components</h1>"
        "<ul class='meta'><li class='meta-item__author'><a href='/author/ln'>Lazar Nikolov</a>"
        "</li><li><time datetime='2024-05-09T10:00:00Z'>May 9, 2024</time></li></ul>"
        "<p>In this article, we look deeply at React Server Components and their cost.</p>"
        "<div class='comments'><span class='comment-author'>Someone Else</span>"
        "<p>Great read, thanks for writing it up in such detail.</p></div>",
    )
    assert meta_of(html).author == "Lazar Nikolov"  # not the sidebar's, not the comment's


def test_a_wire_reporter_line_beats_the_agency_json_ld_credits():
    html = page(
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "外贸向好",'
        ' "author": {"@type": "Organization", "name": "新华社"}}</script>',
        "<h1>外贸向好</h1><div class='src'>新华社</div>"
        "<p>新华社北京5月9日电 题：外贸向好</p><p>新华社记者邹多为、唐诗凝</p>"
        "<p>9日，海关总署发布最新数据，前4个月我国货物贸易进出口总值同比增长。</p>",
    )
    assert meta_of(html).author == "邹多为、唐诗凝"


def test_a_qa_page_takes_its_question_as_the_article():
    html = page(
        '<script type="application/ld+json">{"@type": "QAPage", "headline": "用户内容检测",'
        ' "mainEntity": {"@type": "Question", "name": "用户内容检测",'
        ' "author": {"@type": "Person", "name": "Emin"}}}</script>',
        "<h1>用户内容检测</h1><p>介绍一个用于检测用户发布内容的扩展，支持图片与文本的审核。</p>",
    )
    assert meta_of(html).author == "Emin"


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("2004年7月16日08:19 [ 黄宇 ]\ue5c2 来源：[ 国际金融报 ]", "黄宇"),  # GBK's odd space
        ("（作者：方敏北京大学经济学院教授）", "方敏"),
        ("（作者：李强中国社会科学院研究员）", "李强"),
        ("由海姑娘张贴 @ 2005-06-14 03:25:55", "海姑娘"),
    ],
)
def test_old_portal_blog_and_theory_page_bylines(line, author):
    html = page(
        "<title>劳伦斯：一个无法定义的洛克菲勒</title>",
        f"<h1>劳伦斯：一个无法定义的洛克菲勒</h1>"
        f"<p>{line}</p><p>他是一个影响卓著的巨型财团继承人，也是现代风险投资的开拓者。</p>",
    )
    assert meta_of(html).author == author


def test_a_forum_handle_the_page_marks_as_the_author_is_kept_and_the_editor_meta_is_not():
    forum = page(
        "<title>Ruby：极致的脚本语言</title>",
        "<h1>Ruby：极致的脚本语言</h1><div class='info'><a data-author='true' class='user-name'"
        " href='/zzz6519003'>zzz6519003</a> · 1 月前 · 1350 次阅读</div>"
        "<p>Ruby 的许多特性强烈地偏向对脚本语言的良好支持，几乎在任何方面都适合作为脚本语言。</p>",
    )
    assert meta_of(forum).author == "zzz6519003"
    edited = page(
        '<title>Economy grows</title><meta name="editor" content="郭凯">'
        '<meta name="author" content="郭凯">',
        "<h1>Economy grows</h1><p>The economy grew faster than expected in the first quarter.</p>",
    )
    assert meta_of(edited).author == ""  # the CMS put its editor in the author tag
