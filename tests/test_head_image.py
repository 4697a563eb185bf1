"""Which image is the article's own: not a promotion set in the text, not a banner strip, not
furniture that the extracted copy no longer shows as such."""

import lxml.html

from archiver.extract.body import resolve_images
from archiver.extract.headimage import head_image
from archiver.extract.images import page_images
from archiver.extract.page import parse_article_page
from archiver.extract.pictures import promotions
from archiver.extract.rules import SiteRules

URL = "https://business.example.com/2004-07-16/article.shtml"
PHOTO = "https://img.example.com/2004/07/photo.jpg"
PROMO = "https://img.example.com/mms/96554.jpg"


def page(body: str):
    return lxml.html.fromstring(f"<html><body>{body}</body></html>")


def test_an_image_linking_to_another_site_or_a_channel_front_page_is_no_head_image():
    for link in ("https://mms.example.com/pic?ref=251404", "/focus/cfj/index.shtml", "/"):
        root = page(f'<p><a href="{link}"><img src="{PROMO}"></a></p><p><img src="{PHOTO}"></p>')
        assert head_image(root, URL, [PROMO, PHOTO]) == PHOTO, link
    only_promo = page(f'<a href="https://mms.example.com/"><img src="{PROMO}"></a>')
    assert head_image(only_promo, URL, [PROMO]) == ""


def test_a_picture_linking_to_its_larger_version_or_inside_a_text_link_is_the_head_image():
    for body in (
        f'<a href="https://img.example.com/2004/07/photo-big.jpg"><img src="{PHOTO}"></a>',
        # its page of pictures (yomiuri-1) or WordPress's attachment page (japannews-1)
        f'<a href="/pluralphoto/20241203-OYT1I50202/"><img src="{PHOTO}"></a>',
        f'<a href="/attachment/216479/"><img src="{PHOTO}"></a>',
        f'<a href="https://other.example.org/">{"a long paragraph of text " * 3}'
        f'<img src="{PHOTO}"></a>',
    ):
        assert head_image(page(body), URL, [PHOTO]) == PHOTO


def test_a_redirect_leads_where_it_forwards_and_a_share_button_away():
    # cn-biz-yahoo-2005-2: the picture links, through the portal's click counter, to its
    # enlargement on the article's own site; a share button passes this page to another site
    counted = "https://rd.example.com/pic/enlarge/?https://business.example.com/2004-07-16/big.html"
    share = f"https://twitter.com/intent/tweet?url={URL.replace(':', '%3A').replace('/', '%2F')}"
    root = page(
        f'<p><a href="{share}"><img src="{PROMO}"></a></p><p><a href="{counted}">'
        f'<img src="{PHOTO}"></a></p>'
    )
    assert head_image(root, URL, [PROMO, PHOTO]) == PHOTO
    assert head_image(page(f'<a href="{counted}"><img src="{PHOTO}"></a>'), URL, [PHOTO]) == PHOTO


def test_furniture_is_judged_by_the_page_element_when_the_copy_lost_its_attributes():
    original = page(
        f'<img src="/images1/mail.gif" width=23 height=16><img src="/pic/shen01_1.gif" width="291" '
        f'height="30"><img src="{PHOTO}" width="600" height="400">'
    )

    def copy():
        return lxml.html.fragment_fromstring(
            f'<img src="/images1/mail.gif"><img src="/pic/shen01_1.gif"><img src="{PHOTO}">',
            create_parent="div",
        )

    assert len(resolve_images(copy(), URL).urls) == 3  # the copy alone cannot tell
    assert resolve_images(copy(), URL, page_images(original, URL)).urls == [PHOTO]


def test_a_density_srcset_leaves_src_first_a_width_srcset_gives_the_widest():
    """computerbase's gallery: src is the 1080 px picture, its "2x" a 560 px thumbnail;
    TechCrunch's widths name the original."""
    from archiver.extract.addresses import image_source

    dense = page(
        '<img src="/1-1080.jpg" srcset="/1-280.jpg 1x, /1-560.jpg 2x">'
        '<img src="data:image/gif;base64,R0lG" srcset="/2-280.jpg 1x, /2-560.jpg 2x">'
        '<img src="/3.jpg?w=1024" srcset="/3.jpg 3000w, /3.jpg?resize=300,200 300w">'
    )
    assert [image_source(img, URL) for img in dense.iter("img")] == [
        "https://business.example.com/1-1080.jpg",
        "https://business.example.com/2-560.jpg",
        "https://business.example.com/3.jpg",
    ]


