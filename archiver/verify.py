"""Check an archive against its own promises, and rebuild the state from the files (``--repair``).

The files are the truth: every article file must parse as the seed layout, every local image
it references must exist, and the state must have exactly one row per file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from archiver.archive import content_hash, iter_article_files, local_images
from archiver.frontmatter import FrontmatterError, parse_article
from archiver.state import ArticleRecord, SqliteState, state_path
from archiver.storage import TEMP_PREFIX


@dataclass
class Report:
    """What verify found; ``problems`` make the exit status 1, ``notes`` do not."""

    articles: int = 0
    images: int = 0
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    repaired: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass
class _FileFacts:
    url: str
    record: ArticleRecord


def verify_archive(archive_dir: Path, repair: bool = False) -> Report:
    """Verify ``archive_dir``; with ``repair``, rebuild the state from the files.

    Repair re-queues missing images (they become pending, fetched by the next crawl) and
    drops state rows whose file is gone or unreadable, so the next crawl re-archives them.
    """
    report = Report()
    if not archive_dir.is_dir():
        report.problems.append(f"{archive_dir}: no such archive folder")
        return report
    files: dict[str, _FileFacts] = {}
    for path in iter_article_files(archive_dir):
        rel = path.relative_to(archive_dir).as_posix()
        facts = _check_file(path, rel, report)
        if facts:
            files[rel] = facts
    for tmp in archive_dir.rglob(f"{TEMP_PREFIX}*"):
        report.problems.append(
            f"{tmp.relative_to(archive_dir)}: unfinished temp file of an interrupted write"
        )
        if repair:
            tmp.unlink(missing_ok=True)
            report.repaired.append(f"removed {tmp.relative_to(archive_dir)}")
    state = SqliteState(state_path(archive_dir))
    try:
        _check_state(state, files, report, repair)
    finally:
        state.close()
    if repair:
        report.problems = [p for p in report.problems if not _repairable(p)]
    return report


def _check_file(path: Path, rel: str, report: Report) -> _FileFacts | None:
    try:
        meta, body = parse_article(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, FrontmatterError) as exc:
        report.problems.append(
            f"{rel}: unreadable article file ({exc}); the next crawl re-archives it"
        )
        return None
    url = meta.get("url")
    if not url:
        report.problems.append(f"{rel}: no 'url' key, so it cannot be matched to a page")
        return None
    report.articles += 1
    found, missing = local_images(path, body, meta.get("images"))
    report.images += len(found)
    for image in missing:
        report.problems.append(f"{rel}: local image of {image} is missing [repairable]")
    pending = list(dict.fromkeys([*(meta.get("pending_images") or []), *missing]))
    if meta.get("pending_images"):
        report.notes.append(
            f"{rel}: {len(meta['pending_images'])} image(s) pending, retried by the next crawl"
        )
    record = ArticleRecord(
        url=url,
        path=rel,
        content_hash=content_hash(str(meta["title"]), body, meta.get("format") or "html"),
        assets_done=sorted(found),
        assets_pending=pending,
    )
    return _FileFacts(url=url, record=record)


def _check_state(
    state: SqliteState, files: dict[str, _FileFacts], report: Report, repair: bool
) -> None:
    rows = {r.url: r for r in state.all()}
    by_url = {f.url: f for f in files.values()}
    for url, row in rows.items():
        if url not in by_url:
            report.problems.append(
                f"state row {url} -> {row.path}: no such article file [repairable]"
            )
            if repair:
                state.remove(url)
                report.repaired.append(f"dropped state row of {url}; the next crawl re-archives it")
    for url, facts in by_url.items():
        row = rows.get(url)
        if row is None:
            report.problems.append(f"{facts.record.path}: no state row [repairable]")
        elif row.path != facts.record.path:
            report.problems.append(
                f"state row {url} points at {row.path}, file is {facts.record.path} [repairable]"
            )
        if repair and (
            row is None
            or row.path != facts.record.path
            or row.assets_pending != facts.record.assets_pending
        ):
            if row is not None:
                facts.record.first_seen, facts.record.versions = row.first_seen, row.versions
            state.record(facts.record)
            report.repaired.append(
                f"recorded {facts.record.path} ({len(facts.record.assets_pending)} image(s) queued)"
            )
    state.commit()


def _repairable(problem: str) -> bool:
    return problem.endswith("[repairable]") or "unfinished temp file" in problem
