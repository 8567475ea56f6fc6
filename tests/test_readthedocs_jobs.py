"""Read the Docs' build.jobs: every PDF beside the pages, as the Downloads row links them."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import ROOT, RTDBuild, pdf_names

pytestmark = pytest.mark.system


@pytest.fixture(scope="module")
def rtd_with_jobs(tmp_path_factory) -> RTDBuild:
    build = RTDBuild(tmp_path_factory.mktemp("rtd-jobs"))
    result = build.html()
    assert result.returncode == 0, result.stderr
    # Each command of post_build, as Read the Docs runs it: in the checkout, with a
    # shell, its virtualenv's python first on the PATH.
    env = {**build.env, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{build.env['PATH']}"}
    for command in build.config["build"]["jobs"]["post_build"]:
        step = subprocess.run(
            ["bash", "-c", command], cwd=build.src, env=env, capture_output=True, text=True
        )
        assert step.returncode == 0, f"{command}\n{step.stdout[-2000:]}{step.stderr}"
    return build


def test_every_pdf_goes_beside_the_pages(rtd_with_jobs):
    html = rtd_with_jobs.output / "html"
    names = pdf_names(ROOT)
    assert names == ["heungsub-lee.pdf", "heungsub-lee-cv.pdf"]
    for name in names:
        assert (html / name).read_bytes().startswith(b"%PDF"), name
    info = subprocess.run(
        ["pdfinfo", str(html / "heungsub-lee.pdf")], check=True, capture_output=True, text=True
    ).stdout
    assert re.search(r"^Pages:\s+1$", info, re.M)


def test_the_downloads_row_links_the_full_cv_beside_the_pages(rtd_with_jobs):
    index = (rtd_with_jobs.output / "html" / "index.html").read_text(encoding="utf-8")
    assert 'href="heungsub-lee-cv.pdf"' in index
    # Its size, filled in once the PDF is there.
    assert re.search(r'href="heungsub-lee-cv\.pdf"[^>]*>.*?download-meta">PDF, \d+ KB<', index)
    # The one-page résumé is Read the Docs' own PDF download.
    assert 'href="/_/downloads/en/latest/pdf/"' in index
