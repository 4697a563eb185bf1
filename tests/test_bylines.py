"""Bylines, editors and sources as real pages print them, in Chinese and English.

Each page is a cut-down copy of a real pattern from `tests/fixtures/realworld/` (the page is
named in the test), kept to the markup and text around the article that the rule reads.
"""

from __future__ import annotations

import lxml.html
import pytest

from archiver.extract import bylines, credits, names
from archiver.extract.metadata import extract_metadata


def meta_of(html: str, url: str = "https://news.example.cn/a/1.html", body=None):
    return extract_metadata(lxml.html.fromstring(html), url, body_lines=body)


def page(head: str, body: str) -> str:
    return f"<html><head><meta charset='utf-8'>{head}</head><body>{body}</body></html>"


def test_a_correspondents_byline_line_in_the_middle_of_the_body():
    # bbc-1: a second part of the story, "By Nada Tawfik, BBC News, New York", under a crosshead
    lines = [
        "New York City has begun burying unclaimed bodies in mass graves on Hart Island.",
        "A city upended",
        "By Nada Tawfik, BBC News, New York",
        "The coronavirus has changed everything about life, and now it's upending the rituals.",
    ]
    assert bylines.author_from_lines(lines, "New York ramps up mass burials") == "Nada Tawfik"


def test_a_json_ld_author_given_by_reference_to_a_person_in_the_graph():
    # mspoweruser-1 (Yoast SEO): "author": {"@id": "…#/schema/person/…"}, the Person elsewhere
    ld = (
        '{"@context": "https://schema.org", "@graph": [{"@type": "Article", "headline": "Stadia",'
        ' "author": {"@id": "https://x.com/#/schema/person/b99"}},'
        ' {"@type": ["Person"], "@id": "https://x.com/#/schema/person/b99",'
        ' "name": "Lewis White"}]}'
    )
    html = page(
        f"<title>Stadia</title><script type='application/ld+json'>{ld}</script>",
        "<h1>Stadia</h1><p class='pppp'>by <a href='https://x.com/author/lewis-white/'>Lewis White"
        "</a></p><p>Google Stadia has had a rocky launch, with games not running at 60fps.</p>",
    )
    assert meta_of(html).author == "Lewis White"


def test_a_link_to_the_writers_profile_is_the_byline_but_a_tag_link_is_not():
    html = page(
        "<title>Stadia doesn't run at 60fps</title>",
        "<h1>Stadia doesn't run at 60fps</h1><p>by <a href='/author/lewis-white/'>Lewis White</a>"
        " Nov 19, 2019</p><p>Google Stadia has had a rocky launch, its games running badly.</p>",
    )
    assert meta_of(html).author == "Lewis White"
    tagged = page(  # pixnet-1: tag pages live under /blog/user/<name>/<tag>
        "<title>新竹尖石_美樹營地賞楓</title>",
        "<h1>新竹尖石_美樹營地賞楓</h1><p>玉峰道路一路上雲氣山嵐滯留山頭，順路下切蜿蜒道路。"
        "<a rel='tag' href='http://tags.example.net/blog/user/steven/%E7%8E%89'>玉峰道路</a></p>",
    )
    assert meta_of(tagged).author == ""


def test_posted_by_in_the_articles_footer():
    # v8-blog-1: the post's <footer> says "Posted by Alon Zakai."
    footer = "help is welcome! Posted by Alon Zakai. Retweet this article! Branding · Terms"
    assert bylines.author_from_footer(footer) == "Alon Zakai"


@pytest.mark.parametrize(
    ("header", "author"),
    [
        ("文丨王小明 编辑丨李华 2024-05-06 10:00", "王小明"),  # tech media's bar is U+4E28
        ("来源：网易科学人 作者︱春春 [责任编辑:肖春芳]", "春春"),  # gmw-tech-1's credits
        ("2024-05-06 澎湃新闻记者 王小明 实习生 李华", "王小明"),  # any outlet's reporter
        ("本报全媒体记者 张三 通讯员 李四", "张三"),
        ("【作者】王小明 【来源】人民网", "王小明"),
        ("作　者：王小明　来　源：新华网", "王小明"),  # an old page's spaced-out labels
        ("Posted on May 1, 2019 by Jane Doe", "Jane Doe"),
        ("Photo by Getty Images", ""),
        ("作者： 周思博 (Joel Spolsky) 译： Chen Bin 2005年1月2日", "周思博 (Joel Spolsky)"),
        ("楼主 zzz6519003 发表于 2024-05-06 15:47", "zzz6519003"),
        ("作者：宋怡 杨志华 我要说说 打印 推荐", "宋怡 杨志华"),  # auto-qianlong-2005-1's buttons
        # biz-163-2005-1: two reporters run together before the dateline
        ("本报记者罗科苏盈发自北京 2005-08-23", "罗科 苏盈"),
        ("本报记者欧阳晓明发自上海", "欧阳晓明"),  # a compound surname: one name
        ("本报记者陈方安生发自香港", "陈方安生"),  # a married name of two surnames: one name
        # dahe-1: an e-paper's links around the byline name nobody; "记者X/文" does
        (
            "第A04版：小记者训练营 在线荐稿 记者博客 联系记者 顶端新闻·河南商报记者马俊峰/文",
            "马俊峰",
        ),
    ],
)
def test_bylines_printed_between_the_title_and_the_body(header, author):
    html = page(
        "<title>国产光刻机交付在即</title>",
        f"<h1>国产光刻机交付在即</h1><div class='info'>{header}</div>"
        "<p>据多位产业链人士透露，国产光刻机已完成客户端验证，即将交付。</p>",
    )
    body = ["据多位产业链人士透露，国产光刻机已完成客户端验证，即将交付。"]
    assert meta_of(html, body=body).author == author


@pytest.mark.parametrize(
    ("footer", "author"),
    [
        ("……这就是全部经过。本文作者王小明，系某研究院研究员。", "王小明"),
        ("……以上是全文。编译丨李华 责任编辑：张三", "李华"),  # the compiler, when no writer
        ("……以上是全文。作者：王小明 编译：李华", "王小明"),  # the writer first
        ("本网讯 ◆记者 王小明 报道 这是第一段。", "王小明"),
        ("他告诉记者，经历了近十年的等待。", ""),  # 记者 in running text names nobody
        ("……共建清朗网络空间。(文/图 刘玺东 易赛楠)", "刘玺东 易赛楠"),  # not "图"
        ("……他一定会回来的。 采写：南都见习记者 林子沛", "林子沛"),  # not "南都见习"
        ("长江网10月4日讯（记者陈智 整合） 国庆中秋长假过半", "陈智"),  # who compiled it
        ("……请成为孩子们的导航员吧。 执笔人：闵乐夫 赵兰波 刘韬", "闵乐夫 赵兰波 刘韬"),
    ],
)
def test_signatures_closing_the_text(footer, author):
    assert bylines.author_from_footer(footer) == author


def test_an_empty_author_label_does_not_take_the_next_label():
    # gmw-tech-1: "作者：</span><span>责任编辑：肖春芳"
    assert bylines.author_from_header("来源： 网易科学人 作者： 责任编辑：肖春芳 翱翔于") == ""
    # cdp1998-2004-1: the template printed its input field's attribute, not a name
    printed = '孙丰：巴黎举行座谈会 作者： size="20" 来源： size="20" 发布日期： 9/17/2004'
    assert bylines.author_from_header(printed) == bylines.author_from_above(printed) == ""


def test_a_commentators_signature_drops_the_job_title():
    # xinhuanet-1: "…才有这座英雄的城！（评论员 罗博 萧海川）"
    closing = "正是有了英勇的你们，才有这座英雄的城！（评论员 罗博 萧海川）"
    assert bylines.author_from_footer(closing, closing) == "罗博 萧海川"


def test_a_blogs_owner_is_not_rejected_as_the_site_name():
    assert names.owner("张三的博客") == "张三"
    assert names.person("张三", {"张三的博客", "CSDN博客"}) == "张三"
    assert names.person("网易", {"网易新闻"}) == ""
    assert names.owner("Daniel Lemire's blog") == "Daniel Lemire"  # lemire-blog-1


