"""Boilerplate phrases of Chinese portals: lines that are never part of an article's text."""

from __future__ import annotations

import re

# A block whose text starts with one of these is page furniture, not article content.
_BOILERPLATE_START = re.compile(
    r"^\s*(?:"
    r"声明[:：]|免责声明|版权声明|【?版权所有|原文标题\s*[:：]|"
    r"本文(?:为|系)?(?:转载|来源|来自)|转载请注明|未经(?:许可|授权)|"
    r"责任编辑[:：]|编辑[:：]|相关(?:阅读|文章|推荐|新闻)|推荐阅读|延伸阅读|"
    r"分享到|扫码|扫一扫|关注我们|点击(?:进入|查看|阅读原文)|阅读原文|"
    r"上一篇|下一篇|返回首页|打印本页|关闭窗口"
    r")"
)


def is_boilerplate(text: str) -> bool:
    """True when a block of text is a portal's notice, share bar, nav or related-list heading."""
    return bool(_BOILERPLATE_START.match(text))
