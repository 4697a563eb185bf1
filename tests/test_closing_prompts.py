"""What closes a page after the article: calls to action, dangling headings, widget scraps.

Cut-down markup and lines of fundus's test pages (flairNLP/fundus, MIT), named in each test."""

import lxml.html
import pytest

from archiver.extract.body import block_text, remove_closing_prompts
from archiver.extract.boilerplate import is_call_to_action
from archiver.extract.cleanup import (
    CleanupOptions,
    _LinkTexts,
    drop_linked_prompts,
    trim_closing_prompts,
)
from archiver.extract.sections import cut_foreign_tail

TEXT = [
    "Der Wahlkampfleiter der SVP sagte, die Linken wollten eine dauerhafte Aufnahme.",
    "Die Partei werde im Herbst über die Initiative abstimmen lassen, sagte er weiter.",
    "Der Bundesrat lehnt die Vorlage ab und empfiehlt ein Nein an der Urne.",
    "Die Abstimmung ist für den kommenden Juni angesetzt, teilte die Kanzlei mit.",
]


@pytest.mark.parametrize(
    "line",
    [
        "Fehler gefunden?Jetzt melden.",  # TagesAnzeiger V1
        "Il vous reste 57.09% de cet article à lire. La suite est réservée aux abonnés.",  # LeMonde
        "Check out more of the Daily Star’s latest travel stories by signing up to our free "
        "weekly newsletter",  # DailyStar V1
        "Hat Ihnen dieser Artikel gefallen? Dann unterstützen Sie uns bitte mit einer Spende.",
        "Do you have a story to tell? Email: emma.mackenzie@reachplc.com",  # TheMirror V1
        "FOLLOW US ON SOCIAL MEDIA",  # TimesOfIndia V1
        "기사 URL이 복사되었습니다.",  # HankookIlbo V1
        "カテゴリーをフォローする",  # TokyoShimbun V1
        "- false",  # Tagesspiegel V1
        "Anadolu Ajansı web sitesinde, AA Haber Akış Sistemi (HAS) üzerinden abonelere sunulan "
        "haberler, özetlenerek yayımlanmaktadır.",  # AnadoluAjansi V1
    ],
)
def test_a_call_to_action_is_told_in_many_languages(line):
    assert is_call_to_action(line)


@pytest.mark.parametrize(
    "line",
    [
        "Netflix hat im vergangenen Quartal neun Millionen neue Abonnenten gewonnen.",
        "WhatsApp führt im Herbst eine neue Funktion für Gruppen ein.",
        "The newsletter industry has grown by a third since 2020, the report says, and "
        "independent writers now earn more than most staff columnists."
        * 5,  # too long for a prompt
    ],
)
def test_an_article_about_subscriptions_or_whatsapp_is_not_a_call_to_action(line):
    assert not is_call_to_action(line)


def test_a_paragraph_of_the_article_that_ends_with_a_prompt_is_the_articles():
    """Boing Boing (adbar/htmldate's test pages, Apache-2.0): the last paragraph tells of the
    coming special, then says where to watch; a bare prompt is still one."""
    paragraph = (
        "Rumor has it that this song is a precursor to a star-studded holiday special in the "
        "vein of Christmas at Pee-wee's Playhouse that Sklar plans to release on Christmas. "
        "Follow him on Instagram to watch."
    )
    assert not is_call_to_action(paragraph)
    assert is_call_to_action("Like this story? Follow him on Instagram to watch.")


def test_the_run_of_prompts_closing_the_text_goes_with_the_tagline_between_them():
    """LuxemburgerWort V2: a newsletter box (its name, tagline, unsubscribe notice) after the
    last paragraph; a credit line between two prompts (TagesAnzeiger V1) goes with them."""
    box = [
        "Newsletter: Sport inside",
        "Jeden Montag die Topstorys der Woche aus der Sportredaktion",
        "Sie können sich jederzeit wieder abmelden, wenn Sie das möchten.",
    ]
    assert trim_closing_prompts(TEXT * 3 + box, CleanupOptions()) == TEXT * 3
    anzeiger = [
        "NewsletterDer perfekte Start in den Tag.",
        "SDA/sep",
        "Fehler gefunden?Jetzt melden.",
    ]
    assert trim_closing_prompts(TEXT * 3 + anzeiger, CleanupOptions()) == TEXT * 3


