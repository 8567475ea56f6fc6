"""Dated items and skills: the pure code, then Sphinx builds of small roots."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from resume.items import (
    Date,
    ItemError,
    get_items,
    item_from_node,
    item_node,
    latex_item_header,
    make_item,
)
from resume.skills import parse_skills

# -- Pure code ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "iso", "shown"),
    [
        ("2023-09", "2023-09", "Sep 2023"),
        ("2014", "2014", "2014"),
        (" 2008-12 ", "2008-12", "Dec 2008"),
    ],
)
def test_date_parses_and_displays(text, iso, shown):
    date = Date.parse(text)
    assert (date.iso(), date.display()) == (iso, shown)


@pytest.mark.parametrize(
    "text", ["2023-9", "23-09", "2023-13", "2023-00", "Sep 2023", "present", ""]
)
def test_malformed_dates_are_refused(text):
    with pytest.raises(ItemError, match="malformed date"):
        Date.parse(text)


def test_item_date_ranges():
    assert (
        make_item("job", "A", {"org": "O", "start": "2023-09", "end": "present"}).date_range()
        == "Sep 2023 – Present"
    )
    assert (
        make_item("job", "A", {"org": "O", "start": "2019-02", "end": "2020-04"}).date_range()
        == "Feb 2019 – Apr 2020"
    )
    assert make_item("talk", "A", {"org": "O", "start": "2022-06"}).date_range() == "Jun 2022"


def test_item_node_keeps_the_data():
    item = make_item(
        "job",
        "A & B",
        {"org": "O", "org-url": "https://o.example/", "start": "2023-09", "end": "present"},
    )
    again = item_from_node(item_node(item))
    assert (again.title, again.org, again.org_url, again.start, again.present) == (
        "A & B",
        "O",
        "https://o.example/",
        Date(2023, 9),
        True,
    )
    assert again.date_range() == item.date_range() == "Sep 2023 – Present"


class _Encoder:
    """What latex_item_header needs of Sphinx's LaTeX translator."""

    def encode(self, text):
        return text.replace("&", r"\&")

    def encode_uri(self, uri):
        return uri


def test_one_latex_call_per_item():
    item = make_item(
        "job",
        "A & B",
        {"org": "O", "org-url": "https://o.example/", "start": "2019", "end": "2020-02"},
    )
    assert latex_item_header(item, _Encoder()) == (
        r"\resumeitemheader{A \& B}{\sphinxhref{https://o.example/}{O}}{2019 – Feb 2020}" + "\n"
    )
    project = make_item("project", "P", {"start": "2019", "location": "Seoul"})
    assert latex_item_header(project, _Encoder()) == (
        r"\resumeitemheader{P}{}{Seoul · 2019}" + "\n"
    )


@pytest.mark.parametrize(
    ("kind", "options", "message"),
    [
        ("job", {"start": "2020"}, "lacks the field(s) org"),
        ("job", {"org": "O"}, "lacks the field(s) start"),
        ("project", {}, "lacks the field(s) start"),
        (
            "job",
            {"org": "O", "start": "2020-05", "end": "2019-01"},
            "ends (2019-01) before it starts (2020-05)",
        ),
    ],
)
def test_bad_items_are_refused(kind, options, message):
    with pytest.raises(ItemError) as info:
        make_item(kind, "Title", options)
    assert message in str(info.value)


def test_skills_parse():
    assert parse_skills(["Languages: Go, Python", "", "Tools: Linux"]) == [
        ("Languages", ["Go", "Python"]),
        ("Tools", ["Linux"]),
    ]
    with pytest.raises(ValueError, match="line 1 .*'Go, Python'"):
        parse_skills(["Go, Python"])


# -- Sphinx builds ------------------------------------------------------------


@pytest.mark.sphinx("html", testroot="items")
def test_item_renders_with_time_elements(app, warning):
    app.build()
    assert warning.getvalue() == ""
    soup = BeautifulSoup((app.outdir / "index.html").read_text(encoding="utf-8"), "html.parser")
    first = soup.select(".resume-item")[0]
    assert first.select_one(".resume-item-title").get_text() == "Software Engineer"
    assert first.select_one(".resume-item-heading").name == "h2"
    assert first.select_one(".resume-item-org a")["href"] == "https://example.com/"
    dates = first.select_one(".resume-item-dates")
    assert [t["datetime"] for t in dates.select("time")] == ["2023-09"]
    assert dates.get_text() == "Seoul · Sep 2023 – Present"
    assert first.select_one("strong").get_text() == "things"

    second = soup.select(".resume-item")[1]
    assert [(t["datetime"], t.get_text()) for t in second.select("time")] == [
        ("2019", "2019"),
        ("2020-02", "Feb 2020"),
    ]
    talk = soup.select_one(".resume-talk")
    assert talk.select_one(".resume-item-title a")["href"] == "https://example.com/slides"
    assert talk.select_one(".resume-item-dates").get_text() == "Aug 2018"

    badges = [b.get_text() for b in soup.select(".resume-skills .sd-badge")]
    assert badges == ["Go", "Python", "Linux"]
    assert [p.get_text() for p in soup.select(".resume-skills .resume-skill-category")] == [
        "Languages",
        "Tools",
    ]
    assert [len(ul.select("li")) for ul in soup.select(".resume-skills ul.resume-skill-list")] == [
        2,
        1,
    ]


@pytest.mark.sphinx("html", testroot="items")
def test_items_are_kept_in_the_environment(app, warning):
    app.build()
    assert warning.getvalue() == ""
    jobs = get_items(app.env, "job")
    assert [(j.title, j.org, j.start.iso(), j.present) for j in jobs] == [
        ("Software Engineer", "Example Corp", "2023-09", True),
        ("Intern", "Other Corp", "2019", False),
    ]
    assert [i.kind for i in get_items(app.env)] == ["job", "job", "talk"]
    assert jobs[0].docname == "index" and jobs[0].lineno == 3


