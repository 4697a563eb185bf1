"""Titles on real page layouts: which printed line is the article's, and a stand-in when none is.

Each page is a cut-down copy of a real one from `tests/fixtures/realworld/` (named in the test),
kept to the markup the rule reads: the headings, the title-marked elements, the `<title>` and
the body's first lines.
"""

from __future__ import annotations

import lxml.html
import pytest

from archiver.extract.metadata import extract_metadata
from archiver.extract.page import parse_article_page
from archiver.extract.rules import SiteRules
from archiver.extract.titles import stand_in_title, strip_suffix


def title_of(html: str, url: str = "http://example.cn/a/1.html", body: list[str] | None = None):
    return extract_metadata(lxml.html.fromstring(html), url, body_lines=body).title


def test_a_greeting_title_gives_way_to_the_bold_line_above_the_body():
    # cw-forum-1 (cdp1998.org): an ASP forum of 2005, a table layout with no heading at all
    html = (
        "<html><head><title>谢谢您访问〖关注中国中心〗</title></head><body><table>"
        "<tr><td><b><a href='/'><font color='white'>English</font></a></b></td></tr>"
        "<tr><td align='center'><b><br><font size='3' color='blue'>茉莉：我是怎样卷入八九民运的"
        "</font></b><br></td></tr><tr><td><font color='#008000'>作者： 来源： 发布日期："
        " 7/5/2005 9:23:57 PM</font></td></tr><tr><td><p>我是怎样卷入八九民运的<p>茉莉"
        "<p>【看中国2005年07月03日报道】一九八九年四月，我在湖南张家界开一个全省教学研究会议。"
        "</td></tr></table></body></html>"
    )
    body = ["我是怎样卷入八九民运的", "茉莉", "【看中国2005年07月03日报道】一九八九年四月，"]
    meta = extract_metadata(lxml.html.fromstring(html), "http://cdp1998.org/d.asp", body_lines=body)
    assert meta.title == "茉莉：我是怎样卷入八九民运的"
    assert meta.author == "茉莉"  # the bare name under the title, as reposts print it


def test_a_page_with_no_title_element_takes_its_marked_post_title():
    # donews-blog-1 (a 2005 .Text blog): the copy has no <title>, the post's is a div.postTitle
    html = (
        "<html><body><div id='side'><h1>导航</h1><h3 class='listtitle'>存档</h3></div>"
        "<div class='post'><div class='postTitle'><a href='/p/543698.aspx'>"
        "评老冒：做最好的和最cool的东西？</a></div><div class='postText'><p>昨天兜兜转转看到"
        "老冒的blog文章我对web2.0的看法和理解，文章里面的很多东西分析得非常透彻。</p></div>"
        "<div class='postfoot'>发表于2005年09月07日 11:57 AM</div></div></body></html>"
    )
    body = [
        "昨天兜兜转转看到老冒的blog文章我对web2.0的看法和理解，文章里面的很多东西分析得非常透彻。"
    ]
    meta = extract_metadata(
        lxml.html.fromstring(html), "http://blog.donews.com/a.aspx", body_lines=body
    )
    assert meta.title == "评老冒：做最好的和最cool的东西？"
    assert meta.published is not None and meta.published.isoformat() == "2005-09-07T11:57:00+08:00"


def test_a_page_with_no_title_element_takes_its_heading_div_not_its_first_sentence():
    # auto-qianlong-2005-1 (a 2005 portal's copy without <title>): <div class="Heading">, then
    # the site's link and the time, then the text
    html = (
        "<html><body><div class='Function'><a href='#'>我要说说</a> <a href='#'>打印</a></div>"
        "<div class='Heading'>广汽回应现代合资内幕 全面合作项目即将展开</div><div class='Date'>"
        "<a href='http://www.qianlong.com/'>http://www.qianlong.com/</a> 2005-07-18 13:03:17</div>"
        "<table><tr><td class='Content'>1个月之后的6月21日，随着广汽和现代合资基础协议的签署，"
        "传闻再次袭来。</td></tr></table></body></html>"
    )
    body = ["1个月之后的6月21日，随着广汽和现代合资基础协议的签署，传闻再次袭来。"]
    title = title_of(html, "http://auto.qianlong.com/36/a.htm", body)
    assert title == "广汽回应现代合资内幕 全面合作项目即将展开"


