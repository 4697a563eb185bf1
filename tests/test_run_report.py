"""The run's progress line, one-line summary and verdict (what cron mails and exits on)."""

import io

from scrapy.utils.test import get_crawler

from archiver.extensions import RunReport


class FakeSpider:
    name = "ofweek"


def report(**stats) -> tuple[RunReport, io.StringIO]:
    crawler = get_crawler(settings_dict={"ARCHIVE_MAX_FAILED_SHARE": 0.2})
    crawler.stats.open_spider()
    for key, value in stats.items():
        crawler.stats.set_value("archive/" + key, value)
    out = io.StringIO()
    return RunReport(crawler, 0.2, out, progress=False), out


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
