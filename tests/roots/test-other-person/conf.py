"""Someone else's résumé, through the same extension: none of the owner's facts may show."""

project = "Jane Roe"
author = "Jane Roe"
copyright = "Jane Roe"
html_title = "Jane Roe"

extensions = ["myst_parser", "resume"]
myst_enable_extensions = ["colon_fence"]
nitpicky = True
exclude_patterns = ["_build"]

bibtex_bibfiles = ["refs.bib"]
bibtex_default_style = "resume"
resume_owner = author
resume_contact = {
    "email": "jane@roe.example",
    "url": "https://roe.example/",
    "profiles": ["https://github.com/janeroe"],
}
resume_keywords = ["data engineering", "stream processing"]

html_theme = "furo"
html_baseurl = "https://roe.example/cv/"

latex_engine = "xelatex"
latex_theme = "howto"
latex_toplevel_sectioning = "section"
latex_documents = [("index", "jane-roe.tex", project, author, "howto")]
latex_elements = {"papersize": "a4paper"}
