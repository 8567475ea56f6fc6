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

from resume_visitors import SKIPPED

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


def _visit_bibliography(self, node):
    longest = max((citation[0].astext() for citation in node), key=len)
    self.body.append("\n\\begin{resumebibliography}{%s}\n" % self.encode(longest))


def _depart_bibliography(self, node):
    self.body.append("\\end{resumebibliography}\n")


def _visit_citation(self, node):
    # \bibitem{docname:id}: the citations elsewhere link to it (hyperref).
    self.visit_citation(node)


def _depart_citation(self, node):
    self.body.append("\n")


def _add_style(app: Sphinx, config) -> None:
    if str(STY) not in config.latex_additional_files:
        config.latex_additional_files = [*config.latex_additional_files, str(STY)]
    elements = dict(config.latex_elements)
    elements["preamble"] = "\\usepackage{resume}\n" + elements.get("preamble", "")
    config.latex_elements = elements


def setup(app: Sphinx) -> dict:
    app.add_node(
        resume_bibliography,
        latex=(_visit_bibliography, _depart_bibliography),
        html=SKIPPED,
        text=SKIPPED,
    )
    app.add_node(
        resume_citation,
        latex=(_visit_citation, _depart_citation),
        html=SKIPPED,
        text=SKIPPED,
    )
    app.add_post_transform(KeepCitationsInPlace)
    app.connect("config-inited", _add_style)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
