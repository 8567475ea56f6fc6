"""The Nu HTML Checker (vnu.jar, the W3C's validator) over every page of the site."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from helpers import PAGES, VNU_JAR

pytestmark = pytest.mark.system


def validate(paths) -> list[dict]:
    """vnu's messages about *paths*, errors and warnings alike."""
    java = shutil.which("java")
    if java is None or not VNU_JAR.is_file():
        pytest.fail(
            "Java or vnu.jar is missing: `make test` installs them "
            "(tests/apt-packages.txt, tests/package.json)"
        )
    result = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--format", "json", "--exit-zero-always", *map(str, paths)],
        capture_output=True,
        text=True,
    )
    return json.loads(result.stderr)["messages"]


def errors(messages: list[dict]) -> list[str]:
    return [
        f"{m.get('url', '').rsplit('/html/', 1)[-1]}:{m.get('lastLine', '?')}: {m['message']}"
        for m in messages
        if m["type"] in ("error", "non-document-error")
    ]


def test_the_checker_finds_errors(tmp_path):
    broken = tmp_path / "broken.html"
    broken.write_text(
        "<!doctype html><html lang=en><title>x</title><p><div></span>", encoding="utf-8"
    )
    assert errors(validate([broken]))


def test_every_page_is_valid_html(site):
    # A page that cannot be read is a "non-document-error", counted as an error.
    assert errors(validate([site / name for name in PAGES])) == []