def test_a_notice_set_in_a_heading_is_no_title():
    # myrice-military-2001-1: <h3>All rights reserved<br>联系版主：<a>chinaha@371.net</a></h3>
    html = (
        "<html><body><p>飞行归因于作用在飞机上的几个力，这是飞行物理学最基本的常识。</p>"
        "<h3>All rights reserved<br>联系版主：<a href='mailto:a@371.net'>a@371.net</a></h3>"
        "</body></html>"
    )
    body = ["飞行归因于作用在飞机上的几个力，这是飞行物理学最基本的常识。"]
    title = title_of(html, "http://a.example.com/t.htm", body)
    assert "reserved" not in title and "@" not in title


def test_a_heading_below_the_site_h1s_agrees_with_the_title_and_wins():
    # pixnet-1: two <h1> (platform, blog) and the post title in an <h2>; "@ blog :: site ::"
    html = (
        "<html><head><title>新竹尖石_美樹營地賞楓 (2) @ 史蒂文的家_藍天 :: 痞客邦 PIXNET ::"
        "</title></head><body><h1>痞客邦 PIXNET</h1><h1>史蒂文的家_藍天</h1>"
        "<h2>這是Steven &amp; Fiona 的共同天地</h2><h2>新竹尖石_美樹營地賞楓 (2)</h2>"
        "<p>一波波接續性低溫寒流報到，已將新竹尖石鄉後山一帶層層山巒披上嫣紅的彩衣。</p>"
        "</body></html>"
    )
    assert title_of(html) == "新竹尖石_美樹營地賞楓 (2)"


def test_a_site_name_in_front_of_the_title_is_cut():
    # joelonsoftware-cn-1: "Joel on Software - 给计算机系学生的建议", the site named by its host
    assert (
        strip_suffix("Joel on Software - 给计算机系学生的建议", {"joelonsoftware"})
        == "给计算机系学生的建议"
    )
    assert strip_suffix("土豆不“土” 土豆无“土” 松花江网", set()) == "土豆不“土” 土豆无“土”"
    assert strip_suffix("Title of a post :: Some Blog ::", set()) == "Title of a post"


def test_a_breadcrumb_or_section_label_above_the_body_is_not_the_title():
    # kepu-gov-1: "中国科普网 > 时政新闻 >" in a div.tit just above the body; <title> is right
    html = (
        "<html><head><title>习近平主持召开深入推进长三角一体化发展座谈会-中国科普网</title></head>"
        "<body><div class='tit'>中国科普网 &gt; 时政新闻 &gt;</div>"
        "<p>习近平主持召开深入推进长三角一体化发展座谈会强调</p>"
        "<p>推动长三角一体化发展取得新的重大突破</p></body></html>"
    )
    body = [
        "习近平主持召开深入推进长三角一体化发展座谈会强调",
        "推动长三角一体化发展取得新的重大突破",
    ]
    assert title_of(html, body=body) == "习近平主持召开深入推进长三角一体化发展座谈会"


def test_of_two_headings_that_agree_the_one_the_title_starts_with_wins():
    # a forum: its board's name is marked as a title and is a run of the <title> as well
    html = (
        "<html><head><title>求助：路由器掉线怎么办_网络设备_某某论坛</title></head><body>"
        "<div class='forum-title'>网络设备</div><h3>求助：路由器掉线怎么办</h3>"
        "<p>家里的路由器每天晚上都会掉线几次，重启以后又能用一阵，请问是什么原因？</p>"
        "</body></html>"
    )
    body = ["家里的路由器每天晚上都会掉线几次，重启以后又能用一阵，请问是什么原因？"]
    assert title_of(html, body=body) == "求助：路由器掉线怎么办"


def test_a_stand_in_title_from_the_body_or_the_url():
    assert (
        stand_in_title(["湘菜粤菜 兵分两路", "湘菜粤菜兵分两路，新鲜的是……"]) == "湘菜粤菜 兵分两路"
    )
    long_line = (
        "昨天兜兜转转看到老冒的blog文章我对web2.0的看法和理解，文章里面的很多东西分析得非常透彻。"
    )
    assert stand_in_title([long_line]).endswith("…") and len(stand_in_title([long_line])) <= 41
    assert stand_in_title([], "https://example.com/2024/05/why-rust-wins.html") == "why rust wins"
    assert stand_in_title([], "https://example.com/p/12345") == ""


