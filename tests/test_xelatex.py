"""resume.xelatex: every PDF of a LaTeX folder, over a kept format of its preamble."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import time

import pytest

from helpers import clean_pdf_build, local_env, pdf_text, xelatex_all
from resume import xelatex
from resume.xelatex import DUMP_LINE, XELATEX, Formats

#: A small document as latex.py writes one: packages, the dump line, then the fonts.
DOCUMENT = rf"""\documentclass{{article}}
\usepackage{{fontspec}}
\usepackage{{xcolor}}
\usepackage{{hyperref}}
{DUMP_LINE}
\setmainfont{{Noto Sans}}
\begin{{document}}
Hello, \textbf{{reader}}.
\end{{document}}
"""


def _write(folder, name="doc.tex", text=DOCUMENT):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder / name


# -- What a format is kept by ---------------------------------------------------


def test_the_preamble_is_what_comes_before_the_dump_line():
    assert xelatex.preamble(DOCUMENT).endswith("\\usepackage{hyperref}\n")
    assert xelatex.preamble("\\documentclass{article}\\begin{document}\\end{document}") is None


def test_another_preamble_or_package_beside_it_is_another_format(tmp_path):
    # The Korean edition's preamble is the English one's, with its own
    # sphinxmessages.sty: each has a format of its own.
    formats = Formats(tmp_path / "formats")
    english = _write(tmp_path / "en")
    korean = _write(tmp_path / "ko")
    for tex, words in [(english, "Contents"), (korean, "목차")]:
        (tex.parent / "sphinxmessages.sty").write_text(f"\\def\\contentsname{{{words}}}\n")
        (tex.parent / "doc.log").write_text("not read")
    text = xelatex.preamble(DOCUMENT)
    assert formats.key(english, text) == formats.key(english, text)
    assert formats.key(english, text) != formats.key(english, text + "%")
    assert formats.key(english, text) != formats.key(korean, text)
    (korean.parent / "sphinxmessages.sty").write_text("\\def\\contentsname{Contents}\n")
    (korean.parent / "doc.log").write_text("another log")
    assert formats.key(english, text) == formats.key(korean, text)


def test_the_recorded_inputs_identify_local_files_by_content(tmp_path):
    (tmp_path / "resume.sty").write_text("% layout\n")
    system = tmp_path / "system.sty"
    system.write_text("% a TeX package\n")
    fls = tmp_path / "made.fls"
    fls.write_text(
        f"PWD {tmp_path}\nINPUT ./resume.sty\nINPUT {system}\nINPUT doc.tex\n"
        f"INPUT ./resume.sty\nOUTPUT made.fmt\n"
    )
    inputs = xelatex._recorded_inputs(fls, tmp_path, "doc.tex")
    assert set(inputs) == {"./resume.sty", str(system)}
    assert xelatex._unchanged(inputs, tmp_path)
    (tmp_path / "resume.sty").write_text("% layout, changed\n")
    assert not xelatex._unchanged(inputs, tmp_path)


def test_a_changed_or_missing_system_file_makes_a_format_stale(tmp_path):
    system = tmp_path / "system.sty"
    system.write_text("% a TeX package\n")
    fls = tmp_path / "made.fls"
    fls.write_text(f"INPUT {system}\n")
    inputs = xelatex._recorded_inputs(fls, tmp_path, "doc.tex")
    system.write_text("% a TeX package, updated\n")
    assert not xelatex._unchanged(inputs, tmp_path)
    system.unlink()
    assert not xelatex._unchanged(inputs, tmp_path)


def test_the_errors_of_a_log_are_its_file_line_messages(tmp_path):
    log = tmp_path / "doc.log"
    log.write_text(
        "This is XeTeX\n(./doc.tex\n./doc.tex:7: Undefined control sequence.\n"
        "l.7 \\undefined\n\nmore\nafter\n"
    )
    assert (
        xelatex.errors_of(log)
        == "./doc.tex:7: Undefined control sequence.\nl.7 \\undefined\n\nmore"
    )
    log.write_text("This is XeTeX\n! Emergency stop.\n")
    assert "Emergency stop" in xelatex.errors_of(log)
    assert "no log" in xelatex.errors_of(tmp_path / "none.log")


def test_a_folder_keeps_the_formats_used_last(tmp_path, monkeypatch):
    monkeypatch.setattr(xelatex, "KEEP", 2)
    day = 24 * 3600
    for name, age in [("old", 3 * day), ("recent", 120), ("newer", 30), ("new", 0)]:
        (tmp_path / f"{name}.fmt").write_bytes(b"")
        (tmp_path / f"{name}.json").write_text("{}")
        used = time.time() - age
        os.utime(tmp_path / f"{name}.json", (used, used))
    Formats(tmp_path).prune()
    # The two used last, and one used within the hour (a build may be loading it).
    assert sorted(path.stem for path in tmp_path.glob("*.fmt")) == ["new", "newer", "recent"]
    assert sorted(path.stem for path in tmp_path.glob("*.json")) == ["new", "newer", "recent"]


# -- Building ------------------------------------------------------------------


def _first_line(log):
    return log.read_text(encoding="utf-8", errors="replace").splitlines()[0]


@pytest.mark.system
def test_a_format_is_made_once_and_then_loaded(tmp_path):
    formats = tmp_path / "formats"
    tex = _write(tmp_path / "latex")
    first = xelatex_all(tex.parent, "--formats", str(formats))
    assert first.returncode == 0, first.stderr
    assert first.stderr == ""
    (fmt,) = formats.glob("*.fmt")
    assert f"(preloaded format={fmt.stem} " in _first_line(tex.with_suffix(".log"))
    inputs = json.loads(fmt.with_suffix(".json").read_text())
    assert any(name.endswith("/hyperref.sty") for name in inputs)
    made = fmt.stat().st_mtime_ns

    second = xelatex_all(tex.parent, "--formats", str(formats))
    assert second.returncode == 0, second.stderr
    assert fmt.stat().st_mtime_ns == made
    assert f"(preloaded format={fmt.stem} " in _first_line(tex.with_suffix(".log"))
    assert "Hello, reader." in pdf_text(tex.with_suffix(".pdf"))


@pytest.mark.system
def test_a_changed_package_beside_the_tex_makes_the_format_again(tmp_path):
    formats = tmp_path / "formats"
    folder = tmp_path / "latex"
    (folder).mkdir()
    (folder / "layout.sty").write_text("\\ProvidesPackage{layout}\n\\newcommand\\who{reader}\n")
    tex = _write(folder, text=DOCUMENT.replace("\\usepackage{hyperref}", "\\usepackage{layout}"))
    assert xelatex_all(folder, "--formats", str(formats)).returncode == 0
    (fmt,) = formats.glob("*.fmt")

    (folder / "layout.sty").write_text("\\ProvidesPackage{layout}\n\\newcommand\\who{you}\n")
    tex.write_text(tex.read_text().replace("\\textbf{reader}", "\\textbf{\\who}"))
    assert xelatex_all(folder, "--formats", str(formats)).returncode == 0
    (new,) = set(formats.glob("*.fmt")) - {fmt}
    assert f"(preloaded format={new.stem} " in _first_line(tex.with_suffix(".log"))
    assert "Hello, you." in pdf_text(tex.with_suffix(".pdf"))


def test_a_format_whose_files_changed_is_made_again(tmp_path):
    folder = tmp_path / "latex"
    tex = _write(folder)
    package = tmp_path / "system.sty"
    package.write_text("% a package of the TeX installation\n")
    formats = Formats(tmp_path / "formats")
    key = formats.key(tex, xelatex.preamble(DOCUMENT))
    formats.folder.mkdir()
    (formats.folder / f"{key}.fmt").write_bytes(b"a format")
    fls = tmp_path / "made.fls"
    fls.write_text(f"INPUT {package}\n")
    inputs = xelatex._recorded_inputs(fls, folder, tex.name)
    (formats.folder / f"{key}.json").write_text(json.dumps(inputs))
    assert formats.find(tex, key) == formats.folder / f"{key}.fmt"
    package.write_text("% a package of the TeX installation, upgraded\n")
    assert formats.find(tex, key) is None


@pytest.mark.system
def test_a_preamble_that_cannot_be_a_format_is_read_whole(tmp_path):
    # A font loaded above the dump line: XeTeX cannot put it into a format.
    folder = tmp_path / "latex"
    tex = _write(folder, text=DOCUMENT.replace(f"{DUMP_LINE}\n\\setmainfont", "\\setmainfont"))
    tex.write_text(
        tex.read_text().replace("\\begin{document}", f"{DUMP_LINE}\n\\begin{{document}}")
    )
    result = xelatex_all(folder, "--formats", str(tmp_path / "formats"))
    assert result.returncode == 0
    assert f"{tex}: its preamble cannot be made a format" in result.stderr
    assert "(preloaded format=xelatex " in _first_line(tex.with_suffix(".log"))
    assert "Hello, reader." in pdf_text(tex.with_suffix(".pdf"))


@pytest.mark.system
def test_a_failing_document_names_its_file_and_line(tmp_path):
    folder = tmp_path / "latex"
    _write(folder, text=DOCUMENT.replace("Hello,", "Hello, \\nosuchmacro"))
    _write(folder, name="fine.tex")
    result = xelatex_all(folder, "--formats", str(tmp_path / "formats"))
    # One preamble, one format, made once for both.
    assert len(list((tmp_path / "formats").glob("*.fmt"))) == 1
    assert result.returncode == 1
    assert "doc.tex: xelatex failed" in result.stderr
    assert "./doc.tex:8: Undefined control sequence." in result.stderr
    assert (folder / "fine.pdf").is_file()
    assert not (folder / "doc.pdf").exists()


@pytest.mark.system
def test_a_folder_without_tex_is_an_error(tmp_path):
    result = xelatex_all(tmp_path)
    assert result.returncode == 1
    assert f"{tmp_path}: no .tex to build" in result.stderr


def _fonts(pdf) -> list[str]:
    """pdffonts' lines, without the subset tags (``ABCDEF+``)."""
    listed = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
    return [re.sub(r"^[A-Z]{6}\+", "", line) for line in listed.splitlines()[2:]]


@pytest.mark.system
def test_the_resumes_pdfs_read_the_same_with_or_without_formats(tmp_path):
    # The fonts that stand in while a format is made leave no trace: every
    # PDF has the same text, fonts and pages as one from a plain xelatex run.
    latex, _ = clean_pdf_build(tmp_path)
    plain = shutil.copytree(latex, tmp_path / "plain")
    for tex in sorted(plain.glob("*.tex")):
        run = subprocess.run(
            [*XELATEX, tex.name], cwd=plain, capture_output=True, text=True, env=local_env()
        )
        assert run.returncode == 0, run.stdout[-2000:]
        pdf = tex.with_suffix(".pdf")
        assert "(preloaded format=xelatex " in _first_line(tex.with_suffix(".log"))
        formatted = latex / pdf.name
        assert "(preloaded format=xelatex " not in _first_line(formatted.with_suffix(".log"))
        assert pdf_text(formatted) == pdf_text(pdf)
        assert _fonts(formatted) and _fonts(formatted) == _fonts(pdf)
        pages = [
            subprocess.run(["pdftoppm", "-r", "40", "-gray", str(p)], capture_output=True).stdout
            for p in (formatted, pdf)
        ]
        assert pages[0] and pages[0] == pages[1]
