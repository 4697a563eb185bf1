"""Scrapy commands of this project (COMMANDS_MODULE): ``crawl`` with a cron-friendly exit status."""
