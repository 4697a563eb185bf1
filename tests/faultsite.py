"""A small hostile and faulty site, written at test time for the replay proxy (tests/test_faults*).

``www.fault-news.cn`` lists one article per case of issue 13; ``attacker`` is the
``host:port`` of an HTTP server on 127.0.0.1 that no crawl and no opened file may reach.
Its definition names the site ``con`` (a device name on Windows) and matches article URLs
with ``(\\w+-?)+``, a pattern that backtracks catastrophically in Python's ``re``.
"""

from __future__ import annotations

import gzip
import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import yaml
from conftest import run_crawl

from archiver.replay import ReplayProxy

HOST = "www.fault-news.cn"
BASE = f"https://{HOST}"
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)
SHARED = '<img src="/img/shared.png">'
TEXT = "这是一篇用于故障注入测试的文章，正文足够长，能被站点选择器识别为文章内容。" * 3


def article(title: str, day: str, body: str, head: str = "", time: bool = True) -> str:
    stamp = f'<span class="time">{day} 10:00</span>' if time else ""
    return (
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title>{head}</head>'
        f'<body><div class="article"><h1>{title}</h1>{stamp}<div id="body">'
        f"<p>{TEXT}</p>{body}</div></div></body></html>"
    )


def hostile_body(attacker: str) -> str:
    """Every way the issue lists for a body to load from elsewhere, pointed at the attacker."""
    evil = f"http://{attacker}"
    return (
        f'<base href="{evil}/base/">'
        f'<p style="background-image:url({evil}/style.png);color:red">样式</p>'
        f'<table background="{evil}/background.png"><tr><td background="{evil}/td.png">表</td>'
        f"</tr></table>"
        f'<video poster="{evil}/poster.png" src="{evil}/video.mp4"><source src="{evil}/source.mp4">'
        f"</video>"
        f'<audio src="{evil}/audio.mp3"></audio>'
        f'<p><a href="/news/a1.html" ping="{evil}/ping">相对链接</a></p>'
        f'<img src="/img/local.png" srcset="{evil}/srcset.png 2x">'
        f'<img src="{evil}/pixel.png">'
        f'<img src="/img/to-private.png">'
        f'<img src="/img/evil.svg">'
        f'<form action="{evil}/form"><input name="q" value="x"><button>发送</button></form>'
        f'<meta http-equiv="refresh" content="1000;url={evil}/refresh">'  # Scrapy waits <= 100 s
        f'<svg><image href="{evil}/inline-svg.png"/></svg>'
        f'<object data="{evil}/object"></object><iframe src="{evil}/iframe"></iframe>'
        f'<link rel="stylesheet" href="{evil}/style.css"><style>@import url({evil}/i.css);</style>'
        f'<img src="x" onerror="fetch(\'{evil}/onerror\')">'
        f"<script>fetch('{evil}/script')</script>"
    )


def evil_svg(attacker: str) -> str:
    evil = f"http://{attacker}"
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        f'width="20" height="20" onload="fetch(\'{evil}/svg-onload\')">'
        f"<script>fetch('{evil}/svg-script');document.title='pwned'</script>"
        f'<image href="{evil}/svg-image.png" width="5" height="5"/>'
        f'<use xlink:href="{evil}/sprite.svg#a"/>'
        f'<foreignObject><iframe xmlns="http://www.w3.org/1999/xhtml" src="{evil}/svg-fo"/>'
        "</foreignObject>"
        f'<rect width="10" height="10" style="fill:url({evil}/fill)"/></svg>'
    )


# Each case: list link path -> (final path, title, what the crawl must make of it).
CASES = {
    "a1": "archived",  # shares /img/shared.png with a2, a month apart
    "a2": "archived",
    "ctrl": "archived or parse_error",  # a link holding a control character
    "ldnum": "archived or parse_error",  # JSON-LD that is a bare number
    "ldstr": "archived or parse_error",  # ... a bare string
    "ldgraph": "archived or parse_error",  # ... {"@graph": 5}
    "loop": "redirect_loop",
    "bomb": "too_large",  # a gzip bomb sent with Content-Encoding: gzip
    "busy": "http_503",  # 503 with Retry-After: ²
    "refresh": "private_address",  # a meta refresh to 127.0.0.1
    "hostile": "archived",
    "moved": "archived",  # listed as http://.../old/moved.html, redirected to https
    "bigimage": "archived",  # its 40 MB image is refused as too_large
}


def list_url(case: str) -> str:
    if case == "moved":
        return f"http://{HOST}/old/moved.html"
    return f"{BASE}/news/{case}.html"


