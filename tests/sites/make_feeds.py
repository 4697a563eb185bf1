# ruff: noqa: E501
"""Regenerate ``tests/sites/feeds.example.cn/`` and ``rsshub.example/``: feeds for ``scrapy crawl feeds``.

    python tests/sites/make_feeds.py          # rewrite the files
    python tests/sites/make_feeds.py --check  # exit 1 if the committed files differ

``feeds.example.cn`` is a fictional tech portal serving one feed of each kind, and the
article pages they link (a layout no site definition knows: generic extraction):

- ``rss2.xml`` (RSS 2.0, ``content:encoded`` full text, ``dc:creator``, ``<category>``):
  f101 page exists, gives no author (the item's does); f102 page missing (404), its feed
  text has an image; f103 page is an empty script shell (no article); f104 page's connection drops
  mid-body (``_routes.yaml``; a test removes the route to let the retry succeed);
- ``atom.xml`` (Atom, ``content type=html``, ``author/name``, ``category term``): f201 page
  shows no date (the entry's dates it), f202;
- ``rdf.xml`` (RSS 1.0 / RDF, ``dc:date``): f301;
- ``summaries.xml`` (RSS 2.0, one-sentence ``description`` only): f401, f402, pages exist;
- ``lost.xml``: f501, no text in the feed and a missing page (the article is lost);
- ``blog/`` an HTML page, not a feed; ``gone.xml`` is not here (404).

``rsshub.example/ofweek/news`` is an RSSHub-style feed (``Powered by RSSHub``, an ETag,
no file extension) of three items of the recorded OFweek copy: the seed article, the
three-page article, and the article whose page is missing (``ofweek-cases.yaml``).
"""

from __future__ import annotations

import argparse
import html
import shutil
import sys
from email.utils import format_datetime
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from make_ofweek import png_bytes  # noqa: E402  (tiny valid images, no Pillow)

