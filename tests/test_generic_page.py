"""Generic extraction of whole pages: what the stored body keeps that extractors leave out."""

from archiver.extract.page import parse_article_page
from archiver.extract.rules import SiteRules

RULES = SiteRules(site="generic", name="", layouts=(), article_urls=())

HEISE = "https://www.heise.de/news/Ionos-Phishing-Masche-mit-neuen-EU-Richtlinien-9691259.html"
LEAD = (
    "Das Phishingradar warnt vor einer Phishing-Masche, bei der Ionos-Kunden angeblich zu "
    "neuen EU-Richtlinien zustimmen müssen."
)
HEISE_TEXT = [
    "Aktuell sehen es Cyberkriminelle auf Daten von 1&1- beziehungsweise Ionos-Kunden ab. "
    "Aufhänger der betrügerischen Phishing-Masche sind angebliche neue EU-Richtlinien, denen "
    "die Kunden zustimmen müssten.",
    "Das Phishingradar der Verbraucherzentrale warnt, dass derzeit zahlreiche Nachrichten mit "
    "Betreffzeilen wie „Bitte bestätigen Sie Ihre E-Mail-Adresse“ zugeschickt würden. Der "
    "Nachrichtentext enthalte eine persönliche Ansprache mit korrektem Namen.",
    "Die betrügerischen Nachrichten erläutern sodann, dass Ionos-Kunden die Nutzungsbedingungen "
    "zu neuen EU-Richtlinien akzeptieren müssten. Wer versäume zuzustimmen, erhalte eine "
    "vorübergehende Sperre der E-Mail-Adresse.",
    "Die Verbraucherzentrale erläutert, dass sich die Betrugsabsicht etwa anhand der "
    "fehlerhaften Absenderadresse der Mail erkennen lasse, anhand der Drohung sowie am frei "
    "erfundenen Vorwand.",
]


def _heise(lead_markup: str) -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in HEISE_TEXT)
    return (
        "<html><head><title>Ionos-Phishing: Masche mit neuen EU-Richtlinien | heise online"
        f'</title><meta property="og:description" content="{LEAD} "></head><body>'
        "<nav><a href='/'>heise online</a> <a href='/thema/Security'>Security</a></nav>"
        "<article><header><h1>Ionos-Phishing: Masche mit neuen EU-Richtlinien soll Opfer "
        f"überzeugen</h1>{lead_markup}</header><div class='article-content'>{paragraphs}</div>"
        "</article><footer>Impressum Datenschutz</footer></body></html>"
    )


def test_the_standfirst_printed_under_the_title_is_the_bodys_first_paragraph():
    """heise prints its lead in the article's <header>, which trafilatura and the density
    pass skip; it says what og:description says, so it is the article's."""
    page = parse_article_page(_heise(f'<p class="a-article-header__lead">{LEAD}</p>'), HEISE, RULES)
    assert page is not None
    assert page.text.split("\n\n")[0] == LEAD
    assert page.text.count("Das Phishingradar warnt vor") == 1


def test_a_description_the_page_does_not_print_above_the_text_is_not_added():
    page = parse_article_page(_heise(""), HEISE, RULES)
    assert page is not None and LEAD not in page.text


def test_a_lead_the_page_labels_under_the_title_is_kept_without_a_description():
    """39net-2: no og:description; the summary div ("核心提示：…") sits between the <h1> and
    the content container, where extractors skip it."""
    summary = (
        "核心提示：腊八节要吃腊八粥，但很多年轻人并不知道腊八粥该怎样做？"
        "今天小编就来教大家怎样做一碗好吃的腊八粥。"
    )
    paragraphs = [
        "农历腊月初八是腊八节，腊八节要吃腊八粥，豆子那么硬，怎样才能快速煮烂？粥怎样才能煮得黏稠？",
        "把各种谷类和豆类或其它一些不容易煮熟烂的食材，在头一天晚上洗干净、用温水浸泡，水量要足够。",
        "第二天熬粥的时候，锅中的水烧开后，泡好的食材和浸泡用的水一起倒入锅中，这样熬制的时间短。",
        "熬粥过程中，有的人认为，粥锅表面浮有一层浮沫，影响粥的美观。其实这些浮沫含有很多营养。",
    ]
    html = (
        "<html><head><title>煮一碗好吃的腊八粥，请记好这几个小窍门_饮食_39健康网</title></head><body>"
        "<div class='art_box'><h1>煮一碗好吃的腊八粥，请记好这几个小窍门</h1>"
        f"<div class='art_summary'>{summary}</div><div class='art_content'>"
        + "".join(f"<p>{p}</p>" for p in paragraphs)
        + "</div></div></body></html>"
    )
    page = parse_article_page(html, "https://food.39.net/a/210120/8540371.html", RULES)
    assert page is not None
    assert page.text.split("\n\n")[0] == summary
    assert page.text.count("核心提示") == 1


