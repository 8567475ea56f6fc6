extensions = ["myst_parser", "resume"]
nitpicky = True
latex_engine = "xelatex"
latex_documents = [("index", "lost.tex", "Lost", "Jane Roe", "howto")]
# The exports write resume.md beside the pages: not a page.
exclude_patterns = ["_build"]