HOST, RSSHUB = "feeds.example.cn", "rsshub.example"
BASE = f"https://{HOST}"
OFWEEK_ITEMS = (
    "https://mp.ofweek.com/medical/a145614128367",
    "https://ee.ofweek.com/2024-02/ART-8420-2801-30624517.html",
    "https://ee.ofweek.com/2024-01/ART-8420-2800-30620001.html",  # missing from the copy
)
ARTICLES = {
    "f101": {
        "title": "光伏组件价格企稳 头部厂商扩产放缓",
        "date": "2024-04-01T09:00:00+08:00",
        "author": "周婷",
        "tags": ["光伏", "新能源"],
        "page": "dated",
        "paragraphs": [
            "经过一年多的下跌，光伏组件价格在三月下旬出现企稳迹象，部分型号的报价较二月小幅回升。",
            "多家头部厂商在年报中表示，将放缓新产能的建设节奏，把资金优先投向电池技术的升级。",
            "分析人士认为，行业出清仍需时间，但价格战最激烈的阶段可能已经过去。",
            "产业链上游的多晶硅库存仍处高位，价格传导到组件端还需要一到两个季度。",
        ],
    },
    "f102": {
        "title": "储能电站安全新规征求意见 消防要求全面升级",
        "date": "2024-04-02T10:30:00+08:00",
        "author": "刘洋",
        "tags": ["储能"],
        "page": None,
        "image": "/img/2024/04/storage.png",
        "paragraphs": [
            "国家有关部门近日就电化学储能电站安全管理新规公开征求意见，对消防设计和运维提出了更高要求。",
            "征求意见稿要求新建储能电站配备分舱灭火系统，并对电池舱之间的防火间距作出明确规定。",
            "业内人士表示，新规将增加储能项目的初始投资，但有助于行业长期健康发展。",
        ],
    },
    "f103": {
        "title": "独家：某新势力车企下一代平台曝光",
        "date": "2024-04-03T08:15:00+08:00",
        "author": "陈晨",
        "tags": ["汽车"],
        "page": "shell",
        "paragraphs": [
            "据知情人士透露，某新势力车企的下一代电动平台将采用八百伏高压架构，并支持更快的充电速度。",
            "该平台预计明年投产，首款车型定位中大型轿车，续航里程有望超过七百公里。",
        ],
    },
    "f104": {
        "title": "数据中心液冷渗透率快速提升",
        "date": "2024-04-04T14:00:00+08:00",
        "author": "王磊",
        "tags": ["数据中心", "液冷"],
        "page": "dated",
        "paragraphs": [
            "随着单机柜功率不断提高，液冷技术在新建数据中心中的渗透率快速提升，冷板式方案成为主流。",
            "多家服务器厂商已推出整机柜液冷产品，部分互联网企业开始规模化部署。",
            "业内预计，未来三年液冷数据中心的市场规模将保持年均四成以上的增长。",
            "页面全文独有的一段：液冷改造的投资回收期通常在三到五年之间。",
        ],
        "feed_paragraphs": 3,  # the feed's text stops before the page's last paragraph
    },
    "f201": {
        "title": "国产操作系统装机量突破新高",
        "date": "2024-04-05T11:20:00+08:00",
        "author": "孙悦",
        "tags": ["操作系统"],
        "page": "undated",
        "paragraphs": [
            "最新数据显示，国产桌面操作系统的累计装机量突破新高，政企市场仍是主要增长来源。",
            "多家软件厂商表示，应用生态的适配数量在过去一年里翻了一番，用户体验明显改善。",
            "不过，面向个人消费者的市场推广仍面临不少挑战，软件兼容性是用户最关心的问题。",
        ],
    },
    "f202": {
        "title": "开源大模型社区活跃度持续走高",
        "date": "2024-04-06T16:45:00+08:00",
        "author": "赵敏",
        "tags": ["开源", "大模型"],
        "page": "dated",
        "paragraphs": [
            "开源大模型社区的贡献者数量在今年一季度继续增长，多个中文模型的下载量进入全球前列。",
            "开发者普遍认为，开源模型降低了企业试用大模型的门槛，也促进了工具链的完善。",
            "与此同时，模型许可协议的差异也给商业使用带来了一定的不确定性。",
        ],
    },
    "f301": {
        "title": "卫星通信手机出货量增长明显",
        "date": "2024-04-07T09:10:00+08:00",
        "author": "钱进",
        "tags": ["卫星通信"],
        "page": "dated",
        "paragraphs": [
            "支持卫星通信的智能手机出货量在一季度增长明显，高端机型几乎全部具备这一功能。",
            "运营商也在加快推出卫星通信资费套餐，应急通信之外的日常使用场景正在出现。",
            "业内人士预计，随着芯片成本下降，卫星通信功能将逐步下探到中端机型。",
        ],
    },
    "f401": {
        "title": "工业互联网平台连接设备数超九千万台",
        "date": "2024-04-08T10:00:00+08:00",
        "author": "吴昊",
        "tags": ["工业互联网"],
        "page": "dated",
        "paragraphs": [
            "我国具有一定影响力的工业互联网平台连接设备数已超过九千万台套，服务企业数量稳步增加。",
            "在原材料、装备制造和消费品等行业，平台化的设备管理和能耗优化已经比较普遍。",
            "专家建议，下一步应推动平台之间的数据互通，降低中小企业的使用成本。",
        ],
    },
    "f402": {
        "title": "国产工业软件迎来替换窗口期",
        "date": "2024-04-09T15:30:00+08:00",
        "author": "郑琳",
        "tags": ["工业软件"],
        "page": "dated",
        "paragraphs": [
            "在设计仿真和生产管理等领域，国产工业软件正迎来替换窗口期，多家制造企业启动了试点项目。",
            "受访企业表示，国产软件在本地化服务和定制开发方面具有优势，但高端功能仍有差距。",
            "行业协会呼吁，应通过首版次保险等政策工具，降低用户试用国产软件的风险。",
        ],
    },
    "f501": {
        "title": "一篇无从归档的文章",
        "date": "2024-04-10T09:00:00+08:00",
        "author": "",
        "tags": [],
        "page": None,
        "paragraphs": [],
    },
}
FEEDS = {
    "rss2.xml": ["f101", "f102", "f103", "f104"],
    "atom.xml": ["f201", "f202"],
    "rdf.xml": ["f301"],
    "summaries.xml": ["f401", "f402"],
    "lost.xml": ["f501"],
}


def url(key: str) -> str:
    return f"{BASE}/articles/{key}.html"


def rfc822(iso: str) -> str:
    from datetime import datetime

    return format_datetime(datetime.fromisoformat(iso))


def feed_text(key: str, summary: bool = False) -> str:
    art = ARTICLES[key]
    paragraphs = art["paragraphs"][: 1 if summary else art.get("feed_paragraphs")]
    text = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    if art.get("image") and not summary:
        text += f'<p><img src="{art["image"]}" alt="示意图"></p>'
    return text