@pytest.mark.parametrize(
    ("header", "source"),
    [
        ("土豆不“土” 土豆无“土” 2022-02-13 09:57 光明网 分享到 微信", "光明网"),  # cw-news-1
        ("积极因素不断增多 2024-05-09 22:30 · 新华社 新华社北京5月9日电", "新华社"),  # toutiao
        ("一夜暴富后如何经营 2005年03月21日 11:21 《理财周刊》 人生如戏。", "理财周刊"),
        ("脱发 报纸网 | 发布: 2021-1-29 13:18 | 点击: 313 | 来自: 互联网 很多人", ""),
        ("煮一碗腊八粥 举报/反馈 2021-01-20 04:29:44 39健康网 栏目关注：", "39健康网"),  # 39net-2
        ("我们相信：纸里包不住火。 转自《北京科技报》 [图片说明1：漫画/冷洁]", "北京科技报"),
        # netease-money-2015-4 and -5: the outlet that licensed a column, not its writer
        ("本文为百略网授权网易财经《亦观察》发布，转载请注明出处。", "百略网"),
        ("本文为康斯坦丁授权网易财经《亦观察》发布，转载请注明出处。", ""),
        # chinadaily-2: a byline row of cells (magic-html, Apache-2.0)
        (
            "fitness-conscious By Wang Xiaoyu | China Daily | Updated: 2024-05-13 09:08",
            "China Daily",
        ),
        ("By Wang Xiaoyu | Share | Print this page and read it later", ""),
    ],
)
def test_the_outlet_printed_by_the_time_and_stand_in_credits(header, source):
    assert (credits.extract_source(header) or credits.dated_source(header)) == source


def test_a_wire_storys_agency_and_the_site_name_the_title_agrees_with():
    assert credits.wire_source("Image Credit: WeWork ( Reuters ) — The New York State") == "Reuters"
    # vancouversun-1 (markusmobius/go-trafilatura, Apache-2.0) and globalnews-1
    # (adbar/htmldate, Apache-2.0) close a Reuters wire with its copyright; a photo's is not one
    for footer, agency in (
        ("carbon capture and storage,” Microsoft said. © Thomson Reuters 2020", "Reuters"),
        ("the official told Reuters. © 2020 Reuters Comments", "Reuters"),
        ("© AP Photo/Evan Vucci The president spoke on Monday.", ""),
        ("© 2020 Global News, a division of Corus Entertainment Inc.", ""),
    ):
        assert credits.wire_source("", footer) == agency, footer
    heise = page(  # heise-2: og:site_name is the section, the <title> and JSON-LD name the site
        "<title>Ionos-Phishing: Masche mit neuen EU-Richtlinien | heise online</title>"
        "<meta property='og:site_name' content='Security'>"
        '<script type=\'application/ld+json\'>{"@type": "NewsArticle",'
        ' "publisher": {"name": "heise online"}}</script>',
        "<h1>Ionos-Phishing: Masche mit neuen EU-Richtlinien</h1><p>Aktuell sehen es"
        " Cyberkriminelle auf Daten von Ionos-Kunden ab.</p>",
    )
    assert meta_of(heise, "https://www.heise.de/news/x.html").source == "heise online"
    ars = page(
        "<title>The connected renter: How to make your apartment smarter | Ars Technica</title>",
        "<h1>The connected renter: How to make your apartment smarter</h1>"
        "<p>Renters have fewer options for making a home smart, but there are some.</p>",
    )
    assert meta_of(ars, "https://arstechnica.com/gadgets/x/").source == "Ars Technica"


def test_a_source_element_further_down_the_page_is_a_related_list_not_the_credit():
    # mspoweruser-1: "<div class='source-related-article-header'>Read these next</div>"
    html = page(
        "<title>Stadia doesn't run at 60fps</title><meta property='og:site_name' content='MSPU'>",
        "<h1>Stadia doesn't run at 60fps</h1><p>Google Stadia has had a rocky launch, with its"
        " games not running at a stable 60fps.</p>" + "<p>More filler text.</p>" * 40 + ""
        "<div class='source-related-article-header'>Read these next</div>",
    )
    body = ["Google Stadia has had a rocky launch, with its games not running at a stable 60fps."]
    assert meta_of(html, body=body).source == "MSPU"


def test_the_articles_editor_before_the_platforms_disclaimer():
    # ifeng-1: the credits' "编辑 X", then the platform's statement and its own 责任编辑
    text = "作者 王之言 编辑 周褶褶 ｜ 排版 魏蔚 “特别声明：以上为用户上传 [责任编辑：杜智 PX209]"
    assert credits.extract_editor(text) == "周褶褶"
    # 163-1: both before any disclaimer: 责任编辑 is the editor in charge
    assert (
        credits.extract_editor("文/栗思 编辑/倪家宁 责任编辑：李曦_NN2587 特别声明：以上") == "李曦"
    )
    assert (
        credits.extract_editor("《光明日报》（ 2022年02月13日 02版） （松花江网编辑 孙桂芳）")
        == "孙桂芳"
    )
    # netease-money-2015-4: a column's credits give the editor's pen name, five characters
    credits_line = "出品： 网易财经中心商业频道 策划：杨顺霖 编辑：几乎不流浪 本文仅代表作者观点"
    assert credits.extract_editor(credits_line) == "几乎不流浪"
    assert credits.extract_editor("编辑：本网新闻中心 审核：李明") == ""


ARTICLE = "<p>据多位产业链人士透露，国产光刻机已完成客户端验证，即将交付。</p>"
LINE = "据多位产业链人士透露，国产光刻机已完成客户端验证，即将交付。"


def test_a_meta_author_the_page_credits_as_an_editor_is_not_the_writer():
    # southcn-1: <meta name="author" content="倪仕轩">; the page prints
    # "编辑：倪仕轩 责任编辑：杨格"
    html = page(
        "<title>美联储维持利率不变</title><meta name='author' content='倪仕轩'>",
        f"<h1>美联储维持利率不变</h1>{ARTICLE}<div>编辑：倪仕轩 责任编辑：杨格</div>",
    )
    meta = meta_of(html, body=[LINE])
    assert meta.author == "" and meta.editor == "杨格"


def test_a_meta_author_the_article_signs_off_with_is_the_writer_though_also_its_editor():
    # china-com-cn-2: "…掌声肯定。（郭旭）【责任编辑：郭旭】", <meta name="author" content="郭旭">
    html = page(
        "<title>古北水镇光之城推出</title><meta name='author' content='郭旭'>",
        "<h1>古北水镇光之城推出</h1><p>据多位产业链人士透露，国产光刻机已完成客户端验证，即将交付。"
        "（郭旭）</p><div>【责任编辑：郭旭】</div>",
    )
    meta = meta_of(html, body=[LINE + "（郭旭）"])
    assert meta.author == "郭旭" and meta.editor == "郭旭"


def test_the_name_inside_an_author_block_that_also_holds_the_time():
    # qdaily-1: <div class="author"><a class="avatar"><img></a><span class="name">X</span>
    # <span class="date">…</span></div>, its texts run together without spaces
    html = page(
        "<title>这个约会软件</title><meta property='og:site_name' content='好奇心日报'>",
        "<h2 class='title'>这个约会软件</h2><div class='author'><a class='avatar'><img src='a.png'>"
        "</a><span class='name'>谢若含</span><span class='date'>2017-03-01 14:27:02</span></div>"
        + ARTICLE,
    )
    assert meta_of(html, body=[LINE]).author == "谢若含"


def test_a_sentence_about_a_reporter_names_nobody():
    # qq-qq: the header, cut where the body starts, ends "…扬子晚报记者采访了原" (作者的家人。)
    header = "要知道，作曲家就曾在南京创作并生活多年，扬子晚报记者采访了原"
    assert bylines.author_from_header(header) == ""


def test_a_chinese_wire_dateline_and_a_picture_frame_that_names_no_source():
    # yahoo-hk-news-1: "（法新社羅馬19日電）" opens an AFP story on Yahoo's Hong Kong news
    assert credits.wire_source("（法新社羅馬19日電） 德國網球好手茲韋列夫今天") == "法新社"
    assert credits.wire_source("新华社北京5月9日电（记者邹伟）国务院总理") == "新华社"
    assert credits.wire_source("他说新华社的报道属实，记者9日电话联系了他") == ""
    # npr-1: <div class="imagewrap has-source-dimensions"> frames a picture: "Enlarge this image"
    html = page(
        "<title>How to journal | NPR</title><meta property='og:site_name' content='NPR'>",
        "<h1>How to journal</h1><div class='imagewrap has-source-dimensions'>"
        "<img src='/a.jpg'><a class='enlargelink' href='/a.jpg'>Enlarge this image</a></div>"
        "<p>Journaling can help you make sense of your days, experts say.</p>",
    )
    body = ["Journaling can help you make sense of your days, experts say."]
    assert meta_of(html, "https://www.npr.org/2024/05/10/journal", body=body).source == "NPR"


def test_a_japanese_sites_name_after_a_full_width_dash_and_json_ld_entities():
    # publickey-1: "<title>インテル、…SSDを実現 － Publickey</title>", no og:site_name;
    # techradar-1: JSON-LD's headline keeps "&#039;" entities
    html = page(
        "<title>インテル、1Uで容量1ペタバイトのSSDを発売 － Publickey</title>",
        "<h1>インテル、1Uで容量1ペタバイトのSSDを発売</h1>"
        "<p>インテルは容量1ペタバイトのSSDを発表しました。</p>",
    )
    meta = meta_of(html, "https://www.publickey1.jp/blog/19/x.html")
    assert meta.source == "Publickey" and meta.title == "インテル、1Uで容量1ペタバイトのSSDを発売"
    ld = (
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": '
        '"&#039;This new search box&#039;: Google&#039;s makeover"}</script>'
    )
    assert meta_of(page(ld, "<p>Google changed its search page.</p>")).title == (
        "'This new search box': Google's makeover"
    )


