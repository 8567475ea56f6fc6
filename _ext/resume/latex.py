"""The PDF: Sphinx's LaTeX output laid out as a résumé.

* ``resume.sty`` (beside this module) is copied next to the generated .tex
  and loaded first in the preamble: fonts, colours, the header, section
  headings, and the macros that the project's own nodes write
  (``\\resumeitemheader``, ``\\resumeskillcategory``, ...).
* Publications stay where the ``bibliography`` directive stands.  Sphinx's
  LaTeX writer gathers every citation into one bibliography at the end of
  the document (``BibliographyTransform``); here, before it runs, each run of
  citations becomes a ``resume_bibliography`` that it leaves alone, written
  as a list of ``\\bibitem`` in the Publications section.
"""

from __future__ import annotations

import bisect
import functools
import os
import subprocess
import sys
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import texescape

from . import domain
from .i18n import translate
from .xelatex import DUMP_LINE

STY = Path(__file__).with_name("resume.sty")
#: What resume.sty's layout needs of Sphinx's LaTeX template; a project's
#: ``latex_elements`` may still set any of them.  The fonts are resume.sty's
#: (no fontpkg); the words come translated and hyphenation is off (no babel
#: or polyglossia); the header is ``\resumemaketitle``; no chapter heads,
#: contents or index.
LAYOUT_ELEMENTS = {
    "fontpkg": "",
    "babel": "",
    "polyglossia": "",
    "fncychap": "",
    "maketitle": r"\resumemaketitle",
    "tableofcontents": "",
    "makeindex": "",
    "printindex": "",
}
#: The one-page résumé's class, and the LaTeX theme that names it.
ONE_PAGE_CLASS = Path(__file__).with_name("resumeonepage.cls")
THEMES = Path(__file__).with_name("latex_themes")


class resume_bibliography(nodes.General, nodes.Element):
    """Citations kept in place, for LaTeX."""


class resume_citation(nodes.General, nodes.Element):
    """A citation that Sphinx's LaTeX ``BibliographyTransform`` does not move."""


class KeepCitationsInPlace(SphinxPostTransform):
    # Before sphinx.builders.latex.transforms.BibliographyTransform (750).
    default_priority = 700
    formats = ("latex",)

    def run(self, **kwargs) -> None:
        done: set[int] = set()
        for first in list(self.document.findall(nodes.citation)):
            if id(first) in done:
                continue
            parent = first.parent
            run = [first]
            for sibling in parent.children[parent.index(first) + 1 :]:
                if not isinstance(sibling, nodes.citation):
                    break
                run.append(sibling)
            done.update(id(citation) for citation in run)
            kept = resume_bibliography()
            for citation in run:
                kept += resume_citation(
                    citation.rawsource, *citation.children, **citation.attributes
                )
            parent.replace(run[0], kept)
            for citation in run[1:]:
                parent.remove(citation)


def visit_bibliography(self, node):
    longest = max((citation[0].astext() for citation in node), key=len)
    self.body.append("\n\\begin{resumebibliography}{%s}\n" % self.encode(longest))


def depart_bibliography(self, node):
    self.body.append("\\end{resumebibliography}\n")


def visit_citation(self, node):
    # \bibitem{docname:id}: the citations elsewhere link to it (hyperref).
    self.visit_citation(node)


def depart_citation(self, node):
    self.body.append("\n")


def configure_latex(app: Sphinx, config) -> None:
    """Put resume.sty beside the .tex and load it, with the PDF's metadata (``config-inited``).

    The template's elements that the layout needs come first
    (:data:`LAYOUT_ELEMENTS`), under the project's own ``latex_elements``.

    The metadata come from ``author`` and ``resume_keywords``: nothing about
    the owner is written twice.  The ``resumeonepage`` LaTeX theme (for the
    fifth field of ``latex_documents``) makes a document the one-page résumé.
    """
    extra = [str(STY), str(ONE_PAGE_CLASS)]
    config.latex_additional_files = [
        *config.latex_additional_files,
        *(name for name in extra if name not in config.latex_additional_files),
    ]
    if str(THEMES) not in config.latex_theme_path:
        config.latex_theme_path = [*config.latex_theme_path, str(THEMES)]
    elements = {**LAYOUT_ELEMENTS, **config.latex_elements}
    # The packages, then the line up to which the preamble goes into a xelatex
    # format (xelatex.py), then what a format cannot hold: the fonts, and what
    # changes from build to build. bookmark writes the PDF's bookmarks in the
    # first xelatex run (hyperref alone needs a second run to read them back
    # from the .out file): one run makes the final PDF.
    elements["preamble"] = (
        "\\usepackage{resume}\n\\usepackage{bookmark}\n"
        + elements.get("preamble", "")
        + DUMP_LINE
        + "\n\\resumefonts\n"
        + pdf_metadata(config)
    )
    config.latex_elements = elements


def one_document_on_read_the_docs(app: Sphinx) -> None:
    """On Read the Docs, the LaTeX builder writes the first document only (``builder-inited``).

    Read the Docs makes one PDF of the LaTeX output (``latexmk -jobname``
    takes one .tex); .readthedocs.yaml builds every PDF beside the pages.
    The web pages still list every document.
    """
    if app.builder.name == "latex" and os.environ.get("READTHEDOCS") == "True":
        # The builder reads the list when it starts writing.
        app.config.latex_documents = app.config.latex_documents[:1]


def escape(text: str, config) -> str:
    """*text* escaped for LaTeX, before the LaTeX builder has started (config time)."""
    texescape.init()  # the builder fills the same tables when it starts
    return texescape.escape(text, config.latex_engine)


