"""``archiver build`` / ``serve`` and the Scrapy extension that builds after a crawl."""

from __future__ import annotations

import re
import threading
import urllib.error
import urllib.request
from datetime import datetime, timezone
from pathlib import Path

import pytest
from scrapy.exceptions import NotConfigured
from scrapy.utils.test import get_crawler
from twisted.internet import defer

from archiver.cli import main
from archiver.frontmatter import dump
from archiver.items import Article
from archiver.reader import extension
from archiver.reader.extension import BuildReaderOnClose
from archiver.reader.files import remove_tree
from archiver.reader.render import CSP
from archiver.reader.sample import make_sample_archive
from archiver.reader.search import search
from archiver.reader.serve import make_server


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    make_sample_archive(tmp_path, 6, seed=1)
    return tmp_path


def test_build_command(archive: Path, capsys) -> None:
    assert main(["build", str(archive)]) == 0
    out = capsys.readouterr().out
    assert "6 articles (6 new, 0 changed, 0 removed), 6 pages rendered" in out
    assert str(archive / "index.html") in out
    assert main(["build", str(archive)]) == 0
    assert "0 pages rendered" in capsys.readouterr().out
    assert main(["build", str(archive / "missing")]) == 2  # bad usage: not an archive
    (archive / "jjrb" / "bad.md").write_text("---\nnot: [closed\n---\n", encoding="utf-8")
    assert main(["build", str(archive)]) == 1
    assert "bad.md" in capsys.readouterr().err


def test_a_deleted_reader_folder_is_rebuilt_with_its_search(archive: Path, capsys) -> None:
    """Deleting ``.reader`` (to start clean, or by a sync tool) must not leave a reader whose
    pages load but whose search finds nothing: the build sees the data is gone."""
    assert main(["build", str(archive)]) == 0
    title = next(iter(search(archive, "的", 1))).title
    remove_tree(archive / ".reader")
    capsys.readouterr()
    assert main(["build", str(archive)]) == 0
    assert "6 pages rendered" in capsys.readouterr().out
    assert (archive / ".reader" / "search.js").is_file()
    assert title in [hit.title for hit in search(archive, title)]


def _article_text(title: str, body: str) -> str:
    article = Article(
        url=f"https://www.ofweek.com/{title}.html",
        site="ofweek",
        title=title,
        published=datetime(2024, 7, 1, 8, tzinfo=timezone.utc),
        body=body,
        categories=["新闻"],
        path=f"ofweek/2024-07/{title}.md",
    )
    return dump(article)


def test_an_unreadable_article_is_skipped_and_named_and_the_rest_built(
    archive: Path, capsys
) -> None:
    folder = archive / "ofweek" / "2024-07"
    folder.mkdir(parents=True)
    good = _article_text("好文章", "<p>正文。</p>")
    (folder / "good.md").write_text(good, encoding="utf-8")
    impossible = re.sub(r"^date: .*$", "date: '9999-12-31T23:59:59-23:59'", good, flags=re.M)
    (folder / "date.md").write_text(impossible, encoding="utf-8")
    (folder / "bytes.md").write_bytes(b"\n---\ntitle: '\xff\xfe'\n---\n")
    (folder / "link.md").write_text(  # a control character in a link: cleaned, not fatal
        _article_text("控制字符", '<p><a href="x&#14;y">链接</a>正文。</p>'), encoding="utf-8"
    )
    assert main(["build", str(archive)]) == 1
    captured = capsys.readouterr()
    assert "8 articles (8 new" in captured.out and "2 unreadable" in captured.out
    assert "unreadable: ofweek/2024-07/date.md: FrontmatterError" in captured.err
    assert "unreadable: ofweek/2024-07/bytes.md: UnicodeDecodeError" in captured.err
    assert (folder / "good.html").is_file() and not (folder / "date.html").exists()
    assert '<a href="xy">链接</a>' in (folder / "link.html").read_text(encoding="utf-8")
    assert main(["build", str(archive)]) == 1  # reported again until the files are fixed
    assert "2 unreadable" in capsys.readouterr().out
    (folder / "date.md").unlink()
    (folder / "bytes.md").unlink()
    assert main(["build", str(archive)]) == 0


