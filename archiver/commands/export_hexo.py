"""archiver export hexo BLOG_DIR: the archive as a Hexo blog's posts (archiver.exports.hexo)."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from archiver.commands import DEFAULT_ARCHIVE, not_an_archive
from archiver.exports.hexo import BlogError, BlogLocked, export_hexo

HELP = "write the archive into a Hexo blog: one post per article, its images included"
EX_TEMPFAIL = 75  # another export holds the blog, as a crawl's run lock does the archive


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "blog", type=Path, metavar="BLOG_DIR", help="the blog (`hexo init` made it)"
    )
    parser.add_argument(
        "--archive", type=Path, default=DEFAULT_ARCHIVE, help="archive folder (default: ./archive)"
    )
    parser.add_argument("--site", help="only this site's articles (ofweek, jjrb, ...)")
    parser.add_argument(
        "--since",
        type=_day,
        metavar="YYYY-MM-DD",
        help="only articles published on or after this day (in the blog's timezone)",
    )
    parser.add_argument(
        "--clean",
        action="store_true",
        help="remove the exported posts whose article is no longer in the archive",
    )


def run(args: argparse.Namespace) -> int:
    """Export; 2 for a folder that is no blog or no archive, 1 if some articles failed."""
    if not_an_archive("export hexo", args.archive):
        return 2
    if args.site and not (args.archive / args.site).is_dir():
        print(f"archiver export hexo: no site {args.site!r} in {args.archive}", file=sys.stderr)
        return 2
    try:
        report = export_hexo(
            args.archive, args.blog, site=args.site, since=args.since, clean=args.clean
        )
    except BlogError as exc:
        print(f"archiver export hexo: {exc}", file=sys.stderr)
        return 2
    except BlogLocked as exc:
        print(f"archiver export hexo: {exc}", file=sys.stderr)
        return EX_TEMPFAIL
    print(report.summary())
    if report.written or report.removed:
        print(f"Next: `hexo generate` (or `hexo server`) in {args.blog}")
    return 1 if report.errors else 0


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a day as YYYY-MM-DD") from None
