"""Which recorded file answers a URL, with which Content-Type (rules: tests/sites/README.md)."""

from __future__ import annotations

import posixpath
from urllib.parse import unquote, urlsplit

NEVER_SERVED = frozenset({"_routes.yaml", "readme.md"})
ROUTES_FILE = "_routes.yaml"

CONTENT_TYPES = {
    ".html": "text/html",
    ".htm": "text/html",
    ".shtml": "text/html",
    ".css": "text/css",
    ".js": "application/javascript",
    ".json": "application/json",
    ".xml": "application/xml",
    ".rss": "application/rss+xml",
    ".txt": "text/plain",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".svg": "image/svg+xml",
    ".ico": "image/x-icon",
    ".bmp": "image/bmp",
    ".pdf": "application/pdf",
    ".swf": "application/x-shockwave-flash",
    ".mp4": "video/mp4",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
}

# Characters that may not appear in a file name on Windows (plus the path separator and
# '%', so that the escaping is reversible).
_UNSAFE_QUERY_CHARS = '%/\\:*?"<>|'


def sniff_content_type(data: bytes) -> str | None:
    """The image type announced by ``data``'s magic bytes, or None."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith((b"GIF87a", b"GIF89a")):
        return "image/gif"
    if len(data) >= 12 and data.startswith(b"RIFF") and data[8:12] == b"WEBP":
        return "image/webp"
    return None


def content_type_for(name: str, head: bytes) -> str:
    """Content-Type for a served file: by extension, else sniffed, else text/html."""
    base = name.split("@", 1)[0]
    ext = posixpath.splitext(base)[1].lower()
    if ext in CONTENT_TYPES:
        return CONTENT_TYPES[ext]
    return sniff_content_type(head) or "text/html"


def escape_query(query: str) -> str:
    """A query string as it appears in a file name (``id=1`` stays ``id=1``)."""
    return "".join(f"%{ord(c):02X}" if c in _UNSAFE_QUERY_CHARS else c for c in query)


def url_to_relpath(url: str) -> str | None:
    """``SITES_DIR``-relative POSIX path that answers ``url``; None if it can't map.

    >>> url_to_relpath("https://images.ofweek.com/image?id=1")
    'images.ofweek.com/image@id=1'
    >>> url_to_relpath("https://www.ofweek.com/")
    'www.ofweek.com/index.html'
    """
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().rstrip(".")
    if not host:
        return None
    rel = path_to_rel(parts.path, parts.query)
    return None if rel is None else f"{host}/{rel}"


def path_to_rel(path: str, query: str) -> str | None:
    """The host-folder-relative file of a URL's path and query; None if it may not be served."""
    path = unquote(path or "/")
    if "\x00" in path or "\\" in path:
        return None
    segments = [s for s in path.split("/") if s not in ("", ".")]
    if any(s == ".." for s in segments):
        return None
    if path.endswith("/") or not segments:
        segments.append("index.html")
    if query:
        segments[-1] = f"{segments[-1]}@{escape_query(query)}"
    if segments[-1].lower() in NEVER_SERVED:
        return None
    return "/".join(segments)
