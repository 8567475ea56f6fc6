"""resume.live: the application kept between rebuilds, and which modules a new
worker imports anew (the project's own)."""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import sphinx

import resume.items
from helpers import ROOT, copy_site, files_in, local_env, sphinx_warnings
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


def test_without_an_application_it_keeps_a_change_starts_over(monkeypatch, tmp_path):
    from types import SimpleNamespace

    page = [tmp_path / "page.md"]
    monkeypatch.setattr(live, "_APP", None)
    assert live._rebuild(page) is None
    # A Sphinx that keeps its warning count or its doctrees under other names.
    monkeypatch.setattr(live, "_APP", SimpleNamespace(env=SimpleNamespace(), statuscode=0))
    assert live._rebuild(page) is None


def mtime(path) -> int:
    return os.stat(path).st_mtime_ns


# What make live does, step by step, in a copy of the site: the builder that
# the server calls, each change's paths as the watcher gives them.
DRIVER = """
import json, os, shutil, subprocess, sys
from pathlib import Path
from resume import live

live.preload(Path("."))
builder = live.KeptBuilder(
    ["-n", "-W", "--keep-going", ".", "_build/html"],
    url_host="127.0.0.1:0", pre_build_commands=[], post_build_commands=[],
)
section = Path("sections/experience.md").resolve()
text = section.read_text(encoding="utf-8")
steps = []

def save(name, *paths, words=None):
    if words is not None:
        section.write_text(text + words, encoding="utf-8")
    status = builder._build([Path(path).resolve() for path in paths])
    worker = builder._worker.submit(os.getpid).result()
    page = Path("_build/html/sections/experience.html").read_text(encoding="utf-8")
    steps.append({"step": name, "status": status, "worker": worker, "page": page})
    print(f"-- after {name}", file=sys.stderr, flush=True)

save("first")
# A section, and the headline that every page's social card names.
index = Path("index.md").resolve()
headline = "distributed game servers."
index.write_text(
    index.read_text(encoding="utf-8").replace(headline, "distributed game servers, live."),
    encoding="utf-8",
)
save("page", section, index, words="\\nSaved once.\\n")
shutil.copytree("_build/html", "_build/kept")
# What a new sphinx-build makes of the same sources, beside it.
subprocess.run(
    [sys.executable, "-m", "resume.build", "-n", "-W", "--keep-going", ".", "_build/new"],
    check=True,
)
print("-- built anew", file=sys.stderr, flush=True)
save("unknown key", section, words="\\nSee {cite}`no-such-key`.\\n")
save("fixed", section, words="\\nSaved twice.\\n")
save("page again", section, words="\\nSaved three times.\\n")
Path("conf.py").touch()
save("conf.py", "conf.py")
builder._worker.shutdown()
print(json.dumps(steps))
"""


@pytest.fixture(scope="module")
def live_steps(tmp_path_factory):
    """Each step's build status, worker and page, and what they printed."""
    src = copy_site(tmp_path_factory.mktemp("live") / "src")
    env = local_env(PYTHONPATH=str(src / "_ext"), SOURCE_DATE_EPOCH="1700000000")
    done = subprocess.run(
        [sys.executable, "-c", DRIVER], cwd=src, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr[-3000:]
    steps = {step["step"]: step for step in json.loads(done.stdout.splitlines()[-1])}
    return src, steps, done.stdout + done.stderr


def _outputs(folder: Path) -> dict[str, bytes]:
    # .buildinfo hashes the configuration, whose templates_path names the
    # build's own doctree folder; the doctrees are the builds' caches.
    return {
        name: data
        for name, data in files_in(folder).items()
        if Path(name).name != ".buildinfo" and ".doctrees" not in Path(name).parts
    }


@pytest.mark.system
def test_a_saved_page_is_built_again_by_the_same_worker(live_steps):
    _, steps, _ = live_steps
    assert steps["first"]["status"] == 0
    assert steps["page"]["status"] == 0
    assert steps["page"]["worker"] == steps["first"]["worker"]
    assert "Saved once." in steps["page"]["page"]


@pytest.mark.system
def test_the_kept_application_writes_what_a_new_build_writes(live_steps):
    src, _, output = live_steps
    # The first build, the rebuild, and the new build.
    assert sphinx_warnings(output.split("-- built anew")[0]) == []
    kept = _outputs(src / "_build" / "kept")
    new = _outputs(src / "_build" / "new")
    assert "index.html" in new and "resume.txt" in new and "resume.json" in new
    assert b"game servers, live." in kept["sections/talks.html"]  # the card's words
    assert kept.keys() == new.keys()
    assert [name for name in new if kept[name] != new[name]] == []


@pytest.mark.system
def test_a_failed_build_is_reported_and_the_next_save_starts_over(live_steps):
    _, steps, output = live_steps
    assert steps["unknown key"]["status"] != 0
    assert 'sections/experience.md: unknown citation key "no-such-key"' in output
    # A failed build leaves nothing behind: the next save gets a new worker.
    assert steps["fixed"]["status"] == 0
    assert steps["fixed"]["worker"] != steps["unknown key"]["worker"]
    assert "Saved twice." in steps["fixed"]["page"]
    assert steps["page again"]["worker"] == steps["fixed"]["worker"]
    assert "Saved three times." in steps["page again"]["page"]


@pytest.mark.system
def test_a_change_to_anything_but_a_page_starts_a_new_worker(live_steps):
    _, steps, _ = live_steps
    assert steps["conf.py"]["status"] == 0
    assert steps["conf.py"]["worker"] != steps["page again"]["worker"]
