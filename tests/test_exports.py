"""resume.txt and resume.md: the résumé in one file each, for pasting into forms.

The helpers alone, a small project written out in full, then the site: every
item on one line, every link with its address, every fact and heading of the
pages, nothing that only the web shows.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup

from helpers import PAGES, soup_of
from resume import exports
from resume.items import make_item

# -- Links and items ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "url", "reads"),
    [
        ("subl.ee", "https://subl.ee/", True),
        ("linkedin.com/in/sublee", "https://www.linkedin.com/in/sublee", True),
        ("github.com/kakaobrain/torchgpipe", "https://github.com/kakaobrain/torchgpipe", True),
        ("heungsub@subl.ee", "mailto:heungsub@subl.ee", True),
        ("Gistty", "https://gistty.ai/", False),
        ("2014", "https://www.slideshare.net/sublee/spof-mmorpg", False),
        ("subl.ee/about", "https://subl.ee/", False),
    ],
)
def test_a_link_reads_as_its_address(text, url, reads):
    assert exports.reads_as_address(text, url) is reads


def test_links_are_written_with_their_address():
    assert exports.text_link("Gistty", "https://gistty.ai/") == "Gistty <https://gistty.ai/>"
    assert exports.text_link("subl.ee", "https://subl.ee/") == "https://subl.ee/"
    assert exports.text_link("a@b.example", "mailto:a@b.example") == "a@b.example"
    assert exports.text_link("Lunant", "") == "Lunant"
    assert exports.markdown_link("Gistty", "https://gistty.ai/") == "[Gistty](https://gistty.ai/)"
    assert exports.markdown_link("a_b *c*", "") == r"a_b \*c\*"


def test_an_item_is_one_line_of_title_organization_and_dates():
    job = make_item(
        "job",
        "Software Engineer",
        {"org": "Corp", "org-url": "https://corp.example/", "start": "2023-09", "end": "present"},
    )
    assert exports.item_line(job, exports.text_link) == (
        "Software Engineer, Corp <https://corp.example/> (Sep 2023 – Present)"
    )
    assert exports.item_line(job, exports.markdown_link) == (
        "Software Engineer, [Corp](https://corp.example/) (Sep 2023 – Present)"
    )
    talk = make_item(
        "talk", "Profiling", {"org": "PyCon", "url": "https://slides.example/", "start": "2015-08"}
    )
    assert exports.item_line(talk, exports.text_link) == (
        "Profiling <https://slides.example/>, PyCon (Aug 2015)"
    )


# -- A small project, written out in full ----------------------------------------------

ROOT_TEXT = """\
Jane Roe
********

Engineer of *small* things.

jane@example.org · https://jane.example.org/ · https://github.com/janeroe · https://www.linkedin.com/in/jane-roe/


Work
====

Staff Engineer, Now Corp <https://now.example.com/> (Seoul · Mar 2021 – Present)

Leads the build <https://build.example.com/> team [1]. Writes tools.

Ships them.

Engineer, Then Corp (2015 – Feb 2021)

Wrote code.


More
====


Projects
--------

Widget <https://widget.example.org/> (Feb 2019 – Apr 2020)

A widget library.


Talks
-----

Widgets at scale, WidgetConf <https://conf.example.org/> (Jun 2022)

On tools <https://slides.example.org/tools>, Meetup (2014 – 2018)


Education
---------

Physics, Some University <https://uni.example.edu/> (2010)

Completed the first year only.


Papers
------

[1] J.\xa0Doe, **Jane Roe**, and A.\xa0Müller. \
Fast GPU Things: A Study <https://example.org/paper>. \
In *Proceedings of Something*, pp. 10–20, June 2022. doi:10.1000/xyz <https://doi.org/10.1000/xyz>.

[2] **Jane Roe**. Another Paper. arXiv preprint, 2019. arXiv:1901.00001 <https://arxiv.org/abs/1901.00001>.


Interests
=========

* Compilers

* Tea, green <https://tea.example.org/> mostly


Skills
======

Languages: Go, Python
Tools: Make


Languages
=========

* Korean — Native

* English — Fluent
"""

ROOT_MARKDOWN = """\
# Jane Roe

Engineer of *small* things.

