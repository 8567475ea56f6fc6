"""The web site's own touches to the pages Sphinx and furo render.

* ``{download-pdf}`Download PDF``` links the PDF of the résumé: on Read the
  Docs, the download that it builds for the version (``/_/downloads/<language>
  /<version>/pdf/``); elsewhere, the PDF beside the pages (``make`` copies it
  there), or ``resume_pdf_url`` when set.  The PDF itself leaves it out.
* A link from a page to itself is written ``#`` by Sphinx's ``pathto`` and
  its local table of contents; here it names its target instead (the page's
  file, or its title's anchor), so that no link on the site is an empty
  ``href="#"``.
* The publications are a list of list items.  docutils marks each entry
  ``role="doc-biblioentry"``, a role that WAI-ARIA deprecated: screen readers
  then announce an empty list, and accessibility checkers fail the page.
* The 404 page (sphinx-notfound-page) may be served at any address, at any
  depth: the links in its text are made absolute, as its sidebar's are.
* A page that has a description of its own (``html_meta``) gives it to
  OpenGraph too; sphinxext-opengraph would otherwise describe the page by its
  first words, which on the landing page are the contact line.
* ``robots.txt`` lets every crawler in and names the sitemap, at the
  canonical address (``html_baseurl``).
"""

from __future__ import annotations

import os
import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path

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


# -- The page's description, for OpenGraph too ------------------------------


class _MetaDescription(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.description: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "meta" and values.get("name") == "description" and self.description is None:
            self.description = values.get("content") or None


def meta_description(metatags: str) -> str | None:
    """The content of ``<meta name="description">`` among *metatags*, if any."""
    parser = _MetaDescription()
    parser.feed(metatags)
    parser.close()
    return parser.description


def _description_for_opengraph(
    app: Sphinx, pagename: str, templatename: str, context: dict, doctree
) -> None:
    description = meta_description(context.get("metatags", ""))
    if description:
        # sphinxext-opengraph takes "og:" fields of the page's metadata as they are.
        context["meta"] = {**(context.get("meta") or {}), "og:description": description}


# -- Publications: a list of list items -------------------------------------


def _visit_citation(self, node: nodes.citation) -> None:
    if not isinstance(node.previous_sibling(), nodes.citation):
        self.body.append('<div role="list" class="citation-list">\n')
    self.body.append(self.starttag(node, "div", classes=[node.tagname], role="listitem"))


def _depart_citation(self, node: nodes.citation) -> None:
    self.body.append("</div>\n")
    if not isinstance(node.next_node(descend=False, siblings=True), nodes.citation):
        self.body.append("</div>\n")


# -- The 404 page ------------------------------------------------------------

_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)


def absolute_uri(prefix: str, uri: str) -> str:
    """``index.html#home`` -> ``/en/latest/index.html#home``; addresses with a scheme stay."""
    if not uri or _SCHEME.match(uri) or uri.startswith(("/", "#")):
        return uri
    return prefix.rstrip("/") + "/" + uri


def _absolute_links_on_404(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if docname != getattr(app.config, "notfound_pagename", None) or app.builder.format != "html":
        return
    prefix = app.config.notfound_urls_prefix or "/"
    for reference in doctree.findall(nodes.reference):
        if "refuri" in reference:
            reference["refuri"] = absolute_uri(prefix, reference["refuri"])


# -- robots.txt --------------------------------------------------------------


def robots_txt(baseurl: str, sitemap: str = "sitemap.xml") -> str:
    """Every crawler may read every page; the sitemap is at *baseurl*."""
    lines = ["User-agent: *", "Disallow:"]
    if baseurl:
        lines += ["", f"Sitemap: {baseurl.rstrip('/')}/{sitemap}"]
    return "\n".join(lines) + "\n"


def _write_robots_txt(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    sitemap = getattr(app.config, "sitemap_filename", "sitemap.xml")
    text = robots_txt(app.config.html_baseurl, sitemap)
    Path(app.outdir, "robots.txt").write_text(text, encoding="utf-8")


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
    # Before sphinxext-opengraph (priority 500) writes its tags.
    app.connect("html-page-context", _description_for_opengraph, priority=450)
    app.add_node(nodes.citation, override=True, html=(_visit_citation, _depart_citation))
    app.connect("doctree-resolved", _absolute_links_on_404)
    app.connect("build-finished", _write_robots_txt)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
