"""archiver search: full-text search of the archive from the command line (the reader's index)."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path

from archiver.commands import not_an_archive

HELP = "search the archive's articles (Chinese included); title hits first, then newest"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "query", help='words or "a phrase"; every term must occur (one character is enough)'
    )
    parser.add_argument(
        "--archive", default="archive", type=Path, help="archive folder (default: ./archive)"
    )
    parser.add_argument("--json", action="store_true", help="print the hits as JSON")
    parser.add_argument("--limit", type=int, default=20, help="at most this many hits (0: all)")
    parser.add_argument(
        "--no-refresh",
        action="store_true",
        help="search the index as it is, without updating it for a changed archive first",
    )


def run(args: argparse.Namespace) -> int:
    """Exit 0 with hits, 1 with none, 2 for an empty query or a folder that is no archive."""
    from archiver.reader import search as reader

    if not args.query.strip():
        print("archiver search: the query is empty", file=sys.stderr)
        return 2
    root = args.archive
    if not_an_archive("search", root):
        return 2
    if not args.no_refresh and reader.stale(root):
        from archiver.reader import build_reader

        print("archiver search: updating the reader's index first…", file=sys.stderr)
        build_reader(root)
    try:
        hits = reader.search(root, args.query, limit=max(args.limit, 0))
    except reader.NoIndex as exc:
        print(f"archiver search: {exc}", file=sys.stderr)
        return 2
    if args.json:
        rows = [
            {
                **asdict(h),
                "path": str(root / h.rel),
                "html": str(root / (h.rel[: -len(".md")] + ".html")),
            }
            for h in hits
        ]
        json.dump({"query": args.query, "hits": rows}, sys.stdout, ensure_ascii=False, indent=1)
        print()
    else:
        for hit in hits:
            print(f"{hit.title}\t{hit.date or '-'}\t{root / hit.rel}")
    if not hits and not args.json:
        print(f"no article matches {args.query!r}", file=sys.stderr)
    return 0 if hits else 1
