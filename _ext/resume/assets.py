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

import hashlib
import re
import zlib
from collections.abc import Iterable
from html.parser import HTMLParser
from pathlib import Path

import tinycss2
from sphinx.application import Sphinx
from sphinx.util import logging

from .theme import furo_runtime_classes

logger = logging.getLogger(__name__)

#: Sphinx's scripts that only the search page and its highlighting use.
SEARCH_SCRIPTS = (
    "_static/documentation_options.js",
    "_static/doctools.js",
    "_static/sphinx_highlight.js",
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
    collector = _NamesCollector()
    for page in pages:
        collector.feed(page.read_text(encoding="utf-8"))
    collector.close()
    return collector.classes, collector.ids


def own_pages(outdir: Path) -> list[Path]:
    """The HTML pages of the site in *outdir*, and not those of a site within it.

    The Korean edition lives in ``ko/`` with its own ``_static``; hidden
    folders (``.doctrees`` where no ``-d`` is given) hold no pages.
    """
    found = []
    for page in sorted(outdir.rglob("*.html")):
        folders = page.relative_to(outdir).parents
        inner = [outdir / folder for folder in folders if str(folder) != "."]
        if any(part.startswith(".") for part in page.relative_to(outdir).parts):
            continue
        if any((folder / "_static").is_dir() for folder in inner):
            continue
        found.append(page)
    return found


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


def _join_selectors(selectors: list[list]) -> list:
    joined: list = []
    for index, selector in enumerate(selectors):
        if index:
            joined.append(tinycss2.ast.LiteralToken(0, 0, ","))
        joined.extend(selector)
    return joined


def _prune_rules(rules: list, classes: set[str], ids: set[str]) -> list:
    kept = []
    for rule in rules:
        if rule.type == "qualified-rule":
            selectors = [
                selector
                for selector in _split_selectors(rule.prelude)
                if all(
                    needed <= present
                    for needed, present in zip(_needed_names(selector), (classes, ids))
                )
            ]
            if selectors:
                rule.prelude = _join_selectors(selectors)
                kept.append(rule)
        elif (
            rule.type == "at-rule"
            and rule.lower_at_keyword in ("media", "supports")
            and rule.content
        ):
            inner = _prune_rules(tinycss2.parse_rule_list(rule.content), classes, ids)
            if inner:
                rule.content = inner
                kept.append(rule)
        elif rule.type not in ("whitespace", "comment", "error"):
            kept.append(rule)
    return kept


def prune_css(css: str, classes: set[str], ids: set[str]) -> str:
    """*css* without the rules whose selectors need a class or id not in *classes*, *ids*."""
    rules = tinycss2.parse_stylesheet(css, skip_comments=False, skip_whitespace=False)
    errors = [rule for rule in rules if rule.type == "error"]
    if errors:
        raise ValueError(
            f"cannot parse the stylesheet: {errors[0].message} (line {errors[0].source_line})"
        )
    return "".join(rule.serialize() for rule in _prune_rules(rules, classes, ids))


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
        page = re.sub(r"((?:\.\./)*" + re.escape(name) + r"\?v=)[0-9a-f]+", rf"\g<1>{value}", page)
    return page
