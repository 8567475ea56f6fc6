"""The owner's contact facts: one config value, checked, rendered on the landing page."""

from __future__ import annotations

import pytest
from sphinx.errors import ConfigError

from helpers import page, sphinx_warnings
from resume.contact import Contact, display_address

CONTACT = {
    "email": "heungsub@subl.ee",
    "url": "https://subl.ee/",
    "profiles": ["https://github.com/sublee", "https://www.linkedin.com/in/sublee"],
}


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("https://subl.ee/", "subl.ee"),
        ("https://github.com/sublee", "github.com/sublee"),
        ("https://www.linkedin.com/in/sublee", "linkedin.com/in/sublee"),
        ("http://a.example/b/", "a.example/b"),
    ],
)
def test_addresses_read_without_their_scheme(url, shown):
    assert display_address(url) == shown


def test_links_in_the_order_shown_with_their_icons():
    assert Contact.from_config(CONTACT).links() == [
        ("mail", "heungsub@subl.ee", "mailto:heungsub@subl.ee"),
        ("globe", "subl.ee", "https://subl.ee/"),
        ("mark-github", "github.com/sublee", "https://github.com/sublee"),
        ("person", "linkedin.com/in/sublee", "https://www.linkedin.com/in/sublee"),
    ]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ({}, "is not an e-mail address"),
        ({"email": "mailto:a@b.c"}, "is not an e-mail address"),
        ({"email": "a@b.c", "url": "subl.ee"}, "'subl.ee' is not an http(s) address"),
        ({"email": "a@b.c", "profiles": "https://github.com/x"}, "a list of addresses"),
        (
            {"email": "a@b.c", "profiles": ["github.com/x"]},
            "'github.com/x' is not an http(s) address",
        ),
        ({"email": "a@b.c", "phone": "1"}, "unknown key(s): phone"),
        (["a@b.c"], "must be a dict"),
    ],
)
def test_malformed_contact_is_refused(value, message):
    with pytest.raises(ConfigError) as info:
        Contact.from_config(value)
    assert message in str(info.value)


@pytest.mark.system
def test_landing_page_shows_the_contact_from_conf(site):
    line = page(site, "index.html").select_one("article .resume-header .resume-contact")
    assert [(a.get_text(), a["href"]) for a in line.select("a")] == [
        ("heungsub@subl.ee", "mailto:heungsub%40subl.ee"),
        ("subl.ee", "https://subl.ee/"),
        ("github.com/sublee", "https://github.com/sublee"),
        ("linkedin.com/in/sublee", "https://www.linkedin.com/in/sublee"),
    ]
    assert " ".join(line.get_text().split()) == (
        "heungsub@subl.ee · subl.ee · github.com/sublee · linkedin.com/in/sublee"
    )
    icons = line.select("svg.sd-octicon")
    assert [icon["class"][1] for icon in icons] == [
        "sd-octicon-mail",
        "sd-octicon-globe",
        "sd-octicon-mark-github",
        "sd-octicon-person",
    ]
    assert all(icon["aria-hidden"] == "true" for icon in icons)


def test_malformed_contact_fails_the_build_at_its_line_in_conf(make_app, tmp_path):
    conf = tmp_path / "conf.py"
    conf.write_text(
        'extensions = ["myst_parser", "resume"]\n'
        'myst_enable_extensions = ["colon_fence"]\n'
        "nitpicky = True\n"
        "\n"
        "resume_contact = {\n"
        '    "email": "heungsub",\n'
        "}\n",
        encoding="utf-8",
    )
    (tmp_path / "index.md").write_text("# Page\n\n:::{contact}\n:::\n", encoding="utf-8")
    app = make_app("html", srcdir=tmp_path)
    app.build()
    output = app.warning.getvalue()
    assert f"{conf}:5: ERROR: resume_contact: 'heungsub' is not an e-mail address" in output
    assert "Traceback" not in output
    assert len(sphinx_warnings(output)) == 1, output
    assert app.statuscode == 1
