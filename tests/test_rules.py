"""Site definitions: the bundled OFweek one loads; a broken one names its file and key."""

from datetime import date

import pytest

from archiver.extract.rules import SiteDefinitionError, load_site

VALID = """
site: example
name: Example
article_urls: ['^https://example\\.com/a/\\d+$']
list: {items: [ul.news a], next: [div.pager a]}
layouts:
  - {name: main, title: [h1], body: [div.content]}
"""


def write(tmp_path, text):
    path = tmp_path / "site.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_bundled_ofweek_definition_knows_article_urls():
    rules = load_site("ofweek")
    assert rules.start_urls == ("https://www.ofweek.com/CATList-8100-CHANGYIEXINWE.html",)
    assert rules.categories == ("新媒体", "高科技行业门户", "新闻")
    for url in (
        "https://ee.ofweek.com/2024-03/ART-8420-2800-30628123.html",
        "https://www.ofweek.com/ai/2019-05/ART-201700-8100-30392211.html",
        "https://mp.ofweek.com/medical/a145614128367",
    ):
        assert rules.is_article_url(url), url
    for url in (
        "https://www.ofweek.com/CATList-8100-CHANGYIEXINWE-2.html",
        "https://www.ofweek.com/medical/tag-%E6%95%B0.HTM",
        "https://mp.ofweek.com/medical",
        "https://ee.ofweek.com/2024-03/ART-8420-2800-30628123_2.html",  # page 2 belongs to page 1
        "https://weibo.com/ofweek",
    ):
        assert not rules.is_article_url(url), url


def test_a_user_site_file_loads(tmp_path):
    rules = load_site(write(tmp_path, VALID))
    assert rules.site == "example" and rules.layouts[0].title == ("h1",)
    assert rules.timezone == "" and rules.body_format is None  # the archive's defaults apply


@pytest.mark.parametrize(
    ("change", "key"),
    [
        (("site: example\n", ""), "'site' is required"),
        (
            ("layouts:\n  - {name: main, title: [h1], body: [div.content]}\n", "layouts: []\n"),
            "'layouts' needs at least one",
        ),
        (("body: [div.content]", "body: []"), "'layouts[0].body' is required"),
        (("title: [h1]", "title: ['h1[']"), "'layouts[0].title' has an invalid CSS selector"),
        (
            ("article_urls: ['^https://example\\.com/a/\\d+$']", "article_urls: ['(']"),
            "'article_urls' has an invalid regular",
        ),
        (("name: Example\n", "name: Example\ntimezone: Beijing\n"), "'timezone'"),
        (("name: Example\n", "name: Example\nbody_format: pdf\n"), "'body_format' must be"),
        (("name: Example\n", "name: Example\nselectors: {}\n"), "'selectors' is not a known key"),
        (("next: [div.pager a]", "nxt: [div.pager a]"), "'list.nxt' is not a known key"),
    ],
)
def test_invalid_definitions_name_the_file_and_the_key(tmp_path, change, key):
    path = write(tmp_path, VALID.replace(*change))
    with pytest.raises(SiteDefinitionError) as err:
        load_site(path)
    assert str(path) in str(err.value) and key in str(err.value)


def test_unknown_site_lists_the_bundled_ones():
    with pytest.raises(SiteDefinitionError, match="bundled: .*ofweek"):
        load_site("nosuchsite")


def test_yaml_syntax_error(tmp_path):
    with pytest.raises(SiteDefinitionError, match="not valid YAML"):
        load_site(write(tmp_path, "site: [unclosed"))


def test_bundled_jjrb_definition_walks_dated_editions_and_skips_furniture():
    rules = load_site("jjrb")
    assert (
        rules.list.dated.format(date=date(2023, 1, 5))
        == "http://paper.ce.cn/pc/layout/202301/05/node_01.html"
    )
    assert "本版责编" in rules.list.skip and rules.body_format == "text"
    assert rules.is_article_url("http://paper.ce.cn/pc/content/202301/13/content_266120.html")
    assert not rules.is_article_url("http://paper.ce.cn/pc/layout/202301/13/node_01.html")
    assert load_site("ofweek").list.skip == () and load_site("ofweek").list.dated == ""


@pytest.mark.parametrize(
    ("list_keys", "message"),
    [
        ("skip: 广告", None),
        ("skip: [广告, 2]", "'list.skip' must be a string or a list of strings"),
        ("dated: 'https://example.com/{date:%Y%m}/{date:%d}/index.html'", None),
        (
            "dated: 'https://example.com/today.html'",
            "'list.dated' must be an http(s) URL naming the day",
        ),
        (
            "dated: 'example.com/{date:%Y%m%d}.html'",
            "'list.dated' must be an http(s) URL naming the day",
        ),
        ("dated: 'https://example.com/{day:%Y}.html'", "'list.dated' is not a template"),
        ("dated: [a]", "'list.dated' must be a str"),
    ],
)
def test_list_skip_and_dated_are_validated(tmp_path, list_keys, message):
    path = write(
        tmp_path, VALID.replace("next: [div.pager a]", f"next: [div.pager a], {list_keys}")
    )
    if message is None:
        load_site(path)
        return
    with pytest.raises(SiteDefinitionError) as err:
        load_site(path)
    assert str(path) in str(err.value) and message in str(err.value)
