"""make update-deps: how a fresh freeze becomes the two pinned lists."""

from __future__ import annotations

import ast
import importlib.metadata
import sys

import pytest

from helpers import ROOT

sys.path.insert(0, str(ROOT / "tools"))

import update_deps  # noqa: E402


def test_each_list_pins_only_what_the_lists_before_it_did_not_install():
    runtime = update_deps.parse_freeze("Sphinx==9.0.4\nsphinx_design==0.8.0\nJinja2==3.1.6\n")
    everything = update_deps.parse_freeze(
        "Sphinx==9.0.4\nsphinx_design==0.8.0\nJinja2==3.1.6\npytest==9.2.0\npluggy==1.7.0\n"
    )
    build, tests = update_deps.split_layers([runtime, everything])
    assert sorted(build) == ["jinja2", "sphinx", "sphinx-design"]
    assert sorted(tests) == ["pluggy", "pytest"]


def test_new_versions_keep_the_comments_and_the_order():
    old = "# Pinned.\n# pytest\npytest==9.1.0\npluggy==1.6.0\n\n# gone next time\noldthing==1.0\n"
    pins = update_deps.parse_freeze("pluggy==1.7.0\npytest==9.2.0\niniconfig==2.3.1\n")
    assert update_deps.refresh(old, pins) == (
        "# Pinned.\n"
        "# pytest\n"
        "pytest==9.2.0\n"
        "pluggy==1.7.0\n"
        "\n"
        "# gone next time\n"
        "# Added by make update-deps\n"
        "iniconfig==2.3.1\n"
    )


def test_names_match_however_they_are_spelled():
    pins = update_deps.parse_freeze("sphinx-design==0.8.1\n")
    assert update_deps.refresh("sphinx_design==0.8.0\n", pins) == "sphinx-design==0.8.1\n"


def test_a_line_that_is_no_pin_is_refused():
    with pytest.raises(ValueError, match="not a pin"):
        update_deps.parse_freeze("-e git+https://example.org/x.git#egg=x\n")


def test_the_pinned_files_pin_every_top_level_requirement_exactly():
    pins: dict[str, str] = {}  # a list may lean on the pins of the lists before it
    for wanted, pinned in update_deps.LISTS:
        pins.update(update_deps.parse_freeze(pinned.read_text(encoding="utf-8")))
        names = [
            update_deps._name(line)
            for line in wanted.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")
        ]
        assert names and all(name in pins for name in names), (wanted, pinned)


# -- The unpinned lists name everything the project imports ------------------


def _wanted(*lists) -> set[str]:
    return {
        update_deps._name(line)
        for wanted in lists
        for line in wanted.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }


def _modules_imported(paths) -> set[str]:
    """The top-level modules that the Python files *paths* import, by name or
    as a string: conf.py's extensions and theme, pytest plugins."""
    modules = set()
    for path in paths:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                modules.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                modules.add(node.module)
            elif isinstance(node, ast.Assign) and any(
                getattr(target, "id", "") in {"extensions", "html_theme", "pytest_plugins"}
                for target in node.targets
            ):
                modules.update(
                    item.value
                    for item in ast.walk(node.value)
                    if isinstance(item, ast.Constant) and isinstance(item.value, str)
                )
    own = {
        path.stem
        for folder in ("_ext", "bench", "tools", "tests")
        for path in (ROOT / folder).glob("*.py")
    } | {path.name for path in (ROOT / "_ext").iterdir() if (path / "__init__.py").is_file()}
    return {
        name.split(".")[0]
        for name in modules
        if name.split(".")[0] not in sys.stdlib_module_names | own | {"__future__", "conf"}
    }


def _missing(modules: set[str], wanted: set[str]) -> list[str]:
    installed = importlib.metadata.packages_distributions()
    return sorted(
        f"{module} ({', '.join(installed.get(module, ['not installed']))})"
        for module in modules
        if not {update_deps._name(dist) for dist in installed.get(module, [])} & wanted
    )


def test_the_build_imports_nothing_that_requirements_in_leaves_out():
    build = [ROOT / "conf.py", *(ROOT / "_ext").rglob("*.py"), *(ROOT / "bench").glob("*.py")]
    modules = _modules_imported(build)
    assert {"sphinx", "myst_parser", "furo", "pybtex", "tinycss2", "notfound"} <= modules
    assert _missing(modules, _wanted(ROOT / "requirements.in")) == []


def test_the_tests_import_nothing_that_the_lists_leave_out():
    modules = _modules_imported((ROOT / "tests").glob("*.py"))
    assert {"pytest", "bs4", "pypdf"} <= modules
    lists = _wanted(ROOT / "requirements.in", ROOT / "tests" / "requirements.in")
    assert _missing(modules, lists) == []


def test_a_module_from_an_unlisted_distribution_is_reported():
    assert _missing({"bs4", "pytest"}, {"pytest"}) == ["bs4 (beautifulsoup4)"]
