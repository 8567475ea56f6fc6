"""The Python code keeps one style: ruff's checks and format (pyproject.toml)."""

from __future__ import annotations

import re
import subprocess
import sys

from helpers import ROOT

PATHS = ["conf.py", "_ext", "bench", "tests", "tools/update_deps.py"]


def ruff(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "ruff", *args, *PATHS], cwd=ROOT, capture_output=True, text=True
    )


def test_ruff_check():
    result = ruff("check", "--no-cache")
    assert result.returncode == 0, result.stdout


def test_ruff_format():
    result = ruff("format", "--check", "--no-cache")
    assert result.returncode == 0, result.stdout


def test_tests_import_helpers_not_conftest():
    # conftest.py is pytest's: fixtures and hooks. What tests share is in helpers.py.
    importing = [
        path.name
        for path in sorted((ROOT / "tests").glob("*.py"))
        if re.search(r"^\s*(from conftest import|import conftest)\b", path.read_text(), re.M)
    ]
    assert importing == []
