"""The command line imports its library before it sets Django up (``setup_django``): the
packages it reads first (sources, warehouse, analysis, enrich, cli) must import in a process
where Django is not configured. A module-level ``django.utils.translation.gettext_noop`` broke
``kompetensbron init`` this way (Django's reads ``settings.USE_I18N``); the library marks its
msgids with :func:`kompetensbron.errors.gettext_noop` instead."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src"

SCRIPT = """
import importlib, pkgutil
import kompetensbron
bad = []
for name in ("sources", "warehouse", "analysis", "enrich", "cli"):
    package = importlib.import_module("kompetensbron." + name)
    for module in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        try:
            importlib.import_module(module.name)
        except Exception as exc:
            bad.append(f"{module.name}: {exc!r}"[:300])
from kompetensbron.sources.catalog import DATASETS
assert DATASETS
print("\\n".join(bad) or "ok")
"""


def test_the_library_imports_without_django_settings() -> None:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env["PYTHONPATH"] = os.pathsep.join([str(SRC), env.get("PYTHONPATH", "")])
    done = subprocess.run([sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "ok", done.stdout
