"""Credits other than the writer's: who edited the article and who published it.

Read from the article's header and footer (``regions.py``) as Chinese and English pages print
them: ``责任编辑：X``, ``【编辑:X】``, ``（松花江网编辑 X）``, "Edited by X"; ``来源：X``, the
outlet printed by the article's time ("2024-05-09 22:30 · 新华社"), a wire story's dateline
("(Reuters) —").
"""

from __future__ import annotations

import re

from archiver.extract.bylines import CREDIT_CARD, HAN_NAMES, VALUE, after_closing
from archiver.extract.names import HAN, HAN_CHAR, clean_name, pen_name, person

_EDITOR_FORMS = (
    re.compile(rf"(?:责任编辑|责编)\s*[:：]?\s*{VALUE}"),
    re.compile(rf"(?<!{HAN_CHAR})(?:编辑|选稿)\s*[:：/]\s*{VALUE}"),
    re.compile(rf"(?<![{HAN}责])编辑\s+(?P<v>{HAN_NAMES})"),
    # "Edited by Pam Weintraub" under an essay's byline: the capitalised words of a name
    re.compile(r"\b(?:Edited by|Editor:)\s+(?P<v>[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,3})"),
    # "（松花江网编辑 孙桂芳）": the site that employs the editor, in the closing brackets
    re.compile(
        rf"[（(][^（）()]{{0,12}}?(?:网|报|社|台)编辑\s*[:：]?\s*(?P<v>{HAN_NAMES})\s*[）)]"
    ),
)
_DISCLAIMER = re.compile(r"(?:特别声明|免责声明|平台声明)\s*[:：]")
_SOURCE_FORMS = (
    re.compile(
        rf"(?<!图片)(?<!题图)(?<!配图)(?<!图)(?<!注明)(?<!转载)(?:来源|来自|出处|原创)\s*[:：|｜]\s*[\[【]?\s*{VALUE}"
    ),
    re.compile(r"本文来源于\s*(?P<v>[^\s，。,]{2,20})"),
    # "本文为百略网授权网易财经《亦观察》发布": the outlet that licensed the piece (a columnist
    # licensing his own, "本文为康斯坦丁授权…", names no outlet)
    re.compile(
        r"本文(?:为|由|系)\s*(?P<v>[^\s，。,、《》]{1,16}?"
        r"(?:网|报|社|台|站|频道|客户端|新闻|日报|杂志|周刊|传媒|媒体|公众号))\s*(?:独家)?授权"
    ),
    re.compile(
        r"(?:转自|转载自|摘自|选自)\s*[:：]?\s*《(?P<v>[^》]{2,20})》"
    ),  # "转自《北京科技报》"
    re.compile(rf"来自(?:微信)?公众号\s*[:：]\s*{VALUE}"),
)
# Credits that name no publisher: "来源：互联网", "来源：转载文章", "来自：网络".
_NO_SOURCE = re.compile(
    r"互联网|网络|网络转载|转载|转载文章|本站|本网|本站原创|原创|未知|佚名|综合|网友|不详|其[他它]"
)
_CLOCK = r"(?:\d{1,2}:\d{2}(?::\d{2})?|\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?)"
_DATED_SOURCE = re.compile(
    rf"{_CLOCK}\s*[·|｜]?\s*(?:《(?P<v>[^》]{{2,20}})》|(?P<v2>\d{{0,3}}[^\s\d|｜·:：《》]{{1,14}}"
    r"(?:网|报|社|台|新闻|日报|晚报|周刊|杂志|客户端)))(?=\s|$)"
)
# A Japanese portal's "<outlet> 3/9(木) 18:45配信": the outlet that delivered the story.
_DELIVERED_BY = re.compile(
    r"(?:(?<=\s)|^)(?:(?P<v>[A-Z][\w!.&'-]*(?:\s[A-Z][\w!.&'-]*){0,2})|(?P<v2>[^\s\d]{2,20}))"
    r"\s+(?:\d{4}/)?\d{1,2}/\d{1,2}\s*(?:[(（][月火水木金土日][)）])?\s*\d{1,2}:\d{2}\s*配信"
)
# A byline row of cells: "By Wang Xiaoyu | China Daily | Updated: 2024-05-13 09:08".
_BYLINE_ROW = re.compile(
    r"\bBy\s[^|｜]{2,60}?\s[|｜]\s(?P<v>[A-Z][\w.&'-]*(?:\s[A-Z][\w.&'-]*){0,3})\s[|｜]\s"
    r"(?:Updated|Published|\d)"
)
_AGENCIES = r"Reuters|AP|AFP|Bloomberg|Xinhua|UPI|dpa|Yonhap|Kyodo|JIJI|Jiji|ANI|PTI|IANS"
_AGENCY = rf"(?:{_AGENCIES}|(?:The )?Associated Press|Agence France-Presse|Kyodo News|Jiji Press)"
_AGENCY_NAME = re.compile(rf"{_AGENCY}(?:\s*[-/,]\s*{_AGENCY})*")  # "AFP-JIJI"
_WIRE = re.compile(
    rf"\(\s*(?P<v>{_AGENCIES})\s*\)\s*[-—–]"
    # the agency and the city in capitals over the text: "AFP, MANILA" (the Taipei Times)
    rf"|(?<![\w,])(?P<w>{_AGENCIES}),\s+[A-Z]{{3,}}(?:\s[A-Z]{{3,}})?(?=\s+[A-Z][a-z])"
)
# The agency an editor's initials sign the text off with, after its last line: "swe/dpa",
# "mrc/AFP/Reuters" (German and Austrian sites).
_SIGNED_WIRE = re.compile(rf"^\s*(?:[a-z]{{2,4}}/)+(?P<v>{_AGENCIES}|afp|rtr|reuters|ap)\b")
# The agency holding the copyright of the text, after it: "© Thomson Reuters 2020".
_WIRE_COPYRIGHT = re.compile(
    rf"[©ⓒ]\s*(?:(?:19|20)\d\d\s*)?(?:Thomson\s+)?(?P<v>{_AGENCY})\b"
    r"(?!\s*(?:Photo|Images|/))"
)
# "（法新社羅馬19日電）", "新华社北京5月9日电", "（中央社記者王小明台北19日電）": a Chinese dateline
_WIRE_ZH = re.compile(
    r"(?:^|[（(\s])(?P<v>新华社|新華社|法新社|路透社|美联社|美聯社|中央社|中新社|共同社|韩联社|韓聯社"
    r"|塔斯社|德新社|安莎社|埃菲社|彭博社)[^（）()\s，。]{0,16}?\d{1,2}日[电電]"
)
_AGENCY_CASE = {"afp": "AFP", "rtr": "Reuters", "reuters": "Reuters", "ap": "AP"}
_MARKUP = re.compile(r"[=<>\"{}]")  # template residue ('size="20"'), not a name


