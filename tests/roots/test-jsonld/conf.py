extensions = ["myst_parser", "resume"]
exclude_patterns = ["_build"]
myst_enable_extensions = ["colon_fence"]
nitpicky = True
html_baseurl = "https://example.org/cv/"
bibtex_bibfiles = ["refs.bib"]
bibtex_default_style = "resume"
resume_owner = "Jane Roe"
resume_contact = {
    "email": "jane@example.org",
    "url": "https://jane.example.org/",
    "profiles": ["https://github.com/janeroe"],
}
