"""What the tests share besides fixtures: building the site and its PDF as the
Makefile does, reading pages and PDFs, serving a folder on localhost, and the
commands that Read the Docs runs.  conftest.py builds its fixtures from these."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import re
import runpy
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
#: The project's extension (the package ``resume``), for the test roots.
EXT = ROOT / "_ext"

# What a copy of the repository leaves out: outputs, caches, the tests themselves.
_NOT_SOURCE = shutil.ignore_patterns(
    "_build", ".venv", ".git", ".pytest_cache", "__pycache__", "tests", "bench", "node_modules"
)

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

# -- Building as the Makefile builds --------------------------------------------


def copy_site(dest: Path) -> Path:
    """A copy of the repository's sources in *dest*."""
    shutil.copytree(ROOT, dest, ignore=_NOT_SOURCE)
    return dest


def local_env(**extra: str) -> dict[str, str]:
    """This process's environment without Read the Docs' variables, plus *extra*.

    ``_ext`` is on ``PYTHONPATH``: a test root's conf.py lists ``resume``
    without putting it on ``sys.path`` as the project's own conf.py does.
    """
    env = {key: value for key, value in os.environ.items() if not key.startswith("READTHEDOCS")}
    paths = [str(EXT), *filter(None, env.get("PYTHONPATH", "").split(os.pathsep))]
    env["PYTHONPATH"] = os.pathsep.join(dict.fromkeys(paths))
    env.update(extra)
    return env


def sphinx_build(src: Path, builder: str, out: Path, *extra: str, env=None):
    """Run ``sphinx-build`` as the Makefile does (``resume.build``); return the
    finished process."""
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "resume.build",
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


def xelatex_all(latex: Path, *extra: str, env=None) -> subprocess.CompletedProcess:
    """Every PDF of the LaTeX output *latex*, as ``make pdf`` makes them (resume.xelatex)."""
    return subprocess.run(
        [sys.executable, "-m", "resume.xelatex", str(latex), *extra],
        capture_output=True,
        text=True,
        env=local_env() if env is None else env,
    )


def build_pdf(src: Path, out: Path, *extra: str, env=None):
    """Build the PDFs as ``make pdf`` does: the LaTeX builder, then resume.xelatex.

    The finished process has Sphinx's exit status and output, then
    resume.xelatex's: a failing xelatex makes the status non-zero.
    """
    env = local_env() if env is None else env
    sphinx = sphinx_build(src, "latex", out, *extra, env=env)
    if sphinx.returncode != 0:
        return sphinx
    pdfs = xelatex_all(out / "latex", env=env)
    sphinx.stdout += pdfs.stdout
    sphinx.stderr += pdfs.stderr
    sphinx.returncode = pdfs.returncode
    return sphinx


def clean_pdf_build(base: Path, *extra: str):
    """Every PDF of a copy of the repository in *base*, built strictly.

    Returns the LaTeX output folder and the finished process.
    """
    src = copy_site(base / "src")
    out = src.parent / "_build"
    result = build_pdf(src, out, *extra)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr
    assert sphinx_warnings(result.stderr) == []
    return out / "latex", result


def sphinx_warnings(stderr: str) -> list[str]:
    """The lines of Sphinx's output that are warnings or errors."""
    return [line for line in stderr.splitlines() if "WARNING" in line or "ERROR" in line]


def assert_clean_build(result) -> None:
    """The build succeeded without a warning or an error."""
    assert result.returncode == 0, result.stderr
    assert sphinx_warnings(result.stderr) == []


def build_again(make_app, app, **kwargs):
    """An incremental build: a new app over *app*'s sources, output and doctrees.

    *app* first lets go of what Sphinx and docutils register process-wide, or
    the new app would warn that every node and directive is registered again.
    """
    app.cleanup()
    again = make_app(
        app.builder.name, srcdir=app.srcdir, builddir=Path(app.doctreedir).parent, **kwargs
    )
    again.build()
    return again


def pdf_names(confdir: Path) -> list[str]:
    """The file names of the PDFs, as conf.py's ``latex_documents`` names each .tex."""
    conf = runpy.run_path(str(Path(confdir) / "conf.py"))
    return [Path(document[1]).with_suffix(".pdf").name for document in conf["latex_documents"]]


def pdf_name(confdir: Path) -> str:
    """The PDF's file name: the first of ``latex_documents``, the one the site links."""
    return pdf_names(confdir)[0]


# -- Reading what was built -------------------------------------------------------


def soup_of(path: Path) -> BeautifulSoup:
    return BeautifulSoup(Path(path).read_text(encoding="utf-8"), "html.parser")


def page(site: Path, name: str) -> BeautifulSoup:
    """The page *name* of *site*, named by its path in the site: ``sections/talks.html``."""
    return soup_of(site / name)


def files_in(folder: Path, skip: tuple[str, ...] = ()) -> dict[str, bytes]:
    """Every file under *folder* by its path there, with its bytes; less the suffixes *skip*."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.suffix not in skip
    }


def site_pages(site: Path) -> list[str]:
    """Every page of the built site, as paths relative to its root."""
    return sorted(path.relative_to(site).as_posix() for path in site.rglob("*.html"))


def run(*command: str) -> str:
    """The output of *command*, which must succeed."""
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


def pdf_text(pdf: Path) -> str:
    """The PDF's text as pdftotext reads it; a new page starts on a new line."""
    return run("pdftotext", str(pdf), "-").replace("\f", "\n")


def pdf_info(pdf: Path) -> dict[str, str]:
    """pdfinfo's fields: ``Title``, ``Author``, ``Pages``, ``Page size``..."""
    fields = {}
    for line in run("pdfinfo", str(pdf)).splitlines():
        key, sep, value = line.partition(":")
        if sep:
            fields[key.strip()] = value.strip()
    return fields


# -- The site on localhost ---------------------------------------------------------

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


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a built site as Read the Docs does: 404.html for a missing page."""

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


@contextlib.contextmanager
def serve(directory: Path) -> Iterator[str]:
    """*directory* at ``http://127.0.0.1:<port>/``: yields that base URL."""
    handler = functools.partial(_SiteHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


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
        self.html_result: subprocess.CompletedProcess | None = None

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


# -- CSS ------------------------------------------------------------------------------


def css_selectors(css: str) -> set[str]:
    """Every selector of *css*, inside ``@media`` and ``@supports`` too, as written."""
    import tinycss2

    def walk(rules) -> Iterator[str]:
        for rule in rules:
            if rule.type == "qualified-rule":
                for selector in tinycss2.serialize(rule.prelude).split(","):
                    yield " ".join(selector.split())
            elif rule.type == "at-rule" and rule.content is not None:
                yield from walk(tinycss2.parse_rule_list(rule.content, skip_whitespace=True))

    return set(walk(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)))


def uses_class(selector: str, name: str) -> bool:
    """Whether *selector* names the class *name* itself (``.sd-card``, not ``.sd-card-body``)."""
    return re.search(r"\." + re.escape(name) + r"(?![\w-])", selector) is not None
