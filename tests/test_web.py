"""What search engines, link previews and a reader's browser find on the site."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from helpers import PAGES, build_again, page, site_pages
from resume.web import absolute_uri, meta_description, robots_txt

BASE = "https://heungsub-lee.readthedocs.io/"
TITLES = {
    "404.html": "Page not found - Heungsub Lee",
    "index.html": "Heungsub Lee",
    "sections/contributions.html": "Contributions - Heungsub Lee",
    "sections/education.html": "Education - Heungsub Lee",
    "sections/experience.html": "Work Experience - Heungsub Lee",
    "sections/open-source.html": "Open Source Experience - Heungsub Lee",
    "sections/publications.html": "Publications - Heungsub Lee",
    "sections/talks.html": "Public Speeches - Heungsub Lee",
}


def meta(soup: BeautifulSoup, key: str) -> str:
    tag = soup.select_one(f'meta[property="{key}"]') or soup.select_one(f'meta[name="{key}"]')
    assert tag is not None, key
    return tag["content"]


# -- Helpers of resume_html ------------------------------------------------------------


def test_robots_txt_lets_all_in_and_names_the_sitemap():
    assert robots_txt("https://x.example/en/latest/") == (
        "User-agent: *\nDisallow:\n\nSitemap: https://x.example/en/latest/sitemap.xml\n"
    )
    assert robots_txt("") == "User-agent: *\nDisallow:\n"


@pytest.mark.parametrize(
    ("uri", "expected"),
    [
        ("index.html#home", "/en/latest/index.html#home"),
        ("sections/a.html", "/en/latest/sections/a.html"),
        ("#top", "#top"),
        ("/already.html", "/already.html"),
        ("https://x.example/", "https://x.example/"),
        ("mailto:a@b.c", "mailto:a@b.c"),
    ],
)
def test_absolute_uri_on_the_404_page(uri, expected):
    assert absolute_uri("/en/latest/", uri) == expected


def test_meta_description_is_found_among_the_tags():
    tags = '<meta name="viewport" content="x"/>\n<meta content="Who he is." name="description" />'
    assert meta_description(tags) == "Who he is."
    assert meta_description('<meta name="viewport" content="x">') is None


# -- Every page --------------------------------------------------------------------------


@pytest.mark.system
def test_pages_are_the_ones_the_browser_tests_visit(site):
    assert site_pages(site) == PAGES == sorted(TITLES)


@pytest.mark.system
@pytest.mark.parametrize("name", PAGES)
def test_page_has_title_description_and_link_preview_tags(site, name):
    soup = page(site, name)
    assert soup.title.get_text() == TITLES[name]
    assert soup.html["lang"] == "en"
    description = meta(soup, "description")
    assert 50 <= len(description) <= 300
    assert meta(soup, "og:description") == description
    assert meta(soup, "og:title") == TITLES[name].removesuffix(" - Heungsub Lee")
    assert meta(soup, "og:type") == "website"
    assert meta(soup, "og:site_name") == "Heungsub Lee"
    assert meta(soup, "og:url") == BASE + name
    assert meta(soup, "twitter:card") == "summary_large_image"
    assert soup.select_one('link[rel="canonical"]')["href"] == BASE + name
    icon = soup.select_one('link[rel~="icon"]')["href"]
    assert (
        (site / urlsplit(urljoin("/" + name, icon)).path.lstrip("/")).read_text().startswith("<svg")
    )


@pytest.mark.system
def test_landing_page_description_is_the_owners_own(site):
    soup = page(site, "index.html")
    assert meta(soup, "description").startswith("Heungsub Lee, software engineer: ML platforms")


@pytest.mark.system
@pytest.mark.parametrize("name", PAGES)
def test_nothing_loads_from_another_host(site, name):
    soup = page(site, name)
    loaded = [
        tag.get("src") or tag.get("href")
        for tag in soup.select(
            "script[src], img[src], iframe[src], source[src], video[src], audio[src], embed[src], "
            'link[rel~="stylesheet"], link[rel~="icon"], link[rel~="preload"], '
            'link[rel~="modulepreload"], link[rel~="prefetch"]'
        )
    ]
    assert loaded and [url for url in loaded if urlsplit(url).netloc] == []
    assert not re.search(
        r"@import|url\(\s*['\"]?(https?:)?//",
        " ".join(style.get_text() for style in soup.select("style")),
    )


@pytest.mark.system
def test_stylesheets_load_nothing_from_another_host(site):
    for path in (site / "_static").rglob("*.css"):
        css = path.read_text(encoding="utf-8")
        assert not re.search(r"@import|url\(\s*['\"]?(https?:)?//", css), path


@pytest.mark.system
@pytest.mark.parametrize("name", PAGES)
def test_no_view_source_or_edit_links(site, name):
    soup = page(site, name)
    assert not soup.select(
        ".view-this-page, .edit-this-page, a[href*='_sources/'], a[href*='/edit/']"
    )
    assert not (site / "_sources").exists() or not any((site / "_sources").iterdir())


# -- Findable ---------------------------------------------------------------------------


@pytest.mark.system
def test_sitemap_lists_every_page_but_the_404(site):
    locs = re.findall(r"<loc>([^<]+)</loc>", (site / "sitemap.xml").read_text(encoding="utf-8"))
    assert sorted(locs) == sorted(BASE + name for name in PAGES if name != "404.html")


# sphinx-sitemap, run in this process, uses an attribute that Sphinx 11 removes.
@pytest.mark.filterwarnings("ignore:.*BuildEnvironment.app. is deprecated")
@pytest.mark.sphinx("html", testroot="i18n", srcdir="sitemap-again")
def test_the_sitemap_lists_every_page_after_a_build_that_wrote_one(app, make_app):
    index = app.srcdir / "index.md"
    index.write_text(
        index.read_text(encoding="utf-8").replace("sections/papers\n", "sections/papers\nnotes\n"),
        encoding="utf-8",
    )
    (app.srcdir / "notes.md").write_text("# Notes\n\nA page of its own.\n", encoding="utf-8")
    app.build()
    first = (app.outdir / "sitemap.xml").read_text(encoding="utf-8")
    papers = app.srcdir / "sections" / "papers.md"
    papers.write_text(papers.read_text(encoding="utf-8") + "\nAdded.\n", encoding="utf-8")
    again = build_again(make_app, app)
    assert again.statuscode == 0 and again.warning.getvalue() == ""
    # Sphinx wrote the changed page and the landing page that lists it, not the others.
    assert "Added." in (again.outdir / "sections" / "papers.html").read_text(encoding="utf-8")
    written = re.findall(r"writing output\.\.\. \[\s*\d+%\] (\S+)", _plain(again.status.getvalue()))
    assert written == ["index", "sections/papers"]
    assert re.findall(r"<loc>([^<]+)</loc>", first) == [
        "https://example.org/index.html",
        "https://example.org/notes.html",
        "https://example.org/sections/papers.html",
        "https://example.org/genindex.html",
        "https://example.org/search.html",
    ]
    assert (again.outdir / "sitemap.xml").read_text(encoding="utf-8") == first


def _plain(output: str) -> str:
    """Sphinx's output without its colours."""
    return re.sub(r"\x1b\[[0-9;]*m", "", output)


