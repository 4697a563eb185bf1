"""Generic main-text extractor: benchmark floor on committed samples, Chinese portal pages."""

from __future__ import annotations

import gzip
import json
import logging
import sys
from pathlib import Path

import lxml.html
import pytest
import trafilatura
from hypothesis import given
from hypothesis import strategies as st

from archiver.extract import main_text
from archiver.extract.agreement import Lines
from archiver.extract.boilerplate import is_boilerplate
from archiver.extract.cleanup import clean_lines
from archiver.extract.fillin import with_block_heads

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.metric import score  # noqa: E402

FIXTURES = ROOT / "tests/fixtures/maintext"
ZH_SET = ROOT / "bench/data/zh"


@pytest.fixture(autouse=True)
def _quiet_trafilatura():
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)


def _zyte_sample() -> list[tuple[str, str, str]]:
    base = FIXTURES / "zyte"
    truth = json.loads((base / "ground-truth.json").read_text(encoding="utf-8"))
    return [
        (
            gzip.decompress((base / "html" / f"{pid}.html.gz").read_bytes()).decode(),
            item["url"],
            item["articleBody"],
        )
        for pid, item in sorted(truth.items())
    ]


def _zh_set() -> list[tuple[str, str, str]]:
    truth = json.loads((ZH_SET / "truth.json").read_text(encoding="utf-8"))
    return [
        ((ZH_SET / f"{pid}.html").read_text(encoding="utf-8"), item["url"], item["articleBody"])
        for pid, item in sorted(truth.items())
    ]


def _f1(pages, extract) -> float:
    return score((truth, extract(html, url)) for html, url, truth in pages).f1


def _trafilatura(html: str, url: str) -> str:
    return trafilatura.extract(html, url=url, include_comments=False) or ""


@pytest.mark.parametrize(("load", "floor"), [(_zyte_sample, 0.95), (_zh_set, 0.98)])
def test_f1_pinned_and_above_trafilatura(load, floor):
    pages = load()
    ours = _f1(pages, main_text)
    assert ours >= floor
    assert ours >= _f1(pages, _trafilatura)


def _page(name: str) -> str:
    return (FIXTURES / "zh" / f"{name}.html").read_text(encoding="utf-8")


