"""The HTML body keeps main_text's blocks, one paragraph per paragraph of the page."""

import lxml.html

from archiver.extract.mainblocks import add_missing_lines, keep_main_blocks

PARAGRAPHS = [
    "“使用4周后，肌肤年轻12年，细纹减少47%，这是个明显存在误导成分的虚假宣传。”昨日，办案人员告诉记者。",
    "“我们感到不可理解。”对这个初步认定，宝洁集团公关总监显得颇为惊讶，她还首度向本报记者自曝实验秘密。",
    "而武汉市工商局有关负责人告诉记者，既然具体办案人员认定其属于虚假宣传，最终更改的可能性不大。",
]


def test_paragraphs_in_a_layout_table_cell_stay_paragraphs_and_the_menu_goes():
    """trafilatura's HTML of an old portal keeps the layout table, its cell holding every
    paragraph on one source line, and the menu row above."""
    cell = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    container = lxml.html.fragment_fromstring(
        "<table><tr><td><a href='/'>搜狐首页</a> - <a href='/news'>新闻</a></td></tr>"
        f"<tr><td>{cell}</td></tr></table>",
        create_parent="div",
    )
    assert keep_main_blocks(container, "\n".join(PARAGRAPHS))
    assert [p.text_content() for p in container.iter("p")] == PARAGRAPHS
    assert "搜狐首页" not in container.text_content()


def test_a_paragraph_the_html_pass_lost_goes_back_after_the_one_it_follows():
    container = lxml.html.fragment_fromstring(
        f"<p>{PARAGRAPHS[0]}</p><p><b>{PARAGRAPHS[2]}</b></p>", create_parent="div"
    )
    main = "\n".join(["工商部门初定SKII广告属于虚假宣传", *PARAGRAPHS])
    assert add_missing_lines(container, main, title="工商部门初定SKII广告属于虚假宣传") == 1
    assert [p.text_content() for p in container.iter("p")] == PARAGRAPHS
    assert container.find(".//b") is not None  # what was there keeps its markup


def test_a_picture_above_the_first_paragraph_stays_with_its_caption_left_out():
    """trafilatura's HTML of an Ars Technica page: the lead <figure> (its caption a credit
    main_text leaves out) and an empty paragraph before the text; a teaser below goes."""
    container = lxml.html.fragment_fromstring(
        "<figure><img src='https://cdn.example.net/hero-980x713.jpg'>"
        "<figcaption>Valentina Palladino</figcaption></figure><p></p>"
        + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
        + "<p><a href='/other-story.html'><img src='https://cdn.example.net/t.jpg'>"
        "另一篇文章的标题在这里</a></p>",
        create_parent="div",
    )
    assert keep_main_blocks(container, "\n".join(PARAGRAPHS))
    assert [img.get("src") for img in container.iter("img")] == [
        "https://cdn.example.net/hero-980x713.jpg"
    ]
    assert "Valentina" not in container.text_content()
    assert [p.text_content() for p in container.iter("p") if p.text_content()] == PARAGRAPHS


def test_lines_go_back_even_when_the_html_holds_too_little_to_be_filtered():
    """trafilatura's HTML of a 163 page held one paragraph of three: no alignment, the HTML
    stays as it was, and main_text's other lines are put back after the one they follow."""
    container = lxml.html.fragment_fromstring(f"<p>{PARAGRAPHS[0]}</p>", create_parent="div")
    main = "\n".join(PARAGRAPHS)
    assert not keep_main_blocks(container, main)
    assert add_missing_lines(container, main) == 2
    assert [p.text_content() for p in container.iter("p")] == PARAGRAPHS


def test_lost_lines_in_a_row_go_back_in_their_order_and_table_rows_are_not_lost_lines():
    """zdnet-1: a list the HTML pass lost, after a line it lost too, came back reversed at the
    top. cl2000-edu-2003-1: main_text prints a table's rows as "| … |" lines; the HTML pass
    kept the table with one cell read apart, and each row came back as a paragraph on top."""
    container = lxml.html.fragment_fromstring(
        f"<p>{PARAGRAPHS[0]}</p><table><tr><td>050401 艺术学</td><td></td></tr></table>",
        create_parent="div",
    )
    main = "\n".join(
        [PARAGRAPHS[0], "- Windows Server 2019", "- Windows Server 2016", "- Windows Server 2012"]
        + ["| 050401 艺术学 | | 7 |", PARAGRAPHS[1]]
    )
    assert add_missing_lines(container, main) == 4
    assert [p.text_content() for p in container.iter("p")] == [
        PARAGRAPHS[0],
        "- Windows Server 2019",
        "- Windows Server 2016",
        "- Windows Server 2012",
        PARAGRAPHS[1],
    ]
