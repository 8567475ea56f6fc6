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

from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.texescape import escape

STY = Path(__file__).with_name("resume.sty")


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

    The metadata come from ``author`` and ``resume_keywords``: nothing about
    the owner is written twice.
    """
    if str(STY) not in config.latex_additional_files:
        config.latex_additional_files = [*config.latex_additional_files, str(STY)]
    elements = dict(config.latex_elements)
    elements["preamble"] = (
        "\\usepackage{resume}\n" + pdf_metadata(config) + elements.get("preamble", "")
    )
    config.latex_elements = elements


def pdf_metadata(config) -> str:
    """``\\hypersetup{...}`` with the PDF's title, author, subject and keywords."""
    author = escape(config.author)
    keywords = escape(", ".join(config.resume_keywords))
    return (
        "\\hypersetup{\n"
        f"  pdftitle={{{author}: Résumé}},\n"
        f"  pdfauthor={{{author}}},\n"
        f"  pdfsubject={{Résumé of {author}}},\n"
        f"  pdfkeywords={{{keywords}}},\n"
        "}\n"
    )
