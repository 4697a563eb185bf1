"""The standfirst printed between the headline and the text goes on top of the body.

Cut-down markup of fundus's test pages (flairNLP/fundus, MIT), named in each test."""

import lxml.html

from archiver.extract.standfirst import add_standfirst

BODY = [
    "Mitte Dezember auf dem Karama-Platz in Sweidah, südlich von Damaskus: Hier wird, wie an "
    "vielen Orten in Syrien, der Sturz des Regimes gefeiert.",
    "Unter den Feiernden ist Siham Zein ad-Din. Ihre Freude ist gross, doch sie wünscht sich, "
    "dass ihr Sohn diesen Tag erlebt hätte.",
]
LEAD = (
    "Angehörige der drusischen Minderheit in Syrien haben beim Sturz von Assad mitgeholfen. "
    "Nun fordern sie Gleichberechtigung."
)


def _page(header: str, description: str = "", body: str = "") -> lxml.html.HtmlElement:
    meta = f'<meta property="og:description" content="{description}">' if description else ""
    paragraphs = body or "".join(f"<p>{p}</p>" for p in BODY)
    return lxml.html.document_fromstring(
        f"<html><head>{meta}</head><body><article><header>{header}</header>"
        f"<div class='text'>{paragraphs}</div></article></body></html>"
    )


def _standfirst(root: lxml.html.HtmlElement, title: str = "") -> list[str]:
    container = lxml.html.fragment_fromstring(
        "".join(f"<p>{p}</p>" for p in BODY), create_parent="div"
    )
    add_standfirst(container, root, "\n".join(BODY), title)
    return [p.text_content() for p in container.iter("p")][: -len(BODY)]


def test_a_lead_the_page_marks_as_such_is_kept_though_the_description_differs():
    """SRF V2: <p class="article-lead"> under the <h1>; og:description words it otherwise."""
    root = _page(
        f"<h1>Drusen fordern Teilhabe</h1><p class='article-lead'>{LEAD}</p>",
        description="Angehörige der drusischen Minderheit haben beim Sturz von Assad geholfen.",
    )
    assert _standfirst(root) == [LEAD]


def test_camel_case_and_data_attributes_mark_a_lead():
    """SZ V1: <p data-manual="teaserText">; 20 Minuten: <div class="Article_elementLead__x"><p>."""
    marked = f"<h1>Drusen</h1><p class='css-1485smx' data-manual='teaserText'>{LEAD}</p>"
    assert _standfirst(_page(marked)) == [LEAD]
    nested = f"<h1>Drusen</h1><div class='Article_elementLead__N3pGr'><p>{LEAD}</p></div>"
    assert _standfirst(_page(nested)) == [LEAD]


def test_a_teasers_title_is_not_a_lead_but_its_text_is():
    """BR V1: the header's teaser module holds a title (h2 …Teaser_title) over the lead."""
    root = _page(
        "<h1>Landessynode in Coburg</h1><section class='ArticleModuleTeaser_wrapper'>"
        "<h2 class='ArticleModuleTeaser_title__A9KRZ'>Evangelische Kirche: Landeskirche will "
        f"Missbrauch aufarbeiten</h2><p class='ArticleItemTeaserText_text__H'>{LEAD}</p></section>"
    )
    assert _standfirst(root) == [LEAD]


def test_a_lead_photos_caption_is_not_a_lead():
    """APNews V1: <div class="LeadFeature"> holds the lead photo's caption, not a lead."""
    root = _page(
        "<h1>Mexico's economy grows</h1><div class='LeadFeature'><div class='embed-caption'>"
        "A mother and her children sell bread at a neighborhood in Ecatepec, Mexico state, "
        "Tuesday, April 18, 2023. (AP Photo/Marco Ugarte)</div></div>"
    )
    assert _standfirst(root) == []


def test_a_video_inside_the_preamble_is_left_out_and_its_paragraphs_kept():
    """Expressen V1: <div class="article__preamble"> holds three sentences and a video player."""
    root = _page(
        "<h1>Elever åtalas</h1><div class='article__preamble rich-text'>"
        "<p>Eleverna på privatskolan Lundsberg trängde på natten in och misshandlade elever.</p>"
        "<p>Nu åtalas fem elever för misshandel och grovt hemfridsbrott.</p>"
        "<figure class='rich-video'><div class='video-player'>Spela upp video nu</div></figure>"
        "</div>"
    )
    assert _standfirst(root) == [
        "Eleverna på privatskolan Lundsberg trängde på natten in och misshandlade elever.",
        "Nu åtalas fem elever för misshandel och grovt hemfridsbrott.",
    ]