def test_every_person_of_a_json_ld_author_list_and_no_share_button():
    # apnews-1: "author": [{"name": "STEVE PEOPLES"}, {"name": "THOMAS BEAUMONT"}, …]; the
    # byline's share buttons follow its last name ("…THOMSON-DEVEAUX Share Share")
    ld = (
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Trump rally",'
        ' "author": [{"@type": "Person", "name": "STEVE PEOPLES"}, {"@type": "Person",'
        ' "name": "THOMAS BEAUMONT"}, {"@type": "Person", "name": "AMELIA THOMSON-DEVEAUX"}]}'
        "</script>"
    )
    html = page(ld, "<h1>Trump rally</h1><p>The former president spoke for two hours.</p>")
    assert meta_of(html).author == "STEVE PEOPLES, THOMAS BEAUMONT, AMELIA THOMSON-DEVEAUX"
    header = "By STEVE PEOPLES and AMELIA THOMSON-DEVEAUX Share Share Updated 4:03 AM"
    assert bylines.author_from_header(header) == "STEVE PEOPLES, AMELIA THOMSON-DEVEAUX"


def test_a_forum_posts_footer_names_its_poster_and_time():
    # netsh-bbs-2005-1 (乐趣园, 2005): "本贴由 大卫 于2005年8月12日16:12:21在〖 心灵体操 〗发表."
    html = page(
        "",
        "<p>爱的反面不是恨，爱的反面是冷漠。</p>"
        "<p>本贴由 大卫 于2005年8月12日16:12:21在〖 心灵体操（在线心理咨询） 〗发表.</p>",
    )
    meta = meta_of(
        html,
        "http://netsh.example.com/bbs/1/messages/2.html",
        body=["爱的反面不是恨，爱的反面是冷漠。"],
    )
    assert meta.author == "大卫"
    assert meta.published is not None and meta.published.isoformat() == "2005-08-12T16:12:21+08:00"


@pytest.mark.parametrize(
    ("printed", "names"),
    [
        # lemonde-1: <span itemprop="author" class="auteur"><a class="auteur">X</a> (avec Y et Z)
        (
            "Par Martin Untersinger (avec Damien Leloup et Morgane Tual)",
            "Martin Untersinger, Damien Leloup, Morgane Tual",
        ),
        # fundus's SRF page: a German byline joined by "und"
        ("Von Monika Bolliger und Anna Trechsel", "Monika Bolliger, Anna Trechsel"),
        # a label of the page's time, an outlet's initials after the name
        ("Von Malek Fouda Zuerst veröffentlicht am 12.03.2024", "Malek Fouda"),
        ("By Denis Dilba TR", "Denis Dilba"),
    ],
)
def test_european_bylines_give_every_person_and_nothing_after_them(printed, names):
    assert bylines.author_from_header(printed) == names


def test_a_signature_running_into_a_channel_menu_names_only_the_writer():
    # tywbw-1: "…服务计划。</p><p>记者 刘涛</p></div> … <h3>最新动态</h3> <h3>聚焦</h3>"
    footer = "……为其制定有针对性的服务计划。 记者 刘涛 最新动态 聚焦 两会"
    assert bylines.author_from_footer(footer, "") == "刘涛"
    assert names.person("张明超 樊亮") == "张明超 樊亮"  # two writers stay two


@pytest.mark.parametrize(
    ("printed", "name"),
    [
        # fundus's pages: what an author element holds around the name
        ("|Roman Warschauer", "Roman Warschauer"),  # Hessenschau: <span class="pipe">|</span>
        ("Emma Mackenzie Lifestyle Writer", "Emma Mackenzie"),  # TheMirror: a job-title span
        ("Sarah Lazare Twitter Today", "Sarah Lazare"),  # TheNation: a social link, the time
        ("Elena Oberholzer (obe)", "Elena Oberholzer"),  # NZZ: the writer's initials
        ("Corina Gall (cog.)", "Corina Gall"),  # NZZ: initials with a dot
        ("Jane Doe, Senior Editor", "Jane Doe"),
        ("Francesca Gariano, TODAY", "Francesca Gariano"),  # nbcnews-2: the outlet in capitals
        ("By", ""),  # DailyStar: the byline's label in its own element
        ("von APA", ""),  # SalzburgerNachrichten: an agency's initials are no person
        ("PA", ""),  # LRT: an avatar's initials
        ("网络整理", ""),  # ednchina (GeneralNewsExtractor's copy): "compiled from the web"
        ("SIDNachrichtenagentur", ""),  # LuxemburgerWort: an agency's name run into its label
        ("No Author", ""),  # physicsworld-1998-1: WordPress's stand-in, in meta and JSON-LD
        ("原文", ""),  # pinshiwen-1: a label ("原文赏析") is no name
        ("島田さん", ""),  # tabelog-magazine-1: "（島田さん）" closes a quote by the chef
    ],
)
def test_what_is_printed_around_a_name_is_no_part_of_it(printed, name):
    assert names.person(printed) == name


def test_json_ld_persons_given_only_by_given_and_family_name():
    # fundus's DerStandard page: "author": [{"@type": "Person", "familyName": "Baumann",
    # "givenName": "Birgit"}, …] with no "name"
    ld = (
        '<script type="application/ld+json">{"@type": "NewsArticle", "author": [{"@type": '
        '"Person", "familyName": "Baumann", "givenName": "Birgit"}, {"@type": "Person", '
        '"familyName": "Fink", "givenName": "Anna Giulia"}]}</script>'
    )
    html = page(ld, "<h1>Kalifat-Rufe in Hamburg</h1><p>Die Aufregung bleibt groß.</p>")
    assert meta_of(html).author == "Birgit Baumann, Anna Giulia Fink"


@pytest.mark.parametrize(
    ("head", "byline", "url", "author"),
    [
        pytest.param(  # <meta name="author" content="mdr.de">, a mailto link in p.author
            "<meta name='author' content='mdr.de'><meta property='og:site_name' content='MDR'>",
            "<p class='author'> von <a href='mailto:x@mdr.de'>David Straub, MDR THÜRINGEN</a></p>",
            "https://www.mdr.de/a.html",
            "David Straub",
            id="fundus MDR: a lowercase label, the meta author a domain",
        ),
        pytest.param(
            "",
            "<p class='reader__meta-info'> von <a href='/autoren/name/max-kolter'>Dr. Max Kolter"
            "</a></p>",
            "https://www.lto.de/a.html",
            "Dr. Max Kolter",
            id="fundus LTO: a German profile link",
        ),
    ],
)
def test_an_author_element_with_a_lowercase_label_and_a_profile_link_abroad(
    head, byline, url, author
):
    html = page(head, f"<h1>Ein Bericht aus Thüringen</h1>{byline}<p>Das Gericht entschied.</p>")
    assert meta_of(html, url).author == author
    assert names.person("mdr.de") == ""  # a domain names the site


def test_the_persons_of_a_json_ld_author_list_without_the_agency_in_it():
    # fundus's ZwanzigMinuten page: "author": [{"@type": "Person", "name": "Konstantin
    # Furrer"}, {"@type": "Person", "name": "Deutsche Presse-Agentur"}]
    ld = (
        '<script type="application/ld+json">{"@type": "NewsArticle", "author": [{"@type": '
        '"Person", "name": "Konstantin Furrer"}, {"@type": "Person", "name": "Deutsche '
        'Presse-Agentur"}]}</script>'
    )
    html = page(ld, "<h1>Die Wahl muss wiederholt werden</h1><p>Einen Termin gibt es nicht.</p>")
    assert meta_of(html).author == "Konstantin Furrer"


def test_an_organization_json_ld_names_as_author_is_the_source_not_a_person():
    # livedoor-news-1: a portal carrying a magazine's piece; the magazine printed by the time
    ld = (
        '<script type="application/ld+json">{"@type": "NewsArticle", "author": {"@type": '
        '"Organization", "name": "FRIDAYデジタル"}, "publisher": {"@type": "Organization", '
        '"name": "livedoor News"}}</script>'
    )
    lines = ["バラック長屋が続くおよそ2000坪の土地に、300軒近いバーやスナックが並ぶ。"]
    html = page(
        f'<meta property="og:site_name" content="ライブドアニュース">{ld}',
        "<h1>新宿ゴールデン街の店舗が落札</h1>"
        f"<p>2024年5月13日 9時0分 <span>FRIDAYデジタル</span></p><p>{lines[0]}</p>",
    )
    found = meta_of(html, body=lines)
    assert (found.author, found.source) == ("", "FRIDAYデジタル")
    # fundus's TechCrunch: Yoast types the writer as a person and an organization
    both = html.replace(
        '"Organization", "name": "FRIDAY', '["Person", "Organization"], "name": "FRIDAY'
    )
    assert meta_of(both, body=lines).author == "FRIDAYデジタル"


