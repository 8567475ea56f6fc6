"""The web pages' own touches: the link to the PDF."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from helpers import ROOT, page, pdf_name
from resume.web import opengraph_locale, pdf_url


def config(**values):
    defaults = {
        "resume_pdf_url": "",
        "latex_documents": [("index", "heungsub-lee.tex", "", "", "howto")],
    }
    return SimpleNamespace(**{**defaults, **values})


def test_pdf_beside_the_pages_locally():
    assert pdf_url(config(), environ={}) == "heungsub-lee.pdf"


def test_pdf_from_read_the_docs_downloads():
    environ = {"READTHEDOCS": "True", "READTHEDOCS_LANGUAGE": "en", "READTHEDOCS_VERSION": "stable"}
    assert pdf_url(config(), environ=environ) == "/_/downloads/en/stable/pdf/"


def test_pdf_url_from_the_configuration_wins():
    environ = {"READTHEDOCS": "True"}
    assert (
        pdf_url(config(resume_pdf_url="https://example.com/cv.pdf"), environ=environ)
        == "https://example.com/cv.pdf"
    )


@pytest.mark.system
def test_download_link_on_the_site(site):
    links = page(site, "index.html").select("a.resume-pdf-link")
    assert [" ".join(link.get_text().split()) for link in links] == [
        "Résumé PDF, 1 page",
        "Full CV PDF",
    ]
    assert links[0]["href"] == pdf_name(ROOT) == "heungsub-lee.pdf"
    assert links[1]["href"] == "heungsub-lee-cv.pdf"


def test_opengraph_locale_names_the_language_and_its_territory():
    assert opengraph_locale("en") == "en_US"
    assert opengraph_locale("ko") == "ko_KR"
    assert opengraph_locale(None) == "en_US"


@pytest.mark.system
def test_every_page_names_its_locale(site, site_ko):
    for root, locale in [(site, "en_US"), (site_ko, "ko_KR")]:
        for name in ["index.html", "sections/experience.html"]:
            tag = page(root, name).select_one('meta[property="og:locale"]')
            assert tag["content"] == locale, (root, name)


@pytest.mark.system
def test_the_cards_keep_their_icons_in_both_languages(site, site_ko):
    for root in (site, site_ko):
        cards = page(root, "index.html").select(".resume-cards .sd-card-title")
        assert len(cards) == 6
        assert all(card.select_one("svg.resume-icon") for card in cards), root


@pytest.mark.system
def test_the_korean_pages_load_no_script_for_search(site_ko):
    # Sphinx adds translations.js to a translated site; it needs doctools.js, which
    # a site without search leaves out (a ReferenceError in the browser).
    for name in ["index.html", "sections/publications.html"]:
        scripts = [tag["src"] for tag in page(site_ko, name).select("script[src]")]
        assert not [src for src in scripts if "translations.js" in src or "doctools" in src]
