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
* :mod:`.variants` tailored variants: tags on items, a variant per role;
* :mod:`.jsonld` schema.org data on the landing page;
* :mod:`.jsonresume` and :mod:`.exports` the résumé as JSON Resume, text and Markdown;
* :mod:`.bibtex`, :mod:`.socialcard` and :mod:`.downloads` each paper's BibTeX,
  the social card and the Downloads row, on the web;
* :mod:`.i18n` and :mod:`.language` the Korean edition: the extension's own
  catalogue, dates by language, the language switcher and hreflang alternates;
* :mod:`.translators` small helpers for the node visitors.

And the commands that the Makefile runs (``python -m resume.<name>``), which
import Sphinx only when they need it: :mod:`.build` (sphinx-build without
the interpreter's teardown), :mod:`.xelatex` (the PDFs, over kept formats of
their preambles), :mod:`.publish` (the Downloads sizes after the build) and
:mod:`.live` (``make live``).
"""

from __future__ import annotations

# Not typing.TYPE_CHECKING: importing typing alone takes 15 ms.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from sphinx.application import Sphinx

__version__ = "2.0"


def import_parts() -> None:
    """Import every module of the package now (``setup()`` imports those it wires)."""
    import importlib
    import pkgutil

    for part in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{part.name}")


def setup(app: Sphinx) -> dict:
    # Imported here, not at the top: ``python -m resume.xelatex`` and
    # ``python -m resume.publish`` run without Sphinx.
    from docutils import nodes

    from . import (
        assets,
        bibliography,
        bibtex,
        config,
        contact,
        domain,
        downloads,
        exports,
        i18n,
        items,
        jsonld,
        jsonresume,
        language,
        latex,
        skills,
        socialcard,
        theme,
        variants,
        web,
    )
    from .translators import SKIPPED, TRANSPARENT, html_element, pass_through

    # pybtex's plugins before sphinxcontrib-bibtex loads (it looks them up).
    bibliography.register_plugins()
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
    app.connect("config-inited", bibliography.register_style)
    # Before sphinxcontrib-bibtex's BibliographyTransform (5) fills the nodes.
    app.add_post_transform(bibliography.FreshCitationNodes)
    # Before sphinxcontrib-bibtex (priority 500) reads the same files.
    app.connect("builder-inited", bibliography.check_bibfiles, priority=400)
    app.connect("env-check-consistency", bibliography.check_citation_keys)

    # -- The PDF -------------------------------------------------------------
    app.connect("config-inited", latex.configure_latex)
    app.connect("config-inited", latex.latex_language)
    app.connect("builder-inited", latex.one_document_on_read_the_docs)
    # Before Sphinx's BibliographyTransform (750) gathers the citations at the end.
    app.add_post_transform(latex.KeepCitationsInPlace)
    # A character that the PDF's fonts lack is an error at its source line.
    app.connect("doctree-resolved", latex.check_characters)
    # Before the input errors are counted (domain.fail_if_errors, priority 500).
    app.connect("build-finished", latex.write_from_html_build, priority=450)
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

    # -- Tailored variants (-D resume_variant=ml) ----------------------------
    app.connect("config-inited", variants.name_documents)
    app.connect("env-check-consistency", variants.check_tags)
    # Before the LaTeX check of characters reads what stays.
    app.connect("doctree-resolved", variants.apply_variant, priority=400)

    # -- The web site --------------------------------------------------------
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

    # -- The résumé as data: resume.json, resume.txt, resume.md --------------
    # (jsonresume.py, exports.py) Written into the HTML output's root when the
    # build finishes, from its environment.
    app.add_directive("interests", jsonresume.InterestsDirective)
    app.connect("build-finished", jsonresume.write_resume_json)
    app.setup_extension("sphinx_markdown_builder")
    for node, handlers in exports.MARKDOWN_NODES.items():
        app.add_node(node, override=True, markdown=handlers)
    app.add_builder(exports.ResumeTextBuilder)
    app.add_builder(exports.ResumeMarkdownBuilder)
    app.connect("build-finished", exports.write_beside_html)

    # -- BibTeX per paper, the social card, the Downloads row (web only) -----
    # (bibtex.py, socialcard.py, downloads.py)
    # Once the citations are in place (sphinxcontrib-bibtex's post-transforms).
    app.connect("doctree-resolved", bibtex.add_to_citations)
    # Before assets.only_what_the_page_uses (priority 900) settles the scripts.
    app.connect("html-page-context", bibtex.load_copy_script, priority=800)
    app.connect("build-finished", bibtex.copy_bibfiles)
    # Before sphinxext-opengraph (priority 500) writes its tags.
    app.connect("html-page-context", socialcard.describe_card, priority=450)
    app.connect("doctree-read", socialcard.read_card_words)
    app.connect("env-merge-info", socialcard.merge_card_words)
    app.connect("env-updated", socialcard.pages_to_rewrite)
    app.connect("build-finished", socialcard.write_card)
    app.add_directive("downloads", downloads.DownloadsDirective)
    app.add_node(
        downloads.resume_downloads,
        html=(downloads.visit_html_downloads, None),
        latex=(downloads.visit_latex_downloads, None),
        text=SKIPPED,
        markdown=SKIPPED,
    )
    # After every file of the row is written (the other handlers: priority 500).
    app.connect("build-finished", downloads.update_sizes, priority=900)

    # -- Translations and the language switcher ------------------------------
    # (i18n.py, language.py) The Korean edition is `-D language=ko` over the
    # catalogues in locales/; the extension's own words are in its catalogue.
    # Before every other reader of project, author, html_baseurl (priority 500).
    app.connect("config-inited", i18n.apply_translated_config, priority=300)
    app.connect("builder-inited", i18n.check_translated_config)
    app.connect("builder-inited", theme.translate_furo_labels)
    app.connect("doctree-read", i18n.untag_translated_meta)
    app.connect("builder-inited", language.claim_output)
    app.connect("html-page-context", language.add_to_page)
    # Before sphinx-sitemap (priority 500) writes sitemap.xml, and after.
    app.connect("build-finished", language.complete_sitemap, priority=400)
    app.connect("build-finished", language.add_sitemap_alternates, priority=600)

    return {
        "version": __version__,
        "env_version": domain.ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
