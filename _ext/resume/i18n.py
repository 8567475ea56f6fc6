"""The résumé in more than one language: one source, translations in catalogues.

The pages are translated the Sphinx way: ``sphinx-build -D language=ko``
reads ``locales/ko/LC_MESSAGES/<page>.po`` (``locale_dirs``,
``gettext_compact = False``), and ``make update-po`` extracts the messages
and updates the catalogues.  This module adds what that leaves out:

* **The extension's own words** ("Present", the publication style's "et
  al.", "In", "pp." and author count, the labels it writes into the pages)
  come from its own catalogue,
  ``_ext/resume/locales/<language>/LC_MESSAGES/resume.po``.  The catalogue is
  compiled in memory with babel when first used (no ``.mo`` is kept), and
  every function takes the language as an argument: the English output never
  depends on what another build in the same process has loaded, and the
  functions are tested without Sphinx.  :func:`translate` is the one keyword
  that ``make update-po`` extracts from the code.
* **Dates** in the reader's language: ``Sep 2023`` in English (as always),
  ``2023년 9월`` in Korean, from babel's CLDR data (:func:`month_year`).
* **What a translated build changes besides the text**: conf.py cannot see
  ``-D language=ko``, so it lists the values per language in
  ``resume_translated`` (``{"ko": {"project": "이흥섭", ...}}``), and
  :func:`apply_translated_config` sets them when the configuration is read,
  before any other extension reads them (a misspelt name is an input error
  at its line in conf.py).
* **furo's literal labels** are made messages by :mod:`.theme`, which
  knows furo's templates; ``locales/<language>/LC_MESSAGES/sphinx.po``
  translates them with furo's own.
* **A translated description** loses the ``translated`` mark that Sphinx
  leaves on it, which the HTML writer would write into ``<meta>``.
"""

from __future__ import annotations

import calendar
import datetime
import functools
import gettext
import io
import os
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.dates import format_skeleton
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po
from docutils import nodes
from sphinx.application import Sphinx

from . import domain
from .config import where_in_conf

#: The extension's message catalogue: its name and where its ``.po`` files are.
DOMAIN = "resume"
LOCALE_DIR = Path(__file__).parent / "locales"

#: The language the source is written in.
SOURCE_LANGUAGE = "en"


# -- The extension's own catalogue -------------------------------------------


def base_language(language: str | None) -> str:
    """``ko`` for ``ko``, ``ko_KR`` or ``ko-KR``; the source's language for none."""
    return (language or SOURCE_LANGUAGE).replace("-", "_").split("_")[0].lower()


def is_source_language(language: str | None) -> bool:
    return base_language(language) == SOURCE_LANGUAGE


def catalogue_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


@functools.cache
def translations(language: str | None) -> gettext.NullTranslations:
    """The extension's catalogue for *language*, compiled in memory; none for English.

    Looks for the language as given (``ko_KR``), then for its base (``ko``).
    Fuzzy entries are left out, as Sphinx leaves them out of the pages.
    """
    if is_source_language(language):
        return gettext.NullTranslations()
    for name in dict.fromkeys([language.replace("-", "_"), base_language(language)]):
        path = catalogue_path(name)
        if path.is_file():
            with path.open("rb") as po:
                catalogue = read_po(po, locale=name)
            buffer = io.BytesIO()
            write_mo(buffer, catalogue, use_fuzzy=False)
            buffer.seek(0)
            return gettext.GNUTranslations(buffer)
    return gettext.NullTranslations()


def translate(message: str, language: str | None) -> str:
    """*message* in *language*, from the extension's catalogue (itself where it has none)."""
    return translations(language).gettext(message)


def code_messages(root: Path = Path(__file__).parent) -> Catalog:
    """The messages of the extension's code: every ``translate("...", ...)``, as a template."""
    template = Catalog(domain=DOMAIN, project="resume", fuzzy=False)
    found = extract_from_dir(
        root,
        keywords={"translate": (1,)},
        comment_tags=("Translators:",),
        strip_comment_tags=True,
    )
    for filename, lineno, message, comments, context in found:
        where = f"_ext/resume/{Path(filename).as_posix()}"
        template.add(message, None, [(where, lineno)], auto_comments=comments, context=context)
    return template