def test_thumbnails_of_other_articles_are_promotions_not_the_articles_pictures():
    """A "week in review" item (thumbnail and headline linking to one story), a related list
    item, and a banner to the front page: out of the body and never the head image; a
    picture in a link to another site stays in the body but is not the head image."""
    from archiver.extract.pictures import promotions

    teaser = "https://img.example.com/news/pixel-8a/-184x111/000.jpg"
    listed = "https://img.example.com/news/ipad/-184x111/000.jpg"
    banner = "https://img.example.com/global.jpg"
    copied = "https://img.other.example.org/836431122770203636.jpg"
    root = page(
        f'<div class="news-item"><a href="/pixel-8a-62761.php"><img src="{teaser}"></a>'
        '<h2><a href="/pixel-8a-62761.php">Google announces Pixel 8a</a></h2></div>'
        f'<ul><li><a href="/ipad.php"><img src="{listed}"><span>Apple launches iPad Pros</span>'
        f'</a></li></ul><a href="../index.html"><img src="{banner}"></a>'
        f'<p align="center"><a href="http://www1.other.example.org/news/pic.html">'
        f'<img src="{copied}"></a></p><p><img src="{PHOTO}"></p>'
    )
    imgs = page_images(root, URL)
    promos = promotions(root, URL, imgs)
    assert promos == {teaser, listed, banner}

    body = lxml.html.fragment_fromstring(
        "".join(f'<img src="{u}">' for u in (teaser, listed, banner, copied, PHOTO)),
        create_parent="div",
    )
    assert resolve_images(body, URL, imgs, promos).urls == [copied, PHOTO]
    assert head_image(root, URL, [copied, PHOTO], imgs, promos) == PHOTO


def test_a_picture_shown_in_the_body_and_also_in_a_related_list_is_no_promotion():
    from archiver.extract.pictures import promotions

    root = page(
        f'<p><img src="{PHOTO}"></p><ul><li><a href="/other.html"><img src="{PHOTO}">'
        "<span>Another story of the same day</span></a></li></ul>"
    )
    assert promotions(root, URL, page_images(root, URL)) == set()


def test_a_small_square_beside_the_text_is_an_icon_not_the_articles_picture():
    """Phoronix sets a 100 x 100 category icon beside its text; an author photo of 116 x 116
    sits under the article (Joel on Software)."""
    from archiver.extract.images import is_decorative

    for size in ('width="100" height="100"', 'width="116" height="116"', "width=80 height=80"):
        img = page(f'<img src="/assets/categories/valve.webp" {size}>').find(".//img")
        assert is_decorative(img, "https://www.phoronix.com/assets/categories/valve.webp")
    for size in ('width="120" height="60"', 'width="300" height="300"', ""):
        img = page(f'<img src="{PHOTO}" {size}>').find(".//img")
        assert not is_decorative(img, PHOTO), size


def test_a_picture_captioned_with_the_title_above_it_is_the_articles_whatever_its_class():
    # qdaily-1: <img class="lazyload banner" alt="<the title>"> above an <h2> title, outside
    # the text's container; pcmag-1: a gallery's <img alt="<the title>"> between header and text
    title = "这个约会软件，想用你和对方的相似好恶来帮你找对象"
    banner = "http://img.qdaily.com/article/article_show/2017.png"
    html = (
        f"<html><body><div class='hd'><img class='lazyload banner' alt='{title}' src='{banner}'>"
        f"<h2 class='title'>{title}</h2></div><div class='bd'><p>一款约会软件想用相似好恶来帮"
        "用户找对象，它的做法是先让用户回答一组问题。</p><p>团队称他们已经做了一些试点。</p>"
        "</div><img class='banner' alt='下载好奇心日报' src='/ad.png'></body></html>"
    )
    rules = SiteRules(site="t", name="", layouts=(), article_urls=())
    page = parse_article_page(html, "http://www.qdaily.com/articles/38282.html", rules)
    assert page is not None and page.title == title
    assert page.images.urls == [banner]
    assert page.head_image == banner


def test_the_declared_picture_shown_in_another_size_is_the_head_image():
    # netzpolitik-1 (og: "schaubild.png", shown "schaubild-860x484.png") and engadget-2010-1
    # (og: "44ni600_thumbnail.jpg", shown "44ni600.jpg", linking to the article itself)
    url = "http://www.engadget.com/2010/08/18/verizon-fios-set-top-boxes/"
    for declared, shown in (
        (
            "https://cdn.example.org/2016/06/schaubild.png",
            "https://cdn.example.org/2016/06/schaubild-860x484.png",
        ),
        (
            "http://www.blogcdn.com/media/44ni600_thumbnail.jpg",
            "http://www.blogcdn.com/media/44ni600.jpg",
        ),
    ):
        root = lxml.html.fromstring(
            f"<html><head><meta property='og:image' content='{declared}'></head><body>"
            f"<p><img src='{PHOTO}'></p><div><a href='{url}'><img src='{shown}'></a></div>"
            "</body></html>"
        )
        assert head_image(root, url, [PHOTO, shown]) == shown


