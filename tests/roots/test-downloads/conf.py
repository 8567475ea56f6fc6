project = "Jane Roe"
extensions = ["myst_parser", "resume"]
myst_enable_extensions = ["colon_fence"]
nitpicky = True
# Built files (resume.md among them) are no sources.
exclude_patterns = ["_build"]
bibtex_bibfiles = ["refs.bib"]
bibtex_default_style = "resume"
latex_documents = [("index", "jane-roe.tex", "Jane Roe", "Jane Roe", "howto")]
# Where the site is: the LaTeX output links the files there.
html_baseurl = "https://jane.example/cv/"
