"""The editions of the site side by side: a language switcher and hreflang alternates.

``resume_languages`` lists the site's languages, the source's first (``["en",
"ko"]``).  Each edition is one build (``-D language=ko``); this module tells
every page where the same page is in each language:

* **Where each edition lives.**  Locally, the first language is at the
  site's root and each other in a folder named after it (``_build/html/`` and
  ``_build/html/ko/``; the address in ``html_baseurl`` follows the same
  layout).  On Read the Docs a translation is a project of its own served
  beside the first (``/en/latest/`` and ``/ko/latest/``): the roots come from
  ``READTHEDOCS_CANONICAL_URL``, with the language in it
  (``READTHEDOCS_LANGUAGE``) replaced.
* **The switcher** (``_templates/sidebar/languages.html``, one entry of
  ``html_sidebars``) links the same page in each other language, relatively,
  so that it works from the files on disk too; the 404 page, which may be
  served at any depth, links by absolute path.  Each link carries the
  language (``lang``, ``hreflang``) so screen readers read its name right.
* **Alternates**: ``<link rel="alternate" hreflang="...">`` on every page,
  one per language and ``x-default`` for the first, at canonical addresses;
  the sitemap gets the same alternates.
"""

from __future__ import annotations

import os
import posixpath
import queue
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit
from xml.etree import ElementTree

from sphinx.application import Sphinx
from sphinx.util import logging

from .i18n import language_name

logger = logging.getLogger(__name__)

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"


def _with_slash(url: str) -> str:
    return url if url.endswith("/") else url + "/"


def hreflang(language: str) -> str:
    """``ko``, ``pt-BR``: the language as HTML's ``hreflang`` and ``lang`` spell it."""
    return language.replace("_", "-")


def site_roots(
    languages: list[str], language: str, baseurl: str, environ=os.environ
) -> dict[str, str]:
    """The address of each edition's root, for a build in *language* at *baseurl*.

    On Read the Docs the canonical address is ``/<language>/<version>/`` and the
    other editions are the same address with the language replaced.  Elsewhere
    the first language is at the root and the others in ``<language>/`` below it;
    *baseurl* is the current edition's address, so the root is *baseurl* less
    its ``<language>/`` for an edition other than the first.
    """
    canonical = environ.get("READTHEDOCS_CANONICAL_URL", "")
    if environ.get("READTHEDOCS") == "True" and canonical:
        parts = urlsplit(_with_slash(canonical))
        segments = parts.path.split("/")  # ["", "en", "latest", ""]
        current = environ.get("READTHEDOCS_LANGUAGE") or hreflang(language).lower()
        if len(segments) > 2 and segments[1].lower() == current.lower():
            return {
                lang: urlunsplit(
                    parts._replace(path="/".join(["", hreflang(lang).lower(), *segments[2:]]))
                )
                for lang in languages
            }
    root = _with_slash(baseurl)
    if language != languages[0] and root.endswith(f"/{language}/"):
        root = root[: -len(language) - 1]
    return {lang: root if lang == languages[0] else f"{root}{lang}/" for lang in languages}


def relative_root(from_root: str, to_root: str) -> str:
    """The way from one edition's root to another's: ``ko/``, ``../``, ``../../ko/latest/``.

    An address on another host stays absolute.
    """
    a, b = urlsplit(from_root), urlsplit(to_root)
    if (a.scheme, a.netloc) != (b.scheme, b.netloc):
        return to_root
    way = posixpath.relpath(b.path or "/", a.path or "/")
    return "" if way == "." else way + "/"


def absolute_root(root: str, current_root: str) -> str:
    """*root* as a path from the host (``/ko/latest/``) where it is on the current host."""
    a, b = urlsplit(current_root), urlsplit(root)
    return b.path or "/" if (a.scheme, a.netloc) == (b.scheme, b.netloc) else root


def page_links(
    roots: dict[str, str], language: str, target: str, absolute: bool = False
) -> list[dict]:
    """The switcher's entries for the page at *target* (``sections/talks.html``).

    Each is ``{"code", "name", "href", "current"}``; the links are relative to
    the page, or from the host's root where *absolute* (the 404 page).
    """
    up = "../" * target.count("/")
    current_root = roots[language]
    links = []
    for lang, root in roots.items():
        if absolute:
            href = absolute_root(root, current_root) + target
        else:
            href = up + relative_root(current_root, root) + target
        links.append(
            {
                "code": hreflang(lang),
                "name": language_name(lang),
                "href": href,
                "current": lang == language,
            }
        )
    return links


