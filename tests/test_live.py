"""resume.live: which modules each rebuild imports anew (the project's own)."""

from __future__ import annotations

import importlib
import json
import os
import sys

import sphinx

import resume.items
from helpers import ROOT
from resume import live


def test_the_projects_own_modules_are_imported_anew_and_the_libraries_stay(monkeypatch):
    # make live runs in the repository, where the virtualenv may be too.
    monkeypatch.chdir(ROOT)
    assert live._is_local(resume.items)
    assert not live._is_local(sphinx)
    assert not live._is_local(json)
    assert not live._is_local(object())  # no file at all


def test_a_changed_file_of_the_project_is_seen(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.syspath_prepend(str(tmp_path))
    (tmp_path / "local_part.py").write_text("WORD = 'before'\n")
    local_part = importlib.import_module("local_part")  # written just above

    try:
        loaded = live._local_files()
        assert loaded == {local_part.__file__: mtime(tmp_path / "local_part.py")}
        (tmp_path / "local_part.py").write_text("WORD = 'after'\n")
        os.utime(tmp_path / "local_part.py", ns=(1, 1))
        assert live._local_files() != loaded
    finally:
        del sys.modules["local_part"]


def mtime(path) -> int:
    return os.stat(path).st_mtime_ns
