"""The line reader of the writer's own frontmatter layout gives exactly what YAML gives, or
leaves the frontmatter to YAML: never another value, never a file YAML would refuse."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime, parsedate_to_datetime
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from archiver import frontmatter, frontmatter_lines
from archiver.folder import iter_article_files
from archiver.items import Article, BodyFormat

SEEDS = [
    *sorted((Path(__file__).resolve().parent / "fixtures" / "seeds").glob("*.txt")),
    *sorted(Path("/work/shared/seeds").glob("*.txt")),
]
TRICKY = [
    "a: b", "#x", "- x", "-x", "2024", "yes", "no", "null", "~", "a #b", "a#b", "x:", "'q'",
    '"q"', "中文：标题", "微医再获超10亿国资融资，数字医疗的风口要崛起了吗？", "😀 emoji",
    "two\nlines", " lead", "trail ", "[x]", "{a}", "@x", "%x", "!x", "&x", "*x", "|x", ">x",
    "?x", ":x", "tab\there", "0x1F", "1_000", "1:30", "2024-01-01", "2024-01-01 10:00:00",
    ".5", "1e3", "on", "Off", "TRUE", "=", "<<", "a\\b", "line\u2028sep", "nel\x85x", "a  b",
    "...", "---", "it's", "O'Brien's \"quote\"", "100%", "a,b", "C++ & C#", "é", "\ufeffbom",
    "控制\x07字符", "", "0", "007", "+1", "-1", "3.14", ".inf", "NaN", "Y", "n", "a:b", "'",
    "''", "a'", "x ''y''", "https://a.example/b?c=d#e", "a: ", "【独家】华为：2024年",
]  # fmt: skip
WHEN = datetime(2024, 3, 1, 12, tzinfo=timezone.utc)
BASE = Article(
    url="https://mp.ofweek.com/medical/a145614128367",
    site="ofweek",
    title="标题",
    published=WHEN,
    body="<p>x</p>",
    author="高科技行业门户",
    categories=["新媒体", "新闻"],
    path="ofweek/2024-03/2024-03-01-x-12345678.md",
    archived=WHEN,
)


def yaml_of(head: str) -> object:
    """What YAML makes of a frontmatter (the fallback path), or its error."""
    try:
        return frontmatter._load_yaml(head)
    except yaml.YAMLError as exc:
        return exc


def agrees(head: str) -> bool:
    """The line reader either declines or gives YAML's exact mapping, key order and types."""
    fast = frontmatter_lines.read(head)
    if fast is None:
        return True
    slow = yaml_of(head)
    assert not isinstance(slow, Exception), f"YAML refuses what the line reader read: {slow}"
    assert fast == slow and list(fast) == list(slow)  # type: ignore[arg-type]
    assert [type(v) for v in fast.values()] == [type(v) for v in slow.values()]  # type: ignore[union-attr]
    return True


def head_of(text: str) -> str:
    match = frontmatter._FRONTMATTER_RE.match(text)
    assert match
    return match["yaml"]


def test_the_seeds_are_read_without_yaml_as_yaml_reads_them():
    texts = [path.read_text(encoding="utf-8") for path in SEEDS]
    heads = [m["yaml"] for m in map(frontmatter._FRONTMATTER_RE.match, texts) if m]
    assert heads
    for head in heads:
        assert frontmatter_lines.read(head) is not None
        assert agrees(head)


@pytest.mark.parametrize("value", TRICKY)
def test_tricky_values_in_every_field_read_as_yaml_reads_them(value):
    article = replace(
        BASE,
        title=value,
        author=value,
        source=value,
        editor=value,
        site=value or "x",
        categories=[value, "新闻"],
        tags=[value],
        headimg=f"https://img.example/{value}.jpg",
        url=f"https://example.com/{value}",
        failed_images=[value] if value else [],
    )
    for fmt in BodyFormat:
        text = frontmatter.dump(replace(article, body_format=fmt))
        assert agrees(head_of(text))
        assert frontmatter.load(text) == frontmatter.load(text)  # and load goes through


