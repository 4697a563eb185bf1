"""Whether a printed string is a person's name, and the name as it is stored.

A byline's value is checked before it is taken: platform and publisher names, numbers and CMS
ids, e-mails, URLs, placeholders, bare job titles, sentence fragments and the words of the
menus, buttons and labels printed around a name are not people (``person``); what a page
prints with a name (a reporter's prefix, a staff code, a job title, initials) is cut from it
(``clean_name``). The bylines themselves are read in ``bylines``.
"""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet

HAN = "\u3400-\u9fff"
HAN_CHAR = r"[^\W\d_A-Za-z]"  # one Han character (or kana, hangul): not a digit or Latin
TITLE_WORDS = (
    r"(?:研究员|教授|部长|主任|主编|院长|所长|经理|总监|博士|记者|编辑|书记|主席|专家|学者)"
)
# What a reporter's credit may say before 记者: "本报全媒体记者", "（实习记者", "驻京记者".
STAFF = rf"(?:本报|本台|本刊|本网)?(?:特约|实习|见习|首席|资深|全媒体|融媒体|驻{HAN_CHAR}{{1,3}})?"
_OWNED = re.compile(
    r"(?P<who>[^\s_|]{2,20}?(?: [^\s_|]{1,20}?){0,2})"
    r"\s*(?:的(?:博客|个人空间|空间|专栏|主页|日志|部落格|网志|blog|Blog|BLOG)"
    r"|'s\s+(?:[Bb]log|[Ww]eblog|[Hh]omepage))"
)
# The commonest Chinese surnames, in either script, and the compound ones: how a column's
# title that opens with a name ("叶檀：谁的阴谋？") is told from one opening with a place.
_SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏"
    "魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵"
    "万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘"
    "祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解"
    "牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬"
    "边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝"
    "張劉陳楊黃趙吳孫馬羅鄭謝許韓馮鄧蕭葉蘇呂盧鍾譚陸範賈韋鄒閻賀顧龔萬錢嚴湯蔣溫龐顏莊聶魯"
    "歐關蘭鄔齊喬"
)
_COMPOUND_SURNAMES = (
    "欧阳|歐陽|司马|司馬|上官|诸葛|諸葛|东方|東方|皇甫|令狐|慕容|公孙|公孫|宇文|长孙|長孫|夏侯"
    "|端木|尉迟|尉遲|澹台|西门|南宫|南宮|司徒|申屠|轩辕|呼延"
)
CHINESE_NAME = rf"(?:(?:{_COMPOUND_SURNAMES})[{HAN}]{{1,2}}|[{_SURNAMES}][{HAN}]{{1,2}})"
_STAFF_CODE = re.compile(r"(?:[_\s]*[A-Z]{1,4}\d{2,})+$")
_ORG_TAIL = re.compile(
    r"(?:网|报|社|台|站|频道|客户端|新闻|日报|晚报|杂志|周刊|中心|公司|集团|平台|研究院|编辑部|工作室|号)$"
)
# A news agency's word, glued or not: "SID Nachrichtenagentur", "Agence France-Presse".
AGENCY = r"(?:nachrichten)?agentur\b|\bagen(?:cy|ce|cia)\b"
# An outlet's acronym before words in lower case: "CNN Democratic National Committee" (a
# byline "By Ed Hornick, CNN" run on into a caption), "AFP Staff"; a name set in capitals
# is capitals throughout ("JONATHAN MARTIN").
_ACRONYM_LEAD = re.compile(r"[A-Z]{3,6}\s+\S*[a-z]")
_NOT_PEOPLE = re.compile(
    r"\d|@|[=<>\"{}]|https?:|www\.|\.com|\.cn|[\w-]\.[a-z]{2,6}$"
    r"|\b(?:News|Team|Inc|Ltd|LLC|Media|Corporation|Nast|Press|"
    r"Staff Writer|Editorial|Admin|Administrator|Unknown|Anonymous|Name|No Author|N/A)\b|"
    rf"{AGENCY}|^(?:name|author|admin|"
    r"佚名|未知|匿名|不详|本站|小编|网友|管理员|网络|网络整理|综合整理|本站整理|综合"
    r"|原文|原创|转载|出处|来源|作者|楼主|登录|注册|时间|日期|发布|浏览|阅读|点击)$"
    # a person spoken of with a Japanese honorific ("（島田さん）" after a quote), not a byline
    r"|(?:さん|様|ちゃん|くん)$",
    re.I,
)
# A byline's label left before the name ("von APA", "By Jane Doe"), alone it is no name.
_LATIN_LABEL = re.compile(r"^(?:by|von|par|por|door)(?:\s+|$)", re.I)
# A job title printed after the name, or alone after a comma: "Emma Mackenzie Lifestyle
# Writer", "X, Senior Editor", "X, Software Engineer".
_JOB_TITLE = re.compile(
    r"(?:^|,?\s+)(?:(?:Senior|Staff|Chief|Deputy|Contributing|Associate|Managing|Executive|Digital"
    r"|News|Lifestyle|Political|Sports?|Tech(?:nology)?|Science|Business|Travel|Health"
    r"|Entertainment|Features?|Money|Royal|Showbiz|World|Politics|Software|Product|Security"
    r"|Research|Program|Project|Engineering|Marketing|Data|Developer|Communications)\s+){0,2}"
    r"(?:Writer|Editor|Reporter|Correspondent|Columnist|Contributor|Journalist|Engineer"
    r"|Manager|Scientist|Researcher|Designer|Analyst|Advocate|Redakteur(?:in)?"
    r"|Korrespondent(?:in)?)s?$"
)
_OUTLET_CHARS = 4  # a site name this long may close a byline: not "AP"
# The outlet in capitals after a comma: "Francesca Gariano, TODAY", "Jane Doe, AP".
_OUTLET_AFTER = re.compile(r"(?<=[a-z.]),\s*[A-Z][A-Z&.]+(?:\s+[A-Z][A-Z&.]+)*$")
# A writer's initials a paper adds in brackets: "Elena Oberholzer (obe)", "Corina Gall (cog.)".
_INITIALS_TAG = re.compile(r"\s*\([a-zäöü]{2,4}\.?(?:\)|$)")
# The part of a credit saying the person compiled the piece ("（记者陈智 整合）").
_COMPILED = re.compile(r"\s+(?:整合|整理|编译|综合|采写|撰稿|执笔)$")
# Words of a sentence, never in a name; a staff title's first half (见习记者).
_SENTENCE_WORDS = re.compile(r"了|的|采访|表示|认为|介绍|透露")
_STAFF_END = re.compile(r"(?:特约|实习|见习|首席|资深|全媒体|融媒体)$")
# Words of the links around a byline ("记者博客", "联系记者", "读者热线"), never in a name.
_PAGE_WORDS = re.compile(r"记者|编辑|博客|联系|热线|信箱|邮箱|微博|专栏|手记|投稿|荐稿")
# Words of the channel menus a footer runs into after a signature, never in a name.
_CHANNEL_WORDS = re.compile(r"最新|动态|聚焦|热点|推荐|专题|更多|相关|排行|头条|要闻|滚动|首页")
# Buttons, links and labels printed right after a name ("Share", "Twitter", "Zuerst
# veröffentlicht"), and an outlet's initials ("Denis Dilba TR"): no part of it.
_AFTER_NAME = re.compile(
    r"\s+(?:Share|Follow|Email|Print|Comments?|Tweet|Subscribe|Save|Copy|Listen"
    r"|Zuerst|Aktualisiert|Veröffentlicht|Publié|Mis|Actualizado|Publicado|Pubblicato"
    r"|Twitter|Facebook|LinkedIn|Instagram|Today|Yesterday)\b.*$"
    r"|\s+[A-Z]{2,3}$"
)


