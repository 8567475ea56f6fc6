"""Someone else's résumé through the same extension (tests/roots/test-other-person):
her facts everywhere, and none of the owner's, on the web, in the PDF and its metadata."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from helpers import build_pdf, pdf_info, pdf_name, pdf_text, soup_of, sphinx_warnings

#: What only the owner's résumé says: his names, addresses, employers and work.
OWNER_FACTS = [
    "Heungsub",
    "이흥섭",
    "sublee",
    "subl.ee",
    "heungsub-lee",
    "NAVER",
    "HyperCLOVA",
    "Kakao",
    "NEXON",
    "torchgpipe",
    "Hangulize",
    "TrueSkill",
    "Kwangwoon",
]

#: Jane Roe's facts, as a reader reads them on the page and in the PDF.
HER_FACTS = [
    "Jane Roe",
    "Data engineer: stream processing at city scale.",
    "jane@roe.example",
    "github.com/janeroe",
    "Staff Data Engineer · Tramline Transit",
    "Apr 2019 – Present",
    "Tapflow",
    "Feb 2017 – Nov 2021",
    "Tapflow: Windowed Joins for Fare Streams",
    "Applied Mathematics · University of Lisbon",
    "Scala",
    "Portuguese — Native",
]


def owner_facts_in(text: str) -> list[str]:
    return [fact for fact in OWNER_FACTS if fact.lower() in text.lower()]


def owner_facts_in_files(folder: Path) -> dict[str, list[str]]:
    """``{file: owner's facts in it}`` for every text file under *folder*."""
    found = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            try:
                text = path.read_text(encoding="utf-8")
            except UnicodeDecodeError:
                continue  # images, fonts, the PDF itself (read through pdftotext)
            if facts := owner_facts_in(text):
                found[path.relative_to(folder).as_posix()] = facts
    return found


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\xa0", " "))


def test_the_owner_facts_would_be_found():
    assert owner_facts_in("Software Engineering Manager at NAVER, heungsub@subl.ee") == [
        "Heungsub",
        "subl.ee",
        "NAVER",
    ]


@pytest.mark.sphinx("html", testroot="other-person")
def test_her_site_shows_her_and_nothing_of_the_owner(app, warning):
    app.build()
    assert warning.getvalue() == ""
    soup = soup_of(app.outdir / "index.html")
    assert soup.title.get_text() == "Jane Roe"
    text = flat(soup.select_one("article").get_text(" ")).replace(" ,", ",")
    # The e-mail address is checked as a link below: its "@" and "." are elements of their own.
    assert [fact for fact in HER_FACTS if fact not in text and "@" not in fact] == []
    assert [(a.get_text(), a["href"]) for a in soup.select(".resume-contact a")] == [
        ("jane@roe.example", "mailto:jane%40roe.example"),
        ("roe.example", "https://roe.example/"),
        ("github.com/janeroe", "https://github.com/janeroe"),
    ]
    assert [s.get_text() for s in soup.select("div.citation strong")] == ["Jane Roe"]
    # The download link names her PDF, as her conf.py's latex_documents does.
    assert soup.select_one("a.resume-pdf-link")["href"] == pdf_name(app.srcdir) == "jane-roe.pdf"
    # Every file of the site: pages, data exports, scripts and stylesheets.
    assert owner_facts_in_files(app.outdir) == {}


@pytest.mark.system
def test_her_pdf_shows_her_and_nothing_of_the_owner(rootdir, tmp_path):
    root = rootdir / "test-other-person"
    result = build_pdf(root, tmp_path / "_build")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr
    assert sphinx_warnings(result.stderr) == []
    latex = tmp_path / "_build" / "latex"
    assert [pdf.name for pdf in latex.glob("*.pdf")] == [pdf_name(root)] == ["jane-roe.pdf"]
    pdf = latex / "jane-roe.pdf"

    text = pdf_text(pdf)
    assert text.lstrip().startswith("Jane Roe\n")
    assert [fact for fact in HER_FACTS if fact not in flat(text)] == []
    assert "Download PDF" not in text
    assert owner_facts_in(text) == []

    info = pdf_info(pdf)
    assert info["Title"] == "Jane Roe: Résumé"
    assert info["Author"] == "Jane Roe"
    assert info["Subject"] == "Résumé of Jane Roe"
    assert info["Keywords"] == "data engineering, stream processing"
    assert owner_facts_in(" ".join(info.values())) == []
    # The .tex, the style files and what xelatex wrote beside them.
    assert owner_facts_in_files(latex) == {}
