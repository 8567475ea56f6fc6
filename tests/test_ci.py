"""CI where the repository lives: the GitHub Actions workflow is valid, and it
runs the tests as a contributor does, with `make test`."""

from __future__ import annotations

import json
import subprocess
from importlib.resources import files

import jsonschema
import pytest
from ruamel.yaml import YAML

from helpers import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "test.yml"
#: GitHub's workflow schema, as check-jsonschema ships it (its check-github-workflows hook).
SCHEMA = files("check_jsonschema.builtin_schemas.vendor") / "github-workflows.json"


def load(text: str) -> dict:
    # YAML 1.2, as GitHub reads it: the key `on` stays a string (YAML 1.1 reads True).
    return YAML(typ="safe", pure=True).load(text)


def schema_errors(text: str) -> list[str]:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.validators.validator_for(schema)(
        schema, format_checker=jsonschema.FormatChecker()
    )
    return [error.message for error in validator.iter_errors(load(text))]


def test_workflow_is_valid_against_the_schema():
    assert schema_errors(WORKFLOW.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize(
    ("broken", "instead"),
    [
        ("      - run: make test\n", "      - runs: make test\n"),
        ("    runs-on: ubuntu-latest\n", ""),
        ("  pull_request:\n", "  pull-request:\n"),
    ],
    ids=["misspelt-step-key", "no-runner", "unknown-event"],
)
def test_the_check_catches_a_broken_workflow(broken, instead):
    text = WORKFLOW.read_text(encoding="utf-8")
    assert broken in text
    assert schema_errors(text.replace(broken, instead)) != []


def test_workflow_runs_make_test_on_every_push_and_pull_request():
    data = load(WORKFLOW.read_text(encoding="utf-8"))
    assert set(data["on"]) == {"push", "pull_request"}
    (job,) = data["jobs"].values()
    assert job["runs-on"] == "ubuntu-latest"
    # Debian 12 and Python 3.11: the system whose package names the lists use.
    assert job["container"]["image"] == "python:3.11-bookworm"
    steps = job["steps"]
    # The checkout, and Node.js 20 for resumed (Debian 12's is 18).
    assert [step["uses"].split("@")[0] for step in steps if "uses" in step] == [
        "actions/checkout",
        "actions/setup-node",
    ]
    # Nothing installed by hand: `make test` sets up what it needs, as on a fresh clone.
    assert [step["run"] for step in steps if "run" in step] == ["make test"]


def test_make_test_runs_both_tiers_and_make_test_fast_the_fast_one():
    def recipe(target: str) -> list[str]:
        output = subprocess.run(
            ["make", "-n", "--no-print-directory", target],
            cwd=ROOT,
            capture_output=True,
            text=True,
        ).stdout
        return [line for line in output.splitlines() if "pytest" in line]

    # Both on every core, each test file on one worker (its fixtures built once).
    (test,) = recipe("test")
    assert test.endswith("-m pytest -n auto --dist loadfile")
    (fast,) = recipe("test-fast")
    assert fast.endswith('-m pytest -n auto --dist loadfile -m "not system"')
