"""Dated résumé items: jobs, projects, talks and education, as structured data.

Each item is written once in its MyST page::

    :::{job} Software Engineer
    :org: Global AI Platform Corporation
    :org-url: https://globalaiplatform.com/
    :start: 2023-09
    :end: present

    What he did there, in Markdown.
    :::

The directives ``job``, ``project``, ``talk`` and ``education`` share one
implementation.  Each renders the title and the organization on one line and
the dates to the right, as ``<time datetime="2023-09">`` in HTML; each keeps
its fields in the build environment (:func:`get_items`), so that other
outputs read them from one place.

Dates are ``YYYY`` or ``YYYY-MM``; ``end`` may also be ``present``.  A
malformed date, an end before its start or a missing field is an error at the
item's file and line.  Items of one kind on a page go newest first; a page
whose front matter says ``items-order: as-written`` keeps the order it has.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import asdict, dataclass

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

import resume_errors
from resume_visitors import TRANSPARENT, html_element, pass_through

logger = logging.getLogger(__name__)

PRESENT = "present"
ORDER_KEY = "items-order"
AS_WRITTEN = "as-written"

#: The fields each kind of item must have, besides its title and start.
REQUIRED = {
    "job": ("org",),
    "project": (),
    "talk": ("org",),
    "education": ("org",),
}

_DATE_RE = re.compile(r"^(?P<year>\d{4})(?:-(?P<month>\d{2}))?$")


class ItemError(ValueError):
    """A field of an item is malformed."""


@dataclass(frozen=True, order=True)
class Date:
    """A year, or a year and a month."""

    year: int
    month: int = 0

    @classmethod
    def parse(cls, text: str) -> Date:
        match = _DATE_RE.match(text.strip())
        if not match:
            raise ItemError(f"malformed date {text!r}: expected YYYY or YYYY-MM")
        month = int(match["month"] or 0)
        if match["month"] and not 1 <= month <= 12:
            raise ItemError(f"malformed date {text!r}: no month {month}")
        return cls(int(match["year"]), month)

    def iso(self) -> str:
        """``2023-09`` or ``2014``: the value of a ``datetime`` attribute."""
        return f"{self.year:04d}-{self.month:02d}" if self.month else f"{self.year:04d}"

    def display(self) -> str:
        """``Sep 2023`` or ``2014``."""
        return f"{calendar.month_abbr[self.month]} {self.year}" if self.month else str(self.year)


@dataclass
class Item:
    """One dated entry of the résumé, as the environment keeps it."""

    kind: str
    title: str
    start: Date
    end: Date | None = None  # None: a single date
    present: bool = False  # ongoing: the end is "present"
    url: str = ""
    org: str = ""
    org_url: str = ""
    location: str = ""
    docname: str = ""
    lineno: int = 0
    anchor: str = ""

    def date_range(self) -> str:
        """``Sep 2023 – Present``, ``Feb 2019 – Apr 2020`` or ``Jun 2022``."""
        if self.present:
            return f"{self.start.display()} – Present"
        if self.end and self.end != self.start:
            return f"{self.start.display()} – {self.end.display()}"
        return self.start.display()

    def as_dict(self) -> dict:
        data = asdict(self)
        data["start"] = self.start.iso()
        data["end"] = PRESENT if self.present else (self.end.iso() if self.end else None)
        return data


def make_item(kind: str, title: str, options: dict) -> Item:
    """Build an item from directive options; raise ``ItemError`` on bad input."""
    if not title.strip():
        raise ItemError(f"{kind} has no title")
    missing = [name for name in ("start", *REQUIRED[kind]) if not options.get(name)]
    if missing:
        raise ItemError(f"{kind} {title!r} lacks the field(s) {', '.join(missing)}")
    start = Date.parse(options["start"])
    end_text = (options.get("end") or "").strip()
    present = end_text.lower() == PRESENT
    end = None if present or not end_text else Date.parse(end_text)
    if end and end < start:
        raise ItemError(f"{kind} {title!r} ends ({end.iso()}) before it starts ({start.iso()})")
    return Item(
        kind=kind,
        title=title.strip(),
        start=start,
        end=end,
        present=present,
        url=options.get("url", ""),
        org=options.get("org", ""),
        org_url=options.get("org-url", ""),
        location=options.get("location", ""),
    )


# -- Nodes -------------------------------------------------------------------


class resume_item(nodes.General, nodes.Element):
    """The whole item: header, then the body."""


class resume_item_header(nodes.General, nodes.Element):
    """Heading (title and organization) on the left, dates on the right."""


class resume_item_heading(nodes.General, nodes.TextElement):
    """The title and the organization."""


class resume_item_title(nodes.Inline, nodes.TextElement):
    pass


class resume_item_org(nodes.Inline, nodes.TextElement):
    pass


class resume_item_dates(nodes.General, nodes.TextElement):
    """The location, if any, and the dates."""


class resume_time(nodes.Inline, nodes.TextElement):
    """A date; ``datetime`` holds its ISO form."""


def _linked(text: str, url: str) -> nodes.Node:
    if not url:
        return nodes.Text(text)
    return nodes.reference(text, text, refuri=url, internal=False)


def item_nodes(item: Item) -> resume_item:
    """The node tree of *item*'s header, ready for its body to be appended."""
    title = resume_item_title("", "", _linked(item.title, item.url))
    heading = resume_item_heading("", "", title)
    if item.org:
        heading += resume_item_org("", "", _linked(item.org, item.org_url))

    dates = resume_item_dates()
    if item.location:
        dates += nodes.inline(item.location, item.location, classes=["resume-item-location"])
        dates += nodes.Text(" · ")
    dates += resume_time(item.start.display(), item.start.display(), datetime=item.start.iso())
    if item.present:
        dates += nodes.Text(" – Present")
    elif item.end and item.end != item.start:
        dates += nodes.Text(" – ")
        dates += resume_time(item.end.display(), item.end.display(), datetime=item.end.iso())

    node = resume_item(classes=["resume-item", f"resume-{item.kind}"])
    node += resume_item_header("", heading, dates)
    return node


