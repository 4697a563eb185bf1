"""Check an archive against its own promises, and rebuild the state from the files (``--repair``).

The files are the truth: every article file must parse as the seed layout, every local image
it references must exist, and the state must have exactly one row per file.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from archiver.folder import content_hash, is_stored, iter_article_files
from archiver.frontmatter import FrontmatterError, load
from archiver.state import ArticleRecord, SqliteState, StateError, state_path
from archiver.storage import TEMP_PREFIX
from archiver.warc.verify import check_web_archive


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
        facts = _check_file(archive_dir, rel, report)
        if facts:
            files[rel] = facts
    for tmp in archive_dir.rglob(f"{TEMP_PREFIX}*"):
        report.problems.append(
            f"{tmp.relative_to(archive_dir)}: unfinished temp file of an interrupted write"
        )
        if repair:
            tmp.unlink(missing_ok=True)
            report.repaired.append(f"removed {tmp.relative_to(archive_dir)}")
    check_web_archive(archive_dir, report, repair, [f.url for f in files.values()])
    state = _open_state(archive_dir, report, repair)
    if state is None:
        return report
    try:
        _check_state(state, files, report, repair)
    finally:
        state.close()
    if repair:
        report.problems = [p for p in report.problems if not _repairable(p)]
    return report


def _open_state(archive_dir: Path, report: Report, repair: bool) -> SqliteState | None:
    """The archive's state; a corrupt one is a problem, and ``repair`` moves it aside.

    The file is renamed, never deleted: ``state.sqlite.corrupt-<time>`` keeps it for a look.
    """
    path = state_path(archive_dir)
    try:
        return SqliteState(path)
    except StateError as exc:
        report.problems.append(f"{exc} [repairable]")
        if not repair:
            return None
    stamp = time.strftime("%Y%m%d-%H%M%S")
    for suffix in ("", "-wal", "-shm"):
        old = path.with_name(path.name + suffix)
        if old.exists():
            old.rename(path.with_name(f"{path.name}.corrupt-{stamp}{suffix}"))
    report.repaired.append(f"moved the corrupt state aside as {path.name}.corrupt-{stamp}")
    return SqliteState(path)


def _check_file(archive_dir: Path, rel: str, report: Report) -> _FileFacts | None:
    try:
        article = load((archive_dir / rel).read_text(encoding="utf-8"), rel)
    except (OSError, UnicodeDecodeError, FrontmatterError) as exc:
        report.problems.append(
            f"{rel}: unreadable article file ({exc}); the next crawl re-archives it"
        )
        return None
    if not article.url:
        report.problems.append(f"{rel}: no 'url' key, so it cannot be matched to a page")
        return None
    report.articles += 1
    found = {u: p for u, p in article.images.items() if is_stored(archive_dir / p)}
    missing = [u for u in article.images if u not in found]
    report.images += len(found)
    for image in missing:
        report.problems.append(f"{rel}: local image of {image} is missing [repairable]")
    if article.failed_images:
        report.notes.append(
            f"{rel}: {len(article.failed_images)} image(s) pending, retried by the next crawl"
        )
    record = ArticleRecord(
        url=article.url,
        path=rel,
        content_hash=content_hash(article.title, article.body, article.body_format),
        assets_done=sorted(found),
        assets_pending=list(dict.fromkeys([*article.failed_images, *missing])),
    )
    return _FileFacts(url=article.url, record=record)


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
        known = rows.get(url)
        if known is None:
            report.problems.append(f"{facts.record.path}: no state row [repairable]")
        elif known.path != facts.record.path:
            report.problems.append(
                f"state row {url} points at {known.path}, file is {facts.record.path} [repairable]"
            )
        if repair and (
            known is None
            or known.path != facts.record.path
            or known.assets_pending != facts.record.assets_pending
        ):
            if known is not None:
                facts.record.first_seen, facts.record.versions = known.first_seen, known.versions
            state.record(facts.record)
            report.repaired.append(
                f"recorded {facts.record.path} ({len(facts.record.assets_pending)} image(s) queued)"
            )
    state.commit()


def _repairable(problem: str) -> bool:
    return problem.endswith("[repairable]") or "unfinished temp file" in problem
