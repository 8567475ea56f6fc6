"""Skills: badges on the web, compact lines on paper.

::

    :::{skills}
    Programming Languages: Go, Python, TypeScript
    ML Engineering: PyTorch, pipeline parallelism
    :::

Each line is a category, a colon, and its skills separated by commas.  HTML
shows each category over a list of sphinx-design badges; LaTeX shows one line
per category, "Category: a, b, c".
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

import resume_errors
from resume_visitors import TRANSPARENT, html_element, pass_through


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


class SkillsDirective(SphinxDirective):
    has_content = True

    def run(self) -> list[nodes.Node]:
        try:
            groups = parse_skills(list(self.content))
        except ValueError as exc:
            groups, problem = [], str(exc)
        else:
            problem = "" if groups else "the skills directive lists no skills"
        if problem:
            resume_errors.report(self.env, problem, self.env.docname, self.lineno)
            return []
        root = resume_skills()
        self.set_source_info(root)
        for category, skills in groups:
            root += resume_skill_category(category, category)
            items = resume_skill_list()
            for skill in skills:
                items += resume_skill(skill, skill)
            root += items
        return [root]


# -- Translators -------------------------------------------------------------

_BADGE = "resume-skill sd-badge sd-outline-primary sd-text-primary"


def _visit_latex_category(self, node):
    self.body.append("\\resumeskillcategory{")


def _visit_latex_list(self, node):
    self.body.append("{")


def _depart_latex_list(self, node):
    self.body.append("}\n")


def _visit_latex_skill(self, node):
    if node.parent.index(node):
        self.body.append(", ")


def _visit_latex_skills(self, node):
    self.body.append("\n\\begin{resumeskills}\n")


def _depart_latex_skills(self, node):
    self.body.append("\\end{resumeskills}\n")


def _visit_text_skill(self, node):
    if node.parent.index(node):
        self.add_text(", ")


def setup(app: Sphinx) -> dict:
    app.setup_extension("sphinx_design")
    app.setup_extension("resume_errors")
    app.add_node(
        resume_skills,
        html=html_element("div", "resume-skills"),
        latex=(_visit_latex_skills, _depart_latex_skills),
        text=TRANSPARENT,
    )
    app.add_node(
        resume_skill_category,
        html=html_element("p", "resume-skill-category"),
        latex=(_visit_latex_category, lambda self, node: self.body.append("}")),
        text=(pass_through, lambda self, node: self.add_text(": ")),
    )
    app.add_node(
        resume_skill_list,
        html=html_element("ul", "resume-skill-list"),
        latex=(_visit_latex_list, _depart_latex_list),
        text=(pass_through, lambda self, node: self.add_text("\n")),
    )
    app.add_node(
        resume_skill,
        html=html_element("li", _BADGE),
        latex=(_visit_latex_skill, pass_through),
        text=(_visit_text_skill, pass_through),
    )
    app.add_directive("skills", SkillsDirective)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
