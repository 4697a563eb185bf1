"""``scrapy crawl`` whose exit status tells cron whether the run did its job (SPEC §3)."""

from __future__ import annotations

import sys
from pathlib import Path

from scrapy.commands.crawl import Command as ScrapyCrawl

from archiver import distributed, extensions


class Command(ScrapyCrawl):
    def run(self, args, opts) -> None:
        archive_dir = Path(self.settings.get("ARCHIVE_DIR"))
        try:  # fail at once, with one clear line, when another run holds the archive
            extensions.acquire_lock(archive_dir, shared=distributed.enabled(self.settings)).close()
        except extensions.ArchiveLocked as exc:
            print(f"scrapy crawl: {exc}", file=sys.stderr)
            self.exitcode = 75  # EX_TEMPFAIL: try again later
            return
        super().run(args, opts)
        if extensions.FAILED_RUNS and not self.exitcode:
            self.exitcode = 1