def test_an_essays_editor_printed_under_its_byline_in_english():
    # aeon-1: the writer's bio, then "Edited by Pam Weintraub 4,500 words Save"
    header = "John Wallingford is a professor. Edited by Pam Weintraub 4,500 words Save Share"
    assert credits.extract_editor(header) == "Pam Weintraub"
    assert credits.extract_editor("The report was edited by hand.") == ""


def test_a_blogger_post_names_its_writers_in_the_description_not_the_profile_link():
    # google-security-blog-1: the byline is printed by script; the description opens with it,
    # and the post's profile link names the blog's owner, "Google"
    description = (
        "Posted by Nathan Parker, Varun Khaneja, Eric Mill and Kiran C Nair - Chrome Safe "
        "Browsing team   Over the past few years we’ve seen threats ..."
    )
    html = page(
        f'<meta property="og:site_name" content="Google Online Security Blog">'
        f'<meta property="og:description" content="{description}">',
        "<h1>Enhanced Safe Browsing Protection now available in Chrome</h1><div>May 19, 2020 "
        "<span class='byline post-author'><a href='https://www.blogger.com/profile/1'>Google"
        "</a></span></div><p>Over the past few years we’ve seen threats on the web.</p>",
    )
    lines = ["Over the past few years we’ve seen threats on the web."]
    assert meta_of(html, body=lines).author == (
        "Nathan Parker, Varun Khaneja, Eric Mill, Kiran C Nair"
    )


@pytest.mark.parametrize(
    ("printed", "names_"),
    [
        ("Posted by Jane Doe, Software Engineer  Today we are", "Jane Doe"),
        ("By Kiran C Nair and Eric Mill", "Kiran C Nair, Eric Mill"),
    ],
)
def test_a_job_title_after_a_comma_and_a_bare_middle_initial(printed, names_):
    assert bylines.author_from_header(printed) == names_


def test_a_json_ld_byline_and_microdata_name_the_writer_over_the_text_run_around_them():
    # fundus's Reuters: {"@type": "Person", "byline": "Gopal Sharma"}; its DailyStar: the
    # author's microdata holds only <meta itemprop="name">, its printed block runs into "Travel"
    body = "<p>KATHMANDU, April 25 (Reuters) - Nepal's civil aviation authority disputed it.</p>"
    ld = '{"@type": "NewsArticle", "author": {"@type": "Person", "byline": "Gopal Sharma"}}'
    html = page(
        f'<script type="application/ld+json">{ld}</script>',
        f"<h1>Nepal says no proof</h1><div class='author'>By Gopal Sharma Fire</div>{body}",
    )
    assert meta_of(html).author == "Gopal Sharma"
    microdata = (
        "<div itemprop='author' itemscope><meta itemprop='name' content='Sophie Foster'></div>"
        "<h1>I sell Walt Disney World holidays</h1><div class='author'>TravelBy<a>Sophie Foster"
        "</a>Travel</div><p>The holiday seller said it was the busiest year she had seen.</p>"
        "<aside><div itemprop='author' itemscope><meta itemprop='name' content='Jack Rear'>"
        "</div></aside>"
    )
    assert meta_of(page("", microdata)).author == "Sophie Foster"


def test_a_japanese_papers_dateline_names_its_correspondent():
    # fundus's YomiuriShimbun: "【ソウル＝小池和樹】韓国の尹錫悦大統領は…"
    assert (
        bylines.author_from_header("【ソウル＝小池和樹】韓国の大統領は３日夜、談話を出し")
        == "小池和樹"
    )


def test_a_json_ld_author_name_holding_a_list_or_a_title_gives_its_people():
    # fundus's LRT: one name "Povilas Aleksandravičius, Mykolo Romerio universiteto … profesorius,
    # Lrt.lt", printed so in the header
    name = (
        "Povilas Aleksandravičius, Mykolo Romerio universiteto Žmogaus ir visuomenės studijų "
        "fakulteto profesorius, Lrt.lt"
    )
    ld = f'{{"@type": "NewsArticle", "author": {{"@type": "Person", "name": "{name}"}}}}'
    html = page(
        f'<script type="application/ld+json">{ld}</script>',
        f"<h1>Apie laisvę</h1><p>{name}</p><p>Laisvė yra didžiausia vertybė, sako profesorius.</p>",
    )
    assert meta_of(html).author == "Povilas Aleksandravičius"


def test_a_name_set_alone_in_bold_as_the_last_paragraph_signs_the_article():
    # fundus's VnExpress: "…có thể phẫu thuật, hóa trị hoặc xạ trị.</p><p><strong>Lê Phương"
    text = "Hướng điều trị thường phụ thuộc vào loại cũng như giai đoạn bệnh, có thể phẫu thuật."
    for last, author in (("Lê Phương", "Lê Phương"), ("read more", ""), ("Xem thêm", "")):
        html = page("", f"<h1>Ung thư</h1><p>{text}</p><p><strong>{last}</strong></p>")
        assert meta_of(html, body=[text, last]).author == author, last
    # netease-money-2015-19 (chrislinan/cx-extractor-python, MIT): a box's heading in bold
    text = "据统计，自6月15日以来，A股已有超100家公司宣布增持自家股票。"
    for last, author in (("王晓璐", "王晓璐"), ("行业动态", "")):
        html = page("", f"<h1>产业资本在行动</h1><p>{text}</p><p><b>{last}</b></p>")
        assert meta_of(html, body=[text, last]).author == author, last


def test_the_writer_wordpress_gives_twitters_card_when_meta_author_is_an_address():
    # fundus's BoersenZeitung: <meta name="author" content="a.sleegers@…">, Yoast's card data
    body = "<h1>Wero besteht Praxistest</h1><p>Kreditgenossen wickeln Transaktionen ab.</p>"
    for head in (
        '<meta name="twitter:label1" content="Written by">'
        '<meta name="twitter:data1" content="Anna Sleegers">',
        '<meta name="twitter:misc:Written by" content="Anna Sleegers">',
    ):
        html = page(f'<meta name="author" content="a.sleegers@example.de">{head}', body)
        assert meta_of(html).author == "Anna Sleegers"
    reading = '<meta name="twitter:label1" content="Est. reading time">'
    html = page(f'{reading}<meta name="twitter:data1" content="3 Minuten">', body)
    assert meta_of(html).author == ""


def test_a_chinese_wires_dateline_names_its_reporter_in_either_script():
    # cna-1: "（中央社記者溫貴香台北21日電）…（編輯：蘇龍麒）", in traditional characters; a
    # photo's credit "（中央社記者張新偉攝）" names the photographer, not the writer
    # (the regions read traditional label words as simplified ones: 記者 as 记者, 攝 as 摄)
    assert bylines.author_from_header("（中央社记者溫貴香台北21日電）行政院副院長") == "溫貴香"
    assert bylines.author_from_header("新华社记者王晶北京5月9日电 国务院总理") == "王晶"
    lead = "行政院副院長鄭文燦今天表示，這一波是全球性的雞蛋減產的問題，預估3月初才能緩解。"
    last = "他強調，農委會要盡全力解決問題，在這段時間內盡全力緩解。（編輯：蘇龍麒）1120221"
    html = page(
        "<title>鄭文燦：多元方案解決蛋荒 | 政治 | 中央社 CNA</title>",
        "<h1>鄭文燦：多元方案解決蛋荒</h1><div class='updatetime'>2023/2/21 21:20</div>"
        "<figure><img src='/a.jpg'><figcaption>行政院副院長鄭文燦。（中央社記者張新偉攝）"
        f"</figcaption></figure><p>（中央社記者溫貴香台北21日電）{lead}</p><p>{last}</p>"
        "<div class='footer'>香港電台 · 中央通訊社 版權所有</div>",
    )
    meta = meta_of(html, "https://www.cna.com.tw/news/aipl/202302210379.aspx", [lead, last])
    assert (meta.author, meta.editor) == ("溫貴香", "蘇龍麒")
    assert bylines.author_from_header("（中央社记者張新偉摄）行政院副院長鄭文燦") == ""


def test_a_taiwanese_byline_names_its_reporter_after_the_desk_or_in_tortoise_brackets():
    # upmedia-1: "上報快訊／范姜佳鈺 2020年03月12日 20:19:00" in the author element;
    # ltn-ec-1: the text opens "〔記者巫其倫／台北報導〕財政部今天下午…"
    assert bylines.author_from_header("上報快訊／范姜佳鈺 2020年03月12日 20:19:00") == "范姜佳鈺"
    assert bylines.author_from_header("〔记者巫其倫／台北报道〕財政部今天下午將公佈") == "巫其倫"
    lead = "〔記者巫其倫／台北報導〕財政部今天下午將公佈今年1-2月期統一發票中獎清冊。"
    html = page(
        "<title>1-2月期發票千萬獎開出18張 - 自由財經</title>",
        "<h1>1-2月期發票千萬獎開出18張</h1><span class='time'>2020-04-01 10:29</span>"
        f"<p>{lead}</p><p>本期千萬中獎張數為18張；200萬特獎中獎張數則為14張。</p>",
    )
    meta = meta_of(html, "https://ec.ltn.com.tw/article/breakingnews/3117542", [lead])
    assert meta.author == "巫其倫"


