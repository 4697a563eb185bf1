"""Export the archive into a Hexo blog: one post per current article, with its stored images.

``export_hexo(archive_dir, blog_dir)`` writes ``source/_posts/<site>/<YYYY-MM>/<name>.md``
for every article (old versions and the reader's pages are never copied) and copies its
images where Hexo publishes them (``hexo_post``). Incremental and idempotent: an article
whose file, post and images are as the manifest recorded is skipped unread, a post whose
text is byte-identical is not rewritten, images keep the archive's modification times; writes
are atomic. ``clean=True`` removes the posts (and images) of articles no longer in the archive.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from lxml.etree import LxmlError

from archiver.exports.hexo_blog import BlogError, HexoBlog
from archiver.exports.hexo_post import Post, build_post, post_dest
from archiver.exports.manifest import Entry, Manifest, Stamp
from archiver.folder import iter_article_files, read_article
from archiver.frontmatter import FrontmatterError, split
from archiver.storage import atomic_write, sync_filesystem

logger = logging.getLogger(__name__)

# Bump when the posts' text or layout changes: every post is then rebuilt once.
EXPORT_VERSION = "1"


class BlogLocked(RuntimeError):
    """Another export into the same blog is running."""


@dataclass
class ExportReport:
    """What one export did."""

    blog: Path
    articles: int = 0  # current articles the export covered (after --site and --since)
    written: int = 0
    unchanged: int = 0
    removed: int = 0
    images: int = 0  # image files copied
    pending: int = 0  # images of written posts left at their remote URL
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def summary(self) -> str:
        """One line for the terminal or the crawl log."""
        return (
            f"hexo: {self.articles} articles, {self.written} posts written, "
            f"{self.unchanged} unchanged, {self.removed} removed, {self.images} images copied, "
            f"{self.pending} pending images left remote, {len(self.errors)} failed "
            f"in {self.seconds:.1f}s -> {self.blog}"
        )


def export_hexo(
    archive_dir: Path,
    blog_dir: Path,
    *,
    site: str | None = None,
    since: date | None = None,
    clean: bool = False,
) -> ExportReport:
    """Bring the blog's posts up to date with the archive; BlogError if it is not a blog."""
    started = time.monotonic()
    blog = HexoBlog.load(blog_dir)
    report = ExportReport(blog_dir)
    with _locked(blog_dir):
        manifest = Manifest.load(blog_dir)
        run = _Export(blog, archive_dir, manifest, report, blog.fingerprint() + EXPORT_VERSION)
        current = run.export_all(site, since)
        if clean:
            run.remove_gone(current, site)
        if report.written or report.removed:
            sync_filesystem(blog_dir)
        manifest.save()
    report.seconds = time.monotonic() - started
    return report


