"""Hexo blogs for the tests: the pinned Hexo 7.3 (tests/hexo), a blog folder as `hexo init` lays
it out, `archiver export hexo` and `hexo generate` run as a user runs them."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import forkserver
import pytest
import yaml

PROJECT = Path(__file__).resolve().parents[1]
HEXO_DIR = PROJECT / "tests" / "hexo"
NODE_MODULES = HEXO_DIR / "node_modules"
HELLO_WORLD = """---
title: Hello World
---
Welcome to [Hexo](https://hexo.io/)! This is your very first post.
"""
# hexo-starter's _config.yml, the keys that matter here; tests override some.
STARTER_CONFIG = {
    "title": "Hexo",
    "author": "John Doe",
    "language": "en",
    "timezone": "",
    "url": "http://example.com",
    "permalink": ":year/:month/:day/:title/",
    "source_dir": "source",
    "public_dir": "public",
    "new_post_name": ":title.md",
    "post_asset_folder": False,
    "per_page": 10,
    "theme": "landscape",
}


def hexo_installed() -> None:
    """Install the pinned Hexo once (tests/hexo/install.sh); skip the test when it cannot be."""
    if shutil.which("node") is None:
        pytest.skip("node is not installed")
    proc = subprocess.run(
        ["bash", str(HEXO_DIR / "install.sh")], capture_output=True, text=True, timeout=600
    )
    if proc.returncode != 0:
        pytest.skip(proc.stderr.strip() or "Hexo could not be installed from npm")


def make_blog(folder: Path, **config: object) -> Path:
    """A blog as `hexo init` leaves it: config, package.json, the hello-world post, plugins."""
    (folder / "source" / "_posts").mkdir(parents=True)
    (folder / "scaffolds").mkdir()
    settings = {**STARTER_CONFIG, **config}
    (folder / "_config.yml").write_text(yaml.safe_dump(settings, allow_unicode=True), "utf-8")
    shutil.copy(HEXO_DIR / "package.json", folder / "package.json")
    (folder / "source" / "_posts" / "hello-world.md").write_text(HELLO_WORLD, "utf-8")
    if NODE_MODULES.is_dir():
        (folder / "node_modules").symlink_to(NODE_MODULES, target_is_directory=True)
    return folder


def export(blog: Path, archive: Path, *args: str, tz: str = "UTC") -> subprocess.CompletedProcess:
    """`archiver export hexo BLOG --archive ARCHIVE ...` in its own process, in zone ``tz``."""
    cmd = [sys.executable, "-m", "archiver", "export", "hexo", str(blog), "--archive", str(archive)]
    env = {**os.environ, "TZ": tz}
    return forkserver.run([*cmd, *args], cwd=PROJECT, env=env, timeout=120)


def generate(blog: Path, tz: str) -> subprocess.CompletedProcess:
    """`hexo generate` in the blog, the machine's zone set to ``tz``; fails the test on error."""
    env = {**os.environ, "TZ": tz}
    proc = subprocess.run(
        ["node", str(NODE_MODULES / "hexo" / "bin" / "hexo"), "generate"],
        cwd=blog,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if proc.returncode != 0 or "ERROR" in proc.stdout + proc.stderr:
        pytest.fail(f"hexo generate failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")
    return proc


def snapshot(folder: Path) -> dict[str, tuple[int, int, str]]:
    """Every file under ``folder``: (size, mtime_ns, sha256), to see that nothing changed."""
    files = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file() and "node_modules" not in path.parts:
            st = path.stat()
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            files[path.relative_to(folder).as_posix()] = (st.st_size, st.st_mtime_ns, digest)
    return files


def manifest(blog: Path) -> dict:
    """The export's manifest of the blog."""
    return json.loads((blog / ".archiver-export.json").read_text(encoding="utf-8"))["posts"]
