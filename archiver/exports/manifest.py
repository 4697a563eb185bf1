"""What an export wrote into a blog: the next one rewrites only what changed, removes only its own.

One JSON file in the blog folder (``.archiver-export.json``; Hexo ignores dot-files) maps each
exported post (blog-relative path) to the article it came from and the files written for it.
A file the manifest does not name is not the export's: it is never overwritten or removed
(a post whose frontmatter ``url`` is the article's is taken back, as after a lost manifest).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from archiver.storage import atomic_write

MANIFEST_FILE = ".archiver-export.json"
FORMAT = 1


@dataclass(frozen=True)
class Stamp:
    """A file's modification time and size: enough to see that it changed."""

    mtime_ns: int
    size: int

    @classmethod
    def of(cls, path: Path) -> Stamp | None:
        """The stamp of ``path``, None when it does not exist."""
        try:
            st = path.stat()
        except OSError:
            return None
        return cls(st.st_mtime_ns, st.st_size)


@dataclass(frozen=True)
class Entry:
    """One exported post: its article, the config it was built for, the files it owns."""

    archive: str  # resolved archive folder
    article: str  # archive-relative path of the article file
    url: str
    article_stamp: Stamp
    post_stamp: Stamp
    config: str  # HexoBlog.fingerprint() + export version
    files: tuple[str, ...] = ()  # blog-relative images written for the post

    def fresh(self, blog_dir: Path, dest: str, stamp: Stamp, config: str) -> bool:
        """True when nothing about the post can have changed: skip it without reading."""
        return (
            self.article_stamp == stamp
            and self.config == config
            and Stamp.of(blog_dir / dest) == self.post_stamp
            and all((blog_dir / f).is_file() for f in self.files)
        )

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["files"] = list(self.files)
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Entry:
        return cls(
            archive=str(data["archive"]),
            article=str(data["article"]),
            url=str(data.get("url") or ""),
            article_stamp=Stamp(**data["article_stamp"]),
            post_stamp=Stamp(**data["post_stamp"]),
            config=str(data.get("config") or ""),
            files=tuple(str(f) for f in data.get("files") or ()),
        )


@dataclass
class Manifest:
    """The posts an export wrote into one blog, keyed by the post's blog-relative path."""

    path: Path
    posts: dict[str, Entry] = field(default_factory=dict)

    @classmethod
    def load(cls, blog_dir: Path) -> Manifest:
        """The blog's manifest; empty when there is none or it cannot be read."""
        path = blog_dir / MANIFEST_FILE
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            posts = {k: Entry.from_json(v) for k, v in data["posts"].items()}
        except (OSError, ValueError, KeyError, TypeError):
            posts = {}
        return cls(path, posts)

    def text(self) -> str:
        posts = {k: self.posts[k].to_json() for k in sorted(self.posts)}
        return json.dumps({"format": FORMAT, "posts": posts}, ensure_ascii=False, indent=1) + "\n"

    def save(self) -> bool:
        """Write the manifest if it changed (atomically); True if it was written."""
        data = self.text().encode("utf-8")
        try:
            if self.path.read_bytes() == data:
                return False
        except OSError:
            pass
        atomic_write(self.path, data, durable=False)
        return True
