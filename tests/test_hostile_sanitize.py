"""The sanitiser (archiver/sanitize.py) keeps the seed's body byte for byte and drops the rest."""

from __future__ import annotations

from conftest import PROJECT

from archiver.frontmatter import split
from archiver.sanitize import clean_html, escape_markup, is_loadable, sanitize_svg

SEED = PROJECT / "tests" / "fixtures" / "seeds" / "000_3555a7db469a33f8.txt"


def test_the_seed_body_passes_unchanged():
    _, body = split(SEED.read_text(encoding="utf-8"))
    inner = body.strip().removeprefix("<div>").removesuffix("</div>").strip()
    assert clean_html(inner) == inner


def test_only_layout_styles_stay():
    cleaned = clean_html('<p style="color:red;background-image:url(http://x/a)">t</p>')
    assert cleaned == '<p style="color:red">t</p>'


def test_text_the_page_hides_until_its_scripts_run_is_shown():
    """WeChat sets its article ``visibility: hidden``, others ``display: none`` on a part."""
    cleaned = clean_html(
        '<div style="visibility: hidden;"><p style="display: none !important;color:red">t</p>'
        '<p style="DISPLAY:NONE">u</p></div>'
    )
    assert cleaned == '<div><p style="color:red">t</p><p>u</p></div>'


def test_text_and_markdown_bodies_cannot_open_a_tag():
    assert escape_markup("a <img src=x onerror=alert(1)> 1<2") == (
        "a &lt;img src=x onerror=alert(1)> 1<2"
    )
    assert escape_markup("[链接](<http://a b/>)") == "[链接](<http://a b/>)"


def test_which_image_urls_a_renderer_may_load():
    assert is_loadable("2024-03-01-t-abcd/0123.png") and is_loadable("https://img.example/a.png")
    for url in ("http://127.0.0.1:8/a", "http://[::1]/a", "http://localhost/a", "//evil/a",
                "/etc/passwd", "javascript:alert(1)", "http://169.254.169.254/"):  # fmt: skip
        assert not is_loadable(url), url


def test_an_unreadable_svg_is_refused():
    assert sanitize_svg(b"<svg><script>") is None
