extensions = ["myst_parser", "resume"]
nitpicky = True
bibtex_bibfiles = ["refs.bib"]
bibtex_default_style = "resume"
resume_owner = "Heungsub Lee"
