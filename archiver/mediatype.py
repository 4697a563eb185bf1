"""The real type of a downloaded image, from its magic bytes first and its Content-Type second."""

from __future__ import annotations

import re

_MAGIC: tuple[tuple[bytes, int, str], ...] = (
    (b"\xff\xd8\xff", 0, ".jpg"),
    (b"\x89PNG\r\n\x1a\n", 0, ".png"),
    (b"GIF87a", 0, ".gif"),
    (b"GIF89a", 0, ".gif"),
    (b"WEBP", 8, ".webp"),
    (b"BM", 0, ".bmp"),
    (b"\x00\x00\x01\x00", 0, ".ico"),
    (b"ftypavif", 4, ".avif"),
    (b"ftypheic", 4, ".heic"),
)
_CONTENT_TYPES = {
    "image/jpeg": ".jpg",
    "image/jpg": ".jpg",
    "image/pjpeg": ".jpg",
    "image/png": ".png",
    "image/gif": ".gif",
    "image/webp": ".webp",
    "image/bmp": ".bmp",
    "image/svg+xml": ".svg",
    "image/x-icon": ".ico",
    "image/vnd.microsoft.icon": ".ico",
    "image/avif": ".avif",
}
_SVG = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*(?:<!DOCTYPE svg[^>]*>\s*)?<svg[\s>]", re.S | re.I
)


def image_extension(data: bytes, content_type: str | None = None) -> str | None:
    """File extension (with dot) of image bytes, or None when the bytes are not an image.

    The bytes decide: an HTML error page served as ``image/jpeg`` is not an image, and a
    PNG served as ``application/octet-stream`` from ``/image?id=1`` is a ``.png``.
    """
    head = data[:64]
    for magic, offset, ext in _MAGIC:
        if head[offset : offset + len(magic)] == magic:
            return ext if magic != b"WEBP" or head[:4] == b"RIFF" else None
    if _SVG.match(data[:2048]):
        return ".svg"
    declared = (content_type or "").split(";", 1)[0].strip().lower()
    looks_textual = head.lstrip()[:1] in (b"<", b"{") or not head
    if declared in _CONTENT_TYPES and declared != "image/svg+xml" and not looks_textual:
        return _CONTENT_TYPES[declared]  # a format we have no magic for, bytes not text
    return None