def clean_name(value: str) -> str:
    """A printed name without reporter prefixes, staff codes, brackets or a trailing date."""
    value = re.sub(rf"^{STAFF}(?:记者|通讯员|评论员|实习生)\s*", "", value.strip())
    value = _LATIN_LABEL.sub("", value.lstrip(" |｜/"))  # "von APA", "|Roman Warschauer"
    value = re.sub(r"\s*\d{4}[-/.年].*$", "", value)
    value = _STAFF_CODE.sub("", value)
    value = _OUTLET_AFTER.sub("", value)
    value = _JOB_TITLE.sub("", _INITIALS_TAG.sub("", _AFTER_NAME.sub("", value)))
    return value.strip(" ·•（）()<>《》「」“”\"'：:,，、|[]【】")


def _joined_han(value: str) -> str:
    """``王乐文 方 敏`` -> ``王乐文 方敏``: single characters printed apart form one name."""
    return re.sub(rf"(?<![{HAN}])([{HAN}]) ([{HAN}])(?![{HAN}])", r"\1\2", value)


# A desk, not a person: "Our Foreign Staff", "Our Correspondent".
_DESK = re.compile(r"^Our\s|\bstaff (?:reporter|writer|correspondent)s?$", re.I)


def is_desk(value: str) -> bool:
    """True for a newsroom's desk credited as the author ("By Our Foreign Staff", "Guardian
    staff reporter")."""
    return bool(_DESK.search(value.strip()))