def test_a_bracketed_name_on_its_own_line_after_the_text_signs_it():
    # sina-tw-1: "…終結了沃克職業生涯對詹姆斯全敗的紀錄。" then "（羅森）", which the text lost;
    # the JSON-LD author is the channel (北京新浪網), printed in the header as its source
    lead = "日期:1月21日，凱爾特人在主場以139-107大勝湖人。這是沃克職業生涯首次戰勝詹姆斯。"
    last = "凱爾特人用一場酣暢淋漓的大勝終結了沃克職業生涯對詹姆斯全敗的紀錄。"
    ld = '{"@type": "NewsArticle", "author": {"@type": "Organization", "name": "北京新浪網"}}'
    html = page(
        f"<title>9年來第1次戰勝詹姆斯 - 新浪台灣</title><script type='application/ld+json'>{ld}"
        "</script>",
        "<h1>9年來第1次戰勝詹姆斯</h1><cite><a href='/cobrand/sinacn/'>北京新浪網</a> "
        f"(2020-01-21 11:12)</cite><p>{lead}</p><p>{last}</p><p>（羅森）</p>"
        "<div>關鍵字： 上一則： 騎馬這麼久</div>",
    )
    meta = meta_of(html, "https://news.sina.com.tw/article/20200121/34046328.html", [lead, last])
    assert meta.author == "羅森"


def test_a_korean_reporter_is_named_before_the_word_for_reporter():
    # chosun-sports-1: "스포츠조선=선수민 기자" under the title, "[부산=스포츠조선 선수민 기자]"
    # opening the text
    assert bylines.author_from_header("스포츠조선=선수민 기자 입력 2024.05.27 21:40") == "선수민"
    assert bylines.author_from_header("[부산=스포츠조선 선수민 기자] 롯데 자이언츠") == "선수민"
    assert bylines.author_from_header("기자회견에서 밝혔다") == ""


def test_a_columns_title_opening_with_a_name_the_text_never_names():
    # netease-money-2015-2: "叶檀：谁的阴谋？阴谁的谋？" over an unsigned column (the source
    # 每日经济新闻 printed); cna-1: "鄭文燦：多元方案解決蛋荒", a quote the text reports
    column = ["叶檀：谁的阴谋？阴谁的谋？", "股市暴跌之后，阴谋论甚嚣尘上。", "市场需要的是规则。"]
    assert bylines.columnist_of_title(column[0], column) == "叶檀"
    assert bylines.columnist_of_title("欧阳觅剑:收费公路亏损扩大", column[1:]) == "欧阳觅剑"
    quoted = ["行政院副院長鄭文燦今天表示，這一波是全球性的雞蛋減產的問題。"]
    assert bylines.columnist_of_title("鄭文燦：多元方案解決蛋荒", quoted) == ""
    assert bylines.columnist_of_title("绥德：33名退役军人被表彰", column[1:]) == ""  # a place
    html = page(
        "<title>叶檀：谁的阴谋？阴谁的谋？_网易财经</title>",
        "<h1>叶檀：谁的阴谋？阴谁的谋？</h1><div class='ep-time-soure'>2015-07-03 00:48:10"
        " 来源: 每日经济新闻</div>" + "".join(f"<p>{line}</p>" for line in column[1:]),
    )
    meta = meta_of(html, "http://money.163.com/15/0703/00/AT7E3R1F00253B0H.html", column[1:])
    assert (meta.author, meta.source) == ("叶檀", "每日经济新闻")


def test_a_forums_all_digit_user_name_and_its_labels_that_name_nobody():
    # tiancity-bbs-1 (Discuz!): the poster "1657811359" links to "home.php?mod=space&uid=144122",
    # and the post's "楼主 发表于 2024-5-18" labels the opening post; mlog-club-2 prints
    # "请 登录 后发表观点" above the replies
    post = "我的电脑分辨率是2560*1440，游戏全屏显示有的地方我看不到了，调了分辨率都没用。"
    html = page(
        "<title>游戏全屏问题，希望大家能出个主意！！ - 天游论坛</title>",
        "<h1>游戏全屏问题，希望大家能出个主意！！</h1><table><tr><td class='pls'>"
        "<div class='authi'><a href='home.php?mod=space&amp;uid=144122' class='xw1'>1657811359"
        "</a></div></td><td><div class='authi'><em>楼主</em> 发表于 2024-5-18 19:27:00</div>"
        f"<p>{post}</p></td></tr></table>",
    )
    assert meta_of(html, "https://bbs.tiancity.com/thread-53961-1-1.html", [post]).author == (
        "1657811359"
    )
    assert names.person("楼主") == names.person("登录") == ""


def test_a_json_ld_author_printed_in_the_header_is_stored_without_its_outlet():
    # nbcnews-2: JSON-LD and the byline give "Francesca Gariano, TODAY"
    html = page(
        '<script type="application/ld+json">{"@type": "NewsArticle", "author": [{"@type":'
        ' "Person", "name": "Francesca Gariano, TODAY"}]}</script>',
        "<h1>Caitlin Clark's mantra</h1><div class='byline'>By <span class='byline-name'>"
        "Francesca Gariano, TODAY</span></div><p>Caitlin Clark is ready for the WNBA.</p>",
    )
    body = ["Caitlin Clark is ready for the WNBA."]
    assert meta_of(html, "https://www.nbcnews.com/news/a1", body).author == "Francesca Gariano"


def test_a_credit_card_printing_each_person_before_their_role():
    # kompas-1: "Tim Redaksi Dian Erika Nugraheny Penulis Icha Rastika Editor"; the JSON-LD
    # author is the editor, whom the card credits as such
    html = page(
        "<title>Momen Jokowi Bersimpuh</title>"
        '<script type="application/ld+json">{"@type": "NewsArticle", "author": {"@type":'
        ' "Person", "name": "Icha Rastika"}}</script>',
        "<h1>Momen Jokowi Bersimpuh</h1><div class='read__time'>Kompas.com - 13/05/2024, 14:04"
        " WIB</div><div class='credit'><h6>Dian Erika Nugraheny,</h6><h6>Icha Rastika</h6>"
        "<p>Tim Redaksi</p><h6>Dian Erika Nugraheny</h6><h6>Penulis</h6><h6>Icha Rastika</h6>"
        "<h6>Editor</h6></div><p>JAKARTA, KOMPAS.com - Presiden Joko Widodo mencicipi pisang.</p>",
    )
    body = ["JAKARTA, KOMPAS.com - Presiden Joko Widodo mencicipi pisang."]
    meta = meta_of(html, "https://nasional.kompas.com/read/2024/05/13/1", body)
    assert (meta.author, meta.editor) == ("Dian Erika Nugraheny", "Icha Rastika")


def test_a_reposted_storys_copyright_names_its_paper():
    # daum-news-1: Daum (og:site_name "언론사 뷰") reposts a 데일리안 story that closes with its
    # copyright; "ⓒ" and "All rights reserved" forms too
    assert credits.copyright_source("내다봤다. Copyright © 데일리안. 무단전재 및 재배포 금지.") == (
        "데일리안"
    )
    assert credits.copyright_source("ⓒ 연합뉴스 무단 전재-재배포 금지") == "연합뉴스"
    assert credits.copyright_source("© 2024 Business Insider. All rights reserved.") == (
        "Business Insider"
    )
    assert credits.copyright_source("Copyright © 2024 all rights reserved") == ""


def test_a_pictures_credit_is_no_source_the_labelled_one_by_the_time_is():
    # businessinsider-1: <span class="image-source" itemprop="creditText">UCG/Getty Images</span>
    # under the lead picture; nbcnews-2: "May 20, 2024, 9:01 AM GMT+8 / Source: TODAY"
    text = "A woman hosted a surprise party for her husband at a Costco in Georgia."
    html = page(
        "<title>Birthdays at Costco</title>",
        "<h1>Birthdays at Costco</h1><figure><img src='/a.jpg'><figcaption>A meal. <span"
        " class='image-source' itemprop='creditText'>UCG/Getty Images</span></figcaption>"
        "</figure><div class='article-body__date-source'>May 20, 2024, 9:01 AM GMT+8 / "
        f"<span>Source</span>: TODAY</div><p>{text}</p>",
    )
    assert meta_of(html, "https://www.example.com/costco-birthdays", [text]).source == "TODAY"
    credit_only = html.replace("Source</span>: TODAY", "</span>")
    assert meta_of(credit_only, "https://www.example.com/a", [text]).source != "UCG/Getty Images"