def test_a_gif_in_the_text_is_no_head_image():
    # bbs-cctv-2005-1: the forum's "has attachment" icon, images/havefile.gif, is the only image
    icon = "http://bbs.example.com/images/havefile.gif"
    assert head_image(page(f'<p><img src="{icon}"> 主题</p>'), URL, [icon]) == ""
    assert head_image(page(f'<img src="{icon}"><img src="{PHOTO}">'), URL, [icon, PHOTO]) == PHOTO


def test_a_gif_of_a_pictures_size_is_the_head_image():
    # quanta-1: the animated lede "LHF_2000x1000_O_Lede.gif" opens the text
    lede = "https://img.example.com/uploads/2019/05/LHF_2000x1000_O_Lede.gif"
    assert head_image(page(f'<img src="{lede}"><img src="{PHOTO}">'), URL, [lede, PHOTO]) == lede
    chart = "https://img.example.com/2019/chart.gif"
    sized = page(f'<img src="{chart}" width="640" height="400"><img src="{PHOTO}">')
    assert head_image(sized, URL, [chart, PHOTO]) == chart


def test_a_variant_a_responsive_script_lists_is_the_declared_picture_hidden_ones_are_not():
    # tagesschau-1: og:image "x~_v-videowebm.jpg", the <img> above the <h1> shows
    # "x~_v-modPremiumHalb.jpg" and lists the og size in data-ctrl-attributeswap;
    # sina-cn-2005-1: og:image is a WeChat share thumbnail kept in a display:none block
    url = "https://www.example.de/investigativ/datenleck-101.html"
    og = "https://www.example.de/bilder/rheinmetall-157~_v-videowebm.jpg"
    shown = "https://www.example.de/bilder/rheinmetall-157~_v-modPremiumHalb.jpg"
    swap = "{'s':{'src':'/bilder/rheinmetall-157~_v-videowebm.jpg'},'m':{'src':'/bilder/x.jpg'}}"
    head = f"<head><meta property='og:image' content='{og}'></head>"
    root = lxml.html.fromstring(
        f'<html>{head}<body><div class="media"><img data-ctrl-attributeswap="{swap}" '
        f'src="{shown}"></div><h1>Daten gehackt</h1></body></html>'
    )
    assert head_image(root, url, []) == shown
    share = og.replace("~_v-videowebm", "-share")
    hidden = lxml.html.fromstring(
        f"<html><head><meta property='og:image' content='{share}'></head><body><p>Text</p>"
        f"<div id='wx_pic' style='margin:0 auto;display:none;'><img src='{share}'></div>"
        "</body></html>"
    )
    assert head_image(hidden, url, []) == ""

    paragraphs = "".join(
        f"<p>Absatz {i}: Der Konzern bestätigte den Angriff auf seine Server am Dienstag.</p>"
        for i in range(4)
    )
    html = lxml.html.tostring(root, encoding="unicode").replace(
        "</h1>", f"</h1><div class='text'>{paragraphs}</div>"
    )
    rules = SiteRules(site="t", name="", layouts=(), article_urls=())
    parsed = parse_article_page(html, url, rules)
    assert parsed is not None and parsed.images.urls[:1] == [shown]  # set above the text


def test_a_news_photo_credited_in_its_caption_is_the_articles_though_it_links_away():
    # cw-forum-2: a blog post copies a news item whose photo links to the site it came from,
    # captioned "这次生育对小李的身体影响很大 本报记者 惠禾 摄"
    photo = (
        '<p align=center><a href="http://www1.example.net/news/pic.html"><img src="'
        + PHOTO
        + '"></a></p>'
    )
    for caption in ("这次生育对小李的身体影响很大 本报记者 惠禾 摄", "Photo: Reuters"):
        root = page(f"<div>{photo}　　{caption}<br>后面的正文。</div>")
        assert head_image(root, URL, [PHOTO]) == PHOTO, caption
    ad = page(f"<div>{photo}　　点击进入，了解更多优惠<br></div>")
    assert head_image(ad, URL, [PHOTO]) == ""


