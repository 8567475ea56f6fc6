"""BibTeX for each publication, on the web pages, as the .bib writes it.

Under each entry of a bibliography, the HTML shows a disclosure, ``<details>``
with the summary "BibTeX", that holds the entry's source text and a button
that copies it.  The text is cut from the .bib file itself, from the entry's
``@`` to its closing brace: pybtex's writer would re-encode it (``month =
jan`` becomes ``January``, ``R\\&D`` becomes ``R\\\\&D``).  Only the fields
that no tool but this project's style reads are left out: biblatex's data
annotations (``author+an = {1=equal; 2=equal}``), whose equal contributors
the page already marks with asterisks.

The copy button is hidden until ``_static/resume-bibtex.js`` shows it, so a
reader without scripts gets no dead button, only the text to select.  Pages
load that script only where a disclosure is (:func:`load_copy_script`).  The
PDF and the text outputs have no disclosure.

Each .bib file of ``bibtex_bibfiles`` is copied beside the pages, whole and
as written (``publications.bib``), for the Downloads row to link.
"""

from __future__ import annotations

import html
import re
import shutil
from collections.abc import Callable, Iterable
from pathlib import Path, PurePosixPath
from typing import NamedTuple

from docutils import nodes
from sphinx.application import Sphinx

from .i18n import translate

#: The copy button's script, in ``_static``.
SCRIPT = "resume-bibtex.js"
#: What a page with a disclosure contains (the pages that load the script).
MARKER = 'class="resume-bibtex"'


class Span(NamedTuple):
    """Where something starts and ends in a text (``text[start:end]``)."""

    start: int
    end: int


class BibField(NamedTuple):
    """A field of an entry: its name and where ``name = value`` stands."""

    name: str
    span: Span


# -- The entries' source text ------------------------------------------------

# The start of an entry: "@type{key," (or "@type(key,"), not @comment, @preamble, @string.
_ENTRY_START = re.compile(
    r"@\s*(?!comment\b|preamble\b|string\b)(\w+)\s*([{(])\s*([^,\s]+)\s*,", re.I
)
_FIELD_NAME = re.compile(r"[^\s=,{}()\"#%]+")
_BARE_VALUE = re.compile(r"[^\s,#{}()\"]+")


def _skip_space(text: str, at: int) -> int:
    while at < len(text) and text[at].isspace():
        at += 1
    return at


def _end_of_braces(text: str, at: int) -> int:
    """Where the group that opens at ``text[at] == "{"`` ends (after its ``}``)."""
    depth = 0
    for index in range(at, len(text)):
        if text[index] == "{":
            depth += 1
        elif text[index] == "}":
            depth -= 1
            if depth == 0:
                return index + 1
    raise ValueError("unbalanced braces")


def _end_of_quotes(text: str, at: int) -> int:
    """Where the string that opens at ``text[at] == '"'`` ends; braces may hold quotes."""
    depth = 0
    for index in range(at + 1, len(text)):
        char = text[index]
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        elif char == '"' and depth == 0:
            return index + 1
    raise ValueError("unterminated string")


def _end_of_value(text: str, at: int) -> int:
    """Where a field's value, pieces joined by ``#``, that starts at *at* ends."""
    while True:
        at = _skip_space(text, at)
        if at >= len(text):
            raise ValueError("a field without a value")
        if text[at] == "{":
            at = _end_of_braces(text, at)
        elif text[at] == '"':
            at = _end_of_quotes(text, at)
        else:
            match = _BARE_VALUE.match(text, at)
            if not match:
                raise ValueError("a field without a value")
            at = match.end()
        after = _skip_space(text, at)
        if after < len(text) and text[after] == "#":
            at = after + 1
            continue
        return at


def parse_entry(text: str, start: int) -> tuple[str, list[BibField], Span]:
    """The key, the fields and the span of the entry whose ``@`` is at *start*.

    Raises ``ValueError`` where the entry is not well formed.
    """
    match = _ENTRY_START.match(text, start)
    if not match:
        raise ValueError("not the start of an entry")
    closing = "}" if match[2] == "{" else ")"
    fields: list[BibField] = []
    at = match.end()
    while True:
        at = _skip_space(text, at)
        if at < len(text) and text[at] == ",":
            at += 1
            continue
        if at >= len(text):
            raise ValueError("the entry does not end")
        if text[at] == closing:
            return match[3], fields, Span(start, at + 1)
        name = _FIELD_NAME.match(text, at)
        if not name:
            raise ValueError(f"unexpected {text[at]!r}")
        equals = _skip_space(text, name.end())
        if equals >= len(text) or text[equals] != "=":
            raise ValueError(f"the field {name[0]!r} lacks '='")
        end = _end_of_value(text, equals + 1)
        fields.append(BibField(name[0], Span(at, end)))
        at = end


_AT = re.compile(r"@\s*(\w+)\s*([{(])")


def _end_of_group(text: str, at: int) -> int:
    """Where the body that opens at ``text[at]`` (``{`` or ``(``) ends."""
    if text[at] == "{":
        return _end_of_braces(text, at)
    index = at + 1
    while index < len(text):
        char = text[index]
        if char == "{":
            index = _end_of_braces(text, index)
            continue
        if char == '"':
            index = _end_of_quotes(text, index)
            continue
        if char == ")":
            return index + 1
        index += 1
    raise ValueError("the body does not end")


