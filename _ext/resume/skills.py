"""Skills and languages: lists with a shape, kept as data for every output.

::

    :::{skills}
    Programming Languages: Go, Python, TypeScript
    ML Engineering: PyTorch, pipeline parallelism
    :::

    :::{languages}
    Korean — Native
    English — Conversant in reading and writing
    :::

A skills line is a category, a colon, and its skills separated by commas.
HTML shows each category over a list of sphinx-design badges; LaTeX shows one
line per category, "Category: a, b, c".  A languages line is a language, a
dash and how well he speaks it; every output shows the lines as a bullet list.
Both are kept in the domain as the page reads after translation, for the
structured data.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from . import domain


class resume_skills(nodes.General, nodes.Element):
    pass


class resume_skill_category(nodes.General, nodes.TextElement):
    pass


class resume_skill_list(nodes.General, nodes.Element):
    pass


class resume_skill(nodes.Inline, nodes.TextElement):
    pass


def parse_skills(lines: list[str]) -> list[tuple[str, list[str]]]:
    """``["Cat: a, b"]`` -> ``[("Cat", ["a", "b"])]``; ValueError names the bad line."""
    groups = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        category, colon, rest = line.partition(":")
        skills = [skill.strip() for skill in rest.split(",") if skill.strip()]
        if not colon or not category.strip() or not skills:
            raise ValueError(
                f"line {number} of the skills, {line.strip()!r}: "
                "expected 'Category: skill, skill, ...'"
            )
        groups.append((category.strip(), skills))
    return groups


def parsed_or_reported(directive: SphinxDirective, parse, empty: str) -> list:
    """*directive*'s lines as *parse* reads them; [] after reporting a bad or empty list."""
    try:
        found = parse(list(directive.content))
    except ValueError as exc:
        problem = str(exc)
    else:
        problem = "" if found else empty
    if problem:
        domain.report(directive.env, problem, directive.env.docname, directive.lineno)
        return []
    return found


class SkillsDirective(SphinxDirective):
    has_content = True

    def run(self) -> list[nodes.Node]:
        groups = parsed_or_reported(self, parse_skills, "the skills directive lists no skills")
        if not groups:
            return []
        root = resume_skills()
        self.set_source_info(root)
        for category, skills in groups:
            root += resume_skill_category(category, category)
            self.set_source_info(root[-1])
            items = resume_skill_list()
            for skill in skills:
                items += resume_skill(skill, skill)
            root += items
        return [root]


def parse_languages(lines: list[str]) -> list[tuple[str, str]]:
    """``["Korean — Native"]`` -> ``[("Korean", "Native")]``; ValueError names the bad line."""
    found = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        language, dash, fluency = line.partition(LANGUAGE_DASH)
        if not dash or not language.strip() or not fluency.strip():
            raise ValueError(
                f"line {number} of the languages, {line.strip()!r}: "
                f"expected 'Language{LANGUAGE_DASH}fluency'"
            )
        found.append((language.strip(), fluency.strip()))
    return found


#: Between a language and its fluency.
LANGUAGE_DASH = " — "


class LanguagesDirective(SphinxDirective):
    """The languages as a bullet list, one ``Language — fluency`` a line."""

    has_content = True

    def run(self) -> list[nodes.Node]:
        if not parsed_or_reported(
            self, parse_languages, "the languages directive lists no language"
        ):
            return []
        items = nodes.bullet_list(classes=["resume-languages"])
        self.set_source_info(items)
        for offset, line in enumerate(self.content):
            if not line.strip():
                continue
            text = line.strip()
            paragraph = nodes.paragraph(text, text)
            source, line = self.content.info(offset)
            paragraph.source, paragraph.line = source, line + 1
            items += nodes.list_item("", paragraph)
        return [items]


def collect_lists(app, doctree: nodes.document) -> None:
    """Keep the page's skills and languages in the domain, as translated (``doctree-read``)."""
    data = domain.domain(app.env)
    docname = app.env.docname
    skills = [
        (category.astext(), [skill.astext() for skill in skill_list.children])
        for root in doctree.findall(resume_skills)
        for category, skill_list in zip(root.children[::2], root.children[1::2])
    ]
    if skills:
        data.skills[docname] = skills
    languages = []
    for items in doctree.findall(nodes.bullet_list):
        if "resume-languages" in items["classes"]:
            for item in items.children:
                language, _, fluency = item.astext().partition(LANGUAGE_DASH)
                languages.append((language.strip(), fluency.strip()))
    if languages:
        data.languages[docname] = languages


# -- Translators -------------------------------------------------------------

BADGE = "resume-skill sd-badge sd-outline-primary sd-text-primary"


def visit_latex_category(self, node):
    self.body.append("\\resumeskillcategory{")


def visit_latex_list(self, node):
    self.body.append("{")


def depart_latex_list(self, node):
    self.body.append("}\n")


def visit_latex_skill(self, node):
    if node.parent.index(node):
        self.body.append(", ")


def visit_latex_skills(self, node):
    self.body.append("\n\\begin{resumeskills}\n")


def depart_latex_skills(self, node):
    self.body.append("\\end{resumeskills}\n")


def visit_text_skill(self, node):
    if node.parent.index(node):
        self.add_text(", ")


def depart_latex_category(self, node):
    self.body.append("}")


def depart_text_category(self, node):
    self.add_text(": ")


def depart_text_list(self, node):
    self.add_text("\n")
