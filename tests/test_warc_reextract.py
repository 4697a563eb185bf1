"""``archiver reextract``: articles rebuilt offline from the crawl's WARC with today's rules.

On a copy of the shared OFweek crawl, with the network cut: no replay proxy runs, and the
proxy variables point at a closed port, so any request that left the process would fail.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import forkserver
import pytest
import yaml
from conftest import PROJECT, SITES

from archiver.folder import iter_article_files
from archiver.frontmatter import split

CASES = yaml.safe_load((SITES / "ofweek-cases.yaml").read_text(encoding="utf-8"))
DEFINITION = PROJECT / "archiver" / "sites" / "ofweek.yaml"
CUT = "http://127.0.0.1:9"  # discard port: nothing listens, a request fails at once


def reextract(archive: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    env.update(http_proxy=CUT, https_proxy=CUT, HTTP_PROXY=CUT, HTTPS_PROXY=CUT)
    cmd = [sys.executable, "-m", "archiver", "reextract", str(archive), *args]
    return forkserver.run(cmd, cwd=PROJECT, env=env, timeout=300)


def listed(output: str, prefix: str) -> set[str]:
    """The paths the command printed after ``prefix`` (``changed: ``, ``would change: ``)."""
    lines = [line.removeprefix(prefix) for line in output.splitlines() if line.startswith(prefix)]
    return {line.split(" (previous version kept as ")[0] for line in lines}


def snapshot(archive: Path) -> dict[str, tuple[bytes, int]]:
    """Every article file (old versions included): bytes and mtime."""
    return {
        p.relative_to(archive).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in archive.rglob("*.md")
        if ".archiver" not in p.parts
    }


def changed_definition(tmp_path: Path) -> Path:
    """The OFweek definition with the old (2017-2019) layout's source selector broken."""
    data = yaml.safe_load(DEFINITION.read_text(encoding="utf-8"))
    old = next(layout for layout in data["layouts"] if layout["name"] == "old")
    old["source"] = ["span.no-such-source"]
    path = tmp_path / "ofweek-changed.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture
def archive(ofweek_archive, tmp_path) -> Path:
    copy = tmp_path / "archive"
    shutil.copytree(ofweek_archive, copy)
    return copy


def old_layout_files(archive: Path) -> set[str]:
    urls = {u for u, case in CASES["articles"].items() if case.get("layout") == "old"}
    found = set()
    for path in iter_article_files(archive):
        if split(path.read_text(encoding="utf-8"))[0]["url"] in urls:
            found.add(path.relative_to(archive).as_posix())
    assert found, "the crawl archived no article in the old layout"
    return found


def test_unchanged_rules_change_nothing(archive):
    before = snapshot(archive)
    done = reextract(archive)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "0 changed" in done.stdout and f"{len(before)} unchanged" in done.stdout
    assert snapshot(archive) == before  # same bytes, same mtimes


def test_one_selector_changed_rebuilds_exactly_the_affected_articles(archive, tmp_path):
    definition = changed_definition(tmp_path)
    affected = old_layout_files(archive)
    before = snapshot(archive)

    dry = reextract(archive, "--definition", str(definition), "--dry-run")
    assert dry.returncode == 0, dry.stderr[-3000:]
    assert listed(dry.stdout, "would change: ") == affected
    assert snapshot(archive) == before  # a dry run writes nothing

    done = reextract(archive, "--definition", str(definition))
    assert done.returncode == 0, done.stderr[-3000:]
    after = snapshot(archive)
    changed = {path for path in before if after[path] != before[path]}
    assert changed == affected == listed(done.stdout, "changed: ")
    assert f"(previous version kept as {Path(next(iter(affected))).stem}.v1.md)" in done.stdout
    for path in affected:
        kept = path.removesuffix(".md") + ".v1.md"
        assert after[kept][0] == before[path][0]  # the old version, byte for byte
        meta = split(after[path][0].decode("utf-8"))[0]
        assert meta.get("source") != split(before[path][0].decode("utf-8"))[0].get("source")
    assert set(after) == set(before) | {p.removesuffix(".md") + ".v1.md" for p in affected}

    again = reextract(archive, "--definition", str(definition))
    assert again.returncode == 0, again.stderr[-3000:]
    assert "0 changed" in again.stdout
    assert snapshot(archive) == after


def test_articles_without_stored_pages_are_counted_not_touched(archive):
    shutil.rmtree(archive / ".archiver" / "warc")
    before = snapshot(archive)
    done = reextract(archive)
    assert done.returncode == 0, done.stderr[-3000:]
    assert f"{len(before)} without stored pages" in done.stdout
    assert snapshot(archive) == before
