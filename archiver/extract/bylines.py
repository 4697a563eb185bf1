"""Bylines as pages print them: who wrote the article.

Read from the article's header and footer (``regions.py``), in the forms Chinese and English
pages use: ``作者：X``, ``文/X``, ``文丨X``, ``记者 X``, ``（记者X、Y）``, ``（X）`` closing the
text, ``By X``, "Posted by X", blog and forum labels (``博主：X``, ``X 发表于 2024-05-06``).
European bylines too (``Von X und Y``, ``Par X (avec Y et Z)``). A name is checked before it
is taken (``names.person``: platform and publisher names, ids, e-mails, placeholders and job
titles are not people), and an editor never becomes the author. Editors and sources:
``credits.py``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from collections.abc import Set as AbstractSet

from archiver.extract.names import CHINESE_NAME, HAN, HAN_CHAR, STAFF, TITLE_WORDS, person

_LABELS = (
    r"(?:来源|作者|责任编辑|责编|编辑|记者|通讯员|发布|时间|日期|字体|分享|评论|阅读|浏览|关注"
    r"|举报|排版|审核|校对|选稿|监制|摄影|图片|实习生|打印|推荐|收藏|我要)"
)
_END = rf"(?=[\s|｜丨︱/／）)、]|$|{_LABELS}|\d|发自|發自)"  # "记者X发自北京": the dateline
# One Han name: 2-4 characters (a single-character given name may be printed apart: "方 敏");
# not the 丨 that tech media print as a bar ("文丨X"), which is in the Han block.
_NAME_HAN = "\u3400-\u4e27\u4e29-\u9fff"
# A name's character in the patterns of names in a row: a letter that is not Latin, written
# without a range of the Han block, which Python's regex compiler reads character by
# character (a few milliseconds a range; these patterns hold dozens, in every crawl process).
_NAME_CHAR = r"(?:(?!\u4e28)[^\W\d_A-Za-z])"
_HAN_NAME = rf"{_NAME_CHAR}(?:{_NAME_CHAR}{{1,3}}| {_NAME_CHAR})"
# What separates a label from its value: "作者：X", "文/X", "文 | X", "文丨X".
SEP = r"[:：/／|｜丨︱]"
# Names in a row (王建宏 张文攀, 邹多为、唐诗凝): each one must end where a name can end.
# "作者：责任编辑：X" names no author; "记者张新伟摄）" is a photo's credit, not a name ending in 摄
_ONE_NAME = rf"(?!{_LABELS}|责任){_HAN_NAME}(?<!摄){_END}"
HAN_NAMES = rf"{_ONE_NAME}(?:(?:\s*[、，,]\s*|\s+){_ONE_NAME})*"
# One printed value, up to the next space, separator or label.
VALUE = rf"(?P<v>(?:(?!{_LABELS}\s*{SEP})[^\s|｜丨︱/／，,。；;:：【】\[\]（）()]){{1,40}})"
_NAMES_OR_VALUE = rf"(?:(?P<names>{HAN_NAMES})|{VALUE})"
# Where an institution's name starts: a province, a city or the nation.
_PLACES = (
    r"(?:中国|中共|中央|国家|国务院|全国|北京|上海|天津|重庆|河北|山西|辽宁|吉林|黑龙江|江苏|浙江"
    r"|安徽|福建|江西|山东|河南|湖北|湖南|广东|海南|四川|贵州|云南|陕西|甘肃|青海|台湾|内蒙古"
    r"|广西|西藏|宁夏|新疆|香港|澳门|清华|复旦|南京|武汉|中山|南开|厦门|同济|人民|首都|深圳|西安"
    r"|广州|杭州|长春|大连|青岛|哈尔滨|成都|兰州)"
)
_TITLED_AUTHOR = re.compile(
    rf"作者\s*[:：]\s*[^）)]{{0,60}}?{TITLE_WORDS}\s*(?P<v>{HAN_CHAR}{{2,4}})(?=[）)\s]|$)"
)
# Blogs and forums label their writer too: "博主：X", "发帖人：X", "发信人: X (昵称), 信区: …".
_LABELLED_AUTHOR = re.compile(
    rf"(?:(?<!{HAN_CHAR})(?:文|图)\s*[/／]\s*(?:图|文)(?:\s*{SEP}|\s+)"  # "文/图 X": both by X
    rf"|(?:作者简介|作者|撰文|撰稿|采写|执笔人|执笔|供稿|博主|发帖人|发信人|楼主|(?<!{HAN_CHAR})(?:文字|图文|文图|文)"
    r"|著者|筆者|執筆)"  # Japanese: "著者：後藤大地"
    rf"\s*(?:{SEP}|[】\]]))\s*"
    rf"(?:{HAN_CHAR}{{0,6}}?{STAFF}记者\s*)?{_NAMES_OR_VALUE}"  # "采写：南都见习记者 X"
)
# "王小明/文", "王小明 文/图": the name first.
_NAME_THEN_WORD = re.compile(
    rf"(?<!{HAN_CHAR})(?P<v>{HAN_NAMES})\s*[/／]\s*文(?:/图|／图)?(?!{HAN_CHAR})"
)
# "作者 X", and "本文作者X，…" run into the sentence that introduces them.
_SPACED_AUTHOR = re.compile(
    rf"(?<!{HAN_CHAR})作者\s+(?P<v>{HAN_NAMES})"
    rf"|本文作者\s*(?P<v2>[{_NAME_HAN}]{{2,4}}?)(?=\s*(?:[，,（(\s]|系|是|为|现任))"
)
# A news desk, then its reporter: "上報快訊／范姜佳鈺".
_DESK_REPORTER = re.compile(
    rf"(?<!{HAN_CHAR}){HAN_CHAR}{{1,6}}?(?:快[讯訊]|新[闻聞]中心|新[闻聞])\s*[/／]\s*(?P<v>{HAN_NAMES})(?=[\s|｜/／]|$)"
)
# Who translated or compiled a piece, credited when nobody is named as its writer.
_COMPILER = re.compile(rf"(?<!{HAN_CHAR})(?:编译|整理|翻译|译者|译)\s*{SEP}\s*{_NAMES_OR_VALUE}")
_REPORTER = re.compile(
    rf"(?:^|(?<=[\s（(【〔\[：:社网报台视站讯□■●◎◆▲★○])){STAFF}(?:记者|通讯员|评论员)\s*{SEP}?\s*(?P<v>{HAN_NAMES})(?=\s*(?:[\s）)，,、|｜/／]|\d|报道|发自|發自|$))(?!\s*摄)"
)
_CLOSING_TAIL = 30  # the last characters of the text, found again in the footer
# How far after the text's last line a reporter's signature may start ("최윤호 기자 uknow@…").
_SIGNATURE_REACH = 12
# The same bracketed name printed on a line of its own after the text: "…的紀錄。 （羅森）"
_SIGN_OFF = re.compile(rf"^\s*[（(]\s*(?P<v>{HAN_NAMES})\s*[）)]")
_AUTHOR_IS = re.compile(
    rf"[（(](?:本文)?作者\s*[:：]?\s*(?P<v>[{_NAME_HAN}]{{2,4}})\s*[，,]?\s*(?:系|为|是|现任)"
)
# "（张艳）", "（X 上海报道）", and after the outlet the reporter writes for: "（网易财经 张艳）".
_OUTLET = rf"{HAN_CHAR}{{1,6}}(?:财经|新闻|日报|晚报|科技|频道|网|社|报|台)"
_CLOSING_NAMES = re.compile(
    rf"[（(]\s*(?:{_OUTLET}\s+)?(?P<v>{HAN_NAMES})\s*(?:{HAN_CHAR}{{2,3}}报道)?\s*[）)]\s*"
    r"(?:[\[【].*)?$"
)
# Between the names of a byline: "X, Y and Z", "X und Y", "X (avec Y et Z)", "X og Y".
# What joins the names of a byline: "X, Y and Z", "X und Y", "X (avec Y)".
NAME_JOIN = r"\s*(?:,|&|\b(?:and|und|et|y|og)\b|\(\s*(?:avec|with|mit|con)\b)\s*"
# Words that start the sentence after a byline, never a name's: "Von X Das Hotel …".
_NOT_NAME_WORD = (
    r"(?!(?:The|A|An|This|Die|Der|Das|Den|Dem|Ein|Eine|Im|Am|Auf|Mit|Nach|Bei|Le|Les|Une|Un"
    r"|El|Los|Las|Il|Una|Het|Een)\b)"
)
# A middle initial printed without its dot: "Kiran C Nair".
_INITIAL = r"[A-Z](?=\s+[A-Z][\w'’-])"
_ENGLISH = re.compile(
    r"(?<![A-Za-z])(?:(?:By|BY|Written by|Words by|Posted by|Reported by|Von|Par|Por|Door):?"
    r"|(?:Author|About the author|Autor|Autorin|Auteur):)\s+(?P<v>[A-Z][\w.'’-]+"
    rf"(?:\s+{_NOT_NAME_WORD}(?:[A-Z][\w.'’-]+|{_INITIAL}|de|la|van|von|der|da|di)){{0,3}}"
    rf"(?:{NAME_JOIN}[A-Z][\w.'’-]+(?:\s+{_NOT_NAME_WORD}(?:[A-Z][\w.'’-]+|{_INITIAL})){{0,3}})*)"
)
# "X 于 2024-05-06 15:47:53 发布", "由X发布": blogs and forums name the poster with the time.
# "X 发表于 2024-05-06", "X 发布于 …", "X 写于 …"; a cnblogs footer "posted @ 2019-07-09 17:30 X";
# a 2005 forum's "本贴由 X 于2005年8月12日16:12:21在〖…〗发表".
_POSTED_BY = re.compile(
    r"(?:(?<=\s)|^)(?P<v>[^\s:：]{2,20})\s+(?:于\s*(?:19|20)\d\d[-/年][^发]{0,20}发布"
    r"|(?:发表于|发布于|写于|发表在)\s*[:：]?\s*(?:19|20)\d\d)"
    r"|由\s*(?P<v2>[^\s]{2,20}?)\s*(?:于\s*(?:19|20)\d\d.{0,40}?)?(?:发布|张贴|发表)"
    r"|posted\s*@\s*(?:19|20)\d\d-\d\d?-\d\d?\s+\d\d?:\d\d\s+(?P<v3>[^\s]{2,30})",
    re.I,
)
# Portals of the 2000s print the writer in brackets just before the credited source:
# "2004年7月16日08:19 [ 黄宇 ] 来源：[ 国际金融报 ]".
_BRACKETED_BEFORE_SOURCE = re.compile(rf"[\[【]\s*(?P<v>{HAN_NAMES})\s*[\]】]\s*来源\s*[:：]")
# "（作者：方敏北京大学经济学院教授）": the name runs into the institution it is with.
_AUTHOR_OF_INSTITUTION = re.compile(
    rf"作者\s*[:：]\s*(?P<v>{HAN_CHAR}{{2,3}}?)(?={_PLACES}{HAN_CHAR}{{0,12}}?(?:大学|学院|研究院|研究所|研究中心|科学院|党校|委员会))"
)
# A line of the body that is a byline: "By X, BBC News, New York", "文/X", "作者：X".
_BYLINE_LINE = 80
_CREDIT_LINE = 30  # a reporter's credit line is this short, its credit this near its start
_CREDIT_LEAD = 4
_BYLINE_START = re.compile(
    rf"(?:By|Written by|Words by|Posted by|Reported by|Von|Par|Por|Door)\s|(?:文|作者|撰文)\s*{SEP}"
    rf"|{HAN_CHAR}{{2,4}}\s*[/／]\s*文"
)
_LINE_FORMS = (_LABELLED_AUTHOR, _NAME_THEN_WORD)
_POSTED_BY_EN = re.compile(r"(?:Posted|Written|Reported) by\s+([A-Z][^.,;|]{2,60})")
# A radio or TV report signed off by its reporter and the station: "Max Lee, KBS World Radio
# News.", "Jane Doe, NPR News, Washington."; read in the text's last lines.
_BROADCAST_SIGN_OFF = re.compile(
    r"(?P<v>[A-Z][\w'’-]+(?: [A-Z][\w'’-]+){1,2}),\s+[A-Z][\w ]{1,40}?(?:News|Radio|TV)"
    r"(?:,\s*[A-Z][\w ]{2,30})?\."
)
# The interviewer an interview closes with: "Das Gespräch führte Peter Hanselmann." (SRF),
# "Propos recueillis par Marie Dupont".
_INTERVIEWER = re.compile(
    r"(?:Das (?:Gespräch|Interview) führten?|Propos recueillis par|Entretien réalisé par)"
    r"\s+(?P<v>[^.]{3,60}?)\.?"
)
_SIGN_OFF_LINES = 3
# A line that is only a name: two to four Han characters, or "Firstname Lastname".
_BARE_NAME = re.compile(rf"{HAN_CHAR}{{2,4}}|[A-Z][a-z]+(?: [A-Z][a-z.'-]+){{1,2}}")
_NOT_NAMES = {"导读", "摘要", "前言", "引言", "正文", "编者按", "提要", "简介", "概述", "目录"}
_LOOSE_REPORTER = re.compile(
    rf"(?:记者|通讯员)\s*{SEP}?\s*(?P<v>{HAN_NAMES})(?=\s|$|[，,、|｜）)])(?!\s*摄)"
)
_LOWER_BY = re.compile(r"(?<![A-Za-z])by\s+(?P<v>[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3})")
# "Photo by X", "Powered by X": a credit that is not the writer's.
_CREDIT_WORD = re.compile(
    r"(?:photo|photos|photograph|image|images|illustration|graphic|video|powered|sponsored|"
    r"presented|edited|reviewed|checked|translated|produced|courtesy|followed|credit|supported|"
    r"hosted|designed|developed|made|owned|operated|published)\s*$",
    re.I,
)
_LABELLED_HANDLE = re.compile(
    rf"(?:作者|博主|发帖人|发信人|楼主)\s*{SEP}?\s*(?P<v>[A-Za-z][A-Za-z0-9_.-]{{2,30}})(?![\w@.]|\s*=)"
)  # not a template's leaked attribute: "作者： size="20""
_MONTHS = re.compile(
    r"\s+(?:(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?\s+\d"  # not "Jan Strozyk"
    r"|(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Updated|Published|Photo"
    r"|Image)\b).*$"
)

_VALUE_GROUPS = ("names", "v", "v2", "v3")
# A translated writer's own name after the Chinese one: "周思博 (Joel Spolsky)".
_LATIN_NAME = re.compile(r"\s*[（(]([A-Z][a-z]+(?: [A-Z][a-z.'-]+){1,3})[)）]")


def _first(patterns: Iterable[re.Pattern[str]], text: str, not_names: AbstractSet[str]) -> str:
    for pattern in patterns:
        for match in pattern.finditer(text):
            found = match.groupdict()
            value = next((v for k, v in found.items() if v and k in _VALUE_GROUPS), "")
            name = person(value, not_names)
            if name:
                latin = _LATIN_NAME.match(text, match.end())
                return f"{name} ({latin[1]})" if latin and re.search(f"[{HAN}]", name) else name
    return ""


def _english_names(text: str, not_names: AbstractSet[str]) -> str:
    """The people of the first ``By X`` in ``text``: "By Nada Tawfik, BBC News, New York" gives
    the names before the first that is not a person, nor a single word after a name."""
    for match in _ENGLISH.finditer(text):
        names: list[str] = []
        value = match["v"]  # cut where a date or a label starts, read with the day after it
        dated = _MONTHS.search(value + text[match.end() : match.end() + 4])
        value = value[: dated.start()] if dated and dated.start() < len(value) else value
        for part in re.split(NAME_JOIN, value):
            name = person(part, not_names)
            if not name or (names and " " not in name):
                break  # after a name, one word is a place or an outlet ("Von X, Frankfurt")
            names.append(name)
        if names:
            return ", ".join(names)
    return ""


# A Japanese paper's dateline names its correspondent: "【ソウル＝小池和樹】".
_DATELINE_JA = re.compile(r"【[^【】＝=\s]{1,12}[＝=](?P<v>[\u4e00-\u9fff々ヶ]{2,5})】")
# A Korean reporter: "스포츠조선=선수민 기자", "[부산=스포츠조선 선수민 기자]", "박상우 기자 (…@…)".
_REPORTER_KO = re.compile(r"(?<![가-힣])(?P<v>[가-힣]{2,4})\s?기자(?![가-힣])")
# A Korean portal prints the reporter's name alone before the time ("박상우 2024. 5. 13. 12:52",
# Daum): three syllables from a common surname, which no section name ("경제") is.
_KO_SURNAMES = (
    "김이박최정강조윤장임한오서신권황안송류전홍고문양손배백허유남심노하곽성차주우구민진나지엄"
    "채원천방공현함변염여추도소석선설마길연위표명기반왕금옥육인맹제모탁국어은편용예경봉"
)
_DATED_NAME_KO = re.compile(
    rf"(?<![가-힣])(?P<v>[{_KO_SURNAMES}][가-힣]{{2}})\s+(?:입력\s*)?20\d\d\.\s?\d{{1,2}}\.\s?\d{{1,2}}\."
)
# A Chinese wire's dateline runs the reporter into the place: "（中央社記者溫貴香台北21日電）",
# "新华社记者王晶北京5月9日电". A name is mostly three characters, a place at least two.
_DATELINE_ZH = re.compile(
    rf"(?<=[社网报台])记者(?P<v>[{HAN}]{{2,3}})(?=[{HAN}]{{2,6}}(?:\d{{1,2}}月)?\d{{1,2}}日[电讯電訊])"
)


# A credit card that prints each person before their role: "Dian Erika Nugraheny Penulis Icha
# Rastika Editor" (Kompas, Tribun): the writer, then the editor (``credits.py`` reads ``e``).
# (its heading, "Tim Redaksi" or "Editorial Team", is no part of the first name)
_CARD_WORD = r"(?!(?:Tim|Redaksi|Team|Editorial|Staff)\b)[A-Z][\w'’.-]+"
_CAPITALISED = rf"{_CARD_WORD}(?:\s+{_CARD_WORD}){{0,3}}"
CREDIT_CARD = re.compile(
    rf"(?<![\w'’.-])(?P<v>{_CAPITALISED})\s+(?:Penulis|Wartawan|Reporter|Writer|Author)\s+"
    rf"(?P<e>{_CAPITALISED})\s+(?:Editor|Penyunting|Redaktur)\b"
)


def author_from_header(header: str, not_names: AbstractSet[str] = frozenset()) -> str:
    """The byline printed with the title: ``作者：X``, ``文/X``, ``记者 X``, ``By X``,
    ``【ソウル＝X】``."""
    english = _english_names(header, not_names)
    if english:
        return english
    forms = (
        _TITLED_AUTHOR,
        _AUTHOR_OF_INSTITUTION,
        _LABELLED_AUTHOR,
        _NAME_THEN_WORD,
        _SPACED_AUTHOR,
        _DATELINE_ZH,  # before the reporter's form, which reads on into the place
        _REPORTER,
        _DESK_REPORTER,
        _AUTHOR_IS,
        _POSTED_BY,
        _BRACKETED_BEFORE_SOURCE,
        _DATELINE_JA,
        _REPORTER_KO,
        _DATED_NAME_KO,
        CREDIT_CARD,
    )
    return _first(forms, header, not_names)


def author_from_above(above: str, not_names: AbstractSet[str] = frozenset()) -> str:
    """Looser forms, read only between the title and the body, where nothing is running text:
    a reporter credited by any outlet ("澎湃新闻记者 X"), a lowercase "by X" ("Posted on May 1
    by Jane Doe"), a handle after a label ("作者：weixin_54697010")."""
    for match in _LOOSE_REPORTER.finditer(above):
        name = person(match["v"], not_names)
        if name:
            return name
    for match in _LOWER_BY.finditer(above):
        if not _CREDIT_WORD.search(above[max(0, match.start() - 16) : match.start()]):
            name = _english_names("By " + match["v"], not_names)
            if name:
                return name
    for match in _LABELLED_HANDLE.finditer(above):
        handle = match["v"]
        if len(re.findall("[A-Za-z]", handle)) >= 3 and not any(
            len(n) >= 3 and n.lower() in handle.lower() for n in not_names
        ):
            return handle
    return ""


def blog_poster(footer: str, platform: AbstractSet[str]) -> str:
    """The poster a blog or forum signs the post with in its footer ("posted @ 2024-05-09 14:45
    好看的hk", "X 发表于 …"), where the blog is named after them, as personal blogs are: only the
    ``platform``'s own names (the blogging service's) are not the poster's."""
    return _first((_POSTED_BY,), footer, platform)


def after_closing(footer: str, closing: str) -> str:
    """What the footer prints after the text's last line (``closing``), found by its last
    characters: a signature, an editor's sign-off; '' when the footer does not print it."""
    tail = closing.strip()[-_CLOSING_TAIL:]
    at = footer.rfind(tail) if tail else -1
    return footer[at + len(tail) :] if at >= 0 else ""


def author_from_footer(
    footer: str, closing: str = "", not_names: AbstractSet[str] = frozenset()
) -> str:
    """The signature closing the text: ``（记者X）``, ``（作者X系…）``, ``作者：X``, a blog's
    ``由X张贴``, or a bracketed name ending the article's last line (``（X）``,
    ``（X 上海报道）``) or printed right after it, as a Korean reporter's ``X 기자`` is."""
    forms = (
        _REPORTER,
        _AUTHOR_IS,
        _TITLED_AUTHOR,
        _AUTHOR_OF_INSTITUTION,
        _LABELLED_AUTHOR,
        _NAME_THEN_WORD,
        _SPACED_AUTHOR,
        _POSTED_BY,
    )
    after = after_closing(footer, closing)
    return (
        _first(forms, footer, not_names)
        or _first((_CLOSING_NAMES,), closing, not_names)
        or _first((_SIGN_OFF,), after, not_names)
        or _first((_REPORTER_KO,), after[:_SIGNATURE_REACH], not_names)  # "최윤호 기자 …@…"
        or _english_names(" | ".join(f"By {v}" for v in _POSTED_BY_EN.findall(footer)), not_names)
        or _first((_COMPILER,), footer, not_names)
    )


# A column's title opening with its writer's name: "叶檀：谁的阴谋？", "欧阳觅剑:收费公路…".
_TITLE_NAME = re.compile(rf"(?P<v>{CHINESE_NAME})\s*[:：]\s*\S{{4}}")


def columnist_of_title(title: str, lines: Sequence[str]) -> str:
    """The name a column's title opens with, when the text never names it: a quoted person
    ("鄭文燦：多元方案解決蛋荒") is named in the text that reports him, a place ("黄山：") too."""
    title = title.strip()
    match = _TITLE_NAME.match(title)
    text = [line for line in lines if title not in line]  # not the headline heading the text
    if not match or not text or any(match["v"] in line for line in text):
        return ""
    return person(match["v"])


def author_from_lines(
    lines: Sequence[str], title: str = "", not_names: AbstractSet[str] = frozenset()
) -> str:
    """A byline the body prints as a line of its own, wherever it is ("By X, BBC News" above
    a section a correspondent wrote, "□ 本报记者 X" after the text), a broadcast's or an
    interview's sign-off or a credit line closing it ("Max Lee, KBS World Radio News.", "Das
    Gespräch führte X.", "整合 新华日报·交汇点记者 徐睿翔"), or a bare name right under the
    title as reposts print it (the title, then "茉莉", then the text)."""
    for line in lines:
        line = line.strip()
        if len(line) <= _BYLINE_LINE and _BYLINE_START.match(line):
            name = _english_names(line, not_names) or _first(_LINE_FORMS, line, not_names)
            if name:
                return name
        # a reporter's credit on a line of its own: "□ 本报记者 葛灵丹" closing the text
        credit = _REPORTER.search(line) if len(line) <= _CREDIT_LINE else None
        if credit and credit.start() <= _CREDIT_LEAD and (name := person(credit["v"], not_names)):
            return name
    for line in (line.strip() for line in lines[-_SIGN_OFF_LINES:]):
        # "Max Lee, KBS World Radio News.", "Das Gespräch führte Peter Hanselmann."
        signed = _BROADCAST_SIGN_OFF.fullmatch(line) or _INTERVIEWER.fullmatch(line)
        # a short credit line the reporter's name closes: "整合 新华日报·交汇点记者 徐睿翔"
        credit = _LOOSE_REPORTER.search(line) if len(line) <= _CREDIT_LINE else None
        for value in (signed and signed["v"], credit and credit.end() == len(line) and credit["v"]):
            if value and (name := person(value, not_names)):
                return name
    shown = re.sub(r"\s+", "", title)
    for above, line in zip(lines[:3], lines[1:4], strict=False):
        bare = line.strip()
        if re.sub(r"\s+", "", above) in shown and _BARE_NAME.fullmatch(bare):
            name = person(bare, not_names)
            if name and name not in _NOT_NAMES:
                return name
    return ""
