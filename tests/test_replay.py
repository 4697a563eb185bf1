"""The replay proxy: URL mapping, types, routes and faults, request log, keep-alive, Scrapy."""

from __future__ import annotations

import http.client
import json
import socket
import ssl
import subprocess
import sys
import textwrap
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from crawling import SITES, add_faults, copy_sites, wait_for

from archiver.replay import ReplayProxy, url_to_relpath

NEWS_LIST = "https://www.ofweek.com/CATList-8100-CHANGYIEXINWE.html"


def opener(proxy: ReplayProxy, *, follow_redirects: bool = True) -> urllib.request.OpenerDirector:
    handlers: list = [
        urllib.request.ProxyHandler({"http": proxy.url, "https": proxy.url}),
        urllib.request.HTTPSHandler(context=ssl._create_unverified_context()),
    ]
    if not follow_redirects:

        class NoRedirect(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *args, **kwargs):
                return None

        handlers.append(NoRedirect())
    return urllib.request.build_opener(*handlers)


def fetch(
    proxy: ReplayProxy,
    url: str,
    *,
    timeout: float = 5,
    headers: dict | None = None,
    follow_redirects: bool = True,
):
    """(status, headers, body) for ``url`` through the proxy; HTTP errors are returned too."""
    request = urllib.request.Request(url, headers=headers or {})
    try:
        director = opener(proxy, follow_redirects=follow_redirects)
        with director.open(request, timeout=timeout) as resp:
            return resp.status, resp.headers, resp.read()
    except urllib.error.HTTPError as err:
        return err.code, err.headers, err.read()


@pytest.fixture
def replay():
    with ReplayProxy(SITES) as running:
        yield running


@pytest.fixture
def toy_sites(tmp_path: Path) -> Path:
    site = tmp_path / "sites" / "example.com"
    (site / "sub").mkdir(parents=True)
    page = '<html><meta charset="gb2312"><p>首页</p></html>'
    (site / "index.html").write_bytes(page.encode("gbk"))
    (site / "page.html").write_bytes(b"<html><body>" + b"x" * 4000 + b"</body></html>")
    (site / "sub" / "index.html").write_text("<p>sub</p>", encoding="utf-8")
    (site / "other.html").write_text("<p>other file</p>", encoding="utf-8")
    (site / "utf8.html").write_text("<p>\u4e2d\u6587</p>", encoding="utf-8")
    (site / "README.md").write_text("private notes", encoding="utf-8")
    (site / "_routes.yaml").write_text(
        textwrap.dedent("""\
        /gone.html: {status: 410}
        /busy: {status: 503, headers: {Retry-After: "7"}}
        /utf8.html:
          headers: {Content-Type: text/html; charset=utf-8}
        /old: {redirect: "https://example.com/other.html"}
        /moved: {redirect: "https://example.com/other.html", status: 301}
        /slow.html: {delay: 10, body_file: other.html}
        /page.html: {drop: true}
        /cut: {drop: 100, body_file: page.html}
        /alias.html: {body_file: other.html}
        /inline: {body: "<p>inline</p>"}
        /q?x=1: {status: 202, body_file: other.html}
        """),
        encoding="utf-8",
    )
    return tmp_path / "sites"


@pytest.fixture
def toy(toy_sites: Path):
    with ReplayProxy(toy_sites) as running:
        yield running


# --- mapping ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "rel"),
    [
        (NEWS_LIST, "www.ofweek.com/CATList-8100-CHANGYIEXINWE.html"),
        ("https://WWW.OFweek.com:443/", "www.ofweek.com/index.html"),
        ("http://a.example/dir/", "a.example/dir/index.html"),
        ("https://images.ofweek.com/image?id=1", "images.ofweek.com/image@id=1"),
        ("https://a.example/list/?p=2&q=a/b", "a.example/list/index.html@p=2&q=a%2Fb"),
        ("https://a.example/tag-%E8%8A%AF.HTM", "a.example/tag-\u82af.HTM"),
        ("https://a.example/./x/../../etc/passwd", None),
        ("https://a.example/_routes.yaml", None),
        ("https://a.example/README.md", None),
    ],
)
def test_url_to_relpath(url, rel):
    assert url_to_relpath(url) == rel


