"""The web site's own touches to the pages Sphinx and furo render.

* A link from a page to itself is written ``#`` by Sphinx's ``pathto`` and
  its local table of contents; here it names its target instead (the page's
  file, or its title's anchor), so that no link on the site is an empty
  ``href="#"``.
"""

from __future__ import annotations

import posixpath

from docutils import nodes
from sphinx.application import Sphinx


def _self_links_named(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
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
    # After furo (priority 500) has put its navigation tree in the context.
    app.connect("html-page-context", _self_links_named, priority=600)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