def page(key: str) -> str:
    """An article page in a layout no definition knows, with page chrome around it."""
    art = ARTICLES[key]
    title = html.escape(art["title"])
    if art["page"] == "shell":  # rendered by script in the browser: nothing to read here
        return (
            f"<!DOCTYPE html>\n<html><head><meta charset='utf-8'><title>{title}</title></head>"
            "<body><div id='app'></div><script src='/static/app.js'></script></body></html>\n"
        )
    when = art["date"][:16].replace("T", " ") if art["page"] == "dated" else ""
    main = f"<h1>{title}</h1><div class='info'>{when} 来源：示例科技网</div>"
    main += (
        "<div class='content'>"
        + "".join(f"<p>{html.escape(p)}</p>" for p in art["paragraphs"])
        + "</div>"
    )
    main += "<div class='share'>分享到：微信 微博</div>"
    meta = (
        f'<meta property="article:published_time" content="{art["date"]}">'
        if art["page"] == "dated"
        else ""
    )
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{title}_示例科技网</title>
<meta property="og:title" content="{title}">{meta}
<meta name="keywords" content="{html.escape(",".join(art["tags"]))}"></head>
<body><div class="nav"><a href="/">首页</a> <a href="/news/">资讯</a> <a href="/energy/">能源</a></div>
<div class="main">{main}</div>
<div class="side"><h3>热门文章</h3><ul><li><a href="/articles/hot1.html">热门文章：行业动态速览第一条</a></li><li><a href="/articles/hot2.html">热门文章：行业动态速览第二条</a></li></ul></div>
<div class="footer">版权所有 © 2024 示例科技网 京ICP备00000000号</div></body></html>
"""


def rss2(name: str, summary: bool = False) -> str:
    items = ""
    for key in FEEDS[name]:
        art = ARTICLES[key]
        cats = "".join(f"<category>{html.escape(t)}</category>" for t in art["tags"])
        text = feed_text(key, summary)
        content = (
            f"<content:encoded><![CDATA[{text}]]></content:encoded>" if text and not summary else ""
        )
        description = (
            f"<description><![CDATA[{feed_text(key, True)}]]></description>" if text else ""
        )
        author = f"<dc:creator>{html.escape(art['author'])}</dc:creator>" if art["author"] else ""
        items += (
            f"<item><title>{html.escape(art['title'])}</title><link>{url(key)}</link>"
            f'<guid isPermaLink="false">{key}</guid><pubDate>{rfc822(art["date"])}</pubDate>'
            f"{author}{cats}{description}{content}</item>\n"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>示例科技网</title>'
        f"<link>{BASE}/</link><description>示例科技网 {name}</description>\n{items}</channel></rss>\n"
    )


def atom() -> str:
    entries = ""
    for key in FEEDS["atom.xml"]:
        art = ARTICLES[key]
        cats = "".join(f'<category term="{html.escape(t)}"/>' for t in art["tags"])
        entries += (
            f'<entry><title>{html.escape(art["title"])}</title><link rel="alternate" href="articles/{key}.html"/>'
            f"<id>tag:{HOST},2024:{key}</id><published>{art['date']}</published><updated>{art['date']}</updated>"
            f"<author><name>{html.escape(art['author'])}</name></author>{cats}"
            f'<content type="html">{html.escape(feed_text(key))}</content></entry>\n'
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f'<feed xmlns="http://www.w3.org/2005/Atom" xml:base="{BASE}/"><title>示例科技网 Atom</title>'
        f"<id>tag:{HOST},2024:atom</id><updated>2024-04-06T16:45:00+08:00</updated>\n{entries}</feed>\n"
    )


def rdf() -> str:
    keys = FEEDS["rdf.xml"]
    seq = "".join(f'<rdf:li rdf:resource="{url(k)}"/>' for k in keys)
    items = "".join(
        f'<item rdf:about="{url(k)}"><title>{html.escape(ARTICLES[k]["title"])}</title><link>{url(k)}</link>'
        f"<description>{html.escape(ARTICLES[k]['paragraphs'][0])}</description>"
        f"<dc:date>{ARTICLES[k]['date']}</dc:date><dc:creator>{html.escape(ARTICLES[k]['author'])}</dc:creator></item>\n"
        for k in keys
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        'xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f'<channel rdf:about="{BASE}/rdf.xml"><title>示例科技网 RDF</title><link>{BASE}/</link>'
        f"<description>RSS 1.0</description><items><rdf:Seq>{seq}</rdf:Seq></items></channel>\n{items}</rdf:RDF>\n"
    )


def rsshub_ofweek() -> str:
    """RSSHub's ``/ofweek/news`` as it renders it, over three recorded OFweek articles."""
    cases = yaml.safe_load((HERE / "ofweek-cases.yaml").read_text(encoding="utf-8"))["articles"]
    items = ""
    for link in OFWEEK_ITEMS:
        case = cases[link]
        missing = case["case"] == "missing"
        title = case["title_in_list"] if missing else case["title"]
        date = "Thu, 18 Jan 2024 02:12:00 GMT" if missing else case["date"]  # the list's 10:12
        text = (
            "<p>据多家代工厂反馈，成熟制程的产能利用率已回到八成左右，部分客户开始追加订单。</p>"
            "<p>这篇文章的页面已不在网站上，订阅源里的文字是它仅存的全文。</p>"
            if missing
            else f"<p>{html.escape(title)}</p>"
        )
        category = "<category>医疗科技</category>" if "medical" in link else ""
        items += (
            f"<item><title><![CDATA[{title}]]></title><description><![CDATA[{text}]]></description>"
            f'<pubDate>{date}</pubDate><guid isPermaLink="false">{link}</guid><link>{link}</link>{category}</item>\n'
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss xmlns:atom="http://www.w3.org/2005/Atom" version="2.0"><channel>'
        "<title><![CDATA[OFweek 维科网 - 新闻]]></title><link>https://www.ofweek.com/CATList-8100-CHANGYIEXINWE.html</link>"
        f'<atom:link href="https://{RSSHUB}/ofweek/news" rel="self" type="application/rss+xml"/>'
        "<description><![CDATA[OFweek 维科网 - 新闻 - Powered by RSSHub]]></description><generator>RSSHub</generator>"
        f"<language>zh-cn</language><ttl>5</ttl>\n{items}</channel></rss>\n"
    )


