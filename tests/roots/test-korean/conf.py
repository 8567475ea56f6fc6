project = "Korean"
author = "이흥섭"
extensions = ["myst_parser", "resume"]
exclude_patterns = ["_build"]
nitpicky = True
latex_engine = "xelatex"
latex_theme = "howto"
latex_documents = [("index", "korean.tex", "Korean", author, "howto")]
