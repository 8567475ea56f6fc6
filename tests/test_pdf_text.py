"""The PDF's text as résumé parsers read it: poppler, pdfminer.six and pypdf.

An applicant-tracking system searches the text that its extractor pulls out
of the PDF: every phrase of the source must come out verbatim (only white
space may differ), with ASCII hyphens, spaces between words and no ligature
glyphs, in reading order.  The phrases are taken from the web site built
from the same source, so a new sentence is checked without editing a list.
"""

from __future__ import annotations

import functools
import os
import re
import subprocess
from datetime import datetime, timezone

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.system

NAME = "heungsub-lee"
#: Every PDF the project publishes: the one-page résumé and the full CV.
PDFS = [f"{NAME}.pdf", f"{NAME}-cv.pdf"]
SECTIONS = ["experience", "open-source", "contributions", "publications", "talks", "education"]


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def poppler(pdf) -> str:
    return subprocess.run(
        ["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout


def pdfminer(pdf) -> str:
    from pdfminer.high_level import extract_text

    return extract_text(str(pdf))


def pypdf(pdf) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(pdf).pages)


EXTRACTORS = {"pdftotext": poppler, "pdfminer.six": pdfminer, "pypdf": pypdf}


@functools.cache
def extracted(extractor: str, pdf) -> str:
    """The text of *pdf* as *extractor* reads it, read once for all the tests that ask."""
    return EXTRACTORS[extractor](pdf)


def _sentences(text: str) -> list[str]:
    # Sentences of a paragraph; a citation mark stays with its sentence.
    return [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z])", _flat(text)) if s]


def source_phrases(site) -> list[str]:
    """Every title, organization, date range, sentence and list item of the résumé."""
    phrases = []
    pages = ["index.html", *(f"sections/{name}.html" for name in SECTIONS)]
    for page in pages:
        soup = BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")
        article = soup.select_one("article")
        # What only the web shows: the cards, the downloads, each paper's BibTeX.
        web_only = ".resume-cards, .resume-downloads, .resume-pdf-link, details, .headerlink"
        for screen_only in article.select(web_only):
            screen_only.decompose()
        for item in article.select(".resume-item-title, .resume-item-org, .resume-item-dates"):
            phrases.append(_flat(item.get_text()))
        for block in article.select(".resume-item p, li, .resume-headline p, .resume-legend p"):
            if block.find_parent(class_="resume-skills") is None:
                phrases.extend(_sentences(block.get_text()))
        for heading in article.select("h1, h2"):
            phrases.append(_flat(heading.get_text()))
        for category in article.select(".resume-skill-category"):
            skills = [li.get_text() for li in category.find_next_sibling("ul").select("li")]
            phrases.append(f"{category.get_text()}: {', '.join(skills)}")
    # Publications: the title of each paper, as the .bib writes it.
    soup = BeautifulSoup(
        (site / "sections/publications.html").read_text(encoding="utf-8"), "html.parser"
    )
    for citation in soup.select(".citation"):
        for details in citation.select("details"):
            details.decompose()
        phrases.extend(s for s in _sentences(citation.get_text()) if len(s) > 20)
    return [p for p in dict.fromkeys(phrases) if p]


@pytest.fixture(scope="module")
def phrases(site) -> list[str]:
    found = source_phrases(site)
    assert len(found) > 80, found  # the whole résumé, not a few headings
    assert "Developing and maintaining LLM-based services such as Gistty, a Chrome " in (
        " ".join(found)
    )
    return found


@pytest.fixture(
    scope="module", params=[(paper, name) for paper in ("a4", "letter") for name in PDFS]
)
def pdf(request, pdf_build, pdf_build_letter):
    paper, name = request.param
    return (pdf_build if paper == "a4" else pdf_build_letter)[0] / name


@pytest.mark.parametrize("extractor", EXTRACTORS)
def test_every_phrase_extracts_verbatim(pdf, phrases, extractor):
    text = _flat(extracted(extractor, pdf))
    missing = [phrase for phrase in phrases if phrase not in text]
    assert missing == [], f"{len(missing)} of {len(phrases)} phrases missing"