def test_a_byline_running_on_into_the_tools_after_it_ends_with_the_author_element():
    """cnet-2010-1 (karussell/snacktory, Apache-2.0): "by Marguerite Reardon" then the font-size
    control; the text runs them together, the author link ends the name."""
    text = "The phone company is adding bells and whistles to its Fios TV service."
    html = page(
        "",
        "<h1>Verizon shows off iPad TV app and more</h1><div class='postByline'><span "
        "class='author'>by <a rel='author' href='/profile/Maggie+Reardon/'>Marguerite Reardon"
        "</a> </span><ul><li><span>Font size</span></li><li><a>Print</a></li></ul></div>"
        f"<p>{text}</p>",
    )
    assert meta_of(html, body=[text]).author == "Marguerite Reardon"


def test_a_phpbb_posters_profile_link_names_the_author_and_the_column_heading_does_not():
    """debian-forum-1 (opendatalab/magic-html, Apache-2.0): the post's column heading
    "Author" has an author class; the poster's name links to phpBB's member list."""
    text = "I would like to rebuild an nginx module whenever the debian package is upgraded."
    profile = "<a href='./memberlist.php?mode=viewprofile&amp;u=236425' class='username'>"
    html = page(
        "",
        "<h1>Auto-rebuild code (nginx module) on debian package upgrade</h1><div "
        "class='postprofile subsilver-topic-author'>Author</div><div class='post'><dl><dt>"
        f"{profile}kikinder</a></dt><dd>Posts: 3</dd></dl><div class='postbody'><span>by "
        f"<strong>{profile}kikinder</a></strong> » </span><p>{text}</p></div></div>",
    )
    assert meta_of(html, body=[text]).author == "kikinder"


def test_a_reporters_credit_on_a_line_of_its_own_after_the_text_names_the_author():
    """people-js-1 (immortal-autumn/Chinese-Web-Content-Extraction-Dataset): the text closes
    with "□ 本报记者 葛灵丹", then the share bar; a photo credit names no writer."""
    text = "学校要将寒假期间有市外旅居史的师生员工列为新学期第一次常态化核酸检测对象。"
    assert bylines.author_from_lines([text, "□ 本报记者 葛灵丹", "- 关注"]) == "葛灵丹"
    assert bylines.author_from_lines([text, "本报记者 王静 摄"]) == ""
    long = f"{text}本报记者葛灵丹在现场看到，各校已完成消杀。"
    assert bylines.author_from_lines([long]) == ""


def test_an_agencys_credit_line_under_the_headline_is_the_source_a_photos_is_not():
    """japantimes-1 (markusmobius/go-trafilatura, Apache-2.0) prints "<p class=credit>JIJI</p>"
    under its headline; a credit under a picture names who took the picture."""
    text = "A total of 6,000 surgical masks have been lost at a hospital in Kobe, it was learned."
    head = "<title>Losing face | The Japan Times</title><meta property='og:site_name' "
    head += "content='The Japan Times'>"
    photo = "<figure><img src='/m.jpg'><p class='credit'>Reuters</p></figure>"
    for credit, source in (("<p class='credit'>JIJI</p>", "JIJI"), (photo, "The Japan Times")):
        html = page(head, f"<h1>Losing face</h1>{credit}<p>Feb 18, 2020</p><p>{text}</p>")
        assert meta_of(html, body=[text]).source == source, credit


def test_a_brand_mark_hidden_for_screen_readers_in_the_author_box_is_no_author():
    """fundus's Stern (flairNLP/fundus, MIT): the author box opens with its partner section's
    mark, "<span class=u-visually-hidden>capital</span>", then "von Jemima Kelly"."""
    text = "Die Demokraten versuchen, Donald Trump als unmoralisch zu entlarven, doch vergebens."
    html = page(
        "",
        "<h1>Warum Kritik an Trumps Charakter so ineffektiv ist</h1><div class='authors'><span "
        "class='authors__brand-identifier'><span class='u-visually-hidden'>capital</span></span>"
        "<ul><li class='authors__list-item'><span> von </span><span>Jemima Kelly</span></li>"
        "</ul><ul class='authors__meta-data'><li><time>05. November 2024</time></li><li><time>"
        f"15:36 Uhr</time></li><li>3 Min</li></ul></div><p>{text}</p>",
    )
    assert meta_of(html, body=[text]).author == "Jemima Kelly"


def test_a_blogs_footer_signs_the_post_with_its_owner_after_whom_the_blog_is_named():
    """cnblogs-1 (immortal-autumn/Chinese-Web-Content-Extraction-Dataset): the blog "好看的hk"
    on 博客园 closes the post with "posted @ 2024-05-09 14:45 好看的hk"; the platform never
    signs."""
    text = "一、前言 本文记录了在Mac上使用Docker和Podman部署监控组件的一点经验。"
    for blog, signed, author in (("好看的hk", "好看的hk", "好看的hk"), ("好看的hk", "博客园", "")):
        html = page(
            f"<title>对于Docker和Podman的一点使用经验 - {blog} - 博客园</title>",
            f"<h1><a href='https://www.cnblogs.com/x'>{blog}</a></h1><h2>对于Docker和Podman的一点"
            f"使用经验</h2><p>{text}</p><div class='postDesc'>posted @ <span>2024-05-09 14:45"
            f"</span> <a href='https://www.cnblogs.com/x'>{signed}</a> 阅读(430)</div>",
        )
        assert meta_of(html, body=[text]).author == author, signed


def test_a_title_run_that_credits_the_writer_is_the_author_not_the_site():
    """hackernoon-1 (markusmobius/go-trafilatura, Apache-2.0): ``<title>`` "How To Scrape Google
    With Python - By linksc", the byline only a profile link under an avatar."""
    text = "Ever since Google Web Search API deprecation in 2011, I've been searching for one."
    headline = "How To Scrape Google With Python"
    body = f"<h1>{headline}</h1><div class='name'><strong>linksc</strong></div><p>{text}</p>"
    url = "https://hackernoon.com/how-to-scrape-google-bo7d2tal"
    for suffix, credits_ in (("By linksc", ("linksc", "")), ("HackerNoon", ("", "HackerNoon"))):
        found = meta_of(page(f"<title>{headline} - {suffix}</title>", body), url, [text])
        assert (found.author, found.source) == credits_, suffix


def test_a_forum_handle_an_author_element_prints_before_the_posts_time():
    """patent-bbscloud-1 (opendatalab/magic-html, Apache-2.0): "<div class=bbs-author>" holds
    the poster's handle, six Han characters, then "2020.06.09 09:37 发布于 社区管理"."""
    text = "大家还记得之前的直播课程吗？李鑫老师点评了50佳专利中的部分专利，还点评了公司的专利。"
    html = page(
        "<title>2020专利直播课程正在筹备中</title>",
        "<div class='title'>2020专利直播课程正在筹备中</div><div class='bbs-author'><div>"
        "<span>软唐知产小傅</span></div><span>2020.06.09 09:37</span><span>发布于</span>"
        f"<a href='/section/263'>社区管理</a></div><div class='content'><p>{text}</p></div>",
    )
    assert meta_of(html, "https://patent.bbscloud.com/post/1", [text]).author == "软唐知产小傅"
    unlabelled = html.replace("<span>2020.06.09 09:37</span>", "")
    assert meta_of(unlabelled, "https://patent.bbscloud.com/post/1", [text]).author == ""


def test_the_site_name_as_the_title_prints_it_when_the_declared_one_is_a_slug():
    """pcgamer-1 (markusmobius/go-trafilatura, Apache-2.0): og:site_name "pcgamer",
    ``<title>`` "Through the Darkest of Times review | PC Gamer"."""
    text = "Through the Darkest of Times is a strategy game about resisting the Nazis in Berlin."
    html = page(
        "<meta property='og:site_name' content='pcgamer'>"
        "<title>Through the Darkest of Times review | PC Gamer</title>",
        f"<h1>Through the Darkest of Times review</h1><p>{text}</p>",
    )
    assert meta_of(html, "https://www.pcgamer.com/x/", [text]).source == "PC Gamer"


def test_a_byline_run_on_into_a_caption_stops_at_the_outlets_acronym():
    """cnn-2010-1 (ageitgey/node-unfluff, Apache-2.0): "By Ed Hornick, CNN" then the photo's
    alt text "Democratic National Committee Chairman Tim Kaine…"; names set in capitals
    throughout are names."""
    header = "By Ed Hornick , CNN Democratic National Committee Chairman Tim Kaine says"
    assert bylines.author_from_header(header) == "Ed Hornick"
    assert names.person("CNN Democratic National Committee") == ""
    assert names.person("JONATHAN MARTIN") == "JONATHAN MARTIN"


