"""The résumé as a Sphinx extension: one ``setup()`` that shows every piece.

Listed in ``conf.py`` as ``resume`` (with ``_ext/`` on ``sys.path``).  Each
module holds one concern:

* :mod:`.config` the ``resume_*`` values, their defaults and their check;
* :mod:`.domain` the state (items, skills, languages, input errors);
* :mod:`.items` jobs, projects, talks and education, and their dates;
* :mod:`.skills` skills and languages;
* :mod:`.contact` the owner's contact facts, written once;
* :mod:`.bibliography` the pybtex style and the strict check of the .bib;
* :mod:`.latex` and ``resume.sty`` the PDF;
* :mod:`.web` the site's own touches (PDF link, 404 page, robots.txt);
* :mod:`.assets` each page loads only the CSS and scripts it uses;
* :mod:`.theme` everything that knows furo's insides;
* :mod:`.jsonld` schema.org data on the landing page;
* :mod:`.translators` small helpers for the node visitors.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

from . import (
    assets,
    bibliography,
    config,
    contact,
    domain,
    items,
    jsonld,
    latex,
    skills,
    theme,
    web,
)
from .translators import SKIPPED, TRANSPARENT, html_element, pass_through

__version__ = "2.0"


def setup(app: Sphinx) -> dict:
    app.setup_extension("sphinx_design")  # octicons and badges
    app.setup_extension("sphinxcontrib.bibtex")

    # -- Configuration (defaults and checks in config.py) --------------------
    config.add_config_values(app)
    app.connect("builder-inited", config.check_config)

    # -- State ---------------------------------------------------------------
    app.add_domain(domain.ResumeDomain)
    app.connect("build-finished", domain.fail_if_errors)

    # -- Dated items ---------------------------------------------------------
    for kind in items.REQUIRED:
        app.add_directive(kind, items.ItemDirective)
    app.add_node(
        items.resume_item,
        html=(items.visit_html_item, items.depart_html_item),
        latex=(items.visit_latex_item, items.depart_latex_item),
        text=TRANSPARENT,
    )
    app.add_node(
        items.resume_item_header,
        html=(items.visit_html_header, items.depart_html_header),
        latex=(items.visit_latex_header, None),
        text=(items.visit_text_header, None),
    )
    app.add_node(
        items.resume_item_title,
        html=(items.visit_html_title, items.depart_html_title),
        latex=TRANSPARENT,
        text=TRANSPARENT,
    )
    app.add_node(
        items.resume_item_dates,
        html=(items.visit_html_dates, None),
        latex=SKIPPED,
        text=SKIPPED,
    )
    app.add_node(
        items.resume_item_org,
        html=(items.visit_html_org, items.depart_html_org),
        latex=TRANSPARENT,
        text=TRANSPARENT,
    )
    # After the page is read and translated.
    app.connect("doctree-read", items.collect_items)
    app.connect("env-check-consistency", items.check_order)

    # -- Skills and languages ------------------------------------------------
    app.add_directive("skills", skills.SkillsDirective)
    app.add_directive("languages", skills.LanguagesDirective)
    app.add_node(
        skills.resume_skills,
        html=html_element("div", "resume-skills"),
        latex=(skills.visit_latex_skills, skills.depart_latex_skills),
        text=TRANSPARENT,
    )
    app.add_node(
        skills.resume_skill_category,
        html=html_element("p", "resume-skill-category"),
        latex=(skills.visit_latex_category, skills.depart_latex_category),
        text=(pass_through, skills.depart_text_category),
    )
    app.add_node(
        skills.resume_skill_list,
        html=html_element("ul", "resume-skill-list"),
        latex=(skills.visit_latex_list, skills.depart_latex_list),
        text=(pass_through, skills.depart_text_list),
    )
    app.add_node(
        skills.resume_skill,
        html=html_element("li", skills.BADGE),
        latex=(skills.visit_latex_skill, pass_through),
        text=(skills.visit_text_skill, pass_through),
    )
    app.connect("doctree-read", skills.collect_lists)

    # -- Contact -------------------------------------------------------------
    app.add_directive("contact", contact.ContactDirective)

    # -- Publications --------------------------------------------------------
    bibliography.register_sorting()
    app.connect("config-inited", bibliography.register_style)
    # Before sphinxcontrib-bibtex (priority 500) reads the same files.
    app.connect("builder-inited", bibliography.check_bibfiles, priority=400)
    app.connect("env-check-consistency", bibliography.check_citation_keys)

    # -- The PDF -------------------------------------------------------------
    app.connect("config-inited", latex.configure_latex)
    # Before Sphinx's BibliographyTransform (750) gathers the citations at the end.
    app.add_post_transform(latex.KeepCitationsInPlace)
    # A character that the PDF's fonts lack is an error at its source line.
    app.connect("doctree-resolved", latex.check_characters)
    app.add_node(
        latex.resume_bibliography,
        latex=(latex.visit_bibliography, latex.depart_bibliography),
        html=SKIPPED,
        text=SKIPPED,
    )
    app.add_node(
        latex.resume_citation,
        latex=(latex.visit_citation, latex.depart_citation),
        html=SKIPPED,
        text=SKIPPED,
    )

    # -- The web site --------------------------------------------------------
    app.add_role("download-pdf", web.download_pdf_role)
    app.add_node(
        web.resume_pdf_link,
        html=(web.visit_html_pdf_link, web.depart_html_pdf_link),
        latex=SKIPPED,
        text=SKIPPED,
    )
    # Publications as a list of list items (docutils' role is deprecated).
    app.add_node(nodes.citation, override=True, html=(web.visit_citation, web.depart_citation))
    app.connect("doctree-resolved", web.absolute_links_on_404)
    # Before sphinxext-opengraph (priority 500) writes its tags.
    app.connect("html-page-context", web.description_for_opengraph, priority=450)
    app.connect("html-page-context", jsonld.add_to_landing_page)
    app.connect("build-finished", web.write_robots_txt)

    # -- furo ----------------------------------------------------------------
    app.connect("config-inited", theme.write_page_template)
    # After furo (priority 500) has put its navigation tree in the context.
    app.connect("html-page-context", theme.name_self_links, priority=600)

    # -- What each page loads ------------------------------------------------
    app.connect("builder-inited", assets.turn_off_search)
    # After the theme and the other extensions have added their assets.
    app.connect("html-page-context", assets.only_what_the_page_uses, priority=900)
    # When every page is written: prune for the whole site.
    app.connect("build-finished", assets.prune_stylesheets)

    return {
        "version": __version__,
        "env_version": domain.ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
