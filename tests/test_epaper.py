"""E-paper text cleaning (``archiver.extract.epaper``) on the seed text and on recorded pages.

The seed (``seeds/003_...txt``) is raw ``#ozoom`` text of the 经济日报 e-paper: its clean
reading must keep every paragraph of the article, whole again across column breaks, and
lose the repeated title and byline, the stray character, the editor line and the next
article's head and text. Golden bodies live in ``tests/fixtures/jjrb/<case>/expected.txt``
(regenerate: see ``tests/test_jjrb.py``).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from archiver.extract import epaper
from archiver.extract.dates import to_rfc1123
from archiver.extract.page import parse_article_page, parse_tree
from archiver.extract.rules import load_site
from archiver.replay import url_to_relpath

TESTS = Path(__file__).resolve().parent
SEED = TESTS / "fixtures" / "seeds" / "003_853e86d946bf52c8.txt"
CASES = yaml.safe_load((TESTS / "sites" / "jjrb-cases.yaml").read_text(encoding="utf-8"))
GOLDEN = TESTS / "fixtures" / "jjrb"
RULES = load_site("jjrb")
TITLE, BYLINE = "互联网医疗进入发展新阶段", "中国经济网记者 郭文培"


def recorded(url: str) -> str:
    return (TESTS / "sites" / url_to_relpath(url)).read_text(encoding="utf-8")


def case_url(case: str) -> str:
    return next(url for url, a in CASES["articles"].items() if a["case"] == case)


@pytest.fixture(scope="module")
def seed_raw() -> list[str]:
    return epaper.split_paragraphs(SEED.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def seed_clean(seed_raw) -> epaper.CleanText:
    return epaper.clean_paragraphs(seed_raw, title=TITLE, byline=BYLINE)


def test_seed_keeps_its_first_paragraphs_and_subheads_as_printed(seed_clean, seed_raw):
    assert seed_clean.paragraphs[:3] == seed_raw[:3]
    for head in ("迎来发展契机", "行业尚未成熟", "寻求多点突破"):
        assert head in seed_clean.paragraphs


@pytest.mark.parametrize(
    "whole",
    [
        "其中，2016年国务院印发的《“健康中国2030”规划纲要》标志着互联网医疗首次被提到国家战略层面。第三阶段",
        "其二，目前互联网医疗大部分需求仍集中在免费问询",
        "覆盖全疾病周期与一二三级全预防；产品延伸方面",
        "他们将在持续深耕数字健康的基础上，让更多元的产业主体融入其中",
    ],
)
def test_seed_paragraphs_cut_by_column_breaks_are_whole_again(seed_clean, whole):
    assert sum(whole in p for p in seed_clean.paragraphs) == 1


def test_seed_loses_its_repeated_head_stray_character_editor_line_and_the_next_article(seed_clean):
    text = epaper.text_body(seed_clean)
    assert TITLE not in text and BYLINE not in text and "电" not in seed_clean.paragraphs
    for gone in (
        "本版编辑",
        "冯文猛",
        "北京城市核心区深挖存量空间潜力",
        "低效楼宇",
        "本报记者 杨学聪",
        "金融街",
    ):
        assert gone not in text, gone
    assert seed_clean.paragraphs[-1] == "（作者系国务院发展研究中心研究员）"


def test_seed_caption_moves_after_the_text_with_its_credit(seed_clean):
    assert seed_clean.captions == [
        "贵州省人民医院医师在贵州省黔东南州榕江县中医院医生进行远程会诊。新华社记者 陶嘉摄"
    ]
    assert epaper.text_body(seed_clean).endswith(
        "\n\n图：贵州省人民医院医师在贵州省黔东南州榕江县中医院医生进行远程会诊。新华社记者 陶嘉摄"
    )


def test_seed_nothing_is_invented_and_only_furniture_is_lost(seed_clean, seed_raw):
    text = epaper.text_body(seed_clean)
    lost = [p for p in seed_raw if p not in text or len(p) == 1]  # "电" is also in "电商"
    cut = seed_raw.index("本版编辑 王薇薇 郎冰 闫伟奇 美编 高妍")
    assert lost == [TITLE, BYLINE, *seed_raw[cut:]]
    assert len(text.replace("\n\n", "").replace("图：", "")) == sum(map(len, seed_raw[:cut])) - len(
        TITLE
    ) - len(BYLINE)


def test_recorded_seed_page_reads_like_the_seed_text_and_the_golden_file(seed_clean):
    url = case_url("seed")
    root = parse_tree(recorded(url))
    page = epaper.refine_article(parse_article_page(root, url, RULES), root, RULES)
    assert page.text == epaper.text_body(seed_clean)
    assert page.text + "\n" == (GOLDEN / "seed" / "expected.txt").read_text(encoding="utf-8")
    assert page.title == TITLE and page.author == BYLINE
    assert to_rfc1123(page.published) == "Thu, 12 Jan 2023 16:00:00 GMT"


@pytest.mark.parametrize("case", ["image", "next_head"])
def test_recorded_pages_match_their_golden_text(case):
    url = case_url(case)
    root = parse_tree(recorded(url))
    page = epaper.refine_article(parse_article_page(root, url, RULES), root, RULES)
    assert page.text + "\n" == (GOLDEN / case / "expected.txt").read_text(encoding="utf-8")


def test_next_article_head_is_cut_even_without_an_editor_line():
    lines = [
        "第一段正文，讲了一件事情，并且写得足够长以免被当作标题。",
        "小标题",
        "第二段正文结束了。",
        "下一篇的标题",
        "本报记者 冯其予",
        "下一篇的正文开始了。",
    ]
    assert (
        epaper.clean_paragraphs(lines, title="本篇标题", byline="本报记者 齐慧").paragraphs
        == lines[:3]
    )


def test_own_byline_jump_notes_and_stray_characters_go_headings_stay():
    lines = [
        "本报记者 齐慧",
        "正文第一段写完了。（下转第二版）",
        "2",
        "一、坚持稳中求进",
        "正文第二段，在这里被栏断开了，",
        "接着写完。",
        "（上接第一版）",
    ]
    clean = epaper.clean_paragraphs(lines, title="标题", byline="")
    assert clean.paragraphs == [
        "正文第一段写完了。",
        "一、坚持稳中求进",
        "正文第二段，在这里被栏断开了，接着写完。",
    ]


@pytest.mark.parametrize(
    ("lines", "captions"),
    [
        (
            ["正文写完了。", "图为工人在车间作业。", "本报记者 王晶摄", "后文继续。"],
            ["图为工人在车间作业。本报记者 王晶摄"],
        ),
        (["正文写完了。", "图为新区外景。（资料图片）"], ["图为新区外景。（资料图片）"]),
        (["这一段很长，" * 30 + "。", "新华社发（张三摄）"], ["新华社发（张三摄）"]),
    ],
)
def test_captions_are_set_apart(lines, captions):
    assert epaper.clean_paragraphs(lines).captions == captions


def test_edition_dates_and_times():
    assert epaper.edition_date(
        "http://paper.ce.cn/pc/content/202301/13/content_266120.html"
    ) == date(2023, 1, 13)
    assert epaper.edition_date("http://paper.ce.cn/pc/layout/202301/13/node_02.html") == date(
        2023, 1, 13
    )
    assert epaper.edition_date(
        "http://paper.ce.cn/jjrb/html/2019-02/20/content_384331.htm"
    ) == date(2019, 2, 20)
    assert epaper.edition_date("http://paper.ce.cn/pc/layout/index.html") is None
    assert epaper.edition_date("http://paper.ce.cn/pc/layout/202302/30/node_01.html") is None
    assert (
        epaper.edition_url(RULES.list.dated, date(2023, 1, 5))
        == "http://paper.ce.cn/pc/layout/202301/05/node_01.html"
    )
    assert (
        to_rfc1123(epaper.edition_time(date(2023, 1, 13), "+08:00"))
        == "Thu, 12 Jan 2023 16:00:00 GMT"
    )


@pytest.mark.parametrize(
    "page",
    [
        '<meta http-equiv="REFRESH" content="0; URL=202301/13/node_01.html">',
        "<script>window.location.href = '202301/13/node_01.html';</script>",
        '<a href="about.html">关于</a><a href="202301/13/node_01.html">第01版：要闻</a>',
    ],
)
def test_latest_issue_page_leads_to_the_first_page(page):
    index = "http://paper.ce.cn/pc/layout/index.html"
    assert (
        epaper.edition_link(f"<html><head></head><body>{page}</body></html>", index)
        == CASES["latest"]["first_page"]
    )


def test_latest_issue_page_without_a_way_on():
    assert (
        epaper.edition_link(
            "<html><body><p>维护中</p></body></html>", "http://paper.ce.cn/pc/layout/index.html"
        )
        is None
    )
    assert (
        epaper.edition_link(recorded(CASES["latest"]["url"]), CASES["latest"]["url"])
        == CASES["latest"]["first_page"]
    )


def test_layout_page_lists_pages_articles_and_furniture():
    url = CASES["latest"]["first_page"]
    edition = epaper.parse_edition_page(recorded(url), url, RULES)
    assert edition.name == "第01版：要闻"
    assert edition.pages == [url.replace("node_01", f"node_0{n}") for n in (1, 2, 3)]
    assert [u for u, _ in edition.articles] == [
        u for u, a in CASES["articles"].items() if a["layout_page"] == url
    ]
    assert [t for _, t in edition.skipped] == ["本版责编：王薇薇 郎冰", "广告"]


def test_page_categories_and_html_body():
    assert epaper.page_categories(["经济日报", "报纸", "{page}"], "第02版：产经") == [
        "经济日报",
        "报纸",
        "第02版：产经",
    ]
    assert epaper.page_categories(["经济日报", "{page}"], "") == ["经济日报"]
    body = epaper.html_body(
        epaper.CleanText(["a<b>{x}"], ["c"]), ["http://paper.ce.cn/pc/pic/1.jpg"]
    )
    assert (
        body
        == '<p>a&lt;b&gt;&#123;x&#125;</p>\n<p><img src="http://paper.ce.cn/pc/pic/1.jpg"></p>\n<p>图：c</p>'
    )
