"""Publications for a résumé: a pybtex style and a strict check of the .bib files.

The style ``resume`` formats entries the way a résumé lists its own papers:

* the résumé's owner (config ``resume_owner``) in bold and in full, wherever
  the name stands in the author list;
* an asterisk on every author marked as an equal contributor through the
  biblatex data annotation ``author+an = {1=equal; 2=equal}``;
* a long author list shortened to its first authors, an ellipsis, the owner
  and "et al." with the number of authors, so the owner stays visible;
* newest first, titles exactly as written in the .bib, the venue and the
  date, arXiv and DOI as links;
* the style's own words ("and", "et al." with the number of authors, "In",
  "pp.", "arXiv preprint") and the dates in the build's language, from the
  extension's catalogue (:mod:`.i18n`): in Korean "… 외 (저자 37명)",
  "3405–3424쪽", "2021년 11월".  Titles and venues stay as written.

The .bib files are parsed once more, strictly, before sphinxcontrib-bibtex
reads them, so that a syntax error or a missing field stops the build with
the file and the line instead of a traceback.
"""

from __future__ import annotations

import re
from pathlib import Path

import pybtex.plugin
from pybtex.database import Person
from pybtex.database.input.bibtex import Parser
from pybtex.richtext import Symbol, Tag, Text
from pybtex.scanner import PybtexError, PybtexSyntaxError
from pybtex.style.formatting import toplevel
from pybtex.style.formatting.unsrt import Style as UnsrtStyle
from pybtex.style.sorting import BaseSortingStyle
from pybtex.style.template import (
    field,
    href,
    join,
    node,
    optional,
    sentence,
    tag,
    words,
)
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

from . import domain
from .config import DEFAULTS
from .i18n import is_source_language, month_year, translate

STYLE_NAME = "resume"
SORTING_NAME = "resume_newest_first"
EQUAL = "equal"
REQUIRED_FIELDS = ("title", "year")
MAX_AUTHORS = DEFAULTS["resume_bib_max_authors"]
FIRST_AUTHORS = DEFAULTS["resume_bib_first_authors"]

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}


class BibliographyError(ValueError):
    """A .bib file is broken: ``args`` are the path, the line (0 if unknown), the message."""

    def __str__(self) -> str:
        path, line, message = self.args
        return f"{path}:{line}: {message}" if line else f"{path}: {message}"


# -- Helpers over entries ----------------------------------------------------


def annotated_positions(entry, role: str = "author", annotation: str = EQUAL) -> set[int]:
    """The 1-based positions of *role* names carrying *annotation*.

    Reads biblatex's data annotation field, ``author+an = {1=equal; 2=equal}``.
    """
    raw = entry.fields.get(f"{role}+an", "")
    positions = set()
    for item in raw.split(";"):
        where, _, what = item.partition("=")
        if what.strip() == annotation and where.strip().isdigit():
            positions.add(int(where))
    return positions


def month_number(entry) -> int:
    """The entry's month as 1-12, or 0 where it has none."""
    month = entry.fields.get("month", "").strip().lower()
    if month.isdigit():
        return int(month)
    return _MONTHS.get(month, 0)


def same_person(a: Person, b: Person) -> bool:
    def key(person: Person) -> tuple[str, str]:
        first = " ".join(person.first_names + person.middle_names)
        return first.lower(), " ".join(person.last_names).lower()

    return key(a) == key(b)


# -- Templates ---------------------------------------------------------------


