"""The web site's own touches to the pages Sphinx and furo render.

* ``{download-pdf}`Download PDF``` links the PDF of the résumé: on Read the
  Docs, the download that it builds for the version (``/_/downloads/<language>
  /<version>/pdf/``); elsewhere, the PDF beside the pages (``make`` copies it
  there), or ``resume_pdf_url`` when set.  The PDF itself leaves it out.
* A link from a page to itself is written ``#`` by Sphinx's ``pathto`` and
  its local table of contents; here it names its target instead (the page's
  file, or its title's anchor), so that no link on the site is an empty
  ``href="#"``.
"""

from __future__ import annotations

import os
import posixpath

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.osutil import relative_uri

from resume_visitors import SKIPPED


class resume_pdf_link(nodes.Inline, nodes.TextElement):
    """A link to the PDF, for the web only."""


def _download_pdf_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    return [resume_pdf_link(rawtext, text)], []


def pdf_url(config, environ=os.environ) -> str:
    """Where the web pages find the PDF (relative to the site's root, or absolute)."""
    if config.resume_pdf_url:
        return config.resume_pdf_url
    if environ.get("READTHEDOCS") == "True":
        language = environ.get("READTHEDOCS_LANGUAGE", "en")
        version = environ.get("READTHEDOCS_VERSION", "latest")
        return f"/_/downloads/{language}/{version}/pdf/"
    target = config.latex_documents[0][1] if config.latex_documents else "resume.tex"
    return posixpath.splitext(target)[0] + ".pdf"


def _visit_html_pdf_link(self, node):
    url = pdf_url(self.config)
    if "://" not in url and not url.startswith("/"):
        url = relative_uri(self.builder.get_target_uri(self.builder.current_docname), url)
    self.body.append(
        self.starttag(node, "a", "", href=url, CLASS="resume-pdf-link", type="application/pdf")
    )


def _depart_html_pdf_link(self, node):
    self.body.append("</a>")


def _self_links_named(
    app: Sphinx, pagename: str, templatename: str, context: dict, doctree
) -> None:
    pathto = context.get("pathto")
    if pathto is None:
        return
    own_file = posixpath.basename(app.builder.get_target_uri(pagename)) or "./"

    def named_pathto(*args, **kwargs):
        uri = pathto(*args, **kwargs)
        return own_file if uri == "#" else uri

    context["pathto"] = named_pathto
    # furo's navigation links the current page to "#".
    if context.get("furo_navigation_tree"):
        context["furo_navigation_tree"] = context["furo_navigation_tree"].replace(
            'href="#"', f'href="{own_file}"'
        )
    section = doctree.next_node(nodes.section) if doctree is not None else None
    if section is not None and section["ids"] and context.get("toc"):
        context["toc"] = context["toc"].replace('href="#"', f'href="#{section["ids"][-1]}"')


def setup(app: Sphinx) -> dict:
    app.add_config_value("resume_pdf_url", "", "html", types=[str])
    app.add_node(
        resume_pdf_link,
        html=(_visit_html_pdf_link, _depart_html_pdf_link),
        latex=SKIPPED,
        text=SKIPPED,
    )
    app.add_role("download-pdf", _download_pdf_role)
    # After furo (priority 500) has put its navigation tree in the context.
    app.connect("html-page-context", _self_links_named, priority=600)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
