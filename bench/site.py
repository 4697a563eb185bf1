# ruff: noqa: E501  (HTML templates)
"""A local OFweek-like site of any size for ``bench/run.py``: generate it once, serve it fast.

    python bench/site.py generate bench/out/site-1000 --articles 1000
    python bench/site.py serve bench/out/site-1000 --port 8800

The generated tree imitates the recorded copy in ``tests/sites`` (same page chrome, imported
from ``make_ofweek.py``, GBK bytes with the charset only in ``<meta>``): news list pages of
20 items with a windowed pager; article pages in the current OFweek layout drawn at 10-40 KB
(about 13.5 KB of it page chrome, so 15-40 KB in fact), 10% of them split over 2-3 pages
joined by 下一页; 0-6 images per article (2.7 on average) of 20-200 KB (log-uniform, ~75 KB
on average), a third of them lazy, behind ``data-src``. Links are site-relative, so the tree
can be served on any port; ``manifest.json`` lists every URL path by kind for the baselines.

Image files are hard links into a pool of 64 distinct JPEG-looking blobs (valid magic bytes,
random filler), so a 10,000-article site costs ~350 MB of disk, not 2 GB.

The server is one asyncio process (uvloop when installed) speaking just enough HTTP/1.1
(keep-alive, GET/HEAD) to answer from the tree: far cheaper per request than Scrapy, so the
crawlers, not the server, are what the benchmark measures.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import random
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path
from urllib.parse import unquote

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "sites"))
import make_ofweek as chrome  # noqa: E402  (the recorded copy's page chrome)

GENERATOR_VERSION = 1
PER_LIST = 20
LIST_STEM = "/CATList-8100-CHANGYIEXINWE"
POOL_SIZE = 64
CHROME_BYTES = 13_500  # an article page without its body, GBK
PLACEHOLDER = "/images/lazyload.gif"
BEIJING = timezone(timedelta(hours=8))
NEWEST = datetime(2024, 12, 20, 18, 0, tzinfo=BEIJING)
_WORDS = (
    "先进封装 晶圆代工 车规芯片 功率器件 碳化硅 氮化镓 大模型 算力 数据中心 边缘计算 人形机器人 "
    "伺服电机 减速器 激光雷达 固态电池 储能 光伏组件 逆变器 传感器 存储芯片 光模块 工业互联网 "
    "医疗影像 手术机器人 基带 射频前端 显示面板 产业链 供应链 国产替代 良率 产能 出货量 毛利率 "
    "资本开支 订单 客户 标准 生态 渗透率 成本 价格 市场份额 研发投入 技术路线 头部厂商 初创企业"
).split()
_VERBS = "推动 带动 加速 拉低 改变 打开 重塑 考验 制约 决定 支撑 提升 压缩 延长 扩大".split()
_LEADS = "业内人士认为， 数据显示， 据了解， 有分析指出， 记者注意到， 值得注意的是， 从长期看， 与此同时，".split()
_ENDS = ("。", "。", "。", "；", "！")
_MEDIA = [
    ("OFweek电子工程网", "ee"),
    ("OFweek维科网", "ai"),
    ("OFweek机器人网", "robot"),
    ("OFweek医疗科技网", "medical"),
    ("OFweek物联网", "iot"),
]


def sentence(rng: random.Random) -> str:
    """One plausible Chinese news sentence from the vocabulary (rarely twice the same)."""
    w = rng.sample(_WORDS, 4)
    lead = rng.choice(_LEADS) if rng.random() < 0.4 else ""
    num = f"{rng.randint(2, 98)}{rng.choice(('%', '亿元', '万片', '倍', '家'))}"
    return f"{lead}{w[0]}的{w[1]}{rng.choice(_VERBS)}{w[2]}，{w[3]}达到{num}{rng.choice(_ENDS)}"


def paragraph(rng: random.Random) -> str:
    """Three to seven sentences."""
    return "".join(sentence(rng) for _ in range(rng.randint(3, 7)))


def body_html(rng: random.Random, target_bytes: int, images: list[str]) -> str:
    """Body HTML of about ``target_bytes`` GBK bytes with the images spread through it."""
    parts: list[str] = []
    size, heading = 0, 1
    pending = list(images)
    while size < target_bytes or pending:
        roll = rng.random()
        if pending and (roll < 0.25 or size >= target_bytes):
            url = pending.pop(0)
            alt = chrome.esc(rng.choice(_WORDS) + "示意图")
            if rng.random() < 0.33:
                block = f'<p style="text-align:center"><img class="lazy" src="{PLACEHOLDER}" data-src="{url}" alt="{alt}" /></p>'
            else:
                block = (
                    f'<p style="text-align:center"><img src="{url}" alt="{alt}" width="600" /></p>'
                )
        elif roll < 0.33:
            block = f"<p><strong>{'一二三四五六七八九十'[heading % 10]}、{rng.choice(_WORDS)}{rng.choice(_VERBS)}{rng.choice(_WORDS)}</strong></p>"
            heading += 1
        elif roll < 0.38:
            block = (
                "<ul>"
                + "".join(f"<li>{sentence(rng)}</li>" for _ in range(rng.randint(2, 4)))
                + "</ul>"
            )
        else:
            block = f"<p>　　{paragraph(rng)}</p>"
        parts.append(block)
        size += len(block.encode("gb18030"))
    return "\n".join(parts)


def article_pager(stem: str, i: int, last: int) -> str:
    """The ``div.artical-page`` pager of page ``i`` of a multi-page article, 下一页 included."""

    def rel(k: int) -> str:
        return f"{stem}.html" if k == 1 else f"{stem}_{k}.html"

    links = [
        f'<span class="cur">{k}</span>' if k == i else f'<a href="{rel(k)}">{k}</a>'
        for k in range(1, last + 1)
    ]
    nxt = f'<a href="{rel(i + 1)}" class="next">下一页</a>' if i < last else ""
    return f'<div class="artical-page">{"".join(links)}{nxt}</div>'


def article_page(art: dict, i: int, last: int, body: str) -> str:
    """An article page in OFweek's current layout (``div.artical``, ``#articleC``)."""
    pager = article_pager(art["stem"], i, last) if last > 1 else ""
    tags = chrome.tag_links(art["tags"], art["tag_dir"])
    related = chrome.related_box([(u, t, art["date"][:10]) for u, t in art["related"]])
    return (
        chrome.page_head(
            f"{art['title']} - OFweek维科网",
            keywords=",".join(art["tags"]),
            description=art["title"],
            canonical=art["path"],
        )
        + "<body>\n"
        + chrome.top_bar()
        + chrome.header("资讯", LIST_STEM + ".html")
        + f"""<div class="main w1200 clearfix">
  <div class="crumbs"><a href="/">OFweek首页</a> &gt; <a href="{LIST_STEM}.html">资讯</a> &gt; <span>正文</span></div>
  <div class="main-left fl">
    <div class="artical">
      <p class="title">{chrome.esc(art["title"])}</p>
      <div class="artical-relative clearfix">
        <div class="time fl">{art["date"]}</div>
        <div class="source fl"><span>来源：</span><div class="source-name">{art["source"]}</div></div>
        <div class="read-num fl">阅读 <em>{art["reads"]}</em></div>
      </div>
      <div class="artical-content">
        <div class="article_con" id="articleC">{body}{pager}
<p style="color:#999999;font-size:14px;">声明：本文为OFweek维科网原创文章，未经授权禁止转载。</p></div>
      </div>
      {tags}
      {chrome.share_bar()}
    </div>
    {related}
    {chrome.comment_box()}
  </div>
  <div class="main-right fr">{chrome.hot_sidebar()}</div>
</div>
"""
        + chrome.footer()
    )


