"""The résumé as one plain-text file and one Markdown file, for pasting into forms.

``resume.txt`` comes from Sphinx's text builder and ``resume.md`` from
sphinx-markdown-builder, each over the whole résumé in one document, as the
PDF reads: the landing page with every section of its toctree inlined where
the toctree stands.  What only the web shows (``{only} html``: the cards, the
PDF link) stays out, as it does from the PDF.  On top of those builders:

* a paragraph is one line, which the form wraps to its own width;
* a link is written with its address: ``Gistty <https://gistty.ai/>`` in the
  text, ``[Gistty](https://gistty.ai/)`` in Markdown; a link that reads as
  its own address (``subl.ee``) is written as the address alone;
* each dated item is one line, ``Title, Organization (dates)``
  (:func:`.items.text_item_header`), its links written out the same way; in
  Markdown the line is a heading one level below its section;
* links inside the résumé (a citation such as ``[1]``) stay as their text,
  since what they point at is in the same file.

Two builders do it, ``resume-text`` and ``resume-markdown``
(``sphinx-build -b resume-text . out`` writes ``out/resume.txt``).  The HTML
build writes both files into its output's root when it finishes
(:func:`write_beside_html`), over its own environment: nothing is read twice.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from types import MethodType
from urllib.parse import urlsplit

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders.text import TextBuilder
from sphinx.util.display import progress_message
from sphinx.util.nodes import inline_all_toctrees
from sphinx.util.tags import Tags
from sphinx.writers.text import TextTranslator
from sphinx_design.shared import PassthroughTextElement
from sphinx_markdown_builder.builder import MarkdownBuilder
from sphinx_markdown_builder.escape import escape_markdown_chars
from sphinx_markdown_builder.translator import MarkdownTranslator

from . import items as resume_items
from . import skills as resume_skills
from .jsonresume import HTML_BUILDERS
from .translators import TRANSPARENT, pass_through

TEXT_FILENAME = "resume.txt"
MARKDOWN_FILENAME = "resume.md"


# -- Links -------------------------------------------------------------------


def reads_as_address(text: str, url: str) -> bool:
    """Whether the link text is its address: ``subl.ee`` for ``https://subl.ee/``."""
    if url.startswith("mailto:"):
        return text.strip() == url.removeprefix("mailto:")
    return _bare(text.strip()) == _bare(url)


def _bare(address: str) -> str:
    """``https://www.example.org/a/`` -> ``example.org/a``."""
    parts = urlsplit(address if "://" in address else f"//{address}")
    query = f"?{parts.query}" if parts.query else ""
    return (parts.netloc.lower().removeprefix("www.") + parts.path + query).rstrip("/")


def shown_address(url: str) -> str:
    """The address as a reader types it: an e-mail without ``mailto:``."""
    return url.removeprefix("mailto:")


def _is_external(node: nodes.Element) -> bool:
    """A link out of the résumé (a web address or an e-mail), not one inside it."""
    uri = node.get("refuri", "")
    if node.get("internal") or not uri:
        return False
    return "://" in uri or uri.startswith("mailto:")


def text_link(text: str, url: str) -> str:
    """``Gistty <https://gistty.ai/>``, or the address alone where the text is the address."""
    if not url:
        return text
    return shown_address(url) if reads_as_address(text, url) else f"{text} <{url}>"


def markdown_link(text: str, url: str) -> str:
    """``[Gistty](https://gistty.ai/)``; plain (escaped) text without an address."""
    text = escape_markdown_chars(text)
    return f"[{text}]({url})" if url else text


def item_line(item: resume_items.Item, link, escape=str, language: str | None = None) -> str:
    """The item on one line, its title and organization linked by *link*, dates in *language*."""
    linked = replace(
        item,
        title=link(item.title, item.url),
        org=link(item.org, item.org_url) if item.org else "",
        location=escape(item.location),
    )
    return resume_items.text_item_header(linked, language)


# -- Plain text --------------------------------------------------------------


class ResumeTextTranslator(TextTranslator):
    """Sphinx's text output, with one line per paragraph and the links' addresses."""

    def visit_Text(self, node: nodes.Text) -> None:
        text = node.astext()
        if not isinstance(node.parent, nodes.FixedTextElement):
            # The source's line breaks inside a paragraph become spaces.
            text = text.replace("\n", " ")
        self.add_text(text)

    def end_state(self, wrap=True, end=("",), first=None) -> None:
        # Not wrapped at 70 columns: a paragraph is one line, as the form wraps it.
        super().end_state(wrap=False, end=end, first=first)

    def visit_reference(self, node: nodes.Element) -> None:
        if _is_external(node) and reads_as_address(node.astext(), node["refuri"]):
            self.add_text(shown_address(node["refuri"]))
            raise nodes.SkipNode
        super().visit_reference(node)

    def depart_reference(self, node: nodes.Element) -> None:
        if _is_external(node):
            self.add_text(f" <{node['refuri']}>")

    def visit_start_of_file(self, node: nodes.Element) -> None:
        pass

    def depart_start_of_file(self, node: nodes.Element) -> None:
        pass