CASES = {
    "chinanews": (
        [
            "中新网广州11月20日电",
            "具备十一千米的钻探能力",
            "首个科考航次将前往南海开展深部钻探作业",
        ],
        [
            "【编辑:黄钰涵】",
            "冬季出游好去处",
            "相关新闻",
            "深海勇士号",
            "点击排行",
            "不代表中新社",
            "关于我们",
            "京ICP证",
            "我国首艘大洋钻探船完成首次试航\n",
        ],
    ),
    "wechat": (
        [
            "最近，几家电池企业相继宣布",
            "01 为什么大家都在押注固态电池",
            "第三是工艺问题",
            "大规模普及则可能要等到2030年以后",
        ],
        [
            "点击蓝字",
            "END",
            "编辑：小北",
            "如有侵权",
            "往期推荐",
            "钠离子电池",
            "阅读原文",
            "微信扫一扫",
            "喜欢此内容",
            "精选留言",
            "北方的狼",
            "循环寿命还是达不到",
        ],
    ),
    "blog": (
        [
            "在生产环境中使用 asyncio 一年多",
            "一、在协程里调用阻塞函数",
            "    await asyncio.sleep(1)",
            "以上就是我总结的三个坑",
        ],
        [
            "本文版权归作者",
            "好文要顶",
            "上一篇",
            "TaskGroup",
            "nest_asyncio",
            "评论列表",
            "登录后才能",
            "园龄",
            "最新随笔",
            "Powered by",
        ],
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_chinese_page_keeps_article_drops_furniture(name):
    text = main_text(_page(name), f"https://example.cn/{name}.html")
    must, must_not = CASES[name]
    for phrase in must:
        assert phrase in text
    for phrase in must_not:
        assert phrase not in text


def test_bench_page_drops_portal_notices():
    text = main_text((ZH_SET / "sina-tech-0001.html").read_text(encoding="utf-8"))
    assert text.startswith("据多位产业链人士透露")
    for phrase in ("原标题", "新浪声明", "责任编辑", "图片来源", "相关新闻", "分享到", "科技热榜"):
        assert phrase not in text


@pytest.mark.parametrize("html", ["", "   ", "not html at all", b"<html><body></body></html>"])
def test_empty_or_odd_input_gives_a_string(html):
    assert isinstance(main_text(html), str)


def test_bytes_input_with_declared_charset():
    html = "<html><head><meta charset='gbk'></head><body><article>"
    html += "<p>这是一段用于测试编码识别的正文内容，长度足够被当作文章段落来处理。</p>" * 5
    html += "</article></body></html>"
    assert "测试编码识别" in main_text(html.encode("gbk"))


@pytest.mark.parametrize(
    "text",
    [
        "责任编辑：王小明 SF069",
        "作者 | 王言",
        "(责编：赵晶、李明)",
        "本报记者　刘洋",
        "2026-11-19 11:05 来源：澎湃新闻",
        "《 人民日报 》（ 2026年11月16日 02 版）",
        "该文观点仅代表作者本人，36氪平台仅提供信息存储空间服务。",
        "点击蓝字 关注我们",
        "END",
        "关于我们 | 联系我们 | 广告服务 | 法律声明",
        "查看完整版本: 社会资本、人力资本与下岗职工的再就业",  # Discuz!'s archiver
        "喜欢这篇文章？去 App 商店搜 好奇心日报 ，每天看点不一样的。",
        "主题已经关闭，停止回复．",  # a 2005 forum's closed thread
        "【打印本稿】",
        "分享让更多人看到",
        "第1页/共1页 << 上一页 | 下一页 >>",  # a 2005 portal's pager
        "Page 2 of 5 « Previous | Next »",
        "返回腾讯网首页>>",
        "目前没有热门跟贴",  # a comment box still empty
        "更多猛料！欢迎扫描左方二维码关注新浪新闻官方微信（xinlang-xinwen）",
        "当前位置：首页->军事技术",  # a breadcrumb of a 2001 personal site
        "1. 任何言论纯属作者个人观点，与乐趣园无关；",  # a 2005 forum's rules
        "本文通告引用(Trackback)链接: /wp-trackback.php?p=1700",  # chinesenewsnet-blog-1
        "(本文发表于首页批评与建议, 已被阅读178次)",
        "请遵守天涯社区公约言论规则，不得违反国家法律法规回复(Ctrl+Enter)",  # tianya-bbs-1
        "Ground Game: Sign up for AP’s weekly politics newsletter to get it in your inbox.",
        # a labelled link to another article set among the paragraphs (lemonde-1, cnet-1)
        "Lire aussi : Les critiques de la CNIL contre le projet de loi sur le renseignement",
        "Read more: Smart Rings Are Picking Up Where Fitness Trackers Left Off",
        "Lesen Sie auch: Was die neue Regel für Mieter bedeutet",
        # kbs-world-1's cookie notice after the text
        "This website uses cookies and other technology to enhance quality of service.",
    ],
)
def test_boilerplate_lines(text):
    assert is_boilerplate(text)


@pytest.mark.parametrize(
    "text",
    [
        "记者在启动仪式现场看到，三十多家车企带来了近百款车型参展。",
        "阿里巴巴发布声明称，网传消息不实，公司将追究造谣者的法律责任。",
        "2026年前三季度，国内半导体设备市场规模约为两千一百亿元。",
        "| 17 | Daniel Suarez | 846 | 0 | 1 |",
        "2018.04.05 ~ OPEN RUN",
        "用户可以在 App Store 中找到这款应用，但目前只有英文版本。",
        "第3页的表格列出了各省的数据。",
        "记者扫描二维码后发现，该网站是一家境外博彩网站。",
        "专家认为这纯属个人行为，与公司无关。",
        "他呼吁企业遵守行业公约，在海外经营中不得违反当地法律。"
        * 8,  # a report, too long for a notice
        "The company said it would sign up more users after its newsletter service launched.",
        "Read more about the study in the journal, where the authors describe their method.",
        "Google uses cookies to follow users across sites, the regulator found on Tuesday.",
    ],
)
def test_article_lines_are_not_boilerplate(text):
    assert not is_boilerplate(text)


def test_a_page_without_html_element_is_read_as_a_document():
    """A crawler's ``<text>`` wrapper or a saved fragment: trafilatura's loader refuses it."""
    paragraph = (
        "承蒙开心就好的邀请，很高兴入住博客堂。作为微软技术的知名社区，博客堂是做技术博客的好地方。"
    )
    html = (
        '<text id="http://blog.example.com/archive/2004/12/27/41810.aspx" encoding="unset">'
        f"<form><div id='main'><div class='post'><h2>很高兴入住博客堂</h2><P>{paragraph}</P>"
        f"<P>{paragraph * 2}</P><P>{paragraph}</P></div></div></form></text>"
    )
    assert paragraph in main_text(html)


def test_f1_on_real_chinese_pages_is_pinned():
    """69 real portal, blog and forum pages (``bench/data/zh-real``), many of them GB2312."""
    from bench.extraction import load_zh_real

    assert _f1(load_zh_real(ROOT / "bench/data/zh-real"), main_text) >= 0.95


def test_a_paragraph_set_directly_in_a_section_is_kept_and_a_caption_is_not():
    """WeChat sets an article's first paragraph as a <section>'s own text, which trafilatura
    skips; a figure's caption between paragraphs stays out as before."""
    first = (
        "7月29日上午，在第95个建军节来临之际，绥德县在县消防救援大队成功举行了"
        "庆八一双拥文艺汇演暨首届最美退役军人表彰大会。"
    )
    caption = (
        "图为表彰大会现场，33名最美退役军人代表在主席台前合影留念，县领导为他们颁发了荣誉证书。"
    )
    paragraphs = [
        "县退役军人事务局党组书记、局长霍海军向大会致词，副局长宣读了关于表彰首届最美退役军人的决定。",
        "会上，对经各镇各单位遴选推荐、评委会评审通过的六个类别的33名最美退役军人进行了表彰。",
        "会议指出，拥军优属、拥政爱民是绥德军地的优良传统，要把拥军优属工作向企业拓展，向基层延伸。",
        "会议强调，要大力开展最美退役军人评选表彰活动，激励更多尊崇军人、关爱老兵的社会人士加入进来。",
    ]
    html = (
        "<html><head><title>绥德：33名退役军人被表彰</title></head><body><div id='js_content'>"
        f"<section><section>{first}</section></section><p>{paragraphs[0]}</p>"
        f"<figure><img src='a.jpg'><figcaption>{caption}</figcaption></figure>"
        + "".join(f"<p>{p}</p>" for p in paragraphs[1:])
        + "</div><div class='footer'><a href='/'>首页</a> <a href='/about'>关于我们</a></div>"
        "</body></html>"
    )
    text = main_text(html)
    assert first in text and all(p in text for p in paragraphs)
    assert caption not in text
    assert text.index(first) < text.index(paragraphs[0])


def test_a_sentence_of_keyword_links_between_paragraphs_is_kept_a_post_credit_is_not():
    """netease-money-2015-1: NetEase links its keywords, so a short sentence made mostly of
    links ("<a>期指</a><a>恶意做空</a>成<a>A股</a>大跌新的风暴点。") is dropped by both
    trafilatura runs for its link density; set between two kept paragraphs it is the
    article's. A short credit line with a date there ("本贴由X于2005年8月12日…发表.") is not."""
    paragraphs = [
        "李克强总理在欧洲表示，要培育公开透明、长期稳定健康发展的资本市场和货币市场，不断巩固中国经济向好基础。",
        "在1日晚间连施三大利好政策后，证监会昨晚再放招，发言人回应期指恶意做空时表示将组织稽查执法力量进行专项核查。",
        "文末的感叹号似乎显示，已经连续多日加班的证监会怒了，要对期指恶意做空动真格的了，市场人士这样解读。",
        "一位从事期货相关业务多年的机构人士表示，目前市场上存在一种行为，通过做空造成现货市场融资被强平。",
    ]
    linked = (
        "<a href='/keywords/1.html'>期指</a><a href='/keywords/2.html'>恶意做空</a>成"
        "<a href='/quotes/'>A股</a>大跌新的风暴点。"
    )
    credit = (
        "<center>本贴由<b>大卫</b>于2005年8月12日16:12:21在〖<a href='/bbs/107245'>心灵体操"
        "（在线心理咨询）</a>〗发表.</center>"
    )
    html = (
        "<html><head><title>证监会严打期指恶意做空</title></head><body><div id='endText'>"
        f"<p>{paragraphs[0]}</p><p>{linked}</p><p>{paragraphs[1]}</p>"
        f"<p>{paragraphs[2]}</p><p>{credit}<p>{paragraphs[3]}</p>"
        "</div><div class='footer'><a href='/'>首页</a> <a href='/about'>关于我们</a></div>"
        "</body></html>"
    )
    text = main_text(html)
    assert "期指恶意做空成A股大跌新的风暴点。" in text.splitlines()
    assert text.index(paragraphs[0]) < text.index("风暴点") < text.index(paragraphs[1])
    assert "心灵体操" not in text


def test_the_first_line_of_a_block_split_by_br_stays_with_the_rest():
    """zgshige-1: a poem in one <div>, its lines split by <br>; trafilatura's fast precision
    setting drops the <div>'s own text before the first <br>, so only the base voted for it.
    A line voted out that is not such a block's head stays out."""
    poem = ["深夜看书须尽欢，", "明月照亮浊酒案。", "一杯美酒空对月，"]
    tree = lxml.html.fromstring(
        f"<div><p>题记：即兴所作</p><div class='font14'>{'<br>'.join(poem)}<br><br></div>"
        "<p>所有评论仅代表网友意见</p><p>注释：夜深人静时。</p></div>"
    )
    lines = ["题记：即兴所作", *poem, "所有评论仅代表网友意见", "注释：夜深人静时。"]
    votes = [False, False, True, True, False, True]
    assert with_block_heads(lines, votes, tree) == [False, True, True, True, False, True]
    spaced = lxml.html.fromstring(f"<div><div>{poem[0]}<br><br>{poem[1]}</div></div>")
    assert with_block_heads(poem[:2], [False, True], spaced) == [True, True]


_LINE = st.lists(st.sampled_from(["中", "文字", "a", "bb cc", "12 3", " ", "，", "hello world"]))


@given(st.lists(st.tuples(_LINE.map("".join), st.booleans()), max_size=8))
def test_kept_lines_are_compared_as_the_text_they_form(marked):
    """The agreement pass reuses a text's shingles for the lines it keeps: they must be the
    shingles of the kept lines read as one text, however the cuts fall."""
    lines = [line for line, _ in marked]
    keep = [ok for _, ok in marked]
    fresh = Lines([line for line, ok in marked if ok])
    kept = Lines(lines).kept(keep)
    assert kept.lines == fresh.lines
    assert kept.per_line == fresh.per_line
    assert kept.shingles == fresh.shingles


def test_a_recommendation_box_set_mid_text_does_not_end_the_article():
    """cn-biz-yahoo-2005-2: a 2005 portal sets a "推荐阅读" box between two runs of the
    article's paragraphs; the comments heading after the article still ends it."""
    para = "这是文章正文中的一个段落，讲述事件的经过和各方的看法，长度足够当作正文。"
    box = (
        "<div class='box'><div><b>推荐阅读</b></div><ul><li><a href='/a.html'>另一篇文章的标题"
        "</a></li><li><a href='/b.html'>第二篇文章的标题链接</a></li></ul></div>"
    )
    html = (
        "<html><body><div id='nav'><a href='/'>首页</a></div><div class='text'>"
        + "".join(f"<p>第{i}段。{para}</p>" for i in range(1, 5))
        + box
        + "".join(f"<p>第{i}段。{para}</p>" for i in range(5, 8))
        + "</div><div><h3>网友评论</h3>"
        + "<p>网友甲：这篇报道写得很好，希望以后多一些这样深入的调查，谢谢记者的辛苦。</p>"
        + "</div></body></html>"
    )
    text = main_text(html)
    assert "第1段" in text and "第7段" in text
    assert "网友甲" not in text and "另一篇文章" not in text
    bare = html.replace(box, "<p>推荐阅读</p>")  # a heading line of its own: the article's end
    assert "第4段" in main_text(bare) and "第5段" not in main_text(bare)


def test_a_menu_of_short_list_items_after_the_text_is_cut_a_list_in_it_is_not():
    """A portal's channel tabs (163's "推荐 娱乐 体育 …", left once the ranking list above
    them is cut) or reaction buttons (ifeng's "好文 钦佩 喜欢 …") end no article."""
    para = "这是文章正文中的一个段落，讲述事件的经过和各方的看法，长度足够当作正文。"
    steps = ["- 打开设置", "- 选择网络", "- 重启路由"]
    article = [f"第1段。{para}", *steps, f"第2段。{para}"]
    tabs = [f"- {w}" for w in ("推荐", "娱乐", "体育", "财经", "时尚", "科技")]
    tree = lxml.html.fromstring("<html><body><p>x</p></body></html>")
    assert clean_lines(article + tabs, tree) == article
    assert clean_lines(article[:-1], tree) == article[:-1]  # three steps end the text: kept


def test_table_rows_of_links_or_of_nothing_are_no_text():
    """cn-biz-yahoo-2005-1: an ad box set in the article's table comes out as rows of links."""
    para = "这是文章正文中的一个段落，讲述事件的经过和各方的看法，长度足够当作正文。"
    tree = lxml.html.fromstring(
        "<html><body><p>x</p><a href='/1'>医疗关注--前列腺新发现</a>"
        "<a href='/2'>皮肤顽疾----康复圣地</a></body></html>"
    )
    rows = ["|  |  |", "| · | 医疗关注--前列腺新发现 | · | 皮肤顽疾----康复圣地 |"]
    table = "| 产品 | 价格 |"  # a table of the article: no links
    lines = [f"第1段。{para}", *rows, table, f"第2段。{para}"]
    assert clean_lines(lines, tree) == [f"第1段。{para}", table, f"第2段。{para}"]


def test_when_both_trafilatura_runs_return_scraps_the_density_text_is_the_article(monkeypatch):
    """A WeChat article (GeneralNewsExtractor's wechat-1) where trafilatura kept only the
    account box ("微信号 FViewXFG", "功能介绍 …"): the article was lost."""
    from archiver.extract import maintext

    scraps = "微信号 FViewXFG\n功能介绍\n信息来源于网络\n已留言\n微信扫一扫"
    monkeypatch.setattr(maintext, "_trafilatura", lambda *args: scraps)
    para = "今天凌晨，三星在美国旧金山举行发布会，正式发布旗下新一代旗舰手机 Galaxy S20 系列机型。"
    html = (
        "<html><body><div class='profile'>微信号 FViewXFG 功能介绍</div><div id='js_content'>"
        + "".join(f"<section><span>{para}第{i}段。</span></section>" for i in range(20))
        + "</div></body></html>"
    )
    text = main_text(html)
    assert text.startswith(para) and "第19段" in text


def test_a_short_article_no_pass_agrees_on_is_the_density_texts_paragraphs():
    """netease-money-2015-33 (chrislinan/cx-extractor-python, MIT): trafilatura's fast run
    takes the related-news list and the comment box for the article, its precision run the
    navigation; the three short paragraphs of ``#endText`` are the article."""
    from archiver.extract.page import decode_html

    page = ROOT / "tests/fixtures/realworld/pages/netease-money-2015-33.html.gz"
    text = main_text(decode_html(gzip.decompress(page.read_bytes())))
    assert text.startswith("中国6月汇丰服务业PMI为51.8，为5个月以来最低水平，前值53.5。")
    assert "澳元/美元延续跌势，此前中国汇丰服务业PMI跌至五个月新低。" in text
    assert "汇丰9月服务业PMI回落" not in text and "人参与" not in text


def _sections(*blocks: str) -> str:
    return (
        "<html><body><div id='nav'><a href='/'>首页</a> <a href='/shi'>诗</a></div>"
        "<div class='prose-left'><h1>夜雨</h1>" + "".join(blocks) + "</div></body></html>"
    )


def _section(heading: str, text: str, cls: str = "shangxi") -> str:
    more = "<span><a href='/more'>更多</a></span>"
    return f"<div class='{cls}'><h3>{heading}</h3>{more}<p>{text}</p></div>"


BACKGROUND = (
    "此诗写于元和六年，时年白居易四十岁。从独宿在空堂可以看出，此诗是为一个与作者相爱的女子而写。"
)
APPRECIATION = (
    "这首诗不是唐代所流行的工整的今体诗，它共有七句话，前四句大量的重复用字，也并不合乎诗歌的习惯。"
)
NOTES = "我有着深深思念的人，却相隔在远远的异乡。我有所感怀的事情，深深的刻在心上，故乡遥远回不去。"


def test_an_article_continued_in_sibling_sections_of_one_class_keeps_each_in_page_order():
    """dugushici-1, ipa-go-jp-1: the passes keep one of the headed sibling sections the
    article runs on in (a poem's notes, background, appreciation) and stop there."""
    from archiver.extract.continued import with_continued_sections

    page = lxml.html.fromstring(
        _sections(
            _section("译文及注释", NOTES),
            _section("创作背景", BACKGROUND),
            _section("赏析", APPRECIATION),
        )
    )
    assert with_continued_sections([APPRECIATION], page) == [
        "译文及注释",
        NOTES,
        "创作背景",
        BACKGROUND,
        APPRECIATION,
    ]


def test_sibling_sections_of_comments_related_links_or_a_long_list_are_not_the_article():
    from archiver.extract.continued import with_continued_sections

    comments = _section("网友评论", BACKGROUND)
    links = _section("往期文章", f"<a href='/a'>{BACKGROUND}</a>")
    for other in (comments, links):
        page = lxml.html.fromstring(_sections(_section("赏析", APPRECIATION), other))
        assert with_continued_sections([APPRECIATION], page) == [APPRECIATION]
    teasers = [_section(f"第{i}篇", BACKGROUND, "card") for i in range(7)]
    page = lxml.html.fromstring(_sections(_section("赏析", APPRECIATION, "card"), *teasers))
    assert with_continued_sections([APPRECIATION], page) == [APPRECIATION]


def test_lists_of_linked_places_between_kept_lines_go_back_and_related_stories_do_not():
    """asahi-1: an earthquake report lists each prefecture's towns, each a link to its topic
    page, between lines every pass keeps; NetEase's related stories in the same shape link to
    numbered story addresses."""
    from archiver.extract.linkedlists import with_linked_lists

    def topics(*words: str) -> str:
        return "、".join(f"<a href='//www.asahi.com/topics/word/{w}.html'>{w}</a>" for w in words)

    page = lxml.html.fromstring(
        "<html><body><div class='article'><p>各地の震度は次のとおり。</p><p>＜震度5弱＞</p>"
        f"<p><a href='/area/miyazaki/'>宮崎県</a>：{topics('高鍋町', '新富町', '宮崎市')}</p>"
        "<p>＜震度4＞</p></div></body></html>"
    )
    kept = ["各地の震度は次のとおり。", "＜震度5弱＞", "＜震度4＞"]
    assert with_linked_lists(kept, page) == [
        "各地の震度は次のとおり。",
        "＜震度5弱＞",
        "宮崎県：高鍋町、新富町、宮崎市",
        "＜震度4＞",
    ]
    related = lxml.html.fromstring(
        "<html><body><p>证券要闻</p><p><a href='http://money.163.com/15/0704/04/ATLE256Q.html'>"
        "沪指3周重挫近30%</a> <a href='http://money.163.com/15/0704/11/ATM5UJDH.html'>券商大佬齐聚"
        "证监会</a></p><p>行业动态</p></body></html>"
    )
    assert with_linked_lists(["证券要闻", "行业动态"], related) == ["证券要闻", "行业动态"]