def test_the_lead_follows_the_first_of_a_headline_printed_twice():
    """Börsen-Zeitung V1_2: the header (h1, excerpt) and again the h1 of another layout."""
    root = _page(
        f"<h1>Deutsche Bank nominiert Aufsichtsratschef</h1><div class='pxp-html excerpt'>{LEAD}"
        "</div><h1>Deutsche Bank nominiert Aufsichtsratschef</h1>"
    )
    assert _standfirst(root) == [LEAD]


def test_the_description_behind_a_dateline_or_before_the_sites_name_is_the_lead():
    """BSZ V1_2 prints "Berlin. " + og:description; Anadolu's description ends in
    " - Anadolu Ajansı". Neither lead is marked."""
    dated = _page(f"<h1>Drusen</h1><div class='copy-lg'>Berlin. {LEAD}</div>", description=LEAD)
    assert _standfirst(dated) == [f"Berlin. {LEAD}"]
    named = _page(f"<h1>Drusen</h1><h4>{LEAD}</h4>", description=f"{LEAD} - Anadolu Ajansı")
    assert _standfirst(named) == [LEAD]


def test_the_text_starts_at_its_paragraph_not_at_a_headline_opening_with_the_same_words():
    """The Intercept V1_1: the <h1> opens with the first paragraph's first words."""
    body = "".join(f"<p>{p}</p>" for p in BODY)
    root = _page(
        "<h1>Mitte Dezember auf dem Karama-Platz: Drusen feiern</h1>"
        f"<p class='post__excerpt'>{LEAD}</p>",
        body=body,
    )
    assert _standfirst(root) == [LEAD]


def test_a_marked_block_the_body_already_holds_is_not_added_twice():
    root = _page(f"<h1>Drusen</h1><p class='article-lead'>{BODY[0]}</p>")
    assert _standfirst(root) == []


def test_a_page_set_in_a_form_after_a_comment_keeps_its_lead_and_not_its_headline_again():
    # aljazeera-1: the whole page is an ASP.NET <form>, the lead p.article-heading-des in it;
    # golem-2: the text's first line follows an HTML comment (the comment's tail); news-cn-1:
    # the headline printed again as a span.title, which the description repeats
    headline = "Hat Quantumscape genug Akkus für ein Motorrad geliefert?"
    lead = "VW hat den Prototyp eines Akkupacks vorgestellt. Unklar ist, ob genug Akkus da sind."
    text = (
        "Volkswagen hat den Prototyp eines Akkupacks für ein Rennmotorrad vorgestellt und fast"
        " keine technischen Daten genannt."
    )
    page = lxml.html.fromstring(
        f"<html><head><meta property='og:description' content='{lead}'></head><body><form>"
        f"<h1>{headline}</h1><p class='article-heading-des'>{lead}</p><div><!-- text -->{text}"
        "</div></form></body></html>"
    )
    body = lxml.html.fragment_fromstring(f"<div><p>{text}</p></div>")
    assert add_standfirst(body, page, text, headline)
    assert body[0].text == lead
    title = "李强在新疆调研时强调 彰显特色优势 提高开放水平 在高质量发展中增进民生福祉促进长治久安"
    line = "新华社乌鲁木齐5月9日电（记者邹伟）国务院总理李强5月7日至9日在新疆调研。"
    again = lxml.html.fromstring(
        f"<html><head><meta name='description' content='{title}-'></head><body><h1><span "
        f"class='title'>{title}</span></h1><div class='mobile'><h1><span class='title'>{title}"
        f"</span></h1></div><div id='detail'><p>{line}</p></div></body></html>"
    )
    body = lxml.html.fragment_fromstring(f"<div><p>{line}</p></div>")
    assert not add_standfirst(body, again, line, title)


def test_a_subscription_prompt_in_the_lead_box_is_not_the_lead():
    """The Washington Post (adbar/htmldate's test pages, Apache-2.0) sets its "Support our
    journalism" link in the block that holds the lead paragraph."""
    root = _page(
        f"<h1>Drusen fordern Teilhabe</h1><div class='article-lead'><p>{LEAD}</p><div>"
        "<a href='https://subscribe.example.com/'>Support our journalism. Subscribe today.</a>"
        "</div></div>"
    )
    assert _standfirst(root) == [LEAD]
