"""BibTeX under each publication: the entry as the .bib writes it, and a Copy button.

The pure code on strings, a small test root (the disclosure, the script on
the pages that need it, the .bib beside the pages, nothing in the text and
LaTeX outputs), then the whole site and the button in Chromium.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pybtex.database import parse_string
from pybtex.database.input.bibtex import Parser

from helpers import ROOT
from resume.bibtex import (
    SCRIPT,
    disclosure_html,
    entry_sources,
    is_project_only,
    published_name,
    shown_entries,
    without_fields,
)


def soup_of(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def parsed(text: str):
    """The one entry of *text*, as pybtex reads it."""
    data = Parser(encoding="utf-8").parse_string(text)
    assert len(data.entries) == 1, text
    return next(iter(data.entries.values()))


def facts(entry, leave_out=()) -> tuple:
    """What a BibTeX reader takes from *entry*: its type, key, fields and persons."""
    fields = {
        name.lower(): value for name, value in entry.fields.items() if name.lower() not in leave_out
    }
    persons = {role: [str(p) for p in people] for role, people in entry.persons.items()}
    return entry.type.lower(), entry.key, fields, persons


def assert_same_entry(shown: str, source_entry) -> None:
    """*shown* reads as *source_entry* less its author+an, and is not re-encoded."""
    assert facts(parsed(shown)) == facts(source_entry, leave_out={"author+an"})
    assert "author+an" not in shown


# -- The pure code ---------------------------------------------------------------------

BIB = r"""@comment{@misc{ignored, title = {No}}}
@string{soc = {Society}}

@Article{Doe2021,
  title     = {{R\&D} at scale},
  author    = {Doe, John and Roe, Jane},
  author+an = {1=equal; 2=equal},
  journal   = "J. of {"}Q{"} " # soc,
  month     = jan,
  year      = 2021,
}

@misc( last2020 , title = {A, B}, author = {Roe, Jane}, year = {2020}, author+an = {1=equal} )

