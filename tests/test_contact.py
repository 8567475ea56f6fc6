"""The owner's contact facts: one config value, checked, rendered on the landing page."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from sphinx.errors import ConfigError

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


def test_landing_page_shows_the_contact_from_conf(site):
    soup = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    line = soup.select_one("article .resume-header .resume-contact")
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


def test_malformed_contact_fails_the_build_at_its_line_in_conf(tmp_path):
    from conftest import copy_site, sphinx_build, sphinx_warnings

    src = copy_site(tmp_path / "src")
    conf = src / "conf.py"
    text = conf.read_text(encoding="utf-8")
    line = next(n for n, row in enumerate(text.splitlines(), 1) if row.startswith("resume_contact"))
    conf.write_text(text.replace('"email": "heungsub@subl.ee"', '"email": "heungsub"'), "utf-8")
    result = sphinx_build(src, "html", tmp_path / "_build")
    assert result.returncode != 0
    assert f"conf.py:{line}: ERROR: resume_contact: 'heungsub' is not an e-mail address" in (
        result.stderr
    )
    assert "Traceback" not in result.stderr
    assert len(sphinx_warnings(result.stderr)) == 1