def test_ordinary_articles_take_the_line_reader():
    images = {"https://img.example/a.jpg": "ofweek/2024-03/2024-03-01-x-12345678/a.jpg"}
    for article in (
        BASE,
        replace(BASE, title="2024", tags=["yes", "a: b"], pages=3, extraction="fallback"),
        replace(BASE, published=None, failed_images=["https://img.example/b.jpg"]),
        replace(BASE, body_format=BodyFormat.TEXT, body="正文", images=images),
        replace(BASE, body_format=BodyFormat.TEXT, body="正文"),  # images: {}
        replace(BASE, body_format=BodyFormat.MARKDOWN, body="*正文*", headimg=""),
    ):
        head = head_of(frontmatter.dump(article))
        assert frontmatter_lines.read(head) is not None, head
        assert agrees(head)


HANDWRITTEN = [
    "title: a\n  continued\ncategories:\nheadimg: x\n",
    "title: a # comment\n",
    "# comment\ntitle: a\n",
    "title: a\n\ncategories: b\n",
    "title:  two spaces\n",
    "title: a\ntitle: b\n",
    "yes: a\n",
    "title : a\n",
    "title:a\n",
    "title: &x a\nauthor: *x\n",
    "title: !!str 1\n",
    "title: |\n  block\n",
    "title: >-\n  folded\n",
    "title: [a, b]\n",
    "title: {a: b}\n",
    'title: "double"\n',
    "title: 'open\n  close'\n",
    "tags:\n - a\n- b\n",
    "tags:\n- a\n - b\n",
    "tags:\n  - a\n  -\n",
    "tags:\n- - a\n",
    "tags:\n- a: b\n",
    "tags:\n-  a\n",
    "tags:\n- a\n  b\n",
    "images:\n  a: b\n   c: d\n",
    "images:\n  a: b\n c: d\n",
    "images:\n  'a': b\n",
    "images:\n  yes: b\n",
    "images:\n  1: b\n",
    "images:\n  a:\n    b: c\n",
    "images:\n  a: b\n  a: c\n",
    "title: a\tb\n",
    "title: a\r\n",
    "title: x\n...\n",
    "%YAML 1.1\ntitle: x\n",
    "pages: 012\n",
    "pages: 0x10\n",
    "pages: 1_0\n",
    "pages: 1.5\n",
    "date: 2024-01-01\n",
    "comments: False\n",
    "comments: fAlse\n",
    "cover: ~\n",
    "cover: Null\n",
    "cover:\n",
    "cover: \n",
    "cover: ''\n",
    "cover: ''''\n",
    "cover: 'a''b'\n",
    "cover: 'a'b'\n",
    "cover: 'a' b\n",
    "title: a:\n",
    "title: a:b\n",
    "title: -a\n",
    "title: ?a\n",
    "title: =\n",
    "title: <<\n",
    "title: a\u2028b\n",
    "title: \ufeffa\n",
    "title: a \n",
    "tags: []\nimages: {}\n",
    "tags: [ ]\n",
    "tags:\n- '2024'\n- 2024\n- yes\n- ~\n",
]


@pytest.mark.parametrize("head", HANDWRITTEN)
def test_handwritten_yaml_is_read_as_yaml_reads_it_or_left_to_yaml(head):
    assert agrees(head)


# Characters that mean something to YAML somewhere, and ordinary ones.
ALPHABET = list("ab Z中文：:#-'\"?!&*[]{},.019eyesnoTrueNul~@%|>`=<\\😀") + ["\t", "\n", "\x85"]
SAFE = st.text(st.sampled_from(list("ab Z中文：:#-'\"?!,.019")), min_size=1, max_size=12)
SCALAR = st.one_of(
    *[SAFE] * 12,  # mostly what a page gives, so that most files take the line reader
    st.text(st.sampled_from(ALPHABET), max_size=12),
    st.sampled_from(TRICKY),
    st.text(max_size=8),
)


