"""Dated items (jobs, projects, talks, education): their data and how each output shows them.

Each item is written once in its MyST page::

    :::{job} Software Engineer
    :org: Example Corp
    :org-url: https://example.com/
    :start: 2023-09
    :end: present

    What was done there, in Markdown.
    :::

The directives ``job``, ``project``, ``talk`` and ``education`` share one
implementation.  The item's node keeps its data (dates, addresses, kind) as
attributes and its title and organization as text, which a translation may
replace; :func:`item_from_node` reads the two back into an :class:`Item`.
The domain keeps those items after the page is read (and translated), and
every output takes them from there or from the node: the HTML header with
``<time datetime="2023-09">``, the one LaTeX macro call of
:func:`latex_item_header`, and the text output's one line.

Dates are ``YYYY`` or ``YYYY-MM``; ``end`` may also be ``present``.  A
malformed date, an end before its start or a missing field is an error at the
item's file and line.  Items of one kind on a page go newest first; a page
whose front matter says ``items-order: as-written`` keeps the order it has.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from . import domain
from .i18n import month_year, translate

logger = logging.getLogger(__name__)

PRESENT = "present"
ORDER_KEY = "items-order"
AS_WRITTEN = "as-written"
#: Between the dates of a range.
DASH = " – "

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

    def display(self, language: str | None = None) -> str:
        """``Sep 2023`` or ``2014``; in Korean ``2023년 9월`` or ``2014년``."""
        return month_year(self.year, self.month, language)


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
    tags: tuple[str, ...] = ()  # what a tailored variant selects by (variants.py)

    def date_parts(self, language: str | None = None) -> list[Date | str]:
        """The dates as shown, dates and words in turn: the one rule for every output.

        ``[Sep 2023, " – Present"]``, ``[Feb 2019, " – ", Apr 2020]`` or ``[Jun 2022]``;
        "Present" in *language* (``현재``).
        """
        if self.present:
            # Translators: the end of the dates of something still going on.
            present = translate("Present", language)
            return [self.start, f"{DASH}{present}"]
        if self.end and self.end != self.start:
            return [self.start, DASH, self.end]
        return [self.start]

    def date_range(self, language: str | None = None) -> str:
        """``Sep 2023 – Present``, ``Feb 2019 – Apr 2020`` or ``Jun 2022``, in *language*."""
        return "".join(
            p.display(language) if isinstance(p, Date) else p for p in self.date_parts(language)
        )

    def dates_line(self, language: str | None = None) -> str:
        """What stands on the right of the header: the location, if any, and the dates."""
        dates = self.date_range(language)
        return f"{self.location} · {dates}" if self.location else dates


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
        tags=parse_tags(options.get("tags", "")),
    )


def parse_tags(text: str) -> tuple[str, ...]:
    """``"ml, platform"`` -> ``("ml", "platform")``."""
    return tuple(dict.fromkeys(tag.strip() for tag in text.split(",") if tag.strip()))


# -- Nodes -------------------------------------------------------------------


class resume_item(nodes.General, nodes.Element):
    """The whole item: its header, then its body.  Attributes: the item's data."""


class resume_item_header(nodes.General, nodes.Element):
    """Title, organization and dates."""


class resume_item_title(nodes.Inline, nodes.TextElement):
    """The title, as plain text that a translation may replace."""


class resume_item_org(nodes.Inline, nodes.TextElement):
    """The organization, as plain text that a translation may replace."""


class resume_item_dates(nodes.General, nodes.TextElement):
    """The location and the dates as text (for search and descriptions); shown from the data."""


def item_node(item: Item, language: str | None = None) -> resume_item:
    """The node of *item*, ready for its body to be appended; its dates in *language*."""
    node = resume_item(classes=["resume-item", f"resume-{item.kind}"])
    node["kind"] = item.kind
    node["start"] = item.start.iso()
    node["end"] = PRESENT if item.present else (item.end.iso() if item.end else "")
    node["present"] = item.present
    node["url"] = item.url
    node["org_url"] = item.org_url
    node["location"] = item.location
    node["tags"] = list(item.tags)
    header = resume_item_header()
    # The text parts are translatable messages, each with its own source line.
    header += resume_item_title(item.title, item.title, translatable=True)
    if item.org:
        header += resume_item_org(item.org, item.org, translatable=True)
    header += resume_item_dates("", item.dates_line(language), translatable=False)
    node += header
    return node


def item_from_node(node: resume_item, docname: str = "") -> Item:
    """The item that *node* shows, with its title and organization as they now read."""
    header = next(iter(node.findall(resume_item_header)))
    title = next(iter(header.findall(resume_item_title)))
    orgs = list(header.findall(resume_item_org))
    end = node["end"]
    return Item(
        kind=node["kind"],
        title=title.astext(),
        start=Date.parse(node["start"]),
        end=Date.parse(end) if end and end != PRESENT else None,
        present=node["present"],
        url=node["url"],
        org=orgs[0].astext() if orgs else "",
        org_url=node["org_url"],
        location=node["location"],
        docname=docname,
        lineno=node.line or 0,
        anchor=node["ids"][0] if node["ids"] else "",
        tags=tuple(node.get("tags", ())),
    )


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
        "tags": directives.unchanged,
    }

    def run(self) -> list[nodes.Node]:
        try:
            item = make_item(self.name, self.arguments[0], self.options)
        except ItemError as exc:
            domain.report(self.env, str(exc), self.env.docname, self.lineno)
            return []
        node = item_node(item, self.config.language)
        anchor = self._unique_id(f"{item.title} {item.org}")
        node["ids"].append(anchor)
        self.state.document.ids[anchor] = node
        for part in node.findall(nodes.Element):
            self.set_source_info(part)
        node += self.parse_content_to_nodes()
        return [node]

    def _unique_id(self, text: str) -> str:
        base = nodes.make_id(text)
        ident, n = base, 2
        while ident in self.state.document.ids:
            ident, n = f"{base}-{n}", n + 1
        return ident


