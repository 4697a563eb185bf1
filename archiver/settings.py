"""Scrapy settings for techmedia-archiver, and the ARCHIVE_* keys with their defaults.

Every key can be overridden per run with ``scrapy crawl <spider> -s KEY=VALUE``.
The defaults are polite: a site owner reading their logs should find nothing to object to.
"""

from __future__ import annotations

import os

BOT_NAME = "techmedia-archiver"
SPIDER_MODULES = ["spiders"]
NEWSPIDER_MODULE = "spiders"

# --- The archive -----------------------------------------------------------------------
# Folder that holds articles, their images and the archive state. Copy it anywhere.
ARCHIVE_DIR = "archive"
# Body format of the article files: "html" (seed 000), "text" (seed 003) or "markdown"
# (images as ![](local path "original URL")). None: the site definition's own (text for
# the e-paper), else html. The write pipeline decides (archiver.archive.Archive.format_for).
ARCHIVE_BODY_FORMAT = None
# Timezone assumed for page times that carry none, where the site definition (or the
# article spider's -a timezone) names none and the page declares no non-Chinese language
# (a page in lang="de" prints Berlin time). "+08:00" or a tz database name (Asia/Shanghai).
# Chinese sites: Beijing time.
ARCHIVE_TIMEZONE = "+08:00"
# Frontmatter categories when neither -a categories nor the site definition names any
# (comma-separated with -s).
ARCHIVE_CATEGORIES: list[str] = []
# Referer sent with image requests: "page" (the article URL), "origin" (scheme://host/)
# or "none". An <img referrerpolicy="no-referrer"> always gets none.
ARCHIVE_IMAGE_REFERER = "page"
# Where people can reach whoever runs the crawler; goes into the User-Agent.
ARCHIVE_CONTACT_URL = "https://github.com/techmedia-archiver/techmedia-archiver"
# User-Agent template; {contact} is ARCHIVE_CONTACT_URL. A USER_AGENT set with -s wins.
ARCHIVE_USER_AGENT = "techmedia-archiver/0.1 (+{contact})"
# Walk every list page up to -a pages even when a page holds only archived articles.
ARCHIVE_FULL_WALK = False
# Re-fetch archived articles published in the last N days; changed ones get a new version.
ARCHIVE_UPDATE_DAYS = 0
# An article the site answered 404/410 for is asked again only after this many days.
ARCHIVE_GONE_RECHECK_DAYS = 7
# A run fails (exit status 1) when more than this share of the articles it tried failed.
ARCHIVE_MAX_FAILED_SHARE = 0.2
# Layout drift: when a site definition's layouts miss on more than this share of a run's
# articles of that site (generic extraction took over), the summary line says so, naming the
# definition and the fields whose selectors missed (stats archive/selectors_missed/...).
ARCHIVE_LAYOUT_DRIFT_SHARE = 0.5
# True: such a run also fails (exit status 1), so cron reports a changed layout at once.
ARCHIVE_LAYOUT_DRIFT_FAILS = False
# One-line summary at the end of each crawl (and a live progress line on a terminal).
ARCHIVE_REPORT_ENABLED = True
# The live progress line: None shows it when stderr is a terminal (never under cron).
ARCHIVE_PROGRESS = None
# Rebuild the offline reader (ARCHIVE_DIR/index.html) at the end of a crawl that changed something.
ARCHIVE_READER_AUTOBUILD = True
# Worker processes that parse article pages and render article files off the reactor
# thread. 0: all in the crawl's own process, plenty for polite crawls. For bulk runs with
# politeness off, one per spare core lets downloads and parsing overlap (bench/RESULTS.md).
ARCHIVE_WORKER_PROCESSES = 0
# Seconds to back off a site after a 429/503 when it sends no Retry-After header.
ARCHIVE_BACKOFF_DELAY = 10.0
# Upper bound of that backoff, Retry-After included.
ARCHIVE_BACKOFF_MAX_DELAY = 120.0

# --- Publishing as a Hexo blog ---------------------------------------------------------
# A Hexo blog folder (`hexo init` made it): a crawl that stored new or updated articles then
# exports them into it (`archiver export hexo`, incremental), as it rebuilds the reader.
# None: no export. Off in the distributed mode. (archiver/exports/extension.py)
ARCHIVE_HEXO_BLOG = None
# --- Feeds (scrapy crawl feeds) -------------------------------------------------------
# The RSSHub instance that `rsshub:/route` subscriptions are read from (`rsshub:/ofweek/news`
# -> <this>/ofweek/news). The public instance by default; a self-hosted one is kinder to it.
ARCHIVE_RSSHUB_URL = "https://rsshub.app"

# --- Hostile pages and a careless machine ----------------------------------------------
# Largest page or image, compressed or not: Scrapy stops a download, or a gzip/brotli body
# while decompressing it, past this size (its default is 1 GiB). Such an article fails as
# "too_large", such an image as archive/images_failed/too_large.
DOWNLOAD_MAXSIZE = 32 * 1024 * 1024
DOWNLOAD_WARNSIZE = 8 * 1024 * 1024
# Requests to loopback, private and link-local addresses (image URLs, redirects, meta
# refreshes of a hostile page) are refused unless a start URL is on that host. True allows
# them all, e.g. for a site on the LAN reached through links from elsewhere.
ARCHIVE_ALLOW_PRIVATE_ADDRESSES = False

