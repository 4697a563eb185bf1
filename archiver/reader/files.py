"""Writing the reader's files: atomic, only when changed, and the ``<script src>`` data format.

Reader files are derived and can be rebuilt at any time, so they are renamed into place
without an fsync (a reader never sees half a file; a power cut at worst costs a rebuild).
Data for the browser is JavaScript that hands JSON to the page, ``READER.data("<key>", …);``,
because Chromium refuses ``fetch``/XHR of ``file://`` but runs ``<script src>``.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
from collections.abc import Iterator
from importlib.resources import files
from pathlib import Path
from typing import Any

from archiver.storage import atomic_write

ASSETS = ".reader"
PRIVATE = ".archiver"
_CALL = "READER.data("


def write_atomic(path: Path, data: bytes) -> None:
    """Write a derived reader file atomically (no fsync: it can always be rebuilt)."""
    atomic_write(path, data, durable=False)


def read_sized(path: Path, size: int) -> bytes:
    """A file's bytes, ``size`` as its listing gave it: an open, two reads and a close, where
    ``Path.read_bytes`` adds an fstat, an ioctl and an lseek (a build reads every article)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    try:
        parts = [os.read(fd, size + 1)]
        while parts[-1]:  # until the end of the file, however it changed since the listing
            parts.append(os.read(fd, 1 << 16))
    finally:
        os.close(fd)
    return b"".join(parts)


def write_if_changed(path: Path, text: str) -> bool:
    """Write ``text`` unless the file already holds exactly it; True if written."""
    data = text.encode("utf-8")
    try:
        if path.stat().st_size == len(data) and path.read_bytes() == data:
            return False
    except OSError:
        pass
    write_atomic(path, data)
    return True


def data_path(root: Path, key: str) -> Path:
    """The file of a data key: ``cat/2022-07`` is ``.reader/cat/2022-07.js``."""
    return root / ASSETS / f"{key}.js"


def encode_data(key: str, value: Any) -> str:
    """The script text that delivers ``value`` under ``key`` (JSON; U+2028/9 escaped)."""
    body = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    body = body.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f"{_CALL}{json.dumps(key)},{body});\n"


def write_data(root: Path, key: str, value: Any) -> bool:
    """Write a data file if its content changed; True if written."""
    return write_if_changed(data_path(root, key), encode_data(key, value))


def read_data(root: Path, key: str) -> Any:
    """Read back a data file written by ``write_data``; None if missing or not ours."""
    try:
        text = data_path(root, key).read_text(encoding="utf-8")
    except OSError:
        return None
    head = f"{_CALL}{json.dumps(key)},"
    if not text.startswith(head) or not text.endswith(");\n"):
        return None
    return json.loads(text[len(head) : -len(");\n")])


def install_static(root: Path) -> int:
    """Copy ``archiver/reader/static/*`` to ``ROOT/.reader/``; return how many files changed."""
    changed = 0
    for item in (files("archiver.reader") / "static").iterdir():
        if item.is_file() and not item.name.startswith("."):
            changed += write_if_changed(root / ASSETS / item.name, item.read_text(encoding="utf-8"))
    return changed


def remove_tree(path: Path) -> None:
    """Delete a generated folder (a missing one is fine)."""
    shutil.rmtree(path, ignore_errors=True)


@contextlib.contextmanager
def build_lock(root: Path) -> Iterator[None]:
    """Hold an exclusive lock on the archive's reader build (waits for a running build)."""
    lock_path = root / PRIVATE / "reader.lock"
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_path, "a+b") as handle:
        try:
            import fcntl
        except ImportError:  # Windows: builds are not expected to overlap there
            yield
            return
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
