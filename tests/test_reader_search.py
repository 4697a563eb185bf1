"""Search: the FTS5 index behind ``archiver search`` and the browser's bigram index."""

from __future__ import annotations

import json
import random
from array import array
from datetime import datetime, timezone
from pathlib import Path

import pytest

from archiver.cli import main
from archiver.frontmatter import dump
from archiver.items import Article
from archiver.reader import build_reader, searchdb
from archiver.reader.files import read_data
from archiver.reader.sample import make_sample_archive
from archiver.reader.source import read_article
from archiver.reader.tokens import bigrams, normalize, shard_of
from archiver.reader.webindex import decode_postings, encode_postings

PHRASE = "量子点显示面板良率攻关"


def write(root: Path, name: str, title: str, body: str, day: int = 20) -> str:
    rel = f"ofweek/2022-07/{name}.md"
    article = Article(
        url=f"https://www.ofweek.com/{name}.html",
        site="ofweek",
        title=title,
        published=datetime(2022, 7, day, 5, 47, tzinfo=timezone.utc),
        body=body,
        author="维科网",
        categories=["新闻"],
        path=rel,
    )
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dump(article), encoding="utf-8")
    return rel


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    make_sample_archive(tmp_path, 12, seed=3)
    write(tmp_path, "unique", "面板厂商动态", f"<p>开头。据悉，{PHRASE}已取得进展。</p>")
    return tmp_path


