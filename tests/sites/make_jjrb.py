# ruff: noqa: E501
"""Regenerate the recorded copy of the 经济日报 e-paper in ``tests/sites/paper.ce.cn/`` (run from anywhere).

    python tests/sites/make_jjrb.py          # rewrite the files
    python tests/sites/make_jjrb.py --check  # exit 1 if the committed files differ

Everything under ``tests/sites/paper.ce.cn/`` and ``tests/sites/jjrb-cases.yaml`` is written
by this script; don't edit those files by hand. The pages imitate the Founder ("方正") e-paper
that ``http://paper.ce.cn/pc/`` serves: UTF-8 with the charset only in a ``<meta>``, a page
image with its area map, the edition's pages in ``ul#layoutlist``, a page's articles in
``ul#articlelist`` (relative ``../../../content/...``, with 本版责编/广告/图片新闻/来稿邮箱
entries), and article pages with ``#PreTitle``/``#Title``/``#SubTitle``/``#Author`` and the
text in ``div#ozoom > founder-content``. ``layout/index.html`` sends the reader to the
latest issue's first page with a meta refresh.

Two editions: 2023-01-13 (three pages, six articles) and 2023-01-12 (one page, two
articles); 2023-01-11 has none (404). The 互联网医疗 article is the raw ``#ozoom`` text of
``seeds/003_853e86d946bf52c8.txt``, one ``<p>`` per paragraph, with the column breaks, the
repeated title and byline, the photo caption, the editor line, the stray character and the
next article's head that the seed shows. That next article (低效楼宇) is recorded too, its
paragraphs in reading order, with its photo.
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import shutil
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent.parent))

from make_ofweek import jpeg_bytes  # noqa: E402  (tiny valid JPEGs without Pillow)

from archiver.replay import url_to_relpath  # noqa: E402  (one mapping rule: the proxy's)

HOST = "paper.ce.cn"
CASES_FILE = "jjrb-cases.yaml"
SEED_TEXT = HERE.parent / "fixtures" / "seeds" / "003_853e86d946bf52c8.txt"
BASE = "http://paper.ce.cn/pc"
LATEST = f"{BASE}/layout/index.html"
LATEST_DAY = "2023-01-13"
MISSING_DAY = "2023-01-11"
CATEGORIES = ["经济日报", "报纸"]
EDITOR_LINE = "本版编辑 王薇薇 郎冰 闫伟奇 美编 高妍"
WEEKDAYS = "一二三四五六日"


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def seed_paragraphs() -> list[str]:
    """The seed's raw #ozoom paragraphs, empty ones included (they were empty <p>s)."""
    if not SEED_TEXT.is_file():
        sys.exit(f"make_jjrb.py: the seed text is missing: {SEED_TEXT}")
    return [p.strip() for p in SEED_TEXT.read_text(encoding="utf-8").strip("\n").split("\n\n")]


def seed_tail() -> list[str]:
    """The next article (低效楼宇) from the seed's tail, put back in reading order."""
    tail = seed_paragraphs()
    tail = tail[tail.index("本报记者 杨学聪") + 1 :]
    tail = [p for p in tail if p]
    caption = next(p for p in tail if p.endswith("（资料图片）"))
    start = next(i for i, p in enumerate(tail) if p.startswith("北京作为首个减量发展"))
    ordered = tail[start:] + tail[: tail.index(caption)]
    return [caption, *ordered, EDITOR_LINE]


# --------------------------------------------------------------------------------------
# The editions: page -> articles; an article is a dict of its fields and raw paragraphs
# --------------------------------------------------------------------------------------

A1_NEXT_HEAD = [
    "稳外贸政策持续发力",
    "本报记者 冯其予",
    "商务部近日表示，将进一步加大稳外贸政策支持力度，帮助外贸企业稳订单、拓市场。",
]


