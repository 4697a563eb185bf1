"""Page furniture that every extractor agrees on: a flattened page's menus and footer, a blog
page's later posts, a post template's recurring lines. Snippets from real pages of
`tests/fixtures/realworld/` (an old Yahoo China table layout, a 2005 wenxuecity blog)."""

import lxml.html

from archiver.extract.cleanup import clean_lines
from archiver.extract.edges import trim_edges
from archiver.extract.mainblocks import keep_main_blocks
from archiver.extract.posts import drop_poster_card, first_post

ARTICLE = [
    "像许多日本女性一样，顺子一直等到30岁出头才结婚。在决定结婚后，顺子便把精力放在建立新家庭上。"
    "顺子夫妇现在已经结婚15年了，仍没有孩子，但他们并非没有生育能力。",
    "妻子变成替代母亲",
    "据英国《卫报》4日报道，目前，每年平均有200名过着无性婚姻生活的日本女性到东京郊区的一家诊所寻求帮助。",
]
# The Yahoo China page as both trafilatura settings return it: its layout table's rows.
FLATTENED = [
    "| 雅虎中国 - 体育 - 娱乐 - 房产 - 汽车 - 电邮 |",
    "|  |  |",
    "| 西门子无绳电话邀您 | 看新闻 读新闻 评新闻 | 真切 持久 更自由 |",
    "| 首页 |  | 滚动 |  | 国内 |  | 国际 |",
    *ARTICLE,
    "|  | 发送给朋友 |  |  | 发表评论 |  | 打印本文 |  |",
    "| 幻灯欣赏： |  |  |  |",
    "| 明星性感演出犒赏美军 | 婚纱泳衣让人耳目一新 | 现代和尚与时俱进 |",
    "| 05年怎样投资最赚钱？ |",
    "| 首家名牌时装折扣店！ |",
    "| 雅虎中国传输内容声明 |",
]


def _links(*texts: str) -> str:
    return " - ".join(f"<a href='/{i}'>{t}</a>" for i, t in enumerate(texts))


PAGE = lxml.html.document_fromstring(
    "<html><body><table>"
    f"<tr><td>{_links('雅虎中国', '体育', '娱乐', '房产', '汽车', '电邮')}</td></tr>"
    "<tr><td><b>西门子无绳电话邀您</b></td><td>"
    f"{_links('看新闻', '读新闻', '评新闻')}</td><td>{_links('真切 持久 更自由')}</td></tr>"
    f"<tr><td>{_links('首页')}</td><td>{_links('滚动')}</td><td>{_links('国内')}</td>"
    f"<td>{_links('国际')}</td></tr>"
    f"<tr><td><p>{ARTICLE[0]}</p><p><b>{ARTICLE[1]}</b></p><p>{ARTICLE[2]}</p></td></tr>"
    f"<tr><td>{_links('发送给朋友', '发表评论', '打印本文')}</td></tr>"
    "<tr><td>幻灯欣赏：</td><td>"
    f"{_links('明星性感演出犒赏美军', '婚纱泳衣让人耳目一新', '现代和尚与时俱进')}</td></tr>"
    f"<tr><td>{_links('05年怎样投资最赚钱？')}</td></tr>"
    f"<tr><td>{_links('首家名牌时装折扣店！')}</td></tr>"
    f"<tr><td>{_links('雅虎中国传输内容声明')}</td></tr>"
    "</table></body></html>"
)


def test_a_flattened_pages_menus_and_footer_are_cut_and_the_article_stays():
    """The ad slogan beside the channel links and the footer's section label ride along
    with the links around them; the article's heading, set in bold, stays."""
    assert trim_edges(FLATTENED, PAGE) == ARTICLE


