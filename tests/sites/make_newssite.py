# ruff: noqa: E501
"""Regenerate ``tests/sites/www.example-news.cn/``: a site with no definition, for the article spider.

    python tests/sites/make_newssite.py          # rewrite the files
    python tests/sites/make_newssite.py --check  # exit 1 if the committed files differ

A fictional Chinese tech-news portal in the usual pattern: page chrome (top bar with today's
date, nav, hot list, share bar, related list, footer) around articles whose layout no site
definition knows, an RSS feed, a sitemap index with a gzip child sitemap and a plain one,
and robots.txt naming the index. What each article exercises:

- a1001: header line ``2024-03-15 10:30 来源：… 作者：…``, an image, a related list after the body;
- a1002: no date in its URL or text but the top bar's calendar (the feed's ``pubDate`` dates it), ``本报记者 X``;
- a1003: two pages (``a1003_2.html`` behind 下一页), ``2024年03月12日 08:05``;
- a1004, a1006: in the March sitemap (.xml.gz), newer than the cutoff or without lastmod;
- a1005: in the March sitemap, lastmod before the cutoff; a1007: in the December sitemap,
  whose index entry is before the cutoff. Neither may be fetched with ``lastmod=2024-03-01``.
"""

from __future__ import annotations

import argparse
import gzip
import html
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from make_ofweek import jpeg_bytes, png_bytes  # noqa: E402  (tiny valid images, no Pillow)

HOST = "www.example-news.cn"
BASE = f"https://{HOST}"

