"""Search: the reader's sharded index, from ``archiver search`` and as the browser reads it."""

from __future__ import annotations

import json
import random
import re
from datetime import datetime, timezone
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from archiver.cli import main
from archiver.frontmatter import dump
from archiver.items import Article
from archiver.reader import build_reader, search, webindex
from archiver.reader.files import read_data, write_atomic
from archiver.reader.keys import chunk_postings, key_text, text_keys
from archiver.reader.manifest import Segment
from archiver.reader.postings import decode, encode
from archiver.reader.sample import make_sample_archive
from archiver.reader.source import read_article
from archiver.reader.tokens import (
    TITLE,
    canon,
    normalize,
    query_terms,
    runs,
    shard_of,
    tidy_text,
)

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
    write_atomic(root / rel, dump(article).encode("utf-8"))
    return rel


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    make_sample_archive(tmp_path, 12, seed=3)
    write(tmp_path, "unique", "面板厂商动态", f"<p>开头。据悉，{PHRASE}已取得进展。</p>")
    return tmp_path


def run(capsys, *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().out


def rels(hits) -> list[str]:
    return [h.rel.rsplit("/", 1)[1] for h in hits]


def test_a_chinese_phrase_finds_exactly_its_article(archive: Path, capsys) -> None:
    code, out = run(capsys, "search", PHRASE, "--archive", str(archive))
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == 1
    title, date, path = lines[0].split("\t")
    assert (title, date) == ("面板厂商动态", "2022-07-20T05:47:00Z")
    assert path == str(archive / "ofweek/2022-07/unique.md")


def test_title_hits_rank_before_body_hits_then_newest_first(tmp_path: Path) -> None:
    write(tmp_path, "body", "别的标题", "<p>" + "储能电站储能电站，" * 30 + "</p>", day=22)
    write(tmp_path, "title", "储能电站迎来窗口期", "<p>正文里只提一次储能电站。</p>", day=1)
    write(tmp_path, "older", "更早的储能电站", "<p>无关正文。</p>", day=2)
    write(tmp_path, "none", "无关", "<p>与此无关。</p>")
    build_reader(tmp_path)
    hits = search.search(tmp_path, "储能电站")
    assert rels(hits) == ["older.md", "title.md", "body.md"]
    assert [h.in_title for h in hits] == [True, True, False]
    assert "储能电站" in hits[2].snippet
    assert rels(search.search(tmp_path, "储能")) == ["older.md", "title.md", "body.md"]


def test_one_and_two_characters_and_mixed_latin(tmp_path: Path) -> None:
    write(tmp_path, "a", "鑫源动态", "<p>搭载ＡＩ芯片与5G基站的方案。</p>")
    write(tmp_path, "b", "其他", "<p>iPhone 15 Pro 与 5G 手机。</p>", day=21)
    write(tmp_path, "c", "无关", "<p>一段别的文字。</p>", day=22)
    build_reader(tmp_path)
    assert rels(search.search(tmp_path, "鑫")) == ["a.md"]  # one character
    assert rels(search.search(tmp_path, "5g")) == ["b.md", "a.md"]  # two, full width folded
    assert rels(search.search(tmp_path, "ai芯片")) == ["a.md"]  # mixed Chinese/Latin
    assert rels(search.search(tmp_path, "5G基站")) == ["a.md"]
    assert rels(search.search(tmp_path, "iphone 手机")) == ["b.md"]  # every term
    assert rels(search.search(tmp_path, '"15 pro"')) == ["b.md"]  # a quoted phrase
    assert search.search(tmp_path, '"pro 15"') == []
    assert search.search(tmp_path, "％％") == []  # nothing to look up
    assert search.search(tmp_path, "芯基") == []  # both characters occur, not together


def test_index_follows_changes_incrementally(archive: Path) -> None:
    build_reader(archive)
    assert len(search.search(archive, PHRASE)) == 1
    write(archive, "unique", "面板厂商动态", "<p>改写后只剩柔性折叠屏铰链。</p>")
    assert build_reader(archive).changed == 1
    assert search.search(archive, PHRASE) == []
    assert len(search.search(archive, "柔性折叠屏铰链")) == 1
    (archive / "ofweek/2022-07/unique.md").unlink()
    assert build_reader(archive).removed == 1
    assert search.search(archive, "柔性折叠屏铰链") == []


def test_the_command_updates_a_stale_index_first(archive: Path, capsys) -> None:
    build_reader(archive)
    assert not search.stale(archive)
    write(archive, "later", "后来的文章", "<p>钙钛矿叠层电池量产。</p>", day=25)
    assert search.stale(archive)  # written as a crawl writes: renamed into place
    code, out = run(capsys, "search", "钙钛矿叠层", "--archive", str(archive), "--no-refresh")
    assert code == 1 and out == ""
    code, out = run(capsys, "search", "钙钛矿叠层", "--archive", str(archive))
    assert code == 0 and "later.md" in out
    assert not search.stale(archive)


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


def index_keys(text: str) -> set[str]:
    """The keys an already normalised text is indexed under, in plain Python."""
    keys: set[str] = set()
    for run in runs(text):
        keys.update(run)
        keys.update(run[i : i + 2] for i in range(len(run) - 1))
    return keys


def test_normalise_keys_and_terms() -> None:
    assert normalize("５Ｇ手机ＡＩ") == "5g手机ai"
    assert index_keys(normalize("５Ｇ手机，好")) == {
        "5",
        "g",
        "手",
        "机",
        "5g",
        "g手",
        "手机",
        "好",
    }
    assert index_keys("𠀀𠀁x") == {"𠀀", "𠀁", "x", "𠀀𠀁", "𠀁x"}
    assert shard_of("数字", 1) == 0
    assert shard_of("^数字", 64) == shard_of("数字", 64)  # a title list shares its key's shard
    [one, two, long] = query_terms("华 华为 固态电池")
    assert (one.keys, one.exact, two.keys, two.exact) == (("华",), True, ("华为",), True)
    assert long.keys == ("固态", "态电", "电池") and not long.exact
    assert long.lookup == ("固态", "电池")  # the text confirms the middle
    [phrase] = query_terms('"宁德时代   合肥"')
    assert phrase.text == "宁德时代 合肥" and not phrase.exact
    assert query_terms("％ ，。") == []


def test_postings_round_trip() -> None:
    rnd = random.Random(7)
    for _ in range(50):
        lo = rnd.randint(0, 10**6)
        dns = sorted(rnd.sample(range(lo, lo + rnd.choice((50, 5000, 10**7))), rnd.randint(1, 40)))
        assert decode(encode(dns, lo), lo) == dns


def test_chunk_postings_match_the_plain_python_index() -> None:
    """The numpy indexer gives every key the list ``encode`` gives over ``index_keys``."""
    texts = ["华为发布5G手机，iPhone 15 Pro", "数字医疗𠀀𠀁x_y 华为", "", "ａｂｃ  ok", "华为"]
    lo, docs, expected = 192, [], {}
    for i, text in enumerate(texts):
        dn = lo + 3 * i
        title = normalize(text[:4])
        keys = np.concatenate((text_keys(normalize(text)), text_keys(title, True)))
        docs.append((dn, keys))
        for key in index_keys(normalize(text)) | {TITLE + k for k in index_keys(title)}:
            expected.setdefault(key, []).append(dn)
    got = {}
    for key, first, last, tail in chunk_postings(lo, docs):
        got[key] = [first, *decode(tail, first + 1)]
        assert got[key][-1] == last
    assert got == expected


@given(st.one_of(st.text(max_size=64), st.text(min_size=65, max_size=400)), st.booleans())
def test_text_keys_are_the_plain_python_keys(text: str, title: bool) -> None:
    """Short texts (titles) get their keys in Python, longer ones with numpy: the same keys."""
    text = normalize(text)
    keys = text_keys(text, title).tolist()
    expected = {TITLE + k if title else k for k in index_keys(text)}
    assert {key_text(k) for k in keys} == expected and len(keys) == len(expected)


@given(st.text(st.sampled_from(list(" \t\r\f\v\u00a0\u3000\n\u2003ab中")), max_size=60))
def test_tidy_text_collapses_spaces_and_blank_lines(text: str) -> None:
    spaced = re.sub(r"[ \t\r\f\v\u00a0\u3000]+", " ", text)
    assert tidy_text(text) == "\n".join(line.strip() for line in spaced.split("\n") if line.strip())


def test_a_segment_built_from_chunks_has_every_key_in_its_shard(tmp_path: Path) -> None:
    builder = webindex.SegmentBuilder(0)
    expected: dict[str, list[int]] = {}
    rnd = random.Random(3)
    words = ["华为", "固态电池", "储能系统", "数字化", "OLED面板"]
    for chunk in range(3):
        docs = []
        for dn in range(chunk * 64, chunk * 64 + 64):
            text = normalize("".join(rnd.sample(words, 2)))
            docs.append((dn, text_keys(text)))
            for key in index_keys(text):
                expected.setdefault(key, []).append(dn)
        builder.add(chunk_postings(chunk * 64, docs), chunk * 64 + 64, 64)
    segment = builder.write(tmp_path, "s0")
    assert (segment.lo, segment.hi, segment.docs) == (0, 192, 192)
    found: dict[str, list[int]] = {}
    for number in range(segment.shards):
        for key, code in read_data(tmp_path, f"ix/s0/{number}").items():
            assert shard_of(key, segment.shards) == number
            found[key] = decode(code, 0)
    assert found == expected


def _truth(root: Path, query: str) -> list[str]:
    """Brute force over the files: the hits in the order the index must give them."""
    terms = query_terms(query)
    rows = []
    for rel in (p.relative_to(root).as_posix() for p in root.rglob("*.md")):
        if rel.startswith("."):
            continue
        article = read_article(root, rel)
        title, body = canon(article.title), canon(article.body.text)
        if all(t.text in title or t.text in body for t in terms):
            in_title = all(t.text in title for t in terms)
            rows.append((not in_title, -article.date.timestamp(), rel))
    return [rel for *_, rel in sorted(rows)]


def test_search_equals_brute_force_over_the_files(tmp_path: Path) -> None:
    make_sample_archive(tmp_path, 60, seed=9, images=0)
    build_reader(tmp_path)
    for query in ("电", "华为", "固态电池", "宁德时代 合肥", "AI服务器", '"有望在未来三到五年"'):
        assert [h.rel for h in search.search(tmp_path, query, limit=0)] == _truth(tmp_path, query)


def _browser_lists(root: Path, key: str) -> set[int]:
    """What the browser reads for one key: its lists across all segments."""
    meta = read_data(root, "meta")
    found: set[int] = set()
    for name, lo, hi, shards in meta["segments"]:
        codes = webindex.read_lists(root, Segment(name, lo, hi, 0, shards), [key])
        found.update(decode(codes[key], lo) if key in codes else [])
    return found


def test_browser_index_stays_exact_across_incremental_builds(tmp_path: Path) -> None:
    rels_ = make_sample_archive(tmp_path, 30, seed=5)
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
    (tmp_path / rels_[0]).unlink()
    build_reader(tmp_path)
    meta = read_data(tmp_path, "meta")
    assert len(meta["segments"]) <= 3
    assert webindex.segment_names_on_disk(tmp_path) == {s[0] for s in meta["segments"]}
    live = {}
    index = search.Index(tmp_path)
    for dn in index.order:
        entry = index.store.entry(dn)
        article = read_article(tmp_path, f"{entry[1]}/{entry[2]}.md")
        live[dn] = normalize(f"{article.title}\n{article.body.text}")
    assert len(live) == 30 - 1 + 4
    for key in ("钙钛", "叠层", "组件", "储能", "面板", "钙"):
        expected = {dn for dn, text in live.items() if key in text}
        assert _browser_lists(tmp_path, key) & set(live) == expected, key