def visit_text_item_header(self, node: resume_items.resume_item_header) -> None:
    self.new_state(0)
    item = resume_items.item_from_node(node.parent)
    self.add_text(item_line(item, text_link, language=self.config.language))
    self.end_state()
    raise nodes.SkipNode


# -- Markdown ----------------------------------------------------------------


class ResumeMarkdownTranslator(MarkdownTranslator):
    """sphinx-markdown-builder's output, for a document that is read, not browsed."""

    def __init__(self, document, builder) -> None:
        super().__init__(document, builder)
        self._links: list[bool] = []  # for each open reference: written as a link?
        self._label = ""  # a citation's label, for the start of its entry

    def visit_Text(self, node: nodes.Text) -> None:
        if self.status.preserve_line_breaks:
            return super().visit_Text(node)
        # One line per paragraph: the source's line breaks become spaces.
        text = node.astext().replace("\r", "").replace("\n", " ")
        self.add(escape_markdown_chars(text) if self.status.escape_text else text)

    def visit_bullet_list(self, node: nodes.Element) -> None:
        # One bullet throughout, whatever the source or a directive used.
        self._start_list("-")

    def visit_meta(self, node: nodes.Element) -> None:
        raise nodes.SkipNode  # the page's <meta> tags: for the web only

    def visit_raw(self, node: nodes.Element) -> None:
        if "markdown" in node.get("format", "").split():
            self.add(node.astext())
        raise nodes.SkipNode

    def visit_comment(self, node: nodes.Element) -> None:
        raise nodes.SkipNode

    def visit_target(self, node: nodes.Element) -> None:
        # No anchors: nothing in the file links into it.
        raise nodes.SkipNode

    def visit_reference(self, node: nodes.Element) -> None:
        if not _is_external(node):
            self._links.append(False)  # a link inside the résumé: its text alone
            return
        self._links.append(True)
        super().visit_reference(node)

    def depart_reference(self, node: nodes.Element) -> None:
        if self._links.pop():
            self._pop_context(node)

    def visit_citation(self, node: nodes.Element) -> None:
        self.ensure_eol(2)

    def depart_citation(self, node: nodes.Element) -> None:
        self.ensure_eol(2)

    def visit_label(self, node: nodes.Element) -> None:
        if not isinstance(node.parent, nodes.citation):
            return super().visit_label(node)
        # A citation's label starts its entry, "[1] ...", as in the text.
        self._label = escape_markdown_chars(f"[{node.astext()}] ")
        raise nodes.SkipNode

    def depart_label(self, node: nodes.Element) -> None:
        super().depart_label(node)  # a footnote's: a citation's is skipped

    def visit_paragraph(self, node: nodes.Element) -> None:
        super().visit_paragraph(node)
        if self._label:
            self.add(self._label)
            self._label = ""

    def depart_paragraph(self, node: nodes.Element) -> None:
        self._pop_context(node)

    def visit_start_of_file(self, node: nodes.Element) -> None:
        pass

    def depart_start_of_file(self, node: nodes.Element) -> None:
        pass


def visit_markdown_item_header(self, node: resume_items.resume_item_header) -> None:
    item = resume_items.item_from_node(node.parent)
    level = min(self.status.section_level + 1, 6)
    line = item_line(item, markdown_link, escape_markdown_chars, self.config.language)
    self.add(f"{'#' * level} {line}", prefix_eol=2, suffix_eol=2)
    raise nodes.SkipNode


def visit_markdown_skill(self, node: resume_skills.resume_skill) -> None:
    if node.parent.index(node):
        self.add(", ")


def visit_markdown_skill_category(self, node) -> None:
    self.ensure_eol(2)


def depart_markdown_skill_category(self, node) -> None:
    self.add(": ")


def depart_markdown_skill_list(self, node) -> None:
    self.ensure_eol(2)


# -- Builders: the whole résumé in one file ----------------------------------


