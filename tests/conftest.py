"""Shared fixtures: Sphinx's test roots, a build of the whole site, and the
site served on localhost to a headless Chromium."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "_ext"))
# Builds in a subprocess find the project's extensions too (the test roots need it).
os.environ["PYTHONPATH"] = os.pathsep.join(
    filter(None, [str(ROOT / "_ext"), os.environ.get("PYTHONPATH")])
)

pytest_plugins = ("sphinx.testing.fixtures",)

# What a copy of the repository leaves out: outputs, caches, the tests themselves.
_NOT_SOURCE = shutil.ignore_patterns(
    "_build", ".venv", ".git", ".pytest_cache", "__pycache__", "tests", "bench", "node_modules"
)

#: Debian's Chromium, started so that it never reaches for the internet: the
#: proxy (a closed port) catches whatever is not on localhost.
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--proxy-server=http://127.0.0.1:9",
]

#: The Nu HTML Checker, installed by `make test` from tests/package.json.
VNU_JAR = ROOT / "tests" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Where ``@pytest.mark.sphinx(testroot=...)`` finds ``test-<name>``."""
    return ROOT / "tests" / "roots"


def copy_site(dest: Path) -> Path:
    """A copy of the repository's sources in *dest*."""
    shutil.copytree(ROOT, dest, ignore=_NOT_SOURCE)
    return dest


def local_env(**extra: str) -> dict[str, str]:
    """This process's environment without Read the Docs' variables, plus *extra*."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("READTHEDOCS")}
    env.update(extra)
    return env


def sphinx_build(src: Path, builder: str, out: Path, *extra: str, env=None):
    """Run ``sphinx-build`` as the Makefile does; return the finished process."""
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-b",
            builder,
            "-n",
            "-W",
            "--keep-going",
            "-d",
            str(out / "doctrees"),
            *extra,
            str(src),
            str(out / builder),
        ],
        capture_output=True,
        text=True,
        env=local_env() if env is None else env,
    )


# What ``make pdf`` runs on each .tex (the Makefile's XELATEX).
XELATEX = ["xelatex", "-interaction=nonstopmode", "-halt-on-error", "-file-line-error"]


def build_pdf(src: Path, out: Path, *extra: str, env=None):
    """Build the PDF as ``make pdf`` does: the LaTeX builder, then one xelatex run.

    The finished process has Sphinx's exit status and stderr; its stdout
    ends with xelatex's, and a failing xelatex makes the status non-zero.
    """
    env = local_env() if env is None else env
    latex = out / "latex"
    sphinx = sphinx_build(src, "latex", out, *extra, env=env)
    if sphinx.returncode != 0:
        return sphinx
    for tex in sorted(latex.glob("*.tex")):
        run = subprocess.run(
            [*XELATEX, tex.name], cwd=latex, capture_output=True, text=True, env=env
        )
        sphinx.stdout += run.stdout
        if run.returncode != 0:
            sphinx.returncode = run.returncode
            log = latex / tex.with_suffix(".log").name
            sphinx.stderr += f"{' '.join(XELATEX)} {tex.name} failed: see {log}\n"
            break
    return sphinx


def sphinx_warnings(stderr: str) -> list[str]:
    """The lines of Sphinx's output that are warnings or errors."""
    return [line for line in stderr.splitlines() if "WARNING" in line or "ERROR" in line]


def assert_clean_build(result) -> None:
    """The build succeeded without a warning or an error."""
    assert result.returncode == 0, result.stderr
    assert sphinx_warnings(result.stderr) == []


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The whole site, built from a copy of the repository, strictly."""
    src = copy_site(tmp_path_factory.mktemp("site") / "src")
    out = src.parent / "_build"
    assert_clean_build(sphinx_build(src, "html", out))
    return out / "html"


@pytest.fixture(scope="session")
def pdf_build(tmp_path_factory):
    """The PDF, built from a copy of the repository; the finished process with it."""
    src = copy_site(tmp_path_factory.mktemp("pdf") / "src")
    out = src.parent / "_build"
    result = build_pdf(src, out)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr
    return out / "latex", result


#: Every page of the site; tests that visit each page take them from here, and
#: test_web.py keeps the list complete.
PAGES = [
    "404.html",
    "index.html",
    "sections/contributions.html",
    "sections/education.html",
    "sections/experience.html",
    "sections/open-source.html",
    "sections/publications.html",
    "sections/talks.html",
]


def site_pages(site: Path) -> list[str]:
    """Every page of the built site, as paths relative to its root."""
    return sorted(path.relative_to(site).as_posix() for path in site.rglob("*.html"))


# -- The site on localhost ---------------------------------------------------


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the built site as Read the Docs does: 404.html for a missing page."""

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory, "404.html")
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format, *args):
        pass


