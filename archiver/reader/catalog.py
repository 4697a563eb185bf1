"""The catalogue the index page lists and filters: one data file per month, plus ``meta``.

A month file holds that month's articles, newest first, as compact arrays (see ``ENTRY``);
only months whose articles changed are rewritten. ``meta`` carries the totals, the facet
values with counts (sites, categories, tags, months) and the list of index segments, so the
page can draw its filters before the months have loaded.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from archiver.reader.files import ASSETS, data_path, write_data
from archiver.reader.manifest import Row, Segment
from archiver.reader.webindex import ALPHABET, TEXT_BLOCK

# Field order of a catalogue entry; static/index.js reads entries by these positions.
ENTRY = ("dn", "folder", "name", "title", "date", "site", "categories", "tags", "cover", "author")
MAX_TAGS_IN_META = 5000
FORMAT = 1


def sort_key(row: Row) -> tuple[float, str]:
    """Newest first; undated articles last; ties by path so the order is stable."""
    date = row.info.get("date")
    return (-date if date is not None else float("inf"), row.rel)


def entry(row: Row) -> list:
    """The catalogue entry of one article (paths split so the folder is not repeated)."""
    folder, _, name = row.rel.rpartition("/")
    info = row.info
    return [
        row.dn,
        folder,
        name[: -len(".md")],
        info["title"],
        info.get("date"),
        info["site"],
        info["categories"],
        info["tags"],
        info["cover"],
        info["author"],
    ]


def write_months(root: Path, rows: Iterable[Row], months: set[str] | None) -> int:
    """Rewrite the given months' files (all when ``months`` is None); return files written."""
    by_month: dict[str, list[Row]] = {}
    for row in rows:
        by_month.setdefault(row.info["month"], []).append(row)
    written = 0
    wanted = set(by_month) if months is None else months
    for month in wanted:
        month_rows = by_month.get(month)
        if not month_rows:
            data_path(root, f"cat/{month}").unlink(missing_ok=True)
            continue
        month_rows.sort(key=sort_key)
        written += write_data(root, f"cat/{month}", [entry(r) for r in month_rows])
    return written


def _counted(counter: Counter[str], limit: int | None = None) -> list[list]:
    """Facet values with their counts, most frequent first, then alphabetical."""
    items = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))
    return [[k, v] for k, v in items[:limit]]


def write_meta(root: Path, rows: list[Row], segments: list[Segment]) -> bool:
    """Write ``meta``: totals, facets and segments; True if it changed."""
    sites: Counter[str] = Counter()
    categories: Counter[str] = Counter()
    tags: Counter[str] = Counter()
    months: Counter[str] = Counter()
    for row in rows:
        info = row.info
        sites[info["site"]] += 1
        categories.update(set(info["categories"]))
        tags.update(set(info["tags"]))
        months[info["month"]] += 1
    order = sorted((m for m in months if m != "undated"), reverse=True)
    order += ["undated"] if "undated" in months else []
    meta = {
        "format": FORMAT,
        "total": len(rows),
        "entry": list(ENTRY),
        "months": [[m, months[m]] for m in order],
        "sites": _counted(sites),
        "categories": _counted(categories),
        "tags": _counted(tags, MAX_TAGS_IN_META),
        "segments": [{"name": s.name, "lo": s.lo, "shards": s.shards} for s in segments],
        "textBlock": TEXT_BLOCK,
        "alphabet": ALPHABET,
    }
    return write_data(root, "meta", meta)


def stale_month_files(root: Path, months: set[str]) -> list[Path]:
    """Month files on disk that no longer correspond to any article."""
    folder = root / ASSETS / "cat"
    if not folder.is_dir():
        return []
    return [p for p in folder.glob("*.js") if p.stem not in months]
