"""Sample archives for tests, benchmarks and demos: seed-format articles with real images.

Text is recombined from template sentences in the register of Chinese tech news, with
companies, places, numbers and technologies filled in at random, so bigram statistics and
article lengths (median around 2,000 characters) resemble a real crawl. Deterministic for a
given seed. Images are small gradient PNGs written beside each article, as the crawler does.
"""

from __future__ import annotations

import hashlib
import random
import struct
import zlib
from datetime import datetime, timedelta, timezone
from pathlib import Path

from archiver import frontmatter
from archiver.items import Article
from archiver.paths import article_path
from archiver.state import STATE_DIRNAME

COMPANIES = (
    "华为",
    "小米",
    "比亚迪",
    "宁德时代",
    "中芯国际",
    "京东方",
    "海康威视",
    "大疆",
    "联影医疗",
    "科大讯飞",
    "商汤科技",
    "蔚来",
    "理想汽车",
    "长江存储",
    "微医",
    "迈瑞医疗",
    "阿里云",
    "腾讯云",
    "vivo",
    "OPPO",
)
CITIES = (
    "深圳",
    "上海",
    "合肥",
    "杭州",
    "成都",
    "武汉",
    "苏州",
    "西安",
    "济南",
    "东莞",
    "重庆",
    "南京",
)
TECH = (
    "固态电池",
    "光伏组件",
    "激光雷达",
    "智能座舱",
    "工业机器人",
    "碳化硅功率器件",
    "大模型",
    "毫米波雷达",
    "储能系统",
    "先进封装",
    "医疗影像",
    "边缘计算",
    "氢燃料电池",
    "柔性显示屏",
    "AI服务器",
    "5G专网",
    "OLED面板",
)
SECTIONS = ("新闻", "产业", "评论", "深度", "快讯")
SENTENCES = (
    "据业内人士透露，{c}近期在{city}新建的{t}产线已进入试产阶段，预计明年上半年实现量产。",
    "数据显示，今年前三季度{t}市场规模达到{n}亿元，同比增长{p}%，增速明显高于行业平均水平。",
    "{c}相关负责人表示，公司将继续加大研发投入，重点突破{t}领域的关键核心技术。",
    "从产业链角度看，上游原材料价格回落为中游制造企业释放了利润空间，{t}环节首先受益。",
    "分析人士认为，随着政策持续发力，{t}有望在未来三到五年迎来规模化应用的窗口期。",
    "{city}市政府日前发布专项扶持政策，对落户当地的{t}项目给予最高{n}万元的资金奖励。",
    "不过，也有专家提醒，行业快速扩张的同时需警惕低水平重复建设和阶段性产能过剩风险。",
    "在资本市场上，{t}板块近一个月累计上涨{p}%，多家上市公司获得机构密集调研。",
    "{c}发布的财报显示，报告期内公司实现营业收入{n}亿元，其中海外业务占比提升至{p}%。",
    "与传统方案相比，新一代{t}在能耗、成本和可靠性方面均有明显改善，客户验证进展顺利。",
    "业内普遍认为，标准体系不完善仍是制约{t}大规模推广的主要瓶颈之一。",
    "记者在{city}走访发现，不少中小企业已开始尝试引入{t}，用于提升生产效率和产品良率。",
    "截至目前，{c}已与超过{n}家合作伙伴建立联系，覆盖研发、制造、渠道和售后服务等环节。",
    "值得注意的是，国际市场竞争日趋激烈，国内企业在{t}专利布局上仍有较大提升空间。",
    "一位不愿具名的投资人表示，今年以来{t}赛道的融资事件数量较去年同期增长约{p}%。",
    "{c}与{city}高校共建的联合实验室正式揭牌，双方将围绕{t}开展人才培养和技术攻关。",
    "从终端需求来看，新能源汽车、消费电子和数据中心是拉动{t}增长的三大主要动力。",
    "行业协会统计，全国从事{t}相关业务的企业已超过{n}家，产业集聚效应逐步显现。",
    "面对需求波动，部分厂商选择主动调整排产节奏，以降低库存压力并稳定产品价格。",
    "有观点指出，数字化转型不是简单的设备更新，而是组织、流程和商业模式的系统性重塑。",
    "{c}方面回应称，相关项目按计划推进，暂无调整投资规模的安排。",
    "根据第三方机构预测，到{y}年国内{t}市场规模有望突破{n}亿元。",
)
TITLES = (
    "{c}加码{t}，{city}基地投产在即",
    "{t}迎来窗口期：谁在领跑，谁在掉队？",
    "{c}前三季度营收{n}亿元，{t}业务成新引擎",
    "{city}出台新政支持{t}产业发展",
    "深度｜{t}的下半场该怎么看",
    "{t}融资热潮背后：资本在押注什么",
    "{c}牵手{city}高校共建{t}实验室",
)


