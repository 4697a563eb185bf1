"""archiver import FILE.warc[.gz]|FILE.wacz ... [--site KEY] [--only-articles]."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from archiver.commands.reextract import (
    add_replay_arguments,
    quiet_logs,
    refused,
    settings_of,
)
from archiver.exit_status import START_ERRORS
from archiver.warc.importer import ImportOutcome, import_files

HELP = "archive the articles in WARC/WACZ files made by other tools (wget, Browsertrix, ...)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "files", nargs="+", type=Path, metavar="FILE", help=".warc, .warc.gz, .wacz"
    )
    parser.add_argument(
        "--archive", default=Path("archive"), type=Path, help="archive folder (default: ./archive)"
    )
    parser.add_argument("--site", metavar="KEY", help="only this site's articles")
    parser.add_argument(
        "--only-articles",
        action="store_true",
        help="skip pages no site definition calls an article (no generic extraction)",
    )
    add_replay_arguments(parser)


def run(args: argparse.Namespace) -> int:
    """Exit 0 when every file read whole and the run did its job; 1 otherwise; 2 bad usage."""
    overrides = settings_of(args.settings, "import")
    if overrides is None:
        return 2
    missing = [str(f) for f in args.files if not f.is_file()]
    if missing:
        print(f"archiver import: no such file: {', '.join(missing)}", file=sys.stderr)
        return 2
    quiet_logs(args)
    try:
        outcome = import_files(
            args.archive,
            list(args.files),
            site=args.site,
            only_articles=args.only_articles,
            definitions=args.definition,
            overrides=overrides,
        )
    except START_ERRORS as exc:
        return refused("import", exc)
    report(outcome)
    failed = outcome.stats.get("archive/run_failed")
    return 1 if outcome.gathered.damage or outcome.gathered.not_warc or failed else 0


def report(outcome: ImportOutcome) -> None:
    """What was read, what was skipped and why, and each damaged file with its offset."""
    gathered, plan = outcome.gathered, outcome.plan
    for name in gathered.not_warc:
        print(f"archiver import: {name}: a zip with no WARC file under archive/", file=sys.stderr)
    for damage in gathered.damage:
        print(
            f"archiver import: {damage.path}: damaged at byte {damage.offset} ({damage.reason}); "
            "the whole records before it were imported",
            file=sys.stderr,
        )
    print(
        f"{gathered.records} records read, {len(gathered.responses)} HTML pages, "
        f"{len(plan.targets)} of them article pages"
    )
    for why, count in sorted({**gathered.skipped, **plan.skipped}.items()):
        print(f"skipped: {count} {why}")