def test_an_article_without_any_title_is_archived_not_dropped():
    html = (
        "<html><body><div><p>这是一篇没有标题的文章，它的正文有好几句话，讲的是一件值得"
        "记下来的事情。</p><p>第二段接着讲这件事的经过，也有好几句话，足够算作一篇文章。</p>"
        "</div></body></html>"
    )
    rules = SiteRules(site="t", name="", layouts=(), article_urls=())
    parsed = parse_article_page(html, "https://example.cn/notes/first-note.html", rules)
    assert parsed is not None and parsed.title


def test_a_forum_threads_page_number_is_no_part_of_its_title():
    # cw-gbk-5 (Discuz! Archiver): "<title>(页 1) - 版块 - 论坛 - powered by …"
    html = (
        "<html><head><title>社会资本、人力资本与下岗职工的再就业(页 1) - 学术前沿 - 三校社会学论坛"
        " - powered by Discuz! Archiver</title></head><body><p>社会资本、人力资本与下岗职工的"
        "再就业</p><p>赵延东、风笑天</p></body></html>"
    )
    assert title_of(html) == "社会资本、人力资本与下岗职工的再就业"
    paged = "<html><head><title>Big Story - Page 3 of 5 | Site</title></head><body></body></html>"
    assert title_of(paged) == "Big Story"
    assert title_of("<html><head><title>COVID-19 (2020) | Site</title></head></html>") == (
        "COVID-19 (2020)"
    )


def test_a_headline_shared_with_a_word_left_out_is_the_printed_one():
    # bbc-2: og:title and <title> drop "post-Brexit" from the <h1>; a kicker is no such word
    short = "The hard sell for British food in Asia"
    html = (
        f"<html><head><title>{short}</title><meta property='og:title' content='{short}'>"
        "</head><body><header><a href='/'>BBC</a></header><article><h1>The post-Brexit hard "
        "sell for British food in Asia</h1><p>British food and drink exports to Asia have "
        "grown since the UK left the EU.</p></article></body></html>"
    )
    assert title_of(html, "https://www.bbc.com/news/articles/c3gglr8ed7jo") == (
        "The post-Brexit hard sell for British food in Asia"
    )
    kicker = html.replace("The post-Brexit hard sell", "Analysis: The hard sell")
    assert title_of(kicker, "https://www.bbc.com/news/articles/c3gglr8ed7jo") == short


def test_a_day_in_brackets_is_no_page_number():
    # goo-blog-1: "（7/2）" is the hike's day (page 7 of 2 cannot be); the blog's name is the <h1>
    name = "適当でええねん！！"
    post = "鉄山～弥山～八経ヶ岳 オオヤマレンゲ咲いてます （7/2）"
    html = (
        f"<html><head><title>{post} - {name}</title><meta property='og:title' "
        f"content='{post} - {name}'></head><body><h1><a href='/jgccg115'>{name}</a></h1>"
        f"<h2>.</h2><div class='entry-top'><h3><a href='/jgccg115/e/5d8c'>{post}</a></h3>"
        "<span>2020年07月03日</span></div><div class='entry-body'><p>鉄山（てっせん）という名前に"
        "ひかれて登ってみたいと思っていた</p></div></body></html>"
    )
    assert title_of(html, "https://blog.goo.ne.jp/jgccg115/e/5d8c") == post


