"""OFweek 维科网: ``scrapy crawl ofweek`` archives the news list the seed came from.

Arguments as for every site spider (see ``spiders.site.SiteSpider``), e.g.
``-a start=https://ee.ofweek.com/CATList-2800-8100-ee-1.html -a pages=3 -a since=2024-03-01``.
The site's selectors live in ``archiver/sites/ofweek.yaml``.
"""

from __future__ import annotations

from spiders.site import SiteSpider


class OfweekSpider(SiteSpider):
    name = "ofweek"
    site_definition = "ofweek"
