"""Sphinx configuration for the résumé of Heungsub Lee.

One source, two outputs: the web site (furo) and the PDF (LaTeX, xelatex).
Only wiring lives here; the project's own logic is in ``_ext/`` and tested.
"""

import os
import sys
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).parent / "_ext"))

# -- Project information -----------------------------------------------------

project = "Heungsub Lee"
author = "Heungsub Lee"
copyright = "Heungsub Lee"
html_title = "Heungsub Lee"

# -- General configuration ---------------------------------------------------

extensions = [
    "myst_parser",
    "sphinx_design",
    "sphinxext.opengraph",
    "sphinx_sitemap",
    "notfound.extension",
    # The project's own: _ext/resume/, one package (its __init__ lists every
    # part). It loads sphinxcontrib-bibtex itself, once pybtex's plugins are
    # registered: sphinxcontrib-bibtex looks them up as it loads.
    "resume",
    "sphinxcontrib.bibtex",
]

# The repository root is the source directory: only the pages are content.
exclude_patterns = [
    "_build",
    ".*",
    "**/.*",
    ".venv",
    "README.md",
    "tests",
    "bench",
    "_ext",
    "tools",
]
root_doc = "index"
language = "en"
# Every build is strict, tests included: a dangling reference is a warning.
nitpicky = True

# -- MyST --------------------------------------------------------------------

myst_enable_extensions = [
    "attrs_block",
    "attrs_inline",
    "colon_fence",
    "deflist",
]
myst_heading_anchors = 2

# -- Bibliography ------------------------------------------------------------

bibtex_bibfiles = ["publications.bib"]
bibtex_default_style = "resume"
# Stable anchors: a link to a paper reads publications.html#pub-<key>.
bibtex_cite_id = "pub-{key}"
# The owner is bold in every author list and kept when a long list is cut
# (after resume_bib_first_authors names, in lists over resume_bib_max_authors).
resume_owner = author

# -- The owner's contact facts -----------------------------------------------

# Written once: the landing page's contact line and the JSON-LD both read them.
resume_contact = {
    "email": "heungsub@subl.ee",
    "url": "https://subl.ee/",
    "profiles": ["https://github.com/sublee", "https://www.linkedin.com/in/sublee"],
}

# -- Tailored variants --------------------------------------------------------

# The tags an item may carry (`:tags:`), and the variants built from them:
# `make pdf VARIANT=ml` builds heungsub-lee-ml.pdf and heungsub-lee-ml-cv.pdf,
# with the items that carry one of the variant's tags (and those with none).
resume_tags = ["ml", "platform", "distributed", "games", "web", "tools"]
resume_variants = {
    # For a role in ML platforms and infrastructure.
    "ml": {
        "tags": ["ml", "platform", "distributed"],
        "sections": [
            "experience",
            "open-source",
            "contributions",
            "publications",
            "talks",
            "education",
            "interests",
            "skills",
            "languages",
        ],
        "headline": "Software engineer: ML platforms and pipeline parallelism.",
    },
}

# -- Hosting and search engines (HTML) --------------------------------------

# The canonical address, on which og:url, sitemap.xml, robots.txt, the 404
# page's links and the JSON-LD build: on Read the Docs, the one it serves the
# site at; in a local build, the project's address there.
html_baseurl = os.environ.get("READTHEDOCS_CANONICAL_URL", "https://heungsub-lee.readthedocs.io/")
# html_baseurl already holds the language and the version.
sitemap_url_scheme = "{link}"
sitemap_excludes = ["404.html"]
# No <lastmod>: it would load sphinx-last-updated-by-git, which asks git for
# each page's date and warns in a copy without .git (the tests build copies).
sitemap_show_lastmod = False
# Read the Docs serves 404.html at any missing address: its links are absolute.
notfound_urls_prefix = urlsplit(html_baseurl).path
ogp_site_url = html_baseurl

# -- Social card (HTML) ------------------------------------------------------

# A link to any page shows a 1200x630 card: the name, the headline and the
# contact line, drawn at build time from the landing page and resume_contact
# (_ext/resume/socialcard.py, which also writes og:image:alt, :width and
# :height). sphinxext-opengraph's own cards would need matplotlib.
ogp_image = "resume-social.png"
ogp_social_cards = {"enable": False}
ogp_custom_meta_tags = ['<meta name="twitter:card" content="summary_large_image">']

# -- HTML --------------------------------------------------------------------

