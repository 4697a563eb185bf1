"""Page parsing: pure functions from HTML (and its URL) to article fields. No Scrapy here."""

from archiver.extract.maintext import main_text

__all__ = ["main_text"]