@dataclass
class _Export:
    blog: HexoBlog
    archive_dir: Path
    manifest: Manifest
    report: ExportReport
    config: str

    @property
    def archive_key(self) -> str:
        return str(self.archive_dir.resolve())

    def export_all(self, site: str | None, since: date | None) -> set[str]:
        """Export every current article (of ``site``); return their archive-relative paths."""
        current: set[str] = set()
        for path in iter_article_files(self.archive_dir):
            rel = path.relative_to(self.archive_dir).as_posix()
            if site and rel.split("/", 1)[0] != site:
                continue
            current.add(rel)
            self.export_one(rel, since)
        return current

    def export_one(self, rel: str, since: date | None) -> None:
        dest = post_dest(self.blog, rel)
        stamp = Stamp.of(self.archive_dir / rel)
        entry = self.manifest.posts.get(dest)
        if stamp is None:
            return
        if (
            entry
            and entry.archive == self.archive_key
            and entry.fresh(self.blog.folder, dest, stamp, self.config)
        ):
            self.report.articles += 1
            self.report.unchanged += 1
            return
        try:
            article = read_article(self.archive_dir, rel)
            meta, _ = split((self.archive_dir / rel).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, FrontmatterError) as exc:
            self._fail(f"{rel}: unreadable: {exc}")
            return
        moment = article.published or article.archived
        if since and moment and self._day(moment) < since:
            return
        self.report.articles += 1
        try:
            post = build_post(self.blog, article, meta)
        except (ValueError, LxmlError) as exc:  # a body or value no post can be made of
            self._fail(f"{rel}: cannot be made a post: {exc}")
            return
        if entry is None and not self._ours(dest, article.url):
            self._fail(f"{rel}: {dest} exists and was not written by an export; left alone")
            return
        try:
            copied = self._copy_images(post)
            written = self._write_post(post)
        except OSError as exc:
            self._fail(f"{rel}: could not be exported ({exc}); its other posts are kept")
            return
        files = tuple(image.dest for image in post.images)
        if entry is not None:
            self._remove_files(set(entry.files) - set(files))
        post_stamp = Stamp.of(self.blog.folder / dest)
        assert post_stamp is not None
        self.manifest.posts[dest] = Entry(
            self.archive_key, rel, article.url, stamp, post_stamp, self.config, files
        )
        self.report.images += copied
        if written:
            self.report.written += 1
            self.report.pending += post.pending
            logger.debug("Exported %s -> %s", rel, dest)
        else:
            self.report.unchanged += 1

    def remove_gone(self, current: set[str], site: str | None) -> None:
        """Remove the posts of this archive (and site) whose article has left it."""
        for dest, entry in sorted(self.manifest.posts.items()):
            if entry.archive != self.archive_key or entry.article in current:
                continue
            if site and entry.article.split("/", 1)[0] != site:
                continue
            self._remove_files({dest, *entry.files})
            del self.manifest.posts[dest]
            self.report.removed += 1
            logger.info("Removed %s: %s is no longer in the archive", dest, entry.article)

    def _day(self, moment: datetime) -> date:
        zone = self.blog.zone()
        return (moment.astimezone(zone) if zone else moment.astimezone()).date()

    def _ours(self, dest: str, url: str) -> bool:
        """A file at ``dest`` the manifest does not name is ours only if it is this article's."""
        path = self.blog.folder / dest
        if not path.exists():
            return True
        try:
            meta, _ = split(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, FrontmatterError):
            return False
        return bool(url) and meta.get("url") == url

    def _copy_images(self, post: Post) -> int:
        """Copy the post's images that are missing or differ; keep the archive's mtimes."""
        copied = 0
        for image in post.images:
            source = self.archive_dir / image.source
            target = self.blog.folder / image.dest
            have, want = Stamp.of(target), Stamp.of(source)
            if want is not None and have == want:
                continue
            atomic_write(target, source.read_bytes(), durable=False)
            st = source.stat()
            os.utime(target, ns=(st.st_atime_ns, st.st_mtime_ns))
            copied += 1
        return copied

    def _write_post(self, post: Post) -> bool:
        path = self.blog.folder / post.dest
        data = post.text.encode("utf-8")
        try:
            if path.read_bytes() == data:
                return False
        except OSError:
            pass
        atomic_write(path, data, durable=False)
        return True

    def _remove_files(self, files: set[str]) -> None:
        """Delete files the export wrote, then the folders that held only them."""
        stop = {self.blog.folder, self.blog.source, self.blog.posts_dir}
        for rel in sorted(files):
            path = self.blog.folder / rel
            path.unlink(missing_ok=True)
            parent = path.parent
            while parent not in stop and parent.is_dir() and not any(parent.iterdir()):
                parent.rmdir()
                parent = parent.parent

    def _fail(self, message: str) -> None:
        logger.error("Hexo export: %s", message)
        self.report.errors.append(message)


@contextmanager
def _locked(blog_dir: Path) -> Iterator[None]:
    """One export at a time per blog: an flock on the blog folder itself (where flock exists)."""
    try:
        import fcntl
    except ImportError:  # Windows: no flock; one export at a time is then the user's care
        yield
        return
    fd = os.open(blog_dir, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BlogLocked(f"another export into {blog_dir} is running") from None
        yield
    finally:
        os.close(fd)


__all__ = ["BlogError", "BlogLocked", "ExportReport", "export_hexo"]
