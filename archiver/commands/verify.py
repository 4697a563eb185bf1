"""archiver verify [ARCHIVE_DIR] [--repair]: check the archive; rebuild its state from the files."""

from __future__ import annotations

import argparse

from archiver.commands import add_archive_argument
from archiver.verify import verify_archive

HELP = "check every article file, image and state row; --repair rebuilds the state from the files"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_archive_argument(parser)
    parser.add_argument(
        "--repair",
        action="store_true",
        help="rebuild the state from the files, re-queue missing images",
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="print problems only")


def run(args: argparse.Namespace) -> int:
    report = verify_archive(args.archive, repair=args.repair)
    for line in report.problems:
        print(f"problem: {line}")
    if not args.quiet:
        for line in report.notes:
            print(f"note: {line}")
        for line in report.repaired:
            print(f"repaired: {line}")
        verdict = "OK" if report.ok else f"{len(report.problems)} problem(s)"
        print(
            f"{args.archive}: {report.articles} articles, {report.images} local images: {verdict}"
        )
    return 0 if report.ok else 1