def editions() -> dict[str, list[dict]]:
    """day -> its pages (name, articles, furniture entries), in print order."""
    return {
        "2023-01-13": [
            {
                "name": "第01版：要闻",
                "articles": [
                    {
                        "case": "next_head",
                        "id": 266101,
                        "title": "春运首周客流平稳有序",
                        "sub": "铁路、民航运力投放持续增加",
                        "author": "本报记者 齐慧",
                        "paragraphs": [
                            "今年春运自1月7日开始，至2月15日结束，共计40天。春运首周，全国客流总体平稳有序，铁路、公路、水路、民航等各种运输方式运力充足，旅客出行秩序良好。",
                            "交通运输部有关负责人介绍，随着返乡客流逐步增加，各地交通运输部门持续加强运力调配，优化运输组织，全力保障旅客平安有序出行。",
                            "运力保障有力",
                            "铁路部门实行春运运行图，在重点方向增开旅客列车，并根据售票情况动态调整运力安排。民航方面，各航空公司加大热门航线运力投放，",
                            "国内航班日均计划量较去年同期明显增长。",
                            "与此同时，各地加强客运场站服务保障，在车站、机场增设便民服务点，为老年人、残疾人等重点旅客提供帮扶服务。（下转第二版）",
                            *A1_NEXT_HEAD,
                        ],
                    },
                    {
                        "case": "no_byline",
                        "id": 266102,
                        "title": "多地出台举措提振消费",
                        "author": "",
                        "paragraphs": [
                            "本报北京1月12日讯 新年伊始，多地密集出台促消费政策，通过发放消费券、举办促消费活动等方式，激发消费活力，推动消费加快恢复。",
                            "2",
                            "记者梳理发现，北京、上海、广东、浙江等地围绕餐饮、零售、文旅、汽车等重点领域推出一系列举措。其中，多地提出支持新能源汽车消费，鼓励开展汽车以旧换新。",
                            "业内人士表示，随着各项政策落地见效，居民消费意愿有望逐步回升，消费对经济增长的拉动作用将进一步增强。",
                        ],
                    },
                ],
                "furniture": [(266103, "本版责编：王薇薇 郎冰"), (266104, "广告")],
            },
            {
                "name": "第02版：产经",
                "articles": [
                    {
                        "case": "seed",
                        "id": 266120,
                        "title": "互联网医疗进入发展新阶段",
                        "author": "中国经济网记者 郭文培",
                        "paragraphs": seed_paragraphs(),
                    },
                    {
                        "case": "image",
                        "id": 266121,
                        "pre": "北京城市核心区深挖存量空间潜力——",
                        "title": "低效楼宇加速“改头换面”",
                        "author": "本报记者 杨学聪",
                        "image": "pic/202301/13/d4c1e0b6a7f2.jpg",
                        "paragraphs": seed_tail(),
                    },
                ],
                "furniture": [(266122, "图片新闻")],
            },
            {
                "name": "第03版：评论",
                "articles": [
                    {
                        "case": "editorial",
                        "id": 266130,
                        "title": "以高质量供给创造有效需求",
                        "author": "本报评论员",
                        "paragraphs": [
                            "扩大内需，既要着力扩大有效需求，也要注重提升供给质量。供给和需求是经济运行的一体两面，高质量供给能够创造和引领新的需求。",
                            "当前，我国消费结构加快升级，居民对高品质商品和服务的需求日益增长。企业要瞄准消费升级方向，加大研发投入，提升产品和服务品质，以优质供给满足多样化、个性化需求。",
                            "各地各部门要坚持问题导向，打通堵点、补齐短板，优化消费环境，让居民能消费、愿消费、敢消费。",
                        ],
                    },
                    {
                        "case": "signed",
                        "id": 266131,
                        "title": "让数字经济更好赋能实体经济",
                        "author": "黄鑫",
                        "paragraphs": [
                            "黄鑫",
                            "数字经济是继农业经济、工业经济之后的主要经济形态。推动数字经济和实体经济深度融合，是把握新一轮科技革命和产业变革新机遇的战略选择。",
                            "企业是融合发展的主体。要加快推进制造业数字化转型，推动工业互联网规模化应用，让更多中小企业用得上、用得起数字化工具。",
                            "（作者系中国信息通信研究院高级工程师）",
                        ],
                    },
                ],
                "furniture": [(266132, "来稿邮箱 jjrbpl@ce.cn"), (266133, "责任编辑 郎冰")],
            },
        ],
        "2023-01-12": [
            {
                "name": "第01版：要闻",
                "articles": [
                    {
                        "case": "earlier_day",
                        "id": 265901,
                        "title": "新年首批重大项目集中开工",
                        "author": "本报记者 张忱",
                        "paragraphs": [
                            "新年伊始，各地新一批重大项目集中开工，涵盖交通、能源、水利、新型基础设施等领域，为稳投资、稳增长注入动力。",
                            "业内专家认为，重大项目集中开工释放了积极信号，有利于带动社会投资，巩固经济回升向好态势。",
                        ],
                    },
                    {
                        "case": "earlier_day_2",
                        "id": 265902,
                        "title": "冬季农业生产有序推进",
                        "author": "本报记者 乔金亮",
                        "paragraphs": [
                            "眼下正值冬春农业生产关键时期，各地抓好越冬作物田间管理，强化设施农业生产，保障“菜篮子”产品稳定供应。",
                            "农业农村部门组织专家深入一线开展技术指导，帮助农民防范低温冰冻等灾害天气影响。",
                        ],
                    },
                ],
                "furniture": [(265903, "本版责编 闫伟奇")],
            },
        ],
    }