def test_a_blog_posts_permalink_marked_as_its_title_is_the_title():
    # cw-forum-2 (a 2005 .Text blog on yesky): no <title>, no heading; the post's title is
    # its permalink, a.viewpost1_TitleUrl, linking to the post as .html while served as .aspx
    url = "http://blog.yesky.com/blog/zboygirl/archive/2005/07/31/255509.aspx"
    html = (
        "<html><body><div class='rightmenu'><a href='/blog/zboygirl/archive/2005/07/24/1.html'"
        " class='title'>上一篇：我的七月</a></div><div class='rightmenu'><div>"
        "<a id='viewpost1_TitleUrl' href='/blog/zboygirl/archive/2005/07/31/255509.html'>"
        "13岁女孩辍学后生下女婴(附图)</a></div></div><div id='body_l'>本报讯 13岁，正是花季的"
        "年龄，可13岁的李某却成了妈妈。<br><br>她已辍学与男友很早就相识<br><br>18时许，记者来到"
        "这家医院。</div></body></html>"
    )
    body = ["本报讯 13岁，正是花季的年龄，可13岁的李某却成了妈妈。", "她已辍学与男友很早就相识"]
    assert title_of(html, url, body) == "13岁女孩辍学后生下女婴(附图)"


def test_a_forum_threads_subject_and_its_replies_titles_name_the_thread():
    # bbs-cctv-2005-1: <title> is the forum's name, the post prints "<b>主题：</b> X"
    subject = "你知道导游为什么那么热衷于让你去各种各样的商场购物吗？"
    labelled = (
        "<html><head><title>CCTV.com- 央视论坛 :: null</title></head><body><table><tr><td"
        f" class='large'><b>主题：</b> {subject} </td></tr><tr><td>导游带团进店是有回扣的，"
        "这是行业里公开的秘密。</td></tr></table></body></html>"
    )
    assert title_of(labelled) == subject
    # bbs-netease-2005-1: the replies are titled "Re:X"; china-pub-blog-1: the reply form's
    # subject field holds "回复:X"
    thread = "《清洁》：东方式内敛与摇滚现实绘"
    replies = (
        "<html><head><title>网易娱乐</title></head><body><table><tr><td class='p4'>"
        f"<font>{thread}</font></td></tr><tr><td>这部电影的摇滚气质非常内敛。</td></tr>"
        f"<tr><td class='p4'><font>Re:{thread}</font></td></tr><tr><td>同意。</td></tr>"
        f"<tr><td class='p4'><font>Re:{thread}</font></td></tr></table></body></html>"
    )
    assert title_of(replies) == thread
    form = replies.replace(f"<font>Re:{thread}</font>", "").replace(
        "</table>", f"</table><form><input name='topic' value='回复:{thread}'></form>"
    )
    assert title_of(form) == thread


def test_one_comment_titled_re_something_does_not_name_the_article():
    html = (
        "<html><head><title>国产光刻机交付在即 - 科技频道</title></head><body>"
        "<h1>国产光刻机交付在即</h1><p>据多位产业链人士透露，国产光刻机已完成验证。</p>"
        "<div class='comment'><span>Re:说得不错的一篇报道</span></div></body></html>"
    )
    assert title_of(html) == "国产光刻机交付在即"


def test_og_title_picks_the_headline_out_of_an_h1_that_also_prints_the_kicker():
    # tagesschau-1: <h1><span class="dachzeile">kicker</span> <span class="headline">X</span>
    # </h1>; <title> is "kicker: X | site" and og:title "X - kicker"
    html = (
        "<html><head><title>Interne Unterlagen im Netz: Daten von Rheinmetall gehackt |"
        " tagesschau.de</title><meta property='og:title' content='Daten von Rheinmetall gehackt"
        " - Interne Unterlagen im Netz'></head><body><h1><span class='dachzeile'>Interne"
        " Unterlagen im Netz</span> <span class='headline'>Daten von Rheinmetall gehackt</span>"
        "</h1><p>Der Rüstungskonzern Rheinmetall ist Opfer eines Hackerangriffs geworden.</p>"
        "</body></html>"
    )
    body = ["Der Rüstungskonzern Rheinmetall ist Opfer eines Hackerangriffs geworden."]
    assert title_of(html, "https://www.tagesschau.de/a.html", body) == (
        "Daten von Rheinmetall gehackt"
    )