def test_the_writer_twitters_card_names_when_the_page_prints_no_byline_text():
    """gizmodo-2013-1 (ageitgey/node-unfluff, Apache-2.0): ``twitter:creator`` holds the
    writer's name; a handle there ("@gizmodo") is no name."""
    text = "Okay, this is it. Back to school, again. Whether it's your first year or your last."
    for creator, author in (("Andrew Tarantola", "Andrew Tarantola"), ("@gizmodo", "")):
        html = page(
            f"<meta name='twitter:creator' content='{creator}'><title>Apps You Need</title>",
            f"<h1>Apps You Need</h1><p>{text}</p>",
        )
        assert meta_of(html, "http://gizmodo.com/apps-1141460933", [text]).author == author


def test_a_korean_reporters_signature_after_the_text_names_the_author():
    """donga-2013-1 (ageitgey/node-unfluff, Apache-2.0): the text ends, then "최윤호 기자
    uknow@donga.com"; a reporter named further down (a related story's) is not the writer."""
    last = "시험인증 분야에서 100년 기업을 일구겠다는 그는 강자로 군림할 날이 올 것이라고 확신한다."
    footer = f"{last} 최윤호 기자 uknow@donga.com 관련기사 김철수 기자의 다른 기사"
    assert bylines.author_from_footer(footer, last) == "최윤호"
    assert bylines.author_from_footer(f"{last} 관련기사 보기 김철수 기자", last) == ""


def test_a_wire_storys_agency_from_its_byline_its_credit_line_or_the_editors_sign_off():
    """voanews-1 "By Associated Press" (the agency is the source, no one the author);
    taipeitimes-1 "AFP, MANILA" over the text; spiegel-1 "… entführt wurde.« swe/dpa" (an
    editor's initials and the agency after the last line). All adbar/htmldate or
    opendatalab/magic-html, Apache-2.0."""
    voa = "After a series of lower-paying jobs, Nicole Slemp finally landed one she loved."
    html = page(
        "<meta property='og:site_name' content='Voice of America'><script type='application/"
        'ld+json\'>{"@type": "NewsArticle", "author": {"@type": "Person", '
        '"name": "Associated Press"}}</script>',
        f"<h1>America's child care crisis</h1><p>April 28, 2024 3:00 AM</p><p>By Associated "
        f"Press</p><p>{voa}</p>",
    )
    found = meta_of(html, "https://www.voanews.com/a/childcare/7586.html", [voa])
    assert (found.author, found.source) == ("", "Associated Press")
    manila = "Thousands of US and Filipino troops yesterday launched joint exercises in the north."
    assert credits.wire_source(f"US, Manila launch war games AFP, MANILA {manila}") == "AFP"
    last = "»Wir haben es niemals ausgeschlossen, dass er entführt wurde.«"
    assert credits.signed_agency(f"Der Sprecher sagte: {last} swe/dpa Feedback", last) == "dpa"
    assert credits.signed_agency(f"{last} Feedback Mehr lesen über dpa", last) == ""


def test_a_korean_portals_bare_reporter_name_before_the_time():
    """daum-news-1 (adbar/htmldate, Apache-2.0): "<span>박상우</span> <span>2024. 5. 13.
    12:52</span>" under the headline; a section's name there ("경제") is no reporter."""
    assert bylines.author_from_header("인사 전망 박상우 2024. 5. 13. 12:52 요약보기") == "박상우"
    assert bylines.author_from_header("인사 전망 경제 2024. 5. 13. 12:52 요약보기") == ""


def test_a_german_byline_line_in_the_body_and_a_first_name_that_is_a_month():
    """tagesschau-1 (adbar/trafilatura, Apache-2.0): "Von Volkmar Kabisch, Jan Lukas Strozyk und
    Benedikt Strunz, NDR" on a line of its own under the standfirst; "Jan" is a name there,
    a month only before a day ("By Jane Doe Jan 5, 2020")."""
    line = "Von Volkmar Kabisch, Jan Lukas Strozyk und Benedikt Strunz, NDR"
    text = "Interne Unterlagen des größten deutschen Rüstungskonzern sind im Internet aufgetaucht."
    assert bylines.author_from_lines([line, text]) == (
        "Volkmar Kabisch, Jan Lukas Strozyk, Benedikt Strunz"
    )
    assert bylines.author_from_header("By Jane Doe Jan 5, 2020 The company said") == "Jane Doe"
    # a single word after a name is the place (fundus's BoersenZeitung: "Von Anna Sleegers,
    # Frankfurt")
    assert bylines.author_from_header("Von Anna Sleegers, Frankfurt Die Bank") == "Anna Sleegers"


def test_a_date_label_in_the_date_and_source_element_is_no_source():
    """nmg-gov-1 (opendatalab/magic-html, Apache-2.0): "<div class=ql_detailbro_date_source>
    <span>发布日期：2022-02-11 08:52</span>" (its 来源 in a comment), then the share bar."""
    text = "自治区财政厅传出最新消息：2022年伊始，内蒙古自治区党委、政府积极贯彻落实减税降费政策。"
    html = page(
        "<title>内蒙古延续部分到期税收优惠政策助企纾困</title>",
        "<h1>内蒙古延续部分到期税收优惠政策助企纾困</h1><div class='date_source'><span>发布日期："
        "2022-02-11 08:52</span><!-- <span>来源：内蒙古日报</span> --></div><div>分享到：</div>"
        f"<p>{text}</p>",
    )
    assert meta_of(html, "https://www.nmg.gov.cn/a/1.html", [text]).source != "发布日期"


def test_the_sites_own_company_holding_the_copyright_gives_way_to_the_sites_name():
    """businessinsider-1 (opendatalab/magic-html, Apache-2.0): "© 2024 Insider Inc" after the text,
    og:site_name "Business Insider"; a paper's copyright on a portal stays its source."""
    text = "Costco shoppers have found a new way to celebrate their birthdays at the warehouse."
    for site, source in (("Business Insider", "Business Insider"), ("Daum", "Insider Inc")):
        html = page(
            f"<meta property='og:site_name' content='{site}'><title>Birthdays at Costco</title>",
            f"<h1>Birthdays at Costco</h1><p>{text}</p><p>Copyright © 2024 Insider Inc. All "
            "rights reserved.</p>",
        )
        assert meta_of(html, "https://www.example.com/a", [text]).source == source, site


def test_a_broadcast_report_signed_off_by_its_reporter_and_station():
    """kbs-world-1 (opendatalab/magic-html, Apache-2.0): the transcript closes "Max Lee, KBS
    World Radio News."; a sentence naming a station earlier is no sign-off."""
    text = "The sudden cold snap should peak Wednesday before temperatures climb back up."
    assert bylines.author_from_lines([text, "Max Lee, KBS World Radio News."]) == "Max Lee"
    quoted = "Officials told Max Lee, KBS World Radio News, that it would snow."
    assert bylines.author_from_lines([quoted, text]) == ""


def test_a_short_credit_line_closing_the_text_with_the_reporters_name():
    """yangtse-1 (immortal-autumn/Chinese-Web-Content-Extraction-Dataset, MIT): "整合
    新华日报·交汇点记者 徐睿翔" after the text (the outlet's name ends in 点, no outlet word);
    a sentence quoting a reporter there is no credit."""
    text = "要坚定不移深化改革创新，加快打造高质量发展动力源。"
    assert bylines.author_from_lines([text, "整合 新华日报·交汇点记者 徐睿翔"]) == "徐睿翔"
    assert bylines.author_from_lines([text, "交汇点记者徐睿翔走访了多家企业。"]) == ""


def test_a_bylines_job_title_with_the_papers_name_leaves_the_name():
    """seattletimes-1: "By Benjamin Romano / Seattle Times business reporter", each part an
    element marked ``p-author``; the paper is the site, not part of the writer's name."""
    html = page(
        "<title>Alaskan halibut | The Seattle Times</title>"
        "<meta property='og:site_name' content='The Seattle Times'>",
        "<h1>Alaskan halibut provides a glimpse of Amazon's strategy</h1>"
        "<div class='article-byline'><span>By</span> <a href='/author/cap-ben-romano/' "
        "rel='author' class='p-author'>Benjamin Romano</a> <span class='p-author'>Seattle "
        "Times business reporter</span></div>"
        "<p>From the deck of his 106-year-old halibut schooner, skipper Wade Bassi has better "
        "insight than most into what is happening at Amazon-owned Whole Foods Market.</p>",
    )
    url = "https://www.seattletimes.com/business/amazon/alaskan-halibut/"
    assert meta_of(html, url).author == "Benjamin Romano"