[jane@example.org](mailto:jane@example.org) · [jane.example.org](https://jane.example.org/) · \
[github.com/janeroe](https://github.com/janeroe) · \
[linkedin.com/in/jane-roe](https://www.linkedin.com/in/jane-roe/)

## Work

### Staff Engineer, [Now Corp](https://now.example.com/) (Seoul · Mar 2021 – Present)

Leads the [build](https://build.example.com/) team [1]. Writes tools.

Ships them.

### Engineer, Then Corp (2015 – Feb 2021)

Wrote code.

## More

### Projects

#### [Widget](https://widget.example.org/) (Feb 2019 – Apr 2020)

A widget library.

### Talks

#### Widgets at scale, [WidgetConf](https://conf.example.org/) (Jun 2022)

#### [On tools](https://slides.example.org/tools), Meetup (2014 – 2018)

### Education

#### Physics, [Some University](https://uni.example.edu/) (2010)

Completed the first year only.

### Papers

[1] J.\xa0Doe, **Jane Roe**, and A.\xa0Müller. \
[Fast GPU Things: A Study](https://example.org/paper). \
In *Proceedings of Something*, pp. 10–20, June 2022. [doi:10.1000/xyz](https://doi.org/10.1000/xyz).

[2] **Jane Roe**. Another Paper. arXiv preprint, 2019. [arXiv:1901.00001](https://arxiv.org/abs/1901.00001).

## Interests

- Compilers
- Tea, [green](https://tea.example.org/) mostly

## Skills

Languages: Go, Python

Tools: Make

## Languages

- Korean — Native
- English — Fluent
"""


@pytest.mark.sphinx("html", testroot="exports")
def test_html_build_writes_both_files_into_its_root(app, warning):
    app.build()
    assert warning.getvalue() == ""
    assert (app.outdir / "resume.txt").read_text(encoding="utf-8") == ROOT_TEXT
    assert (app.outdir / "resume.md").read_text(encoding="utf-8") == ROOT_MARKDOWN
    # The HTML build's own pages are untouched: the web-only text is there.
    assert "Only on the web: a card." in (app.outdir / "index.html").read_text(encoding="utf-8")


@pytest.mark.sphinx("resume-text", testroot="exports")
def test_text_builder_alone_writes_the_same_file(app, warning):
    app.build()
    assert warning.getvalue() == ""
    assert sorted(p.name for p in Path(app.outdir).iterdir()) == ["resume.txt"]
    assert (app.outdir / "resume.txt").read_text(encoding="utf-8") == ROOT_TEXT


@pytest.mark.sphinx("resume-markdown", testroot="exports")
def test_markdown_builder_alone_writes_the_same_file(app, warning):
    app.build()
    assert warning.getvalue() == ""
    assert (app.outdir / "resume.md").read_text(encoding="utf-8") == ROOT_MARKDOWN


@pytest.mark.sphinx("latex", testroot="exports")
def test_other_builders_write_no_exports(app, warning):
    app.build()
    assert not (app.outdir / "resume.txt").exists()
    assert not (app.outdir / "resume.md").exists()
    assert not (app.outdir / "resume.json").exists()


# -- The site ------------------------------------------------------------------------

#: One line per item, as the text gives it: a sample to read; the test below takes
#: every item from the pages.
SAMPLE_LINES = [
    "Software Engineer, Global AI Platform Corporation <https://globalaiplatform.com/> "
    "(Sep 2023 – Present)",
    "Front-end Web Developer, Lunant (Dec 2007 – Jan 2011)",
    "Hangulize <https://hangulize.org/> (Oct 2010 – Present)",
    "Profiling <https://www.slideshare.net/sublee/profiling-52226374>, PyCon Korea (Aug 2015)",
    "Computer Software, Kwangwoon University <https://www.kw.ac.kr/en/> (2008)",
]

#: What only the web shows: the content of the page outside the résumé's text.
WEB_ONLY = ".sd-card, .resume-downloads, .resume-pdf-link, details, .headerlink"


@pytest.fixture(scope="module")
def text(site) -> str:
    return (site / "resume.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def markdown(site) -> str:
    return (site / "resume.md").read_text(encoding="utf-8")


def resume_pages(site: Path) -> list[BeautifulSoup]:
    """The main content of the landing page and of each section."""
    found = []
    for name in PAGES:
        if name == "404.html":
            continue
        article = soup_of(site / name).select_one("article[role=main]")
        for web_only in article.select(WEB_ONLY):
            web_only.decompose()
        found.append(article)
    return found


def items_of(site: Path) -> list[tuple[str, str, str, str, str]]:
    """(title, its address, organization, its address, dates) of every item, as shown."""

    def part(header, cls):
        found = header.select_one(f".{cls}")
        if found is None:
            return "", ""
        link = found.select_one("a")
        return found.get_text(), link["href"] if link else ""

    return [
        (
            *part(header, "resume-item-title"),
            *part(header, "resume-item-org"),
            header.select_one(".resume-item-dates").get_text(),
        )
        for article in resume_pages(site)
        for header in article.select(".resume-item-header")
    ]


def _link_as_read(match: re.Match) -> str:
    label, url = match.groups()
    return exports.shown_address(url) if exports.reads_as_address(label, url) else label


def plain(text: str) -> str:
    """Text without emphasis marks and with single spaces, to compare with the pages."""
    return " ".join(text.replace("*", "").split())


@pytest.mark.system
def test_site_text_gives_every_item_one_line(site, text):
    lines = text.splitlines()
    for line in SAMPLE_LINES:
        assert line in lines
    found = items_of(site)
    assert len(found) == 15  # 6 jobs, 4 projects, 4 talks, a school
    for title, title_url, org, org_url, dates in found:
        title = f"{title} <{title_url}>" if title_url else title
        org = f"{org} <{org_url}>" if org_url else org
        line = f"{title}, {org} ({dates})" if org else f"{title} ({dates})"
        assert line in lines


@pytest.mark.system
def test_site_markdown_gives_every_item_one_heading(site, markdown):
    lines = markdown.splitlines()
    for title, title_url, org, org_url, dates in items_of(site):
        title = f"[{title}]({title_url})" if title_url else title
        org = f"[{org}]({org_url})" if org_url else org
        line = f"{title}, {org} ({dates})" if org else f"{title} ({dates})"
        assert f"### {line}" in lines


@pytest.mark.system
def test_site_exports_write_every_link_with_its_address(site, text, markdown):
    links = [
        (link.get_text(), unquote(link["href"]))
        for article in resume_pages(site)
        for link in article.select("a.reference.external")
    ]
    assert len(links) > 40
    for label, url in links:
        assert exports.text_link(label, url) in text, (label, url)
        assert f"[{label}]({url})" in markdown, (label, url)
    assert "https://gistty.ai/" in text and "Gistty <https://gistty.ai/>" in text
    assert "heungsub@subl.ee · https://subl.ee/ · https://github.com/sublee" in text


@pytest.mark.system
def test_site_exports_hold_every_paragraph_and_list_item(site, text, markdown):
    # The text without the addresses written after links, the Markdown without its marks.
    as_read = plain(re.sub(r" <(?:https?|mailto):[^>]+>", "", text))
    markdown = re.sub(r"\[([^\]]*)\]\(([^)]*)\)", _link_as_read, markdown).replace("\\", "")
    markdown_as_read = plain(markdown)
    articles = resume_pages(site)
    for link in [link for article in articles for link in article.select("a.reference.external")]:
        # A link that reads as its address is written as the address, in the text.
        if exports.reads_as_address(link.get_text(), link["href"]):
            link.string = exports.shown_address(unquote(link["href"]))
    blocks = [
        plain(block.get_text())
        for article in articles
        for block in article.select("p, li")
        if not block.select("p") and not block.find_parent(class_="resume-contact")
    ]
    assert len(blocks) > 60
    missing = [block for block in blocks if block not in as_read]
    assert missing == []
    missing = [block for block in blocks if block not in markdown_as_read]
    assert missing == []


@pytest.mark.system
def test_site_exports_have_every_heading(site, text, markdown):
    headings = [
        heading.get_text().strip()
        for article in resume_pages(site)
        for heading in article.select("h1, section > h2")
    ]
    assert headings[:4] == ["Heungsub Lee", "Interests", "Skills", "Languages"]
    assert len(headings) == 10
    for heading in headings:
        assert re.search(rf"^{re.escape(heading)}\n[*=]+$", text, re.M), heading
        assert re.search(rf"^#{{1,2}} {re.escape(heading)}$", markdown, re.M), heading


@pytest.mark.system
def test_site_exports_leave_out_what_only_the_web_shows(site, text, markdown):
    landing = soup_of(site / "index.html")
    cards = [card.get_text(" ", strip=True) for card in landing.select(".sd-card-text")]
    assert len(cards) == 6
    for written in (text, markdown):
        for card in cards:
            assert card not in written
        assert "Download" not in written
        assert "<svg" not in written
        assert "resume_contact in conf.py" not in written  # a comment in the source


@pytest.mark.system
def test_site_text_keeps_each_paragraph_on_one_line(text):
    long_line = (
        "Developed cloud-based distributed MMORPG servers for Durango "
        "<https://www.igdb.com/games/durango-wild-lands> using pub/sub communication over the "
        "spatial grid system. Achieved up to 70k concurrent users per game world."
    )
    assert long_line in text.splitlines()
    assert "Programming Languages: Go, Python, TypeScript, JavaScript, Bash" in text.splitlines()


@pytest.mark.system
def test_read_the_docs_build_writes_them_too(rtd_build):
    assert rtd_build.html_result.returncode == 0, rtd_build.html_result.stderr
    html = rtd_build.output / "html"
    assert (html / "resume.txt").read_text(encoding="utf-8").startswith("Heungsub Lee\n")
    assert (html / "resume.md").read_text(encoding="utf-8").startswith("# Heungsub Lee\n")
