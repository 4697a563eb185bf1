"""Agreement with fundus's parser outputs on its stored news pages: an audit on pages nobody
labelled for this project.

flairNLP/fundus (MIT) keeps one real page per publisher and parser version
(``tests/resources/parser/test_data/<cc>/<Pub>_<date>.html.gz``) with what its hand-written
parser for that site returns (``<Pub>.json``). Those outputs follow fundus's conventions, not
this project's (an agency is an author there, a standfirst is a summary, a modified date can
be the publishing date), so the figures are agreement, not accuracy: a change that moves them
is read page by page. Pages already in the labelled set are skipped.

    git clone --bare https://github.com/flairNLP/fundus /tmp/fundus.git
    python bench/fundus.py /tmp/fundus.git [--only Publisher,...]
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import re
import subprocess
import sys
import unicodedata
import warnings
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import lxml.html

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.metric import _names, shingles  # noqa: E402

DATA = "tests/resources/parser/test_data"
LABELS = ROOT / "tests/fixtures/realworld/labels.yaml"
FIELDS = ("title", "authors", "time (day)", "time (minute)", "first", "last", "start", "end")
_FOLD = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'",
                       "–": "-", "—": "-", "\u00ad": None, "\u200b": None})  # fmt: skip
COVERED = 0.9  # share of a paragraph's 4-word shingles that says ours holds it
INSIDE = 0.8  # share of our edge paragraph's shingles in fundus's text: no leak


@dataclass
class FundusPage:
    publisher: str
    version: str
    path: str
    url: str
    truth: dict


def _git(git_dir: str, *args: str) -> bytes:
    return subprocess.run(
        ["git", f"--git-dir={git_dir}", *args], capture_output=True, check=True
    ).stdout


def load(git_dir: str, rev: str) -> list[FundusPage]:
    """Every stored page with its output, paired by rank as fundus's tests pair them (the n-th
    version key with the n-th dated file); pages the labelled set already holds left out."""
    files = _git(git_dir, "ls-tree", "-r", "--name-only", rev, DATA).decode().split()
    used = set(re.findall(rf"path: ({DATA}/\S+)", LABELS.read_text(encoding="utf-8")))
    found = []
    for name in sorted(f for f in files if f.endswith(".json")):
        folder, publisher = name.rsplit("/", 1)[0], Path(name).stem
        outputs = json.loads(_git(git_dir, "show", f"{rev}:{name}"))
        info = json.loads(_git(git_dir, "show", f"{rev}:{folder}/meta.info"))
        dated = re.compile(rf"{re.escape(folder)}/{publisher}_\d{{4}}_\d\d_\d\d\.html\.gz")
        htmls = sorted(f for f in files if dated.fullmatch(f))
        versions = sorted(outputs, key=lambda v: tuple(int(x) for x in v[1:].split("_")))
        for version, path in zip(versions, htmls, strict=True):
            if path not in used:
                url = info.get(Path(path).name, {}).get("url", "")
                found.append(FundusPage(publisher, version, path, url, outputs[version]))
    return found


def _norm(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text or "").translate(_FOLD)
    return re.sub(r"\s+", " ", folded).strip().lower()


def _covered(part: str, whole: str) -> float:
    """1.0 when ``whole`` holds ``part`` as printed, else the share of its shingles it holds."""
    if re.sub(r"\s", "", _norm(part)) in re.sub(r"\s", "", _norm(whole)):
        return 1.0
    mine, theirs = shingles(_norm(part)), shingles(_norm(whole))
    total = sum(mine.values())
    return sum((mine & theirs).values()) / total if total else 1.0


def _time(value: object) -> datetime | None:
    try:
        return datetime.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def compare(
    truth: dict,
    title: str,
    author: str,
    published: datetime | None,
    text: str,
    captions: frozenset[str] = frozenset(),
) -> dict:
    """Per field: True (agree), False (disagree) or None (fundus gives nothing to compare).
    ``captions``: the pictures' captions our body keeps, which fundus's text leaves out, so
    "start" and "end" read our first and last paragraph of text past them."""
    out: dict[str, bool | None] = dict.fromkeys(FIELDS)
    if truth.get("title"):
        out["title"] = _norm(title) == _norm(truth["title"])
    want = _names(", ".join(truth.get("authors") or []))
    if want:
        out["authors"] = want == _names(author)
    moment = _time(truth.get("publishing_date"))
    if moment is not None:
        got = published
        if got is not None and moment.tzinfo:
            got = got.astimezone(moment.tzinfo)
        wall = got.replace(tzinfo=None, second=0, microsecond=0) if got else None
        out["time (day)"] = wall is not None and wall.date() == moment.date()
        if (moment.hour, moment.minute) != (0, 0):
            out["time (minute)"] = wall == moment.replace(tzinfo=None, second=0, microsecond=0)
    body = truth.get("body") or {}
    sections = body.get("sections") or []
    paragraphs = [p for s in sections for p in s.get("paragraphs") or [] if p.strip()]
    parts = [s for s in body.get("summary") or [] if s.strip()]  # the standfirst first
    parts += [p for s in sections for p in (s.get("headline") or []) + (s.get("paragraphs") or [])]
    ours = [p for p in re.split(r"\n\s*\n", text) if p.strip() and _norm(p) not in captions]
    if parts and paragraphs:
        whole = "\n".join(parts)
        out["first"] = _covered(parts[0], text) >= COVERED
        out["last"] = _covered(paragraphs[-1], text) >= COVERED
        out["start"] = bool(ours) and _covered(ours[0], whole) >= INSIDE
        out["end"] = bool(ours) and _covered(ours[-1], whole) >= INSIDE
    return out


def _values(name: str, page: FundusPage, got: tuple) -> str:
    """Ours and fundus's value of a title or byline that disagree, to read beside the page."""
    if name == "title":
        return f": ours {got[0]!r}, fundus {page.truth.get('title')!r}"
    if name == "authors":
        return f": ours {got[1]!r}, fundus {page.truth.get('authors')!r}"
    return ""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("git_dir", help="a clone of flairNLP/fundus (bare or not; its .git)")
    parser.add_argument("--rev", default="HEAD")
    parser.add_argument("--only", default="", help="comma-separated publishers")
    parser.add_argument("--misses", action="store_true", help="list the disagreements")
    args = parser.parse_args(argv)
    logging.disable(logging.WARNING)
    warnings.simplefilter("ignore")
    from archiver.extract.page import decode_html, parse_article_page
    from archiver.extract.rules import SiteRules

    rules = SiteRules(site="bench", name="", layouts=(), article_urls=())
    wanted = set(filter(None, args.only.split(",")))
    pages = [p for p in load(args.git_dir, args.rev) if not wanted or p.publisher in wanted]
    agree = dict.fromkeys(FIELDS, 0)
    scored = dict.fromkeys(FIELDS, 0)
    for page in pages:
        raw = gzip.decompress(_git(args.git_dir, "show", f"{args.rev}:{page.path}"))
        parsed = parse_article_page(decode_html(raw), page.url, rules)
        got = (
            (parsed.title, parsed.author, parsed.published, parsed.text)
            if parsed
            else ("", "", None, "")
        )
        captions = (
            frozenset(
                _norm(c.text_content())
                for c in lxml.html.fragment_fromstring(
                    parsed.body or "<p></p>", create_parent="div"
                ).iter("figcaption")
            )
            if parsed
            else frozenset()
        )
        for name, right in compare(page.truth, *got, captions).items():
            if right is not None:
                scored[name] += 1
                agree[name] += right
                if args.misses and not right:
                    print(f"  {name} {page.publisher} {page.version}{_values(name, page, got)}")
    print(f"fundus pages audited: {len(pages)} (agreement with fundus's parser outputs)")
    for name in FIELDS:
        rate = agree[name] / scored[name] if scored[name] else 0.0
        print(f"{name:<16}{agree[name]:>5} / {scored[name]:<5}{rate:>8.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
