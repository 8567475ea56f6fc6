"""The Downloads row: each file the résumé is published as, its format and its size.

The pure code, a small test root (the row on two pages, the sizes filled in
after the build, the PDF's once it is there, nothing in the text and LaTeX
outputs), then the landing page of the whole site.
"""

from __future__ import annotations

import runpy
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup

from helpers import ROOT, pdf_name
from resume.downloads import Download, downloads, row_html
from resume.publish import human_size, main, with_sizes

#: ``(label, format)`` of each entry, in the row's order.
ENTRIES = [
    ("Résumé", "PDF"),
    ("JSON Resume", "JSON"),
    ("Markdown", "MD"),
    ("Plain text", "TXT"),
    ("BibTeX", "BIB"),
]
TYPES = [
    "application/pdf",
    "application/json",
    "text/markdown",
    "text/plain",
    "application/x-bibtex",
]


class Config:
    """The configuration values the row reads."""

    def __init__(self, **values):
        self.latex_documents = [("index", "jane-roe.tex", "Jane Roe", "Jane Roe", "howto")]
        self.resume_pdf_url = ""
        self.language = "en"
        self.bibtex_bibfiles = ["refs.bib"]
        self.__dict__.update(values)


def soup_of(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def row_of(soup: BeautifulSoup) -> list[dict]:
    """What the row shows a reader, link by link; and that it is a named list."""
    rows = soup.select(".resume-downloads")
    assert len(rows) == 1
    listing = rows[0].select_one("ul")
    label = soup.find(id=listing["aria-labelledby"])
    assert label is not None and label.get_text() == "Downloads"
    return [
        {
            "label": a.select_one(".resume-download-label").get_text(),
            "meta": a.select_one(".resume-download-meta").get_text(),
            "href": a["href"],
            "type": a["type"],
        }
        for a in (li.select_one("a") for li in listing.select(":scope > li"))
    ]


def assert_row_matches_files(row: list[dict], page: Path, entries=ENTRIES, types=TYPES) -> None:
    """Each entry gives its format, and its size exactly where the file is beside *page*."""
    assert [entry["type"] for entry in row] == types
    assert len(row) == len(entries)
    for entry, (label, fmt) in zip(row, entries, strict=True):
        assert entry["label"] == label
        target = page.parent / entry["href"]
        if target.is_file():
            assert entry["meta"] == f"{fmt}, {human_size(target.stat().st_size)}", entry
        else:
            assert entry["meta"] == fmt, entry


# -- The pure code ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("size", "shown"),
    [
        (0, "0 bytes"),
        (999, "999 bytes"),
        (1000, "1.0 KB"),
        (2414, "2.4 KB"),
        (9949, "9.9 KB"),
        (9950, "10 KB"),
        (61_234, "61 KB"),
        (999_499, "999 KB"),
        (999_500, "1.0 MB"),
        (12_500_000, "12 MB"),
    ],
)
def test_sizes_read_as_people_say_them(size, shown):
    assert human_size(size) == shown


def test_the_row_lists_the_pdf_then_the_data_then_each_bib():
    found = downloads(Config(), environ={})
    assert [(d.label, d.format) for d in found] == ENTRIES
    assert [d.target for d in found] == [
        "jane-roe.pdf",
        "resume.json",
        "resume.md",
        "resume.txt",
        "refs.bib",
    ]
    # The one-page résumé and the full CV: two PDFs, the first said to be one page.
    two = Config(
        latex_documents=[
            ("index", "jane-roe.tex", "Jane Roe", "Jane Roe", "resumeonepage"),
            ("index", "jane-roe-cv.tex", "Jane Roe", "Jane Roe", "howto"),
            ("other", "talks.tex", "Talks", "Jane Roe", "howto"),
        ]
    )
    assert [(d.label, d.format, d.target) for d in downloads(two, environ={})][:3] == [
        ("Résumé", "PDF, 1 page", "jane-roe.pdf"),
        ("Full CV", "PDF", "jane-roe-cv.pdf"),
        ("Talks", "PDF", "talks.pdf"),
    ]


def test_on_read_the_docs_the_pdf_is_its_download():
    environ = {"READTHEDOCS": "True", "READTHEDOCS_LANGUAGE": "en", "READTHEDOCS_VERSION": "latest"}
    (pdf, *_) = downloads(Config(), environ=environ)
    assert pdf.target == "/_/downloads/en/latest/pdf/"


def test_sizes_are_filled_in_from_the_files_beside_the_page(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "resume.json").write_bytes(b"{}" * 700)
    entries = [
        Download("JSON Resume", "JSON", "application/json", "resume.json"),
        Download("Markdown", "MD", "text/markdown", "resume.md"),
        Download("Résumé", "PDF", "application/pdf", "/_/downloads/en/latest/pdf/"),
    ]
    page = tmp_path / "sub" / "page.html"
    row = row_html((d, "../" + d.target if "/" not in d.target else d.target) for d in entries)
    filled = with_sizes(row, page)
    soup = BeautifulSoup(filled, "html.parser")
    assert [m.get_text() for m in soup.select(".resume-download-meta")] == [
        "JSON, 1.4 KB",
        "MD",
        "PDF",
    ]
    # Once the file is there, the next pass gives its size; and again when it changes.
    (tmp_path / "resume.md").write_text("# Jane\n", encoding="utf-8")
    assert "MD, 7 bytes" in with_sizes(filled, page)
    (tmp_path / "resume.md").unlink()
    assert ">MD<" in with_sizes(with_sizes(filled, page), page)