# --- Web archive (WARC) of what the crawl fetched ---------------------------------------
# Every response the crawl uses is kept with its request as WARC 1.1 records under
# ARCHIVE_DIR/.archiver/warc/<site>/<YYYY-MM>/*.warc.gz (each file with a CDXJ index), so that
# `archiver reextract` can rebuild the articles offline with today's rules, and pywb or
# ReplayWeb.page (`archiver export wacz`) can replay the pages: "pages" (HTML, feeds,
# sitemaps, robots.txt; not images, which are stored as files already), "all" (images too:
# their space twice) or "off".
ARCHIVE_WARC = "pages"
# A WARC file is closed and the next one begun past this many (compressed) bytes.
ARCHIVE_WARC_MAX_SIZE = 1_000_000_000

# --- Distributed mode (several workers, one frontier, one archive) ---------------------
# redis://host:6379/0 switches it on (also from the ARCHIVER_REDIS_URL environment
# variable): every `scrapy crawl` with the same URL is one worker of the same run, through
# scrapy-redis's scheduler and dupefilter. None: one machine, no Redis, nothing imported.
# In this mode the run lock and the reader build on close are off (archiver/distributed/addon.py).
REDIS_URL = os.environ.get("ARCHIVER_REDIS_URL") or None
# Prefix of every Redis key: one per archive, so that two archives can share a server.
ARCHIVE_REDIS_PREFIX = "archiver"
# Seconds after which the requests and article claims of a worker that stopped answering
# (killed, machine lost) go back to the others. Live workers renew theirs every third.
ARCHIVE_LEASE_TIMEOUT = 60.0
# Requests one worker takes from the shared queue at a time; near what it downloads at
# once, so that the first worker does not take everything while the others wait.
ARCHIVE_WORKER_PREFETCH = 4
ADDONS = {"archiver.distributed.addon.DistributedMode": 0}

# --- Politeness ------------------------------------------------------------------------
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 0.5
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 60.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
RETRY_ENABLED = True
RETRY_TIMES = 3
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
RETRY_GIVE_UP_LOG_LEVEL = "WARNING"  # a page or image that keeps failing is counted, not an error
DOWNLOAD_TIMEOUT = 60
# Outputs of one callback processed at once. Scrapy starts this many tasks per response and
# keeps them while the callback runs: 100 (its default) made thousands of idle tasks when
# article pages wait on worker processes. Ours yield one item, or a list page's ~20 links.
CONCURRENT_ITEMS = 8

# --- Components ------------------------------------------------------------------------
DOWNLOADER_MIDDLEWARES = {
    # Replaces Scrapy's UserAgentMiddleware so the contact URL setting reaches the header.
    "scrapy.downloadermiddlewares.useragent.UserAgentMiddleware": None,
    "archiver.middlewares.ContactUserAgentMiddleware": 500,
    # Slows a site down after 429/503; RetryMiddleware (550) then re-sends the request.
    "archiver.middlewares.BackoffMiddleware": 560,
    # After HttpProxyMiddleware (750): through a proxy, names are the proxy's to resolve.
    "archiver.middlewares.PrivateAddressMiddleware": 760,
    # Records each exchange as WARC (ARCHIVE_WARC): above HttpCompression (590) and Redirect
    # (600), so it sees the bytes as served and every 3xx; below Cookies/HttpProxy (700/750),
    # so it sees the request as sent.
    "archiver.warc.capture.WarcCaptureMiddleware": 800,
}
SPIDER_MIDDLEWARES = {
    # Nearest the spider: an article page whose parsing raised fails that article, counted.
    "archiver.middlewares.ArticleErrorsMiddleware": 990,
}
# Log lines name an article by its URL instead of printing the whole item.
LOG_FORMATTER = "archiver.outcomes.ArchiveLogFormatter"
EXTENSIONS = {
    # The crawl's archive: folder, run lock, state, workers. Built first; others look it up.
    "archiver.archive.Archive": 0,
    "archiver.extensions.RunReport": 500,
    "archiver.reader.extension.BuildReaderOnClose": 600,
    "archiver.exports.extension.ExportHexoOnClose": 610,  # only with ARCHIVE_HEXO_BLOG
}
ITEM_PIPELINES = {
    "archiver.pipelines.write.ArticlePathPipeline": 100,  # the file's path, before any write
    "archiver.pipelines.assets.ArticleAssetsPipeline": 300,
    "archiver.pipelines.write.WriteArticlePipeline": 800,
}
# Images: follow redirects, keep their original bytes (FilesPipeline, not ImagesPipeline).
MEDIA_ALLOW_REDIRECTS = True
FILES_EXPIRES = 36500

# --- Scrapy housekeeping ---------------------------------------------------------------
FEED_EXPORT_ENCODING = "utf-8"
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
# Quiet unless something is wrong (cron mails any output); -L INFO shows every article.
LOG_LEVEL = "WARNING"
COMMANDS_MODULE = "archiver.scrapy_commands"
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False  # no listening port on a cron box
