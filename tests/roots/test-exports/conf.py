extensions = ["myst_parser", "resume"]
myst_enable_extensions = ["colon_fence"]
nitpicky = True
# The exports land in the output; it sits in the source directory in the tests.
exclude_patterns = ["_build"]
author = "Jane Roe"
html_baseurl = "https://example.org/cv/"
bibtex_bibfiles = ["refs.bib"]
bibtex_default_style = "resume"
resume_owner = "Jane Roe"
resume_contact = {
    "email": "jane@example.org",
    "url": "https://jane.example.org/",
    "profiles": ["https://github.com/janeroe", "https://www.linkedin.com/in/jane-roe/"],
}
