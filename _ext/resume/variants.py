"""Tailored variants: one source, a résumé for each kind of role.

Items take tags (``:tags: ml, platform``) from the vocabulary ``resume_tags``.
A variant is defined once in ``conf.py``::

    resume_variants = {
        "ml": {
            "tags": ["ml", "platform"],
            "sections": ["experience", "open-source", "publications", "talks", "skills"],
            "headline": "Software engineer: ML platforms and pipeline parallelism.",
        },
    }

and built with ``-D resume_variant=ml`` (``make pdf VARIANT=ml``): its
documents are named with the variant (``heungsub-lee-ml.pdf``); of the items
that carry tags, those with one of its tags stay (an item without tags, such
as a school, always stays); only the sections it names (by their labels)
stay, and its headline replaces the landing page's.  Nothing is
copied: the pages are the same, the variant only leaves things out.

A tag that the vocabulary lacks (on an item or in a variant), an unknown
section or variant, and a variant that selects no item are input errors.
"""

from __future__ import annotations

import posixpath

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from . import domain
from .config import where_in_conf
from .items import get_items, resume_item

#: The keys a variant may have.
KEYS = {"tags", "sections", "headline"}


def variant_problems(config) -> list[tuple[str, str]]:
    """``(config value, what is wrong)`` for each malformed variant or the chosen one."""
    found = []
    known = set(config.resume_tags)
    for name, variant in config.resume_variants.items():
        where = f"resume_variants[{name!r}]"
        if not isinstance(variant, dict) or not set(variant) <= KEYS or not variant.get("tags"):
            found.append(
                (
                    "resume_variants",
                    f"{where} must be a dict with 'tags' and, optionally, "
                    "'sections' and 'headline'",
                )
            )
            continue
        unknown = [tag for tag in variant["tags"] if tag not in known]
        if unknown:
            found.append(
                (
                    "resume_variants",
                    f"{where} names the tag(s) {', '.join(map(repr, unknown))}, "
                    "which resume_tags does not list",
                )
            )
    chosen = config.resume_variant
    if chosen and chosen not in config.resume_variants:
        names = ", ".join(map(repr, config.resume_variants)) or "none"
        found.append(
            (
                "resume_variant",
                f"resume_variant {chosen!r} is not a variant of resume_variants ({names})",
            )
        )
    return found


def name_documents(app: Sphinx, config) -> None:
    """The chosen variant's documents carry its name (``config-inited``)."""
    chosen = config.resume_variant
    if not chosen or chosen not in config.resume_variants:
        return
    config.latex_documents = [
        (document[0], variant_target(document[1], chosen), *document[2:])
        for document in config.latex_documents
    ]


def variant_target(target: str, variant: str) -> str:
    """``heungsub-lee.tex`` -> ``heungsub-lee-ml.tex``; ``…-cv.tex`` -> ``…-ml-cv.tex``."""
    stem, suffix = posixpath.splitext(target)
    if stem.endswith("-cv"):
        return f"{stem[:-3]}-{variant}-cv{suffix}"
    return f"{stem}-{variant}{suffix}"


def selected(tags, variant: dict) -> bool:
    """An item with *tags* stays in *variant*: it has none, or one of the variant's."""
    return not tags or bool(set(tags) & set(variant["tags"]))


def check_tags(app: Sphinx, env: BuildEnvironment) -> None:
    """Every item's tags are in the vocabulary; every variant selects something."""
    domain.clear(env, "variants")
    known = set(app.config.resume_tags)
    items = get_items(env)
    for item in items:
        unknown = [tag for tag in item.tags if tag not in known]
        if unknown:
            domain.report(
                env,
                f"{item.kind} {item.title!r} has the tag(s) {', '.join(map(repr, unknown))}, "
                "which resume_tags in conf.py does not list",
                item.docname,
                item.lineno,
                check="variants",
            )
    labels = env.get_domain("std").labels
    for name, variant in app.config.resume_variants.items():
        if not isinstance(variant, dict) or not variant.get("tags"):
            continue  # reported with the configuration
        where = where_in_conf(app, "resume_variants")
        if not any(item.tags and selected(item.tags, variant) for item in items):
            domain.report(
                env,
                f"resume_variants[{name!r}] selects no item: no item has any of its tags "
                f"({', '.join(variant['tags'])})",
                path=where,
                check="variants",
            )
        missing = [label for label in variant.get("sections", ()) if label not in labels]
        if missing:
            domain.report(
                env,
                f"resume_variants[{name!r}] names the section(s) "
                f"{', '.join(map(repr, missing))}, which no page labels",
                path=where,
                check="variants",
            )


def apply_variant(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Leave out what the chosen variant does not select (``doctree-resolved``)."""
    chosen = app.config.resume_variant
    variant = app.config.resume_variants.get(chosen) if chosen else None
    if not isinstance(variant, dict) or not variant.get("tags"):
        return
    for node in list(doctree.findall(resume_item)):
        if not selected(node.get("tags", ()), variant):
            node.parent.remove(node)
    if variant.get("sections"):
        _keep_sections(app, doctree, variant["sections"])
    if variant.get("headline"):
        for container in doctree.findall(nodes.container):
            if "resume-headline" in container["classes"]:
                text = variant["headline"]
                container.clear()
                container += nodes.paragraph(text, text)


def _keep_sections(app: Sphinx, doctree: nodes.document, keep) -> None:
    labels = app.env.get_domain("std").labels
    wanted = {labels[label][1] for label in keep if label in labels}
    named = {labelid for _, labelid, _ in labels.values()}
    for section in list(doctree.findall(nodes.section)):
        ids = set(section["ids"])
        # Only sections that a label names are choices; the page's title stays.
        if ids & named and not ids & wanted and section.parent is not None:
            if not any(ids & wanted for ids in _ids_below(section)):
                section.parent.remove(section)


def _ids_below(section: nodes.section):
    for inner in section.findall(nodes.section):
        if inner is not section:
            yield set(inner["ids"])