@pytest.mark.system
def test_robots_txt_names_the_sitemap(site):
    assert (site / "robots.txt").read_text(encoding="utf-8") == robots_txt(BASE)


@pytest.mark.system
def test_404_page_links_are_absolute(site):
    soup = page(site, "404.html")
    assert soup.select_one("article h1").get_text(strip=True).startswith("Page not found")
    home = soup.select_one("article p a")
    assert home["href"] == "/index.html#home"
    assert soup.select_one('link[rel="stylesheet"]')["href"].startswith("/_static/")
    nav = [a["href"] for a in soup.select(".sidebar-tree a")]
    assert nav and all(href.startswith("/") for href in nav)


# -- Accessible markup -------------------------------------------------------------------


@pytest.mark.system
def test_publications_are_a_list_of_list_items(site):
    soup = page(site, "sections/publications.html")
    entries = soup.select('[role="list"] > [role="listitem"].citation')
    assert len(entries) == 2
    assert not soup.select('[role="doc-biblioentry"]')


@pytest.mark.system
@pytest.mark.parametrize("name", ["index.html", "sections/experience.html"])
def test_sidebars_are_named_landmarks(site, name):
    soup = page(site, name)
    assert soup.select_one("aside.sidebar-drawer")["aria-label"] == "Sections"
    assert soup.select_one("aside.toc-drawer")["aria-label"] == "On this page"


# -- Weight ----------------------------------------------------------------------------------


@pytest.mark.system
def test_landing_page_and_everything_it_loads_weigh_under_100_kb(site):
    soup = page(site, "index.html")
    assets = {
        tag.get("src") or tag.get("href")
        for tag in soup.select('script[src], img[src], link[rel~="stylesheet"], link[rel~="icon"]')
    }
    sizes = {url: (site / url.split("?")[0]).stat().st_size for url in assets}
    total = (site / "index.html").stat().st_size + sum(sizes.values())
    assert len(sizes) >= 5
    assert total < 100_000, sizes
