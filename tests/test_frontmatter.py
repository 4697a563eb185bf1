"""The article file format: byte-identical to the seed where the seed has keys, valid YAML always,
and ``dump``/``load`` round-trip one ``Article``."""

from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from archiver.frontmatter import FrontmatterError, dump, load, split
from archiver.items import Article, BodyFormat
from archiver.paths import article_id

SEEDS = Path(__file__).resolve().parent / "fixtures" / "seeds"
SEED = Article(
    url="https://mp.ofweek.com/medical/a145614128367",
    site="ofweek",
    title="微医再获超10亿国资融资，数字医疗的风口要崛起了吗？",
    published=datetime(2022, 7, 20, 5, 47, tzinfo=timezone.utc),
    body="<p>x</p>",
    author="高科技行业门户",
    categories=["新媒体", "高科技行业门户", "新闻"],
    headimg="https://mp.ofweek.com/Upload/News/Img/member4779/202207/wx_article__3c8dd277d7c15fae1e4bf502d625209c.jpg",
    path="ofweek/2022-07/2022-07-20-x-12345678.md",
    archived=datetime(2024, 3, 1, 12, 0, tzinfo=timezone.utc),
)


def seed_head(text: str) -> str:
    return text[: text.index("\n", text.index("\nthumbnail:") + 1) + 1]


def test_seed_fields_render_byte_identical_to_the_seed_through_thumbnail():
    seed = (SEEDS / "000_3555a7db469a33f8.txt").read_text(encoding="utf-8")
    assert seed_head(dump(SEED)) == seed_head(seed)


def test_the_seed_itself_loads():
    html = load((SEEDS / "000_3555a7db469a33f8.txt").read_text(encoding="utf-8"))
    assert html.title == SEED.title and html.published == SEED.published
    assert html.body.startswith("<p") and html.body.endswith("</p>")
    assert html.body_format is BodyFormat.HTML


def test_extension_keys_follow_thumbnail_and_body_is_wrapped_in_div():
    out = dump(replace(SEED, tags=["a", "b"], source=""))
    head, _, body = out.partition("\n---\n\n")
    assert head.splitlines()[-8:] == [
        f"thumbnail: '{SEED.headimg}'",
        f"url: {SEED.url}",
        f"id: {article_id(SEED.url)}",
        "site: ofweek",
        "tags:",
        "- a",
        "- b",
        "archived: '2024-03-01T12:00:00+00:00'",
    ]
    assert "source:" not in head  # empty keys are left out
    assert body == "<div>   \n<p>x</p>  \n</div>\n"


def test_an_article_round_trips_through_its_file():
    article = replace(
        SEED,
        body='<p><img src="2022-07-20-x-12345678/ab.jpg" data-original-src="https://i/a.jpg"></p>'
        '<p><img src="https://i/b.jpg"></p>',
        image_urls=["https://i/a.jpg", "https://i/b.jpg"],
        images={"https://i/a.jpg": "ofweek/2022-07/2022-07-20-x-12345678/ab.jpg"},
        failed_images=["https://i/b.jpg"],
        headimg="https://i/a.jpg",
        source="维科网",
        editor="张三",
        tags=["芯片"],
        pages=2,
        extraction="fallback",
    )
    back = load(dump(article), article.path)
    assert back == replace(article, text="", no_referrer_images=[])
    assert "cover: 2022-07-20-x-12345678/ab.jpg" in dump(article)


def test_text_body_has_no_html_wrapper_and_lists_its_images():
    article = replace(
        SEED,
        body="段一\n\n段二\n",
        body_format=BodyFormat.TEXT,
        images={"https://i/a.jpg": "ofweek/2022-07/2022-07-20-x-12345678/ab.jpg"},
    )
    out = dump(article)
    assert out.endswith("---\n\n段一\n\n段二\n")
    assert (
        "format: text" in out and "images:\n  https://i/a.jpg: 2022-07-20-x-12345678/ab.jpg" in out
    )
    back = load(out, article.path)
    assert back.body == "段一\n\n段二\n" and back.images == article.images


