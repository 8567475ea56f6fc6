"""Publications through sphinxcontrib-bibtex with the project's style."""

from __future__ import annotations

import shutil

import pytest

from helpers import build_again, soup_of


@pytest.mark.sphinx("html", testroot="cite")
def test_citation_from_another_page_links_to_the_publications_page(app, warning):
    app.build()
    assert warning.getvalue() == ""
    work = soup_of(app.outdir / "sections" / "work.html")
    link = work.select_one("a.reference.internal[href*='papers.html#']")
    assert link is not None and link.get_text() == "1"
    anchor = link["href"].split("#", 1)[1]
    papers = soup_of(app.outdir / "sections" / "papers.html")
    entry = papers.find(id=anchor)
    assert entry is not None
    text = entry.get_text().replace("\xa0", " ")
    assert "torchgpipe: On-the-fly Pipeline Parallelism for Training Giant Models" in text
    assert [s.get_text() for s in entry.select("strong")] == ["Heungsub Lee"]
    assert "C. Kim*, Heungsub Lee*, and M. Jeong." in text


def copy_root(rootdir, tmp_path, name: str):
    """A private copy of a test root, for a test that edits it."""
    return shutil.copytree(rootdir / f"test-{name}", tmp_path / name)


def test_unknown_citation_key_is_named(make_app, rootdir, tmp_path):
    src = copy_root(rootdir, tmp_path, "cite")
    work = src / "sections" / "work.md"
    work.write_text(work.read_text() + "\nAnd {cite}`nosuchkey2020`.\n", encoding="utf-8")
    app = make_app("html", srcdir=src)
    app.build()
    assert 'work.md:5: WARNING: could not find bibtex key "nosuchkey2020"' in app.warning.getvalue()
    # An error even without -W: the build's exit status says so.
    assert app.statuscode == 1


def test_broken_bib_fails_the_build_naming_the_file(make_app, rootdir, tmp_path):
    src = copy_root(rootdir, tmp_path, "cite")
    bib = src / "refs.bib"
    bib.write_text(bib.read_text().replace("title         = {{torchgpipe}", "title = {{torchgpipe"))
    app = make_app("html", srcdir=src)
    app.build()
    assert (
        f"{bib}:10: ERROR: syntax error in line 10: premature end of file" in app.warning.getvalue()
    )
    assert app.statuscode == 1


def test_fixed_citation_key_clears_the_error(make_app, rootdir, tmp_path):
    src = copy_root(rootdir, tmp_path, "cite")
    work = src / "sections" / "work.md"
    text = work.read_text(encoding="utf-8")
    work.write_text(text.replace("kim2020torchgpipe", "kim2020torchgpipex"), encoding="utf-8")
    first = make_app("html", srcdir=src, builddir=tmp_path / "_build")
    first.build()
    assert first.statuscode == 1
    work.write_text(text, encoding="utf-8")
    second = build_again(make_app, first)
    assert second.statuscode == 0
    assert second.warning.getvalue() == ""