def alternates(roots: dict[str, str], target: str) -> list[tuple[str, str]]:
    """``(hreflang, address)`` of the page in each language, then ``x-default``."""
    found = [(hreflang(lang), root + target) for lang, root in roots.items()]
    first = next(iter(roots.values()))
    return [*found, ("x-default", first + target)]


def alternate_link_tags(roots: dict[str, str], target: str) -> str:
    from html import escape

    return "".join(
        f'\n<link rel="alternate" hreflang="{lang}" href="{escape(url)}">'
        for lang, url in alternates(roots, target)
    )


# -- Sphinx wiring -----------------------------------------------------------


def _roots(app: Sphinx) -> dict[str, str]:
    languages = list(app.config.resume_languages or ())
    language = (app.config.language or languages[0]) if languages else ""
    if not languages or language not in languages or not app.config.html_baseurl:
        return {}
    return site_roots(languages, language, app.config.html_baseurl)


def add_to_page(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """The switcher's entries and the alternates of the page (``html-page-context``)."""
    if app.builder.format != "html":
        return
    roots = _roots(app)
    if not roots:
        return
    target = app.builder.get_target_uri(pagename)
    is_404 = pagename == getattr(app.config, "notfound_pagename", None)
    context["resume_languages"] = page_links(roots, app.config.language, target, is_404)
    context["metatags"] = context.get("metatags", "") + alternate_link_tags(roots, target)


def claim_output(app: Sphinx) -> None:
    """``_static`` in the HTML output before any page is written (``builder-inited``).

    ``make`` builds the Korean edition into ``ko/`` under the English site
    while the English one is built: the English build's last steps take the
    pages of a folder with a ``_static`` of its own as another site's
    (``publish.own_pages``), from the Korean build's start.
    """
    if app.builder.format == "html":
        Path(app.outdir, "_static").mkdir(parents=True, exist_ok=True)


def complete_sitemap(app: Sphinx, exception: Exception | None) -> None:
    """Every page in ``sitemap.xml``, not only those this build wrote (``build-finished``).

    sphinx-sitemap lists the pages it sees written (its issue #13): after an
    incremental build, the pages that changed.  Before it writes the file,
    its queue gets every document, by its own ``add_html_link``, in the order
    of a build from nothing: the documents by name, then the other pages it saw.
    """
    links = getattr(app, "sitemap_links", None)
    if exception is not None or app.builder.format != "html" or links is None:
        return
    import sphinx_sitemap

    seen = _drain(links)
    for docname in sorted(app.env.found_docs):
        sphinx_sitemap.add_html_link(app, docname, None, {}, None)
    documents = _drain(links)
    links_of_documents = {link for link, _ in documents}
    for item in documents + [item for item in seen if item[0] not in links_of_documents]:
        links.put(item)


def _drain(links) -> list[tuple]:
    items = []
    while True:
        try:
            items.append(links.get_nowait())
        except queue.Empty:
            return items


def add_sitemap_alternates(app: Sphinx, exception: Exception | None) -> None:
    """Each address in ``sitemap.xml`` with its alternates (``build-finished``)."""
    if exception is not None or app.builder.format != "html":
        return
    roots = _roots(app)
    path = Path(app.outdir, getattr(app.config, "sitemap_filename", "sitemap.xml"))
    if not roots or not path.is_file():
        return
    current_root = roots[app.config.language]
    ElementTree.register_namespace("", SITEMAP_NS)
    ElementTree.register_namespace("xhtml", XHTML_NS)
    tree = ElementTree.parse(path)
    for url in tree.getroot().iter(f"{{{SITEMAP_NS}}}url"):
        loc = url.findtext(f"{{{SITEMAP_NS}}}loc") or ""
        if not loc.startswith(current_root):
            continue
        for old in url.findall(f"{{{XHTML_NS}}}link"):
            url.remove(old)
        for lang, href in alternates(roots, loc[len(current_root) :]):
            ElementTree.SubElement(
                url, f"{{{XHTML_NS}}}link", rel="alternate", hreflang=lang, href=href
            )
    tree.write(path, xml_declaration=True, encoding="utf-8", method="xml")