def is_placeholder(value: str) -> bool:
    """True for a template's stand-in or an address rather than a name."""
    return bool(re.search(r"@|https?:|www\.|^(?:name|author|admin|佚名|未知|匿名)\b", value, re.I))


def owner(site_name: str) -> str:
    """Whose a personal site is, by its name ("张三的博客", "Joel's Blog"), or ''."""
    found = _OWNED.fullmatch(site_name.strip())
    return found["who"].strip() if found else ""


def pen_name(value: str) -> str:
    """``value`` as a pen name of five or six Han characters ("几乎不流浪"), which an editor's
    credit may give: no sentence, staff word or organisation in it."""
    value = value.strip()
    if not re.fullmatch(rf"[{HAN}]{{5,6}}", value):
        return ""
    if _SENTENCE_WORDS.search(value) or _PAGE_WORDS.search(value) or _ORG_TAIL.search(value):
        return ""
    return "" if _NOT_PEOPLE.search(value) or _CHANNEL_WORDS.search(value) else value


def _without_outlet(value: str, not_names: AbstractSet[str]) -> str:
    """The name before the site's own name, which a byline prints after it once its job title
    is cut ("By Benjamin Romano Seattle Times business reporter", the site The Seattle Times),
    or after a comma ("[田中宏昌，ITmedia]" on itmedia.co.jp)."""
    for site in not_names:
        outlet = re.sub(r"^The\s+", "", site.strip())
        found = re.search(rf"[\s,，、/|]+{re.escape(outlet)}$", value, re.I)
        if len(outlet) >= _OUTLET_CHARS and found and found.start():
            return value[: found.start()].strip()
    return value


def _two_joined(value: str) -> str:
    """``罗科苏盈`` -> ``罗科 苏盈``: four Han characters, each half opening with a common
    surname, are two reporters printed together (a Chinese name has two or three characters
    unless its surname is a compound one, or doubled as Hong Kong's married names are:
    陈方安生)."""
    if (
        len(value) == 4
        and value[0] in _SURNAMES
        and value[1] not in _SURNAMES
        and value[2] in _SURNAMES
        and not re.match(_COMPOUND_SURNAMES, value)
        and re.fullmatch(rf"[{HAN}]{{4}}", value)
    ):
        return f"{value[:2]} {value[2:]}"
    return value


def person(value: str, not_names: AbstractSet[str] = frozenset()) -> str:
    """``value`` as a person's name, or '' when it is an organisation, id, address or title."""
    value = re.sub(rf"(?:\s*[{HAN}]{{2,3}}|\s+)报道$", "", value.strip())  # "X 北京报道"
    value = _COMPILED.sub("", value)  # "陈智 整合": who compiled it, the name before
    value = _two_joined(_without_outlet(_joined_han(clean_name(value)), not_names))
    parts = value.split(" ")
    ends = [i for i, part in enumerate(parts) if i and _CHANNEL_WORDS.search(part)]
    value = " ".join(parts[: ends[0]]) if ends else value  # "刘涛 最新动态 聚焦": a menu after it
    titled = re.search(rf"{TITLE_WORDS}\s*([{HAN}]{{2,4}})$", value)
    if titled and len(value) > 6:  # "研究部部长、研究员徐占忱": the name after the job title
        value = titled[1]
    if not value or len(value) > 40 or re.fullmatch(r"[A-Z]{1,3}", value) or "：" in value:
        return ""  # nothing, a sentence, an avatar's initials ("PA"), a label ("作者：白居易")
    if any(
        len(n) >= 2 and (n in value or value in n) and owner(n) != value for n in not_names if n
    ):
        return ""  # the site, the platform or the editor
    if re.search(rf"[{HAN}]{{5,}}", value) or re.fullmatch(rf"[{HAN}]", value):
        return ""  # no person's name runs to five characters, or has one
    if (_SENTENCE_WORDS.search(value) and re.fullmatch(rf"[{HAN}\s、，,]+", value)) or (
        _STAFF_END.search(value)
    ):
        return ""  # "采访了原" (…记者采访了原作者…), "南都见习" (…见习记者 X)
    if re.fullmatch(rf"{TITLE_WORDS}|记者|编辑|通讯员|实习生", value):
        return ""
    if (
        _NOT_PEOPLE.search(value)
        or _PAGE_WORDS.search(value)
        or _ACRONYM_LEAD.match(value)
        or is_desk(value)
    ):
        return ""
    han = re.sub(rf"[^{HAN}]", "", value)
    if han and (_ORG_TAIL.search(value) or len(han) > 16):
        return ""
    return value
