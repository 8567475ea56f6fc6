"""The Downloads row: every file the résumé is published as, with its format and size.

``{downloads}`` (a directive without content, for the web only) writes one
row on the page: a list named "Downloads" with a link to each file:

* the PDF of each LaTeX document (``latex_documents``): the résumé (the
  first; "1 page" where it is the one-page résumé), then the full CV; the
  first where the site finds it (:func:`.web.pdf_url`: beside the pages, or
  Read the Docs' download), the others beside the pages;
* JSON Resume (``resume.json``), Markdown (``resume.md``) and plain text
  (``resume.txt``), which the build writes beside the pages;
* each .bib file of ``bibtex_bibfiles`` (:mod:`.bibtex` copies it there).

Each link gives the file's format and, where the file is in the output when
the build ends, its size.  Some of these files are written when the pages
already are (at ``build-finished``), so the page is written with the formats
and the sizes are filled in then, all at once, by a pass over the pages that
have the row (:func:`.publish.fill_in_sizes`); a rebuild that does not write
the page again still gets the sizes of the new files.
The PDF is built by another process and put beside the pages afterwards
(``make``): its size shows where a PDF is already there when the HTML build
ends, and ``python -m resume.publish _build/html`` fills the sizes in again
after it has been copied.  A file served from elsewhere (Read the Docs'
PDF) shows its format only.
"""

from __future__ import annotations

import html
import os
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple
from urllib.parse import urljoin

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective
from sphinx.util.osutil import relative_uri

from .bibtex import published_name
from .i18n import translate
from .latex import ONE_PAGE_CLASS
from .latex import escape as latex_escape
from .publish import MARKER, fill_in_sizes, is_local
from .web import pdf_name, pdf_url

LABEL_ID = "resume-downloads-label"


class Download(NamedTuple):
    """A file the résumé is published as."""

    label: str  #: what it is, for a reader
    format: str  #: its format, as a reader names it
    mimetype: str  #: the link's ``type``
    target: str  #: a path relative to the site's root, or an address


def _files(language: str | None) -> list[Download]:
    """The files the build writes beside the pages, in the order the row lists them."""
    return [
        Download("JSON Resume", "JSON", "application/json", "resume.json"),
        Download("Markdown", "MD", "text/markdown", "resume.md"),
        # Translators: resume.txt, in the Downloads row.
        Download(translate("Plain text", language), "TXT", "text/plain", "resume.txt"),
    ]


def _pdf(config, index: int, document: tuple, environ) -> Download:
    language = getattr(config, "language", None)
    if index == 0:
        # Translators: the PDF of the résumé, in the Downloads row.
        label = translate("Résumé", language)
    elif index == 1:
        # Translators: the PDF of the full CV, in the Downloads row.
        label = translate("Full CV", language)
    else:
        label = document[2]
    fmt = "PDF"
    # The one-page résumé's LaTeX theme (latex.py) says how long it is.
    if len(document) > 4 and document[4] == ONE_PAGE_CLASS.stem:
        # Translators: the format of the one-page résumé, in the Downloads row.
        fmt = translate("PDF, 1 page", language)
    if index == 0:
        # Where the site finds the PDF: beside the pages, or Read the Docs' download.
        target = pdf_url(config, environ)
    else:
        target = pdf_name(document)
    return Download(label, fmt, "application/pdf", target)


def downloads(config, environ=os.environ) -> list[Download]:
    """Every download of the site, for the row, in order: the PDFs first."""
    found = [
        _pdf(config, index, document, environ)
        for index, document in enumerate(config.latex_documents or ())
    ]
    found.extend(_files(getattr(config, "language", None)))
    for name in getattr(config, "bibtex_bibfiles", None) or ():
        found.append(Download("BibTeX", "BIB", "application/x-bibtex", published_name(name)))
    return found


def href(target: str, page: str) -> str:
    """The link from *page* (its path in the site) to *target*."""
    return relative_uri(page, target) if is_local(target) else target


def row_html(items: Iterable[tuple[Download, str]], language=None) -> str:
    """The row, from ``(download, href)`` for each file: each with its format,
    to which :func:`.publish.fill_in_sizes` adds the file's size."""
    # Translators: the name of the row of files to download on the landing page.
    title = html.escape(translate("Downloads", language))
    lines = [
        f"<div {MARKER}>",
        f'<span class="resume-downloads-label" id="{LABEL_ID}">{title}</span>',
        f'<ul class="resume-downloads-list" aria-labelledby="{LABEL_ID}">',
    ]
    for download, link in items:
        classes = "resume-download"
        if download.mimetype == "application/pdf":
            classes += " resume-pdf-link"  # the PDF link, as other tools find it
        lines.append(
            f'<li><a class="{classes}" href="{html.escape(link)}" '
            f'type="{download.mimetype}" data-format="{html.escape(download.format)}">'
            f'<span class="resume-download-label">{html.escape(download.label)}</span> '
            f'<span class="resume-download-meta">{html.escape(download.format)}</span>'
            "</a></li>"
        )
    lines += ["</ul>", "</div>"]
    return "\n".join(lines) + "\n"


# -- Sphinx wiring -----------------------------------------------------------


class resume_downloads(nodes.General, nodes.Element):
    """The Downloads row: on the web, and as a line of links in the full CV's header."""


class DownloadsDirective(SphinxDirective):
    """``{downloads}``: the Downloads row."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        return [resume_downloads()]


def visit_html_downloads(self, node: resume_downloads) -> None:
    page = self.builder.get_target_uri(self.builder.current_docname)
    # The sizes come when the build ends (update_sizes), with the files written last.
    items = ((download, href(download.target, page)) for download in downloads(self.config))
    self.body.append(row_html(items, self.config.language))
    raise nodes.SkipNode


def latex_downloads(config, environ=os.environ) -> str:
    """``\\resumedownloads{Downloads}{links}``: each file at its address on the site."""
    base = config.html_baseurl or ""
    links = []
    for download in downloads(config, environ):
        address = urljoin(base, download.target) if base else download.target
        label = latex_escape(download.label, config)
        links.append(f"\\sphinxhref{{{address}}}{{{label}}}")
    # Translators: the name of the row of files to download on the landing page.
    title = latex_escape(translate("Downloads", config.language), config)
    return f"\n\\resumedownloads{{{title}}}{{{' · '.join(links)}}}\n"


def visit_latex_downloads(self, node: resume_downloads) -> None:
    self.body.append(latex_downloads(self.config))
    raise nodes.SkipNode


def update_sizes(app: Sphinx, exception: Exception | None) -> None:
    """The sizes of the files written when the pages already were (``build-finished``)."""
    if exception is not None or app.builder.format != "html":
        return
    fill_in_sizes(Path(app.outdir))
