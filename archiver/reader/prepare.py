"""The per-article work of a build, done a chunk at a time (in worker processes when many).

``prepare_chunk`` reads and parses a run of article files, writes each one's page, the
entry and text blocks of the run, and returns the manifest rows and the run's postings.
A page links its neighbours in the list, known for sure only once every file is read; the
build hands out files newest first, so a chunk links its pages to each other and records
the neighbours it assumed, and ``fix_links`` later rewrites the few pages whose neighbours
turn out to be others (rewriting a file costs ext4 about 0.6 ms against 0.1 ms for a new
one: each page should be written once). Both take and return only plain picklable values,
as they run in other processes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from archiver.reader.docstore import write_blocks
from archiver.reader.files import read_sized, write_atomic
from archiver.reader.keys import chunk_postings, text_keys
from archiver.reader.manifest import UNDATED, Row, Stamp
from archiver.reader.postings import encode
from archiver.reader.render import Neighbour, nav_key, patch_nav, render_article, render_nav
from archiver.reader.source import Entry, load_article
from archiver.reader.tokens import FACET, normalize


@dataclass
class Prepared:
    """What a chunk gives back: rows of the articles it read, the files it could not read
    (with the reason), and its postings (see ``postings.chunk_postings``)."""

    lo: int
    hi: int
    rows: list[Row] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)
    postings: list[tuple[str, int, int, str]] = field(default_factory=list)


def describe(exc: BaseException) -> str:
    """An error as one line: its type and message."""
    text = " ".join(str(exc).split()) or "no detail"
    return f"{type(exc).__name__}: {text}"


def facets_of(article: Entry) -> list[str]:
    """The filter keys of an article: site, month, categories, tags (each once)."""
    keys = [f"s:{article.site}", f"m:{article.month}"]
    keys += [f"c:{c}" for c in article.categories] + [f"g:{t}" for t in article.tags]
    return list(dict.fromkeys(keys))


def entry_of(dn: int, article: Entry) -> list:
    """The document's entry in its block, in ``docstore.ENTRY`` order."""
    folder, _, name = article.rel.rpartition("/")
    date = article.date.timestamp() if article.date else None
    stem = name[: -len(".md")]
    a = article
    return [dn, folder, stem, a.title, date, a.site, a.categories, a.tags, a.cover, a.author, a.url]


def prepare_chunk(root: str, lo: int, items: list[tuple[str, Stamp]]) -> Prepared:
    """Read ``items`` as documents ``lo, lo + 1, ...``; write their pages and blocks."""
    base = Path(root)
    out = Prepared(lo, lo + len(items))
    entries: dict[int, list] = {}
    texts: dict[int, str] = {}
    keys: list[tuple[int, np.ndarray]] = []
    facet_lists: dict[str, list[int]] = {}
    pages: list[str] = []
    for dn, (rel, stamp) in enumerate(items, start=lo):
        try:
            article = load_article(rel, read_sized(base / rel, stamp.size))
            page = render_article(article)
        except Exception as exc:  # any odd file is skipped and reported, never fatal
            out.errors.append((rel, describe(exc)))
            continue
        title = normalize(article.title)
        keys.append(
            (
                dn,
                np.concatenate(
                    (text_keys(f"{title}\n{normalize(article.body.text)}"), text_keys(title, True))
                ),
            )
        )
        facets = facets_of(article)
        for key in facets:
            facet_lists.setdefault(FACET + key, []).append(dn)
        entries[dn] = entry_of(dn, article)
        texts[dn] = article.body.text
        rank = -article.date.timestamp() if article.date else UNDATED
        out.rows.append(Row(rel, stamp, article.sha, dn, rank, article.title, facets))
        pages.append(page)
    _write_linked(base, out.rows, pages)
    write_blocks(base, entries, texts)
    out.postings = chunk_postings(lo, keys)
    for key, dns in facet_lists.items():
        out.postings.append((key, dns[0], dns[-1], encode(dns[1:], dns[0] + 1)))
    return out


def _write_linked(base: Path, rows: list[Row], pages: list[str]) -> None:
    """Write the pages, each linking its neighbours within the chunk (in list order)."""
    ranked = sorted(range(len(rows)), key=lambda i: (rows[i].rank, rows[i].rel))
    links = [Neighbour(rows[i].rel, rows[i].title) for i in ranked]
    for at, i in enumerate(ranked):
        newer = links[at - 1] if at else None
        older = links[at + 1] if at + 1 < len(links) else None
        rows[i].nav = nav_key(newer, older)
        page = patch_nav(pages[i], render_nav(rows[i].rel, newer, older)) or pages[i]
        write_atomic(base / f"{rows[i].rel[: -len('.md')]}.html", page.encode("utf-8"))


def fix_links(root: str, items: list[tuple[str, str]]) -> list[str]:
    """Put ``nav`` into the page of each ``(rel, nav)``; return the rels that had no page."""
    base = Path(root)
    missing = []
    for rel, nav in items:
        path = base / f"{rel[: -len('.md')]}.html"
        try:
            page = path.read_text("utf-8")
        except OSError:
            missing.append(rel)
            continue
        patched = patch_nav(page, nav)
        if patched is None:
            missing.append(rel)
        elif patched != page:
            write_atomic(path, patched.encode("utf-8"))
    return missing
