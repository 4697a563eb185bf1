"""The one Scrapy internal the project reads (``archiver/scrapy_compat.py``), on a real crawl.

When a Scrapy upgrade renames or reshapes the engine's in-progress set, this test fails,
and distributed workers (which refuse to start without it) are fixed before anyone runs them.
"""

from __future__ import annotations

import subprocess
import sys

from conftest import PROJECT

SCRIPT = """
import json, sys
from scrapy import Spider, signals
from scrapy.crawler import CrawlerProcess
from archiver.scrapy_compat import requests_in_progress, tracks_requests_in_progress

seen = {}

class Probe(Spider):
    name = "probe"
    start_urls = ["https://www.ofweek.com/CATList-8100-CHANGYIEXINWE.html"]
    custom_settings = {"ROBOTSTXT_OBEY": False, "TELNETCONSOLE_ENABLED": False}

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        crawler.signals.connect(spider.idle, signal=signals.spider_idle)
        return spider

    def parse(self, response):
        seen["tracked"] = tracks_requests_in_progress(self.crawler)
        seen["in_callback"] = response.request in requests_in_progress(self.crawler)
        yield {"url": response.url}

    def idle(self):
        seen["after"] = len(requests_in_progress(self.crawler))

reactor = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
process = CrawlerProcess({"TWISTED_REACTOR": reactor})
process.crawl(Probe)
process.start()
print(json.dumps(seen))
"""


def test_the_engine_tracks_each_request_until_its_callback_and_items_are_done(proxy):
    env = proxy.env()
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    seen = result.stdout.strip().splitlines()[-1]
    assert seen == '{"tracked": true, "in_callback": true, "after": 0}', result.stderr[-2000:]
