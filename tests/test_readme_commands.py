"""Every ``kompetensbron …`` command the README shows runs as written.

The commands are read from README.md's code blocks and from its command table. A table
row is a syntax line (``kompetensbron ingest-ads PATH… [--no-enrich] [--workers N]``): it is
run in its shortest documented form -- optional ``[…]`` parts left out, each placeholder
(``PATH…``, ``FILE``, …) replaced by a small real input -- and every option it names must
exist on the command. Each command runs in a subprocess on a temporary var directory
(its own SQLite database and warehouse) after one ``kompetensbron init``, so a README
command that fails as written fails CI.

Commands that start a server are only checked with ``--help`` (:data:`HELP_ONLY`).
``fetch-data`` runs offline: the data directory is complete, so it only verifies hashes.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kompetensbron.cli import app
from kompetensbron.config import get_settings

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
ADS = ROOT / "tests" / "fixtures" / "ads" / "jobsearch_ads.jsonl"

#: commands that would start a long-running server, or need a publisher's live service (the
#: taxonomy version list; ``tests/sources/test_official_refresh.py`` covers it on recorded
#: answers): run with ``--help`` only
HELP_ONLY = {"serve", "fetch-taxonomy"}
#: refresh commands: run against a directory mirror of toy files, into a scratch data directory
REFRESH = {"fetch-barometer", "fetch-ads"}


def readme_commands() -> list[str]:
    """``kompetensbron …`` lines of the code blocks and the cells of the tables, in README order."""
    found: list[str] = []
    for block in re.findall(r"```(?:bash|sh|console)?\n(.*?)```", README, flags=re.S):
        for line in block.splitlines():
            line = line.split("#", 1)[0].strip()
            m = re.search(r"(?:^|/)(kompetensbron\s.*)$", line)
            if m:
                found.append(m.group(1).strip())
    for row in re.findall(r"^\|(.*)\|\s*$", README, flags=re.M):
        first = row.replace("\\|", "\x00").split("|")[0].strip().replace("\x00", "|")
        if first.startswith("`kompetensbron ") and first.endswith("`"):
            found.append(first.strip("`"))
    return found


def _without_optional(syntax: str) -> str:
    previous = None
    while previous != syntax:
        previous, syntax = syntax, re.sub(r"\[[^\[\]]*\]", "", syntax)
    return " ".join(syntax.split())


def _command_name(line: str) -> str:
    return line.split()[1]


def _options(syntax: str) -> set[str]:
    return set(re.findall(r"(?<![\w-])(--[a-z][a-z-]*)", syntax))


COMMANDS = readme_commands()


def test_the_readme_shows_commands_from_both_code_blocks_and_the_table():
    names = {_command_name(c) for c in COMMANDS}
    registered = {c.name or c.callback.__name__.replace("_", "-") for c in app.registered_commands}
    assert "import-programmes docs/programme_template.csv" in " ".join(COMMANDS)
    assert registered <= names, f"commands missing from the README table: {registered - names}"


def _click_command(line: str):
    import typer.main

    command = typer.main.get_command(app).commands[_command_name(line)]  # type: ignore[attr-defined]
    if hasattr(command, "commands"):  # a command group: ``kompetensbron GROUP SUBCOMMAND …``
        command = command.commands[line.split()[2]]
    return command


@pytest.mark.parametrize("line", COMMANDS)
def test_every_documented_option_exists(line):
    command = _click_command(line)
    known = {opt for p in command.params for opt in (*p.opts, *p.secondary_opts)}
    assert _options(line) <= known, f"{line}: unknown options {_options(line) - known}"


# --- running them ---------------------------------------------------------------------------


def _placeholders(work: Path, command: str) -> dict[str, str]:
    """Small real inputs for the placeholders (and example file names) of one command."""
    titles = work / "titles.txt"
    titles.write_text("Sjuksköterska\nsystemutvecklare\n", encoding="utf-8")
    common = {
        "PATH…": str(ADS),
        "FILE": str(ROOT / "docs" / "programme_template.csv"),
        "INPUT": str(titles),
        "OUTPUT": str(work / "out.tsv"),
    }
    demo_owner = "Studentbostäder i Stockholm (exempel)"  # made by `init --demo`, earlier in the README
    if command == "match-round":
        (work / "students.csv").write_text("student_id,preferences\ns1,o1;o2\ns2,o1\n", encoding="utf-8")
        (work / "opportunities.csv").write_text(
            "opportunity_id,capacity,preferences\no1,1,s2;s1\no2,1,s1\n", encoding="utf-8"
        )
        return common | {
            "STUDENTS.csv": str(work / "students.csv"),
            "OPPORTUNITIES.csv": str(work / "opportunities.csv"),
            "OUTPUT.csv": str(work / "matches.csv"),
        }
    if command == "import-housing-stock":
        return common | {
            "FILE": str(get_settings().data_dir / "housing" / "scb_bo0104t7_specialbostader_uppsala_lan_2013-2024.csv")
        }
    if command in ("import-housing-projects", "import-queue-stats"):
        name = "housing_projects_template.csv" if command == "import-housing-projects" else "housing_queue_template.csv"
        text = (
            (ROOT / "docs" / name).read_text(encoding="utf-8").replace("Studentbostäder i Stockholm,", f"{demo_owner},")
        )
        (work / name).write_text(text, encoding="utf-8")
        return common | {"FILE": str(work / name)}
    if command == "import-graduates":
        return common | {"uka|scb": "uka", "FILE": str(ROOT / "docs" / "uka_graduates_example.csv")}
    if command == "fetch-ads":
        return common | {"YYYY": "2023"}
    if command == "dossier-versions":
        programme, user = _dossier_owner(work)
        return common | {"PROGRAMME_ID": programme, "USER": user, "LEFT": f"p{programme}", "RIGHT": f"p{programme}"}
    if command == "simulate-queue":
        rules = work / "my-rules.json"
        rules.write_text('{"base": "sssb", "decline_penalty": {"after_declines": 1}}', encoding="utf-8")
        return common | {"NAME": "sssb", "my-rules.json": str(rules), "result.json": str(work / "result.json")}
    return common


_OWNER_SCRIPT = """
import django, os
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kompetensbron.web.settings")
django.setup()
from django.contrib.auth import get_user_model
from kompetensbron.education.models import Programme
user, _ = get_user_model().objects.get_or_create(username="readme-staff", defaults={"is_staff": True})
print(Programme.objects.order_by("pk").values_list("pk", flat=True).first(), user.username)
"""


def _dossier_owner(work: Path) -> tuple[str, str]:
    """The first programme (``import-programmes`` ran earlier in the README) and a staff user
    who may freeze its dossier, in the README run's database (its var dir's SQLite, as the ``cli``
    fixture's environment: no KOMPETENSBRON_* setting of the test run, e.g. a PostgreSQL URL)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("KOMPETENSBRON_")}
    env.update(KOMPETENSBRON_VAR_DIR=str(work / "var"), PYTHONPATH=os.pathsep.join(sys.path))
    out = subprocess.run(
        [sys.executable, "-c", _OWNER_SCRIPT], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    programme, user = out.stdout.split()[-2:]
    assert programme != "None", "no programme: run import-programmes first"
    return programme, user


def _argv(line: str, placeholders: dict[str, str]) -> list[str]:
    argv = []
    for token in _without_optional(line).split()[1:]:
        if token in placeholders:  # a placeholder, or an example file name of the README
            token = placeholders[token]
        elif re.fullmatch(r"[A-Z][A-Z_…]*", token):
            raise AssertionError(f"{line}: no toy input for placeholder {token}")
        argv.append(token)
    return argv


def _refresh_env(work: Path, env: dict[str, str]) -> dict[str, str]:
    """A scratch data directory and a directory mirror holding toy copies of the live files."""
    import io
    import zipfile

    mirror = work / "live-mirror"
    barometer = mirror / "af-yrkesbarometer" / "yrkesbarometer.json"
    barometer.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(ROOT / "tests" / "fixtures" / "yrkesbarometer" / "yrkesbarometer.json", barometer)
    ads = mirror / "jobtech" / "ads-historical" / "sample-2023.jsonl.zip"
    ads.parent.mkdir(parents=True, exist_ok=True)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("2023.jsonl", ADS.read_bytes())
    ads.write_bytes(buf.getvalue())
    return env | {"KOMPETENSBRON_DATA_DIR": str(work / "refreshed-data"), "KOMPETENSBRON_DATA_MIRROR": str(mirror)}


def _run(argv: list[str], env: dict[str, str], stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "from kompetensbron.cli import main; main()", *argv],
        cwd=ROOT,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=1200,
    )