@pytest.mark.parametrize("extractor", EXTRACTORS)
def test_nothing_is_said_twice(pdf, phrases, extractor):
    # Each sentence once: the full CV, the second document of one LaTeX
    # build, once listed every paper twice.
    text = _flat(extracted(extractor, pdf))
    repeated = [phrase for phrase in phrases if len(phrase) >= 40 and text.count(phrase) > 1]
    assert repeated == []


@pytest.mark.parametrize("extractor", EXTRACTORS)
def test_hyphens_spaces_and_letters_as_typed(pdf, extractor):
    text = extracted(extractor, pdf)
    assert "\u2011" not in text and "\u00ad" not in text  # non-breaking and soft hyphens
    assert not re.search("[\ufb00-\ufb06]", text)  # ligature glyphs
    flat = _flat(text)
    for phrase in ["Back-end Web Developer", "LLM-based services", "multi-GPU pipeline"]:
        assert phrase in flat
    # Words are separated, also where the line is ragged.
    assert "Developing and maintaining LLM-based services" in flat


@pytest.mark.parametrize("extractor", EXTRACTORS)
def test_items_in_reading_order(pdf, extractor):
    text = _flat(extracted(extractor, pdf))
    order = [
        "Software Engineer · Global AI Platform Corporation",
        "Software Engineering Manager · NAVER",
        "Software Engineer · Kakao Brain",
        "Game Server Engineer · NEXON",
        "Back-end Web Developer · nPine",
        "Front-end Web Developer · Lunant",
        "Implemented GPipe",
        "Invented a Hangul transcription algorithm",
        "Implemented TrueSkill",
        "Developed a Python profiler",
        "NSML, the hyper-scale ML training platform · KRnet",
        "Computer Software · Kwangwoon University",
    ]
    positions = [text.index(name) for name in order]
    assert positions == sorted(positions)


def _build_date() -> str:
    """The date a build shows: the last commit's when SOURCE_DATE_EPOCH is set (make sets it)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    when = datetime.fromtimestamp(int(epoch), timezone.utc) if epoch else datetime.now(timezone.utc)
    return when.strftime("%b %d, %Y")


def test_the_pdf_and_the_site_say_when_they_were_last_updated(pdf_build, site):
    expected = f"Last updated on {_build_date()}"
    text = _flat(pypdf(pdf_build[0] / f"{NAME}.pdf"))
    assert expected in text
    footer = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert expected in _flat(footer.select_one("footer").get_text())


@pytest.mark.parametrize("name", PDFS)
@pytest.mark.parametrize("extractor", EXTRACTORS)
def test_every_korean_phrase_extracts_verbatim(site_ko, pdf_build_ko, name, extractor):
    # Hangul words whole, with their spaces, in every extractor.
    phrases = source_phrases(site_ko)
    assert "소프트웨어 엔지니어: ML 플랫폼, 파이프라인 병렬화, 분산 게임 서버." in phrases
    text = _flat(extracted(extractor, pdf_build_ko[0] / name))
    missing = [phrase for phrase in phrases if phrase not in text]
    assert missing == [], f"{len(missing)} of {len(phrases)} phrases missing"


def test_the_full_cv_links_every_download_and_the_one_page_has_no_room(pdf_build):
    from pypdf import PdfReader

    cv = _flat(poppler(pdf_build[0] / f"{NAME}-cv.pdf"))
    assert "Downloads: Résumé · Full CV · JSON Resume · Markdown · Plain text · BibTeX" in cv
    assert "Downloads:" not in poppler(pdf_build[0] / f"{NAME}.pdf")
    uris = {
        str(annot.get_object()["/A"]["/URI"])
        for page in PdfReader(pdf_build[0] / f"{NAME}-cv.pdf").pages
        for annot in page.get("/Annots") or []
        if "/URI" in (annot.get_object().get("/A") or {})
    }
    assert {
        "https://heungsub-lee.readthedocs.io/resume.json",
        "https://heungsub-lee.readthedocs.io/publications.bib",
    } <= uris
