"""The web site's own touches to the pages Sphinx and furo render.

* :func:`pdf_url` is where the site finds the PDF of the résumé: on Read the
  Docs, the download that it builds for the version (``/_/downloads/<language>
  /<version>/pdf/``); elsewhere, the PDF beside the pages (``make`` copies it
  there), or ``resume_pdf_url`` when set (the Downloads row links it).
* The publications are a list of list items.  docutils marks each entry
  ``role="doc-biblioentry"``, a role that WAI-ARIA deprecated: screen readers
  then announce an empty list, and accessibility checkers fail the page.
* The 404 page (sphinx-notfound-page) may be served at any address, at any
  depth: the links in its text are made absolute, as its sidebar's are.
* A page that has a description of its own (``html_meta``) gives it to
  OpenGraph too; sphinxext-opengraph would otherwise describe the page by its
  first words, which on the landing page are the contact line.  Every page
  names its locale (``og:locale``, ``ko_KR`` in the Korean edition).
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


def pdf_url(config, environ=os.environ) -> str:
    """Where the web pages find the PDF (relative to the site's root, or absolute)."""
    if config.resume_pdf_url:
        return config.resume_pdf_url
    if environ.get("READTHEDOCS") == "True":
        language = environ.get("READTHEDOCS_LANGUAGE", "en")
        version = environ.get("READTHEDOCS_VERSION", "latest")
        return f"/_/downloads/{language}/{version}/pdf/"
    return pdf_name(config.latex_documents[0]) if config.latex_documents else "resume.pdf"


def pdf_name(document: tuple) -> str:
    """The PDF that an entry of ``latex_documents`` becomes: its .tex's name, as .pdf."""
    return posixpath.splitext(document[1])[0] + ".pdf"


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


def description_for_opengraph(
    app: Sphinx, pagename: str, templatename: str, context: dict, doctree
) -> None:
    # sphinxext-opengraph takes "og:" fields of the page's metadata as they are.
    fields = {"og:locale": opengraph_locale(app.config.language)}
    description = meta_description(context.get("metatags", ""))
    if description:
        fields["og:description"] = description
    context["meta"] = {**(context.get("meta") or {}), **fields}


def opengraph_locale(language: str | None) -> str:
    """``en`` -> ``en_US``, ``ko`` -> ``ko_KR``: OpenGraph's ``language_TERRITORY``."""
    from babel.core import get_global

    code = (language or "en").replace("-", "_")
    likely = get_global("likely_subtags").get(code.split("_")[0], code)
    parts = likely.split("_")
    return f"{parts[0]}_{parts[-1]}" if len(parts) > 1 else parts[0]


# -- Publications: a list of list items -------------------------------------


def visit_citation(self, node: nodes.citation) -> None:
    if not isinstance(node.previous_sibling(), nodes.citation):
        self.body.append('<div role="list" class="citation-list">\n')
    self.body.append(self.starttag(node, "div", classes=[node.tagname], role="listitem"))


def depart_citation(self, node: nodes.citation) -> None:
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


def absolute_links_on_404(app: Sphinx, doctree: nodes.document, docname: str) -> None:
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


def write_robots_txt(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    sitemap = getattr(app.config, "sitemap_filename", "sitemap.xml")
    text = robots_txt(app.config.html_baseurl, sitemap)
    Path(app.outdir, "robots.txt").write_text(text, encoding="utf-8")
