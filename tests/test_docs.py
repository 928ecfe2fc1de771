"""The README documents every CLI command, setting and API route (datasette's test_docs idea)."""

from pathlib import Path

import pytest

from kompetensbron.cli import app
from kompetensbron.config import Settings

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_has_exactly_two_setup_commands():
    quick_start = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    blocks = [b.split("```", 1)[0] for b in quick_start.split("```bash")[1:]]
    commands = [line.split("#")[0].strip() for b in blocks for line in b.strip().splitlines()]
    assert commands == ["scripts/start", "scripts/test"]
    assert "scripts/test" in (ROOT / ".ci" / "run").read_text()


@pytest.mark.parametrize("command", [c.name or c.callback.__name__.replace("_", "-") for c in app.registered_commands])
def test_every_cli_command_is_documented(command):
    assert f"kompetensbron {command}" in README


@pytest.mark.parametrize("name", list(Settings.model_fields))
def test_every_setting_is_documented(name):
    assert f"KOMPETENSBRON_{name.upper()}" in README


@pytest.mark.django_db
def test_every_api_route_is_documented(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for path, operations in paths.items():
        if path.endswith(".geojson"):
            continue
        for method in operations:
            assert f"`{method.upper()} {path}" in README, f"{method.upper()} {path}"


def test_architecture_names_existing_modules():
    text = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
    for token in text.split("`"):
        if token.startswith("src/kompetensbron/") and "," not in token and "*" not in token:
            assert (ROOT / token).exists(), token