@pytest.fixture(scope="module")
def cli(tmp_path_factory):
    """A temporary var directory with ``kompetensbron init`` done, and a runner over it."""
    data_dir = get_settings().data_dir
    if not (data_dir / "jobtech").is_dir():
        pytest.skip("no data snapshot")
    work = tmp_path_factory.mktemp("readme")
    var = work / "var"
    models = get_settings().model_cache_dir  # the run's one model cache (tests/conftest.py)
    if models.is_dir():  # the models are keyed by their inputs' hash: reuse a build
        shutil.copytree(models, var / "models")
    env = {k: v for k, v in os.environ.items() if not k.startswith("KOMPETENSBRON_")}
    env.update(
        KOMPETENSBRON_VAR_DIR=str(var),
        KOMPETENSBRON_DATA_DIR=str(data_dir),
        PYTHONPATH=os.pathsep.join(sys.path),
        COLUMNS="200",
    )
    init = _run(["init"], env)
    assert init.returncode == 0, init.stdout + init.stderr
    return work, env, init


@pytest.mark.slow
@pytest.mark.parametrize("line", COMMANDS)
def test_every_readme_command_runs_as_written(cli, line):
    work, env, init = cli
    name = _command_name(line)
    if name in HELP_ONLY:
        result = _run([name, "--help"], env)
    else:
        argv = _argv(line, _placeholders(work, name))
        if name in REFRESH:
            env = _refresh_env(work, env)
        result = init if argv == ["init"] else _run(argv, env, stdin="Erfarenhet av projektledning och omvårdnad.\n")
    assert result.returncode == 0, f"{line}\n{result.stdout}\n{result.stderr}"
    assert "Traceback" not in result.stderr
