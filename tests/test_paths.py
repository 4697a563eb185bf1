from datetime import datetime, timedelta, timezone

from hypothesis import given
from hypothesis import strategies as st

from archiver.paths import (
    MAX_PATH_BYTES,
    article_id,
    article_path,
    asset_folder,
    relative_to_article,
)

BJ = timezone(timedelta(hours=8))
WHEN = datetime(2022, 7, 20, 13, 47, tzinfo=BJ)
URL = "https://mp.ofweek.com/medical/a145614128367"
RESERVED = set('<>:"/\\|?*') | {chr(c) for c in range(32)}


def test_path_groups_by_site_and_month_and_shows_date_and_title():
    path = article_path("ofweek", WHEN, "微医再获超10亿国资融资，数字医疗的风口要崛起了吗？", URL)
    assert (
        path == "ofweek/2022-07/2022-07-20-微医再获超10亿国资融资，数字医疗的风口要崛起了吗？-"
        f"{article_id(URL)[:8]}.md"
    )


def test_same_url_same_path_and_different_url_different_path():
    assert article_path("ofweek", WHEN, "t", URL) == article_path("ofweek", WHEN, "t", URL)
    assert article_path("ofweek", WHEN, "t", URL) != article_path("ofweek", WHEN, "t", URL + "0")


def test_undated_article_still_gets_a_path():
    assert article_path("ofweek", None, "标题", URL).startswith("ofweek/undated/undated-标题-")


@given(st.text(min_size=0, max_size=400))
def test_any_title_gives_a_safe_short_path(title):
    path = article_path("ofweek", WHEN, title, URL)
    name = path.rsplit("/", 1)[1]
    assert len(path.encode("utf-8")) <= MAX_PATH_BYTES
    assert not (set(name) & RESERVED)
    assert not name.startswith((".", " ")) and path.endswith(".md")
    assert path.count("/") == 2


def test_assets_sit_in_a_folder_named_like_the_article():
    path = article_path("ofweek", WHEN, "标题", URL)
    assert asset_folder(path) == path[:-3]
    assert (
        relative_to_article(path, asset_folder(path) + "/abc.jpg")
        == asset_folder(path).rsplit("/", 1)[1] + "/abc.jpg"
    )


@given(st.text(min_size=0, max_size=300), st.text(min_size=0, max_size=400))
def test_every_image_path_of_any_site_and_title_fits_200_bytes(site, title):
    """An image's path (the article's folder plus the longest image name) also fits."""
    path = article_path(site, WHEN, title, URL)
    image = f"{asset_folder(path)}/{'0' * 16}.avif"
    assert len(image.encode("utf-8")) <= MAX_PATH_BYTES
    for segment in image.split("/"):
        assert segment and not segment.endswith((".", " ")) and not (set(segment) & RESERVED)


def test_windows_device_names_never_become_a_folder():
    for host in ("con", "NUL", "com1", "lpt9", "aux", "prn"):
        site = article_path(host, WHEN, "t", URL).split("/", 1)[0]
        assert site.lower() != host.lower() and site.lower().startswith(host.lower())


def test_a_185_character_host_and_a_long_title_still_give_a_short_name():
    path = article_path("h" * 185, WHEN, "很长的标题" * 40, URL)
    assert len(path.encode("utf-8")) <= MAX_PATH_BYTES - 19
    assert max(len(s.encode("utf-8")) for s in path.split("/")) < 255


def test_an_image_of_another_month_resolves_from_the_article():
    assert (
        relative_to_article("ofweek/2024-03/a.md", "ofweek/2024-02/b/x.jpg") == "../2024-02/b/x.jpg"
    )


_SEGMENT = st.sampled_from(["ofweek", "2024-03", "a b", "中文", "..", "x"])


@given(st.lists(_SEGMENT, min_size=1, max_size=4), st.lists(_SEGMENT, min_size=1, max_size=4))
def test_relative_links_are_what_posixpath_relpath_gives(here, there):
    import posixpath

    article, asset = "/".join(here) + ".md", "/".join(there) + ".jpg"
    expected = posixpath.relpath(asset, posixpath.dirname(article) or ".")
    assert relative_to_article(article, asset) == expected
