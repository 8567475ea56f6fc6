"""The PDF résumé, from the same source: text, metadata, fonts, links."""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from helpers import ROOT, build_pdf, pdf_name, run, sphinx_warnings

pytestmark = pytest.mark.system

#: The PDF's name without its suffix, as conf.py's latex_documents gives it.
NAME = Path(pdf_name(ROOT)).stem
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


class Line(NamedTuple):
    """A line of text as pdftotext lays it out: its box, its words and theirs."""

    page: int
    x0: float
    x1: float
    y1: float  # the bottom of the box: same font, same baseline, same value
    words: tuple[str, ...]
    rights: tuple[float, ...]  # the right edge of each word


def lines_of(pdf: Path) -> list[Line]:
    """Every line of *pdf* with its position (``pdftotext -bbox-layout``), in points."""
    soup = BeautifulSoup(run("pdftotext", "-bbox-layout", str(pdf), "-"), "html.parser")
    return [
        Line(
            number,
            float(line["xmin"]),
            float(line["xmax"]),
            float(line["ymax"]),
            tuple(word.get_text() for word in line.find_all("word")),
            tuple(float(word["xmax"]) for word in line.find_all("word")),
        )
        for number, page in enumerate(soup.find_all("page"), 1)
        for line in page.find_all("line")
    ]


def find(words: tuple[str, ...], phrase: str) -> tuple[int, int] | None:
    """Where the words of *phrase* run in *words*: ``(first, end)``, or None."""
    wanted = tuple(phrase.split())
    for start in range(len(words) - len(wanted) + 1):
        if words[start : start + len(wanted)] == wanted:
            return start, start + len(wanted)
    return None


#: Items whose title and dates fit on one line, in every layout of the PDF.
ITEMS = [
    ("Software Engineer · Kakao Brain", "Dec 2018 – Aug 2020"),
    ("Game Server Engineer · NEXON", "Mar 2011 – Dec 2018"),
    ("torchgpipe", "Feb 2019 – Apr 2020"),
    ("Profiling · PyCon Korea", "Aug 2015"),
    ("Computer Software · Kwangwoon University", "2008"),
]


def test_items_with_dates_on_the_same_line(latex):
    # The full CV: the dates stand on the title's line, flush right.
    pdfs = sorted(latex.glob("*-cv.pdf"))
    assert pdfs
    for pdf in pdfs:
        lines = lines_of(pdf)
        for title, dates in ITEMS:
            heads = [line for line in lines if find(line.words, title) == (0, len(title.split()))]
            assert len(heads) == 1, (pdf.name, title, heads)
            head = heads[0]
            # The dates nearest below or beside the title (a year may occur elsewhere too).
            found = [
                line
                for line in lines
                if line.page == head.page and line.y1 > head.y1 - 3 and find(line.words, dates)
            ]
            assert found, (pdf.name, dates)
            line = min(found, key=lambda line: line.y1 - head.y1)
            right = line.rights[find(line.words, dates)[1] - 1]
            # On the title's baseline, not on the next line.
            assert abs(line.y1 - head.y1) <= 1, (pdf.name, title, head, line)
            # Flush right: at the right edge of the title's column, as far as
            # any line that starts in that column (text, lists, citations) goes.
            margin = max(other.x1 for other in lines if head.x0 - 1 <= other.x0 <= head.x0 + 40)
            assert abs(right - margin) <= 2, (pdf.name, title, right, margin)


def test_one_page_dates_follow_their_item(latex):
    # On one page, the dates follow the organization on its line (or wrap to the
    # next): far from their item at a column's edge, pdfminer.six would read them
    # into the next item.
    lines = lines_of(latex / "heungsub-lee.pdf")
    for title, dates in ITEMS:
        (head,) = [line for line in lines if find(line.words, title) == (0, len(title.split()))]
        words = head.words[len(title.split()) :]
        assert words[:1] == ("·",), (title, head.words)
        assert " ".join(words[1:]) == dates, (title, head.words)
        # Right after the organization, not pushed to the column's edge.
        gap = head.rights[len(title.split())] - head.rights[len(title.split()) - 1]
        assert gap < 12, (title, gap)


def test_words_are_whole(text):
    # No hyphenation, and ligatures extract as their letters.
    assert "LLM-based services" in text
    assert not re.search(r"\w-\n\w", text)
    assert "ﬁ" not in text and "ﬂ" not in text
    assert "optimization for CUDA" in text
    flat = " ".join(text.split())  # a narrow column wraps the line
    assert (
        "Skills" in flat
        and "Programming Languages: Go, Python, TypeScript, JavaScript, Bash" in flat
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


def test_letter_paper(pdf_build_letter):
    info = run("pdfinfo", str(pdf_build_letter[0] / f"{NAME}.pdf"))
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
