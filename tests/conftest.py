"""Shared fixtures: Sphinx's test roots, a build of the whole site."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "_ext"))

pytest_plugins = ("sphinx.testing.fixtures",)

# What a copy of the repository leaves out: outputs, caches, the tests themselves.
_NOT_SOURCE = shutil.ignore_patterns(
    "_build", ".venv", ".git", ".pytest_cache", "__pycache__", "tests", "bench", "node_modules"
)


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
        [sys.executable, "-m", "sphinx", "-b", builder, "-n", "-W", "--keep-going",
         "-d", str(out / "doctrees"), *extra, str(src), str(out / builder)],
        capture_output=True,
        text=True,
        env=local_env() if env is None else env,
    )


def assert_clean_build(result) -> None:
    """The build succeeded without a warning or an error."""
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr and "ERROR" not in result.stderr, result.stderr


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The whole site, built from a copy of the repository, strictly."""
    src = copy_site(tmp_path_factory.mktemp("site") / "src")
    out = src.parent / "_build"
    assert_clean_build(sphinx_build(src, "html", out))
    return out / "html"


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

