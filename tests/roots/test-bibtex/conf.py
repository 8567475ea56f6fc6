from pathlib import Path

import resume

extensions = ["myst_parser", "resume"]
nitpicky = True
# Built files (resume.md among them) are no sources.
exclude_patterns = ["_build"]
bibtex_bibfiles = ["refs.bib"]
bibtex_default_style = "resume"
bibtex_cite_id = "pub-{key}"
resume_owner = "Jane Roe"
# The copy button's script is the project's own (_static/resume-bibtex.js).
html_static_path = [str(Path(resume.__file__).parents[2] / "_static")]