def test_a_japanese_byline_label_and_an_author_class_in_any_case():
    """mynavi-techplus-1 prints "著者：後藤大地" in a profile link; gizmodo-jp-1 the bare name
    in ``<li class="p-post-AssistAuthor">``."""
    labelled = page(
        "<title>WinRARに脆弱性</title>",
        "<h1>WinRARに脆弱性</h1>"
        "<a class='articleHeader_name' href='/author/180/'>著者：後藤大地</a>"
        "<p>WinRARは世界中に5億人のユーザーがいると見られており、かなりの数の人が影響を受けるおそれがある。</p>",
    )
    assert meta_of(labelled, "https://news.mynavi.jp/techplus/article/1/").author == "後藤大地"
    classed = page(
        "<title>Suicaでガシャれる</title>",
        "<h1>Suicaでガシャれる</h1><ul><li class='p-post-AssistAuthor'>"
        "<img src='/icon_author.svg' alt='author'> 小暮ひさのり </li></ul>"
        "<p>最近、ゲーセンも電子マネー対応筐体増えてきましたが、その流れはガシャポンにも来ました。</p>",
    )
    assert meta_of(classed, "https://www.gizmodo.jp/2019/04/x.html").author == "小暮ひさのり"


def test_meta_tags_a_template_wrote_with_value_instead_of_content():
    """gizmodo-jp-1 writes every meta tag as ``<meta name=… value=…>``."""
    html = page(
        "<title>x</title><meta name='author' value='小暮ひさのり'>"
        "<meta value='Suicaでガシャれる' name='og:title'>",
        "<p>最近、ゲーセンも電子マネー対応筐体増えてきましたが、その流れはガシャポンにも来ました。</p>",
    )
    assert meta_of(html, "https://www.gizmodo.jp/2019/04/x.html").title == "Suicaでガシャれる"


@pytest.mark.parametrize(
    ("page_title", "headline", "source"),
    [  # kbs-world-1, ipa-go-jp-1, donga-2013-1: a separator TITLE_SEP leaves alone
        ("Cold Wave Alert Tues. l KBS WORLD", "Cold Wave Alert Tues.", "KBS WORLD"),
        (
            "注意喚起：IPA 独立行政法人 情報処理推進機構",
            "注意喚起",
            "IPA 独立行政法人 情報処理推進機構",
        ),
        ("[CEO&]초일류 기업이 간다 : 뉴스 : 동아닷컴", "[CEO&]초일류 기업이 간다", "동아닷컴"),
        ("Strava taps AI: dark mode", "Strava taps AI", ""),  # a colon inside the title
    ],
)
def test_the_site_a_title_names_after_the_headline_and_its_own_separator(
    page_title, headline, source
):
    text = "The article's first paragraph is long enough to be the text of the page, surely."
    html = page(f"<title>{page_title}</title>", f"<h1>{headline}</h1><p>{text}</p>")
    assert meta_of(html, "https://www.ipa.go.jp/security/1.html", [text]).source == source


def test_a_writer_class_and_a_bracketed_byline_naming_the_site_after_a_comma():
    """cnet-japan-1's ``<span class="writer">松村太郎</span>``; itmedia-1's
    ``<div id="byline">[田中宏昌，ITmedia]</div>``; pinshiwen-1's ``<div
    class="article-writer">时间：2019-05-03 08:17:32</div>`` names nobody."""
    text = "Appleは4月のイベントで、セキュリティとAIの両立を目指す新しい方針を示しました。"

    def author(block: str, url: str) -> str:
        html = page("<title>Appleニュース</title>", f"<h1>Appleニュース</h1>{block}<p>{text}</p>")
        return meta_of(html, url, [text]).author

    assert author("<span class='writer'>松村太郎</span>", "https://japan.cnet.com/a/") == "松村太郎"
    byline = "<div id='byline'><b>[</b>田中宏昌，<b>ITmedia]</b></div>"
    assert author(byline, "https://www.itmedia.co.jp/pcuser/a.html") == "田中宏昌"
    dated = "<div class='article-writer'><div class='text'>时间：2019-05-03 08:17:32</div></div>"
    assert author(dated, "https://www.pinshiwen.com/a.html") == ""


def test_a_closing_signature_after_the_outlet_names_the_reporter():
    """netease-money-2015-51 closes its text with "（网易财经 张艳）"."""
    last = "团队实际管理能力在30亿左右。（网易财经 张艳）"
    assert bylines.author_from_footer(f"……{last}", last) == "张艳"
    assert bylines.author_from_footer("……（图片来源 视觉中国）", "（图片来源 视觉中国）") == ""


def test_a_desk_credited_as_the_author_is_no_person():
    """telegraph-2017-1: JSON-LD and the byline credit "Our Foreign Staff"."""
    ld = '{"@type": "NewsArticle", "author": {"@type": "Person", "name": "Our Foreign Staff"}}'
    text = (
        "Zimbabwe's army has seized power in what looks like a coup, officials said on Wednesday."
    )
    html = page(
        f"<title>Zimbabwe army seizes power</title><script type='application/ld+json'>{ld}"
        "</script><meta property='og:site_name' content='The Telegraph'>",
        f"<h1>Zimbabwe army seizes power</h1><p>By Our Foreign Staff</p><p>{text}</p>",
    )
    assert meta_of(html, "https://www.telegraph.co.uk/news/a/", [text]).author == ""


def test_the_json_ld_creator_is_the_writer_when_the_author_is_the_organization():
    """asahi-1: ``"creator": ["渡辺洋介"], "author": {"@type": "Organization", …}``."""
    ld = (
        '{"@type": "NewsArticle", "creator": ["渡辺洋介"],'
        ' "author": {"@type": "Organization", "name": "朝日新聞デジタル"}}'
    )
    text = "気象庁は13日、午後9時19分ごろ、日向灘で震度5弱の地震があったと発表した。"
    html = page(
        f"<title>宮崎県で震度5弱</title><script type='application/ld+json'>{ld}</script>",
        f"<h1>宮崎県で震度5弱</h1><div><span class='H8KYB'>渡辺洋介</span></div><p>{text}</p>",
    )
    assert meta_of(html, "https://www.asahi.com/articles/AST1F.html", [text]).author == "渡辺洋介"


def test_the_byline_the_header_prints_wins_over_a_json_ld_author_it_does_not_print():
    # japannews-1: JSON-LD names the account that posted the piece ("新間"), the page prints
    # its reporters under the picture
    head = (
        '<script type="application/ld+json">{"@context": "https://schema.org", "@type":'
        ' "BlogPosting", "headline": "Japan Prime Minister Dodges Criticism During Leaders'
        ' Debate", "author": {"@type": "Person", "name": "新間"}}</script>'
    )
    lines = [
        "Prime Minister Shigeru Ishiba demonstrated his commitment to his political views"
        " during a recent inter-party debate at the Japan National Press Club in Tokyo.",
        "The leaders of seven ruling and opposition parties met for the debate on Saturday.",
    ]
    body = (
        "<h1>Japan Prime Minister Dodges Criticism During Leaders Debate</h1>"
        "<figure><img src='/uploads/scanner-debate.jpg'><figcaption>The leaders of seven"
        " political parties in a debate.</figcaption></figure>"
        "<p class='byline'>By Takeo Maeda and Tatsuya Tanoue / Yomiuri Shimbun Staff Writers</p>"
        "<p class='postdate'>17:41 JST, October 13, 2024</p>"
        + "".join(f"<p>{x}</p>" for x in lines)
    )
    meta = meta_of(page(head, body), "https://japannews.yomiuri.co.jp/politics/2024/", lines)
    assert meta.author == "Takeo Maeda, Tatsuya Tanoue"


def test_a_wire_story_s_byline_naming_where_the_agency_filed_gives_the_source_not_a_desk():
    # theguardian-1: the byline prints "Associated Press in Valencia"; JSON-LD credits a desk
    # ("Guardian staff reporter") the page prints nowhere
    head = (
        '<meta property="og:site_name" content="the Guardian">'
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Fire in'
        ' Valencia", "author": {"@type": "Person", "name": "Guardian staff reporter"}}</script>'
    )
    lines = [
        "At least four people have died after a fire engulfed two residential buildings in"
        " the Spanish city of Valencia, officials said.",
        "Firefighters battled the blaze through the night as residents watched from the street.",
    ]
    body = (
        "<h1>Fire in Valencia</h1><aside><address data-link-name='byline'><span>Associated"
        " Press in Valencia</span></address><details><summary>Thu 22 Feb 2024 19.37 CET"
        "</summary></details></aside>" + "".join(f"<p>{x}</p>" for x in lines)
    )
    meta = meta_of(page(head, body), "https://www.theguardian.com/world/2024/feb/22/x", lines)
    assert (meta.author, meta.source) == ("", "Associated Press")


@pytest.mark.parametrize(
    "closing, name",
    [
        ("Das Gespräch führte Peter Hanselmann.", "Peter Hanselmann"),  # srf-1
        ("Propos recueillis par Marie Dupont", "Marie Dupont"),
    ],
)
def test_the_interviewer_an_interview_closes_with_is_its_author(closing, name):
    lines = [
        "Iran hat seine Drohung wahr gemacht und Israel direkt angegriffen, in der Nacht.",
        "SRF News: Wie wichtig war dabei die Unterstützung der USA für Israel?",
        "Thomas Jäger: Diese war ausschlaggebend, ohne sie wäre das nicht möglich gewesen.",
        closing,
    ]
    assert bylines.author_from_lines(lines) == name
