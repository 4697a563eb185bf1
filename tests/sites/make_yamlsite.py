# ruff: noqa: E501
"""Regenerate ``tests/sites/www.example-tech.cn/``: a site crawled through a YAML definition only.

    python tests/sites/make_yamlsite.py          # rewrite the files
    python tests/sites/make_yamlsite.py --check  # exit 1 if the committed files differ

A fictional Chinese tech-media site in the usual pattern, defined by
``tests/fixtures/sites/example-tech.yaml`` (no Python of its own): one list page (UTF-8,
items with their dates, a 更多 link that is no article), three articles with a header
(``2024年03月15日 10:30``, ``来源：``, ``作者：``), keyword links, an ad and a share box
inside the body, and images: a plain PNG, a lazy JPEG (``data-src`` over a loading gif) and
the same PNG again. ``ARTICLES`` below is also what ``tests/test_yaml_site.py`` asserts.
"""

from __future__ import annotations

import argparse
import html
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from make_ofweek import gif_bytes, jpeg_bytes, png_bytes  # noqa: E402  (tiny valid images)

HOST = "www.example-tech.cn"
BASE = f"https://{HOST}"
LIST = f"{BASE}/news/list_1.html"

ARTICLES = [
    {
        "path": "/news/2024/0315/1001.html",
        "title": "“芯”机遇：国产GPU的'突围'之路",
        "time": "2024年03月15日 10:30",
        "date": "Fri, 15 Mar 2024 02:30:00 GMT",
        "source": "示例科技",
        "author": "张伟",
        "tags": ["GPU", "国产芯片"],
        "images": ["/uploads/2024/03/gpu_board.png", "/uploads/2024/03/gpu_chart.jpg"],
        "paragraphs": [
            "近日，多家国产GPU企业密集发布新品，覆盖数据中心训练、推理和图形渲染等多个场景。",
            "业内人士指出，国产GPU在单卡算力上已经接近国际主流产品，但在软件生态和集群互联方面仍有差距。",
            "一位芯片设计企业负责人表示，兼容主流编程框架、降低开发者迁移成本，是国产GPU走向规模商用的关键。",
        ],
    },
    {
        "path": "/news/2024/0314/1002.html",
        "title": "智能座舱进入“大模型时代” 车企比拼语音交互",
        "time": "2024年03月14日 18:05",
        "date": "Thu, 14 Mar 2024 10:05:00 GMT",
        "source": "示例汽车科技",
        "author": "刘洋",
        "tags": ["智能座舱", "大模型"],
        "images": ["/uploads/2024/03/gpu_board.png"],
        "paragraphs": [
            "今年以来，已有十余家车企宣布将大模型接入智能座舱，语音助手的理解能力和响应速度明显提升。",
            "专家认为，座舱大模型的竞争将从功能数量转向体验细节，端侧部署和隐私保护成为新的关注点。",
        ],
    },
    {
        "path": "/news/2024/0310/1003.html",
        "title": "5G-A商用提速 运营商启动新一轮网络升级",
        "time": "2024年03月10日 07:45",
        "date": "Sat, 09 Mar 2024 23:45:00 GMT",
        "source": "示例通信",
        "author": "",
        "tags": ["5G-A", "通信"],
        "images": [],
        "paragraphs": [
            "三大运营商近日相继公布5G-A网络建设计划，年内将在数百个城市开通商用服务。",
            "业内人士表示，5G-A在下行速率、上行能力和时延方面均有显著提升，将为裸眼3D、工业互联网等应用提供支撑。",
        ],
    },
]


def url(art: dict) -> str:
    return BASE + art["path"]


def page(title: str, main: str) -> str:
    nav = " ".join(
        f'<a href="/{c}/">{n}</a>'
        for c, n in (("news", "资讯"), ("chip", "芯片"), ("auto", "汽车"))
    )
    return f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{html.escape(title)} - 示例科技网</title></head>
<body><div class="header"><a href="/" class="logo">示例科技网</a><div class="nav">{nav}</div></div>
{main}
<div class="footer">© 2024 示例科技网 版权所有 沪ICP备00000000号</div></body></html>
"""


def list_page() -> str:
    items = "".join(
        f'<li><h3><a href="{art["path"]}">{html.escape(art["title"])}</a></h3>'
        f'<span class="time">{art["time"][:11].replace("年", "-").replace("月", "-").rstrip("日")}</span></li>'
        for art in ARTICLES
    )
    main = f"""<div class="main"><h2>资讯</h2><ul class="news-list">{items}
<li><h3><a href="/special/index.html">专题：更多精彩内容</a></h3></li></ul></div>"""
    return page("资讯", main)


def article_page(art: dict) -> str:
    paragraphs = [f"<p>{html.escape(p)}</p>" for p in art["paragraphs"]]
    images = list(art["images"])
    if images:
        paragraphs.insert(1, f'<p class="img"><img src="{images[0]}" alt="配图"></p>')
    if len(images) > 1:
        paragraphs.insert(
            3,
            f'<p class="img"><img src="/static/loading.gif" data-src="{images[1]}" alt="数据图"></p>',
        )
    paragraphs.insert(
        2,
        '<div class="ad">广告：示例云服务器限时特惠 <a href="https://ads.example.cn/">点击了解</a></div>',
    )
    author = f'<span class="writer">作者：{art["author"]}</span>' if art["author"] else ""
    keywords = "".join(
        f'<a href="/tag/{html.escape(t)}.html">{html.escape(t)}</a>' for t in art["tags"]
    )
    main = f"""<div class="main"><div class="article-header"><h1 class="title">{html.escape(art["title"])}</h1>
<div class="meta"><span class="pubtime">{art["time"]}</span> <span class="origin">来源：{art["source"]}</span> {author}</div></div>
<div id="content" class="article-body">{"".join(paragraphs)}
<div class="share-box">分享到：<a href="#">微信</a> <a href="#">微博</a></div>
<p class="copyright-notice">声明：本文系示例科技网原创，转载请注明出处。</p></div>
<div class="keywords">关键词：{keywords}</div>
<div class="related"><h3>相关文章</h3><ul><li><a href="/news/2024/0301/0999.html">旧文一篇</a></li></ul></div></div>"""
    return page(art["title"], main)


def files() -> dict[str, bytes]:
    out = {"news/list_1.html": list_page().encode()}
    for art in ARTICLES:
        out[art["path"].lstrip("/")] = article_page(art).encode()
    out["uploads/2024/03/gpu_board.png"] = png_bytes(64, 40, 3)
    out["uploads/2024/03/gpu_chart.jpg"] = jpeg_bytes(48, 32, 5)
    out["static/loading.gif"] = gif_bytes(1, 1, 0)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the committed files differ")
    args = parser.parse_args()
    folder = HERE / HOST
    wanted = files()
    if args.check:
        present = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
        stale = sorted(present ^ set(wanted)) + sorted(
            r for r in wanted if r in present and (folder / r).read_bytes() != wanted[r]
        )
        for rel in stale:
            print(f"out of date: {HOST}/{rel}", file=sys.stderr)
        return 1 if stale else 0
    shutil.rmtree(folder, ignore_errors=True)
    for rel, data in wanted.items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_bytes(data)
    print(f"wrote {len(wanted)} files under {folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
