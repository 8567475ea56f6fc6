extensions = ["myst_parser", "resume"]
exclude_patterns = ["_build"]
nitpicky = True
bibtex_bibfiles = ["refs.bib"]
bibtex_default_style = "resume"
resume_owner = "Heungsub Lee"