def update_catalogue(language: str, path: Path | None = None) -> str:
    """Bring the extension's catalogue for *language* up to date with the code.

    As ``sphinx-intl update`` does for the pages: new messages are added
    (untranslated, or fuzzy with the translation of a similar old one),
    messages the code no longer has are dropped, and the file is written only
    when its messages change.  Returns ``created``, ``updated`` or ``not changed``.
    """
    path = path or catalogue_path(language)
    template = code_messages()
    if path.is_file():
        with path.open("rb") as po:
            catalogue = read_po(po, locale=language)
        before = {message.id for message in catalogue if message.id}
        catalogue.update(template, update_creation_date=False)
        if before == {message.id for message in catalogue if message.id}:
            return "not changed"
        status = "updated"
    else:
        catalogue = Catalog(locale=language, domain=DOMAIN, project="resume", fuzzy=False)
        catalogue.update(template, update_creation_date=False)
        status = "created"
    catalogue.obsolete.clear()
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as po:
        write_po(po, catalogue, width=76)
    return status


def update_catalogues(languages: list[str]) -> None:
    """``make update-po``: the extension's catalogue for each of *languages*."""
    for language in languages:
        status = update_catalogue(language)
        print(f"{status.capitalize()}: {os.path.relpath(catalogue_path(language))}")


# -- Dates -------------------------------------------------------------------


@functools.cache
def month_year(year: int, month: int, language: str | None) -> str:
    """``Sep 2023`` or ``2014`` in English; ``2023년 9월`` or ``2014년`` in Korean.

    English keeps the résumé's own short form; other languages take the
    year-and-month form of their locale (CLDR skeletons ``yMMM`` and ``y``).
    """
    if is_source_language(language):
        return f"{calendar.month_abbr[month]} {year}" if month else str(year)
    try:
        locale = Locale.parse(language.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return f"{calendar.month_abbr[month]} {year}" if month else str(year)
    skeleton = "yMMM" if month else "y"
    return format_skeleton(skeleton, datetime.date(year, month or 1, 1), locale=locale)


def language_name(language: str) -> str:
    """The language's name in itself: ``English``, ``한국어``."""
    try:
        name = Locale.parse(language.replace("-", "_")).get_display_name(language)
    except (UnknownLocaleError, ValueError):
        return language
    return name[:1].upper() + name[1:] if name else language


# -- Per-language configuration ---------------------------------------------


def translated_values(config) -> dict:
    """The values ``resume_translated`` gives the build's language (or its base)."""
    table = config.resume_translated or {}
    language = config.language or SOURCE_LANGUAGE
    return dict(table.get(language) or table.get(base_language(language)) or {})


def apply_translated_config(app: Sphinx, config) -> None:
    """Set the values of ``resume_translated[language]`` (``config-inited``).

    ``latex_documents`` named the PDFs' title and author from ``project`` and
    ``author`` when conf.py ran: they follow the translated values.
    """
    before = {name: getattr(config, name) for name in ("project", "author")}
    for name, value in translated_values(config).items():
        if name in config:  # the others: check_translated_config
            setattr(config, name, value)
    renamed = {before["project"]: config.project, before["author"]: config.author}
    config.latex_documents = [
        (
            *document[:2],
            renamed.get(document[2], document[2]),
            renamed.get(document[3], document[3]),
            *document[4:],
        )
        for document in config.latex_documents
    ]


def check_translated_config(app: Sphinx) -> None:
    """A name in ``resume_translated`` that is no configuration value is an input
    error at its line in conf.py (``builder-inited``)."""
    domain.clear(app.env, "translated")
    for name in translated_values(app.config):
        if name not in app.config:
            domain.report(
                app.env,
                f"resume_translated[{app.config.language!r}] sets {name!r}, "
                "which is no configuration value: check its spelling",
                path=where_in_conf(app, "resume_translated"),
                check="translated",
            )


# -- Translated pages --------------------------------------------------------


def untag_translated_meta(app: Sphinx, doctree: nodes.document) -> None:
    """No ``translated="True"`` on ``<meta>`` (``doctree-read``).

    Sphinx marks every node it translated; the HTML writer writes each
    attribute of a ``meta`` node, and the page's description would then
    carry an attribute that HTML does not have.
    """
    for node in doctree.findall(nodes.meta):
        node.attributes.pop("translated", None)
