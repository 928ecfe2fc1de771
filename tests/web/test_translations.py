"""Language (issue 14, item 5): every user-facing string has its English text.

* every English catalogue (the shared ``web/locale`` and each app's own) compiles with
  ``msgfmt --check`` and has no untranslated or fuzzy entry;
* every string marked for translation anywhere in the source (``makemessages`` over a copy of
  the package, i.e. xgettext over the Python files and the templates) has an English text in
  the catalogue Django uses (all catalogues merged).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.utils.translation import trans_real

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "kompetensbron"
CATALOGUES = sorted(PACKAGE.glob("*/locale/en/LC_MESSAGES/django.po"))


def _entries(text: str) -> list[dict[str, str]]:
    out, cur, key = [], {}, None
    for line in [*text.splitlines(), ""]:
        if not line.strip():
            if cur.get("msgid"):
                out.append(cur)
            cur, key = {}, None
            continue
        if line.startswith("#"):
            continue
        match = re.match(r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d\])?) "(.*)"$', line)
        if match:
            key = match.group(1)
            cur[key] = match.group(2)
        elif line.startswith('"') and key:
            cur[key] += line[1:-1]
    return out


def _unescape(s: str) -> str:
    return s.encode().decode("unicode_escape").encode("latin-1").decode()


def test_there_are_catalogues():
    assert {p.parts[-5] for p in CATALOGUES} >= {"web", "samverkan", "housing", "matchning", "education", "graduates"}


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda p: p.parts[-5])
def test_catalogue_is_complete(po: Path):
    if shutil.which("msgfmt") is None:
        pytest.skip("msgfmt (Debian gettext) is not installed")
    result = subprocess.run(
        ["msgfmt", "--check-format", "--check-domain", "--statistics", "-o", "/dev/null", str(po)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    stats = result.stderr.strip().splitlines()[-1]
    assert "untranslated" not in stats and "fuzzy" not in stats, f"{po}: {stats}"
    assert re.match(r"^\d+ translated messages?\.$", stats), stats


def test_every_marked_string_has_an_english_text(tmp_path: Path):
    if shutil.which("xgettext") is None or shutil.which("msguniq") is None:
        pytest.skip("xgettext (Debian gettext) is not installed")
    copy = tmp_path / "kompetensbron"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("locale", "migrations", "__pycache__", "static"))
    (copy / "locale").mkdir()
    command = [sys.executable, "-m", "django", "makemessages", "-l", "en", "--no-location"]
    subprocess.run(command, cwd=copy, check=True, capture_output=True, timeout=300, env={"PATH": "/usr/bin:/bin"})
    extracted = _entries((copy / "locale" / "en" / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8"))
    assert len(extracted) > 1000  # the extraction itself works
    catalog = trans_real.translation("en")._catalog
    missing = []
    for e in extracted:
        msgid = _unescape(e["msgid"])
        key = f"{_unescape(e['msgctxt'])}\x04{msgid}" if "msgctxt" in e else msgid
        if "msgid_plural" in e:
            key = (key, 0)
        if key not in catalog:
            missing.append(key)
    assert not missing, f"{len(missing)} strings without an English text, e.g. {missing[:10]}"
