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
