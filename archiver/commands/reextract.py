"""archiver reextract [ARCHIVE_DIR] [--site KEY] [--since DAY] [--dry-run]: rebuild offline."""

from __future__ import annotations

import argparse
import glob
import logging
import sys
from datetime import date
from pathlib import Path

from archiver.commands import add_archive_argument, add_settings_argument, not_an_archive
from archiver.exit_status import START_ERRORS, exit_status
from archiver.warc.reextract import Outcome, reextract

HELP = "rebuild every article from its stored responses (WARC) with today's rules, offline"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_archive_argument(parser)
    parser.add_argument("--site", metavar="KEY", help="only this site's articles (ofweek, ...)")
    parser.add_argument(
        "--since", type=day, metavar="YYYY-MM-DD", help="only articles published on or after"
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="show what would change, write nothing"
    )
    add_replay_arguments(parser)


def add_replay_arguments(parser: argparse.ArgumentParser) -> None:
    """The options ``reextract`` and ``import`` share: site definitions and settings."""
    parser.add_argument(
        "--definition",
        action="append",
        default=[],
        metavar="FILE.yaml",
        help="a site definition to use for its site (repeatable; bundled ones are known)",
    )
    add_settings_argument(parser, "ARCHIVE_WORKER_PROCESSES=1")


def newest_version(path: Path) -> str:
    """The name of the newest kept version of an article file (``<name>.vN.md``), or ''."""
    numbers = []
    for kept in path.parent.glob(f"{glob.escape(path.stem)}.v*.md"):
        number = kept.name.removeprefix(path.stem + ".v").removesuffix(".md")
        if number.isdigit():
            numbers.append(int(number))
    return f"{path.stem}.v{max(numbers)}.md" if numbers else ""


def day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a day like 2024-03-01: {text!r}") from None


def settings_of(pairs: list[str], command: str) -> dict[str, str] | None:
    """``-s NAME=VALUE`` pairs as a dict; None (after one line on stderr) for a malformed one."""
    found = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            print(f"archiver {command}: -s expects NAME=VALUE, got {pair!r}", file=sys.stderr)
            return None
        found[name.strip()] = value
    return found


def quiet_logs(args: argparse.Namespace) -> None:
    """Warnings only, unless ``archiver -v``: the crawl's summary line says what happened.

    Scrapy's loggers log at DEBUG and propagate to the handler ``archiver`` installed, so the
    level is set on that handler (Scrapy's own root handler stays off: one line per message).
    """
    level = logging.DEBUG if getattr(args, "verbose", False) else logging.WARNING
    for handler in logging.getLogger().handlers:
        handler.setLevel(level)


def refused(command: str, exc: Exception) -> int:
    """One line for an error that stopped the run before it began; its exit status."""
    print(f"archiver {command}: {exc}", file=sys.stderr)
    return exit_status(exc)


def run(args: argparse.Namespace) -> int:
    overrides = settings_of(args.settings, "reextract")
    if overrides is None or not_an_archive("reextract", args.archive):
        return 2
    quiet_logs(args)
    try:
        outcome = reextract(
            args.archive,
            site=args.site,
            since=args.since,
            dry_run=args.dry_run,
            definitions=args.definition,
            overrides=overrides,
        )
    except START_ERRORS as exc:
        return refused("reextract", exc)
    report(outcome, args.dry_run, args.archive)
    return 1 if outcome.failed or outcome.crawl_failed or outcome.plan.unreadable else 0


def report(outcome: Outcome, dry_run: bool, archive: Path) -> None:
    """One line per changed article (and the old version it keeps), then the counts."""
    plan = outcome.plan
    verb = "would change" if dry_run else "changed"
    for path in outcome.changed:
        kept = "" if dry_run else newest_version(archive / path)
        print(f"{verb}: {path}" + (f" (previous version kept as {kept})" if kept else ""))
    for path in plan.unreadable:
        print(f"unreadable: {path}")
    for site, count in sorted(plan.no_definition.items()):
        print(f"no definition: {count} article(s) of {site}; pass --definition FILE.yaml")
    print(
        f"{len(plan.targets)} article(s) rebuilt from stored pages: "
        f"{len(outcome.changed)} {verb}, {outcome.unchanged} unchanged, "
        f"{outcome.failed} could not be rebuilt; "
        f"{len(plan.without_pages)} without stored pages"
        + (" (dry run: nothing written)" if dry_run else "")
    )
    if outcome.crawl_failed:
        print(f"FAILED: {outcome.crawl_failed}")