html_theme = "furo"
html_static_path = ["_static"]
html_css_files = ["resume.css"]
html_favicon = "_static/favicon.svg"
html_copy_source = False
html_show_sourcelink = False
html_show_sphinx = False
# "Last updated on <date>" in the footer: the last commit's date when
# SOURCE_DATE_EPOCH is set (make sets it), so builds stay byte-identical.
html_last_updated_fmt = "%b %d, %Y"
# Seven pages, all listed in the sidebar: a search box and an index would
# serve no reader, and their scripts would weigh on every page.
html_sidebars = {
    "**": [
        "sidebar/brand.html",
        "sidebar/scroll-start.html",
        "sidebar/navigation.html",
        "sidebar/scroll-end.html",
    ]
}
html_use_index = False
resume_search = False
# Pages carry only the CSS rules that match them (the landing page stays
# under 100 KB).
resume_prune_css = ["styles/furo.css", "styles/furo-extensions.css", "sphinx-design.min.css"]
html_theme_options = {
    "top_of_page_buttons": [],
}

# -- LaTeX / PDF -------------------------------------------------------------

# A compact document: no title page, contents, index or chapter breaks.
latex_engine = "xelatex"
latex_theme = "howto"
latex_toplevel_sectioning = "section"
# Two PDFs from the same pages, named after the project: the one-page résumé
# (heungsub-lee.pdf, Read the Docs' PDF download) and the full CV with air
# (heungsub-lee-cv.pdf). make builds every .tex that this list names.
_pdf = project.lower().replace(" ", "-")
latex_documents = [
    (root_doc, f"{_pdf}.tex", project, author, "resumeonepage"),
    (root_doc, f"{_pdf}-cv.tex", project, author, "howto"),
]
latex_domain_indices = False
latex_show_urls = "no"
# The fonts, header and packages the layout needs are the extension's
# (_ext/resume/latex.py); the title, author and subject come from `author`.
latex_elements = {
    # "letterpaper" for US Letter; also `make pdf PAPER=letter`.
    "papersize": "a4paper",
    "pointsize": "10pt",
    "sphinxsetup": (
        "hmargin=17mm, vmargin={14mm,16mm}, "
        "InnerLinkColor={HTML}{1F4E79}, OuterLinkColor={HTML}{1F4E79}"
    ),
}
resume_keywords = [
    "software engineer",
    "ML platforms",
    "pipeline parallelism",
    "distributed systems",
    "PyTorch",
    "Python",
    "Go",
]

# -- Link check (make linkcheck) ---------------------------------------------

# Sites are slow or down for a moment now and then: wait, and try again,
# before calling a link broken.
linkcheck_timeout = 30
linkcheck_retries = 2

# -- Translations: the Korean edition ----------------------------------------

# One source, translations in catalogues: `make update-po` extracts the
# messages into locales/ko/LC_MESSAGES/<page>.po, one catalogue per page;
# `make html-ko` builds them with -D language=ko into _build/html/ko/.
locale_dirs = ["locales"]
gettext_compact = False
# The language switcher, under the sections in the sidebar (_ext/resume/language.py).
templates_path = ["_templates"]
html_sidebars["**"].insert(-1, "sidebar/languages.html")
# The editions, the source's first: at the site's root and in ko/ (locally),
# or /en/latest/ and /ko/latest/ (Read the Docs, where Korean is a project of
# its own, a translation of this one).
resume_languages = ["en", "ko"]
# sphinx-sitemap would make up the other languages' addresses from locale_dirs;
# _ext/resume/language.py writes them instead.
sitemap_locales = [None]
# What a Korean build changes besides the text. conf.py cannot see `-D
# language=ko`: the resume extension sets these when it reads the
# configuration. On Read the Docs the Korean project's canonical address is
# its own (/ko/latest/); locally the Korean pages are in ko/.
_ko_baseurl = os.environ.get("READTHEDOCS_CANONICAL_URL", "https://heungsub-lee.readthedocs.io/ko/")
resume_translated = {
    "ko": {
        "project": "이흥섭",
        "author": "이흥섭",
        "copyright": "이흥섭",
        "html_title": "이흥섭",
        # "2023년 11월 4일"
        "html_last_updated_fmt": "%Y년 %-m월 %-d일",
        "html_baseurl": _ko_baseurl,
        "ogp_site_url": _ko_baseurl,
        "notfound_urls_prefix": urlsplit(_ko_baseurl).path,
    },
}
