"""What a build must do: the archive's folders compared with the manifest.

A folder whose mtime is the one recorded has the same entries as then (adding, removing or
renaming a file changes it: the crawl writes by renaming), so only its articles' stamps are
checked (an edit in place changes those), without listing it. Other folders are listed and
their digest compared; new and changed files are queued in the manifest's ``todo``. At
100,000 articles a build with nothing to do costs about 0.4 s, their ``stat`` calls.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Mapping
from pathlib import Path

from archiver.reader import manifest
from archiver.reader.source import Listing, file_sha, list_folder


def priority(rel: str) -> str:
    """Newest first: the month folder, then the file name (which starts with the date)."""
    folder, _, name = rel.rpartition("/")
    return f"{folder.rpartition('/')[2]}/{name}"


class Plan:
    """The differences between the archive and the manifest, found by ``run``."""

    def __init__(self, root: Path, db: sqlite3.Connection) -> None:
        self.root, self.db = root, db
        self.added = 0
        self.changed = 0
        self.removed: list[str] = []
        self.listed: set[str] = set()  # folders listed (to be recorded again)
        self.gone_dirs: list[str] = []
        self.known_changed: set[str] = set()  # queued files the last build had read

    def run(self) -> None:
        """Compare the archive's folders with the manifest; queue what must be parsed."""
        db = self.db
        known_dirs = manifest.folders(db)
        children: dict[str, list[str]] = {}
        for folder in sorted(known_dirs):
            if folder:
                children.setdefault(folder.rpartition("/")[0], []).append(folder)
        stack = [""]
        with db:
            db.execute("DELETE FROM todo")
            while stack:
                folder = stack.pop()
                previous = known_dirs.pop(folder, None)
                if previous is not None and self._still(folder, previous):
                    stack += children.get(folder, [])  # popped last first: newest month first
                    continue
                listing = list_folder(self.root, folder)
                if listing is None:
                    if previous is not None:
                        known_dirs[folder] = previous  # gone: dropped below
                    continue
                stack += listing.subdirs
                self.listed.add(folder)
                if previous is not None and previous.digest == listing.digest:
                    continue
                self._compare(listing)
            for folder in known_dirs:
                self.gone_dirs.append(folder)
                self.removed += manifest.rels_in(db, folder)

    def _still(self, folder: str, previous: manifest.Folder) -> bool:
        """Whether a folder is as the last build left it, judged without listing it."""
        path = os.path.join(self.root, folder)
        relative = os.stat in os.supports_dir_fd  # a name in an open folder: a shorter lookup
        try:
            if not previous.digest or os.stat(path).st_mtime_ns != previous.mtime_ns:
                return False
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0)) if relative else None
        except OSError:
            return False
        try:
            for name, stamp in previous.stamps():
                st = (
                    os.stat(name, dir_fd=fd)
                    if fd is not None
                    else os.stat(os.path.join(path, name))
                )
                if st.st_mtime_ns != stamp.mtime_ns or st.st_size != stamp.size:
                    return False
        except OSError:
            return False
        finally:
            if fd is not None:
                os.close(fd)
        return True

    def _compare(self, listing: Listing) -> None:
        """Queue the new and changed articles of a listed folder; note the removed ones."""
        db = self.db
        known = manifest.known_in(db, listing.dir)
        prefix = f"{listing.dir}/" if listing.dir else ""
        queue = []
        for name, stamp in listing.articles.items():
            rel = prefix + name
            old = known.pop(name, None)
            if old is not None and name in listing.pages:
                if old.stamp == stamp:
                    continue
                if self._unchanged(rel, old.sha):
                    manifest.touch(db, rel, stamp)
                    continue
            queue.append((rel, stamp, priority(rel)))
            if old is None:
                self.added += 1
            else:
                self.changed += 1
                self.known_changed.add(rel)
        manifest.add_todo(db, queue)
        self.removed += [prefix + name for name in known]

    def _unchanged(self, rel: str, sha: str) -> bool:
        """A file whose stamp changed but whose bytes did not (copied, touched)."""
        try:
            return file_sha((self.root / rel).read_bytes()) == sha
        except OSError:
            return False


def save_folders(
    root: Path,
    db: sqlite3.Connection,
    folders: set[str],
    gone: list[str],
    doubtful: set[str],
    listings: Mapping[str, Listing | None] | None = None,
) -> None:
    """Record ``folders`` (listed or written into by a build) as they are now: listed again,
    with the mtime taken before the listing, so a file another process adds meanwhile is
    seen by the next build. A folder holding a file the manifest does not match (an
    unreadable article, a change during the build) or ``doubtful`` gets no digest: the next
    build lists it again. ``gone`` folders are forgotten. ``listings`` are ones made since
    the folder was last written into (by worker processes), used instead of listing again."""
    manifest.delete_dirs(db, gone)
    made = listings or {}
    for folder in sorted(folders):
        listing = made[folder] if folder in made else list_folder(root, folder)
        if listing is None:
            continue
        known = {name: k.stamp for name, k in manifest.known_in(db, folder).items()}
        same = known == listing.articles and folder not in doubtful
        digest = listing.digest if same else ""
        manifest.save_dir(db, folder, listing.mtime_ns, digest, listing.articles)