def extract_editor(text: str) -> str:
    """The editor in charge: ``责任编辑：X``, ``责编：X``, ``【编辑:X】``, ``编辑/X``, "X Penulis
    Y Editor". Credits
    after a platform's disclaimer (``特别声明：``) are the platform's: the article's own come
    first."""
    disclaimer = _DISCLAIMER.search(text)
    parts = (text[: disclaimer.start()], text[disclaimer.start() :]) if disclaimer else (text,)
    for part in parts:
        for pattern in _EDITOR_FORMS:
            for match in pattern.finditer(part):
                rest = part[match.end() : match.end() + 1]
                name = person(match["v"]) or pen_name(match["v"])
                if name and rest not in (":", "："):  # "平台声明：" is the next label, not a name
                    return name
    card = CREDIT_CARD.search(text)  # "X Penulis Y Editor"
    return person(card["e"]) if card else ""


def editor_names(*texts: str) -> set[str]:
    """Every name the texts credit as an editor (``编辑：X  责任编辑：Y`` gives both)."""
    return {
        name
        for text in texts
        for pattern in _EDITOR_FORMS
        for match in pattern.finditer(text)
        if (name := person(match["v"]))
    }


def extract_source(*texts: str) -> str:
    """The publisher credited (``来源：X``, ``本文来源于X``, ``来自公众号：X``); not a picture's,
    and not a stand-in that names nobody (``来源：互联网``, ``来源：转载文章``)."""
    for text in texts:
        for pattern in _SOURCE_FORMS:
            for match in pattern.finditer(text):
                value = clean_name(match["v"])
                if (
                    value
                    and not re.fullmatch(r"[\d\s:：-]+", value)
                    and not _MARKUP.search(value)
                    and not _NO_SOURCE.fullmatch(value)
                ):
                    return value
    return ""


# The article's own copyright line, as Korean papers close a story: "Copyright © 데일리안.
# 무단전재 및 재배포 금지", "ⓒ 연합뉴스 무단 전재"; "© Nikkei Inc. All rights reserved".
_COPYRIGHT = re.compile(
    r"(?:Copyright\s*)?[©ⓒ]\s*(?:(?:19|20)\d\d\s*)?(?P<v>[^\s\d.,©ⓒ][^\s.,©ⓒ]{1,19}(?:\s[^\s.,©ⓒ]{2,20})?)"
    r"\s*[.,]?\s*(?:무단\s*전재|All rights reserved)",
    re.I,
)


def copyright_source(footer: str) -> str:
    """The holder of the copyright printed right after the article: on a portal that reposts
    a paper's story (Daum, Naver), the paper."""
    match = _COPYRIGHT.search(footer)
    value = clean_name(match["v"]) if match else ""
    return value if value and not _NO_SOURCE.fullmatch(value) else ""


def dated_source(header: str) -> str:
    """The publisher printed next to the article's time without a label, as portals and apps
    do: "2022-02-13 09:57 光明网", "2024-05-09 22:30 · 新华社", "11:21 《理财周刊》", before it
    on Japanese portals: "CNET Japan 3/9(木) 18:45配信", and between the byline and the time in
    a row of cells: "By Wang Xiaoyu | China Daily | Updated: …"."""
    found = (
        _DATED_SOURCE.finditer(header),
        _DELIVERED_BY.finditer(header),
        _BYLINE_ROW.finditer(header),
    )
    for match in (m for matches in found for m in matches):
        value = clean_name(match["v"] or match.groupdict().get("v2") or "")
        if value and not _NO_SOURCE.fullmatch(value):
            return value
    return ""


def is_agency(text: str) -> bool:
    """True when ``text`` is a news agency's name and nothing else ("JIJI", "AFP-JIJI")."""
    return bool(_AGENCY_NAME.fullmatch(text.strip()))


def wire_source(header: str, footer: str = "") -> str:
    """The news agency of a wire story: its dateline ("NEW YORK (Reuters) — …",
    "（法新社羅馬19日電）…", "AFP, MANILA Thousands of …"), or its copyright after the text
    ("© 2020 Reuters")."""
    match = _WIRE.search(header) or _WIRE_ZH.search(header) or _WIRE_COPYRIGHT.search(footer)
    return (match.groupdict().get("w") or match["v"]) if match else ""


def signed_agency(footer: str, closing: str) -> str:
    """The agency an editor's sign-off right after the text's last line (``closing``) names:
    "swe/dpa" gives dpa."""
    match = _SIGNED_WIRE.match(after_closing(footer, closing))
    return _AGENCY_CASE.get(match["v"].lower(), match["v"]) if match else ""