# -- The environment ---------------------------------------------------------


def collect_items(app: Sphinx, doctree: nodes.document) -> None:
    """Keep the page's items in the domain, as read and translated (``doctree-read``)."""
    docname = app.env.docname
    found = [item_from_node(node, docname) for node in doctree.findall(resume_item)]
    if found:
        domain.domain(app.env).items[docname] = found


def get_items(env: BuildEnvironment, kind: str | None = None) -> list[Item]:
    """Every item of the site (of *kind*, if given), pages in reading order."""
    found = domain.in_reading_order(env, "items")
    return [item for item in found if kind is None or item.kind == kind]


def check_order(app: Sphinx, env: BuildEnvironment) -> None:
    """Warn where a page lists items of one kind other than newest first."""
    for docname, items in sorted(domain.domain(env).items.items()):
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


# -- HTML --------------------------------------------------------------------


def visit_html_item(self, node: resume_item) -> None:
    self.body.append(self.starttag(node, "div"))


def depart_html_item(self, node: resume_item) -> None:
    self.body.append("</div>\n")


def _heading_level(self) -> int:
    return min(self.section_level + 1, 6)


def visit_html_header(self, node: resume_item_header) -> None:
    self.body.append(self.starttag(node, "div", "", CLASS="resume-item-header"))
    self.body.append(f'<h{_heading_level(self)} class="resume-item-heading">')


def depart_html_header(self, node: resume_item_header) -> None:
    self.body.append("</div>\n")


def visit_html_dates(self, node: resume_item_dates) -> None:
    item = item_from_node(node.parent.parent)
    self.body.append(f"</h{_heading_level(self)}>")
    self.body.append('<p class="resume-item-dates">')
    if item.location:
        self.body.append(f'<span class="resume-item-location">{html.escape(item.location)}</span>')
        self.body.append(" · ")
    language = self.config.language
    for part in item.date_parts(language):
        if isinstance(part, Date):
            self.body.append(f'<time datetime="{part.iso()}">{part.display(language)}</time>')
        else:
            self.body.append(html.escape(part))
    self.body.append("</p>")
    raise nodes.SkipNode


def _html_link_open(self, url: str) -> None:
    if url:
        self.body.append(f'<a class="reference external" href="{html.escape(url)}">')


def _html_link_close(self, url: str) -> None:
    if url:
        self.body.append("</a>")


def visit_html_title(self, node: resume_item_title) -> None:
    self.body.append(self.starttag(node, "span", "", CLASS="resume-item-title"))
    _html_link_open(self, node.parent.parent["url"])


def depart_html_title(self, node: resume_item_title) -> None:
    _html_link_close(self, node.parent.parent["url"])
    self.body.append("</span>")


def visit_html_org(self, node: resume_item_org) -> None:
    # A real separator, so that copied or extracted text reads "Title · Org".
    self.body.append('<span class="resume-item-sep" aria-hidden="true"> · </span>')
    self.body.append(self.starttag(node, "span", "", CLASS="resume-item-org"))
    _html_link_open(self, node.parent.parent["org_url"])


def depart_html_org(self, node: resume_item_org) -> None:
    _html_link_close(self, node.parent.parent["org_url"])
    self.body.append("</span>")


# -- LaTeX -------------------------------------------------------------------


def latex_item_header(item: Item, translator) -> str:
    """``\\resumeitemheader{title}{organization}{dates}``, the whole call, from *item*."""
    config = getattr(translator, "config", None)
    dates = item.dates_line(getattr(config, "language", None))

    def linked(text: str, url: str) -> str:
        encoded = translator.encode(text)
        return f"\\sphinxhref{{{translator.encode_uri(url)}}}{{{encoded}}}" if url else encoded

    title = linked(item.title, item.url)
    org = linked(item.org, item.org_url) if item.org else ""
    return f"\\resumeitemheader{{{title}}}{{{org}}}{{{translator.encode(dates)}}}\n"


def visit_latex_item(self, node: resume_item) -> None:
    self.body.append("\n\\begin{resumeitem}\n")


def depart_latex_item(self, node: resume_item) -> None:
    self.body.append("\n\\end{resumeitem}\n")


def visit_latex_header(self, node: resume_item_header) -> None:
    self.body.append(latex_item_header(item_from_node(node.parent), self))
    raise nodes.SkipNode


# -- Text --------------------------------------------------------------------


def text_item_header(item: Item, language: str | None = None) -> str:
    """``Title, Organization (dates)``: the item on one line, its dates in *language*."""
    heading = f"{item.title}, {item.org}" if item.org else item.title
    return f"{heading} ({item.dates_line(language)})"


def visit_text_header(self, node: resume_item_header) -> None:
    self.new_state(0)
    self.add_text(text_item_header(item_from_node(node.parent), self.config.language))
    self.end_state()
    raise nodes.SkipNode
