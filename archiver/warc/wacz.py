"""``archiver export wacz``: the archive's captures as one WACZ file, for ReplayWeb.page.

WACZ 1.1.1 is a zip: the WARC files under ``archive/`` (stored, not deflated, so a reader
can seek into them), their CDXJ index as ``indexes/index.cdx``, the article pages as
``pages/pages.jsonl``, and ``datapackage.json`` with each file's size and SHA-256
(``datapackage-digest.json`` holds that file's own hash). The py-wacz tool cannot share the
project's environment (it needs chardet 6, readability-lxml pins below 6), and the format is
a few JSON files in a zip: so it is written here, and tested with ``wacz validate``.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from archiver.folder import iter_article_files
from archiver.frontmatter import FrontmatterError, split
from archiver.paths import MAX_SITE_BYTES, safe_segment
from archiver.storage import TEMP_PREFIX
from archiver.warc import crawl_running, iter_warc_files, warc_root
from archiver.warc.index import index_path, scan_index, unindexed
from spiders.article import site_key

WACZ_VERSION = "1.1.1"
PAGES_HEADER = {"format": "json-pages-1.0", "id": "pages", "title": "Archived articles"}


@dataclass
class WaczReport:
    """What went into the WACZ."""

    path: Path
    warcs: int = 0
    captures: int = 0
    pages: int = 0
    skipped_open: list[Path] = field(default_factory=list)  # being written by a running crawl


def export_wacz(archive_dir: Path, out: Path, *, site: str | None = None) -> WaczReport:
    """Write ``out`` (atomically) from the archive's WARC files, or those of ``site``."""
    report = WaczReport(out)
    root = warc_root(archive_dir)
    open_files = set(unindexed(root))  # no index yet: a crawl may be writing them now
    members: list[tuple[Path, str]] = []
    lines: list[str] = []
    for warc in iter_warc_files(root):
        if warc in open_files and crawl_running(archive_dir):
            report.skipped_open.append(warc)
            continue
        folder = warc.relative_to(root).parts[0]
        name = f"{folder}-{warc.name}"
        kept = [line for line in _lines(warc) if _wanted(line, folder, site)]
        if not kept:
            continue
        members.append((warc, name))
        lines += [_renamed(line, name) for line in kept]
    report.warcs, report.captures = len(members), len(lines)
    pages = _pages(archive_dir, lines, site)
    report.pages = len(pages)
    tmp = out.with_name(f"{TEMP_PREFIX}{out.name}")
    try:
        _write(tmp, members, sorted(lines), pages)
        tmp.replace(out)
    finally:
        tmp.unlink(missing_ok=True)
    return report


def _lines(warc: Path) -> list[str]:
    index = index_path(warc)
    if index.is_file() and index.stat().st_mtime >= warc.stat().st_mtime:
        return index.read_text(encoding="utf-8").splitlines()
    return scan_index(warc)[0]


def _fields(line: str) -> dict:
    return dict(json.loads(line.split(" ", 2)[2]))


def _wanted(line: str, folder: str, site: str | None) -> bool:
    if site is None:
        return True
    return folder == safe_segment(site, MAX_SITE_BYTES) or site_key(_fields(line)["url"]) == site


def _renamed(line: str, name: str) -> str:
    key, timestamp, _ = line.split(" ", 2)
    fields = _fields(line)
    fields["filename"] = name
    return f"{key} {timestamp} {json.dumps(fields)}"


def _pages(archive_dir: Path, lines: list[str], site: str | None) -> list[dict]:
    """One page per archived article with a captured 200 response: URL, capture time, title."""
    captured: dict[str, str] = {}
    for line in lines:
        fields = _fields(line)
        if fields.get("status") == "200":
            captured.setdefault(fields["url"], line.split(" ", 2)[1])
    pages = []
    for path in iter_article_files(archive_dir):
        try:
            meta, _ = split(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, FrontmatterError):
            continue
        url = str(meta.get("url") or "")
        if url in captured and (site is None or meta.get("site") == site):
            pages.append({"url": url, "ts": _iso(captured[url]), "title": str(meta["title"])})
    return pages


def _iso(timestamp: str) -> str:
    t = timestamp.ljust(14, "0")
    return f"{t[:4]}-{t[4:6]}-{t[6:8]}T{t[8:10]}:{t[10:12]}:{t[12:14]}Z"


def _write(path: Path, members: list[tuple[Path, str]], lines: list[str], pages: list) -> None:
    resources = []
    with zipfile.ZipFile(path, "w", allowZip64=True) as wacz:
        for warc, name in members:
            wacz.write(warc, f"archive/{name}", compress_type=zipfile.ZIP_STORED)
            resources.append(_file_resource(f"archive/{name}", warc))
        index = "".join(line + "\n" for line in lines).encode("utf-8")
        jsonl = "".join(json.dumps(p, ensure_ascii=False) + "\n" for p in [PAGES_HEADER, *pages])
        for name, data in (("indexes/index.cdx", index), ("pages/pages.jsonl", jsonl.encode())):
            wacz.writestr(name, data, compress_type=zipfile.ZIP_DEFLATED)
            resources.append(_resource(name, data))
        now = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        package = {
            "profile": "data-package",
            "wacz_version": WACZ_VERSION,
            "title": "techmedia-archiver captures",
            "created": now,
            "modified": now,
            "software": "techmedia-archiver",
            "resources": resources,
        }
        data = json.dumps(package, indent=2).encode("utf-8")
        wacz.writestr("datapackage.json", data, compress_type=zipfile.ZIP_DEFLATED)
        digest = {"path": "datapackage.json", "hash": "sha256:" + hashlib.sha256(data).hexdigest()}
        wacz.writestr("datapackage-digest.json", json.dumps(digest, indent=2))


def _file_resource(name: str, path: Path) -> dict:
    digest, size = hashlib.sha256(), 0
    with path.open("rb") as f:
        while chunk := f.read(1 << 20):
            digest.update(chunk)
            size += len(chunk)
    return {
        "name": Path(name).name.lower(),
        "path": name,
        "hash": "sha256:" + digest.hexdigest(),
        "bytes": size,
    }


def _resource(name: str, data: bytes) -> dict:
    return {
        "name": Path(name).name.lower(),
        "path": name,
        "hash": "sha256:" + hashlib.sha256(data).hexdigest(),
        "bytes": len(data),
    }