ARTICLES = {
    "a1001": {
        "path": "/news/2024/03/15/a1001.html",
        "title": "国产大模型推理芯片流片成功 能效比提升三倍",
        "byline": "2024-03-15 10:30 来源：示例科技网 作者：王芳",
        "keywords": "芯片,大模型,推理",
        "image": ("/img/2024/03/chip.png", "芯片实物图"),
        "paragraphs": [
            "3月15日消息，一家国内初创公司宣布，其面向大模型推理场景设计的专用芯片已完成流片，首批样片在实验室环境下运行稳定。",
            "据公司介绍，该芯片采用存算一体架构，在主流的七十亿参数模型上，单位功耗下的推理吞吐量较上一代产品提升约三倍。",
            "业内人士认为，推理需求正在快速超过训练需求，能效比将成为数据中心采购芯片时最看重的指标之一。",
            "公司计划在今年下半年向首批云服务客户小批量供货，并同步推出配套的编译器和推理框架。",
        ],
    },
    "a1002": {
        "path": "/news/show-1002.html",
        "title": "多地加快布局算力枢纽 绿色数据中心成新方向",
        "byline": "本报记者 李强",
        "keywords": "算力,数据中心",
        "image": ("/img/2024/03/dc.jpg", "数据中心机房"),
        "paragraphs": [
            "记者从多地发展改革部门获悉，今年以来，多个省份密集出台算力基础设施建设方案，绿色低碳成为新建数据中心的共同要求。",
            "在西部某算力枢纽节点，一座新建数据中心采用液冷技术，全年平均电能利用效率已降至一点二以下。",
            "专家表示，算力枢纽的布局需要统筹能源、网络和应用需求，避免出现重复建设和资源闲置。",
        ],
    },
    "a1003": {
        "path": "/news/2024/03/12/a1003.html",
        "title": "固态电池量产时间表渐明 车企加速验证",
        "byline": "2024年03月12日 08:05 来源：示例科技网",
        "keywords": "固态电池,新能源汽车",
        "image": None,
        "paragraphs": [
            "多家动力电池企业近日披露了固态电池的研发进展，半固态电池已开始装车验证，全固态电池的量产时间表也逐渐清晰。",
            "一位电池企业技术负责人表示，固态电解质的界面稳定性和量产成本仍是最大的难点，预计还需要两到三年才能实现规模化应用。",
        ],
        "page2": [
            "从车企的反馈来看，续航和安全性的提升是推动固态电池上车的主要动力，多家车企已与电池企业成立联合实验室。",
            "分析人士指出，固态电池产业链的上游材料环节有望率先受益，相关企业的扩产计划值得关注。",
        ],
    },
    "a1004": {
        "path": "/news/2024/03/18/a1004.html",
        "title": "工业机器人出货量回暖 协作机器人增速领先",
        "byline": "2024-03-18 09:00 来源：示例机器人网",
        "keywords": "机器人,制造业",
        "image": None,
        "paragraphs": [
            "最新统计数据显示，今年前两个月国内工业机器人出货量同比增长一成以上，其中协作机器人的增速明显高于行业平均水平。",
            "业内人士分析，汽车零部件和锂电行业的扩产需求，是拉动本轮出货量回暖的主要因素。",
            "不过，价格竞争依然激烈，部分中小厂商的利润空间受到挤压，行业整合或将加速。",
        ],
    },
    "a1005": {
        "path": "/news/2024/02/01/a1005.html",
        "title": "二月的旧闻：这篇不应被抓取",
        "byline": "2024-02-01 09:00 来源：示例科技网",
        "keywords": "旧闻",
        "image": None,
        "paragraphs": [
            "这是一篇在截止日期之前修改过的文章，站点地图的 lastmod 早于截止日期，所以不应被抓取。"
            * 2
        ],
    },
    "a1006": {
        "path": "/news/2024/03/19/a1006.html",
        "title": "卫星互联网终端降价 消费级市场有望启动",
        "byline": "2024-03-19 14:20 来源：示例通信网 作者：赵敏",
        "keywords": "卫星互联网,终端",
        "image": None,
        "paragraphs": [
            "随着低轨卫星星座组网加快，卫星互联网终端的价格出现明显下降，部分机型已降至千元级别。",
            "业内人士认为，终端价格下降和资费方案的丰富，有望推动卫星互联网从行业应用走向消费级市场。",
        ],
    },
    "a1007": {
        "path": "/news/2023/12/20/a1007.html",
        "title": "去年的旧闻：这篇也不应被抓取",
        "byline": "2023-12-20 09:00 来源：示例科技网",
        "keywords": "旧闻",
        "image": None,
        "paragraphs": [
            "这篇文章只在去年十二月的站点地图里，索引里的 lastmod 早于截止日期，所以整个子站点地图都不应被请求。"
            * 2
        ],
    },
}
FEED_ITEMS = [  # (article, pubDate as the feed prints it)
    ("a1001", "Fri, 15 Mar 2024 02:30:00 GMT"),
    ("a1002", "Wed, 13 Mar 2024 14:00:00 +0800"),
    ("a1003", "Tue, 12 Mar 2024 00:05:00 GMT"),
]
SITEMAP_MARCH = [("a1004", "2024-03-18T09:00:00+08:00"), ("a1005", "2024-02-01"), ("a1006", None)]
SITEMAP_DECEMBER = [("a1007", "2023-12-20")]


def url(key: str) -> str:
    return BASE + ARTICLES[key]["path"]


def chrome(title: str, keywords: str, main: str) -> str:
    """A whole page: top bar with today's date, nav, the main column, hot list, footer."""
    hot = "".join(
        f'<li><a href="/news/hot{i}.html">热门文章标题第{i}条：行业动态速览</a></li>'
        for i in range(1, 6)
    )
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{html.escape(title)}_示例科技网</title>
<meta name="keywords" content="{html.escape(keywords)}">
<meta property="og:title" content="{html.escape(title)}">
<script>var _hmt = _hmt || [];</script></head>
<body>
<div class="topbar">今天是2024年03月20日 星期三 <a href="/login">登录</a> <a href="/reg">注册</a></div>
<div class="nav"><a href="/">首页</a> <a href="/news/">资讯</a> <a href="/chip/">芯片</a> <a href="/ai/">人工智能</a> <a href="/auto/">汽车</a></div>
<div class="wrap"><div class="main-col">{main}</div>
<div class="side-col"><h3>热门文章</h3><ul>{hot}</ul></div></div>
<div class="footer">关于我们 | 联系方式 | 版权所有 © 2024 示例科技网 京ICP备12345678号</div>
</body></html>
"""


def article_page(key: str, paragraphs: list[str], *, pager: str = "") -> str:
    art = ARTICLES[key]
    image = ""
    if art["image"]:
        src, alt = art["image"]
        image = f'<p class="pic"><img src="{src}" alt="{alt}"></p><p class="pic-note">{alt}</p>'
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs[:1]) + image
    body += "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs[1:])
    related = "".join(
        f'<li><a href="/news/rel{i}.html">相关阅读：示例相关新闻第{i}篇</a></li>'
        for i in range(1, 4)
    )
    main = f"""<div class="news-head"><h1>{html.escape(art["title"])}</h1>