def test_the_crawls_rebuild_counts_an_unreadable_article_instead_of_failing(
    archive: Path, monkeypatch, caplog
) -> None:
    monkeypatch.setattr(extension.threads, "deferToThread", lambda f: defer.succeed(f()))
    monkeypatch.setattr(extension, "maybe_deferred_to_future", lambda d: d)
    (archive / "jjrb" / "broken.md").write_text("---\nnot: [closed\n---\n", encoding="utf-8")
    crawler = get_crawler(settings_dict={"ARCHIVE_DIR": str(archive)})
    crawler.stats.set_value("archive/articles_new", 1)
    ext = BuildReaderOnClose.from_crawler(crawler)
    done = defer.ensureDeferred(ext.spider_closed(None, "finished"))
    assert done.called and done.result is None
    assert crawler.stats.get_value("reader/articles") == 6
    assert crawler.stats.get_value("reader/unreadable") == 1
    assert "Cannot read article jjrb/broken.md, skipped" in caplog.text


def test_build_command_defaults_to_archive_in_the_current_folder(
    archive: Path, monkeypatch, capsys
) -> None:
    monkeypatch.chdir(archive.parent)
    archive.rename(archive.parent / "archive")
    assert main(["build"]) == 0
    assert (archive.parent / "archive" / "index.html").is_file()


def _get(url: str) -> tuple[int, dict[str, str], bytes]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), b""


def _get_as(url: str, host: str) -> int:
    request = urllib.request.Request(url, headers={"Host": host})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


def test_serve_answers_only_to_its_own_name(archive: Path) -> None:
    """A page on another domain rebinding it to 127.0.0.1 (DNS rebinding) gets nothing."""
    assert main(["build", str(archive)]) == 0
    server = make_server(archive, 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        port = server.server_address[1]
        url = f"http://127.0.0.1:{port}/index.html"
        assert _get_as(url, f"127.0.0.1:{port}") == 200
        assert _get_as(url, f"localhost:{port}") == 200
        assert _get_as(url, f"evil.example:{port}") == 421
        assert _get_as(url, "evil.example") == 421
        assert _get_as(url, "127.0.0.1:1") == 421
    finally:
        server.shutdown()
        server.server_close()


def test_serve_gives_the_reader_but_not_private_state(archive: Path) -> None:
    assert main(["build", str(archive)]) == 0
    server = make_server(archive, 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        status, headers, body = _get(base + "index.html")
        assert status == 200 and headers["Content-Security-Policy"] == CSP
        assert "文章存档".encode() in body
        assert _get(base + ".reader/search.js")[0] == 200
        assert _get(base + ".archiver/reader.sqlite")[0] == 404
        assert _get(base + "%2Earchiver/reader.sqlite")[0] == 404
    finally:
        server.shutdown()
        server.server_close()


def test_extension_is_off_when_autobuild_is_false(tmp_path) -> None:
    crawler = get_crawler(
        settings_dict={"ARCHIVE_DIR": str(tmp_path), "ARCHIVE_READER_AUTOBUILD": False}
    )
    with pytest.raises(NotConfigured):
        BuildReaderOnClose.from_crawler(crawler)


def test_extension_builds_only_after_new_or_updated_articles(archive: Path, monkeypatch) -> None:
    monkeypatch.setattr(extension.threads, "deferToThread", lambda f: defer.succeed(f()))
    monkeypatch.setattr(
        extension, "maybe_deferred_to_future", lambda d: d
    )  # no reactor in this test
    crawler = get_crawler(settings_dict={"ARCHIVE_DIR": str(archive)})
    ext = BuildReaderOnClose.from_crawler(crawler)
    done = defer.ensureDeferred(ext.spider_closed(None, "finished"))
    assert done.called and done.result is None
    assert not (archive / "index.html").exists()
    crawler.stats.set_value("archive/articles_updated", 2)
    done = defer.ensureDeferred(ext.spider_closed(None, "finished"))
    assert done.called and done.result is None
    assert (archive / "index.html").is_file()
    assert crawler.stats.get_value("reader/articles") == 6
    assert crawler.stats.get_value("reader/pages_rendered") == 6


def test_serve_command_refuses_a_missing_folder(tmp_path: Path) -> None:
    assert main(["serve", str(tmp_path / "missing"), "--port", "0"]) == 2