def articles() -> st.SearchStrategy[Article]:
    words = st.lists(SCALAR, max_size=3)
    when = st.datetimes(
        min_value=datetime(1990, 1, 1),
        max_value=datetime(2100, 1, 1),
        timezones=st.just(timezone.utc),
    ).map(lambda d: d.replace(microsecond=0))
    return st.builds(
        Article,
        url=SCALAR,
        site=SCALAR,
        title=SCALAR,
        published=st.one_of(st.none(), when),
        body=st.just("<p>x</p>"),
        body_format=st.sampled_from(BodyFormat),
        author=SCALAR,
        source=SCALAR,
        editor=SCALAR,
        tags=words,
        categories=words,
        headimg=SCALAR,
        pages=st.integers(1, 30),
        extraction=st.sampled_from(["selectors", "fallback"]),
        images=st.dictionaries(
            SCALAR.map("https://img.example/{}".format),
            SCALAR.map("s/2024-03/x/{}.jpg".format),
            max_size=2,
        ),
        failed_images=words,
        path=st.just("s/2024-03/2024-03-01-x.md"),
        archived=when.map(lambda d: d + timedelta(seconds=1)),
    )


@settings(max_examples=300, deadline=None)
@given(articles())
def test_any_article_file_reads_as_yaml_reads_it(article):
    assert agrees(head_of(frontmatter.dump(article)))


KEY = st.sampled_from([*sorted(frontmatter_lines.KEYS), "yes", "x", "1"])
PLAIN = st.text(st.sampled_from(ALPHABET), max_size=6)
VALUE = st.one_of(
    *[SAFE] * 3, PLAIN, PLAIN.map("'{}'".format), st.sampled_from(["{}", "[]", "~", "2", "02"])
)
LINE = st.one_of(
    *[st.tuples(KEY, VALUE).map(": ".join)] * 3,
    KEY.map("{}:".format),
    st.tuples(st.sampled_from(["", " ", "  "]), VALUE).map("- ".join),
    st.tuples(st.sampled_from(["  ", "   ", " "]), VALUE, VALUE).map(
        lambda t: f"{t[0]}{t[1]}: {t[2]}"
    ),
    st.sampled_from(["", " ", "#", "-", "- ", "...", "---", "title:  a", "  a", "- - a"]),
)


@settings(max_examples=500, deadline=None)
@given(st.lists(LINE, min_size=1, max_size=8))
def test_any_arrangement_of_layout_lines_reads_as_yaml_or_is_left_to_it(lines):
    assert agrees("\n".join(lines) + "\n")


def test_the_crawls_own_files_read_as_yaml_reads_them(ofweek_archive):
    heads = [
        head_of(path.read_text(encoding="utf-8")) for path in iter_article_files(ofweek_archive)
    ]
    assert heads
    for head in heads:
        assert frontmatter_lines.read(head) is not None, head
        assert agrees(head)


def test_every_key_the_writer_can_write_is_known():
    article = replace(
        BASE,
        published=None,
        source="s",
        editor="e",
        tags=["t"],
        headimg="https://img.example/a.jpg",
        images={"https://img.example/a.jpg": "ofweek/2024-03/a.jpg"},
        failed_images=["https://img.example/b.jpg"],
        pages=2,
        extraction="fallback",
        body_format=BodyFormat.TEXT,
    )
    meta, _ = frontmatter.split(frontmatter.dump(article))
    assert set(meta) == frontmatter_lines.KEYS


@given(
    st.datetimes(min_value=datetime(1000, 1, 1), max_value=datetime(9999, 12, 30)),
    st.integers(-14 * 60, 14 * 60),
)
def test_the_written_dates_read_as_email_utils_and_fromisoformat_read_them(moment, minutes):
    """``date:`` and ``archived:`` as ``dump`` writes them skip the general parsers: same values."""
    moment = moment.replace(microsecond=0, tzinfo=timezone.utc)
    gmt = format_datetime(moment, usegmt=True)
    assert frontmatter._written_date(gmt) == parsedate_to_datetime(gmt) == moment
    local = moment.astimezone(timezone(timedelta(minutes=minutes))).isoformat(timespec="seconds")
    assert frontmatter._written_date(local) == datetime.fromisoformat(local) == moment
