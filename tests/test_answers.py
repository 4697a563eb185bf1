"""A question page's accepted answer belongs to the archived question; other answers do not.

Cut-down markup of developers-pub-1 (opendatalab/magic-html, Apache-2.0) and of a
StackExchange-style page with schema.org microdata."""

import lxml.html

from archiver.extract import main_text
from archiver.extract.answers import accepted_answer

QUESTION = (
    "<p>我尝试在开发者客栈新添加一个功能，尝试新建一个页面，用于可视化数据库内的数据。</p>"
    "<p>想问问各位大佬我是那里出现了问题，还是说我添加新功能的思路是错的。如果可以的话，我想知道"
    "怎样才能添加一个新功能。运行之后程序一直报错，提示找不到对应的类，重新编译也没有用。</p>"
)
ANSWER = "如果新增功能，可以参考现在已有的功能，对应增加相关文件。"
OTHER = "我也遇到了同样的问题，重启之后就好了，你可以试试看是不是缓存的原因。"


def _page(answers: str) -> str:
    return (
        "<html><head><title>开发者客栈新增功能报错 - 开发者客栈</title></head><body><nav>"
        "<a href='/'>"
        "首页</a> <a href='/faq'>问答</a></nav><main><h1>开发者客栈新增功能报错</h1>"
        f"<div class='question'>{QUESTION}</div><div class='answers'>{answers}</div></main>"
        "<footer>© 2024 developers.pub</footer></body></html>"
    )


def _answer(text: str, accepted: bool) -> str:
    label = "<span class='accept'><i><svg></svg></i>被采纳</span>" if accepted else ""
    return (
        f"<div class='comment'><div class='comment-head'><a href='/user/1'>再睡一夏</a> "
        f"<span>2024-01-05</span>{label}</div><div class='comment-detail'><p>看一下这里的项目"
        f"模块依赖关系。<br>{text}</p></div></div>"
    )


def test_the_answer_labelled_accepted_follows_the_question_and_no_other():
    text = main_text(_page(_answer(OTHER, False) + _answer(ANSWER, True)))
    assert "想问问各位大佬" in text and ANSWER in text and OTHER not in text
    assert text.index("被采纳") < text.index(ANSWER)


def test_without_an_accepted_answer_the_question_stands_alone():
    text = main_text(_page(_answer(OTHER, False) + _answer(ANSWER, False)))
    assert "想问问各位大佬" in text and ANSWER not in text and OTHER not in text


def test_an_accepted_answer_in_schema_org_microdata():
    answers = (
        f"<div itemprop='suggestedAnswer'><div itemprop='text'><p>{OTHER}</p></div></div>"
        f"<div itemprop='acceptedAnswer'><div class='votes'>12</div><div itemprop='text'>"
        f"<p>看一下这里的项目模块依赖关系。<br>{ANSWER}</p><script>vote()</script></div></div>"
    )
    root = lxml.html.fromstring(_page(answers))
    assert accepted_answer(root) == ["看一下这里的项目模块依赖关系。", ANSWER]
    assert accepted_answer(lxml.html.fromstring(_page(_answer(OTHER, False)))) == []