class _OneFile:
    """What both builders share: one document, one file, links inside it."""

    filename = ""
    #: The format's handlers of the project's nodes, replaced for these files.
    overrides: dict = {}

    def get_outdated_docs(self) -> str:
        return "all documents"

    def get_target_uri(self, docname: str, typ: str | None = None) -> str:
        return ""

    def get_relative_uri(self, from_: str, to: str, typ: str | None = None) -> str:
        return ""

    def create_translator(self, *args):
        translator = super().create_translator(*args)
        for name, (visit, depart) in self.overrides.items():
            setattr(translator, f"visit_{name}", MethodType(visit, translator))
            if depart:
                setattr(translator, f"depart_{name}", MethodType(depart, translator))
        return translator

    def assemble_doctree(self) -> nodes.document:
        """The landing page with its toctree's pages inlined, resolved for this builder."""
        root = self.config.root_doc
        tree = inline_all_toctrees(self, set(), root, self.env.get_doctree(root), str, [root])
        tree["docname"] = root
        self.env.resolve_references(tree, root, self)
        return tree

    def translate(self, tree: nodes.document) -> str:
        raise NotImplementedError

    def write_resume(self, outdir: Path) -> Path:
        """Write the file into *outdir*; return its path."""
        # Sphinx names each page as it inlines it, as for the PDF.
        with progress_message(f"writing {self.filename}", nonl=False):
            text = self.translate(self.assemble_doctree())
        path = Path(outdir, self.filename)
        path.write_text(text.rstrip("\n") + "\n", encoding="utf-8")
        return path

    def prepare_writing(self, docnames) -> None:
        pass

    def write_documents(self, docnames) -> None:
        self.write_resume(Path(self.outdir))

    def finish(self) -> None:
        pass


class ResumeTextBuilder(_OneFile, TextBuilder):
    """``resume.txt``: the whole résumé as plain text."""

    name = "resume-text"
    epilog = "The résumé as text is in %(outdir)s."
    filename = TEXT_FILENAME
    default_translator_class = ResumeTextTranslator
    overrides = {"resume_item_header": (visit_text_item_header, None)}

    def translate(self, tree: nodes.document) -> str:
        self.current_docname = self.config.root_doc
        translator = self.create_translator(tree, self)
        tree.walkabout(translator)
        return translator.body


class ResumeMarkdownBuilder(_OneFile, MarkdownBuilder):
    """``resume.md``: the whole résumé as Markdown."""

    name = "resume-markdown"
    epilog = "The résumé as Markdown is in %(outdir)s."
    filename = MARKDOWN_FILENAME
    default_translator_class = ResumeMarkdownTranslator

    def translate(self, tree: nodes.document) -> str:
        self.current_doc_name = self.config.root_doc
        translator = self.create_translator(tree, self)
        tree.walkabout(translator)
        return translator.astext()


#: The Markdown handlers of the project's nodes, for every Markdown build.
MARKDOWN_NODES = {
    # sphinx-design's cards write their titles through it.
    PassthroughTextElement: TRANSPARENT,
    resume_items.resume_item: TRANSPARENT,
    resume_items.resume_item_header: (visit_markdown_item_header, None),
    resume_skills.resume_skills: TRANSPARENT,
    resume_skills.resume_skill_category: (
        visit_markdown_skill_category,
        depart_markdown_skill_category,
    ),
    resume_skills.resume_skill_list: (pass_through, depart_markdown_skill_list),
    resume_skills.resume_skill: (visit_markdown_skill, pass_through),
}


# -- In the HTML build -------------------------------------------------------


@contextmanager
def other_builder(app: Sphinx, builder_class, outdir: Path | None = None):
    """A *builder_class* over the HTML build's environment, for the time of the block.

    Sphinx knows one builder per run: the references are resolved for
    ``app.builder``, and the post-transforms read the builder's class from
    the environment and the ``only`` tags from the application.  Both are
    this builder's while the block runs, and the HTML builder's again after.
    It writes into *outdir*, or the HTML build's output.
    """
    env = app.env
    html_builder, html_tags, html_class = app.builder, app.tags, env._builder_cls
    own = {html_builder.format, html_builder.name}
    own |= {f"format_{html_builder.format}", f"builder_{html_builder.name}"}
    app.tags = Tags([tag for tag in html_tags if tag not in own])
    try:
        builder = builder_class(app, env)  # which adds its own tags
        if outdir is not None:
            builder.outdir = outdir
        builder.init()
        app.builder, env._builder_cls = builder, builder_class
        yield builder
    finally:
        app.builder, app.tags, env._builder_cls = html_builder, html_tags, html_class


def write_beside_html(app: Sphinx, exception: Exception | None) -> None:
    """``resume.txt`` and ``resume.md`` in the root of the HTML output (``build-finished``)."""
    if exception is not None or app.builder.name not in HTML_BUILDERS:
        return
    for builder_class in (ResumeTextBuilder, ResumeMarkdownBuilder):
        with other_builder(app, builder_class) as builder:
            builder.write_resume(Path(app.outdir))