@node
def author_list(
    children, context, owner="", max_names=MAX_AUTHORS, keep_first=FIRST_AUTHORS, language=None
):
    """The author list, with the owner in bold and equal contributors starred.

    Lists longer than *max_names* keep their first *keep_first* names, then an
    ellipsis, the owner where he stands further down, and "et al." with the
    number of authors.  The words are in *language*.
    """
    assert not children
    entry = context["entry"]
    style = context["style"]
    persons = entry.persons.get("author", [])
    equal = annotated_positions(entry)
    owner_person = Person(owner) if owner else None

    def render(index: int) -> Text:
        person = persons[index]
        is_owner = owner_person is not None and same_person(person, owner_person)
        name = style.format_name(person, abbr=not is_owner).format_data(context)
        if is_owner:
            name = Tag("b", name)  # <strong> in docutils, \textbf in LaTeX
        if index + 1 in equal:
            name = Text(name, "*")
        return name

    if len(persons) <= max_names:
        return join(
            sep=", ",
            # Translators: between the names of two authors.
            sep2=translate(" and ", language),
            # Translators: before the last of three or more authors.
            last_sep=translate(", and ", language),
        )[[render(i) for i in range(len(persons))]].format_data(context)

    shown = [render(i) for i in range(keep_first)]
    owner_index = next(
        (i for i, p in enumerate(persons) if owner_person and same_person(p, owner_person)),
        None,
    )
    if owner_index is not None and owner_index >= keep_first:
        if owner_index > keep_first:
            shown.append(Text("…"))
        shown.append(render(owner_index))
    # The words around the names, which may stand before them, after them or both.
    # Translators: a cut author list; {authors} are the names shown, {count} all.
    pattern = translate("{authors}, et al. ({count} authors)", language)
    before, _, after = pattern.partition("{authors}")
    return Text(before, Text(", ").join(shown), after.replace("{count}", str(len(persons))))


class ResumeStyle(UnsrtStyle):
    """unsrt's layout, tuned for the publications list of a résumé."""

    default_sorting_style = SORTING_NAME
    owner = ""
    max_names = MAX_AUTHORS
    keep_first = FIRST_AUTHORS
    language = None

    def format_names(self, role, as_sentence=True):
        if role != "author":
            return super().format_names(role, as_sentence)
        names = author_list(
            owner=self.owner,
            max_names=self.max_names,
            keep_first=self.keep_first,
            language=self.language,
        )
        return sentence[names] if as_sentence else names

    def format_title(self, e, which_field, as_sentence=True):
        # Titles stay as written: "GPipe" and "PyTorch" keep their case.
        title = field(which_field)
        if "url" in e.fields:
            title = href(field("url", raw=True))[title]
        return sentence[title] if as_sentence else title

    def format_date(self, e):
        if is_source_language(self.language):
            return words[optional[field("month")], field("year")]
        # "2021년 11월": the year and the month in the language's own order.
        return Text(month_year(int(e.fields["year"]), month_number(e), self.language))

    @staticmethod
    def _words(pattern: str, **fields):
        """*pattern*, translated, with its ``{field}``s filled with templates.

        ``"In {booktitle}"`` becomes ``join["In ", booktitle]`` in English and
        ``join[booktitle, " 수록"]`` where the translation puts the field last.
        """
        parts: list = []
        # re.split with a group: text, field name, text, field name, ..., text.
        for index, piece in enumerate(_FIELD.split(pattern)):
            if index % 2:
                parts.append(fields[piece])
            elif piece:
                parts.append(piece)
        return join[parts]

    def format_pages(self, e):
        pages = field("pages", apply_func=_dashify)
        # Translators: the pages of a paper in its proceedings, e.g. "3405–3424".
        return optional[self._words(translate("pp. {pages}", self.language), pages=pages)]

    def format_web_refs(self, e):
        links = []
        if "eprint" in e.fields:
            links.append(self.format_eprint(e))
        if "doi" in e.fields:
            links.append(self.format_doi(e))
        return sentence(sep=" · ")[links] if links else Text()

    def get_article_template(self, e):
        return toplevel[
            sentence[self.format_names("author")],
            self.format_title(e, "title"),
            sentence[
                tag("em")[field("journal")],
                self.format_pages(e),
                self.format_date(e),
            ],
            self.format_web_refs(e),
        ]

    def get_inproceedings_template(self, e):
        return toplevel[
            sentence[self.format_names("author")],
            self.format_title(e, "title"),
            sentence[
                self._words(
                    # Translators: the proceedings a paper appeared in.
                    translate("In {booktitle}", self.language),
                    booktitle=tag("em")[field("booktitle")],
                ),
                self.format_pages(e),
                self.format_date(e),
            ],
            self.format_web_refs(e),
        ]

    def get_misc_template(self, e):
        venue = (
            # Translators: the venue of a paper published on arXiv only.
            translate("arXiv preprint", self.language)
            if _is_arxiv(e)
            else optional[field("howpublished")]
        )
        return toplevel[
            sentence[self.format_names("author")],
            self.format_title(e, "title"),
            sentence[venue, self.format_date(e)],
            self.format_web_refs(e),
        ]