# --------------------------------------------------------------------------------------
# URLs and page templates
# --------------------------------------------------------------------------------------


def ym_d(day: str) -> tuple[str, str]:
    y, m, d = day.split("-")
    return y + m, d


def layout_url(day: str, node: int) -> str:
    ym, d = ym_d(day)
    return f"{BASE}/layout/{ym}/{d}/node_{node:02d}.html"


def content_url(day: str, cid: int) -> str:
    ym, d = ym_d(day)
    return f"{BASE}/content/{ym}/{d}/content_{cid}.html"


def head(title: str, up: str) -> str:
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(title)}</title>
<link rel="stylesheet" href="{up}static/css/bootstrap.min.css">
<link rel="stylesheet" href="{up}static/css/style.css">
<script src="{up}static/js/jquery.min.js"></script>
<script src="{up}static/js/layout.js"></script>
</head>
"""


def banner(day: str, up: str, previous: str) -> str:
    y, m, d = (int(x) for x in day.split("-"))
    weekday = WEEKDAYS[dt.date(y, m, d).weekday()]
    return f"""<body>
<div class="header">
  <div class="wrap clearfix">
    <div class="logo pull-left"><a href="http://www.ce.cn/" target="_blank"><img src="{up}static/images/logo.png" alt="中国经济网"></a></div>
    <div class="date pull-left">{y}年{m:02d}月{d:02d}日 星期{weekday}</div>
    <div class="header-nav pull-right">
      <a href="http://www.ce.cn/" target="_blank">中国经济网首页</a> |
      <a href="{up}pc/layout/index.html">今日报纸</a> |
      <a href="{previous}">上一期</a> |
      <a href="javascript:void(0)" onclick="showCalendar()">往期回顾</a>
    </div>
  </div>
</div>
"""


FOOTER = """<div class="footer">
  <p>经济日报社版权所有 未经书面授权 不得转载 <a href="http://www.ce.cn/about/" target="_blank">关于我们</a> | <a href="http://www.ce.cn/contact/" target="_blank">联系我们</a></p>
  <p>京ICP备05004354号</p>
