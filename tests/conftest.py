"""Fixtures: Sphinx's test roots, the whole site and its PDF built once per run,
the site served on localhost to a headless Chromium, and Read the Docs' build.

The helpers these build on are in helpers.py; tests import them from there.

Two tiers: a test that builds the whole site or a PDF, or uses a browser, the
Nu HTML Checker, Read the Docs' commands or ``make``, is marked ``system``
(``make test-fast`` leaves those out).  A test that asks for one of the
fixtures of the whole site below is of that tier, marked or not.
"""

from __future__ import annotations

import fcntl
import multiprocessing
import os
import pickle
import shutil
import sys
from pathlib import Path

import pytest

from helpers import (
    CHROMIUM_FLAGS,
    EXT,
    ROOT,
    RTDBuild,
    assert_clean_build,
    clean_pdf_build,
    copy_site,
    pdf_names,
    serve,
    sphinx_build,
    sphinx_warnings,
)

pytest_plugins = ("sphinx.testing.fixtures",)

#: The fixtures that build or serve the whole site: their tests are system tier.
SYSTEM_FIXTURES = {
    "site",
    "pdf_build",
    "made_site",
    "site_ko",
    "pdf_build_ko",
    "pdf_build_letter",
    "served_site",
    "browser",
    "context",
    "rtd_build",
    "rtd_pdf",
}


def pytest_configure(config):
    # The test roots' conf.py lists the extension `resume` without a path to
    # it: in this process (sphinx.testing) and in the builds it starts.
    sys.path.insert(0, str(EXT))
    paths = [str(EXT), *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
    os.environ["PYTHONPATH"] = os.pathsep.join(dict.fromkeys(paths))
    # A child forked from this process keeps every file it has open, among them
    # the pipes to Playwright's driver: sphinx-sitemap's Manager, forked by each
    # test application, would keep the driver from ever seeing them close, and
    # the browser fixture's teardown would wait forever. A fork server started
    # afresh has none of them.
    multiprocessing.set_start_method("forkserver", force=True)


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    # Before `-m "not system"` deselects: a test of the whole site is system tier.
    for item in items:
        if SYSTEM_FIXTURES & set(getattr(item, "fixturenames", ())):
            if item.get_closest_marker("system") is None:
                item.add_marker(pytest.mark.system)


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Where ``@pytest.mark.sphinx(testroot=...)`` finds ``test-<name>``."""
    return ROOT / "tests" / "roots"


# -- The whole site ------------------------------------------------------------


def _once_per_run(tmp_path_factory, name: str, build):
    """``build(folder)``, run once for the whole test run, its result shared.

    pytest-xdist gives each worker its own session: the first worker that asks
    builds in a folder of the run's temporary directory, under a lock, and
    the others wait for it and take its result (pickled beside it).
    """
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent  # the run's, above each worker's
    folder = base / f"once-{name}"
    result = folder / "result.pickle"
    with open(base / f"once-{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not result.is_file():
            shutil.rmtree(folder, ignore_errors=True)  # what a failed build left
            folder.mkdir()
            result.write_bytes(pickle.dumps(build(folder)))
    return pickle.loads(result.read_bytes())


def _clean_site(folder: Path, *extra: str) -> Path:
    src = copy_site(folder / "src")
    out = folder / "_build"
    assert_clean_build(sphinx_build(src, "html", out, *extra))
    return out / "html"


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The whole site, built from a copy of the repository, strictly."""
    return _once_per_run(tmp_path_factory, "site", _clean_site)


@pytest.fixture(scope="session")
def pdf_build(tmp_path_factory):
    """The PDFs, built from a copy of the repository; the finished process with them."""
    return _once_per_run(tmp_path_factory, "pdf", clean_pdf_build)


@pytest.fixture(scope="session")
def pdf_build_letter(tmp_path_factory):
    """The PDFs on US Letter (``make pdf PAPER=letter``)."""
    return _once_per_run(
        tmp_path_factory,
        "pdf-letter",
        lambda folder: clean_pdf_build(folder, "-D", "latex_elements.papersize=letterpaper"),
    )


@pytest.fixture(scope="session")
def site_ko(tmp_path_factory) -> Path:
    """The Korean site (``-D language=ko``), built from a copy of the repository, strictly."""
    return _once_per_run(
        tmp_path_factory, "site-ko", lambda folder: _clean_site(folder, "-D", "language=ko")
    )


@pytest.fixture(scope="session")
def pdf_build_ko(tmp_path_factory):
    """The Korean PDFs, built from a copy of the repository; the finished process with them."""
    return _once_per_run(
        tmp_path_factory, "pdf-ko", lambda folder: clean_pdf_build(folder, "-D", "language=ko")
    )


@pytest.fixture(scope="session")
def made_site(site, pdf_build, site_ko, pdf_build_ko, tmp_path_factory) -> Path:
    """The site as ``make`` leaves it: the pages, each PDF beside them under the
    name that conf.py's ``latex_documents`` gives it, and the Korean edition in ko/."""
    made = shutil.copytree(site, tmp_path_factory.mktemp("made") / "html")
    shutil.copytree(site_ko, made / "ko")
    for (latex, _), folder in [(pdf_build, made), (pdf_build_ko, made / "ko")]:
        for name in pdf_names(ROOT):
            shutil.copy(latex / name, folder / name)
    return made


# -- The site in a browser -------------------------------------------------------


@pytest.fixture(scope="session")
def served_site(made_site):
    """The site as ``make`` leaves it, at ``http://127.0.0.1:<port>/``; yields that URL."""
    with serve(made_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, driven by Playwright (no browser download)."""
    executable = shutil.which("chromium")
    if executable is None:
        pytest.fail("Chromium is missing: `make test` installs it (tests/apt-packages.txt)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        # Playwright gives each launch a fresh, empty user-data-dir of its own.
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def context(browser):
    """A new browser context (no stored theme, no cache) for each test."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context
    context.close()


# -- The hosted build ----------------------------------------------------------


def _rtd_html(folder: Path) -> RTDBuild:
    build = RTDBuild(folder)
    build.html_result = build.html()
    return build


@pytest.fixture(scope="session")
def rtd_build(tmp_path_factory) -> RTDBuild:
    """The site built by Read the Docs' HTML command; ``.html_result`` is the process."""
    return _once_per_run(tmp_path_factory, "rtd", _rtd_html)


@pytest.fixture(scope="session")
def rtd_pdf(rtd_build) -> Path:
    """The PDF built by Read the Docs' LaTeX and latexmk commands."""
    if "pdf" not in rtd_build.config.get("formats", []):
        pytest.fail(".readthedocs.yaml builds no PDF (formats: [pdf])")
    steps, pdf = rtd_build.pdf()
    assert steps[0].returncode == 0, steps[0].stderr
    # Read the Docs builds the LaTeX without -W: a warning would pass there unseen.
    assert sphinx_warnings(steps[0].stderr) == []
    assert pdf.is_file(), steps[-1].stdout[-3000:]
    return pdf
