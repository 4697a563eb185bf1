"""Page parsing: pure functions from HTML (and its URL) to article fields. No Scrapy here."""
