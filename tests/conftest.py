"""Shared fixtures: Sphinx's test roots, and a build of the whole site."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
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
    "_build", ".venv", ".git", ".pytest_cache", "__pycache__", "tests", "bench"
)


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Where ``@pytest.mark.sphinx(testroot=...)`` finds ``test-<name>``."""
    return ROOT / "tests" / "roots"


def copy_site(dest: Path) -> Path:
    """A copy of the repository's sources in *dest*."""
    shutil.copytree(ROOT, dest, ignore=_NOT_SOURCE)
    return dest


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
        env=env,
    )


# What ``make pdf`` runs on each .tex (the Makefile's XELATEX).
XELATEX = ["xelatex", "-interaction=nonstopmode", "-halt-on-error", "-file-line-error"]


def build_pdf(src: Path, out: Path, *extra: str, env=None):
    """Build the PDF as ``make pdf`` does: the LaTeX builder, then one xelatex run.

    The finished process has Sphinx's exit status and stderr; its stdout
    ends with xelatex's, and a failing xelatex makes the status non-zero.
    """
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


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The whole site, built from a copy of the repository, strictly."""
    src = copy_site(tmp_path_factory.mktemp("site") / "src")
    out = src.parent / "_build"
    result = sphinx_build(src, "html", out)
    assert result.returncode == 0, result.stderr
    assert sphinx_warnings(result.stderr) == []
    return out / "html"


@pytest.fixture(scope="session")
def pdf_build(tmp_path_factory):
    """The PDF, built from a copy of the repository; the finished process with it."""
    src = copy_site(tmp_path_factory.mktemp("pdf") / "src")
    out = src.parent / "_build"
    result = build_pdf(src, out)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr
    return out / "latex", result
