"""The offline reader: a static site written into the archive, plus the search index.

``archiver build`` turns ``ARCHIVE_DIR`` into something a person can read by double-clicking
``index.html``, with no server and no network: one HTML page beside each ``.md`` file, a
catalogue and a sharded full-text index loaded with ``<script src>`` (browsers block
``fetch`` of ``file://``), and ``.archiver/search.sqlite`` for ``archiver search``.

Layout inside the archive::

    index.html                      the list, filters and search
    <site>/<YYYY-MM>/<stem>.html    one page per article, next to <stem>.md and <stem>/
    .reader/                        reader assets: CSS, scripts, data/ (catalogue), ix/, text/
    .archiver/reader.sqlite         build manifest (what was rendered from which bytes)
    .archiver/search.sqlite         SQLite FTS5 (trigram) index for the command line
"""

from __future__ import annotations

from archiver.reader.build import BuildReport, build_reader

__all__ = ["BuildReport", "build_reader"]
