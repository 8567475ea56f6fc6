"""``make``: everything that is published, as a user builds it in a checkout.

Each edition (English, Korean) is one Sphinx process whose HTML build also
writes the PDFs' LaTeX; the two are built side by side, the Korean one in
``ko/`` under the English site.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

import pytest

from helpers import ROOT, copy_site, local_env, pdf_names, soup_of, sphinx_warnings

pytestmark = pytest.mark.system


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    """The copy's _build after ``make``, what make printed, and what a second make printed."""
    src = copy_site(tmp_path_factory.mktemp("make") / "src")
    # What the virtualenv was installed from, as old as it is: make leaves it be.
    (src / "tests").mkdir()
    shutil.copy2(ROOT / "tests" / "requirements.txt", src / "tests")
    env = local_env(VENV=sys.prefix, SOURCE_DATE_EPOCH="1700000000")
    for name in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL"):
        env.pop(name, None)

    def make(*targets: str) -> subprocess.CompletedProcess:
        return subprocess.run(["make", *targets], cwd=src, env=env, capture_output=True, text=True)

    first = make()
    assert first.returncode == 0, first.stdout[-3000:] + first.stderr[-3000:]
    # The parts that `make` built are up to date for their own targets too.
    again = make("html", "pdf", "html-ko", "pdf-ko")
    assert again.returncode == 0, again.stdout + again.stderr
    return src / "_build", first, again


def _commands(output: str, program: str) -> list[str]:
    return [line for line in output.splitlines() if f"-m resume.{program} " in line]


def test_make_reads_each_edition_once_without_a_warning(made):
    _, first, _ = made
    assert sphinx_warnings(first.stdout + first.stderr) == []
    builds = _commands(first.stdout, "build")
    assert len(builds) == 2
    assert all(" -b html " in build and " -D resume_latex_dir=" in build for build in builds)
    assert len(_commands(first.stdout, "xelatex")) == 2


def test_every_pdf_is_beside_its_pages_with_its_size(made):
    build, _, _ = made
    for site, lang in ((build / "html", "en"), (build / "html" / "ko", "ko")):
        assert soup_of(site / "index.html").html["lang"] == lang
        for name in pdf_names(ROOT):
            pdf = site / name
            assert pdf.read_bytes().startswith(b"%PDF-"), pdf
        metas = soup_of(site / "index.html").select(".resume-download-meta")
        pdfs = [meta.get_text() for meta in metas if meta.get_text().startswith("PDF")]
        assert len(pdfs) == len(pdf_names(ROOT))
        assert all(re.search(r", \d+ KB$", meta) for meta in pdfs), pdfs


def test_the_english_site_keeps_to_its_own_pages(made):
    # Built side by side with the Korean one inside it: its sitemap and its
    # pruned stylesheets come from its own pages.
    build, _, _ = made
    sitemap = (build / "html" / "sitemap.xml").read_text(encoding="utf-8")
    locs = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert locs and not [loc for loc in locs if "/ko/" in loc]
    assert os.path.isdir(build / "html" / "ko" / "_static")


def test_after_make_each_part_is_up_to_date(made):
    _, _, again = made
    assert _commands(again.stdout, "build") == []
    assert _commands(again.stdout, "xelatex") == []
