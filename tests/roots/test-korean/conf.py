project = "Korean"
author = "이흥섭"
extensions = ["myst_parser", "resume"]
nitpicky = True
latex_engine = "xelatex"
latex_theme = "howto"
latex_documents = [("index", "korean.tex", "Korean", author, "howto")]
latex_elements = {"fontpkg": "", "babel": "", "polyglossia": "", "printindex": "", "makeindex": ""}