# --- serving the recorded OFweek copy ------------------------------------------------------


def test_gbk_page_is_served_byte_exact_over_https_and_http(replay):
    expected = (SITES / "www.ofweek.com" / "CATList-8100-CHANGYIEXINWE.html").read_bytes()
    for url in (NEWS_LIST, NEWS_LIST.replace("https:", "http:")):
        status, headers, body = fetch(replay, url)
        assert status == 200
        assert body == expected
        assert headers["Content-Type"] == "text/html"  # no charset: decode from <meta>
        assert int(headers["Content-Length"]) == len(expected)
    assert b'<meta charset="gb2312">' in expected and "高科技行业门户".encode("gbk") in expected


def test_extensionless_files_are_sniffed(replay):
    status, headers, body = fetch(replay, "https://images.ofweek.com/image?id=1")
    assert (status, headers["Content-Type"]) == (200, "image/png") and body.startswith(b"\x89PNG")
    status, headers, body = fetch(replay, "https://mp.ofweek.com/medical/a145614128367")
    assert (status, headers["Content-Type"]) == (200, "text/html")
    status, headers, body = fetch(
        replay,
        "https://mp.ofweek.com/Upload/News/Img/member4779/202207/"
        "wx_article__3c8dd277d7c15fae1e4bf502d625209c.jpg",
    )
    assert (status, headers["Content-Type"]) == (200, "image/jpeg")
    assert body.startswith(b"\xff\xd8\xff")


def test_missing_file_and_private_files_are_404(replay):
    for url in (
        "https://ee.ofweek.com/2024-01/ART-8420-2800-30620001.html",
        "https://nowhere.example/",
        "https://images.ofweek.com/_routes.yaml",
        "https://images.ofweek.com/../make_ofweek.py",
        "https://iot.ofweek.com/robots.txt",
    ):
        status, headers, body = fetch(replay, url)
        assert status == 404, url
        assert b"404" in body and headers["Content-Type"].startswith("text/html")
    status, _, body = fetch(replay, "https://www.ofweek.com/robots.txt")
    assert status == 200 and b"User-agent: *" in body


def test_recorded_ofweek_routes_and_its_faults_only_where_added(replay, tmp_path):
    base = "https://images.ofweek.com/Upload/News/2024-03/15/"
    status, headers, _ = fetch(replay, base + "moved_10.jpg", follow_redirects=False)
    assert status == 302 and headers["Location"] == base + "real_10.jpg"
    status, headers, _ = fetch(
        replay, "https://medical.ofweek.com/2023-09/ART-11120-8440-30608765.html"
    )
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    for name in ("notimage_09.jpg", "missing_06.jpg", "broken_07.jpg", "slow_08.jpg"):
        status, headers, body = fetch(replay, base + name)  # the copy serves every image
        assert (status, headers["Content-Type"]) == (200, "image/jpeg"), name
    sites = copy_sites(tmp_path / "sites")
    assert add_faults(sites, stall=False) == {
        base + "missing_06.jpg": "http_404",
        base + "broken_07.jpg": "connection_lost",
        base + "notimage_09.jpg": "not_an_image",
    }
    with ReplayProxy(sites) as faulty:
        status, headers, body = fetch(faulty, base + "notimage_09.jpg")
        assert status == 200 and headers["Content-Type"].startswith("text/html")
        assert b"<html" in body
        assert fetch(faulty, base + "missing_06.jpg")[0] == 404
        with pytest.raises(http.client.IncompleteRead):
            fetch(faulty, base + "broken_07.jpg")


