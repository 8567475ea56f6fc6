"""The one-page résumé and the full CV: pages, fitted spacing, and content that cannot fit."""

from __future__ import annotations

import re
import statistics
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from helpers import build_pdf, copy_site

pytestmark = pytest.mark.system

NAME = "heungsub-lee"
#: The one-page layout's font size and the line heights it may choose, as factors of it.
FONT_SIZE = 10.0
LINE_HEIGHTS = (1.1, 1.5)


def pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True)
    return int(re.search(r"^Pages:\s+(\d+)", info.stdout, re.M)[1])


def lines_by_column(pdf: Path) -> tuple[float, dict[str, list[tuple[float, float]]]]:
    """The page's height, and each column's lines as ``(baseline y, font size)``."""
    html = subprocess.run(
        ["pdftotext", "-bbox-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    soup = BeautifulSoup(html, "html.parser")
    page = soup.select_one("page")
    width, height = float(page["width"]), float(page["height"])
    columns: dict[str, list[tuple[float, float]]] = {"left": [], "right": []}
    for line in soup.select("line"):
        if line.get_text(" ", strip=True).startswith("Last updated on"):
            continue  # the footer
        x_min, x_max = float(line["xmin"]), float(line["xmax"])
        y_max = float(line["ymax"])
        if x_max <= width / 2:
            columns["left"].append((y_max, y_max - float(line["ymin"])))
        elif x_min >= width / 2:
            columns["right"].append((y_max, y_max - float(line["ymin"])))
    return height, {side: sorted(found) for side, found in columns.items()}


@pytest.fixture(scope="module", params=["a4", "letter"])
def latex(request, pdf_build, pdf_build_letter) -> Path:
    return (pdf_build if request.param == "a4" else pdf_build_letter)[0]


def test_the_resume_is_one_page_and_the_cv_at_most_two(latex):
    assert pages(latex / f"{NAME}.pdf") == 1
    assert pages(latex / f"{NAME}-cv.pdf") <= 2


def test_the_one_page_resume_fills_both_columns_with_fitted_spacing(latex):
    height, columns = lines_by_column(latex / f"{NAME}.pdf")
    bottoms = []
    for side, lines in columns.items():
        assert len(lines) > 40, side
        # Body lines: the most common line box height is the body font's.
        body = statistics.mode(round(size, 1) for _, size in lines)
        baselines = [y for y, size in lines if round(size, 1) == body]
        pitches = [b - a for a, b in zip(baselines, baselines[1:]) if b - a < 2 * FONT_SIZE]
        line_height = statistics.median(pitches) / FONT_SIZE
        assert LINE_HEIGHTS[0] - 0.01 <= line_height <= LINE_HEIGHTS[1] + 0.01, (side, line_height)
        bottoms.append(lines[-1][0])
    # Both columns end at the bottom of the text block, within a line of each other.
    assert abs(bottoms[0] - bottoms[1]) < 1.4 * FONT_SIZE
    assert min(bottoms) > height - 60


def test_the_left_column_ends_between_sections(pdf_build):
    # Each column breaks between sections, so every extractor reads it whole.
    text = subprocess.run(
        ["pdftotext", str(pdf_build[0] / f"{NAME}.pdf"), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    log = (pdf_build[0] / f"{NAME}.log").read_text(encoding="utf-8", errors="replace")
    assert re.search(r"resume: one page; the left column holds \d+ of 9 sections", log)
    assert text.index("Work Experience") < text.index("Contributions")


def test_content_that_cannot_fit_stops_the_build(tmp_path):
    src = copy_site(tmp_path / "src")
    experience = src / "sections" / "experience.md"
    filler = "\n\nDeveloped and maintained yet another internal service for the team." * 60
    text = experience.read_text(encoding="utf-8").replace(
        "Designed and developed UI/UX for social media.",
        "Designed and developed UI/UX for social media." + filler,
    )
    experience.write_text(text, encoding="utf-8")
    result = build_pdf(src, tmp_path / "_build")
    assert result.returncode != 0
    log = (tmp_path / "_build" / "latex" / f"{NAME}.log").read_text(
        encoding="utf-8", errors="replace"
    )
    # TeX folds its log at 79 columns.
    assert "The one-page resume does not fit on one page at 10pt" in log.replace("\n", "")
    assert f"{NAME}.pdf" not in {path.name for path in (tmp_path / "_build" / "latex").iterdir()}