@pytest.mark.parametrize(
    ("html", "first_line", "title"),
    [
        pytest.param(  # WordPress, 2005: <title>多维博客 &raquo; 播客热潮…
            "<html><head><title>多维博客  &raquo; 播客热潮迅速蔓延 挑逗传统传媒业</title></head>"
            "<body>"
            "<p>Saturday, September 10th, 2005 10:56 am</p><p>播客热潮迅速蔓延 挑逗传统传媒业</p>"
            "<p>每个人都可以当主持人，任何人都可以通过软件免费下载播客提供的节目。</p></body></html>",
            "每个人都可以当主持人，任何人都可以通过软件免费下载播客提供的节目。",
            "播客热潮迅速蔓延 挑逗传统传媒业",
            id="chinesenewsnet-blog-1: a blog's name before a raquo",
        ),
        pytest.param(  # the site's name printed again only as the credit 来源：X and © X
            "<html><head><title>科普中国-辟谣文章</title></head><body><div class='nav'>首页 辟谣"
            "文章 专家学者</div><div class='rumor-article'><div class='rumor-title'>徒手抓子弹真"
            "的存在吗？</div><div class='rumor-info'><span>来源： 科普中国-科学原理</span></div>"
            "<div><p>看过电影《功夫》的人可能会记得火云邪神徒手抓子弹的剧情。</p></div></div>"
            "<div class='footer'>Copyright © 2019 科普中国 版权所有</div></body></html>",
            "看过电影《功夫》的人可能会记得火云邪神徒手抓子弹的剧情。",
            "徒手抓子弹真的存在吗？",
            id="piyao-kepuchina-1: a title element of site and section",
        ),
        pytest.param(  # the section's name printed only as a breadcrumb's step; the title an h5
            "<html><head><title>新闻动态--中国地理学会官网</title></head><body><div class="
            "'title_la'><h3>首页 - 新闻动态</h3></div><div class='news'><h5>2019年中国人文地理学术"
            "年会在重庆成功举行！</h5><div class='ly'><b>发布时间：2019-05-18</b> <i>来源：中国地"
            "理学会</i></div><p>5月10-12日，2019年中国人文地理学术年会在重庆举行。</p></div>"
            "</body></html>",
            "5月10-12日，2019年中国人文地理学术年会在重庆举行。",
            "2019年中国人文地理学术年会在重庆成功举行！",
            id="a society's news page (GeneralNewsExtractor's gsc copy): a breadcrumb and an h5",
        ),
    ],
)
def test_a_title_element_naming_the_site_gives_way_to_the_printed_title(html, first_line, title):
    assert title_of(html, body=[first_line]) == title


def test_a_kicker_and_headline_printed_as_two_spans_keep_the_declared_colon():
    # fundus's Tagesschau page: <h1><span class="seitenkopf__topline">Ausschuss zur Ahrtal-Flut
    # </span><span>Zwei Rücktritte - und viele offene Fragen</span></h1>, og:title with ": "
    kicker, headline = "Ausschuss zur Ahrtal-Flut", "Zwei Rücktritte - und viele offene Fragen"
    html = (
        f"<html><head><meta property='og:title' content='{kicker}: {headline}'></head><body>"
        f"<h1><span>{kicker}</span><span>{headline}</span></h1><p>Der Untersuchungsausschuss"
        " hat seine Arbeit beendet.</p></body></html>"
    )
    body = ["Der Untersuchungsausschuss hat seine Arbeit beendet."]
    assert title_of(html, "https://www.example.de/a.html", body) == f"{kicker}: {headline}"
    # a printed heading that differs from og:title by more than that is printed as it is
    html = html.replace(f"{headline}'>", f"{headline}.'>")
    assert title_of(html, "https://www.example.de/a.html", body) == f"{kicker}{headline}"


def test_a_share_dialogs_title_and_a_kicker_span_are_not_the_articles_title():
    # fundus's SRF page: <div class="modal-flyout__title">Teilen</div> and <h1 class=
    # "article-title"><span class="article-title__overline">Eskalation im Nahen Osten</span>…
    headline = "«Die israelische Zurückhaltung hat viel mit den USA zu tun»"
    html = (
        f"<html><head><title>Nahost: {headline} - News - SRF</title></head><body><h1 class="
        "'article-title'><span "
        "class='article-title__overline'>Eskalation im Nahen Osten</span> <span class="
        f"'article-title__text'>{headline}</span></h1><div class='modal-flyout__title'>Teilen"
        "</div><p>Israel wartet mit einer Reaktion auf den Angriff ab.</p></body></html>"
    )
    body = ["Israel wartet mit einer Reaktion auf den Angriff ab."]
    assert title_of(html, "https://www.example.ch/a.html", body).endswith(headline)


