"""``archiver import``: archive the articles found in WARC/WACZ files made by other tools.

``gather`` reads the given files (wget ``--warc-file``, Browsertrix, Heritrix, Common Crawl
extracts; a WACZ is unzipped first) record by record, up to any damage, and copies every
HTTP response into one WARC file of its own with a CDXJ index (normalised: one gzip member
per record, chunked bodies de-chunked), so the replay handler can answer from it. ``plan``
picks the article pages among the HTML responses: a page a site definition calls an
article goes to that site's spider; another page of a known site (a list page) is skipped;
a page of an unknown site goes to the generic ``article`` spider, or is skipped with
``only_articles``. Then the crawl runs as any crawl does, skipping what is archived,
storing images found in the files, and keeping the responses in the archive's own WARC.
"""

from __future__ import annotations

import logging
import tempfile
import zipfile
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from archiver.warc import WARC_SUFFIXES
from archiver.warc.crawl import Sites, replay_settings, run
from archiver.warc.index import cdxj_line, index_path, write_index
from archiver.warc.records import (
    Damaged,
    StoredRecord,
    encode,
    http_response_headers,
    response_record,
    scan,
)
from archiver.warc.spiders import Target
from archiver.warc.writer import payload_digest
from spiders.article import site_key

logger = logging.getLogger(__name__)

HTML_TYPES = ("text/html", "application/xhtml+xml")


@dataclass
class Gathered:
    """The usable responses of the input files, copied into ``warc`` and indexed."""

    warc: Path
    responses: dict[str, StoredRecord] = field(default_factory=dict)  # URL -> latest HTML 200
    records: int = 0
    skipped: Counter[str] = field(default_factory=Counter)  # why records are no article page
    damage: list[Damaged] = field(default_factory=list)
    not_warc: list[str] = field(default_factory=list)

    @property
    def index(self) -> Path:
        return index_path(self.warc)


@dataclass
class ImportPlan:
    targets: list[Target] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)


def warc_inputs(path: Path, workdir: Path) -> list[Path]:
    """The WARC files of one input: itself, or those a WACZ holds (unzipped into ``workdir``)."""
    if not zipfile.is_zipfile(path):
        return [path]
    found = []
    with zipfile.ZipFile(path) as wacz:
        for number, name in enumerate(wacz.namelist()):
            if name.startswith("archive/") and name.endswith(WARC_SUFFIXES):
                target = workdir / f"{number:04d}-{Path(name).name}"
                with wacz.open(name) as src, target.open("wb") as dst:
                    while chunk := src.read(1 << 20):
                        dst.write(chunk)
                found.append(target)
    return found


def gather(inputs: Iterable[Path], workdir: Path) -> Gathered:
    """Copy the HTTP responses of every input into ``workdir/import.warc.gz``; note the rest."""
    gathered = Gathered(workdir / "import.warc.gz")
    lines: list[str] = []
    with gathered.warc.open("wb") as out:
        for given in inputs:
            warcs = warc_inputs(given, workdir)
            if not warcs:
                gathered.not_warc.append(str(given))
            for warc in warcs:
                _copy(warc, given, out, lines, gathered)
    write_index(gathered.warc, lines, durable=False)
    return gathered


def _copy(warc: Path, given: Path, out: Any, lines: list[str], gathered: Gathered) -> None:
    try:
        for record in scan(warc):
            gathered.records += 1
            if not record.is_http_response:
                gathered.skipped[f"{record.type} records"] += 1
                continue
            if record.type == "revisit":
                gathered.skipped["revisit records"] += 1  # a copy of a page seen before
                continue
            if not record.complete():
                gathered.skipped["responses cut short when they were made"] += 1
                continue
            body = record.body()
            headers = http_response_headers(record.status, record.headers)
            data = encode(response_record(record.url, headers, body, {"WARC-Date": record.date}))
            offset = out.tell()
            out.write(data)
            lines.append(
                cdxj_line(
                    record.url,
                    record.date,
                    status=record.status,
                    mime=record.mime,
                    digest=payload_digest(body),
                    length=len(data),
                    offset=offset,
                    filename=gathered.warc.name,
                )
            )
            if record.status == 200 and record.mime in HTML_TYPES:
                gathered.responses[record.url] = record
            else:
                gathered.skipped["responses that are no HTML page"] += 1
    except Damaged as exc:
        gathered.damage.append(Damaged(given, exc.offset, exc.reason))


def plan(
    gathered: Gathered, sites: Sites, *, site: str | None = None, only_articles: bool = False
) -> ImportPlan:
    """The article pages among the gathered HTML responses, each with its site."""
    result = ImportPlan()
    for url in gathered.responses:
        key = sites.article_site(url)
        owner = sites.claims_host(url) if key is None else None
        if owner is not None:
            result.skipped[f"pages of {owner} that are no article"] += 1
            continue
        if key is None and only_articles:
            result.skipped["pages of sites with no definition (--only-articles)"] += 1
            continue
        key = key or site_key(url)
        if site and key != site:
            result.skipped[f"articles of other sites than {site}"] += 1
            continue
        result.targets.append(Target(url, key))
    return result


@dataclass
class ImportOutcome:
    gathered: Gathered
    plan: ImportPlan
    stats: dict[str, Any] = field(default_factory=dict)


def import_files(
    archive_dir: Path,
    inputs: list[Path],
    *,
    site: str | None = None,
    only_articles: bool = False,
    definitions: Iterable[Path] = (),
    overrides: Mapping[str, Any] | None = None,
) -> ImportOutcome:
    """Import the articles of ``inputs`` into ``archive_dir`` as a crawl would archive them."""
    with tempfile.TemporaryDirectory(prefix="archiver-import-") as workdir:
        gathered = gather(inputs, Path(workdir))
        settings = replay_settings(
            archive_dir, overrides or {}, indexes=[gathered.index], capture=True
        )
        sites = Sites.load(settings, definitions)
        the_plan = plan(gathered, sites, site=site, only_articles=only_articles)
        outcome = ImportOutcome(gathered, the_plan)
        if the_plan.targets:
            crawler = run(settings, the_plan.targets, sites, reextract=False)
            assert crawler.stats is not None
            outcome.stats = crawler.stats.get_stats()
    return outcome
