"""Boilerplate phrases of Chinese portals: lines that are never part of an article's text.

Kinds recognised, all generic (no site names): notices and disclaimers (声明, 观点仅代表作者,
转载请注明, 信息存储空间服务), credit lines (责任编辑, 作者 | X, 本报记者 X, 校对, 图片来源),
date-and-source lines, newspaper edition lines, share/comment prompts, related-list headings
and footer link rows. Long texts are only matched by their start, so a paragraph that merely
mentions such a phrase is kept.
"""

from __future__ import annotations

import re

from archiver.extract.sentences import SENTENCE_BREAK

# A block whose text starts with one of these is page furniture, not article content.
_BOILERPLATE_START = re.compile(
    r"^\s*(?:"
    r"声明[:：]|免责声明|版权声明|【?版权所有|原文标题\s*[:：]|原标题\s*[:：]|"
    r"(?:特别|平台|免责|版权|广告|法律|网站|郑重)声明|"
    r"本文(?:为|系)?(?:转载|来源|来自)|转载请注明|未经(?:许可|授权)|"
    r"责任编辑[:：]|编辑[:：]|相关(?:阅读|文章|推荐|新闻)|推荐阅读|延伸阅读|"
    # a link to another article, labelled: "Lire aussi : …", "Lesen Sie auch: …"
    r"(?:(?:à\s+)?lire\s+aussi|read\s+(?:more|also)|see\s+also|also\s+read|lesen\s+sie\s+(?:auch|mehr)"
    r"|mehr\s+zum\s+thema|leggi\s+anche|lee\s+también|leia\s+também|zie\s+ook)\s*[:：]|"
    r"分享到|扫码|扫一扫|(?:微信|长按)扫(?:一扫|码)|关注我们|关注(?:该|本|我们的)?公众号|"
    r"点击(?:进入|查看|阅读原文|上方|下方)|点击蓝字|阅读原文|"
    r"(?:当前|您的|你的|您现在的|现在)位置\s*[:：]|"
    r"上一篇|下一篇|返回\w{0,6}首页|(?:发送|推荐|转发)给(?:朋友|好友)|(?:目前|暂时|暂)?还?没有(?:热门)?(?:跟贴|评论|留言)|【?打印本(?:页|稿|文)|关闭窗口|查看完整版本|分享让更多人看到|"
    r"(?:该|此|本)?主题已(?:经)?(?:被)?关闭|"
    r"(?:资料)?图片来源\s*[:：]|图源\s*[:：]|题图(?:来自|来源)|"
    r"(?:查看|发表|参与|网友|热门|全部|最新)(?:更多)?评论|登录后|已有\d+人参与|"
    r"返回\w{1,4}[,，]\s*查看更多|展开全文|"
    r"Notice\s*:\s*The content above|Copyright\b|©|"
    r"(?:[\w’' ]{1,30}:\s*)?(?:Sign up|Subscribe)\b.{0,60}\bnewsletters?\b|"
    r"[-—\s]*END[-—\s]*$|(?:摘要|导读|导语|核心提示|内容提要)\s*[:：]?\s*$|"
    r"(?:【)?(?:我要)?(?:评论|分享|收藏|点赞|举报|打印|纠错|关闭|返回顶部)(?:】)?[\s\d()（）]*$"
    r")",
    re.I,
)