def test_a_wechat_button_a_qr_code_a_background_and_a_newsletters_picture_are_furniture():
    # xinhuanet-1 (GeneralNewsExtractor's copy): <div class="s-ewm"><img src=".../wx.png">
    # 关注新华网</div> beside the text and <img class="bg6" src=".../bg6.jpg"> behind it
    from archiver.extract.images import is_decorative

    for html, url in (
        ('<img src="/xl2017/images/wx.png">', "http://www.example.cn/xl2017/images/wx.png"),
        ('<div class="s-ewm"><img src="/i/2019.jpg"></div>', "http://www.example.cn/i/2019.jpg"),
        ('<img class="bg6" src="/images/bg6.jpg">', "http://www.example.cn/images/bg6.jpg"),
        # businessinsider-1: the newsletter sign-up's picture, set in the text
        (
            '<img src="/a/rebrand/newsletter-bull.png">',
            "https://www.example.com/a/newsletter-bull.png",
        ),
    ):
        assert is_decorative(page(html).find(".//img"), url), html
    lazy = page(f'<img class="empty_bg" data-lazyload="{PHOTO}">').find(".//img")  # ifeng-1
    assert not is_decorative(lazy, PHOTO)


def test_an_og_image_given_as_value_is_the_head_image_though_a_gif():
    # publickey-1: <meta value="…/p4236ga01.gif" name="og:image">, the figure in the text
    gif = "https://www.publickey1.jp/2019/p4236ga01.gif"
    root = lxml.html.fromstring(
        f'<html><head><meta value="{gif}" name="og:image"></head><body><p>Intel SSD</p>'
        f'<div class="imgCenter"><img src="{gif}" alt="fig"></div></body></html>'
    )
    assert head_image(root, "https://www.publickey1.jp/blog/19/x.html", [gif]) == gif


def test_icons_set_in_a_line_or_in_a_buttons_link_are_furniture():
    # cn-ent-yahoo-2005-2: <a href="#comm"><img src="…/ic_rev_06.gif" align="absmiddle">
    # 发表评论</a>, and a zoom icon set in a line
    from archiver.extract.images import is_decorative

    for html in (
        '<a href="#comm"><img src="/i/ic_rev_06.jpg">发表评论</a>',
        '<a href="javascript:print()"><img src="/i/p.jpg">打印本文</a>',
        '<a href="/mail"><img src="/i/s.jpg">发送给朋友</a>',
        '<p>点击<img src="/i/zoom.jpg" align="absbottom">看大图</p>',
    ):
        assert is_decorative(page(html).find(".//img"), "http://cn.example.com/i/x.jpg"), html
    caption = page(f'<a href="/050428/26pfu_pic1.html"><img src="{PHOTO}" width="300"></a>')
    assert not is_decorative(caption.find(".//img"), PHOTO)


def test_a_cdns_width_and_quality_suffix_a_hero_class_and_a_srcset_left_in_src():
    # techradar-1: og:image "rERQ…-1200-80.jpg", the hero <img class="block-image-ads
    # hero-image" src="rERQ…-1200-80.jpg"> above the text, an author's avatar shown as
    # "6Wh5….png" in the copy and "6Wh5…-140-80.png" on the page; tomshardware-1: the copy's
    # <img src="a-320-80.jpg 320w, a-970-80.jpg 970w"> (its page's data-srcset)
    from archiver.extract.addresses import image_source

    cdn = "https://cdn.mos.cms.futurecdn.net"
    hero = f"{cdn}/rERQRhw7xajcatmufxPXAM-1200-80.jpg"
    root = lxml.html.fromstring(
        f"<html><head><meta property='og:image' content='{hero}'></head><body>"
        f"<img class='block-image-ads hero-image' src='{hero}'><h1>Google's search makeover</h1>"
        f"<p>Google changed its search page.</p><img class='author__avatar' "
        f"src='{cdn}/6Wh5hw6gxNa22teaor9Pdn-140-80.png'></body></html>"
    )
    url = "https://www.techradar.com/computing/x"
    assert head_image(root, url, [f"{cdn}/6Wh5hw6gxNa22teaor9Pdn.png"]) == hero
    body = lxml.html.fragment_fromstring(
        f"<div><p>Google changed its search page.</p><img src='{cdn}/6Wh5hw6gxNa22teaor9Pdn.png'>"
        "</div>"
    )
    assert resolve_images(body, url, page_images(root, url)).urls == []  # the avatar
    copy = page(f'<img src="{cdn}/a-320-80.jpg 320w, {cdn}/a-970-80.jpg 970w">').find(".//img")
    assert image_source(copy, url) == f"{cdn}/a-970-80.jpg"


