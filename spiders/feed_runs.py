"""What one ``feeds`` run did with each feed and item: the bookkeeping behind its summary.

``FeedRun`` is one feed (what it answered, what became of its items) and gives the cron
summary's line for it; ``FeedItem`` is one item on its way to the archive. A failed page's
item goes into the state as a ``FeedRetry`` (``retry_of``) and comes back from it on later
runs (``entry_of``) with what the feed said of it. ``feeds_arguments`` reads the run's ``-a``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from scrapy.exceptions import UsageError

from archiver.extract.feeds import FeedEntry
from archiver.extract.rules import SiteRules
from archiver.state import FeedRecord, FeedRetry
from archiver.subscriptions import Subscription, SubscriptionError, load, site_rules
from spiders import arguments

STATUSES = ("read", "not modified", "failed")


@dataclass
class FeedRun:
    """One feed in this run: what it answered and what became of its items."""

    sub: Subscription
    url: str  # resolved (RSSHub routes against ARCHIVE_RSSHUB_URL)
    rules: SiteRules | None  # the entry's own site definition
    status: str = "not read"  # "read", "not modified", "failed"
    problem: str = ""
    new: int = 0
    updated: int = 0
    from_feed: int = 0  # archived from the feed's text: page failed
    failed: int = 0  # lost: neither the page nor the feed's text archived
    retried: int = 0  # earlier items read from their page at last
    retries_failed: int = 0
    sites: set[str] = field(default_factory=set)
    known: FeedRecord | None = None  # as the state had it: validators for a conditional GET
    validators: FeedRecord | None = None  # stored when the run ends well

    def line(self) -> str:
        """The cron summary's line for this feed."""
        notes = [f"{self.from_feed} from the feed's text"] if self.from_feed else []
        notes += [f"{self.updated} updated"] if self.updated else []
        notes += [f"{self.retried} read on retry"] if self.retried else []
        notes += [f"{self.retries_failed} retries failed again"] if self.retries_failed else []
        if self.status == "not modified":
            notes.append("not modified")
        if self.status == "failed":
            notes.append(f"feed failed: {self.problem} ({self.url})")
        return f"  {self.sub.label}: {self.new} new, {self.failed} failed" + (
            f"; {', '.join(notes)}" if notes else ""
        )


@dataclass
class FeedItem:
    """An item on its way to the archive: what the feed said, whose it is, which rules read it."""

    entry: FeedEntry
    feed: FeedRun
    rules: SiteRules
    known: bool = False  # archived before (an update)
    retry: bool = False  # an earlier item whose page failed
    from_feed: bool = False


def summary_lines(feeds: Sequence[FeedRun]) -> list[str]:
    """One line per feed (title or URL, N new, N failed), then the feeds' own totals."""
    totals = ", ".join(f"{sum(f.status == s for f in feeds)} {s}" for s in STATUSES)
    return [f.line() for f in feeds] + [f"  {len(feeds)} feeds: {totals}"]


def run_verdict(feeds: Sequence[FeedRun]) -> str | None:
    """Why the run failed: every feed failed, or articles were lost; None otherwise."""
    if feeds and all(f.status == "failed" for f in feeds):
        return f"every feed failed ({len(feeds)})"
    lost = sum(f.failed for f in feeds)
    return f"{lost} article(s) lost" if lost else None


def retry_of(item: FeedItem) -> FeedRetry:
    """The state's note of an item whose page failed (its text is in its file, if any)."""
    entry = item.entry
    return FeedRetry(
        url=entry.url,
        feed=item.feed.url,
        entry={
            "title": entry.title,
            "published": entry.published.isoformat() if entry.published else None,
            "author": entry.author,
            "categories": list(entry.categories),
        },
    )


def entry_of(retry: FeedRetry) -> FeedEntry:
    """The feed's entry of an item to retry, as the state kept it."""
    data, published = retry.entry, retry.entry.get("published")
    return FeedEntry(
        url=retry.url,
        title=str(data.get("title") or ""),
        published=datetime.fromisoformat(published) if published else None,
        author=str(data.get("author") or ""),
        categories=tuple(data.get("categories") or ()),
    )


@dataclass(frozen=True)
class FeedsArguments:
    """What ``-a`` asks of the feeds spider: the feeds (with their site definitions, if any)."""

    subscriptions: tuple[tuple[Subscription, SiteRules | None], ...]
    since: date | None
    until: date | None
    update_days: int


def feeds_arguments(args: arguments.Arguments) -> FeedsArguments:
    """The feeds spider's ``-a`` read and checked: a bad file or entry is one UsageError."""
    files = [f for f in (args.get("opml"), args.get("subscriptions")) if f]
    if not files:
        raise UsageError("nothing to read: pass -a opml=FILE.opml or -a subscriptions=FILE.yaml")
    try:
        subs = tuple((sub, site_rules(sub)) for f in files for sub in load(f))
    except SubscriptionError as exc:
        raise UsageError(str(exc)) from None
    since, until = arguments.date_window(args.get("since"), args.get("until"), args.get("days"))
    return FeedsArguments(
        subscriptions=subs,
        since=since,
        until=until,
        update_days=arguments.whole_number(args.get("update_days"), "update_days", minimum=0),
    )