def list_page(n: int, last: int, items: list[dict]) -> str:
    """News list page ``n`` of ``last``: ``div.list-left div.con-details h3 > a``, ``div.list-num``."""
    rows = "\n".join(
        f"""      <div class="con-details clearfix">
        <div class="con-details-cnt fr">
          <h3><a href="{it["path"]}" target="_blank" title="{chrome.esc(it["title"])}">{chrome.esc(it["title"])}</a></h3>
          <p class="con-details-summary">{chrome.esc(it["summary"])}</p>
          <div class="con-details-bottom clearfix">
            <div class="fl"><span class="fb-tl">{it["date"]}</span><span class="con-source">{it["source"]}</span></div>
          </div>
        </div>
      </div>"""
        for it in items
    )
    pager = ['<div class="list-num">']
    if n > 1:
        pager += [
            f'<a href="{list_path(1)}">首页</a>',
            f'<a href="{list_path(n - 1)}" class="prev">上一页</a>',
        ]
    for k in range(max(1, n - 4), min(last, n + 5) + 1):
        pager.append(
            f'<span class="cur">{k}</span>' if k == n else f'<a href="{list_path(k)}">{k}</a>'
        )
    if n < last:
        pager += [
            f'<a href="{list_path(n + 1)}" class="next">下一页</a>',
            f'<a href="{list_path(last)}">尾页</a>',
        ]
    pager.append("</div>")
    return (
        chrome.page_head(
            f"高科技行业门户_第{n}页-OFweek维科网",
            keywords="高科技,行业门户",
            description="OFweek维科网",
            canonical=list_path(n),
            css="list",
        )
        + "<body>\n"
        + chrome.top_bar()
        + chrome.header("资讯", list_path(1))
        + f"""<div class="main w1200 clearfix">
  <div class="list-left fl">
    <div class="list-con">
{rows}
    </div>
    {"".join(pager)}
  </div>
  <div class="list-right fr">{chrome.hot_sidebar()}</div>
</div>
"""
        + chrome.footer()
    )