def test_a_heading_that_a_cut_short_og_title_starts_is_the_title_not_a_crosshead():
    # 163.com (GeneralNewsExtractor's copy): og:title content="多地项目连环爆雷 狂奔的龙湖集团"
    # cut at the headline's own quote mark; the text's first crosshead is "多地项目连环爆雷"
    headline = '多地项目连环爆雷 狂奔的龙湖集团"暗伤"曝露？'
    html = (
        f"<html><head><title>{headline}_网易财经</title><meta property='og:title' "
        f"content='多地项目连环爆雷 狂奔的龙湖集团'></head><body><h1>{headline}</h1><p>龙湖集团"
        "近日召开业绩会。</p><p><b>多地项目连环爆雷</b></p><p>多个城市的业主维权。</p></body></html>"
    )
    body = ["龙湖集团近日召开业绩会。", "多地项目连环爆雷", "多个城市的业主维权。"]
    assert title_of(html, "https://money.163.com/19/0907/a.html", body) == headline


def test_a_json_ld_headline_loses_only_a_last_run_that_names_the_site():
    # aeon-1: headline and og:title end in " | Aeon Essays"; its <h1> is the standfirst
    head = (
        '<meta property="og:site_name" content="Aeon Essays">'
        '<script type="application/ld+json">{"@type": "Article", "headline": '
        '"After 3,000 years of science, the embryo is very different | Aeon Essays"}</script>'
    )
    html = f"<html><head>{head}</head><body><h1>Once I was one cell.</h1><p>Text.</p></body></html>"
    assert title_of(html) == "After 3,000 years of science, the embryo is very different"
    kept = head.replace('Aeon Essays"}', 'Part two"}')
    html = f"<html><head>{kept}</head><body><h1>Once I was one cell.</h1><p>Text.</p></body></html>"
    assert title_of(html) == "After 3,000 years of science, the embryo is very different | Part two"


def test_a_private_use_glyph_of_an_icon_font_is_no_part_of_the_title():
    # sina-book-2004-1: "投身外交(3)" and a glyph only the site's own font draws
    html = "<html><head><title>投身外交(3)\ue004</title></head><body><p>正文。</p></body></html>"
    assert title_of(html) == "投身外交(3)"


def test_a_title_element_that_is_a_trail_of_site_and_section_names_no_article():
    # cl2000-edu-2003-1: <title>世艺网&gt;艺术教育</title>; the notice's title is its layout
    # table's first cell, which main_text prints as a table row
    html = (
        "<html><head><title>世艺网&gt;艺术教育</title></head><body><table><tr><td>"
        "中国艺术研究院2004年博士生招生简章</td></tr><tr><td>一、培养目标：培养德智体美全面发展。"
        "</td></tr></table></body></html>"
    )
    body = ["| 中国艺术研究院2004年博士生招生简章 |", "| 一、培养目标：培养德智体美全面发展。 |"]
    assert title_of(html, body=body) == "中国艺术研究院2004年博士生招生简章"
    assert stand_in_title(body) == "中国艺术研究院2004年博士生招生简章"


def test_a_heading_printing_the_sites_address_agrees_with_no_title():
    """fundus's MDR (flairNLP/fundus, MIT): the footer's "MDR.de" heading matches the "| MDR.DE"
    that closes the declared titles; the title is theirs, not the address."""
    title = "Ist die Thüringer Bratwurst eine Illusion? Das harte Geschäft mit dem Tod"
    html = (
        f"<html><head><title>{title} | MDR.DE</title><meta property='og:title' "
        f"content='{title} | MDR.DE'></head><body><h1><span>Schlachtbetriebe</span> <span>Das "
        "harte Geschäft mit dem Tod: Warum immer weniger geschlachtet wird</span></h1><p>In "
        "Thüringen schließen immer mehr Schlachthöfe.</p><footer><h3 class='headline'>MDR.de"
        "</h3><ul><li><a href='/'>Nachrichten</a></li></ul></footer></body></html>"
    )
    assert title_of(html) == title


