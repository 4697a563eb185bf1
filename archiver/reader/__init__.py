"""The offline reader: a static site written into the archive, plus its search.

``archiver build`` turns ``ARCHIVE_DIR`` into something a person can read by double-clicking
``index.html``, with no server and no network: one HTML page beside each ``.md`` file, and
the list order, entry and text blocks and a sharded full-text index, all loaded with
``<script src>`` (browsers block ``fetch`` of ``file://``). ``archiver search`` reads the
same index from Python.

Layout inside the archive::

    index.html                      the list, filters and search
    <site>/<YYYY-MM>/<stem>.html    one page per article, next to <stem>.md and <stem>/
    .reader/                        scripts, styles; meta.js, order.js; m/, t/, ix/ (data)
    .archiver/reader.sqlite         build manifest (what was made from which bytes)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from archiver.reader.build import BuildReport, build_reader

__all__ = ["BuildReport", "build_reader"]


def __getattr__(name: str):
    """Import the build lazily: ``archiver search`` needs none of it and starts faster."""
    if name in __all__:
        from archiver.reader import build

        return getattr(build, name)
    raise AttributeError(name)