_ROLE = (
    r"(?:作者|编辑|责编|责任编辑|执行编辑|值班编辑|校对|审核|审校|审稿|审读|终审|总监制|监制|统筹|策划|"
    r"记者|通讯员|实习生|摄影|摄像|图片编辑|美编|撰文|编译|翻译|排版|设计|出品|主编|"
    r"文字|来源|稿源|出处|文|图)"
)
# "作者 | 王言", "（责编：赵晶、李明）", "【责任编辑:张樵苏】", "校对：张艳", "来源：新华网"
_CREDIT = re.compile(
    rf"^[（(【\[]?\s*(?:本报|本刊|本台|特约|实习|文章|稿件|内容|信息)?{_ROLE}\s*[:：|丨｜/]\s*\S.{{0,40}}$"
)
# "本报记者 刘洋", "澎湃新闻记者 王静", "记者 张三 李四"
_REPORTER = re.compile(
    r"^[\u4e00-\u9fff]{0,8}(?:记者|通讯员)\s*[\u4e00-\u9fff·]{2,4}"
    r"(?:\s*[、,，\s]\s*[\u4e00-\u9fff·]{2,4})*$"
)
# "2026-11-19 11:05 来源：澎湃新闻", "2026年11月16日08:21 | 来源：人民网"
_DATELINE = re.compile(r"^\d{4}\s*[-年/.]\s*\d{1,2}\s*[-月/.]\s*\d{1,2}")
_DATE_ONLY = re.compile(r"^[\d\s年月日时分秒:：/.\-]+(?:(?:星期|周)[一二三四五六日天])?$")
_SOURCE = re.compile(r"来源|稿源|作者|编辑|发布于|阅读\s*\d|浏览")
# "《 人民日报 》（ 2026年11月16日 02 版）"
_EDITION = re.compile(r"^《.{1,12}》\s*[（(].{0,30}版\s*[）)]$")
# Phrases that make a short block a notice wherever they stand in it.
_NOTICE = re.compile(
    r"观点仅代表|仅代表(?:作者|个人|其)?(?:本人)?(?:个人)?(?:的)?观点|不代表.{0,14}(?:立场|观点)|"
    r"信息存储(?:空间)?服务|(?:禁止|不得|谢绝)(?:任何)?转载|转载请(?:注明|联系)|如(?:需|若)转载|"
    r"未经.{0,8}(?:授权|许可|同意).{0,12}(?:转载|使用|复制|摘编)|版权(?:所有|归.{0,12}所有)|"
    r"all rights reserved|如有侵权|侵权.{0,8}(?:删除|联系)|授权事宜请联系|违法和不良信息举报|"
    r"(?:去|到|在)\s*App\s*(?:Store|商店|应用商店)\s*(?:搜|下载)|"
    r"(?:扫描|长按|识别)(?:下方|左方|左侧|右方|右侧|上方|文末|图中|图片)?的?二维码.{0,20}关注|"
    r"\btrackback\b|引用通告|已被(?:阅读|浏览|点击)\s*\d+\s*次|"  # a 2005 blog's post footer
    r"\b(?:this|our) (?:web)?site uses cookies\b|\bwe use cookies\b|"  # a cookie notice
    r"请遵守.{0,16}(?:公约|规则|规定|条例)|不得违反(?:国家)?法律法规|纯属(?:作者)?个人(?:观点|意见)|(?:言论|观点|文章).{0,12}与本(?:站|网|论坛)无关",
    re.I,
)
# "新浪声明：此消息系转载自合作媒体…": a named notice, told from quoted statements by its words.
_NAMED_NOTICE = re.compile(r"^\w{1,6}声明\s*[:：]")
_NOTICE_WORDS = re.compile(r"转载|观点|立场|仅供参考|不构成|侵权|版权|信息存储|风险自担")
_HAN_GAP = re.compile(r"(?<=[\u4e00-\u9fff])[ \u3000]+(?=[\u4e00-\u9fff])")
_NOTICE_MAX = 300
_META_MAX = 60


def _is_nav_row(text: str) -> bool:
    """A row of short links separated by bars or dashes: "关于我们 | 联系我们 | 广告服务 | ...",
    "首页 - 新闻 - 体育 - 娱乐"."""
    if text.startswith(("|", "｜")):
        return False
    parts = [p.strip() for p in re.split(r"[|｜•·]|\s+-\s+", text)]
    return (
        len(parts) >= 4
        and sum(map(len, parts)) / len(parts) <= 8
        and not any(ch.isdigit() for ch in text)
    )


# "第1页/共3页 << 上一页 | 下一页 >>", "上一页 1 2 3 下一页", "Page 2 of 5 « Previous | Next »"
_PAGER_WORD = re.compile(
    r"第\s*\d+\s*页|共\s*\d+\s*页|[上下前后]一?页|首页|尾页|末页|"
    r"page\s*\d+(?:\s*of\s*\d+)?|previous|next|prev",
    re.I,
)
_PAGER_REST = re.compile(r"[\d\s<>«»‹›|｜/／\[\]【】()（）.,，…:：-]*")


def _is_pager(text: str) -> bool:
    """A row of page links and page numbers, nothing else."""
    words = _PAGER_WORD.findall(text)
    return (
        bool(words)
        and any("页" in w or len(w) > 4 for w in words)
        and bool(_PAGER_REST.fullmatch(_PAGER_WORD.sub(" ", text)))
    )


def _is_button_row(text: str) -> bool:
    """A row of bracketed buttons: "【我来说两句】【推荐】【字体：大 中 小】【打印】【关闭】"."""
    items = re.findall(r"[【\[][^】\]]{1,12}[】\]]", text)
    return len(items) >= 3 and sum(map(len, items)) >= 0.7 * len(text.replace(" ", ""))


