extensions = ["myst_parser", "resume"]
myst_enable_extensions = ["colon_fence"]
nitpicky = True
