"""Translator functions shared by the project's node types."""

from __future__ import annotations

from docutils import nodes


def html_element(tag: str, cls: str = ""):
    """``(visit, depart)`` writing ``<tag class="cls">`` around the node."""

    def visit(self, node):
        self.body.append(self.starttag(node, tag, "", **({"CLASS": cls} if cls else {})))

    def depart(self, node):
        self.body.append(f"</{tag}>")

    return visit, depart


def pass_through(self, node):
    """Write nothing for the node itself; its children are written as usual."""


def skip(self, node):
    """Leave the node and its children out of this output."""
    raise nodes.SkipNode


#: For a node that only one output shows.
SKIPPED = (skip, None)
#: For a node that an output shows through its children alone.
TRANSPARENT = (pass_through, pass_through)