</div>
<script>
var _hmt = _hmt || [];
(function() {
  var hm = document.createElement("script");
  hm.src = "https://hm.baidu.com/hm.js?3b4f1a0c2e7d9f6a8b5c4d3e2f1a0b9c";
  var s = document.getElementsByTagName("script")[0];
  s.parentNode.insertBefore(hm, s);
})();
</script>
</body>
</html>
"""


def article_list(day: str, page: dict) -> str:
    ym, d = ym_d(day)
    entries = [(a["id"], a["title"]) for a in page["articles"]] + page["furniture"]
    items = "\n".join(
        f'      <li><a href="../../../content/{ym}/{d}/content_{cid}.html"><p>{esc(title)}</p></a></li>'
        for cid, title in entries
    )
    return f'    <ul class="newsList" id="articlelist">\n{items}\n    </ul>'


def layout_page(day: str, node: int, pages: list[dict], previous_day: str) -> str:
    ym, d = ym_d(day)
    page = pages[node - 1]
    areas = "\n".join(
        f'      <area shape="polygon" coords="{20 + 7 * i},{40 + 90 * i},{300 + 7 * i},{40 + 90 * i},{300 + 7 * i},{120 + 90 * i},{20 + 7 * i},{120 + 90 * i}" href="../../../content/{ym}/{d}/content_{a["id"]}.html">'
        for i, a in enumerate(page["articles"])
    )
    nav = "\n".join(
        f'        <li class="posRelative"><a href="node_{n:02d}.html">{esc(p["name"])}</a>'
        f'<a class="pdf" href="../../../../images/{day[:7]}/{d}/{n:02d}/jjrb{ym}{d}{n:02d}.pdf"><img src="../../../../static/images/pdf.png" alt="PDF"></a></li>'
        for n, p in enumerate(pages, 1)
    )
    prev_ym, prev_d = ym_d(previous_day)
    return (
        head(f"经济日报 {page['name']}", "../../../../")
        + banner(day, "../../../../", f"../../{prev_ym}/{prev_d}/node_01.html")
        + f"""<div class="content">
 <div class="wrap">
  <div class="clearfix">
   <div class="newspaper-pic pull-left">
    <img src="../../../pic/{ym}/{d}/page_{node:02d}_b.jpg" usemap="#PagePicMap" alt="{esc(page["name"])}">
    <map name="PagePicMap">
{areas}
    </map>
   </div>
   <div class="pull-left page">
    <div class="paper-box"><span class="paper-name">{esc(page["name"])}</span></div>
    <ul id="layoutlist">
{nav}
    </ul>
   </div>
   <div class="newsNav pull-left">
    <div class="newsNav-title">本版新闻</div>
{article_list(day, page)}
   </div>
  </div>
 </div>
</div>
"""
        + FOOTER
    )


def article_page(day: str, page: dict, article: dict) -> str:
    body = []
    if article.get("image"):
        body.append(f'<p><img src="../../../{article["image"]}" alt=""></p>')
    body += [f"<p>{'　　' + esc(p) if p else ''}</p>" for p in article["paragraphs"]]
    ozoom = "\n".join(body)
    return (
        head(f"{article['title']}-经济日报", "../../../../")
        + banner(day, "../../../../", "javascript:history.back()")
        + f"""<div class="content">
 <div class="wrap">
  <div class="clearfix">
   <div class="pull-left left-box">
    <div class="paper-box"><span class="paper-name">{esc(page["name"])}</span></div>
{article_list(day, page)}
   </div>
   <div class="pull-right right-box article">
    <div class="right_title">
     <div class="right_title-pre" id="PreTitle"><p>{esc(article.get("pre", ""))}</p></div>
     <div class="right_title-name" id="Title"><p>{esc(article["title"])}</p></div>
     <div class="right_title-sub" id="SubTitle"><p>{esc(article.get("sub", ""))}</p></div>
     <div class="right_title-author" id="Author"><p>{esc(article["author"])}</p></div>
    </div>
    <div class="article-box" id="articleContent">
     <div id="ozoom" style="font-size:16px;">
<founder-content>
{ozoom}
</founder-content>
     </div>
    </div>
    <div class="article-tools"><a href="javascript:void(0)" onclick="fontZoom(18)">放大</a> <a href="javascript:void(0)" onclick="window.print()">打印</a></div>
   </div>
  </div>
 </div>
</div>
"""
        + FOOTER
    )


def latest_page(day: str) -> str:
    ym, d = ym_d(day)
    return f"""<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<meta http-equiv="REFRESH" content="0; URL={ym}/{d}/node_01.html">