class NewestFirst(BaseSortingStyle):
    """Newest first by year and month; the title breaks ties."""

    def sorting_key(self, entry):
        try:
            year = int(entry.fields.get("year", "0"))
        except ValueError:
            year = 0
        return (-year, -month_number(entry), entry.fields.get("title", "").lower())


_FIELD = re.compile(r"\{(\w+)\}")


def _dashify(text):
    return Text(Symbol("ndash")).join(text.split(re.compile(r"-+")))


def _is_arxiv(entry) -> bool:
    return entry.fields.get("archiveprefix", "").lower() == "arxiv"


def make_style(
    owner: str,
    max_names: int = MAX_AUTHORS,
    keep_first: int = FIRST_AUTHORS,
    language: str | None = None,
) -> type[ResumeStyle]:
    """A ``ResumeStyle`` that knows whose résumé it formats, and in which language."""
    return type(
        "ResumeStyle",
        (ResumeStyle,),
        {
            "owner": owner,
            "max_names": max_names,
            "keep_first": keep_first,
            "language": language,
        },
    )


# -- Strict check of the .bib files -----------------------------------------


def check_bibfile(path: Path) -> None:
    """Parse *path* strictly; raise ``BibliographyError`` naming file and line."""
    # Read first: pybtex reports a missing file as a PybtexError, not an OSError.
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise BibliographyError(path, 0, f"cannot read: {exc.strerror}") from None
    parser = Parser(encoding="utf-8")
    try:
        data = parser.parse_file(str(path))
    except PybtexSyntaxError as exc:
        raise BibliographyError(path, exc.lineno or 0, str(exc)) from None
    except PybtexError as exc:
        _check_unique_keys(path, text)  # a repeated key, at its second line
        raise BibliographyError(path, 0, str(exc)) from None
    _check_unique_keys(path, text)
    for key, entry in data.entries.items():
        line = _line_of_key(text, key)
        missing = [name for name in REQUIRED_FIELDS if not entry.fields.get(name)]
        if not entry.persons.get("author"):
            missing.insert(0, "author")
        if missing:
            raise BibliographyError(
                path, line, f"entry {key!r} lacks the field(s) {', '.join(missing)}"
            )
        if not entry.fields["year"].strip().isdigit():
            raise BibliographyError(
                path, line, f"entry {key!r} has year {entry.fields['year']!r}, not a number"
            )
        if entry.fields.get("month") and not month_number(entry):
            raise BibliographyError(
                path, line, f"entry {key!r} has month {entry.fields['month']!r}, not a month"
            )
        authors = len(entry.persons["author"])
        for position in annotated_positions(entry):
            if position > authors:
                raise BibliographyError(
                    path,
                    line,
                    f"entry {key!r} marks author {position} as an equal contributor, "
                    f"but it has {authors} authors",
                )


_ENTRY_START = re.compile(r"@(?!comment|preamble|string)\w+\s*[{(]\s*([^,\s]+)\s*,", re.I)


def _check_unique_keys(path: Path, text: str) -> None:
    seen: dict[str, int] = {}
    for match in _ENTRY_START.finditer(text):
        key, line = match[1], text.count("\n", 0, match.start()) + 1
        if key.lower() in seen:
            raise BibliographyError(
                path,
                line,
                f"entry {key!r} repeats the key of the entry at line {seen[key.lower()]}",
            )
        seen[key.lower()] = line


def _line_of_key(text: str, key: str) -> int:
    match = re.search(r"@\w+\s*[{(]\s*" + re.escape(key) + r"\s*,", text)
    return text.count("\n", 0, match.start()) + 1 if match else 0


# -- Sphinx wiring -----------------------------------------------------------


