"""Politeness: an identifying User-Agent with a contact URL, and backing off when a site says so."""

from types import SimpleNamespace

from conftest import project_crawler
from scrapy import Request
from scrapy.http import Response
from scrapy.settings import Settings
from scrapy.utils.test import get_crawler

from archiver import settings as project_settings
from archiver.archive import archive_of
from archiver.middlewares import BackoffMiddleware, ContactUserAgentMiddleware
from archiver.settings import ARCHIVE_CONTACT_URL


def user_agent(overrides: dict) -> str:
    settings = Settings()
    settings.setmodule(project_settings, priority="project")
    settings.setdict(overrides, priority="cmdline")
    crawler = SimpleNamespace(settings=settings)
    request = Request("https://www.ofweek.com/")
    ContactUserAgentMiddleware.from_crawler(crawler).process_request(request)
    return request.headers["User-Agent"].decode()


def test_default_user_agent_names_the_project_and_a_contact_url():
    assert user_agent({}) == f"techmedia-archiver/0.1 (+{ARCHIVE_CONTACT_URL})"


def test_contact_url_setting_reaches_the_header():
    assert (
        user_agent({"ARCHIVE_CONTACT_URL": "mailto:me@example.org"})
        == "techmedia-archiver/0.1 (+mailto:me@example.org)"
    )


def test_an_explicit_user_agent_wins():
    assert user_agent({"USER_AGENT": "MyBot/1.0"}) == "MyBot/1.0"


def backoff(status: int, headers: dict | None = None, delay: float = 0.5) -> float:
    middleware = BackoffMiddleware(SimpleNamespace(), base_delay=10.0, max_delay=120.0)
    crawler = get_crawler()
    crawler.stats.open_spider()
    slot = SimpleNamespace(delay=delay)
    crawler.engine = SimpleNamespace(downloader=SimpleNamespace(slots={"www.ofweek.com": slot}))
    middleware.crawler = crawler
    request = Request("https://www.ofweek.com/", meta={"download_slot": "www.ofweek.com"})
    response = Response(request.url, status=status, headers=headers or {}, request=request)
    assert middleware.process_response(request, response) is response
    return slot.delay


def test_429_and_5xx_slow_the_site_down():
    assert backoff(429) == 10.0
    assert backoff(503, delay=30.0) == 60.0  # doubles on repeats
    assert backoff(500) == 10.0


def test_retry_after_is_honoured_within_the_cap():
    assert backoff(429, {"Retry-After": "42"}) == 42.0
    assert backoff(429, {"Retry-After": "3600"}) == 120.0


def test_healthy_responses_change_nothing():
    assert backoff(200) == 0.5 and backoff(404) == 0.5


def test_the_backoff_reads_its_delays_from_the_archive_options(tmp_path):
    crawler = project_crawler(
        {
            "ARCHIVE_DIR": str(tmp_path),
            "ARCHIVE_BACKOFF_DELAY": "3",
            "ARCHIVE_BACKOFF_MAX_DELAY": "9",
        }
    )
    try:
        middleware = BackoffMiddleware.from_crawler(crawler)
        assert (middleware.base_delay, middleware.max_delay) == (3.0, 9.0)
    finally:
        archive_of(crawler).engine_stopped()


def test_any_retry_after_value_is_tolerated():
    assert backoff(503, {"Retry-After": "²"}) == 10.0  # not a number: the default backoff
    assert backoff(503, {"Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"}) == 10.0  # in the past
    assert backoff(503, {"Retry-After": "-5"}) == 10.0
    assert backoff(503, {"Retry-After": "9" * 40}) == 10.0
