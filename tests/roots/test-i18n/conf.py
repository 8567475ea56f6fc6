from pathlib import Path

import resume

project = "Heungsub Lee"
extensions = ["myst_parser", "sphinx_sitemap", "resume"]
myst_enable_extensions = ["colon_fence"]
nitpicky = True
html_theme = "furo"
html_baseurl = "https://example.org/"
sitemap_url_scheme = "{link}"
sitemap_locales = [None]
# The project's own switcher template, as conf.py at the repository's root has it.
templates_path = [str(Path(resume.__file__).parents[2] / "_templates")]
html_sidebars = {"**": ["sidebar/brand.html", "sidebar/navigation.html", "sidebar/languages.html"]}
bibtex_bibfiles = ["refs.bib"]
bibtex_default_style = "resume"
resume_owner = "Heungsub Lee"
locale_dirs = ["locales"]
gettext_compact = False
resume_languages = ["en", "ko"]
resume_translated = {
    "ko": {"project": "이흥섭", "html_title": "이흥섭", "html_baseurl": "https://example.org/ko/"},
}
# The exports write resume.md beside the pages: not a page.
exclude_patterns = ["_build"]
