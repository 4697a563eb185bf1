from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from archiver.frontmatter import FrontmatterError, parse_article, render_article

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
SEED_FIELDS = {
    "title": "微医再获超10亿国资融资，数字医疗的风口要崛起了吗？",
    "categories": ["新媒体", "高科技行业门户", "新闻"],
    "headimg": "https://mp.ofweek.com/Upload/News/Img/member4779/202207/wx_article__3c8dd277d7c15fae1e4bf502d625209c.jpg",
    "author": "高科技行业门户",
    "date": "Wed, 20 Jul 2022 05:47:00 GMT",
}


def seed_head(text: str) -> str:
    return text[: text.index("\n", text.index("\nthumbnail:") + 1) + 1]


def test_seed_fields_render_byte_identical_to_the_seed_through_thumbnail():
    seed = (SEEDS / "000_3555a7db469a33f8.txt").read_text(encoding="utf-8")
    out = render_article({**SEED_FIELDS, "url": "https://mp.ofweek.com/medical/a1"}, "<p>x</p>")
    assert seed_head(out) == seed_head(seed)


def test_the_seed_itself_parses():
    meta, body = parse_article((SEEDS / "000_3555a7db469a33f8.txt").read_text(encoding="utf-8"))
    assert meta["title"] == SEED_FIELDS["title"] and meta["comments"] is False
    assert body.startswith("<p") and body.endswith("</p>")


def test_extension_keys_follow_thumbnail_and_body_is_wrapped_in_div():
    out = render_article({**SEED_FIELDS, "url": "u", "tags": ["a", "b"], "empty": ""}, "<p>x</p>")
    head, _, body = out.partition("\n---\n\n")
    assert head.splitlines()[-5:] == [
        f"thumbnail: '{SEED_FIELDS['headimg']}'",
        "url: u",
        "tags:",
        "- a",
        "- b",
    ]
    assert "empty" not in head
    assert body == "<div>   \n<p>x</p>  \n</div>\n"


def test_text_body_has_no_html_wrapper():
    out = render_article({**SEED_FIELDS, "format": "text"}, "段一\n\n段二\n", "text")
    assert out.endswith("---\n\n段一\n\n段二\n")
    assert parse_article(out)[1] == "段一\n\n段二\n"


titles = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=80)


@given(title=titles, author=titles, category=titles)
def test_any_title_author_or_category_stays_valid_yaml_and_round_trips(title, author, category):
    out = render_article(
        {**SEED_FIELDS, "title": title, "author": author, "categories": [category]}, "<p/>"
    )
    meta, _ = parse_article(out)
    assert meta["title"] == title
    assert meta["author"] == author
    assert meta["categories"] == [category]


@pytest.mark.parametrize(
    "title",
    [
        'it\'s: "quoted" --- {{ x }} {% raw %} #1',
        "---",
        "line1\nline2",
        "😀 emoji 标题",
        "'",
        "a: b",
        "- list",
    ],
)
def test_hostile_titles(title):
    meta, _ = parse_article(render_article({**SEED_FIELDS, "title": title}, "<p/>"))
    assert meta["title"] == title


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("no frontmatter", "no frontmatter"),
        ("\n---\ntitle: [unclosed\n---\n", "not valid YAML"),
        ("\n---\ntitle: x\n---\n", "lacks seed keys"),
    ],
)
def test_broken_files_raise_a_clear_error(text, message):
    with pytest.raises(FrontmatterError, match=message):
        parse_article(text)


def test_truncated_html_body_is_detected():
    out = render_article(SEED_FIELDS, "<p>x</p>")
    with pytest.raises(FrontmatterError, match="truncated"):
        parse_article(out[: out.index("</div>")])
