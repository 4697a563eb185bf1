"""`archiver export hexo` on files: bad input refused, failures isolated, changes and --clean,
filters, and the export at the end of a crawl (ARCHIVE_HEXO_BLOG). No Hexo needed here:
tests/test_hexo_blog.py generates real blogs."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import run_crawl
from hexo_helpers import export, make_blog, manifest, snapshot

from archiver import cli
from archiver.folder import iter_article_files, read_article
from archiver.frontmatter import split


@pytest.fixture
def archive(ofweek_archive, tmp_path) -> Path:
    """A private copy of the crawled archive that a test may change."""
    copy = tmp_path / "archive"
    shutil.copytree(ofweek_archive, copy)
    return copy


@pytest.fixture
def blog(tmp_path) -> Path:
    return make_blog(tmp_path / "blog", post_asset_folder=True, timezone="Asia/Shanghai")


def _posts(blog: Path) -> list[str]:
    posts = blog / "source" / "_posts"
    return sorted(p.relative_to(posts).as_posix() for p in posts.rglob("*.md"))


@pytest.mark.parametrize(
    "damage, why",
    [
        (lambda b: (b / "_config.yml").unlink(), "no _config.yml"),
        (lambda b: (b / "_config.yml").write_text("title: [unclosed\n"), "does not parse"),
        (lambda b: (b / "_config.yml").write_text("- a list\n"), "does not parse"),
        (lambda b: (b / "package.json").write_text("{}"), "no package.json with a hexo key"),
        (lambda b: (b / "_config.yml").write_text("timezone: Mars/Olympus\n"), "not a known zone"),
    ],
)
def test_a_folder_that_is_no_hexo_blog_gets_one_line_and_nothing_written(
    archive, blog, damage, why, capsys
):
    """The command's own checks, in process; the one-line exit 2 of `archiver export` as a
    process is the next test's."""
    damage(blog)
    before = snapshot(blog)
    code = cli.main(["export", "hexo", str(blog), "--archive", str(archive)])
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1 and why in err, err
    assert snapshot(blog) == before


def test_a_folder_that_is_no_archive_gets_one_line_and_nothing_written(blog, tmp_path):
    before = snapshot(blog)
    (tmp_path / "notes").mkdir()
    result = export(blog, tmp_path / "notes")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "is not an archive" in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(blog) == before


def test_an_article_whose_images_cannot_be_copied_is_reported_and_the_others_exported(
    archive, blog
):
    victim = next(
        p
        for p in iter_article_files(archive)
        if read_article(archive, str(p.relative_to(archive))).images
    )
    rel = victim.relative_to(archive).as_posix()
    image = next(iter(read_article(archive, rel).images.values()))
    # a folder where the copy must go: the write fails as a full or read-only disk would
    (blog / "source" / "_posts" / image).mkdir(parents=True)
    result = export(blog, archive)
    assert result.returncode == 1
    assert rel in result.stderr and "could not be exported" in result.stderr
    articles = sorted(p.relative_to(archive).as_posix() for p in iter_article_files(archive))
    assert _posts(blog) == sorted([*(a for a in articles if a != rel), "hello-world.md"])


def test_changed_articles_replace_their_posts_and_clean_removes_exactly_the_gone_ones(
    archive, blog
):
    assert export(blog, archive).returncode == 0
    hello = snapshot(blog / "source" / "_posts")["hello-world.md"]
    files = sorted(iter_article_files(archive))
    changed, gone = files[0], files[1]
    text = changed.read_text(encoding="utf-8").replace("title: '", "title: '更新：", 1)
    changed.write_text(text, encoding="utf-8")
    gone_rel = gone.relative_to(archive).as_posix()
    gone.unlink()
    shutil.rmtree(gone.with_suffix(""))
    entries = manifest(blog)
    gone_files = {f"source/_posts/{gone_rel}", *entries[f"source/_posts/{gone_rel}"]["files"]}
    before = snapshot(blog)

    kept = export(blog, archive)  # without --clean the post of a gone article stays
    assert kept.returncode == 0 and " 1 posts written" in kept.stdout
    assert (blog / "source" / "_posts" / gone_rel).is_file()

    cleaned = export(blog, archive, "--clean")
    assert cleaned.returncode == 0 and " 1 removed" in cleaned.stdout, cleaned.stdout
    after = snapshot(blog)
    assert set(before) - set(after) == gone_files
    assert not (blog / "source" / "_posts" / gone_rel).with_suffix("").exists()
    changed_post = f"source/_posts/{changed.relative_to(archive).as_posix()}"
    assert split((blog / changed_post).read_text(encoding="utf-8"))[0]["title"].startswith("更新：")
    untouched = {k for k in after if k not in (changed_post, ".archiver-export.json")}
    assert all(after[k] == before[k] for k in untouched)
    assert snapshot(blog / "source" / "_posts")["hello-world.md"] == hello


def test_a_post_the_export_did_not_write_is_left_alone(archive, blog):
    rel = next(iter_article_files(archive)).relative_to(archive).as_posix()
    mine = blog / "source" / "_posts" / rel
    mine.parent.mkdir(parents=True)
    mine.write_text("---\ntitle: my own post\n---\nmine\n", encoding="utf-8")
    result = export(blog, archive)
    assert result.returncode == 1 and "was not written by an export" in result.stderr
    assert mine.read_text(encoding="utf-8") == "---\ntitle: my own post\n---\nmine\n"


def test_since_and_site_choose_the_articles(archive, blog):
    result = export(blog, archive, "--site", "ofweek", "--since", "2024-01-01")
    assert result.returncode == 0, result.stderr
    days = sorted(p.rsplit("/", 1)[1][:10] for p in _posts(blog) if p != "hello-world.md")
    assert days and all(day >= "2024-01-01" for day in days)
    unknown = export(blog, archive, "--site", "nosuchsite")
    assert unknown.returncode == 2 and "no site 'nosuchsite'" in unknown.stderr


def test_a_crawl_exports_into_the_blog_it_is_given(proxy, tmp_path):
    blog = make_blog(tmp_path / "blog", timezone="Asia/Shanghai")
    result = run_crawl(tmp_path / "archive", proxy, settings={"ARCHIVE_HEXO_BLOG": str(blog)})
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Hexo blog updated" in result.stderr
    articles = list(iter_article_files(tmp_path / "archive"))
    assert len(_posts(blog)) == len(articles) + 1


def test_a_crawl_refuses_a_blog_folder_that_is_no_blog(proxy, tmp_path):
    result = run_crawl(tmp_path / "archive", proxy, settings={"ARCHIVE_HEXO_BLOG": str(tmp_path)})
    assert result.returncode == 2
    assert "ARCHIVE_HEXO_BLOG" in result.stderr and "not a Hexo blog" in result.stderr
    assert not (tmp_path / "archive").exists()
