"""The hosted build: .readthedocs.yaml is valid, and the commands that Read the
Docs runs with it succeed, with Read the Docs' environment."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import jsonschema
import pytest

from helpers import (
    ROOT,
    RTD_CANONICAL_URL,
    copy_site,
    local_env,
    rtd_config,
    site_pages,
    soup_of,
)

SCHEMA = ROOT / "tests" / "schemas" / "readthedocs-v2.json"


# -- The configuration ----------------------------------------------------------


def test_config_is_valid_against_read_the_docs_schema():
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.validators.validator_for(schema)(schema)
    assert [error.message for error in validator.iter_errors(rtd_config())] == []


def test_schema_check_catches_a_wrong_config():
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    config = {**rtd_config(), "formats": ["docx"]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(config, schema)


def test_config_builds_this_project_strictly_with_a_pdf():
    config = rtd_config()
    assert config["version"] == 2
    assert config["build"]["tools"]["python"] == "3.11"
    assert config["python"]["install"] == [{"requirements": "requirements.txt"}]
    assert (ROOT / config["sphinx"]["configuration"]).resolve() == ROOT / "conf.py"
    assert config["sphinx"]["fail_on_warning"] is True
    assert config["formats"] == ["pdf"]


def _pinned(requirements: Path) -> set[str]:
    names = set()
    for line in requirements.read_text(encoding="utf-8").splitlines():
        line = line.split("#")[0].strip()
        if line:
            assert "==" in line, f"{requirements.name}: {line!r} is not pinned"
            names.add(re.sub(r"[-_.]+", "-", line.split("==")[0]).lower())
    return names


@pytest.mark.system
def test_requirements_hold_everything_the_build_imports(tmp_path):
    """Read the Docs installs requirements.txt only: the build must need nothing else."""
    src = copy_site(tmp_path / "src")
    script = textwrap.dedent(
        """
        import importlib.metadata, json, sys
        from sphinx.cmd.build import build_main
        src, out = sys.argv[1], sys.argv[2]
        status = build_main(["-q", "-b", "html", "-d", out + "/doctrees", src, out + "/html"])
        owners = importlib.metadata.packages_distributions()
        # _distutils_hack comes from a .pth file at start-up, not from the build.
        used = {dist for name in list(sys.modules) if not name.startswith("_distutils_hack")
                for dist in owners.get(name.split(".")[0], [])}
        print(json.dumps([status, sorted(used)]))
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(src), str(tmp_path / "out")],
        capture_output=True,
        text=True,
        env=local_env(),
    )
    status, used = json.loads(result.stdout.strip().splitlines()[-1])
    assert status == 0, result.stderr
    used = {re.sub(r"[-_.]+", "-", name).lower() for name in used}
    assert "tinycss2" in used and "sphinxext-opengraph" in used
    assert used - _pinned(ROOT / "requirements.txt") == set()


# -- The HTML build, as Read the Docs runs it -------------------------------------


@pytest.mark.system
def test_html_build_succeeds_without_a_warning(rtd_build):
    result = rtd_build.html_result
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr and "ERROR" not in result.stderr, result.stderr


@pytest.mark.system
def test_canonical_and_opengraph_urls_come_from_read_the_docs(rtd_build):
    html = rtd_build.output / "html"
    for name in site_pages(html):
        soup = soup_of(html / name)
        assert soup.select_one('link[rel="canonical"]')["href"] == RTD_CANONICAL_URL + name
        assert soup.select_one('meta[property="og:url"]')["content"] == RTD_CANONICAL_URL + name


@pytest.mark.system
def test_sitemap_and_robots_use_the_read_the_docs_address(rtd_build):
    html = rtd_build.output / "html"
    locs = re.findall(r"<loc>([^<]+)</loc>", (html / "sitemap.xml").read_text(encoding="utf-8"))
    assert sorted(locs) == sorted(
        RTD_CANONICAL_URL + name for name in site_pages(html) if name != "404.html"
    )
    assert f"Sitemap: {RTD_CANONICAL_URL}sitemap.xml" in (html / "robots.txt").read_text(
        encoding="utf-8"
    )


@pytest.mark.system
def test_404_page_links_work_at_any_depth_of_the_version(rtd_build):
    soup = soup_of(rtd_build.output / "html" / "404.html")
    links = [
        a["href"]
        for a in soup.select("a[href]")
        if not re.match(r"#|https?:", a["href"]) and not a.get("hreflang")
    ]
    assert len(links) >= 7 and all(href.startswith("/en/latest/") for href in links), links
    # The language switcher goes to the Korean project's same page.
    other = [a["href"] for a in soup.select("a[hreflang]")]
    assert other and all(href.startswith("/ko/latest/") for href in other), other
    assert soup.select_one('link[rel="stylesheet"]')["href"].startswith("/en/latest/_static/")
    home = soup.select_one("article a.reference")
    assert home["href"] == "/en/latest/index.html#home"


# -- The PDF, as Read the Docs builds it --------------------------------------------


@pytest.mark.system
def test_pdf_build_succeeds(rtd_build, request):
    index = soup_of(rtd_build.output / "html" / "index.html")
    if not index.select("a.resume-pdf-link"):
        pytest.skip("the site offers no PDF yet (resume_pdf_url, .resume-pdf-link)")
    pdf = request.getfixturevalue("rtd_pdf")
    assert pdf.read_bytes().startswith(b"%PDF-")
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Heungsub Lee" in text and "Work Experience" in text