def _is_breadcrumb(text: str) -> bool:
    """A trail of short section names: "搜狐首页 > 搜狐财经 > 国际财经"."""
    parts = [p.strip() for p in re.split(r"\s*[>»＞›]\s*", text)]
    plain = not re.search(r"[\d，。；,;!?！？]", text)  # not a sentence comparing amounts
    return plain and len(parts) >= 3 and all(0 < len(p) <= 12 for p in parts) and len(text) <= 80


def is_boilerplate(text: str) -> bool:
    """True when a block of text is a portal's notice, share bar, nav or related-list heading."""
    text = _HAN_GAP.sub("", text.strip())
    if not text:
        return False
    if _BOILERPLATE_START.match(text):
        return True
    if len(text) <= _META_MAX and (
        _CREDIT.match(text)
        or _REPORTER.match(text)
        or _EDITION.match(text)
        or (_DATELINE.match(text) and (_DATE_ONLY.match(text) or _SOURCE.search(text)))
    ):
        return True
    if len(text) > _NOTICE_MAX:
        return False
    if _NAMED_NOTICE.match(text) and _NOTICE_WORDS.search(text):
        return True
    return (
        bool(_NOTICE.search(text))
        or _is_nav_row(text)
        or _is_button_row(text)
        or _is_breadcrumb(text)
        or _is_pager(text)
    )


# Calls to action that close an article's page: newsletter, follow, donate, subscribe and
# paywall notices, feedback prompts, app promotions, UI toasts. Phrases, not topics: an
# article about subscriptions or WhatsApp keeps its last paragraph.
_CALL_TO_ACTION = re.compile(
    r"newsletter|nieuwsbrief|nyhetsbrev|メールマガジン|メルマガ|"
    r"\bsign(?:ing)?[ -]up\b|\bsubscribe (?:to|now|for|here|today)\b|\bsubscribers? only\b|"
    r"\bfollow (?:us|[\w.]+ on (?:twitter|facebook|instagram|x|whatsapp|telegram))\b|"
    r"whatsapp[- ](?:kanal|channel|group)|\bauf whatsapp\?|"
    r"\b(?:get|keep) in touch with\b|\b(?:got|have) a story\b|\bemail(?:ing)? us\b|"
    r"\bfor more stories\b|\bcheck out more\b|\bstay informed\b|\breal-time updates\b|"
    r"\bour website is the place\b|\binvest in journalism\b|\bsupport (?:us|our journalism)\b|"
    r"\bdonat(?:e|ion)s?\b|\bbecome a (?:member|subscriber)\b|\bcopied to (?:the )?clipboard\b|"
    r"\bfehler gefunden\b|\bjetzt melden\b|\bihre meinung ist uns\b|\bfeedback zu diesem\b|"
    r"\bunterstützen sie uns\b|\bmit einer spende\b|\bpartnermarke\b|\bwieder abmelden\b|"
    r"\bfolg(?:en sie|st du)\b.{0,40}\b(?:auf|bei)\b|push-nachrichten|\bmehr lesekomfort\b|"
    r"\bil vous reste \d|\bréservée? aux abonnés\b|\binscrivez-vous\b|\bsuivez-nous\b|"
    r"\bsuscr[ií]b[ea]te\b|\bs[ií]guenos\b|\biscriviti\b|\bseguici\b|\bvolg ons\b|"
    r"\bf(?:ø|ö)lj? (?:os|oss)\b|\babonelere\b|\babonelik\b|\btakip edin\b|"
    r"会員(?:登録|向け|限定)|をフォローする|おすすめ情報|関連記事|"
    r"기사 URL|복사되었습니다|구독하기|订阅我们",
    re.I,
)
_UI_WORDS = re.compile(
    r"^[-–•\s]*(?:true|false|null|undefined|vielen dank!?|thank you!?|end of (?:the )?article)\s*$",
    re.I,
)
_CALL_MAX = 400
# a paragraph whose call to action follows this much of the article's own prose is the article's
_CALL_LEAD = 100


def is_call_to_action(text: str) -> bool:
    """True when a short block asks the reader to subscribe, follow, donate or write in, or is a
    widget's leftover ("- false", "Vielen Dank!"): what closes a page, never an article. A
    paragraph of the article that only ends with a prompt ("... on Christmas. Follow him on
    Instagram to watch.") is the article's."""
    text = text.strip()
    if not text or len(text) > _CALL_MAX:
        return False
    if _UI_WORDS.match(text):
        return True
    prompt = _CALL_TO_ACTION.search(text)
    if prompt is None:
        return False
    breaks = [m.end() for m in SENTENCE_BREAK.finditer(text, 0, prompt.start())]
    return not breaks or len(text[: breaks[-1]].strip()) < _CALL_LEAD
