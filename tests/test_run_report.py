"""The run's progress line, one-line summary and verdict (what cron mails and exits on)."""

import io

from scrapy.utils.test import get_crawler

from archiver.extensions import RunReport
from archiver.options import ArchiveOptions


class FakeSpider:
    name = "ofweek"


def report(settings: dict | None = None, **stats) -> tuple[RunReport, io.StringIO]:
    crawler = get_crawler(settings_dict={"ARCHIVE_MAX_FAILED_SHARE": 0.2, **(settings or {})})
    crawler.stats.open_spider()
    for key, value in stats.items():
        crawler.stats.set_value("archive/" + key.replace("__", "/"), value)
    out = io.StringIO()
    options = ArchiveOptions.from_settings(crawler.settings)
    return RunReport(crawler, options, out, progress=False), out


def test_summary_is_one_line_with_the_counts():
    ext, out = report(articles_new=3, articles_skipped=40, images_stored=7, images_failed=1)
    ext.spider_closed(FakeSpider(), "finished")
    line = out.getvalue()
    assert line.count("\n") == 1
    assert line.startswith(
        "ofweek: 3 new, 0 updated, 0 completed, 0 unchanged, 40 skipped, 0 failed, 0 gone, "
        "7 images, 1 pending images in "
    )
    assert "FAILED" not in line


def test_too_many_failed_articles_fail_the_run():
    ext, out = report(articles_new=3, articles_failed=2)
    ext.spider_closed(FakeSpider(), "finished")
    assert "FAILED: 2 of 5 articles failed" in out.getvalue()
    assert ext.stats.get_value("archive/run_failed") == "2 of 5 articles failed"


def test_an_unreachable_list_page_fails_the_run_but_gone_articles_do_not():
    assert report(articles_new=1, articles_gone=5)[0].verdict() is None
    assert (
        report(articles_new=9, list_pages_failed=1)[0].verdict()
        == "a list page could not be fetched"
    )


DRIFT = {
    "articles_new": 8,
    "layout_articles__ofweek": 8,
    "extraction_fallback__ofweek": 7,
    "selectors_missed__ofweek__body": 7,
    "selectors_missed__ofweek__title": 3,
    "layout_articles__jjrb": 5,
    "extraction_fallback__jjrb": 1,
}


def test_a_changed_layout_is_named_in_the_summary_line_with_the_selectors_that_missed():
    ext, out = report(**DRIFT)
    ext.spider_closed(FakeSpider(), "finished")
    [line] = out.getvalue().splitlines()
    assert line.endswith(
        "; LAYOUT DRIFT: site definition ofweek: 7 of 8 articles read by generic extraction "
        "(selectors missed: body 7, title 3)"
    )
    assert "jjrb" not in line and "FAILED" not in line  # 1 of 5 is an odd page, not a change
    assert ext.stats.get_value("archive/run_failed") is None


def test_a_setting_makes_a_layout_drift_fail_the_run():
    ext, out = report({"ARCHIVE_LAYOUT_DRIFT_FAILS": True}, **DRIFT)
    ext.spider_closed(FakeSpider(), "finished")
    assert "; FAILED: layout changed? site definition ofweek: 7 of 8" in out.getvalue()
    assert ext.stats.get_value("archive/run_failed").startswith("layout changed?")


def test_two_odd_pages_are_no_drift():
    ext, out = report(layout_articles__ofweek=2, extraction_fallback__ofweek=2)
    ext.spider_closed(FakeSpider(), "finished")
    assert "LAYOUT DRIFT" not in out.getvalue()
