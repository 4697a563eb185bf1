"""Which image is the article's own: not a promotion set in the text, not a banner strip, not
furniture that the extracted copy no longer shows as such."""

import lxml.html

from archiver.extract.body import resolve_images
from archiver.extract.images import head_image, page_images

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
        f'<a href="https://other.example.org/">{"a long paragraph of text " * 3}'
        f'<img src="{PHOTO}"></a>',
    ):
        assert head_image(page(body), URL, [PHOTO]) == PHOTO


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
