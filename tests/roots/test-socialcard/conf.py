project = "Jane Roe"
extensions = ["myst_parser", "sphinxext.opengraph", "resume"]
myst_enable_extensions = ["colon_fence"]
nitpicky = True
# Built files (resume.md among them) are no sources.
exclude_patterns = ["_build"]
html_baseurl = "https://example.org/cv/"
ogp_site_url = html_baseurl
ogp_image = "resume-social.png"
ogp_social_cards = {"enable": False}
ogp_custom_meta_tags = ['<meta name="twitter:card" content="summary_large_image">']
resume_contact = {
    "email": "jane@example.org",
    "url": "https://jane.example.org/",
    "profiles": ["https://github.com/janeroe"],
}
