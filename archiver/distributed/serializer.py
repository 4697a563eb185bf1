"""JSON for the requests queued in Redis, never pickle: a queued entry is data, not code.

scrapy-redis takes a serializer module with ``loads``/``dumps`` and hands it the dict of
``Request.to_dict``. Anyone who can write to the Redis server can push an entry, and
unpickling one runs whatever it names; JSON only ever yields data. What a request dict holds
beyond JSON's types is written as a tagged object: bytes (headers, body), datetimes, sets,
dicts with non-string keys, and the few dataclasses a spider carries in ``cb_kwargs``
(``ArticlePage`` of a multi-page article). A dataclass or request class not listed here is
refused on both sides.
"""

from __future__ import annotations

import base64
import dataclasses
import json
from datetime import date, datetime
from typing import Any

from archiver.extract.body import BodyImages
from archiver.extract.page import ArticlePage

DATACLASSES: dict[str, type] = {cls.__name__: cls for cls in (ArticlePage, BodyImages)}
REQUEST_CLASSES = frozenset(
    {
        "scrapy.http.request.Request",
        "scrapy.Request",
        "scrapy.http.Request",
        "scrapy.http.request.form.FormRequest",
        "scrapy.http.request.json_request.JsonRequest",
    }
)


def dumps(obj: Any) -> bytes:
    """A request dict as UTF-8 JSON; TypeError for a value JSON cannot carry."""
    return json.dumps(_encode(obj), ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def loads(data: bytes | str) -> Any:
    """The request dict of ``dumps``; ValueError for anything else (a pickle included)."""
    obj = _decode(json.loads(data))
    if not isinstance(obj, dict) or not isinstance(obj.get("url"), str):
        raise ValueError("a queued entry must be a request dict with a URL")
    if obj.get("_class", "scrapy.http.request.Request") not in REQUEST_CLASSES:
        raise ValueError(f"refusing a queued request of class {obj['_class']!r}")
    return obj


def _encode(obj: Any) -> Any:
    if obj is None or isinstance(obj, (bool, int, float, str)):
        return obj
    if isinstance(obj, (list, tuple)):
        return [_encode(v) for v in obj]
    if isinstance(obj, dict):
        if all(isinstance(k, str) and not k.startswith("$") for k in obj):
            return {k: _encode(v) for k, v in obj.items()}
        return {"$dict": [[_encode(k), _encode(v)] for k, v in obj.items()]}
    if isinstance(obj, (bytes, bytearray)):
        return {"$bytes": base64.b64encode(bytes(obj)).decode("ascii")}
    if isinstance(obj, datetime):
        return {"$datetime": obj.isoformat()}
    if isinstance(obj, date):
        return {"$date": obj.isoformat()}
    if isinstance(obj, (set, frozenset)):
        return {"$set": [_encode(v) for v in obj]}
    name = type(obj).__name__
    if dataclasses.is_dataclass(obj) and DATACLASSES.get(name) is type(obj):
        fields = {f.name: _encode(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
        return {"$dataclass": name, "fields": fields}
    raise TypeError(f"cannot queue a {type(obj).__qualname__} in a request: not JSON data")


def _decode(obj: Any) -> Any:
    if isinstance(obj, list):
        return [_decode(v) for v in obj]
    if not isinstance(obj, dict):
        return obj
    tags = [k for k in obj if k.startswith("$")]
    if not tags:
        return {k: _decode(v) for k, v in obj.items()}
    tag = tags[0]
    value = obj[tag]
    if tag == "$bytes":
        return base64.b64decode(value, validate=True)
    if tag == "$datetime":
        return datetime.fromisoformat(value)
    if tag == "$date":
        return date.fromisoformat(value)
    if tag == "$set":
        return set(_decode(value))
    if tag == "$dict":
        return {_decode(k): _decode(v) for k, v in value}
    if tag == "$dataclass" and value in DATACLASSES:
        cls = DATACLASSES[value]
        known = {f.name for f in dataclasses.fields(cls)}
        fields = _decode(obj.get("fields", {}))
        return cls(**{k: v for k, v in fields.items() if k in known})
    raise ValueError(f"unknown tag {tag!r} in a queued request")