@pytest.fixture(scope="session")
def served_site(site):
    """The built site at ``http://127.0.0.1:<port>/``; yields that base URL."""
    handler = functools.partial(_SiteHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


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

#: The project on Read the Docs: its slug names the PDF (latexmk's -jobname).
RTD_PROJECT = "heungsub-lee"
RTD_CANONICAL_URL = f"https://{RTD_PROJECT}.readthedocs.io/en/latest/"


def rtd_env(output: Path) -> dict[str, str]:
    """The environment Read the Docs builds the default version in."""
    return local_env(
        READTHEDOCS="True",
        READTHEDOCS_PROJECT=RTD_PROJECT,
        READTHEDOCS_LANGUAGE="en",
        READTHEDOCS_VERSION="latest",
        READTHEDOCS_VERSION_NAME="latest",
        READTHEDOCS_VERSION_TYPE="branch",
        READTHEDOCS_CANONICAL_URL=RTD_CANONICAL_URL,
        READTHEDOCS_OUTPUT=str(output),
    )


def rtd_config() -> dict:
    import yaml

    return yaml.safe_load((ROOT / ".readthedocs.yaml").read_text(encoding="utf-8"))


def rtd_sphinx_command(config: dict, builder: str, output: Path) -> list[str]:
    """Read the Docs' sphinx-build command line for *builder* ("html" or "latex").

    ``fail_on_warning`` applies to the HTML build only; the PDF's LaTeX is built
    without ``-W``.
    """
    strict = (
        ["-W", "--keep-going"]
        if builder == "html" and config["sphinx"].get("fail_on_warning")
        else []
    )
    return [
        sys.executable,
        "-m",
        "sphinx",
        "-T",
        *strict,
        "-b",
        builder,
        "-d",
        "_build/doctrees",
        "-D",
        "language=en",
        ".",
        str(output),
    ]


def rtd_latexmk_command(slug: str = RTD_PROJECT) -> list[str]:
    """Read the Docs' PDF step, run in the LaTeX output over Sphinx's latexmkrc."""
    return [
        "latexmk",
        "-r",
        "latexmkrc",
        "-pdf",
        "-f",
        "-dvi-",
        "-ps-",
        f"-jobname={slug}",
        "-interaction=nonstopmode",
    ]


class RTDBuild:
    """A copy of the repository built as Read the Docs builds it."""

    def __init__(self, base: Path):
        self.config = rtd_config()
        self.src = copy_site(base / "checkout")
        self.conf_dir = (self.src / self.config["sphinx"]["configuration"]).parent
        self.output = base / "_readthedocs"
        self.env = rtd_env(self.output)

    def run(self, command: list[str], cwd: Path) -> subprocess.CompletedProcess:
        return subprocess.run(command, cwd=cwd, env=self.env, capture_output=True, text=True)

    def html(self) -> subprocess.CompletedProcess:
        return self.run(
            rtd_sphinx_command(self.config, "html", self.output / "html"), self.conf_dir
        )

    def pdf(self) -> tuple[list[subprocess.CompletedProcess], Path]:
        latex_dir = self.output / "pdf"
        steps = [self.run(rtd_sphinx_command(self.config, "latex", latex_dir), self.conf_dir)]
        if steps[0].returncode == 0:
            steps.append(self.run(rtd_latexmk_command(), latex_dir))
        return steps, latex_dir / f"{RTD_PROJECT}.pdf"


@pytest.fixture(scope="session")
def rtd_build(tmp_path_factory) -> RTDBuild:
    """The site built by Read the Docs' HTML command; ``.html_result`` is the process."""
    build = RTDBuild(tmp_path_factory.mktemp("rtd"))
    build.html_result = build.html()
    return build


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
