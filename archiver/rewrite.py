"""Point a body's images at their local copies, keeping the original URL on the tag (SPEC §1)."""

from __future__ import annotations

import re
from collections.abc import Mapping

import lxml.html

from archiver.extract.body import serialize_body

ORIGINAL_SRC_ATTR = "data-original-src"
_IMG_TAG = re.compile(r"""<img\b(?:[^>"']|"[^"]*"|'[^']*')*>""", re.I)  # quoted > allowed


def rewrite_image_links(body: str, local_paths: Mapping[str, str]) -> str:
    """Set ``src`` of every image with a local copy to its relative path.

    ``local_paths`` maps the remote URL to the path relative to the article file. The remote
    URL moves to ``data-original-src``; images without a local copy keep their remote ``src``.
    """
    if not body.strip():
        return body
    root = lxml.html.fragment_fromstring(body, create_parent="div")
    for img in root.iter("img"):
        remote = img.get(ORIGINAL_SRC_ATTR) or img.get("src") or ""
        local = local_paths.get(remote)
        if local:
            img.set("src", local)
            img.set(ORIGINAL_SRC_ATTR, remote)
    return serialize_body(root)


def local_image_paths(body: str) -> dict[str, str]:
    """The images of a written body: original URL -> src (local path, or the URL if it failed)."""
    tags = _IMG_TAG.findall(body)  # only the tags are parsed: a reader build reads every body
    if not tags:
        return {}
    root = lxml.html.fragment_fromstring("".join(tags), create_parent="div")
    return {
        img.get(ORIGINAL_SRC_ATTR) or img.get("src", ""): img.get("src", "")
        for img in root.iter("img")
        if img.get("src")
    }
