"""Everything that knows furo's insides, behind one door, checked against the installed furo.

* **The page template.**  Three changes that CSS cannot make sit outside
  every block that furo's ``page.html`` lets a template override: "Back to
  top" links to ``#top`` (not an empty ``#``), and the two sidebars are
  landmarks with names of their own.  Instead of a copy of furo's template,
  :func:`write_page_template` applies :data:`PAGE_CHANGES` to the installed
  furo's ``page.html`` when the build starts; a change that no longer finds
  its text stops the build with a message, so a new furo never passes
  unnoticed.
* **Classes added at run time.**  furo's scripts add classes that no page
  has when it is built; :func:`runtime_classes` reads them from the
  installed scripts, so that pruning the stylesheets keeps their rules.
* **Self-links in the navigation.**  furo links the current page to ``#``
  in its navigation tree; :func:`name_self_links` names the page instead.
* **Labels furo writes as plain text** (the toggles' ``aria-label``, its
  icons' titles) are outside gettext.  A Jinja extension
  (:class:`FuroLabels`) wraps them in ``_()`` as furo's templates are
  loaded, so that a translated site translates them with furo's own
  messages; the gettext build adds them to ``sphinx.pot``, and a label that
  furo no longer has stops the build with a message.
"""

from __future__ import annotations

import importlib.util
import os
import posixpath
import re
from pathlib import Path

from docutils import nodes
from jinja2 import TemplateNotFound
from jinja2.ext import Extension
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError

#: ``(furo's text, ours)``: each must occur exactly once in furo's page.html.
PAGE_CHANGES = (
    ('<aside class="sidebar-drawer">', '<aside class="sidebar-drawer" aria-label="Sections">'),
    (
        '<a href="#" class="back-to-top muted-link">',
        '<a href="#top" class="back-to-top muted-link">',
    ),
    (
        '<aside class="toc-drawer{% if furo_hide_toc %} no-toc{% endif %}">',
        '<aside class="toc-drawer{% if furo_hide_toc %} no-toc{% endif %}"'
        ' aria-label="{{ _("On this page") }}">',
    ),
)

#: furo's scripts, where the classes they add are read.
SCRIPTS = ("furo.js", "furo-extensions.js")

_ADDED_CLASS = re.compile(r'classList\.add\("([\w-]+)"\)|\b(?:nav|content|nested)Class:"([\w-]+)"')


def furo_dir() -> Path:
    # Found, not imported: importing furo takes BeautifulSoup with it, which
    # a LaTeX build does not need.
    spec = importlib.util.find_spec("furo")
    if spec is None or spec.origin is None:
        raise ExtensionError("furo, the web site's theme, is not installed")
    return Path(spec.origin).parent / "theme" / "furo"


def patch_page(original: str, changes=PAGE_CHANGES) -> str:
    """furo's ``page.html`` with *changes*; ``ValueError`` where one does not fit."""
    patched = original
    for old, new in changes:
        count = patched.count(old)
        if count != 1:
            raise ValueError(f"furo's page.html has {count} copies of {old!r}, expected one")
        patched = patched.replace(old, new)
    return patched


def write_page_template(app: Sphinx, config) -> None:
    """Our ``page.html``, made from the installed furo's, first on the templates path."""
    if config.html_theme != "furo":
        return
    original = furo_dir() / "page.html"
    try:
        patched = patch_page(original.read_text(encoding="utf-8"))
    except ValueError as exc:
        raise ExtensionError(
            f"{exc} ({original}): furo changed its page template; "
            "update PAGE_CHANGES in _ext/resume/theme.py"
        ) from None
    folder = Path(app.doctreedir) / "resume_templates"
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "page.html"
    if not target.is_file() or target.read_text(encoding="utf-8") != patched:
        target.write_text(patched, encoding="utf-8")
    # Relative to conf.py, as templates_path is: the same build in another
    # folder keeps the same configuration (and byte-identical output).
    relative = os.path.relpath(folder, app.confdir)
    if relative not in config.templates_path:
        config.templates_path = [relative, *config.templates_path]


def runtime_classes(scripts: list[str]) -> set[str]:
    """The class names that the JavaScript in *scripts* adds to elements."""
    return {a or b for text in scripts for a, b in _ADDED_CLASS.findall(text)}


def furo_runtime_classes() -> set[str]:
    folder = furo_dir() / "static" / "scripts"
    return runtime_classes([(folder / name).read_text(encoding="utf-8") for name in SCRIPTS])


