"""The PDF's LaTeX: characters that its fonts cannot draw, and its metadata."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from helpers import files_in
from resume.latex import PDF_FONTS, font_charset, lost_characters


def test_the_fonts_cover_latin_hangul_and_punctuation():
    charsets = [font_charset(family) for family in PDF_FONTS]
    text = "Back-end · Sep 2023 – Present … TrueSkill™ “quotes” 이흥섭 카카오브레인"
    assert lost_characters(text, charsets) == []


def test_emoji_and_devanagari_are_lost():
    charsets = [font_charset(family) for family in PDF_FONTS]
    assert lost_characters("a 🚀 b नम", charsets) == ["🚀", "न", "म"]


def test_a_missing_font_is_named():
    from sphinx.errors import ExtensionError

    with pytest.raises(ExtensionError, match="'No Such Font Sans'"):
        font_charset("No Such Font Sans")


@pytest.mark.sphinx("latex", testroot="lost-glyph")
def test_a_lost_character_fails_the_build_at_its_line(app, warning):
    app.build()
    messages = warning.getvalue()
    assert "index.md:3: ERROR: the PDF's fonts (Noto Sans, Noto Sans CJK KR) cannot draw '🚀'" in (
        messages
    )
    assert "U+1F680" in messages
    assert "index.md:7: ERROR:" in messages and "'न' (U+0928)" in messages
    assert "이" not in messages and "'·'" not in messages and "'–'" not in messages
    assert app.statuscode == 1


def test_the_html_build_writes_the_files_of_the_latex_build(make_app, rootdir, tmp_path):
    # make: one process reads the pages once for the site and the PDFs' LaTeX.
    latex = tmp_path / "from-html"
    html = make_app(
        "html",
        srcdir=rootdir / "test-other-person",
        builddir=tmp_path / "html",
        confoverrides={"resume_latex_dir": str(latex)},
    )
    html.build()
    assert html.statuscode == 0 and html.warning.getvalue() == ""
    html.cleanup()  # what the LaTeX build registers again
    alone = make_app("latex", srcdir=rootdir / "test-other-person", builddir=tmp_path / "latex")
    alone.build()
    assert alone.statuscode == 0 and alone.warning.getvalue() == ""
    written = files_in(latex)
    assert "jane-roe.tex" in written and "resume.sty" in written
    assert "Jane Roe" in written["jane-roe.tex"].decode()
    assert written == files_in(Path(alone.outdir))


def test_a_lost_character_fails_the_html_build_that_writes_the_latex(make_app, rootdir, tmp_path):
    app = make_app(
        "html",
        srcdir=rootdir / "test-lost-glyph",
        builddir=tmp_path / "html",
        confoverrides={"resume_latex_dir": str(tmp_path / "latex")},
    )
    app.build()
    assert "index.md:3: ERROR: the PDF's fonts" in app.warning.getvalue()
    assert app.statuscode == 1


@pytest.mark.system
def test_xelatex_stops_on_a_lost_character(app_params, make_app, rootdir, tmp_path):
    # Past the check (raw LaTeX is not checked), xelatex itself refuses.
    from resume.xelatex import XELATEX

    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text((rootdir / "test-lost-glyph" / "conf.py").read_text())
    (src / "index.md").write_text("# Page\n\n```{raw} latex\nA rocket: 🚀\n```\n")
    app = make_app("latex", srcdir=src)
    app.build()
    assert app.statuscode == 0
    run = subprocess.run([*XELATEX, "lost.tex"], cwd=app.outdir, capture_output=True, text=True)
    assert run.returncode != 0
    assert "Missing character: There is no 🚀 (U+1F680)" in run.stdout