<div class="news-info">{html.escape(art["byline"])}</div></div>
<div class="news-text">{body}{pager}</div>
<div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a> <a href="#">QQ空间</a></div>
<div class="related"><h3>相关阅读</h3><ul>{related}</ul></div>
<div class="editor">责任编辑：陈晨</div>"""
    return chrome(art["title"], art["keywords"], main)


def rss() -> str:
    items = "".join(
        f"<item><title>{html.escape(ARTICLES[k]['title'])}</title><link>{url(k)}</link>"
        f'<guid isPermaLink="false">news-{k}</guid><pubDate>{date}</pubDate>'
        f"<description><![CDATA[<p>{ARTICLES[k]['paragraphs'][0]}</p>]]></description></item>\n"
        for k, date in FEED_ITEMS
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>示例科技网</title>'
        f"<link>{BASE}/</link><description>示例科技网最新资讯</description>\n{items}</channel></rss>\n"
    )


def urlset(entries: list[tuple[str, str | None]]) -> str:
    rows = "".join(
        f"<url><loc>{url(k)}</loc>{f'<lastmod>{m}</lastmod>' if m else ''}<changefreq>never</changefreq></url>\n"
        for k, m in entries
    )
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{rows}</urlset>\n'


def sitemap_index() -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        f"<sitemap><loc>{BASE}/sitemaps/news-2024-03.xml.gz</loc><lastmod>2024-03-19T14:20:00+08:00</lastmod></sitemap>\n"
        f"<sitemap><loc>{BASE}/sitemaps/news-2023-12.xml</loc><lastmod>2023-12-31</lastmod></sitemap>\n"
        "</sitemapindex>\n"
    )


def files() -> dict[str, bytes]:
    """Every file of the host folder, by path relative to it."""
    out: dict[str, bytes] = {}
    for key, art in ARTICLES.items():
        rel = art["path"].lstrip("/")
        if "page2" in art:
            page2 = art["path"].replace(".html", "_2.html")
            pager = f'<div class="pages"><span>1</span> <a href="{page2}">2</a> <a href="{page2}">下一页</a></div>'
            back = f'<div class="pages"><a href="{art["path"]}">上一页</a> <a href="{art["path"]}">1</a> <span>2</span></div>'
            out[rel] = article_page(key, art["paragraphs"], pager=pager).encode()
            out[page2.lstrip("/")] = article_page(key, art["page2"], pager=back).encode()
        else:
            out[rel] = article_page(key, art["paragraphs"]).encode()
    out["img/2024/03/chip.png"] = png_bytes(48, 32, 7)
    out["img/2024/03/dc.jpg"] = jpeg_bytes(40, 24, 11)
    out["rss.xml"] = rss().encode()
    out["sitemap_index.xml"] = sitemap_index().encode()
    out["sitemaps/news-2024-03.xml.gz"] = gzip.compress(urlset(SITEMAP_MARCH).encode(), mtime=0)
    out["sitemaps/news-2023-12.xml"] = urlset(SITEMAP_DECEMBER).encode()
    out["_routes.yaml"] = (  # as real servers send it; the proxy would sniff it as HTML
        b"/sitemaps/news-2024-03.xml.gz:\n  headers:\n    Content-Type: application/x-gzip\n"
    )
    out["robots.txt"] = (
        f"User-agent: *\nDisallow: /admin/\nSitemap: {BASE}/sitemap_index.xml\n".encode()
    )
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