# --- routes ----------------------------------------------------------------------------------


def test_route_status_headers_body(toy):
    assert fetch(toy, "https://example.com/gone.html")[0] == 410
    status, headers, body = fetch(toy, "https://example.com/busy")
    assert status == 503 and headers["Retry-After"] == "7" and b"503" in body
    status, headers, body = fetch(toy, "https://example.com/utf8.html")
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert body.decode("utf-8") == "<p>\u4e2d\u6587</p>"
    assert fetch(toy, "https://example.com/alias.html")[2] == b"<p>other file</p>"
    assert fetch(toy, "https://example.com/inline")[2] == b"<p>inline</p>"
    status, _, body = fetch(toy, "https://example.com/q?x=1")
    assert (status, body) == (202, b"<p>other file</p>")
    assert fetch(toy, "https://example.com/README.md")[0] == 404
    assert fetch(toy, "https://example.com/_routes.yaml")[0] == 404
    assert fetch(toy, "http://example.com/sub/")[2] == b"<p>sub</p>"


def test_route_redirect(toy):
    status, headers, _ = fetch(toy, "https://example.com/old", follow_redirects=False)
    assert status == 302 and headers["Location"] == "https://example.com/other.html"
    assert fetch(toy, "https://example.com/moved", follow_redirects=False)[0] == 301
    status, _, body = fetch(toy, "https://example.com/old")  # followed through the proxy
    assert (status, body) == (200, b"<p>other file</p>")


def held_request(proxy: ReplayProxy, url: str) -> tuple[threading.Thread, list]:
    """A client thread waiting (up to 60 s) for ``url``; its outcome lands in the list."""
    outcome: list = []

    def client() -> None:
        try:
            outcome.append(fetch(proxy, url, timeout=60)[0])
        except (OSError, http.client.HTTPException) as exc:
            outcome.append(exc)

    thread = threading.Thread(target=client)
    thread.start()
    wait_for(lambda: url in proxy.urls(), f"{url} requested")  # it arrived: the route holds it
    return thread, outcome


def test_route_delay_times_out_and_stop_ends_it_without_an_answer(toy_sites):
    proxy = ReplayProxy(toy_sites).start()
    try:
        with pytest.raises((TimeoutError, socket.timeout, urllib.error.URLError)):
            fetch(proxy, "https://example.com/slow.html", timeout=0.5)
        (toy_sites / "example.com" / "_routes.yaml").write_text("/slow.html: {delay: 3600}\n")
        thread, outcome = held_request(proxy, "http://example.com/slow.html")
    finally:
        proxy.stop()  # wakes the handler held for an hour: the client sees the connection close
    thread.join()
    [error] = outcome
    assert isinstance(error, (ConnectionError, http.client.RemoteDisconnected)), repr(error)


def test_release_answers_the_held_requests_and_later_ones_are_held_again(toy_sites):
    (toy_sites / "example.com" / "_routes.yaml").write_text("/other.html: {delay: 3600}\n")
    with ReplayProxy(toy_sites) as proxy:
        thread, outcome = held_request(proxy, "http://example.com/other.html")
        assert thread.is_alive() and outcome == []  # held
        proxy.release()
        thread.join()
        assert outcome == [200]
        proxy.reset()
        later, outcome = held_request(proxy, "https://example.com/other.html")
        assert later.is_alive() and outcome == []  # held as its route says
    later.join()  # the proxy stopped: no answer
    assert isinstance(outcome[0], (ConnectionError, http.client.RemoteDisconnected))


def test_route_drop_cuts_the_body(toy):
    for url in ("https://example.com/page.html", "http://example.com/page.html"):
        with pytest.raises(http.client.IncompleteRead):
            fetch(toy, url)
    with pytest.raises(http.client.IncompleteRead) as err:
        fetch(toy, "https://example.com/cut")
    assert len(err.value.partial) == 100
    assert fetch(toy, "https://example.com/other.html")[0] == 200  # still serving


