"""Every link inside the site leads somewhere, offline.

External links are for ``make linkcheck``, which needs the network; here every
relative or root-relative ``href`` and ``src`` of every built page must name a
file of the site, and its fragment, where it has one, an ``id`` in that file
(``#top`` is the top of the page in HTML, with or without such an ``id``).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup

from helpers import soup_of

# Attributes that point at another file or a place in one.
_LINKING = [("a", "href"), ("link", "href"), ("script", "src"), ("img", "src"), ("area", "href")]


def _ids(path: Path, cache: dict) -> set[str]:
    if path not in cache:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        cache[path] = {tag["id"] for tag in soup.select("[id]")} | {
            tag["name"] for tag in soup.select("a[name]")
        }
    return cache[path]


def _names_a_place(fragment: str) -> bool:
    """HTML reads an empty fragment and ``top`` as the top of the page."""
    return fragment.lower() not in {"", "top"}


def _target(site: Path, page: Path, path: str) -> Path:
    """The file a link's path names: from the page, or from the site's root for
    a path that starts with ``/`` (the 404 page's links, served at the root)."""
    if not path:
        return page
    if path.startswith("/"):
        return (site / path.lstrip("/")).resolve()
    return (page.parent / path).resolve()


def broken_internal_links(site: Path) -> list[str]:
    """``page: link (why)`` for every internal link of *site* that leads nowhere."""
    broken = []
    ids: dict[Path, set[str]] = {}
    for page in sorted(site.rglob("*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for tag, attribute in _LINKING:
            for element in soup.find_all(tag, attrs={attribute: True}):
                link = element[attribute]
                parts = urlsplit(link)
                if parts.scheme or parts.netloc:
                    continue  # external: make linkcheck
                target = _target(site, page, unquote(parts.path))
                if target.is_dir():
                    target = target / "index.html"
                where = f"{page.relative_to(site)}: {link}"
                if site.resolve() not in target.resolve().parents:
                    broken.append(f"{where} (outside the site)")
                elif not target.is_file():
                    broken.append(f"{where} (no such file)")
                elif _names_a_place(parts.fragment) and unquote(parts.fragment) not in _ids(
                    target, ids
                ):
                    broken.append(f"{where} (no such anchor)")
    return broken


@pytest.mark.system
def test_every_internal_link_and_anchor_of_the_site_resolves(made_site):
    pages = list(made_site.rglob("*.html"))
    assert len(pages) >= 7
    assert broken_internal_links(made_site) == []


@pytest.mark.system
def test_the_cards_and_citations_are_among_the_links_checked(site):
    hrefs = [a["href"] for a in soup_of(site / "index.html").select("a[href]")]
    assert "sections/publications.html#publications" in hrefs


def test_a_missing_page_a_missing_anchor_and_a_way_out_are_reported(tmp_path):
    (tmp_path / "sections").mkdir()
    (tmp_path / "index.html").write_text(
        '<a href="sections/a.html#here">ok</a> <a href="sections/a.html#gone">anchor</a>'
        ' <a href="sections/b.html">page</a> <a href="../secret.html">out</a>'
        ' <a href="https://example.org/x#y">external</a> <a href="#top">top</a>'
        ' <a href="#nowhere">x</a> <a href="/sections/a.html#here">root</a>'
        ' <a href="/sections/c.html">gone</a>'
        ' <script src="_static/app.js?v=1"></script>',
        encoding="utf-8",
    )
    (tmp_path / "sections" / "a.html").write_text('<h1 id="here">A</h1>', encoding="utf-8")
    assert broken_internal_links(tmp_path) == [
        "index.html: sections/a.html#gone (no such anchor)",
        "index.html: sections/b.html (no such file)",
        "index.html: ../secret.html (outside the site)",
        "index.html: #nowhere (no such anchor)",
        "index.html: /sections/c.html (no such file)",
        "index.html: _static/app.js?v=1 (no such file)",
    ]