def test_the_bold_headings_of_link_boxes_closing_a_short_text_go():
    """netease-money-2015-19 (chrislinan/cx-extractor-python, MIT): "证券要闻" and "行业动态",
    each a bold paragraph over a list of headlines, are left when the lists go."""
    text = [
        "值得注意的是，表态看好中国经济的公司数量正在不断扩大，近百家上市公司今日联合发声。",
        "而在资本市场上，前期逢高减持的产业资本，近期也出现逢低增持的动向。",
    ]
    boxes = "".join(
        f"<p><b>{heading}</b></p><p>{_links(headline)}</p>"
        for heading, headline in (
            ("证券要闻", "沪指3周重挫近30%"),
            ("行业动态", "航空股即将迎来旺季"),
        )
    )
    tree = lxml.html.document_fromstring(
        f"<html><body>{''.join(f'<p>{t}</p>' for t in text)}{boxes}</body></html>"
    )
    assert clean_lines([*text, "证券要闻", "行业动态"], tree) == text


def test_links_inside_the_text_and_a_linked_opening_sentence_stay():
    """Only the runs that open and close the text go: a link list between two paragraphs
    stays, and so does a first sentence the page links (a Fox News standfirst)."""
    lead = "James Van Der Beek has been eliminated from “Dancing with the Stars.”"
    paragraph = (
        "The actor and his partner were sent home on Monday night, days after his wife "
        "shared news that the couple had suffered a miscarriage, he told viewers."
    )
    page = lxml.html.document_fromstring(
        f"<html><body><p><a href='/dwts'>{lead}</a></p><p>{paragraph}</p>"
        f"<p>{_links('Cast', 'Scores', 'Schedule')}</p><p>{paragraph} Again.</p></body></html>"
    )
    lines = [lead, paragraph, "Cast - Scores - Schedule", paragraph + " Again."]
    assert trim_edges(lines, page) == lines


POSTS = [
    "| 湘菜粤菜 兵分两路 (图) | 2005-06-14 03:25:55 |  |",
    "湘菜粤菜兵分两路，新鲜的是，湘菜浓妆淡抹，粤菜却是明艳照人。虽然湖南人喜欢吃辣，但碍于广东的炎热气候，"
    "不得不多吃清淡的菜肴，为解他们思乡之苦，现在会多做保持湖南物料原汁原味的菜肴，家乡炖的老鸡汤香味浓郁。",
    "| [打印] |",
    "| 由海姑娘张贴 @ 2005-06-14 03:25:55 (370) 共 11 篇评论 发表评论 >>> |",
    "| 澳坛真的累了 | 2005-06-13 15:00:14 |  |",
    "我真的累了. 当斑竹半年来, 没有功劳也有苦劳, 而一切都怪我太认真.",
    "| [打印] |",
    "| 由海姑娘张贴 @ 2005-06-13 15:00:14 (697) 共 29 篇评论 发表评论 >>> |",
    "| (原创)爱上侦探小说,侦探电影等 | 2005-06-11 14:05:50 |  |",
    "读小学的时候，我就爱看侦探小说， 以及侦探电影. 虽然看不懂, 但是也觉得有味道.",
]


def test_a_blog_page_of_several_posts_keeps_the_first_post():
    assert first_post(POSTS) == POSTS[:4]


def test_a_thread_whose_posts_are_signed_under_their_text_keeps_the_opening_post():
    # netease-bbs-2005-1: each post closes with "〓 版块 发布时间 … by poster 〓"
    lines = [
        "我以往是一个最最最反感反日愤青的人，每次看到谁又拿日本人的事情捕风捉影，我就反感得不得了。",
        "先说一下，我一直喜欢的一个女歌手马上就要在3月底发行专辑了，而我要说的也是从这件事开始的。",
        "〓 网易娱乐 明星话题 发布时间 2005/03/15 22:36:13 by duscha 〓",
        "无聊",
        "〓 网易娱乐 明星话题 发布时间 2005/03/16 01:08:28 by mi来mi去 〓",
        "我真的有点无语...",
        "〓 网易娱乐 明星话题 发布时间 2005/03/16 21:10:00 by HIHIHI 〓",
    ]
    assert first_post(lines) == lines[:3]