def test_a_closing_credit_or_a_last_sentence_stays():
    """A credit line after the text is the article's (NZZ V1 "Mit Agenturmaterial.")."""
    lines = [*TEXT, "Mit Agenturmaterial."]
    assert trim_closing_prompts(lines, CleanupOptions()) == lines
    assert trim_closing_prompts([*TEXT, "Read more:"], CleanupOptions()) == [*TEXT, "Read more:"]


def test_the_body_loses_its_closing_prompts_and_dangling_heading_but_not_a_picture_heading():
    """TheGatewayPundit V2 ends on "Read more:" with nothing after it; LTO V1 on a citation
    widget's scraps; douban-note-1 on "最后放一则我特别喜欢的小漫画：" over a comic, which stays."""
    paragraphs = "".join(f"<p>{p}</p>" for p in TEXT)
    body = lxml.html.fragment_fromstring(
        f"{paragraphs}<p>Read more:</p><div><span>, https://www.lto.de/persistent/a_id/58420 "
        "(abgerufen am:</span></div>",
        create_parent="div",
    )
    assert remove_closing_prompts(body) == 2
    assert block_text(body).split("\n\n") == TEXT
    comic = lxml.html.fragment_fromstring(
        f"{paragraphs}<p>最后放一则我特别喜欢的小漫画：</p><p><img src='/comic.webp'></p>",
        create_parent="div",
    )
    assert remove_closing_prompts(comic) == 0
    assert "小漫画" in block_text(comic)


def test_lines_closing_the_text_from_another_article_or_a_menu_go():
    """ZDF V1: a teaser of the next story (<article data-testid="s-teaser">) lends the text its
    byline; Stern V2: a menu's label ("Capital") in a <nav>."""
    paragraphs = "".join(f"<p>{p}</p>" for p in TEXT)
    tree = lxml.html.document_fromstring(
        f"<html><body><article class='story'>{paragraphs}</article>"
        "<section><article data-testid='s-teaser'><h3>Handel mit dem Iran</h3>"
        "<p>von Jenifer Girke</p></article></section><nav><a href='/capital'>Capital</a></nav>"
        "</body></html>"
    )
    assert cut_foreign_tail([*TEXT, "von Jenifer Girke", "Capital"], tree) == TEXT
    assert cut_foreign_tail(TEXT, tree) == TEXT


def test_a_promotion_of_links_between_paragraphs_goes_wherever_it_stands():
    """The Times of Israel (adbar/trafilatura's test pages, Apache-2.0) sets a newsletter box of
    two links mid-article; a linked phrase inside a sentence, and a prompt in plain text
    that the article prints, stay."""
    promo = "Get The Times of Israel's Daily Edition by email and never miss our top stories"
    tree = lxml.html.document_fromstring(
        f"<html><body><p>{TEXT[0]}</p><p class='newsletter-promo'><a href='/signup/'>{promo}"
        "</a>\n<a href='/signup/'>Free Sign Up</a></p><p>Readers who <a href='/s'>sign up</a> "
        "for the list get the ruling by mail.</p><p>Subscribe now, he told the crowd.</p>"
        f"<p>{TEXT[1]}</p></body></html>"
    )
    lines = [
        TEXT[0],
        f"{promo} Free Sign Up",
        "Readers who sign up for the list get the ruling by mail.",
        "Subscribe now, he told the crowd.",
        TEXT[1],
    ]
    assert drop_linked_prompts(lines, _LinkTexts(tree), CleanupOptions()) == [TEXT[0], *lines[2:]]


def test_a_generic_body_loses_the_posters_card_under_the_post():
    """mlog-club-2 (opendatalab/magic-html, Apache-2.0): main_text keeps nothing of the short
    post, so the card is cut from the HTML itself."""
    body = lxml.html.fragment_fromstring(
        "<p>提前祝大家元旦快乐！！！！！</p><p>放假 放假 放假！！！</p><div><span>管理</span>"
        "<span>浏览 (640)</span></div><p>本质上是个笨蛋，但只要努力就一定能做到</p>"
        "<ul><li><b>积分</b><i>1493</i></li><li><b>话题</b><i>108</i></li></ul>",
        create_parent="div",
    )
    remove_closing_prompts(body)
    assert block_text(body).split("\n\n") == [
        "提前祝大家元旦快乐！！！！！",
        "放假 放假 放假！！！",
    ]
