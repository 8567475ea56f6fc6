"""The résumé's state in one Sphinx domain: versioned, forgotten page by page,
and every input error reported at a place that exists."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from helpers import build_again, sphinx_warnings
from resume import domain

CONF = (
    'extensions = ["myst_parser", "resume"]\n'
    'myst_enable_extensions = ["colon_fence"]\n'
    "nitpicky = True\n"
)

PAPER = """@misc{roe2019,
  title  = {A Paper},
  author = {Roe, Jane},
  year   = {2019},
}
"""

OTHER_PAPER = """
@misc{roe2020,
  title  = {Another Paper},
  author = {Roe, Jane},
  year   = {2020},
}
"""


def project(path: Path, page: str, conf: str = "", bib: str | None = None) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    (path / "conf.py").write_text(CONF + conf, encoding="utf-8")
    (path / "index.md").write_text(f"# Page\n\n{page}", encoding="utf-8")
    if bib is not None:
        (path / "refs.bib").write_text(bib, encoding="utf-8")
    return path


@pytest.mark.sphinx("html", testroot="items")
def test_the_stored_shape_has_a_version(app, warning):
    app.build()
    assert warning.getvalue() == ""
    assert isinstance(domain.ENV_VERSION, int)
    assert app.extensions["resume"].metadata["env_version"] == domain.ENV_VERSION
    # Sphinx keeps it with the pickled environment.
    assert app.env.version["resume"] == domain.ENV_VERSION


def test_another_version_throws_the_stored_environment_away(
    make_app, rootdir, tmp_path, monkeypatch
):
    src = shutil.copytree(rootdir / "test-items", tmp_path / "items")
    first = make_app("html", srcdir=src, builddir=tmp_path / "_build")
    first.build()
    same = build_again(make_app, first)
    assert "0 added, 0 changed, 0 removed" in same.status.getvalue()
    # A change to what the domain stores comes with a new ENV_VERSION.
    monkeypatch.setattr(domain, "ENV_VERSION", domain.ENV_VERSION + 1)
    bumped = build_again(make_app, same)
    assert "build environment version not current" in bumped.status.getvalue()
    assert "1 added, 0 changed, 0 removed" in bumped.status.getvalue()
    assert bumped.warning.getvalue() == ""


def test_a_fixed_date_clears_the_error_on_an_incremental_build(make_app, tmp_path):
    src = project(tmp_path / "src", ":::{job} Engineer\n:org: O\n:start: 2023-9\n:::\n")
    (tmp_path / "src" / "other.md").write_text("# Other\n", encoding="utf-8")
    index = src / "index.md"
    index.write_text(index.read_text() + "\n```{toctree}\nother\n```\n", encoding="utf-8")
    first = make_app("html", srcdir=src, builddir=tmp_path / "_build")
    first.build()
    assert "index.md:3: ERROR: malformed date '2023-9'" in first.warning.getvalue()
    assert first.statuscode == 1

    index.write_text(index.read_text().replace("2023-9", "2023-09"), encoding="utf-8")
    second = build_again(make_app, first)
    assert second.warning.getvalue() == ""
    assert second.statuscode == 0
    # Incremental: only the page that changed was read again.
    assert "1 changed" in second.status.getvalue()


def test_a_missing_bib_is_named_as_it_is(make_app, tmp_path):
    src = project(
        tmp_path,
        "Some text.\n",
        conf='bibtex_bibfiles = ["publications.bib"]\nbibtex_default_style = "resume"\n',
    )
    app = make_app("html", srcdir=src)
    app.build()
    output = app.warning.getvalue()
    errors = sphinx_warnings(output)
    assert len(errors) == 1, output
    assert f"ERROR: {src / 'publications.bib'}: cannot read" in errors[0]
    assert "publications.bib.rst" not in output and "Traceback" not in output
    assert app.statuscode == 1


def test_a_repeated_bibtex_key_is_reported_at_its_second_entry(make_app, tmp_path):
    bib = PAPER + OTHER_PAPER.replace("roe2020", "roe2019")
    second_entry = bib.splitlines().index("@misc{roe2019,", 1) + 1
    assert second_entry == 7
    src = project(
        tmp_path,
        "```{bibliography}\n:all:\n```\n",
        conf='bibtex_bibfiles = ["refs.bib"]\nbibtex_default_style = "resume"\n',
        bib=bib,
    )
    app = make_app("html", srcdir=src)
    app.build()
    output = app.warning.getvalue()
    assert (
        f"{src / 'refs.bib'}:{second_entry}: ERROR: entry 'roe2019' repeats the key of the "
        "entry at line 1"
    ) in output
    assert "refs.bib.rst" not in output and "Traceback" not in output
    assert app.statuscode == 1