# -- A small project -------------------------------------------------------------------


@pytest.mark.sphinx("html", testroot="downloads")
def test_the_row_on_a_page_and_one_folder_down(app, warning):
    app.build()
    assert warning.getvalue() == ""
    for page, prefix in [("index.html", ""), ("sub/page.html", "../")]:
        path = app.outdir / page
        row = row_of(soup_of(path))
        assert [entry["href"] for entry in row] == [
            f"{prefix}jane-roe.pdf",
            f"{prefix}resume.json",
            f"{prefix}resume.md",
            f"{prefix}resume.txt",
            f"{prefix}refs.bib",
        ]
        assert_row_matches_files(row, path)
        # The .bib is always there, copied by the build.
        assert row[-1]["meta"] == f"BIB, {human_size((app.outdir / 'refs.bib').stat().st_size)}"


@pytest.mark.sphinx("html", testroot="downloads", srcdir="downloads-pdf-later")
def test_the_pdfs_size_shows_once_the_pdf_is_beside_the_pages(app, warning):
    app.build()
    assert row_of(soup_of(app.outdir / "index.html"))[0]["meta"] == "PDF"
    # As `make` does: the PDF is copied beside the pages after they are built.
    (app.outdir / "jane-roe.pdf").write_bytes(b"%PDF-1.5\n" + b"0" * 61_000)
    # A rebuild that writes no page fills the size in ...
    app.build()
    assert warning.getvalue() == ""
    for page in ("index.html", "sub/page.html"):
        assert row_of(soup_of(app.outdir / page))[0]["meta"] == "PDF, 61 KB"
    # ... and so does the command that make can run after the copy.
    (app.outdir / "jane-roe.pdf").write_bytes(b"%PDF-1.5\n" + b"0" * 1200)
    assert main([str(app.outdir)]) == 0
    assert row_of(soup_of(app.outdir / "index.html"))[0]["meta"] == "PDF, 1.2 KB"
    assert main([str(app.outdir / "nowhere")]) == 2


@pytest.mark.sphinx("text", testroot="downloads")
def test_no_row_in_the_text_output(app, warning):
    app.build()
    assert warning.getvalue() == ""
    for page in ("index.txt", "sub/page.txt"):
        text = (app.outdir / page).read_text(encoding="utf-8")
        assert "Downloads" not in text and "JSON" not in text


@pytest.mark.sphinx("latex", testroot="downloads")
def test_the_latex_output_links_each_file_at_its_address(app, warning):
    # The full CV shows them under its header; the one-page layout drops the line.
    app.build()
    assert warning.getvalue() == ""
    tex = (app.outdir / "jane-roe.tex").read_text(encoding="utf-8")
    (line,) = [line for line in tex.splitlines() if line.startswith("\\resumedownloads")]
    assert line.startswith("\\resumedownloads{Downloads}{\\sphinxhref{")
    assert "\\sphinxhref{https://jane.example/cv/resume.json}{JSON Resume}" in line


# -- The whole site --------------------------------------------------------------------


def site_entries() -> tuple[list[tuple[str, str]], list[str], list[str]]:
    """The row that conf.py asks for: ``(label, format)``, the files, the types."""
    conf = runpy.run_path(str(ROOT / "conf.py"))
    found = downloads(SimpleNamespace(resume_pdf_url="", **conf), environ={})
    return (
        [(d.label, d.format) for d in found],
        [d.target for d in found],
        [d.mimetype for d in found],
    )


def test_the_sites_row_lists_both_pdfs_then_the_data_and_the_bib():
    entries, files, _ = site_entries()
    assert entries == [
        ("Résumé", "PDF, 1 page"),
        ("Full CV", "PDF"),
        *ENTRIES[1:],
    ]
    assert files == [
        pdf_name(ROOT),
        pdf_name(ROOT).replace(".pdf", "-cv.pdf"),
        "resume.json",
        "resume.md",
        "resume.txt",
        "publications.bib",
    ]


@pytest.mark.system
def test_the_landing_page_has_one_downloads_row(site):
    entries, files, types = site_entries()
    soup = soup_of(site / "index.html")
    row = row_of(soup)
    assert [entry["href"] for entry in row] == files
    assert_row_matches_files(row, site / "index.html", entries, types)
    assert row[-1]["meta"].startswith("BIB, ")  # the .bib is always there
    # The row replaces the single PDF link of old: the PDF links are in it.
    assert soup.select("article a.resume-pdf-link") == soup.select(
        ".resume-downloads a.resume-pdf-link"
    )
    # The row is on the landing page only.
    for page in site.rglob("*.html"):
        if page != site / "index.html":
            assert "resume-downloads" not in page.read_text(encoding="utf-8"), page


@pytest.mark.system
def test_each_link_of_the_row_leads_to_a_file_of_the_site(made_site, tmp_path):
    entries, _, types = site_entries()
    site = shutil.copytree(made_site, tmp_path / "html")
    # The PDF came after the pages; the command fills its size in.
    assert main([str(site)]) == 0
    row = row_of(soup_of(site / "index.html"))
    assert_row_matches_files(row, site / "index.html", entries, types)
    present = [entry for entry in row if (site / entry["href"]).is_file()]
    # The résumé's PDF and the .bib are there whatever else the build writes.
    assert {pdf_name(ROOT), "publications.bib"} <= {entry["href"] for entry in present}
    assert all(entry["meta"].rsplit(", ", 1)[-1].endswith(("KB", "MB")) for entry in present)
    assert (site / pdf_name(ROOT)).read_bytes().startswith(b"%PDF-")