@pytest.mark.sphinx("latex", testroot="items")
def test_item_renders_in_latex(app, warning):
    app.build()
    assert warning.getvalue() == ""
    tex = (app.outdir / "projectnamenotset.tex").read_text(encoding="utf-8")
    assert r"\resumeitemheader{\sphinxhref{https://example.com/}" not in tex
    assert (
        r"\resumeitemheader{Software Engineer}{\sphinxhref{https://example.com/}{Example Corp}}"
        r"{Seoul · Sep 2023 \textendash{} Present}"
    ) in tex
    assert r"\resumeskillcategory{Languages}{Go, Python}" in tex


def latex_calls(tex: str, macro: str, arity: int) -> list[list[str]]:
    """The arguments of each call of ``\\<macro>`` in *tex*, braces balanced."""
    calls = []
    for match in re.finditer(re.escape(f"\\{macro}") + r"(?![A-Za-z])", tex):
        arguments, at = [], match.end()
        for _ in range(arity):
            assert tex[at] == "{", tex[match.start() : at + 40]
            depth, start = 0, at
            while True:
                depth += {"{": 1, "}": -1}.get(tex[at], 0) if tex[at - 1] != "\\" else 0
                at += 1
                if depth == 0:
                    break
            arguments.append(tex[start + 1 : at - 1])
        calls.append(arguments)
    return calls


def test_html_and_latex_show_the_dates_of_date_range(make_app, rootdir, tmp_path):
    # One rule for every output: the web page's dates and the PDF's are the item's own.
    src = shutil.copytree(rootdir / "test-items", tmp_path / "items")
    html = make_app("html", srcdir=src, builddir=tmp_path / "html")
    html.build()
    latex = make_app("latex", srcdir=src, builddir=tmp_path / "latex")
    latex.build()
    assert (html.statuscode, latex.statuscode) == (0, 0)
    items = get_items(html.env)
    assert [item.date_range() for item in items] == [
        "Sep 2023 – Present",
        "2019 – Feb 2020",
        "Aug 2018",
    ]
    soup = BeautifulSoup((html.outdir / "index.html").read_text(encoding="utf-8"), "html.parser")
    shown = [node.get_text() for node in soup.select(".resume-item .resume-item-dates")]
    tex = (latex.outdir / "projectnamenotset.tex").read_text(encoding="utf-8")
    printed = [
        dates.replace("\\textendash{}", "–")
        for _, _, dates in latex_calls(tex, "resumeitemheader", 3)
    ]
    assert shown == printed == [item.dates_line() for item in items]
    # The location comes before the dates; without one, the dates are all there is.
    assert shown[0] == f"Seoul · {items[0].date_range()}"
    assert shown[1:] == printed[1:] == [item.date_range() for item in items[1:]]


BAD_INPUTS = {
    "malformed date": (
        ":start: 2023-9\n:end: present\n",
        "index.md:3: ERROR: malformed date '2023-9'",
    ),
    "end before start": (
        ":start: 2020-05\n:end: 2019-01\n",
        "index.md:3: ERROR: job 'Engineer' ends (2019-01) before it starts (2020-05)",
    ),
    "missing start": (
        ":end: 2019-01\n",
        "index.md:3: ERROR: job 'Engineer' lacks the field(s) start",
    ),
}


def write_root(path: Path, body: str) -> Path:
    (path / "conf.py").write_text(
        'extensions = ["myst_parser", "resume"]\n'
        'myst_enable_extensions = ["colon_fence"]\nnitpicky = True\n'
    )
    (path / "index.md").write_text(f"# Page\n\n{body}", encoding="utf-8")
    return path


@pytest.mark.parametrize("case", BAD_INPUTS)
def test_bad_item_fails_the_build_at_its_line(make_app, tmp_path, case):
    options, message = BAD_INPUTS[case]
    src = write_root(tmp_path, f":::{{job}} Engineer\n:org: O\n{options}:::\n")
    app = make_app("html", srcdir=src)
    app.build()
    assert message in app.warning.getvalue()
    assert app.statuscode == 1


def test_items_out_of_order_warn(make_app, tmp_path):
    src = write_root(
        tmp_path,
        ":::{job} Old\n:org: O\n:start: 2010\n:::\n\n:::{job} New\n:org: O\n:start: 2020-01\n:::\n",
    )
    app = make_app("html", srcdir=src)
    app.build()
    assert (
        "index.md:8: WARNING: job 'New' (from 2020-01) comes after 'Old' (from 2010): "
        "list the newest first"
    ) in app.warning.getvalue()


def test_as_written_order_is_allowed(make_app, tmp_path):
    src = write_root(
        tmp_path,
        ":::{job} Old\n:org: O\n:start: 2010\n:::\n\n:::{job} New\n:org: O\n:start: 2020-01\n:::\n",
    )
    index = src / "index.md"
    index.write_text("---\nitems-order: as-written\n---\n" + index.read_text(), encoding="utf-8")
    app = make_app("html", srcdir=src)
    app.build()
    assert app.warning.getvalue() == ""


def test_bad_skills_line_fails_the_build(make_app, tmp_path):
    src = write_root(tmp_path, ":::{skills}\nGo, Python\n:::\n")
    app = make_app("html", srcdir=src)
    app.build()
    assert "index.md:3: ERROR: line 1 of the skills, 'Go, Python'" in app.warning.getvalue()
    assert app.statuscode == 1