def name_self_links(app: Sphinx, pagename: str, templatename: str, context: dict, doctree):
    """No ``href="#"``: a link to the page itself names its file or its title's anchor.

    Sphinx's ``pathto`` and furo's navigation tree write ``#`` for the current
    page, and the local table of contents for the page's title.
    """
    pathto = context.get("pathto")
    if pathto is None:
        return
    own_file = posixpath.basename(app.builder.get_target_uri(pagename)) or "./"

    def named_pathto(*args, **kwargs):
        uri = pathto(*args, **kwargs)
        return own_file if uri == "#" else uri

    context["pathto"] = named_pathto
    if context.get("furo_navigation_tree"):
        context["furo_navigation_tree"] = context["furo_navigation_tree"].replace(
            'href="#"', f'href="{own_file}"'
        )
    section = doctree.next_node(nodes.section) if doctree is not None else None
    if section is not None and section["ids"] and context.get("toc"):
        context["toc"] = context["toc"].replace('href="#"', f'href="#{section["ids"][-1]}"')


# -- furo's literal labels ---------------------------------------------------

#: ``{template: [(furo's text, the message in it), ...]}``: labels that furo
#: writes as plain text.  "Sections" is the label that :mod:`.theme` gives
#: the navigation sidebar in its ``page.html`` (:data:`PAGE_CHANGES`).
FURO_LABELS = {
    "page.html": [
        (f'aria-label="{label}"', label)
        for label in (
            "Toggle site navigation sidebar",
            "Toggle table of contents sidebar",
            "Toggle Light / Dark / Auto color theme",
            "Sections",
        )
    ],
    "partials/icons.html": [
        (f"<title>{label}</title>", label)
        for label in (
            "Contents",
            "Menu",
            "Expand",
            "Light mode",
            "Dark mode",
            "Auto light/dark, in light mode",
            "Auto light/dark, in dark mode",
        )
    ],
}


def _as_message(text: str, message: str) -> str:
    return text.replace(message, '{{ _("' + message + '")|e }}')


def translatable_labels(source: str, template: str) -> str:
    """*source* of *template* with each of its literal labels in ``_()``."""
    for text, message in FURO_LABELS.get(template, ()):
        source = source.replace(text, _as_message(text, message))
    return source


def missing_labels(sources: dict[str, str]) -> list[str]:
    """The labels that the templates' *sources* no longer have."""
    return [
        f"{template}: {text}"
        for template, labels in FURO_LABELS.items()
        for text, _message in labels
        if text not in sources.get(template, "")
    ]


class FuroLabels(Extension):
    """Jinja: furo's literal labels become messages as its templates are loaded."""

    def preprocess(self, source: str, name: str | None, filename: str | None = None) -> str:
        return translatable_labels(source, name) if name in FURO_LABELS else source


def _template_source(builder, name: str) -> tuple[str, str]:
    """The template *name* as the build finds it; furo's own where the build has no theme."""
    environment = builder.templates.environment
    try:
        source, filename, _uptodate = environment.loader.get_source(environment, name)
    except TemplateNotFound:  # the gettext builder loads the templates_path only
        path = furo_dir() / name
        return path.read_text(encoding="utf-8"), str(path)
    return source, filename or name


def translate_furo_labels(app: Sphinx) -> None:
    """Make furo's literal labels messages (``builder-inited``).

    An HTML build translates them as it renders; the gettext build writes
    them to ``sphinx.pot``, at their lines in the template that has them.
    """
    builder = app.builder
    if app.config.html_theme != "furo" or not hasattr(builder, "templates"):
        return
    environment = getattr(builder.templates, "environment", None)
    if environment is None or not hasattr(environment, "loader"):
        return
    sources = {name: _template_source(builder, name) for name in FURO_LABELS}
    missing = missing_labels({name: source for name, (source, _f) in sources.items()})
    if missing:
        raise ExtensionError(
            "furo's templates no longer have these labels: "
            + "; ".join(missing)
            + ". Update FURO_LABELS in _ext/resume/theme.py"
        )
    if builder.name == "gettext":
        from sphinx.builders.gettext import MsgOrigin

        for name, labels in FURO_LABELS.items():
            source, filename = sources[name]
            for text, message in labels:
                line = source[: source.index(text)].count("\n") + 1
                builder.catalogs["sphinx"].add(message, MsgOrigin(filename, line))
    else:
        environment.add_extension(FuroLabels)
