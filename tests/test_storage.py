"""Durability of what is archived: files reach the disk before the state records them."""

from __future__ import annotations

import os
import sqlite3

from conftest import project_crawler

import archiver.state.sqlite
from archiver.archive import archive_of
from archiver.state import ArticleRecord, SqliteState, state_path
from archiver.storage import atomic_write, sync_filesystem


def _rows(archive) -> list[str]:
    with sqlite3.connect(state_path(archive)) as db:  # another reader, as the next run would be
        return [url for (url,) in db.execute("SELECT url FROM articles")]


def test_the_state_flushes_the_files_to_disk_before_it_commits_their_records(tmp_path, monkeypatch):
    archive = tmp_path / "archive"
    state = SqliteState(state_path(archive), batch=2)
    seen_at_sync: list[list[str]] = []
    monkeypatch.setattr(
        archiver.state.sqlite, "sync_filesystem", lambda path: seen_at_sync.append(_rows(archive))
    )
    for n in (1, 2):
        atomic_write(archive / f"{n}.md", b"text", durable=False)
        state.record(
            ArticleRecord(url=f"https://example.com/{n}", path=f"{n}.md", content_hash="h")
        )
    assert seen_at_sync == [[]]  # one flush for the batch, before any of it was committed
    assert sorted(_rows(archive)) == ["https://example.com/1", "https://example.com/2"]
    state.close()
    assert seen_at_sync == [[]]  # nothing recorded since: no second flush


def test_closing_the_state_flushes_the_last_batch_first(tmp_path, monkeypatch):
    archive = tmp_path / "archive"
    state = SqliteState(state_path(archive), batch=50)
    seen_at_sync: list[list[str]] = []
    monkeypatch.setattr(
        archiver.state.sqlite, "sync_filesystem", lambda path: seen_at_sync.append(_rows(archive))
    )
    state.record(ArticleRecord(url="https://example.com/1", path="1.md", content_hash="h"))
    state.close()
    assert seen_at_sync == [[]]
    assert _rows(archive) == ["https://example.com/1"]


def test_sync_filesystem_names_a_missing_folder(tmp_path):
    missing = tmp_path / "nowhere"
    try:
        sync_filesystem(missing)
    except OSError as exc:
        assert str(missing) in str(exc)
    else:
        raise AssertionError("sync_filesystem of a missing folder did not fail")


def test_images_are_fsynced_one_by_one_unless_the_state_flushes_their_filesystem(tmp_path):
    from archiver.pipelines.assets import ArticleAssetsPipeline

    inside = project_crawler({"ARCHIVE_DIR": str(tmp_path / "a")})
    elsewhere = project_crawler(
        {"ARCHIVE_DIR": str(tmp_path / "b"), "FILES_STORE": str(tmp_path / "images")}
    )
    try:
        assert (
            ArticleAssetsPipeline.from_crawler(inside).store.durable is False
        )  # the state flushes
        assert ArticleAssetsPipeline.from_crawler(elsewhere).store.durable is True
    finally:
        for crawler in (inside, elsewhere):
            archive_of(crawler).engine_stopped()


def test_an_atomic_write_leaves_one_file_with_the_umasks_mode_and_no_temp(tmp_path):
    from archiver.storage import TEMP_PREFIX, atomic_write

    target = tmp_path / "new" / "folder" / "a.md"  # folders made on the way
    atomic_write(target, b"one", durable=False)
    atomic_write(target, b"two")
    umask = os.umask(0)
    os.umask(umask)
    assert target.read_bytes() == b"two"
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask
    assert [p.name for p in target.parent.iterdir()] == ["a.md"]
    assert not list(target.parent.glob(f"{TEMP_PREFIX}*"))
