"""The install/run/test scripts exist, are executable and are valid bash."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = ["scripts/start", "scripts/test", "scripts/setup", "scripts/postgres", ".ci/run"]


@pytest.mark.parametrize("name", SCRIPTS)
def test_script_is_executable_bash(name: str) -> None:
    path = ROOT / name
    assert path.is_file(), f"{name} is missing"
    assert os.access(path, os.X_OK), f"{name} is not executable"
    assert path.read_text(encoding="utf-8").startswith("#!/usr/bin/env bash\n")
    bash = shutil.which("bash")
    assert bash
    result = subprocess.run([bash, "-n", str(path)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("name", ["scripts/start", "scripts/test", "scripts/setup", "scripts/postgres"])
def test_script_is_strict(name: str) -> None:
    assert "set -euo pipefail" in (ROOT / name).read_text(encoding="utf-8")


def test_ci_runs_the_test_script() -> None:
    text = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "set -euo pipefail" in text
    assert re.search(r"^\s*(exec\s+)?(bash\s+)?\"?(\./)?scripts/test\b", text, re.MULTILINE)


def test_test_script_fails_on_no_tests_and_runs_postgres() -> None:
    text = (ROOT / "scripts" / "test").read_text(encoding="utf-8")
    assert "scripts/postgres" in text
    assert re.search(r"^\s*5\)", text, re.MULTILINE), "pytest exit 5 (no tests) must count as failure"


def test_js_assets_are_pinned() -> None:
    import json

    package = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    assert package["private"] is True
    assert "scripts" not in package
    for name, version in package["dependencies"].items():
        assert re.fullmatch(r"\d+\.\d+\.\d+", version), f"{name} is not pinned exactly: {version}"
    assert package["dependencies"]["htmx.org"].startswith("2.0.")
    lock = (ROOT / "package-lock.json").read_text(encoding="utf-8")
    assert '"resolved"' not in lock, "package-lock.json must not name registry hosts"
