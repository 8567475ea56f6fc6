"""Sphinx configuration for the résumé of Heungsub Lee.

One source, two outputs: the web site (furo) and the PDF (LaTeX, xelatex).
Only wiring lives here; the project's own logic is in ``_ext/`` and tested.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "_ext"))

# -- Project information -----------------------------------------------------

project = "Heungsub Lee"
author = "Heungsub Lee"
copyright = "Heungsub Lee"
html_title = "Heungsub Lee"

# -- General configuration ---------------------------------------------------

extensions = [
    # Third-party
    "myst_parser",
    "sphinx_design",
    "sphinxcontrib.bibtex",
    # The project's own (_ext/)
    "resume_bib",
    "resume_html",
    "resume_items",
    "resume_latex",
    "resume_skills",
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
    "_templates",
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
# The owner is bold in every author list and kept when a long list is cut.
resume_owner = "Heungsub Lee"
resume_bib_max_authors = 10
resume_bib_first_authors = 3

# -- HTML --------------------------------------------------------------------

html_theme = "furo"
templates_path = ["_templates"]
html_static_path = ["_static"]
html_css_files = ["resume.css"]
html_favicon = "_static/favicon.svg"
html_copy_source = False
html_show_sourcelink = False
html_show_sphinx = False
html_last_updated_fmt = None
html_theme_options = {
    "top_of_page_buttons": [],
}

# -- LaTeX / PDF -------------------------------------------------------------

# A compact document: no title page, contents, index or chapter breaks.
latex_engine = "xelatex"
latex_theme = "howto"
latex_toplevel_sectioning = "section"
latex_documents = [(root_doc, "heungsub-lee.tex", project, author, "howto")]
latex_domain_indices = False
latex_show_urls = "no"
latex_elements = {
    # "letterpaper" for US Letter; also `make pdf PAPER=letter`.
    "papersize": "a4paper",
    "pointsize": "10pt",
    # Fonts are set in _ext/resume.sty.
    "fontpkg": "",
    "fncychap": "",
    "babel": "",
    "polyglossia": "",
    "maketitle": r"\resumemaketitle",
    "tableofcontents": "",
    "makeindex": "",
    "printindex": "",
    "sphinxsetup": (
        "hmargin=17mm, vmargin={14mm,16mm}, "
        "InnerLinkColor={HTML}{1F4E79}, OuterLinkColor={HTML}{1F4E79}"
    ),
    "preamble": r"""
% PDF bookmarks in the first xelatex run (hyperref alone needs a second run
% to read them back from the .out file): one run makes the final PDF.
\usepackage{bookmark}
\hypersetup{
  pdftitle={Heungsub Lee: Résumé},
  pdfauthor={Heungsub Lee},
  pdfsubject={Résumé of Heungsub Lee, software engineer},
  pdfkeywords={software engineer, ML platforms, pipeline parallelism,
    distributed systems, PyTorch, Python, Go},
}
""",
}

# -- Link check (make linkcheck) ---------------------------------------------

# Sites are slow or down for a moment now and then: wait, and try again,
# before calling a link broken.
linkcheck_timeout = 30
linkcheck_retries = 2