# -- Directive ---------------------------------------------------------------


class ItemDirective(SphinxDirective):
    """``job``, ``project``, ``talk`` and ``education``: the kind is the name."""

    required_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec = {
        "url": directives.uri,
        "org": directives.unchanged,
        "org-url": directives.uri,
        "start": directives.unchanged,
        "end": directives.unchanged,
        "location": directives.unchanged,
    }

    def run(self) -> list[nodes.Node]:
        try:
            item = make_item(self.name, self.arguments[0], self.options)
        except ItemError as exc:
            resume_errors.report(self.env, str(exc), self.env.docname, self.lineno)
            return []
        item.docname = self.env.docname
        item.lineno = self.lineno
        item.anchor = self._unique_id(f"{item.title} {item.org}")

        node = item_nodes(item)
        node["ids"].append(item.anchor)
        self.state.document.ids[item.anchor] = node
        self.set_source_info(node)
        node += self.parse_content_to_nodes()

        _items(self.env).setdefault(self.env.docname, []).append(item)
        return [node]

    def _unique_id(self, text: str) -> str:
        base = nodes.make_id(text)
        ident, n = base, 2
        while ident in self.state.document.ids:
            ident, n = f"{base}-{n}", n + 1
        return ident


# -- The environment ---------------------------------------------------------


def _items(env: BuildEnvironment) -> dict[str, list[Item]]:
    if not hasattr(env, "resume_items"):
        env.resume_items = {}
    return env.resume_items


def get_items(env: BuildEnvironment, kind: str | None = None) -> list[Item]:
    """Every item of the site (of *kind*, if given), pages in reading order."""
    found = _items(env)
    order = [env.config.root_doc, *env.toctree_includes.get(env.config.root_doc, [])]
    order += sorted(set(found) - set(order))
    return [
        item
        for docname in order
        for item in found.get(docname, [])
        if kind is None or item.kind == kind
    ]


