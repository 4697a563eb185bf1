"""archiver export wacz OUT.wacz [--archive DIR] [--site KEY]: the captures as one WACZ file."""

from __future__ import annotations

import argparse
from pathlib import Path

from archiver.commands import DEFAULT_ARCHIVE, not_an_archive
from archiver.warc.wacz import export_wacz

HELP = "write the archive's web captures as one WACZ file (ReplayWeb.page, pywb)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("output", type=Path, metavar="OUT.wacz", help="the WACZ file to write")
    parser.add_argument(
        "--archive", type=Path, default=DEFAULT_ARCHIVE, help="archive folder (default: ./archive)"
    )
    parser.add_argument("--site", metavar="KEY", help="only this site's captures and pages")


def run(args: argparse.Namespace) -> int:
    """Exit 0 with a WACZ written, 1 when the archive holds no capture, 2 for no archive."""
    if not_an_archive("export wacz", args.archive):
        return 2
    report = export_wacz(args.archive, args.output, site=args.site)
    for warc in report.skipped_open:
        print(f"skipped: {warc} (a running crawl is writing it)")
    print(
        f"{report.path}: {report.captures} captures in {report.warcs} WARC file(s), "
        f"{report.pages} article pages"
    )
    return 0 if report.captures else 1