def pdf_metadata(config) -> str:
    """``\\hypersetup{...}`` with the PDF's title, author, subject and keywords.

    In the build's language, with the footer's "Last updated on".
    """
    language = config.language
    author = escape(config.author, config)
    keywords = escape(", ".join(config.resume_keywords), config)
    # Translators: the PDF's title; {author} is the résumé's owner.
    title = escape(translate("{author}: Résumé", language).format(author=config.author), config)
    # Translators: the PDF's subject; {author} is the résumé's owner.
    subject = escape(translate("Résumé of {author}", language).format(author=config.author), config)
    # Translators: the PDF's footer; {date} is the date of the last change.
    before, _, after = translate("Last updated on {date}", language).partition("{date}")
    updated = escape(before, config) + "\\@date" + escape(after, config)
    return (
        "\\hypersetup{\n"
        f"  pdftitle={{{title}}},\n"
        f"  pdfauthor={{{author}}},\n"
        f"  pdfsubject={{{subject}}},\n"
        f"  pdfkeywords={{{keywords}}},\n"
        "}\n"
        f"\\makeatletter\\renewcommand{{\\resumelastupdated}}{{{updated}}}\\makeatother\n"
    )


def latex_language(app: Sphinx, config) -> None:
    """A language that Sphinx's LaTeX writer does not know is set as English (``config-inited``).

    Sphinx warns "no Babel option known for language 'ko'", which fails a
    strict build.  The document's LaTeX language only names the class option
    and the hyphenation patterns (hyphenation is off); resume.sty sets Hangul
    in Noto Sans CJK KR, and the words come translated.
    """
    from docutils.writers.latex2e import Babel
    from sphinx.builders.latex.util import ExtBabel

    code = (config.language or "en").replace("-", "_")
    if code not in Babel.language_codes and code.split("_")[0] not in Babel.language_codes:
        ExtBabel.language_codes = {**ExtBabel.language_codes, code: "english"}


# -- Characters the PDF's fonts cannot draw ----------------------------------

#: The fonts that resume.sty sets: Latin text, and Hangul switched per character.
PDF_FONTS = ("Noto Sans", "Noto Sans CJK KR")


@functools.cache
def font_charset(family: str) -> tuple[tuple[int, int], ...]:
    """The code point ranges that the installed font *family* covers (fontconfig)."""
    result = subprocess.run(
        ["fc-match", "--format=%{family}\n%{charset}", family],
        capture_output=True,
        text=True,
    )
    found, _, charset = result.stdout.partition("\n")
    if result.returncode != 0 or family not in found.split(","):
        raise ExtensionError(
            f"the PDF needs the font {family!r}, which is not installed "
            "(apt-packages.txt lists its Debian package)"
        )
    ranges = []
    for part in charset.split():
        low, _, high = part.partition("-")
        ranges.append((int(low, 16), int(high or low, 16)))
    return tuple(sorted(ranges))


def covered(char: str, charsets: list[tuple[tuple[int, int], ...]]) -> bool:
    point = ord(char)
    for ranges in charsets:
        index = bisect.bisect_right(ranges, (point, sys.maxsize)) - 1
        if index >= 0 and ranges[index][0] <= point <= ranges[index][1]:
            return True
    return False


def lost_characters(text: str, charsets) -> list[str]:
    """The characters of *text* that no font of *charsets* draws, each once."""
    return list(
        dict.fromkeys(
            c for c in text if not c.isspace() and ord(c) >= 32 and not covered(c, charsets)
        )
    )


def _location(node: nodes.Node) -> str:
    while node is not None and not (node.source and node.line):
        node = node.parent
    return f"{node.source}:{node.line}" if node is not None else ""


def write_from_html_build(app: Sphinx, exception: Exception | None) -> None:
    """The PDFs' LaTeX, written by the HTML build into ``resume_latex_dir`` (``build-finished``).

    ``make`` builds each edition's site and PDFs in one Sphinx process: the
    pages are read once, and Sphinx's LaTeX builder writes from the HTML
    build's environment the same files as a LaTeX build of its own
    (``tests/test_reproducible.py`` compares them), in 0.15 s instead of a
    second process.  Its input errors fail the HTML build, named as ever.
    The folder is relative to where sphinx-build runs, as its output is.
    """
    if exception is not None or app.builder.format != "html" or not app.config.resume_latex_dir:
        return
    from sphinx.builders.latex import LaTeXBuilder

    from .exports import other_builder

    outdir = Path(app.config.resume_latex_dir).resolve()
    outdir.mkdir(parents=True, exist_ok=True)
    with other_builder(app, LaTeXBuilder, outdir) as builder:
        builder.write(None, [], "all")
        builder.finish()


def check_characters(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """An error, at its file and line, for each character the PDF would drop.

    xelatex stops on a lost character too (``\\tracinglostchars=3`` in
    resume.sty), but names only the line of the generated .tex.
    """
    if app.builder.format != "latex":
        return
    domain.clear(app.env, "characters")
    charsets = [font_charset(family) for family in PDF_FONTS]
    for text in doctree.findall(nodes.Text):
        if isinstance(text.parent, (nodes.raw, nodes.comment)):
            continue
        for char in lost_characters(text.astext(), charsets):
            domain.report(
                app.env,
                f"the PDF's fonts ({', '.join(PDF_FONTS)}) cannot draw {char!r} "
                f"(U+{ord(char):04X}); it would be lost from the PDF",
                path=_location(text.parent) or docname,
                check="characters",
            )
