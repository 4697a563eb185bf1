"""archiver subscriptions import|export: move a subscription list in and out of the project.

    archiver subscriptions import feedly.opml -o feeds.yaml           # OPML -> YAML to edit by hand
    archiver subscriptions import more.opml -o feeds.yaml --merge     # add the feeds not listed yet
    archiver subscriptions export feeds.yaml -o reader.opml           # back to a feed reader

Both read OPML or YAML (``archiver.subscriptions``) and refuse a bad file with one line
naming the file and the line (exit 2), before writing anything. ``export`` resolves
``rsshub:`` routes against ``--rsshub`` (default ``ARCHIVE_RSSHUB_URL``), as a reader cannot.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from archiver import settings as defaults
from archiver.storage import atomic_write
from archiver.subscriptions import SubscriptionError, load, to_opml, to_yaml

HELP = "import an OPML subscription list as YAML (feeds.yaml), or export one as OPML"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    imp = actions.add_parser("import", help="OPML (or YAML) -> the YAML subscriptions file")
    imp.add_argument("file", type=Path, help="the OPML file a feed reader exported")
    imp.add_argument("-o", "--output", type=Path, help="YAML file to write (default: stdout)")
    imp.add_argument(
        "--merge",
        action="store_true",
        help="add the feeds OUTPUT lacks to it, keeping its entries (its comments are not kept)",
    )
    exp = actions.add_parser("export", help="YAML (or OPML) -> OPML 2.0 for a feed reader")
    exp.add_argument("file", type=Path, help="the subscriptions file (YAML or OPML)")
    exp.add_argument("-o", "--output", type=Path, help="OPML file to write (default: stdout)")
    exp.add_argument(
        "--rsshub",
        default=defaults.ARCHIVE_RSSHUB_URL,
        help=f"RSSHub instance for rsshub: routes (default: {defaults.ARCHIVE_RSSHUB_URL})",
    )


def run(args: argparse.Namespace) -> int:
    try:
        subs = load(args.file)
        if args.action == "export":
            return _write(args.output, to_opml(subs, args.rsshub), f"{len(subs)} feeds")
        if args.output is not None and args.output.exists():
            if not args.merge:
                return _fail(f"{args.output} exists; --merge adds the new feeds to it")
            listed = load(args.output)
            known = {s.url for s in listed}
            added = [s for s in subs if s.url not in known]
            note = f"{len(added)} feeds added, {len(subs) - len(added)} already listed"
            return _write(args.output, to_yaml([*listed, *added]).encode(), note)
        return _write(args.output, to_yaml(subs).encode(), f"{len(subs)} feeds")
    except SubscriptionError as exc:
        return _fail(str(exc))


def _write(output: Path | None, data: bytes, note: str) -> int:
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        atomic_write(output, data)
        print(f"{output}: {note}", file=sys.stderr)
    return 0


def _fail(message: str) -> int:
    print(f"archiver subscriptions: {message}", file=sys.stderr)
    return 2