def test_an_undated_article_keeps_its_archiving_time_as_date():
    out = dump(replace(SEED, published=None))
    assert "date: Fri, 01 Mar 2024 12:00:00 GMT" in out and "date_unknown: true" in out
    assert load(out).published is None


titles = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=80)


@given(title=titles, author=titles, category=titles)
def test_any_title_author_or_category_stays_valid_yaml_and_round_trips(title, author, category):
    out = dump(replace(SEED, title=title, author=author, categories=[category]))
    meta, _ = split(out)
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
    assert split(dump(replace(SEED, title=title)))[0]["title"] == title


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
        split(text)


@pytest.mark.parametrize(
    "date", ["'9999-12-31T23:59:59-23:59'", "tomorrow", "[1, 2]", "'Wed, 99 Jul 2022 05:47 GMT'"]
)
def test_an_impossible_date_is_a_frontmatter_error_not_a_crash(date):
    text = dump(SEED).replace("date: Wed, 20 Jul 2022 05:47:00 GMT", f"date: {date}")
    with pytest.raises(FrontmatterError):
        load(text)


def test_truncated_html_body_is_detected():
    out = dump(SEED)
    with pytest.raises(FrontmatterError, match="truncated"):
        split(out[: out.index("</div>")])


def test_a_rewrite_is_completed_only_when_nothing_but_images_changed():
    from archiver.folder import content_hash
    from archiver.render import change_kind

    old = replace(SEED, failed_images=["https://i/a.jpg"], image_urls=["https://i/a.jpg"])
    digest = content_hash(SEED.title, SEED.body)

    def kind(new: Article) -> str:
        return change_kind(load(dump(old)), dump(old), None, dump(new), digest)

    assert kind(old) == "unchanged"
    stored = replace(old, failed_images=[], images={"https://i/a.jpg": "x/a.jpg"})
    assert kind(stored) == "completed"  # the image arrived: rewritten in place
    assert kind(replace(old, author="另一位作者")) == "updated"  # a reader sees it: versioned
    assert kind(replace(old, tags=["新标签"])) == "updated"
    assert kind(replace(old, published=None)) == "updated"
    assert change_kind(None, None, None, dump(old), digest) == "new"


ARCHIVED_LINE = "archived: '2024-03-01T12:00:00+00:00'\n"


@pytest.mark.parametrize(
    "line",
    [
        ARCHIVED_LINE,  # as dump writes it: read off the line, the YAML never parsed
        "archived: 2024-03-01T12:00:00+00:00\n",  # unquoted: a YAML timestamp
        "archived: '2024-03-01T20:00:00+08:00'\n",  # another zone: rewritten in UTC
        "archived: '2024-03-01T12:00:00.5+00:00'\n",  # a fraction dump never writes
        "archived: 'not a time'\n",  # a file that does not load
        "",  # no archived key: archived now
    ],
)
def test_render_over_judges_a_file_as_reading_its_yaml_does(tmp_path, line):
    from archiver.render import change_kind, render, render_over

    file = tmp_path / "a.md"
    file.write_text(dump(SEED).replace(ARCHIVED_LINE, line), encoding="utf-8")
    old = file.read_text(encoding="utf-8")
    try:
        previous = load(old)
    except FrontmatterError:
        previous = None
    archived = (previous.archived if previous else None) or datetime.now(timezone.utc)
    text, digest = render(SEED, BodyFormat.HTML, archived)
    expected = change_kind(previous, old, None, text, digest)
    got_text, got_digest, kind = render_over(SEED, BodyFormat.HTML, file, None)
    assert (kind, got_digest) == (expected, digest)
    if line:  # with no archived key, each takes the time of its call
        assert got_text == ("" if kind == "unchanged" else text)
    assert (kind == "unchanged") == (line == ARCHIVED_LINE)


def test_render_over_a_missing_file_is_new(tmp_path):
    from archiver.render import render_over

    text, _, kind = render_over(SEED, BodyFormat.HTML, tmp_path / "none.md", None)
    assert kind == "new"
    assert load(text).title == SEED.title