def make_site(root: Path, attacker: str) -> Path:
    """Write the site under ``root`` (a folder of hosts) and return its YAML definition."""
    site = root / HOST
    (site / "news").mkdir(parents=True)
    (site / "img").mkdir()
    links = "".join(f'<li><a href="{list_url(c)}">{c}</a></li>' for c in CASES)
    catastrophic = f"{BASE}/news/{'a' * 40}!.html"
    (site / "news" / "list.html").write_text(
        f'<html><head><meta charset="utf-8"></head><body><ul class="list">{links}'
        f'<li><a href="{catastrophic}">回溯</a></li></ul></body></html>',
        encoding="utf-8",
    )
    pages = {
        "a1": article(
            "共享图片一", "2024-03-05", '<img src="/img/shared.png"><img src="/img/a1.png">'
        ),
        "a2": article("共享图片二", "2024-02-05", SHARED),
        "ctrl": article("控制字符链接", "2024-03-06", '<a href="page&#1;.html">链接</a>'),
        "hostile": article("恶意内容", "2024-03-07", hostile_body(attacker)),
        "moved": article("跳转过的文章", "2024-03-08", ""),
        "bigimage": article("超大图片", "2024-03-09", '<img src="/img/huge.jpg">'),
        "refresh": article(
            "跳转到本机",
            "2024-03-10",
            "",
            head=f'<meta http-equiv="refresh" content="0;url=http://{attacker}/refresh">',
        ),
    }
    for case, ld in (("ldnum", 5), ("ldstr", "x"), ("ldgraph", {"@graph": 5})):
        script = f'<script type="application/ld+json">{json.dumps(ld)}</script>'
        pages[case] = article(f"结构化数据{case}", "", "", head=script, time=False)
    for case, html in pages.items():
        (site / "news" / f"{case}.html").write_text(html, encoding="utf-8")
    for name in ("shared", "a1", "local"):
        (site / "img" / f"{name}.png").write_bytes(PNG)
    (site / "img" / "evil.svg").write_text(evil_svg(attacker), encoding="utf-8")
    with (site / "img" / "huge.jpg").open("wb") as huge:  # sparse: 40 MB on no disk
        huge.write(b"\xff\xd8\xff\xe0")
        huge.truncate(40 * 1024 * 1024)
    (site / "bomb.gz").write_bytes(gzip.compress(b"\0" * (64 * 1024 * 1024), 9))
    routes = {
        "/news/loop.html": {"redirect": f"{BASE}/news/loop2.html"},
        "/news/loop2.html": {"redirect": f"{BASE}/news/loop.html"},
        "/news/bomb.html": {
            "body_file": "bomb.gz",
            "headers": {"Content-Type": "text/html", "Content-Encoding": "gzip"},
        },
        "/news/busy.html": {"status": 503, "headers": {"Retry-After": "²"}},
        "/old/moved.html": {"redirect": f"{BASE}/news/moved.html", "status": 301},
        "/img/to-private.png": {"redirect": "http://169.254.169.254/latest/meta-data"},
    }
    (site / "_routes.yaml").write_text(yaml.safe_dump(routes), encoding="utf-8")
    definition = root / "fault-news.yaml"
    definition.write_text(
        yaml.safe_dump(
            {
                "site": "con",
                "name": "故障新闻网",
                "start_urls": [f"{BASE}/news/list.html"],
                "article_urls": [r"^https?://www\.fault-news\.cn/(?:news|old)/(\w+-?)+\.html$"],
                "list": {"items": ["ul.list li a"]},
                "layouts": [
                    {
                        "name": "article",
                        "title": ["div.article h1"],
                        "time": ["div.article span.time"],
                        "body": ["div#body"],
                    }
                ],
            },
            allow_unicode=True,
        ),
        encoding="utf-8",
    )
    return definition


class Attacker(ThreadingHTTPServer):
    """An HTTP server on 127.0.0.1 that records every request it gets (it must get none)."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        attacker = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                attacker.requests.append(self.path)
                self.send_response(200)
                self.send_header("Content-Type", "image/png")
                self.end_headers()

            do_POST = do_GET  # noqa: N815

            def log_message(self, *args) -> None:
                pass

        super().__init__(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.serve_forever, daemon=True).start()

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.server_address[1]}"


def stats_of(stderr: str) -> dict[str, int]:
    """The numeric stats of Scrapy's closing 'Dumping Scrapy stats' block."""
    block = stderr.rsplit("Dumping Scrapy stats:", 1)[-1]
    return {k: int(v) for k, v in re.findall(r"'([^']+)': (\d+)\b", block)}


def counts(summary: str) -> dict[str, int]:
    return {name: int(n) for n, name in re.findall(r"(\d+) ([a-z ]+?)(?:,| in )", summary)}


@pytest.fixture(scope="session")
def attacker():
    server = Attacker()
    yield server
    server.shutdown()


@pytest.fixture(scope="session")
def fault_crawl(tmp_path_factory, attacker):
    root = tmp_path_factory.mktemp("faults")
    sites = root / "sites"
    definition = make_site(sites, attacker.address)
    archive = root / "archive"
    args = ("-a", f"name={definition}")
    fast = {"ARCHIVE_BACKOFF_DELAY": "0"}  # the 503 would slow the whole site down 10 s
    with ReplayProxy(sites) as proxy:
        first = run_crawl(archive, proxy, *args, spider="site", settings=fast)
        fetched = proxy.urls()
        proxy.reset()
        second = run_crawl(archive, proxy, *args, spider="site", settings=fast)
        refetched = proxy.urls()
    return archive, first, fetched, second, refetched, definition
