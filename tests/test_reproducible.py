"""The same sources give the same files, byte for byte.

Two clean builds of a copy of the repository, in two different directories
(so a build path that leaks into the output shows as a difference) and with
two different hash seeds (so does an order that depends on one), with
SOURCE_DATE_EPOCH set as the Makefile sets it from the last commit.  The
first makes the xelatex formats of the preambles, the second uses them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from helpers import (
    ROOT,
    build_pdf,
    copy_site,
    files_in,
    local_env,
    pdf_name,
    sphinx_build,
    sphinx_warnings,
    xelatex_all,
)

pytestmark = pytest.mark.system

EPOCH = "1700000000"  # 2023-11-14 22:13:20 UTC
#: The PDF's name without its suffix, as conf.py's latex_documents gives it.
NAME = Path(pdf_name(ROOT)).stem


@pytest.fixture(scope="module")
def builds(tmp_path_factory) -> list[tuple[Path, dict]]:
    """Each build's output directory, with the environment it ran in."""
    builds = []
    formats = tmp_path_factory.mktemp("texformats")
    for place, seed in [("first", "1"), ("second-somewhere-else", "2")]:
        src = copy_site(tmp_path_factory.mktemp(place) / "src")
        out = src.parent / "_build"
        env = local_env(
            SOURCE_DATE_EPOCH=EPOCH, PYTHONHASHSEED=seed, RESUME_TEXFORMATS=str(formats)
        )
        # The first as make builds an edition: the HTML build writes the LaTeX
        # too. The second writes the HTML only: the same pages either way.
        latex_too = ["-D", f"resume_latex_dir={out / 'web' / 'latex'}"] if not builds else []
        html = sphinx_build(src, "html", out / "web", *latex_too, env=env)
        assert html.returncode == 0, html.stderr
        assert sphinx_warnings(html.stderr) == []
        pdf = build_pdf(src, out / "paper", env=env)
        assert pdf.returncode == 0, pdf.stdout[-3000:] + pdf.stderr
        assert sphinx_warnings(pdf.stderr) == []
        assert "cannot be made a format" not in pdf.stderr
        builds.append((out, env))
    # One format for each PDF, made by the first build and used by the second.
    assert len(list(formats.glob("*.fmt"))) == len(list((out / "paper" / "latex").glob("*.tex")))
    return builds


def _differing(a: dict[str, bytes], b: dict[str, bytes]) -> list[str]:
    assert a.keys() == b.keys()
    return [name for name in a if a[name] != b[name]]


def test_two_html_builds_are_byte_identical(builds):
    (first, _), (second, _) = builds
    pages = files_in(first / "web" / "html")
    assert "index.html" in pages and "sections/experience.html" in pages
    assert _differing(pages, files_in(second / "web" / "html")) == []


def test_two_latex_builds_give_identical_tex_and_pdf(builds):
    (first, _), (second, _) = builds
    # The .log is xelatex's transcript: it names the directory and the time.
    files = files_in(first / "paper" / "latex", skip=(".log",))
    assert f"{NAME}.tex" in files and f"{NAME}.pdf" in files
    assert _differing(files, files_in(second / "paper" / "latex", skip=(".log",))) == []


def test_the_html_build_writes_the_latex_that_the_latex_build_writes(builds):
    # make: each edition's HTML build writes the PDFs' LaTeX (resume_latex_dir);
    # make pdf: the LaTeX builder, in a process of its own.
    (first, _), _ = builds
    from_html = files_in(first / "web" / "latex")
    assert f"{NAME}.tex" in from_html and "resume.sty" in from_html
    latex = files_in(first / "paper" / "latex")
    assert _differing(from_html, {name: latex[name] for name in from_html}) == []
    # All that the LaTeX builder wrote: the rest is xelatex's.
    assert {Path(name).suffix for name in latex.keys() - from_html.keys()} <= {
        ".pdf",
        ".log",
        ".aux",
        ".out",
        ".fls",
    }


def test_the_pdf_is_dated_from_source_date_epoch(builds):
    (first, _), _ = builds
    reader = PdfReader(first / "paper" / "latex" / f"{NAME}.pdf")
    assert reader.metadata["/CreationDate"].startswith("D:20231114221320")
    if "/ModDate" in reader.metadata:
        assert reader.metadata["/ModDate"].startswith("D:20231114221320")
    tex = (first / "paper" / "latex" / f"{NAME}.tex").read_text(encoding="utf-8")
    assert r"\date{Nov 14, 2023}" in tex


def test_a_second_xelatex_run_changes_nothing(builds, tmp_path):
    # make pdf runs xelatex once: that run must already give the final PDF
    # (bookmarks, links, numbers), or make pdf needs latexmk back.
    (first, env), _ = builds
    latex = shutil.copytree(first / "paper" / "latex", tmp_path / "latex")
    once = files_in(latex, skip=(".log", ".tex", ".aux", ".out", ".toc"))
    assert xelatex_all(latex, env=env).returncode == 0
    assert files_in(latex, skip=(".log", ".tex", ".aux", ".out", ".toc")) == once


def _make_sees(variable: str, env: dict) -> str:
    """The value of *variable* in the environment of the Makefile's recipes."""
    rule = f'show-it: ; @echo "$${variable}"'
    return subprocess.run(
        ["make", "-s", "--no-print-directory", f"--eval={rule}", "show-it"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()


def test_make_dates_the_build_from_the_last_commit():
    commit_time = subprocess.run(
        ["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True
    )
    if commit_time.returncode != 0:
        pytest.skip("not a git checkout")
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SOURCE_DATE_EPOCH", "MAKEFLAGS", "MAKELEVEL"}
    }
    assert _make_sees("SOURCE_DATE_EPOCH", env) == commit_time.stdout.strip()
    assert _make_sees("SOURCE_DATE_EPOCH", {**env, "SOURCE_DATE_EPOCH": EPOCH}) == EPOCH