def list_path(n: int) -> str:
    """Site path of news list page ``n`` (page 1 has no number, as on OFweek)."""
    return f"{LIST_STEM}.html" if n == 1 else f"{LIST_STEM}-{n}.html"


def _write(root: Path, path: str, data: bytes) -> None:
    """Write ``data`` at site path ``path`` under ``root``."""
    target = root / path.lstrip("/")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)


def _image_pool(root: Path, rng: random.Random) -> list[Path]:
    """POOL_SIZE JPEG-looking files, 20-200 KB (log-uniform: small images are commoner)."""
    pool = []
    for k in range(POOL_SIZE):
        size = int(math.exp(rng.uniform(math.log(20_000), math.log(200_000))))
        data = (
            b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
            + rng.randbytes(size - 24)
            + b"\xff\xd9"
        )
        _write(root, f"/_pool/{k:02d}.jpg", data)
        pool.append(root / "_pool" / f"{k:02d}.jpg")
    return pool


def generate(root: Path, articles: int, seed: int = 7) -> dict:
    """Write a site of ``articles`` articles under ``root``; return (and save) its manifest."""
    rng = random.Random(seed)
    pool = _image_pool(root, rng)
    arts: list[dict] = []
    manifest: dict = {
        "version": GENERATOR_VERSION,
        "articles": articles,
        "lists": [],
        "article_urls": [],
        "pages": [],
        "images": [],
        "bytes": {"lists": 0, "pages": 0, "images": 0},
    }
    for i in range(articles):
        when = NEWEST - timedelta(minutes=50 * i + rng.randint(0, 40))
        month, day = when.strftime("%Y-%m"), when.strftime("%d")
        stem = f"ART-8420-2800-{30_000_000 + i:08d}"
        source, tag_dir = rng.choice(_MEDIA)
        images = [
            f"/Upload/News/{month}/{day}/{stem[-8:]}_{k:02d}.jpg"
            for k in range(rng.choices(range(7), weights=(10, 20, 20, 20, 12, 10, 8))[0])
        ]
        last = rng.choice((2, 2, 3)) if rng.random() < 0.1 else 1
        art = {
            "path": f"/{month}/{stem}.html",
            "stem": stem,
            "date": when.strftime("%Y-%m-%d %H:%M"),
            "title": f"{rng.choice(_WORDS)}{rng.choice(_VERBS)}{rng.choice(_WORDS)}：{sentence(rng)[:-1]}（{i}）",
            "source": source,
            "tag_dir": tag_dir,
            "tags": rng.sample(_WORDS, 3),
            "reads": rng.randint(100, 9999),
            "related": [
                (
                    f"/{month}/ART-8420-2800-{30_000_000 + rng.randrange(articles):08d}.html",
                    sentence(rng),
                )
                for _ in range(3)
            ],
        }
        art["summary"] = art["title"][-30:]
        for page in range(1, last + 1):
            share = images[(page - 1) * len(images) // last : page * len(images) // last]
            body = body_html(rng, max(1_000, rng.randint(10_000, 40_000) - CHROME_BYTES), share)
            data = article_page(art, page, last, body).encode("gb18030")
            path = art["path"] if page == 1 else f"/{month}/{stem}_{page}.html"
            _write(root, path, data)
            manifest["pages"].append(path)
            manifest["bytes"]["pages"] += len(data)
        for k, url in enumerate(images):
            target = root / url.lstrip("/")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.unlink(missing_ok=True)
            blob = pool[(i * 7 + k) % POOL_SIZE]
            os.link(blob, target)
            manifest["images"].append(url)
            manifest["bytes"]["images"] += blob.stat().st_size
        manifest["article_urls"].append(art["path"])
        arts.append(art)
    last_list = max(1, math.ceil(articles / PER_LIST))
    for n in range(1, last_list + 1):
        data = list_page(n, last_list, arts[(n - 1) * PER_LIST : n * PER_LIST]).encode("gb18030")
        _write(root, list_path(n), data)
        manifest["lists"].append(list_path(n))
        manifest["bytes"]["lists"] += len(data)
    _write(root, PLACEHOLDER, chrome.PLACEHOLDER_GIF)
    (root / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return manifest


def ensure_site(root: Path, articles: int) -> dict:
    """The manifest of the site at ``root``, generating it first unless it is already there."""
    try:
        manifest = json.loads((root / "manifest.json").read_text(encoding="utf-8"))
        if manifest.get("version") == GENERATOR_VERSION and manifest.get("articles") == articles:
            return manifest
    except (OSError, ValueError):
        pass
    return generate(root, articles)


_TYPES = {
    ".html": b"text/html",
    ".jpg": b"image/jpeg",
    ".gif": b"image/gif",
    ".json": b"application/json",
}


class _Http(asyncio.Protocol):
    """Minimal HTTP/1.1 (keep-alive, GET/HEAD, no request bodies) over a read-only file tree."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.buffer = b""

    def connection_made(self, transport) -> None:
        self.transport = transport

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        while b"\r\n\r\n" in self.buffer:
            head, self.buffer = self.buffer.split(b"\r\n\r\n", 1)
            method, target, *_ = head.split(b"\r\n", 1)[0].split(b" ")
            close = b"connection: close" in head.lower()
            self.respond(method, target, close)
            if close:
                self.transport.close()
                return

    def respond(self, method: bytes, target: bytes, close: bool) -> None:
        path = unquote(target.split(b"?", 1)[0].decode("latin-1")).lstrip("/")
        body, status, ctype = b"<html><body>404</body></html>", b"404 Not Found", b"text/html"
        if ".." not in path.split("/") and not path.startswith("_"):
            try:
                with open(self.root / path, "rb") as f:
                    body, status = f.read(), b"200 OK"
                ctype = _TYPES.get(os.path.splitext(path)[1], b"application/octet-stream")
            except OSError:
                pass
        head = (
            b"HTTP/1.1 "
            + status
            + b"\r\nContent-Type: "
            + ctype
            + b"\r\nContent-Length: "
            + str(len(body)).encode()
            + (b"\r\nConnection: close" if close else b"")
            + b"\r\n\r\n"
        )
        self.transport.write(head if method == b"HEAD" else head + body)


def serve(root: Path, host: str = "127.0.0.1", port: int = 0) -> None:
    """Serve ``root`` until killed; the first stdout line is ``listening on http://HOST:PORT``."""
    try:
        import uvloop

        uvloop.install()
    except ImportError:
        pass

    async def main() -> None:
        loop = asyncio.get_running_loop()
        server = await loop.create_server(lambda: _Http(root), host, port, backlog=1024)
        bound = server.sockets[0].getsockname()[1]
        print(f"listening on http://{host}:{bound}", flush=True)
        await server.serve_forever()

    asyncio.run(main())


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=("generate", "serve"))
    parser.add_argument("dir", type=Path, help="the site's folder")
    parser.add_argument("--articles", type=int, default=1000, help="generate: how many")
    parser.add_argument("--port", type=int, default=0, help="serve: the port (0: any free one)")
    args = parser.parse_args(argv)
    if args.command == "serve":
        serve(args.dir, port=args.port)
        return
    manifest = ensure_site(args.dir, args.articles)
    print(json.dumps({k: len(v) if isinstance(v, list) else v for k, v in manifest.items()}))


if __name__ == "__main__":
    main()