def test_routes_are_reloaded_when_changed(toy, toy_sites):
    routes = toy_sites / "example.com" / "_routes.yaml"
    assert fetch(toy, "https://example.com/other.html")[0] == 200
    routes.write_text(routes.read_text() + "/other.html: {status: 500}\n", encoding="utf-8")
    assert fetch(toy, "https://example.com/other.html")[0] == 500


# --- request log, env, keep-alive, robustness ------------------------------------------------


def test_request_log(toy):
    fetch(toy, "https://example.com/other.html", headers={"Referer": "https://example.com/"})
    fetch(toy, "http://example.com/gone.html")
    fetch(toy, "https://example.com/nothing")
    assert toy.count("example.com") == 3
    assert toy.count("/other.html") == 1
    assert toy.count(lambda r: r.status == 404) == 1
    assert toy.count(lambda r: r.referer == "https://example.com/") == 1
    first = toy.requests[0]
    assert (first.method, first.url, first.status) == ("GET", "https://example.com/other.html", 200)
    assert first.header("referer") == "https://example.com/" and first.time <= time.time()
    assert toy.urls()[1] == "http://example.com/gone.html"
    assert "example.com:443" in toy.connects
    toy.reset()
    assert toy.count() == 0 and toy.requests == [] and toy.connects == []


def test_env_points_at_the_proxy(toy):
    env = toy.env(
        {"PATH": "/bin", "no_proxy": "*", "NO_PROXY": "*", "http_proxy": "http://other:1"}
    )
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY"):
        assert env[name] == toy.url
    assert "no_proxy" not in env and "NO_PROXY" not in env and env["PATH"] == "/bin"
    assert toy.url.startswith("http://127.0.0.1:") and toy.port > 0


def test_keep_alive_in_plain_and_tls_connections(toy):
    conn = http.client.HTTPConnection("127.0.0.1", toy.port, timeout=5)
    for path in ("/other.html", "/sub/", "/other.html"):
        conn.request("GET", "http://example.com" + path)
        assert conn.getresponse().read()
    conn.close()
    tls = http.client.HTTPSConnection(
        "127.0.0.1", toy.port, timeout=5, context=ssl._create_unverified_context()
    )
    tls.set_tunnel("example.com", 443)
    for path in ("/other.html", "/utf8.html", "/nothing"):
        tls.request("GET", path)
        tls.getresponse().read()
    tls.close()
    assert toy.count("example.com") == 6
    assert toy.connects == ["example.com:443"]  # one tunnel for three requests


def test_concurrent_clients_and_rude_disconnects(toy):
    # Clients that vanish: mid-request, right after CONNECT, and during the TLS handshake.
    for payload in (
        b"GET http://example.com/other.html HTTP/1.1\r\nHo",
        b"CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n",
        b"CONNECT example.com:443 HTTP/1.1\r\n\r\n\x16\x03\x01\x00",
    ):
        with socket.create_connection(("127.0.0.1", toy.port), timeout=5) as sock:
            sock.sendall(payload)
    errors: list[BaseException] = []

    def worker(i: int) -> None:
        try:
            url = f"https://example.com/{'other' if i % 2 else 'utf8'}.html"
            assert fetch(toy, url)[0] == 200
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(24)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert errors == []
    assert toy.count(lambda r: r.url.startswith("https://") and r.status == 200) == 24


# --- Scrapy through the proxy ----------------------------------------------------------------

