"""The extension's configuration values: their defaults, and one check of them all.

Every ``resume_*`` value is declared in :data:`VALUES`, with its default, what
a change of it rebuilds, its type and what it is for; ``setup()`` adds them
from there, and the code reads the defaults from there too.  A malformed
value is an input error at its line in ``conf.py`` (:func:`check_config`),
which fails the build with or without ``-W``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, NamedTuple

from sphinx.application import Sphinx
from sphinx.errors import ConfigError

from . import domain
from .contact import Contact


class Value(NamedTuple):
    name: str
    default: Any
    rebuild: str
    types: tuple[type, ...]
    doc: str


VALUES = (
    Value("resume_owner", "", "env", (str,), "bold in author lists"),
    Value("resume_contact", {}, "env", (dict,), "e-mail, web site and profiles (contact.py)"),
    Value("resume_bib_max_authors", 10, "env", (int,), "longer author lists are cut"),
    Value("resume_bib_first_authors", 3, "env", (int,), "names kept before the cut"),
    Value("resume_keywords", [], "env", (list, tuple), "the PDF's keywords"),
    Value("resume_pdf_url", "", "html", (str,), "where the site links the PDF, if not beside it"),
    Value("resume_search", True, "html", (bool,), "false: no search page, index or scripts"),
    Value("resume_prune_css", [], "html", (list, tuple), "stylesheets pruned to what pages use"),
    Value("resume_tags", [], "env", (list, tuple), "the tags items may carry (variants.py)"),
    Value("resume_variants", {}, "env", (dict,), "tailored variants: tags, sections, headline"),
    Value("resume_variant", "", "env", (str,), "the variant to build (-D resume_variant=ml)"),
    Value("resume_translated", {}, "env", (dict,), "values by language: {'ko': {...}}"),
    Value("resume_languages", [], "html", (list, tuple), "the site's languages, source first"),
    Value("resume_latex_dir", "", "", (str,), "the HTML build writes the PDFs' LaTeX here too"),
)

DEFAULTS = {value.name: value.default for value in VALUES}


def add_config_values(app: Sphinx) -> None:
    for value in VALUES:
        app.add_config_value(value.name, value.default, value.rebuild, types=value.types)


def problems(config) -> list[tuple[str, str]]:
    """``(config value, what is wrong)`` for each malformed value of *config*."""
    found = []
    try:
        if config.resume_contact:  # none at all: a résumé without a contact line
            Contact.from_config(config.resume_contact)
    except ConfigError as exc:
        found.append(("resume_contact", str(exc)))
    most, first = config.resume_bib_max_authors, config.resume_bib_first_authors
    if not (isinstance(most, int) and isinstance(first, int) and 1 <= first <= most):
        found.append(
            (
                "resume_bib_first_authors",
                f"resume_bib_first_authors ({first!r}) must be a whole number from 1 to "
                f"resume_bib_max_authors ({most!r})",
            )
        )
    from .variants import variant_problems  # variants.py reads where_in_conf from here

    return found + variant_problems(config)


def check_config(app: Sphinx) -> None:
    """Report each malformed value at its line in conf.py (``builder-inited``)."""
    domain.clear(app.env, "config")
    for name, message in problems(app.config):
        domain.report(app.env, message, path=where_in_conf(app, name), check="config")


def where_in_conf(app: Sphinx, name: str) -> str:
    """``.../conf.py:<line>`` where *name* is set, or just the file."""
    conf = Path(app.confdir, "conf.py")
    try:
        lines = conf.read_text(encoding="utf-8").splitlines()
    except OSError:
        return str(conf)
    found = [n for n, line in enumerate(lines, 1) if line.split("=")[0].strip() == name]
    return f"{conf}:{found[0]}" if found else str(conf)
