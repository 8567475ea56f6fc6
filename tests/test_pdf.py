"""The PDF résumé, from the same source: text, metadata, fonts, links."""

from __future__ import annotations

import re
import subprocess

import pytest
from pypdf import PdfReader

from conftest import build_pdf, copy_site, sphinx_warnings

NAME = "heungsub-lee"
HEADINGS = [
    "Work Experience",
    "Open Source Experience",
    "Contributions",
    "Publications",
    "Public Speeches",
    "Education",
    "Interests",
    "Skills",
    "Languages",
]


def run(*command: str) -> str:
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


@pytest.fixture(scope="module")
def latex(pdf_build):
    return pdf_build[0]


@pytest.fixture(scope="module")
def pdf(latex):
    return latex / f"{NAME}.pdf"


@pytest.fixture(scope="module")
def text(pdf) -> str:
    # A new page starts with a form feed: make it a line break.
    return run("pdftotext", str(pdf), "-").replace("\f", "\n")


def test_builds_with_no_warning(pdf_build):
    latex, result = pdf_build
    assert sphinx_warnings(result.stderr) == []
    log = (latex / f"{NAME}.log").read_text(encoding="utf-8", errors="replace")
    assert "Missing character" not in log
    assert not re.search(r"^! ", log, re.M)
    overfull = [float(x) for x in re.findall(r"Overfull \\hbox \((\d+\.?\d*)pt too wide", log)]
    assert all(width <= 2 for width in overfull), overfull


def test_headings_in_order(text):
    lines = [line.strip() for line in text.splitlines()]
    positions = [lines.index(heading) for heading in HEADINGS]
    assert positions == sorted(positions)


def test_no_screen_only_content(text):
    assert "Download PDF" not in text
    assert "Six positions since 2007" not in text  # a card on the landing page


def test_header_name_headline_contact(text):
    head = text.split("Work Experience")[0]
    assert head.strip().startswith("Heungsub Lee")
    assert (
        "Software engineer: ML platforms, pipeline parallelism and distributed game servers."
        in head
    )
    assert "heungsub@subl.ee · subl.ee · github.com/sublee · linkedin.com/in/sublee" in head


def test_publications_inside_their_section(text):
    publications = text.split("\nPublications\n")[1].split("\nPublic Speeches\n")[0]
    flat = re.sub(r"\s+", " ", publications)
    assert (
        "What Changes Can Large-scale Language Models Bring? Intensive Study on HyperCLOVA" in flat
    )
    assert "torchgpipe: On-the-fly Pipeline Parallelism for Training Giant Models" in flat
    assert flat.index("HyperCLOVA") < flat.index("torchgpipe")
    assert "C. Kim*, Heungsub Lee*, M. Jeong" in flat
    assert "…, Heungsub Lee, et al. (37 authors)" in flat
    assert "* Contributed equally." in flat
    assert "References" not in text


def test_items_with_dates_on_the_same_line(text):
    lines = text.splitlines()
    for title, dates in [
        ("Software Engineer · Global AI Platform Corporation", "Sep 2023 – Present"),
        ("Game Server Engineer · NEXON", "Mar 2011 – Dec 2018"),
        ("torchgpipe", "Feb 2019 – Apr 2020"),
        ("Computer Software · Kwangwoon University", "2008"),
    ]:
        assert title in lines and dates in lines


def test_words_are_whole(text):
    # No hyphenation, and ligatures extract as their letters.
    assert "LLM-based services" in text
    assert not re.search(r"\w-\n\w", text)
    assert "ﬁ" not in text and "ﬂ" not in text
    assert "optimization for CUDA" in text
    assert (
        "Skills" in text
        and "Programming Languages: Go, Python, TypeScript, JavaScript, Bash" in text
    )


def test_at_most_two_pages_with_metadata(pdf):
    info = run("pdfinfo", str(pdf))
    assert int(re.search(r"^Pages:\s+(\d+)", info, re.M)[1]) <= 2
    assert re.search(r"^Title:\s+Heungsub Lee: Résumé$", info, re.M)
    assert re.search(r"^Author:\s+Heungsub Lee$", info, re.M)
    assert re.search(r"^Subject:\s+\S", info, re.M)
    assert re.search(r"^Keywords:\s+.*pipeline parallelism", info, re.M)
    assert re.search(r"^Page size:.*\(A4\)", info, re.M)


def test_every_font_embedded(pdf):
    rows = run("pdffonts", str(pdf)).splitlines()[2:]
    assert rows
    for row in rows:
        emb = row.split()[-5]
        assert emb == "yes", row


def test_links_are_clickable(pdf):
    uris = set()
    for page in PdfReader(pdf).pages:
        for annot in page.get("/Annots") or []:
            action = annot.get_object().get("/A")
            if action and "/URI" in action:
                uris.add(str(action["/URI"]))
    assert {
        "mailto:heungsub@subl.ee",
        "https://subl.ee/",
        "https://github.com/sublee",
        "https://www.linkedin.com/in/sublee",
        "https://arxiv.org/abs/2109.04650",
        "https://arxiv.org/abs/2004.09910",
        "https://doi.org/10.18653/v1/2021.emnlp-main.274",
    } <= uris


def test_citations_link_to_the_publications(latex):
    tex = (latex / f"{NAME}.tex").read_text(encoding="utf-8")
    assert r"\bibitem[1]{sections/publications:pub-kim2021hyperclova}" in tex
    assert r"\hyperlink{cite.sections/publications:pub-kim2021hyperclova}{1}" in tex
    assert r"\hyperlink{cite.sections/publications:pub-kim2020torchgpipe}{2}" in tex


def test_letter_paper(tmp_path):
    src = copy_site(tmp_path / "src")
    result = build_pdf(src, tmp_path / "_build", "-D", "latex_elements.papersize=letterpaper")
    assert result.returncode == 0, result.stderr
    assert sphinx_warnings(result.stderr) == []
    info = run("pdfinfo", str(tmp_path / "_build" / "latex" / f"{NAME}.pdf"))
    assert re.search(r"^Page size:.*\(letter\)", info, re.M)
    assert int(re.search(r"^Pages:\s+(\d+)", info, re.M)[1]) <= 2


def test_korean_renders_with_its_spaces(rootdir, tmp_path):
    out = tmp_path / "_build"
    result = build_pdf(rootdir / "test-korean", out)
    assert result.returncode == 0, result.stderr
    assert sphinx_warnings(result.stderr) == []
    log = (out / "latex" / "korean.log").read_text(encoding="utf-8", errors="replace")
    assert "Missing character" not in log
    text = run("pdftotext", str(out / "latex" / "korean.pdf"), "-")
    assert "이흥섭 (Heungsub Lee) 씀." in text
    assert "한글 단어 사이의 띄어쓰기는 그대로 남는다." in text
    fonts = run("pdffonts", str(out / "latex" / "korean.pdf"))
    assert "NotoSansCJK" in fonts
