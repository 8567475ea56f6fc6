extensions = ["myst_parser", "resume"]
exclude_patterns = ["_build"]
myst_enable_extensions = ["colon_fence"]
nitpicky = True
html_theme = "furo"
resume_prune_css = ["styles/furo.css", "styles/furo-extensions.css", "sphinx-design.min.css"]
