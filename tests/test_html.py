"""The web pages' own touches: the link to the PDF."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from helpers import ROOT, page, pdf_name
from resume.web import pdf_url


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
