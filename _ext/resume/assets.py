"""Pages that load only what they use.

A reader on a phone should get the landing page in one small download (under
100 KB, every request counted).  Sphinx, furo and sphinx-design send every
page the same scripts and stylesheets, most of them for features a résumé
does not have.  This extension leaves out what a page does not use:

* Search, if ``resume_search`` is false: no search page and no search index,
  and none of the scripts that serve them (Sphinx's ``doctools.js``,
  ``sphinx_highlight.js`` and ``documentation_options.js``).
* ``pygments.css`` on pages without highlighted code, and sphinx-design's
  ``design-tabs.js`` on pages without tabs.
* In the stylesheets named by ``resume_prune_css`` (paths under ``_static``),
  every rule whose selector needs a class or an id that no page of the site
  has.  The classes that furo's scripts add at run time (read from them by
  :mod:`.theme`) count as present.  A selector is kept whenever in doubt: classes inside
  ``:not()``, ``:is()`` and other functions, attribute selectors and at-rules
  other than ``@media`` and ``@supports`` are left alone.

The pruning runs when the build has finished, over every HTML page in the
output directory, so an incremental build prunes for the whole site; the
pruned stylesheets are kept beside the doctrees, so that a rebuild whose
pages use the same names does not parse the CSS again.  Every page's link to a
pruned stylesheet then carries the checksum of the pruned file (``?v=``, as
Sphinx computes it), so that a browser or a CDN never keeps a stale copy.
"""

from __future__ import annotations

import functools
import hashlib
import re
import zlib
from collections.abc import Iterable
from html.parser import HTMLParser
from pathlib import Path

import tinycss2
from sphinx.application import Sphinx
from sphinx.util import logging

from .publish import own_pages
from .theme import furo_runtime_classes

logger = logging.getLogger(__name__)

#: Sphinx's scripts that only the search page and its highlighting use.
SEARCH_SCRIPTS = (
    "_static/documentation_options.js",
    "_static/doctools.js",
    "_static/sphinx_highlight.js",
    # A translated site's words for doctools.js, which it needs to run.
    "_static/translations.js",
)

#: ``(asset, text that a page using it contains)``.
PAGE_ASSETS = (
    ("_static/pygments.css", 'class="highlight'),
    ("_static/design-tabs.js", "sd-tab-set"),
)


# -- What the pages use ------------------------------------------------------


class _NamesCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.classes: set[str] = set()
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name == "class" and value:
                self.classes.update(value.split())
            elif name == "id" and value:
                self.ids.add(value)


def names_in_pages(pages: Iterable[Path]) -> tuple[set[str], set[str]]:
    """The classes and the ids that occur in *pages*."""
    classes: set[str] = set()
    ids: set[str] = set()
    for page in pages:
        page_classes, page_ids = _names_in(page.read_text(encoding="utf-8"))
        classes |= page_classes
        ids |= page_ids
    return classes, ids


@functools.lru_cache(maxsize=64)
def _names_in(html: str) -> tuple[frozenset[str], frozenset[str]]:
    # By the page's text: a rebuild in the same process (make live) parses
    # only the pages it wrote anew.
    collector = _NamesCollector()
    collector.feed(html)
    collector.close()
    return frozenset(collector.classes), frozenset(collector.ids)


# -- Pruning a stylesheet ----------------------------------------------------


def _split_selectors(prelude: list) -> list[list]:
    selectors: list[list] = [[]]
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            selectors.append([])
        else:
            selectors[-1].append(token)
    return selectors


def _needed_names(selector: list) -> tuple[set[str], set[str]]:
    """The classes and ids that *selector* needs, outside any function."""
    classes, ids = set(), set()
    for before, token in zip([None, *selector], selector):
        if (
            token.type == "ident"
            and before is not None
            and before.type == "literal"
            and before.value == "."
        ):
            classes.add(token.value)
        elif token.type == "hash" and token.is_identifier:
            ids.add(token.value)
    return classes, ids


#: What moves the scanner: comments, strings, braces and the end of a statement.
_SIGNIFICANT = re.compile(r"""/\*.*?\*/|"(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*'|[{};]""", re.S)


def _blocks(css: str) -> list[tuple[str, str | None]]:
    """The top-level statements of *css*: ``(prelude, block)``, or ``(statement, None)``.

    Only selectors need tokenizing; the declarations, most of a stylesheet,
    are kept as written, so a scan for braces finds where each rule ends.
    Comments between rules are dropped.
    """
    found: list[tuple[str, str | None]] = []
    depth, start, opened = 0, 0, 0
    for match in _SIGNIFICANT.finditer(css):
        token = match.group()
        if token.startswith("/*"):
            if depth == 0:
                start = match.end() if not css[start : match.start()].strip() else start
            continue
        if token == "{":
            if depth == 0:
                opened = match.start()
            depth += 1
        elif token == "}":
            depth -= 1
            if depth < 0:
                line = css.count("\n", 0, match.start()) + 1
                raise ValueError(f"cannot parse the stylesheet: unmatched }} (line {line})")
            if depth == 0:
                found.append((css[start:opened].strip(), css[opened + 1 : match.start()]))
                start = match.end()
        elif token == ";" and depth == 0:
            found.append((css[start : match.end()].strip(), None))
            start = match.end()
    if depth:
        raise ValueError("cannot parse the stylesheet: a block is not closed")
    return found