def run(capsys, *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().out


def test_a_chinese_phrase_finds_exactly_its_article(archive: Path, capsys) -> None:
    code, out = run(capsys, "search", PHRASE, "--archive", str(archive))
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == 1
    title, date, path = lines[0].split("\t")
    assert (title, date) == ("面板厂商动态", "2022-07-20T05:47:00Z")
    assert path == str(archive / "ofweek/2022-07/unique.md")


def test_title_hits_rank_before_body_hits(tmp_path: Path) -> None:
    write(tmp_path, "body", "别的标题", "<p>" + "储能电站储能电站，" * 30 + "</p>", day=22)
    write(tmp_path, "title", "储能电站迎来窗口期", "<p>正文里只提一次储能电站。</p>", day=1)
    write(tmp_path, "none", "无关", "<p>与此无关。</p>")
    hits = searchdb.search(tmp_path, "储能电站") if searchdb.refresh(tmp_path) else []
    assert [h.rel.rsplit("/", 1)[1] for h in hits] == ["title.md", "body.md"]
    assert hits[0].in_title and not hits[1].in_title
    assert "储能电站" in hits[1].snippet


def test_short_terms_fall_back_to_like(archive: Path) -> None:
    searchdb.refresh(archive)
    assert [h.rel for h in searchdb.search(archive, "量子")] == ["ofweek/2022-07/unique.md"]
    assert [h.rel for h in searchdb.search(archive, "开头 良率攻关")] == [
        "ofweek/2022-07/unique.md"
    ]
    assert searchdb.search(archive, "％％") == []


def test_full_width_letters_match_ascii(tmp_path: Path) -> None:
    write(tmp_path, "g5", "５Ｇ基站", "<p>ＡＩ芯片与5G基站。</p>")
    searchdb.refresh(tmp_path)
    assert len(searchdb.search(tmp_path, "5g基站")) == 1
    assert len(searchdb.search(tmp_path, "ai芯片")) == 1


def test_index_follows_changes_incrementally(archive: Path) -> None:
    assert searchdb.refresh(archive) == (13, 0)
    assert searchdb.refresh(archive) == (0, 0)
    write(archive, "unique", "面板厂商动态", "<p>改写后只剩柔性折叠屏铰链。</p>")
    assert searchdb.refresh(archive) == (1, 0)
    assert searchdb.search(archive, PHRASE) == []
    assert len(searchdb.search(archive, "柔性折叠屏铰链")) == 1
    (archive / "ofweek/2022-07/unique.md").unlink()
    assert searchdb.refresh(archive) == (0, 1)
    assert searchdb.search(archive, "柔性折叠屏铰链") == []


def test_build_keeps_the_search_index_current(archive: Path, capsys) -> None:
    build_reader(archive)
    assert searchdb.refresh(archive) == (0, 0)
    code, out = run(capsys, "search", PHRASE, "--archive", str(archive), "--no-refresh")
    assert code == 0 and "unique.md" in out


def test_json_output_and_exit_codes(archive: Path, capsys) -> None:
    code, out = run(capsys, "search", PHRASE, "--archive", str(archive), "--json")
    data = json.loads(out)
    assert code == 0 and data["query"] == PHRASE
    [hit] = data["hits"]
    assert hit["rel"] == "ofweek/2022-07/unique.md" and hit["title"] == "面板厂商动态"
    assert hit["html"].endswith("unique.html") and PHRASE in hit["snippet"]
    code, out = run(capsys, "search", "没有这个词组合", "--archive", str(archive), "--json")
    assert code == 1 and json.loads(out)["hits"] == []
    assert run(capsys, "search", "  ", "--archive", str(archive))[0] == 2
    assert run(capsys, "search", PHRASE, "--archive", str(archive / "missing"))[0] == 2
    empty = archive / "empty"
    empty.mkdir()
    assert run(capsys, "search", PHRASE, "--archive", str(empty))[0] == 2
    assert list(empty.iterdir()) == []  # no index left in a folder that is no archive
    with pytest.raises(SystemExit) as exc:
        main(["search"])
    assert exc.value.code == 2


def test_normalise_and_bigrams() -> None:
    assert normalize("５Ｇ手机ＡＩ") == "5g手机ai"
    assert bigrams(normalize("５Ｇ手机，好")) == {"5g", "g手", "手机"}
    assert bigrams("𠀀𠀁x") == {"𠀀𠀁", "𠀁x"}
    assert shard_of("数字", 1) == 0


def test_postings_round_trip() -> None:
    rnd = random.Random(7)
    for _ in range(50):
        lo = rnd.randint(0, 10**6)
        dns = sorted(rnd.sample(range(lo, lo + rnd.choice((50, 5000, 10**7))), rnd.randint(1, 40)))
        assert decode_postings(encode_postings(array("I", dns), lo), lo) == dns


def _browser_candidates(root: Path, gram: str) -> set[int]:
    """What the browser computes for one bigram: postings across all segments."""
    meta = read_data(root, "meta")
    found: set[int] = set()
    for seg in meta["segments"]:
        shard = read_data(root, f"ix/{seg['name']}/{shard_of(gram, seg['shards'])}")
        if gram in shard:
            found.update(decode_postings(shard[gram], seg["lo"]))
    return found


def test_browser_index_stays_exact_across_incremental_builds(tmp_path: Path) -> None:
    rels = make_sample_archive(tmp_path, 30, seed=5)
    build_reader(tmp_path)
    for round_ in range(4):
        write(
            tmp_path,
            f"extra{round_}",
            f"追加{round_}",
            f"<p>第{round_}轮新增：钙钛矿叠层电池。</p>",
            day=25,
        )
        build_reader(tmp_path)
    write(tmp_path, "extra0", "追加0", "<p>改写：钙钛矿组件。</p>", day=25)
    (tmp_path / rels[0]).unlink()
    build_reader(tmp_path)
    meta = read_data(tmp_path, "meta")
    assert len(meta["segments"]) <= 3
    on_disk = {p.name for p in (tmp_path / ".reader" / "ix").iterdir()}
    assert on_disk == {s["name"] for s in meta["segments"]}
    live: dict[int, str] = {}
    for month, _ in meta["months"]:
        for entry in read_data(tmp_path, f"cat/{month}"):
            article = read_article(tmp_path, f"{entry[1]}/{entry[2]}.md")
            live[entry[0]] = normalize(f"{article.title}\n{article.body.text}")
    for gram in ("钙钛", "叠层", "组件", "储能", "面板"):
        expected = {dn for dn, text in live.items() if gram in text}
        assert _browser_candidates(tmp_path, gram) & set(live) == expected, gram