@misc{only, author+an = {1=equal}}
"""


def test_each_entry_is_cut_from_the_file_as_written():
    entries = entry_sources(BIB)
    assert list(entries) == ["doe2021", "last2020", "only"]
    assert entries["doe2021"].startswith("@Article{Doe2021,\n  title     = {{R\\&D} at scale},")
    assert entries["doe2021"].endswith("year      = 2021,\n}")
    assert entries["last2020"] == (
        "@misc( last2020 , title = {A, B}, author = {Roe, Jane}, year = {2020}, "
        "author+an = {1=equal} )"
    )


def test_annotations_are_left_out_and_everything_else_stays():
    entries = entry_sources(BIB)
    assert without_fields(entries["doe2021"]) == (
        "@Article{Doe2021,\n"
        "  title     = {{R\\&D} at scale},\n"
        "  author    = {Doe, John and Roe, Jane},\n"
        '  journal   = "J. of {"}Q{"} " # soc,\n'
        "  month     = jan,\n"
        "  year      = 2021,\n"
        "}"
    )
    # The last field goes with the comma before it; a lone field leaves an empty entry.
    assert without_fields(entries["last2020"]) == (
        "@misc( last2020 , title = {A, B}, author = {Roe, Jane}, year = {2020} )"
    )
    assert without_fields(entries["only"]) == "@misc{only, }"


def test_what_is_shown_parses_as_the_source_less_the_annotation():
    source = parse_string(BIB, "bibtex")
    for key, entry in entry_sources(BIB).items():
        shown = without_fields(entry)
        if key == "doe2021":
            shown = "@string{soc = {Society}}\n" + shown  # the file's macro
        assert facts(parsed(shown)) == facts(source.entries[key], leave_out={"author+an"})


def test_a_malformed_entry_is_shown_as_it_is():
    broken = "@misc{x, title = {unbalanced, author+an = {1=equal}}"
    assert entry_sources(broken) == {}
    assert without_fields("@misc{x, title = {a}, author+an = {b") == (
        "@misc{x, title = {a}, author+an = {b"
    )


def test_only_biblatex_annotations_are_the_projects_own():
    assert is_project_only("author+an") and is_project_only("Title+AN")
    assert not is_project_only("author") and not is_project_only("annote")


def test_the_bib_is_published_inside_the_site():
    assert published_name("publications.bib") == "publications.bib"
    assert published_name("bib/papers.bib") == "bib/papers.bib"
    assert published_name("../shared/papers.bib") == "papers.bib"
    assert published_name("/abs/papers.bib") == "papers.bib"


def test_the_disclosure_is_valid_and_escaped():
    soup = BeautifulSoup(disclosure_html("@misc{a, title = {<b> & c}}"), "html.parser")
    details = soup.select_one("details.resume-bibtex")
    assert details.summary.get_text() == "BibTeX"
    assert details.select_one("pre").get_text() == "@misc{a, title = {<b> & c}}"
    button = details.select_one("button")
    assert button["type"] == "button" and button.get_text() == "Copy"
    assert button.has_attr("hidden")  # until the script shows it
    assert details.select_one('[role="status"]') is not None


def test_every_entry_of_the_owners_bib_reads_the_same_as_shown():
    path = ROOT / "publications.bib"
    source = Parser(encoding="utf-8").parse_file(str(path))
    shown = shown_entries([path])
    assert sorted(shown) == sorted(key.lower() for key in source.entries)
    for key, entry in source.entries.items():
        assert_same_entry(shown[key.lower()], entry)
        # As written: pybtex's writer would spell the month out.
        assert "month         = " in shown[key.lower()]
        assert "January" not in shown[key.lower()] and "November" not in shown[key.lower()]


# -- A small project -------------------------------------------------------------------


@pytest.mark.sphinx("html", testroot="bibtex")
def test_each_citation_shows_its_entry_as_written(app, warning):
    app.build()
    assert warning.getvalue() == ""
    source = Parser(encoding="utf-8").parse_file(str(Path(app.srcdir, "refs.bib")))
    papers = soup_of(app.outdir / "papers.html")
    citations = papers.select("div.citation")
    assert [c["id"] for c in citations] == ["pub-roe2021gpu", "pub-roe2020pipes"]
    for citation in citations:
        (details,) = citation.select("details.resume-bibtex")
        assert details.summary.get_text() == "BibTeX"
        shown = details.select_one("pre").get_text()
        key = citation["id"].removeprefix("pub-")
        entry = next(e for k, e in source.entries.items() if k.lower() == key)
        assert_same_entry(shown, entry)
    gpu = citations[0].select_one("pre").get_text()
    assert "month     = jan," in gpu and r"{R\&D}" in gpu
    assert '"Proc. of {X} " # "and {"}Y{"}"' in gpu
    assert citations[1].select_one("pre").get_text().endswith("year = {2020}\n)")


@pytest.mark.sphinx("html", testroot="bibtex")
def test_copy_button_has_a_name_and_a_script_of_the_sites_own(app, warning):
    app.build()
    assert warning.getvalue() == ""
    papers = soup_of(app.outdir / "papers.html")
    buttons = papers.select("details.resume-bibtex button")
    assert len(buttons) == 2
    for button in buttons:
        assert button["type"] == "button" and button.get_text(strip=True) == "Copy"
    scripts = [s["src"] for s in papers.select("script[src]") if SCRIPT in s["src"]]
    assert len(scripts) == 1 and scripts[0].startswith(f"_static/{SCRIPT}?v=")
    assert papers.select_one(f'script[src^="_static/{SCRIPT}"]').has_attr("defer")
    assert "navigator.clipboard" in (app.outdir / "_static" / SCRIPT).read_text(encoding="utf-8")
    # Every script comes from the site itself.
    assert all("://" not in s["src"] for s in papers.select("script[src]"))
    # Pages without a bibliography do not load it.
    for page in ("index.html", "notes.html"):
        assert SCRIPT not in (app.outdir / page).read_text(encoding="utf-8")


@pytest.mark.sphinx("html", testroot="bibtex")
def test_the_whole_bib_is_beside_the_pages(app, warning):
    app.build()
    assert warning.getvalue() == ""
    source = Path(app.srcdir, "refs.bib").read_bytes()
    assert (app.outdir / "refs.bib").read_bytes() == source


@pytest.mark.sphinx("text", testroot="bibtex")
def test_no_bibtex_in_the_text_output(app, warning):
    app.build()
    assert warning.getvalue() == ""
    text = (app.outdir / "papers.txt").read_text(encoding="utf-8")
    assert "The GPU Paper" in text
    assert "BibTeX" not in text and "@inproceedings" not in text
    assert not (app.outdir / "refs.bib").exists()


@pytest.mark.sphinx("latex", testroot="bibtex")
def test_no_bibtex_in_the_latex_output(app, warning):
    app.build()
    assert warning.getvalue() == ""
    (tex,) = app.outdir.glob("*.tex")
    text = tex.read_text(encoding="utf-8")
    assert "GPU Paper" in text
    assert "BibTeX" not in text and "inproceedings" not in text and "Copy" not in text


# -- The whole site --------------------------------------------------------------------


@pytest.mark.system
def test_the_publications_page_shows_each_entry_as_publications_bib_writes_it(site):
    source = Parser(encoding="utf-8").parse_file(str(ROOT / "publications.bib"))
    page = soup_of(site / "sections" / "publications.html")
    citations = page.select("div.citation")
    assert len(citations) == len(source.entries) == 2
    for citation in citations:
        key = citation["id"].removeprefix("pub-")
        shown = citation.select_one("details.resume-bibtex > pre").get_text()
        assert_same_entry(shown, source.entries[key])
    assert (site / "publications.bib").read_bytes() == (ROOT / "publications.bib").read_bytes()
    assert page.select_one(f'script[src^="../_static/{SCRIPT}"]') is not None


@pytest.mark.system
def test_copy_button_copies_the_entry(context, served_site):
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(served_site + "sections/publications.html", wait_until="load")
    details = page.locator("details.resume-bibtex").first
    button = details.locator("button.resume-bibtex-copy")
    details.locator("summary").focus()
    page.keyboard.press("Enter")  # opens the disclosure from the keyboard
    assert details.get_attribute("open") is not None
    assert button.is_visible()
    button.focus()
    page.keyboard.press("Enter")
    status = details.locator('[role="status"]')
    status.filter(has_text="Copied.").wait_for()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == details.locator("pre").inner_text()
    assert copied.startswith("@inproceedings{kim2021hyperclova,")
    assert errors == []


@pytest.mark.system
def test_without_the_clipboard_api_the_entry_is_selected(context, served_site):
    page = context.new_page()
    # As on a page served over plain http from another host: no Clipboard API.
    page.add_init_script("Object.defineProperty(window, 'isSecureContext', {value: false})")
    page.add_init_script("document.execCommand = () => false")
    page.goto(served_site + "sections/publications.html", wait_until="load")
    details = page.locator("details.resume-bibtex").first
    details.locator("summary").click()
    details.locator("button.resume-bibtex-copy").click()
    status = details.locator('[role="status"]')
    status.filter(has_text="press Ctrl+C").wait_for()
    selected = page.evaluate("window.getSelection().toString()")
    assert selected == details.locator("pre").inner_text()