def register_plugins() -> None:
    """Newest first, as the style's default sorting; and the plugins a build looks up.

    pybtex and sphinxcontrib-bibtex find a plugin by name among the installed
    packages' entry points, about 10 ms a look-up, a dozen times a build;
    registered here, they find the same classes at once.  Their functions
    for this, ``register_plugin()``, read the entry points first even to
    replace one, so the classes go into their stores directly.  Called
    before sphinxcontrib-bibtex is imported: its modules look up the
    docutils backend as they load.
    """
    from pybtex.backends.plaintext import Backend as PlainText
    from pybtex.style.labels.number import LabelStyle
    from pybtex.style.names.plain import NameStyle
    from pybtex_docutils import Backend as Docutils

    _into(
        pybtex.plugin._RUNTIME_PLUGINS,
        ("pybtex.backends", "plaintext", PlainText),
        ("pybtex.backends", "docutils", Docutils),
        ("pybtex.style.names", "plain", NameStyle),
        ("pybtex.style.labels", "number", LabelStyle),
        ("pybtex.style.sorting", SORTING_NAME, NewestFirst),
    )
    import sphinxcontrib.bibtex.plugin
    from sphinxcontrib.bibtex.style.names.last import LastNameStyle
    from sphinxcontrib.bibtex.style.referencing.foot import FootReferenceStyle
    from sphinxcontrib.bibtex.style.referencing.label import LabelReferenceStyle

    _into(pybtex.plugin._RUNTIME_PLUGINS, ("pybtex.style.names", "last", LastNameStyle))
    _into(
        sphinxcontrib.bibtex.plugin._runtime_plugins,
        ("sphinxcontrib.bibtex.style.referencing", "label", LabelReferenceStyle),
        ("sphinxcontrib.bibtex.style.referencing", "foot", FootReferenceStyle),
    )


def _into(store: dict, *plugins: tuple[str, str, type]) -> None:
    for group, name, klass in plugins:
        store.setdefault(group, {})[name] = klass


def register_style(app: Sphinx, config) -> None:
    """The ``resume`` style for this build's owner, limits and language (``config-inited``)."""
    style = make_style(
        config.resume_owner,
        config.resume_bib_max_authors,
        config.resume_bib_first_authors,
        config.language,
    )
    _into(pybtex.plugin._RUNTIME_PLUGINS, ("pybtex.style.formatting", STYLE_NAME, style))


def check_bibfiles(app: Sphinx) -> None:
    """Parse each .bib strictly before sphinxcontrib-bibtex does (``builder-inited``)."""
    domain.clear(app.env, "bibfiles")
    readable = []
    for name in app.config.bibtex_bibfiles or ():
        try:
            check_bibfile(Path(app.confdir, name))
        except BibliographyError as exc:
            path, line, message = exc.args
            where = f"{path}:{line}" if line else str(path)
            domain.report(app.env, message, path=where, check="bibfiles")
        else:
            readable.append(name)
    # sphinxcontrib-bibtex would stop with a traceback on a broken file: it
    # reads the others, and the error above fails the build.
    app.config.bibtex_bibfiles = readable


def check_citation_keys(app: Sphinx, env) -> None:
    """A citation of a key that no .bib holds fails the build, even without -W.

    sphinxcontrib-bibtex warns of it (naming the key, the file and the line)
    when it resolves the citation; here the same fault also counts as an error.
    """
    domain.clear(env, "citations")
    cite = env.get_domain("cite")
    known = cite.bibdata.data.entries
    for ref in cite.citation_refs:
        for target in ref.targets:
            if target.key not in known:
                domain.report(
                    env,
                    f'unknown citation key "{target.key}"',
                    ref.docname,
                    ref.line,
                    check="citations",
                    log=False,
                )


class FreshCitationNodes(SphinxPostTransform):
    """Each resolution of the bibliographies starts from empty citation nodes.

    sphinxcontrib-bibtex keeps a node for each citation in the environment
    and appends the entry's label and text to it whenever its
    ``BibliographyTransform`` (priority 5) resolves a bibliography: a second
    resolution in one run (the LaTeX builder's second document, the text and
    Markdown exports) would list every paper twice.  Before it, each stored
    node is replaced by a copy without children.
    """

    default_priority = 4

    def run(self, **kwargs) -> None:
        bibliographies = getattr(self.env.get_domain("cite"), "bibliographies", {})
        for value in bibliographies.values():
            for key, stored in value.citation_nodes.items():
                value.citation_nodes[key] = stored.copy()