def _prune_blocks(css: str, classes: set[str], ids: set[str]) -> str:
    kept = []
    for prelude, block in _blocks(css):
        if block is None:
            kept.append(prelude)
        elif prelude.startswith("@"):
            keyword = prelude[1:].split(None, 1)[0].split("(")[0].lower()
            if keyword in ("media", "supports"):
                inner = _prune_blocks(block, classes, ids)
                if inner:
                    kept.append(f"{prelude}{{{inner}}}")
            else:
                kept.append(f"{prelude}{{{block}}}")
        else:
            tokens = tinycss2.parse_component_value_list(prelude)
            selectors = [
                tinycss2.serialize(selector).strip()
                for selector in _split_selectors(tokens)
                if all(
                    needed <= present
                    for needed, present in zip(_needed_names(selector), (classes, ids))
                )
            ]
            if selectors:
                kept.append(f"{','.join(selectors)}{{{block}}}")
    return "".join(kept)


def prune_css(css: str, classes: set[str], ids: set[str]) -> str:
    """*css* without the rules whose selectors need a class or id not in *classes*, *ids*."""
    return _prune_blocks(css, classes, ids)


def prune_css_cached(css: str, classes: set[str], ids: set[str], cache: Path) -> tuple[str, Path]:
    """``prune_css(css, classes, ids)``, kept in the folder *cache* by its inputs.

    Sphinx copies the stylesheets anew on every build; a rebuild whose pages
    use the same names finds the pruned copy here instead of parsing the CSS
    again (about 0.1 s for furo's).  Returns the pruned CSS and its file.
    """
    key = hashlib.sha256("\0".join([css, *sorted(classes), "", *sorted(ids)]).encode()).hexdigest()
    kept = cache / f"{key}.css"
    if kept.is_file():
        return kept.read_text(encoding="utf-8"), kept
    pruned = prune_css(css, classes, ids)
    cache.mkdir(parents=True, exist_ok=True)
    kept.write_text(pruned, encoding="utf-8")
    return pruned, kept


# -- Sphinx wiring -----------------------------------------------------------


def turn_off_search(app: Sphinx) -> None:
    if app.builder.format == "html" and not app.config.resume_search:
        app.builder.search = False


def only_what_the_page_uses(
    app: Sphinx, pagename: str, templatename: str, context: dict, doctree
) -> None:
    unused = set()
    if not getattr(app.builder, "search", True):
        unused.update(SEARCH_SCRIPTS)
    body = context.get("body", "")
    unused.update(asset for asset, marker in PAGE_ASSETS if marker not in body)
    for key in ("script_files", "css_files"):
        if key in context:
            context[key] = [asset for asset in context[key] if _asset_path(asset) not in unused]


def _asset_path(asset) -> str:
    return str(getattr(asset, "filename", asset)).split("?")[0]


def prune_stylesheets(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html" or not app.config.resume_prune_css:
        return
    outdir = Path(app.outdir)
    pages = own_pages(outdir)
    classes, ids = names_in_pages(pages)
    classes |= furo_runtime_classes()
    cache = Path(app.doctreedir) / "resume_pruned_css"
    used = set()
    checksums = {}
    for name in app.config.resume_prune_css:
        path = outdir / "_static" / name
        if not path.is_file():
            logger.warning(
                "resume_prune_css: no stylesheet _static/%s", name, type="resume", subtype="assets"
            )
            continue
        css = path.read_text(encoding="utf-8")
        try:
            pruned, kept = prune_css_cached(css, classes, ids, cache)
        except ValueError as exc:
            logger.warning("_static/%s: %s", name, exc, type="resume", subtype="assets")
            continue
        used.add(kept)
        path.write_text(pruned, encoding="utf-8")
        checksums[f"_static/{name}"] = checksum(path.read_bytes())
        logger.info(
            "_static/%s: %d of %d bytes kept", name, len(pruned.encode()), len(css.encode())
        )
    # Only what this build used stays: the cache does not grow with every edit.
    for stale in set(cache.glob("*.css")) - used:
        stale.unlink()
    for page in pages:
        text = page.read_text(encoding="utf-8")
        updated = with_checksums(text, checksums)
        if updated != text:
            page.write_text(updated, encoding="utf-8")


def checksum(content: bytes) -> str:
    """The ``?v=`` of a static file, computed as Sphinx computes it (CRC32)."""
    return format(zlib.crc32(content.replace(b"\r", b"")), "08x")


def with_checksums(page: str, checksums: dict[str, str]) -> str:
    """*page* with each link to a file of *checksums* carrying that file's ``?v=``."""
    for name, value in checksums.items():
        link = f"{name}?v={value}"
        page = re.sub(re.escape(f"{name}?v=") + "[0-9a-f]+", lambda _: link, page)
    return page
