extensions = ["myst_parser", "resume"]
myst_enable_extensions = ["colon_fence"]
nitpicky = True
project = "Jane Roe"
author = "Jane Roe"
latex_engine = "xelatex"
latex_documents = [("index", "jane-roe.tex", project, author, "resumeonepage")]
resume_tags = ["ml", "web"]
resume_variants = {
    "ml": {
        "tags": ["ml"],
        "sections": ["work", "school"],
        "headline": "Engineer: machine learning.",
    },
    "web": {"tags": ["web"]},
}
# The exports write resume.md beside the pages: not a page.
exclude_patterns = ["_build"]