def test_a_post_whose_page_names_no_title_is_kept_under_its_first_sentence():
    """A 2005 DoNews blog post saved without <title>, heading or og:title: the article is
    stored, not lost for want of a title."""
    post = (
        "昨天兜兜转转看到老冒的blog文章，文章里面的很多东西分析得非常透彻。不过看到中间有一句耐心寻味的话。",
        "老冒的目标着实让人很惊讶。如果uuzone今天只是个个人网站或者纯出于兴趣做的，那么做最cool的东西是很顺利成章的事情。",
        "而且，作为一个有着长远目标、最终想要赚钱的商业网站，却把产品目标定在“最cool”的产品，让人手心捏一把汗。",
    )
    html = (
        "<html><body><div class='post'><div class='postText'>"
        + "".join(f"<p>{p}</p>" for p in post)
        + "</div></div></body></html>"
    )
    page = parse_article_page(html, "http://blog.donews.com/w/archive/2005/09/07/1.aspx", RULES)
    assert page is not None
    assert page.title == "昨天兜兜转转看到老冒的blog文章，文章里面的很多东西分析得非常透彻。"
    assert all(p in page.text for p in post)


def test_text_set_loose_after_a_picture_block_is_kept_with_its_links():
    """engadget-2010-1: the first paragraph is the tail of the picture's ``<div>``, with links
    in it; trafilatura alone drops the text before the first link."""
    html = (
        "<html><head><title>Verizon FiOS boxes get a new guide</title></head><body>"
        "<h1>Verizon FiOS boxes get a new guide</h1><div class='post_body'>"
        "<div style='text-align: center;'><img src='/media/44ni600.jpg'></div>"
        "Streaming TV to mobiles is nice, but we enjoy watching TV on the TV as well. "
        "Version 1.9 of its <a href='/tag/fios'>FiOS TV</a> guide software will "
        "<a href='/2009/guide'>finally add</a> a 16x9 guide to those Motorola boxes.<br><br>"
        "New updates include support for external storage, automatic chaptering on "
        "recordings, and an undelete button to bring back removed recordings.<br>"
        "<div><img src='/media/fios19gui2.jpg'></div></div></body></html>"
    )
    page = parse_article_page(html, "http://www.engadget.com/2010/08/18/verizon-fios/", RULES)
    assert page is not None
    assert page.text.startswith("Streaming TV to mobiles is nice")
    assert "Version 1.9 of its FiOS TV guide software will finally add a 16x9" in page.text
    assert '<a href="http://www.engadget.com/tag/fios">FiOS TV</a>' in page.body
    assert "New updates include support" in page.text


def test_text_set_loose_after_a_picture_block_and_a_comment_is_kept():
    """biglobe-news-1 (adbar/htmldate, Apache-2.0): the first paragraph follows the picture's
    ``</div> <!-- /img-bx -->``, and begins with keyword links."""
    lead = "人気アイドルグループ・<a href='/list/010/675/' class='tx-kw'>乃木坂46</a>の"
    html = (
        "<html><head><title>与田祐希“すっぴんショット”公開</title></head><body>"
        "<h1>与田祐希“すっぴんショット”公開</h1><div class='news-body tx cf'>"
        "<div class='img-bx large'><div><img src='/ori_thum800.jpg'></div>"
        "<div class='cap'><p class='cap-txt'>与田祐希写真集『無口な時間』未収録の"
        "“すっぴんショット”</p></div></div> <!-- /img-bx -->\n"
        f"　{lead}<a href='/list/040/828/'>与田祐希</a>（19）の2nd写真集『無口な時間』"
        "（3月10日発売・光文社）から、未収録の“すっぴんショット”が公開された。<br><br>"
        "　このカットは、撮影の舞台となったイタリア・ミラノのホテルで撮られた一枚。この日は"
        "ミラノの街で撮影を行い、夕食後にホテルに戻り、メイクを落としてすっぴんで眠りにつく"
        "までを撮影。キュートなちょんまげにおでこ出し、キャミソール姿でベッドの上でゴロゴロ"
        "する、与田の貴重なプライベートタイムを切り取った。</div></body></html>"
    )
    url = "https://news.biglobe.ne.jp/entertainment/0215/oric_200215_7568645051.html"
    page = parse_article_page(html, url, RULES)
    assert page is not None
    assert "人気アイドルグループ・乃木坂46の与田祐希（19）の2nd写真集" in page.text


def test_a_page_main_text_finds_nothing_on_reads_its_header_from_the_bodys_text():
    """mlog-club-2 (opendatalab/magic-html, Apache-2.0): main_text keeps nothing of a short
    forum post; the body the HTML gives locates the header, so the post's own time is read,
    not the first comment's ("鹿小町 2021-01-01 10:34:38 可以的…" under "8条评论")."""
    import gzip
    from pathlib import Path

    from archiver.extract.page import decode_html

    stored = Path(__file__).parent / "fixtures/realworld/pages/mlog-club-2.html.gz"
    html = decode_html(gzip.decompress(stored.read_bytes()))
    page = parse_article_page(html, "https://mlog.club/topic/1666", RULES)
    assert page is not None and page.published is not None
    assert page.published.isoformat() == "2020-12-30T19:24:15+08:00"
