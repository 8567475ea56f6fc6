extensions = ["myst_parser", "resume_bib"]
nitpicky = True
bibtex_bibfiles = ["refs.bib"]
bibtex_default_style = "resume"
resume_owner = "Heungsub Lee"