def test_a_thread_set_in_table_cells_keeps_the_opening_post_up_to_its_signature():
    """netease-bbs-2005-1 as main_text returns it: the opening post and its signature fill one
    table cell, each reply another."""
    sign = "〓 网易娱乐 明星话题 发布时间 {} by {} 〓 |"
    lines = [
        "| 我以往是一个最最最反感反日愤青的人，每次看到谁又拿日本人的事情捕风捉影，"
        "我就反感得不得了。先说一下，我一直喜欢的一个女歌手马上就要在3月底发行专辑了。 ---- "
        + sign.format("2005/03/15 22:36:13", "duscha"),
        "|  | ← 返回 |",
        "| mi来mi去 | 楼主有病! ---- " + sign.format("2005/03/16 01:08:28", "mi来mi去"),
        "| HIHIHI | 我赞成 ---- " + sign.format("2005/03/16 21:10:00", "HIHIHI"),
    ]
    assert first_post(lines) == lines[:1]


def test_the_posters_card_under_a_forum_post_goes_and_a_short_last_line_stays():
    """mlog-club-2 (opendatalab/magic-html, Apache-2.0): a BBS-GO post, then its controls,
    the poster's motto and member counts; one count alone is no card."""
    post = [
        "又 双 叒 要放假了 元旦要来啦！！！！！",
        "提前祝大家元旦快乐！！！！！",
        "放假 放假 放假！！！",
    ]
    card = [
        "管理",
        "浏览 (640)",
        "本质上是个笨蛋，但只要努力就一定能做到",
        "积分",
        "1493",
        "话题",
        "108",
    ]
    assert drop_poster_card([*post, *card, "注册排名", "3006"]) == post
    assert drop_poster_card([*post, "全文完", "积分 1493"]) == [*post, "全文完", "积分 1493"]


def test_an_article_with_a_dateline_and_an_update_time_is_whole():
    """Two times (published, updated) or a forum post and its one reply are no list of posts."""
    lines = [
        "2005-04-05 06:40更新 来源：转载文章",
        ARTICLE[0],
        "更新时间：2005-04-06 10:12",
        ARTICLE[2],
    ]
    assert first_post(lines) == lines


def test_a_post_templates_recurring_lines_are_kept_once():
    """main_text kept the first post with its "[打印]" and footer; the later posts' copies of
    those lines match it word for word but are not the article's."""
    main = "\n".join([POSTS[1], "[打印]", "共 11 篇评论 发表评论 >>>"])
    posts = "".join(
        f"<table><tr><td><p>{text}</p></td></tr><tr><td>[打印]</td></tr>"
        f"<tr><td>共 {n} 篇评论 发表评论 >>></td></tr></table>"
        for text, n in ((POSTS[1], 11), (POSTS[5], 29), (POSTS[9], 17))
    )
    container = lxml.html.fragment_fromstring(posts, create_parent="div")
    assert keep_main_blocks(container, main)
    text = container.text_content()
    assert text.count("[打印]") == 1 and "29 篇评论" not in text and "我真的累了" not in text


def _sidebar_page(boxes: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(
        "<html><body><article><p>Der Start der Plattform ist Teil einer Überarbeitung.</p>"
        f"<p>Gebühren werden hierfür nicht fällig.</p></article>{boxes}</body></html>"
    )


def test_sidebar_box_headings_left_at_the_texts_end_are_cut():
    # winfuture-1: the boxes' link lists were dropped, their headings were not
    tree = _sidebar_page(
        '<div class="rightBxHead">Beiträge aus dem Forum</div>'
        '<div class="rightBxHead">Interessante Links</div><div>Vielen Dank!</div>'
    )
    article = [f"Absatz {n}: Der Start der Plattform ist Teil einer Reform." for n in range(8)]
    lines = [*article, "Beiträge aus dem Forum", "Interessante Links", "Vielen Dank!"]
    assert clean_lines(lines, tree) == article


def test_an_article_ending_on_one_heading_or_on_short_unmarked_lines_is_whole():
    tree = _sidebar_page("<h2>Fazit</h2>")
    article = [f"Absatz {n}: Der Start der Plattform ist Teil einer Reform." for n in range(8)]
    one_heading = [*article, "Fazit", "Gut."]
    assert clean_lines(one_heading, tree) == one_heading
    facts = [  # pixnet-1: a campsite's details end the post, set as plain lines
        *article,
        "美樹營地",
        "營地地址：新竹縣尖石鄉玉峰村6鄰20號",
        "GPS: N24 39 16.4 E121 18 19.5",
    ]
    assert clean_lines(facts, tree) == facts