def _purge(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    _items(env).pop(docname, None)


def _merge(app: Sphinx, env: BuildEnvironment, docnames, other: BuildEnvironment) -> None:
    for docname in docnames:
        if docname in _items(other):
            _items(env)[docname] = _items(other)[docname]


def _check_order(app: Sphinx, env: BuildEnvironment) -> None:
    """Warn where a page lists items of one kind other than newest first."""
    for docname, items in sorted(_items(env).items()):
        if env.metadata.get(docname, {}).get(ORDER_KEY) == AS_WRITTEN:
            continue
        last: dict[str, Item] = {}
        for item in items:
            previous = last.get(item.kind)
            if previous and item.start > previous.start:
                logger.warning(
                    "%s %r (from %s) comes after %r (from %s): list the newest first",
                    item.kind,
                    item.title,
                    item.start.iso(),
                    previous.title,
                    previous.start.iso(),
                    location=(docname, item.lineno),
                    type="resume",
                    subtype="order",
                )
            last[item.kind] = item


# -- Translators -------------------------------------------------------------


def _visit_html_heading(self, node):
    level = min(self.section_level + 1, 6)
    self.body.append(self.starttag(node, f"h{level}", "", CLASS="resume-item-heading"))


def _depart_html_heading(self, node):
    level = min(self.section_level + 1, 6)
    self.body.append(f"</h{level}>")


def _visit_html_org(self, node):
    # A real separator, so that copied or extracted text reads "Title · Org".
    self.body.append('<span class="resume-item-sep" aria-hidden="true"> · </span>')
    self.body.append(self.starttag(node, "span", "", CLASS="resume-item-org"))


def _visit_html_time(self, node):
    self.body.append(self.starttag(node, "time", "", datetime=node["datetime"]))


def _visit_latex_item(self, node):
    self.body.append("\n\\begin{resumeitem}\n")


def _depart_latex_item(self, node):
    self.body.append("\n\\end{resumeitem}\n")


def _visit_latex_header(self, node):
    # \resumeitemheader{title}{organization}{dates}, defined in the preamble.
    self.body.append("\\resumeitemheader")


def _depart_latex_header(self, node):
    self.body.append("\n")


def _latex_group(self, node):
    self.body.append("{")


def _latex_end_group(self, node):
    self.body.append("}")


def _depart_latex_title(self, node):
    has_org = any(isinstance(sibling, resume_item_org) for sibling in node.parent.children)
    self.body.append("}" if has_org else "}{}")


def _text_org(self, node):
    self.add_text(", ")


def _text_dates(self, node):
    self.add_text(" (")


def _text_end_dates(self, node):
    self.add_text(")")


def setup(app: Sphinx) -> dict:
    app.setup_extension("resume_errors")
    app.add_node(
        resume_item,
        html=html_element("div", "resume-item"),
        latex=(_visit_latex_item, _depart_latex_item),
        text=TRANSPARENT,
    )
    app.add_node(
        resume_item_header,
        html=html_element("div", "resume-item-header"),
        latex=(_visit_latex_header, _depart_latex_header),
        text=TRANSPARENT,
    )
    app.add_node(
        resume_item_heading,
        html=(_visit_html_heading, _depart_html_heading),
        latex=TRANSPARENT,
        text=TRANSPARENT,
    )
    app.add_node(
        resume_item_title,
        html=html_element("span", "resume-item-title"),
        latex=(_latex_group, _depart_latex_title),
        text=TRANSPARENT,
    )
    app.add_node(
        resume_item_org,
        html=(_visit_html_org, lambda self, node: self.body.append("</span>")),
        latex=(_latex_group, _latex_end_group),
        text=(_text_org, pass_through),
    )
    app.add_node(
        resume_item_dates,
        html=html_element("p", "resume-item-dates"),
        latex=(_latex_group, _latex_end_group),
        text=(_text_dates, _text_end_dates),
    )
    app.add_node(
        resume_time,
        html=(_visit_html_time, lambda self, node: self.body.append("</time>")),
        latex=TRANSPARENT,
        text=TRANSPARENT,
    )
    for kind in REQUIRED:
        app.add_directive(kind, ItemDirective)
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    app.connect("env-check-consistency", _check_order)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