def _fill(template: str, rnd: random.Random) -> str:
    return template.format(
        c=rnd.choice(COMPANIES),
        city=rnd.choice(CITIES),
        t=rnd.choice(TECH),
        n=rnd.randint(2, 9800),
        p=rnd.randint(3, 95),
        y=rnd.randint(2025, 2035),
    )


def png(width: int, height: int, rgb: tuple[int, int, int]) -> bytes:
    """A small valid PNG: a vertical gradient from ``rgb`` to a darker shade."""
    rows = b"".join(
        b"\x00" + bytes(int(c * (1 - 0.45 * y / height)) for c in rgb) * width
        for y in range(height)
    )

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows, 9))
        + chunk(b"IEND", b"")
    )


def _paragraphs(rnd: random.Random, length: int) -> list[str]:
    """Sentences until ``length`` characters (at least one paragraph)."""
    out, size = [], 0
    while size < length:
        para = "".join(_fill(rnd.choice(SENTENCES), rnd) for _ in range(rnd.randint(2, 5)))
        out.append(para)
        size += len(para)
    return out


def write_sample_article(
    root: Path,
    rnd: random.Random,
    when: datetime,
    site: str = "ofweek",
    images: int = 2,
    extra_text: str = "",
    title: str | None = None,
    body_chars: int = 2000,
) -> str:
    """Write one article (and its images); return its archive-relative path.

    Body lengths are log-normal around ``body_chars`` (the median)."""
    title = title or _fill(rnd.choice(TITLES), rnd)
    url = f"https://www.{site}.com/{when:%Y-%m}/ART-8100-{rnd.randint(10**7, 10**8 - 1)}.html"
    rel = article_path(site, when, title, url)
    folder = root / rel[: -len(".md")]
    length = int(
        min(6 * body_chars, max(body_chars // 7, rnd.lognormvariate(0, 0.55) * body_chars))
    )
    paras = [f'<p style="text-indent: 2em;">{p}</p>' for p in _paragraphs(rnd, length)]
    if extra_text:
        paras.insert(len(paras) // 2, f"<p>{extra_text}</p>")
    stored: dict[str, str] = {}
    for i in range(images):
        colour = (rnd.randint(60, 230), rnd.randint(60, 230), rnd.randint(60, 230))
        data = png(320, 180, colour)
        name = hashlib.sha1(data + bytes([i])).hexdigest()[:16] + ".png"
        (folder).mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
        remote = f"https://images.{site}.com/Upload/News/{when:%Y%m}/{name}"
        stored[remote] = f"{rel[: -len('.md')]}/{name}"
        paras.insert(
            1 + i * 3,
            f'<p style="text-align:center"><img src="{folder.name}/{name}" '
            f'data-original-src="{remote}"></p>',
        )
    article = Article(
        url=url,
        site=site,
        title=title,
        published=when.astimezone(timezone.utc),
        body="".join(paras),
        author=rnd.choice(("高科技行业门户", "维科网", "OFweek 编辑部")),
        source="维科网",
        tags=rnd.sample(TECH, 2),
        categories=["新媒体", "高科技行业门户", rnd.choice(SECTIONS)],
        headimg=next(iter(stored), ""),
        images=stored,
        path=rel,
        archived=when + timedelta(hours=2),
    )
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(frontmatter.dump(article), encoding="utf-8")
    return rel


def make_sample_archive(
    root: Path,
    count: int,
    seed: int = 0,
    images: int = 2,
    sites: tuple[str, ...] = ("ofweek", "jjrb"),
    *,
    start: datetime = datetime(2024, 6, 30, 10, 0, tzinfo=timezone.utc),
    minutes: float = 315.0,
    body_chars: int = 2000,
) -> list[str]:
    """Write ``count`` articles going back from ``start``, ``minutes`` apart on average.

    Two thirds of them carry ``images`` images. Deterministic for a given seed; several
    calls with other seeds and starts fill one archive in parallel (``bench/reader.py``)."""
    rnd = random.Random(seed)
    (root / STATE_DIRNAME).mkdir(parents=True, exist_ok=True)  # what marks a crawl's archive
    when = start
    rels = []
    for i in range(count):
        when -= timedelta(minutes=rnd.uniform(0.1, 1.9) * minutes)
        kept = images if i % 3 else 0
        rels.append(
            write_sample_article(
                root, rnd, when, sites[i % len(sites)], kept, body_chars=body_chars
            )
        )
    return rels