def test_an_icon_named_as_its_links_action_an_ad_servers_image_and_a_site_logo_are_furniture():
    # csolbbs-tiancity-1 (Discuz!): <a href="…action=printable" title="打印"><img
    # src="static/image/common/print.png" alt="打印"></a>, "上一主题" likewise;
    # bj-house-sina-2005-1: <img src="http://ad4.sina.com.cn/shc/xfrd_01.GIF">;
    # he-xinhuanet-2012-1: xinhualogo.gif
    from archiver.extract.images import is_decorative

    base = "http://bbs.example.cn/static/image/common"
    for html, url in (
        ('<a href="t.php?goto=next" title="上一主题"><img src="p.png" alt="上一主题"></a>', base),
        ('<a href="t.php?action=printable" title="打印"><img src="print.png"></a>', base),
        ('<img src="http://ad4.example.com.cn/shc/xfrd_01.GIF">', "http://ad4.example.com.cn/x"),
        ('<img src="http://ads02.example.com/adview.php?n=1">', "http://ads02.example.com/x"),
        ('<img src="/images/xinhualogo.gif">', "http://www.example.cn/images/xinhualogo.gif"),
    ):
        assert is_decorative(page(html).find(".//img"), url), html
    for html in (  # a picture linked to its larger copy; a caption as alt
        f'<a href="/big.jpg" title="点击看大图"><img src="{PHOTO}" alt="图为会场"></a>',
        f'<a href="/big.jpg"><img src="{PHOTO}" alt="图为会场"></a>',
    ):
        assert not is_decorative(page(html).find(".//img"), PHOTO), html
    for url in ("https://adobe.example.com/a.jpg", "https://www.example.com/catalogo.jpg"):
        assert not is_decorative(page(f'<img src="{url}">').find(".//img"), url), url


def test_a_picture_linking_to_its_own_gallery_is_the_articles_not_a_promotion():
    # livedoor: the picture and its "写真拡大 (全2枚)" link open the article's own gallery page,
    # whose address ends, as the article's does, in the article's number
    url = "https://news.example.jp/article/detail/26394860/"
    gallery = "https://news.example.jp/article/image_detail/26394860/?img_id=41810533"
    other = "https://news.example.jp/article/detail/26390001/"
    root = page(
        f'<figure><a href="{gallery}"><img src="{PHOTO}"></a><p><a href="{gallery}">'
        f"写真拡大 (全2枚)</a></p></figure><p>{'本文の段落です。' * 8}</p>"
        f'<ul><li><a href="{other}"><img src="{PROMO}"></a><a href="{other}">'
        "別の記事の見出しがここに入ります</a></li></ul>"
    )
    promos = promotions(root, url, page_images(root, url))
    assert PHOTO not in promos and PROMO in promos
    assert head_image(root, url, [PHOTO]) == PHOTO


def test_a_thumbnail_sized_first_picture_gives_way_to_the_articles_picture():
    # 1905-2: a related video's 118×74 thumbnail above the text; the article's photo below
    thumb = "https://img.example.com/2024/0520/thumb_1_118_74_2024.jpg"
    root = page(
        f'<div><a href="/video/play/1676284.shtml"><img width="118" height="74" src="{thumb}">'
        f'</a></div><p>{"正文的段落。" * 10}</p><p><img src="{PHOTO}" style="width: 660px"></p>'
    )
    assert head_image(root, URL, [thumb, PHOTO]) == PHOTO
    assert head_image(root, URL, [thumb]) == thumb  # the only picture there is


def test_a_lists_bullet_gif_and_a_web_badge_are_furniture_a_picture_by_its_link_is_not():
    # ccer-pku-2004-1: "&nbsp;<img src=images/goxp.gif>&nbsp;<a>第六届中国经济学年会胜利闭幕</a>";
    # bbs-cctv-2005-1: a bullet, a face icon, then the thread's link; myrice-military-2001-1
    # and ameblo-1: 102×27 and 88×31 buttons to a forum and a blog ranking
    from archiver.extract.images import is_decorative

    bullets = (
        "<td>&nbsp;<img src='/images/goxp.gif'>&nbsp;<a href='/n/7473'>"
        "第六届中国经济学年会胜利闭幕</a></td>",
        "<li> <img src='/images/havefile.gif'>\n<img src='/face2/2.gif' height=22>"
        "<a href='/t/6825864'>参与旅行社的一般都是弱势群体……</a></li>",
    )
    for html in bullets:
        img = page(html).find(".//img")
        assert is_decorative(img, f"https://bbs.example.cn{img.get('src')}")
    for size in ('width="102" height="27"', 'width="88" height="31"'):
        img = page(f'<a href="https://forum.example.com/"><img src="/b.gif" {size}></a>').find(
            ".//img"
        )
        assert is_decorative(img, "https://example.cn/b.gif")
    photo = page(f"<p><img src='{PHOTO}'> <a href='/album/2004'>更多精彩图片请看这里的相册</a></p>")
    assert not is_decorative(photo.find(".//img"), PHOTO)  # a photo, not a GIF, then a link
    small = page(f'<img src="{PHOTO}" width="150" height="125">').find(".//img")
    assert not is_decorative(small, PHOTO)  # cn-biz-yahoo-2005-2's picture


