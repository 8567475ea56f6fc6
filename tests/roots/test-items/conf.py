extensions = ["myst_parser", "resume_items", "resume_skills"]
myst_enable_extensions = ["colon_fence"]
nitpicky = True