SPIDER = """
import scrapy

class ReplaySpider(scrapy.Spider):
    name = "replay_probe"
    custom_settings = {"ROBOTSTXT_OBEY": True, "RETRY_TIMES": 0, "DOWNLOAD_TIMEOUT": 5,
                       "TELNETCONSOLE_ENABLED": False, "LOG_LEVEL": "INFO"}

    async def start(self):
        yield scrapy.Request("https://www.ofweek.com/CATList-8100-CHANGYIEXINWE.html")
        yield scrapy.Request("http://www.ofweek.com/CATList-8100-CHANGYIEXINWE-2.html")
        yield scrapy.Request("https://images.ofweek.com/image?id=1", callback=self.image)

    def parse(self, response):
        for a in response.css("div.list-left div.con-details h3 > a")[:1]:
            yield response.follow(a, callback=self.article)
        items = response.css("div.list-left div.con-details h3 > a")
        yield {"url": response.url, "items": len(items), "encoding": response.encoding}

    def article(self, response):
        yield {"url": response.url, "title": response.css("div.artical p.title::text").get()}

    def image(self, response):
        kind = response.headers.get("Content-Type").decode()
        yield {"url": response.url, "type": kind, "size": len(response.body)}
"""


def test_scrapy_crawls_https_and_http_through_the_proxy(replay, tmp_path):
    (tmp_path / "probe.py").write_text(SPIDER, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    proc = subprocess.run(
        [sys.executable, "-m", "scrapy", "runspider", "probe.py", "-O", str(out)],
        cwd=tmp_path,
        env=replay.env(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    lines = out.read_text(encoding="utf-8").splitlines()
    items = {item["url"]: item for item in map(json.loads, lines)}
    assert items[NEWS_LIST]["items"] == 5 and items[NEWS_LIST]["encoding"] in ("gb18030", "gbk")
    assert items["http://www.ofweek.com/CATList-8100-CHANGYIEXINWE-2.html"]["items"] == 3
    assert items["https://ee.ofweek.com/2024-03/ART-8420-2800-30628123.html"]["title"].startswith(
        "先进封装产能告急"
    )
    assert items["https://images.ofweek.com/image?id=1"]["type"] == "image/png"
    assert replay.count("/robots.txt") >= 3  # www (https and http share it per netloc), ee, images
    assert replay.count(lambda r: r.url.startswith("https://") and r.status == 200) >= 3
    assert len(replay.connects) >= 1
    article = next(replay.matching("/ART-8420-2800-30628123.html"))
    assert article.referer == NEWS_LIST


# --- the generated copy and the demo command -------------------------------------------------


def test_recorded_copy_is_up_to_date():
    proc = subprocess.run(
        [sys.executable, str(SITES / "make_ofweek.py"), "--check"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_demo_command_arguments(tmp_path, capsys):
    from archiver.cli import build_parser
    from archiver.demo import DEFAULT_ARCHIVE, crawl_command, demo_command, run_demo

    args = build_parser().parse_args(["demo"])
    assert args.archive == DEFAULT_ARCHIVE and args.pages is None
    args = build_parser().parse_args(
        ["demo", "--archive", str(tmp_path), "--pages", "2", "-s", "LOG_LEVEL=WARNING"]
    )
    cmd = demo_command(args.archive, args.pages, args.settings)
    assert cmd[1:5] == ["-m", "scrapy", "crawl", "ofweek"]
    assert f"ARCHIVE_DIR={tmp_path}" in cmd and "DOWNLOAD_TIMEOUT=5" in cmd
    assert cmd[cmd.index("-a") + 1] == "pages=2" and "LOG_LEVEL=WARNING" in cmd
    assert crawl_command(tmp_path, "-a", "x=1", spider="jjrb", settings={"A": 1}, log_level="INFO")[
        1:
    ] == ["-m", "scrapy", "crawl", "jjrb", "-L", "INFO"] + [
        "-s",
        f"ARCHIVE_DIR={tmp_path}",
        "-s",
        "A=1",
        "-a",
        "x=1",
    ]
    with pytest.raises(SystemExit):
        build_parser().parse_args(["demo", "--pages", "0"])
    assert run_demo(tmp_path / "a", sites_dir=tmp_path / "no-such-sites") == 1
    assert "recorded sites are missing" in capsys.readouterr().err