def test_a_card_linking_to_another_story_and_a_writers_picture_are_no_article_pictures():
    # fundus's Gamestar/Nature: picture and headline in one link to another article of the
    # site; a picture linking to its enlargement page (yahoo-cn) stays the article's
    from archiver.extract.images import is_decorative

    url = "https://www.example.de/artikel/galaxy-z-fold5-im-test,3399300.html"
    teaser = "https://img.example.de/flip-teaser-2_6248628.jpg"
    root = page(
        f'<p>{"Der Text des Artikels. " * 10}</p><p><img src="{PHOTO}"></p><div><a href='
        f'"/artikel/galaxy-z-flip5-vs-razr-40-ultra,3399387.html"><img src="{teaser}">'
        "<span>Duell der besten Flip-Handys</span></a></div>"
        f'<p><a href="/pic/enlarge/123.html"><img src="{PROMO}"></a></p>'
    )
    promos = promotions(root, url, page_images(root, url))
    assert teaser in promos and PHOTO not in promos and PROMO not in promos
    for html, src in (
        ('<img class="voc-author__img" src="{}">', "https://s1.example.com/img/autor/a-5890.jpeg"),
        ('<img class="image author-profile" src="{}">', "https://taz.example/images/52218.png"),
        ('<img src="{}">', "https://taz.example/files/images/profile/192x192/52218.png"),
        ('<button><img src="{}"></button>', "https://www.example.de/static/media/zoom-in.f7da.svg"),
        (
            '<div aria-label="Artikel vorlesen"><span><img src="{}"></span></div>',
            "https://www.example.de/static/media/audio-volume.6689.svg",
        ),
    ):
        img = page(html.format(src)).find(".//img")
        assert is_decorative(img, src), src
    for html in ('<figure><img src="{}"></figure>', '<p><img src="{}"></p>'):
        chart = page(html.format("https://e.example/chart.svg")).find(".//img")
        assert not is_decorative(chart, "https://e.example/chart.svg")  # an article's drawing


def test_a_thumbnail_its_address_asks_for_is_no_article_picture_a_crop_is_not_a_size():
    # fundus's Nieuwsblad and Morgunbladid: related stories' "fit-in/120x80/", "/100x67/";
    # tabelog-magazine-1: a guide's "-150x150" square; T-Online's crop "108x107:1382x777"
    from archiver.extract.images import is_decorative

    img = page("<img>").find(".//img")
    for url in (
        "https://img.example.be/tQtQ=/fit-in/120x80/https%3A%2F%2Fstatic.example.be%2Fa.jpg",
        "https://c.example.is/m2/0pwnX=/100x67/smart/frimg/1/46/55/1465569.jpg",
        "https://magazine.example.com/uploads/2024/04/dec3aadc-150x150-1.webp",
    ):
        assert is_decorative(img, url), url
    for url in (
        "https://images.example.de/2026/01/i8cf/108x107:1382x777/fit-in/1382x0/marinera.jpg",
        "https://magazine.example.com/uploads/2024/04/cut_00531-1024x683.jpg",
    ):
        assert not is_decorative(img, url), url


def test_a_picture_named_after_the_writer_is_the_writers_not_the_articles():
    # netease-money-2015-4: the column's author box, "<img alt="maomaobear">" over 作者简介;
    # cnn-opinion-1: the columnist's photo, alt "Moriba Jah", in the text
    avatar = "https://img.example.com/stock/2015/3/13/20150313231232ad8b4.jpg"
    paragraphs = "".join(
        f"<p>埃洛普入主诺基亚之后，诺基亚一落千丈，最终被微软收购，第{i}段的分析如下所述。</p>"
        for i in range(6)
    )
    html = (
        "<html><head><title>埃洛普离职：微软卧底成弃儿？_网易财经</title>"
        "<meta name='author' content='maomaobear'></head><body>"
        f"<h1>埃洛普离职：微软卧底成弃儿？</h1><div id='endText'><p><img src='{PHOTO}'></p>"
        f"{paragraphs}<p>作者maomaobear，为百略网旗下原创专栏作者。</p>"
        f"<p class='col1r0_img'><img src='{avatar}' alt='maomaobear'></p>"
        "<p class='con2_author'>maomaobear</p><h2>作者简介</h2><p>专注于互联网商业爆料</p></div>"
        "</body></html>"
    )
    rules = SiteRules(site="t", name="", layouts=(), article_urls=())
    parsed = parse_article_page(html, "https://money.163.com/15/0619/11/ASIM.html", rules)
    assert parsed.author == "maomaobear"
    assert PHOTO in parsed.images.urls and avatar not in parsed.images.urls