def test_soft_hyphens_and_zero_width_spaces_are_no_part_of_the_title():
    """fundus's LTO (flairNLP/fundus, MIT) sets soft hyphens in its headline's long words."""
    html = (
        "<html><head><title>x</title></head><body><h1>Paläs\u00adti\u00adnenser legt Ver\u00ad"
        "fas\u00adsungs\u00adbe\u00adschwerde\u200b ein</h1><p>Der Antrag ging am Montag ein.</p>"
        "</body></html>"
    )
    assert title_of(html) == "Palästinenser legt Verfassungsbeschwerde ein"


def test_a_two_character_title_the_only_h1_and_the_title_element_agree_on():
    """dugushici-1 (opendatalab/magic-html, Apache-2.0): a poem's "<h1>夜雨</h1>" and
    "<title>夜雨_原文、翻译及赏析_白居易诗词_读古诗词网"; a section's "<h3>创作背景" is no title,
    nor is a blog's short name in its only heading."""
    poem = "我有所念人，隔在远远乡。我有所感事，结在深深肠。乡远去不得，无日不瞻望。"
    html = (
        "<html><head><title>夜雨_原文、翻译及赏析_白居易诗词_读古诗词网</title></head><body>"
        f"<h1>夜雨</h1><p class='sub' itemprop='author'><span>作者：</span><span>白居易</span></p>"
        f"<p>{poem}</p><h3>创作背景</h3><p>作者：佚名 此诗写于元和六年，时年白居易四十岁。</p>"
        "</body></html>"
    )
    meta = extract_metadata(
        lxml.html.fromstring(html), "https://dugushici.com/x/21337", body_lines=[poem]
    )
    assert meta.title == "夜雨"
    assert meta.author != "作者：白居易"  # a label with its value is no name
    blog = html.replace("<h1>夜雨</h1>", "<h1>读古</h1>").replace("<title>夜雨_", "<title>读古_")
    blog = blog.replace("读古诗词网</title>", "读古</title>")
    assert title_of(blog, body=[poem]) != "读古"


def test_the_heading_the_declared_title_prints_after_its_kicker_and_colon_is_the_title():
    # srf-1: og:title "Kicker: «Title»"; the <h1> prints an overline and the title in spans,
    # and a media player's caption is marked as a title too
    title = "«Die israelische Zurückhaltung hat viel mit den USA zu tun»"
    html = (
        f"<html><head><meta property='og:title' content='Iranischer Angriff auf Israel: {title}'>"
        f"<title>Iranischer Angriff auf Israel: {title} - News - SRF</title></head><body>"
        "<div class='media-caption__title'>Biden-Regierung im Nahostkonflikt im Dilemma</div>"
        "<h1><span class='article-title__overline'>Eskalation im Nahen Osten</span> - "
        f"<span class='article-title__text'>{title}</span></h1>"
        "<p>Iran hat seine Drohung wahr gemacht und Israel direkt angegriffen.</p></body></html>"
    )
    assert (
        title_of(html, body=["Iran hat seine Drohung wahr gemacht und Israel direkt angegriffen."])
        == title
    )


def test_the_printed_h1_wins_when_og_title_and_the_unprinted_json_ld_headline_disagree():
    # independent-1: one title to share (og:title), another to index (JSON-LD and <title>),
    # a third printed as the <h1>; aeon-1, whose declared titles all agree, keeps theirs
    printed = (
        "Australian teenager becomes sixth to die in Laos ‘methanol poisoning’ as police detain"
    )
    indexed = "Laos methanol poisonings: Australian teenager Holly Bowles becomes sixth to die"
    shared = "Australian teenager becomes sixth to die in suspected Laos methanol poisoning"
    line = "Australian teenager Holly Bowles has become the sixth person to die from poisoning."

    def html(og: str) -> str:
        return (
            f"<html><head><meta property='og:title' content='{og}'><title>{indexed} | The"
            ' Independent</title><script type="application/ld+json">{"@type": "NewsArticle",'
            f' "headline": "{indexed}"}}</script></head><body><h1>{printed}</h1>'
            f"<div class='premium'>Sign up to our free breaking news emails</div><p>{line}</p>"
            "</body></html>"
        )

    assert title_of(html(shared), body=[line]) == printed
    assert title_of(html(indexed), body=[line]) == indexed