def files() -> dict[str, bytes]:
    """Every file, by path relative to this folder."""
    out: dict[str, bytes] = {}
    for key, art in ARTICLES.items():
        if art["page"]:
            out[f"{HOST}/articles/{key}.html"] = page(key).encode()
    out[f"{HOST}/img/2024/04/storage.png"] = png_bytes(40, 24, 5)
    for name in FEEDS:
        if name not in ("atom.xml", "rdf.xml"):
            out[f"{HOST}/{name}"] = rss2(name, summary=name == "summaries.xml").encode()
    out[f"{HOST}/atom.xml"] = atom().encode()
    out[f"{HOST}/rdf.xml"] = rdf().encode()
    out[f"{HOST}/blog/index.html"] = (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>示例博客</title></head>"
        "<body><h1>示例博客</h1><p>订阅地址已经改了，这里是网站首页。</p></body></html>\n"
    ).encode()
    out[f"{HOST}/_routes.yaml"] = (
        b"# f104's page fails (a test removes this route to let the retry read it)\n"
        b"/articles/f104.html:\n  drop: true\n"
    )
    out[f"{RSSHUB}/ofweek/news"] = rsshub_ofweek().encode()
    out[f"{RSSHUB}/_routes.yaml"] = (
        b"# RSSHub routes have no extension: say what they are, and validate with an ETag\n"
        b"/ofweek/news:\n  headers:\n    Content-Type: application/xml; charset=utf-8\n    ETag: 'W/\"ofweek-news-1\"'\n"
    )
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the committed files differ")
    args = parser.parse_args()
    wanted = files()
    folders = [HERE / HOST, HERE / RSSHUB]
    if args.check:
        present = {
            p.relative_to(HERE).as_posix() for f in folders for p in f.rglob("*") if p.is_file()
        }
        stale = sorted(present ^ set(wanted)) + sorted(
            r for r in wanted if r in present and (HERE / r).read_bytes() != wanted[r]
        )
        for rel in stale:
            print(f"out of date: {rel}", file=sys.stderr)
        return 1 if stale else 0
    for folder in folders:
        shutil.rmtree(folder, ignore_errors=True)
    for rel, data in wanted.items():
        (HERE / rel).parent.mkdir(parents=True, exist_ok=True)
        (HERE / rel).write_bytes(data)
    print(f"wrote {len(wanted)} files under {HERE}/{{{HOST},{RSSHUB}}}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