def test_a_row_of_app_promotions_is_no_article_picture_a_row_of_figures_is():
    """netease-money-2015-21 (chrislinan/cx-extractor-python, MIT) sets two app promotions in a
    table inside the text, each cell a headline link over its picture; cells of pictures and
    captions with no link elsewhere are the article's figures."""
    app, tool = "http://img1.example.com/stock/app.png", "http://img4.example.com/stock/tool.png"
    promo = page(
        f'<table><tr><td><p><a href="http://i.money.example.com/?wzy"><b>网易财经<br>会赚钱的客户端：'
        f'</b></a></p><p><img alt="网易财经" src="{app}"></p></td><td><p><a href="/special/tool/">'
        f'<b>网易携手华泰证券<br>推出“打新神器”：</b></a></p><p><img src="{tool}"></p></td></tr>'
        f'</table><p><img src="{PHOTO}"></p>'
    )
    assert promotions(promo, URL, page_images(promo, URL)) == {app, tool}
    figures = page(
        f'<table><tr><td><img src="{app}"><p>兖州煤业在澳洲的煤矿</p></td><td><img src="{tool}">'
        '<p>煤价走势图（<a href="/data/coal.html">数据来源：煤炭网站</a>）</p></td></tr></table>'
    )
    assert promotions(figures, URL, page_images(figures, URL)) == set()


def test_a_themes_drawing_is_furniture_an_upload_is_not():
    """wired-3 (codelucas/newspaper, MIT): the gallery button's camera comes from the site's
    theme, the article's pictures from its uploads."""
    from archiver.extract.images import is_decorative

    img = page("<img>").find(".//img")
    theme = "https://www.example.com/wp-content/themes/wired/assets/images/gallery-cam@2x.png"
    assert is_decorative(img, theme)
    assert not is_decorative(img, "https://www.example.com/wp-content/uploads/2014/12/cells2.png")
    assert not is_decorative(img, "https://img.example.com/themes/2014/photo.jpg")


def test_the_declared_picture_served_from_the_sites_cdn_is_the_head_image():
    """readwriteweb-1 (karussell/snacktory, Apache-2.0): og:image on www.readwriteweb.com, the
    same file shown from its CDN, before a larger photo; a generic name ("logo.jpg") on
    another host may be another file."""
    url = "http://www.readwriteweb.com/start/archives/pagely.php"
    cdn = "http://rww.readwriteweb.netdna-cdn.com/start/images/"
    photo = f"{cdn}strebels_aug10.jpg"
    for name, head in (("logopagely_aug10.jpg", f"{cdn}logopagely_aug10.jpg"), ("logo.jpg", photo)):
        root = lxml.html.fromstring(
            "<html><head><meta property='og:image' content='http://www.readwriteweb.com/start/"
            f"images/{name}'></head><body><p><img src='{cdn}{name}' width='150' height='96'>"
            f"<img src='{photo}' width='250'></p></body></html>"
        )
        assert head_image(root, url, [f"{cdn}{name}", photo]) == head, name


def test_a_picture_in_the_web_format_a_cdn_adds_is_the_same_picture():
    """techradar-1: og:image "rERQ…-1200-80.jpg", shown as "rERQ…-650-80.jpg.webp"."""
    from archiver.extract.pictures import picture_identity

    cdn = "https://cdn.mos.cms.futurecdn.net/rERQRhw7xajcatmufxPXAM"
    assert picture_identity(f"{cdn}-650-80.jpg.webp") == picture_identity(f"{cdn}-1200-80.jpg")
    assert picture_identity(f"{cdn}.webp") != picture_identity(f"{cdn}.jpg")