<title>经济日报</title>
</head>
<body>
<p>正在进入今日报纸……如果页面没有自动跳转，请<a href="{ym}/{d}/node_01.html">点击这里</a>。</p>
</body>
</html>
"""


# --------------------------------------------------------------------------------------
# Files and expectations
# --------------------------------------------------------------------------------------


def build() -> dict[str, bytes]:
    files: dict[str, bytes] = {}

    def put(url: str, data: bytes) -> None:
        files[url_to_relpath(url)] = data

    put(LATEST, latest_page(LATEST_DAY).encode("utf-8"))
    days = editions()
    for day, pages in days.items():
        for node in range(1, len(pages) + 1):
            put(
                layout_url(day, node),
                layout_page(
                    day, node, pages, "2023-01-12" if day == LATEST_DAY else MISSING_DAY
                ).encode("utf-8"),
            )
            for article in pages[node - 1]["articles"]:
                put(
                    content_url(day, article["id"]),
                    article_page(day, pages[node - 1], article).encode("utf-8"),
                )
                if article.get("image"):
                    put(f"{BASE}/{article['image']}", jpeg_bytes(64, 48, article["id"] % 97))
    files[CASES_FILE] = cases(days).encode("utf-8")
    return files


def cases(days: dict[str, list[dict]]) -> str:
    articles, skipped, by_day = {}, [], {}
    for day, pages in days.items():
        by_day[day] = []
        for node, page in enumerate(pages, 1):
            skipped += [content_url(day, cid) for cid, _ in page["furniture"]]
            for a in page["articles"]:
                url = content_url(day, a["id"])
                by_day[day].append(url)
                articles[url] = {
                    "case": a["case"],
                    "title": a["title"],
                    "author": a["author"] or "经济日报",
                    "day": day,
                    "categories": [*CATEGORIES, page["name"]],
                    "layout_page": layout_url(day, node),
                    "headimg": f"{BASE}/{a['image']}" if a.get("image") else "",
                }
    never = [
        f"{BASE}/pic/202301/13/page_01_b.jpg",
        f"http://{HOST}/images/2023-01/13/01/jjrb2023011301.pdf",
    ]
    doc = {
        "generated_by": "tests/sites/make_jjrb.py (do not edit by hand)",
        "latest": {"url": LATEST, "day": LATEST_DAY, "first_page": layout_url(LATEST_DAY, 1)},
        "missing_day": MISSING_DAY,
        "editions": by_day,
        "skipped_entries": skipped,
        "never_fetch": never,
        "next_article_head": A1_NEXT_HEAD,
        "editor_line": EDITOR_LINE,
        "articles": articles,
    }
    return (
        "# Expectations for the recorded 经济日报 e-paper. Generated by make_jjrb.py; do not edit.\n"
        + yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=120)
    )


def existing_files(root: Path) -> dict[str, bytes]:
    found = {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted((root / HOST).rglob("*"))
        if p.is_file()
    }
    if (root / CASES_FILE).exists():
        found[CASES_FILE] = (root / CASES_FILE).read_bytes()
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--check", action="store_true", help="only compare; exit 1 if the files differ"
    )
    args = parser.parse_args(argv)
    files = build()
    total = sum(len(b) for b in files.values())
    if args.check:
        current = existing_files(HERE)
        if current != files:
            changed = sorted(
                set(current) ^ set(files) | {k for k in files if current.get(k) != files[k]}
            )
            print(
                "tests/sites/paper.ce.cn is out of date; run tests/sites/make_jjrb.py. Differs:",
                *changed[:20],
                sep="\n  ",
            )
            return 1
        print(f"tests/sites/paper.ce.cn is up to date ({len(files)} files, {total / 1024:.0f} KiB)")
        return 0
    shutil.rmtree(HERE / HOST, ignore_errors=True)
    for rel, data in sorted(files.items()):
        path = HERE / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    print(f"wrote {len(files)} files ({total / 1024:.0f} KiB) under {HERE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