def entry_sources(text: str) -> dict[str, str]:
    """Each entry of the .bib *text* as written, by its key in lower case.

    ``@comment``, ``@string`` and ``@preamble`` are passed over, with their bodies.
    """
    found: dict[str, str] = {}
    at = 0
    while match := _AT.search(text, at):
        if match[1].lower() in ("comment", "string", "preamble"):
            try:
                at = _end_of_group(text, match.end() - 1)
            except ValueError:
                break
            continue
        try:
            key, _, span = parse_entry(text, match.start())
        except ValueError:
            # The strict check of the .bib (bibliography.py) names it.
            at = match.end()
            continue
        found.setdefault(key.lower(), text[span.start : span.end])
        at = span.end
    return found


def is_project_only(name: str) -> bool:
    """Whether only this project's style reads the field *name*.

    biblatex's data annotations, ``<field>+an``: the style stars the equal
    contributors that ``author+an`` names.
    """
    return name.lower().endswith("+an")


def without_fields(entry: str, leave_out: Callable[[str], bool] = is_project_only) -> str:
    """The entry's source text without the fields whose names *leave_out* picks.

    Everything else stays as written: the layout, the braces, the macros.  A
    field in the middle goes with its comma and its line; the last one with the
    comma before it, so that the entry ends as it did.
    """
    try:
        _, fields, _ = parse_entry(entry, 0)
    except ValueError:
        return entry
    cuts: list[Span] = []
    for index, field in enumerate(fields):
        if not leave_out(field.name):
            continue
        if index + 1 < len(fields):
            cuts.append(Span(field.span.start, fields[index + 1].span.start))
        elif index > 0:
            cuts.append(Span(fields[index - 1].span.end, field.span.end))
        else:
            cuts.append(field.span)
    for cut in reversed(_merged(cuts)):
        entry = entry[: cut.start] + entry[cut.end :]
    return entry


def _merged(spans: Iterable[Span]) -> list[Span]:
    merged: list[Span] = []
    for span in sorted(spans):
        if merged and span.start <= merged[-1].end:
            merged[-1] = Span(merged[-1].start, max(merged[-1].end, span.end))
        else:
            merged.append(span)
    return merged


def shown_entries(paths: Iterable[Path]) -> dict[str, str]:
    """Each entry of the .bib files at *paths*, as the page shows it, by its key in lower case."""
    shown: dict[str, str] = {}
    for path in paths:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue  # the strict check of the .bib (bibliography.py) names it
        for key, entry in entry_sources(text).items():
            shown.setdefault(key, without_fields(entry))
    return shown


# -- The disclosure ----------------------------------------------------------


def disclosure_html(entry: str, language: str | None = None) -> str:
    """``<details>`` with the entry's text and a copy button (hidden until the script runs).

    The button carries what the script says once it has copied the entry, or
    selected it where the browser would not copy, in the page's language.
    """
    # Translators: the button that copies a BibTeX entry.
    copy = html.escape(translate("Copy", language))
    # Translators: said once the Copy button has copied the BibTeX entry.
    copied = html.escape(translate("Copied.", language))
    # Translators: said where the browser would not copy: the entry is selected instead.
    selected = html.escape(translate("Selected: press Ctrl+C (⌘C on a Mac) to copy.", language))
    return (
        '<details class="resume-bibtex">\n'
        "<summary>BibTeX</summary>\n"
        '<div class="resume-bibtex-tools">'
        f'<button type="button" class="resume-bibtex-copy" data-copied="{copied}" '
        f'data-selected="{selected}" hidden>{copy}</button>'
        '<span class="resume-bibtex-status" role="status"></span>'
        "</div>\n"
        f'<pre class="resume-bibtex-entry">{html.escape(entry, quote=False)}</pre>\n'
        "</details>\n"
    )


# -- Sphinx wiring -----------------------------------------------------------


def published_name(name: str) -> str:
    """Where the .bib file *name* (of ``bibtex_bibfiles``) is published, relative to the site.

    As in the sources, unless that would leave the site: then by its file name.
    """
    path = PurePosixPath(name.replace("\\", "/"))
    if path.is_absolute() or ".." in path.parts:
        return path.name
    return path.as_posix()


def _bibfile_paths(app: Sphinx) -> list[Path]:
    return [Path(app.srcdir, name) for name in app.config.bibtex_bibfiles or ()]


def add_to_citations(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Put the BibTeX disclosure into each citation of a bibliography (HTML only)."""
    if app.builder.format != "html":
        return
    citations = list(doctree.findall(nodes.citation))
    if not citations:
        return
    keys = {
        citation.citation_id: citation.entry.key
        for citation in app.env.get_domain("cite").citations
    }
    entries = shown_entries(_bibfile_paths(app))
    for citation in citations:
        key = next((keys[id_] for id_ in citation["ids"] if id_ in keys), None)
        entry = entries.get(key.lower()) if key else None
        if entry:
            html_text = disclosure_html(entry, app.config.language)
            citation += nodes.raw("", html_text, format="html")


def load_copy_script(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """The copy button's script, on the pages that have a disclosure only."""
    if MARKER in context.get("body", ""):
        # The builder's list of this page's scripts, which it puts back after
        # the page. (Sphinx's app.add_js_file here would also register the
        # script for every page of a later build by the same application.)
        app.builder.add_js_file(SCRIPT, priority=500, defer="defer")


def copy_bibfiles(app: Sphinx, exception: Exception | None) -> None:
    """Each .bib beside the pages, as written: ``publications.bib`` is a download."""
    if exception is not None or app.builder.format != "html":
        return
    for name, path in zip(app.config.bibtex_bibfiles or (), _bibfile_paths(app)):
        target = Path(app.outdir, published_name(name))
        if not path.is_file():
            continue
        if target.is_file() and target.read_bytes() == path.read_bytes():
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