def test_an_image_button_in_a_toolbar_of_text_links_is_furniture():
    """nmg-gov-1 (opendatalab/magic-html, Apache-2.0): the top bar's "<li><a>无障碍浏览</a>
    </li><li><a>访问统计</a></li><li><a href=index_1937.html><img zzms.png></a></li>", which
    trafilatura's HTML keeps; a gallery's list of pictures stays the article's."""
    from archiver.extract.pictures import promotions

    button = "https://www.nmg.gov.cn/material/images/zzms.png"
    root = page(
        "<ul><li><a href='javascript:;'>快捷菜单</a></li><li><a href='/qt/fwtj/'>访问统计</a></li>"
        f"<li><a href='/index_1937.html'><img src='{button}'></a></li></ul>"
        f"<ul class='gallery'><li><a href='{PHOTO}'><img src='{PHOTO}'></a></li>"
        f"<li><a href='{PROMO}'><img src='{PROMO}'></a></li></ul>"
    )
    assert promotions(root, URL, page_images(root, URL)) == {button}


def test_a_gif_the_title_captions_is_the_head_image():
    """netease-money-2015-12 (chrislinan/cx-extractor-python, MIT): the text opens with
    "<img alt='三星失意 路在何方？' src='…_550.gif'>", its only picture; an untitled GIF is an
    icon or an animation."""
    chart = "http://img2.cache.netease.com/stock/2015/7/3/201507031118004e4dc_550.gif"
    root = page(f"<p class='f_center'><img alt='三星失意 路在何方？' src='{chart}'></p><p>正文</p>")
    assert head_image(root, URL, [chart], titled={chart}) == chart
    assert head_image(root, URL, [chart]) == ""


def test_a_share_cards_thumbnail_of_the_declared_picture_gives_way_to_its_full_copy():
    """ifeng-3: a 121x75 copy of the og:image through the site's resizer
    ("d.ifengimg.com/w121_h75_q70/e0.ifengimg.com/…") sits in a card above the text; the
    full picture in the text is the head image, and a small picture that is the only copy
    (readwriteweb-1's 150x96 lead) still is."""
    full = "http://e0.ifengimg.com/02/2019/0219/1731DC8A29EB2219C7F2773CF9CF3_w690_h460.png"
    thumb = "https://d.ifengimg.com/w121_h75_q70/" + full.removeprefix("http://")
    meta = f"<head><meta property='og:image' content='{full}'></head>"
    card = f'<div><img src="{thumb}" width="121" height="75"></div>'
    root = lxml.html.fromstring(
        f'<html>{meta}<body>{card}<p>{"正文的段落。" * 10}</p><p><img src="{full}"></p>'
        "</body></html>"
    )
    assert head_image(root, URL, [full]) == full
    only = lxml.html.fromstring(f"<html>{meta}<body>{card}</body></html>")
    assert head_image(only, URL, []) == thumb


def test_an_avatar_sized_picture_the_template_captions_with_the_title_is_no_article_picture():
    """lavanguardia-1 prints the writer's 40×40 picture by the byline with the article's title
    as its ``alt``; srf-1 an interviewee's round portrait in a "profile-picture" frame."""
    title = "El juez cita como investigado al fiscal general por revelar datos de Ayuso"
    html = (
        f"<html><head><title>{title}</title></head><body><h1>{title}</h1>"
        f"<figure class='author-date'><img width='40' height='40' alt='{title}'"
        " src='/files/image_40_40/uploads/2021/11/11/618ccb36b5283.jpeg'></figure>"
        "<div class='article'><p>El juez del Tribunal Supremo ha citado a declarar en calidad de"
        " investigado al fiscal general del Estado para el próximo 29 de enero.</p>"
        "<picture class='image image--circle image--profile-picture'><img alt='Thomas Jäger'"
        " src='/static/cms/images/320w/f57f16.jpg'></picture>"
        "<p>Estos mensajes son reveladores de momentos de urgencia y gran tensión, que tienen"
        " lugar bajo su batuta, según el auto del magistrado.</p>"
        "<figure><img src='/uploads/2025/01/13/678525bfebea7.jpeg' width='449' height='300'>"
        "<figcaption>El fiscal general del Estado</figcaption></figure>"
        "<p>Así, destaca que Lobato planteó inicialmente sus dudas de hacer uso público del"
        " documento si no se había publicado antes en algún medio.</p></div></body></html>"
    )
    rules = SiteRules(site="t", name="", layouts=(), article_urls=())
    parsed = parse_article_page(html, "https://www.lavanguardia.com/politica/x.html", rules)
    assert parsed is not None
    assert parsed.images.urls == [
        "https://www.lavanguardia.com/uploads/2025/01/13/678525bfebea7.jpeg"
    ]
    assert parsed.head_image == parsed.images.urls[0]
