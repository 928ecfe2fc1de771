"""Benchmark of the dossier's first view (issue 14, item 7): a newly imported programme's page,
its figures fragment and its PDF, in a fresh process.

    PYTHONPATH=src .venv/bin/python bench/bench_dossier_first_view.py [--no-write]

Sets up a temporary var dir the documented way (``kompetensbron init`` then ``kompetensbron
import-programmes docs/programme_template.csv``; the enricher cache of the developer's
``var/models`` is copied in when present), then in this process — nothing loaded yet, empty
caches — times through Django's test client:

1. the first view of the newly imported programme's dossier page (no occupation links yet);
   (after the process's first request, the start page, which loads Django's URL map and
   translations — a server does that once when it starts);
2. the same after the explicit mapping action stored its suggested target occupations, with the
   caches cleared: the page (answers at once, figures pending) and then the htmx figures fragment
   (which builds demand, outlook and skills);
3. the PDF: first (WeasyPrint, tagged PDF/UA-1) and again for the same dossier version (cache).

Appends/replaces the section ``## Dossier first view (issue 14)`` of ``bench/RESULTS.md``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "RESULTS.md"
SECTION = "## Dossier first view (issue 14)"
CLI = [str(Path(sys.executable).with_name("kompetensbron"))]


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms"


def _timed(fn):
    t = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - t


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--no-write", action="store_true", help="print only; leave bench/RESULTS.md alone")
    parser.add_argument("--var", type=Path, help="an existing var dir after init + import-programmes (kept)")
    args = parser.parse_args()

    var = args.var or Path(tempfile.mkdtemp(prefix="bench-first-view-"))
    env = {**os.environ, "KOMPETENSBRON_VAR_DIR": str(var)}
    models = ROOT / "var" / "models"
    if models.is_dir() and args.var is None:
        shutil.copytree(models, var / "models")
    rows: list[tuple[str, str, str]] = []
    try:
        if args.var is None:
            subprocess.run([*CLI, "init"], env=env, check=True, capture_output=True)
            subprocess.run(
                [*CLI, "import-programmes", str(ROOT / "docs" / "programme_template.csv")],
                env=env,
                check=True,
                capture_output=True,
            )
        os.environ["KOMPETENSBRON_VAR_DIR"] = str(var)
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kompetensbron.web.settings")
        import django

        django.setup()
        from django.contrib.auth import get_user_model
        from django.core.cache import cache
        from django.test import Client
        from django.test.utils import setup_test_environment

        from kompetensbron.dossier.services import suggest_target_occupations
        from kompetensbron.education.models import OccupationLink, Programme

        setup_test_environment()
        client = Client()
        pk = Programme.objects.get(code="EX-SSK").pk
        assert not OccupationLink.objects.filter(programme_id=pk).exists()
        url = f"/relevans/program/{pk}/"

        r, s = _timed(lambda: client.get("/"))
        assert r.status_code == 200
        rows.append(("the process's first request, the start page (imports, URL map, translations)", _ms(s), ""))
        r, s = _timed(lambda: client.get(url))
        assert r.status_code == 200
        pending = b"dossier-pending" in r.content
        rows.append(
            (
                "first view of the newly imported programme's dossier (no links; no model or data file loaded yet)"
                + (", figures pending" if pending else ""),
                _ms(s),
                "< 1 s",
            )
        )
        r, s = _timed(lambda: client.get(url + "siffror/", HTTP_HX_REQUEST="true"))
        assert r.status_code == 200
        rows.append(("its figures fragment (htmx, Yrkesbarometer files loaded here)", _ms(s), ""))

        staff = get_user_model().objects.create_user(username="bench-staff", password="bench-pw-123", is_staff=True)
        _, s = _timed(lambda: suggest_target_occupations(actor=staff, programme_id=pk))
        links = OccupationLink.objects.filter(programme_id=pk).count()
        rows.append((f"mapping action (explicit POST; {links} links stored; mapper built)", _ms(s), ""))
        cache.clear()
        r, s = _timed(lambda: client.get(url))
        assert r.status_code == 200 and b"dossier-pending" in r.content
        rows.append(("first view after the mapping, caches cleared: page (figures pending)", _ms(s), "< 1 s"))
        r, s = _timed(lambda: client.get(url + "siffror/", HTTP_HX_REQUEST="true"))
        assert r.status_code == 200 and b'id="efterfragan"' in r.content
        rows.append(("its figures fragment (demand, outlook, skills built)", _ms(s), ""))
        r, s = _timed(lambda: client.get(url))
        assert b"dossier-pending" not in r.content
        rows.append(("the page again (whole, from the cache)", _ms(s), ""))

        r, first_pdf = _timed(lambda: client.get(f"/relevans/program/{pk}.pdf"))
        assert r.status_code == 200 and r.content.startswith(b"%PDF")
        size = len(r.content)
        tagged = "?"
        if shutil.which("pdfinfo"):
            info = subprocess.run(["pdfinfo", "-"], input=r.content, capture_output=True, text=False).stdout.decode()
            tagged = next((line.split()[-1] for line in info.splitlines() if line.startswith("Tagged:")), "?")
        rows.append((f"PDF, first (WeasyPrint PDF/UA-1, tagged: {tagged}, {size / 1024:.0f} KiB)", _ms(first_pdf), ""))
        again = [_timed(lambda: client.get(f"/relevans/program/{pk}.pdf"))[1] for _ in range(5)]
        rows.append(("PDF again, same dossier version (content-hash cache), median of 5", _ms(sorted(again)[2]), ""))
    finally:
        if args.var is None:
            shutil.rmtree(var, ignore_errors=True)

    load = os.getloadavg()[0]
    stamp = datetime.now().strftime("%Y-%m-%d %H:%M")
    lines = [
        SECTION,
        "",
        "Command: `PYTHONPATH=src .venv/bin/python bench/bench_dossier_first_view.py` (temporary var dir:",
        "`kompetensbron init`, then `kompetensbron import-programmes docs/programme_template.csv`; the example",
        "nursing programme). The page answers with what it has (programme, target occupations, inputs,",
        "sources) and fetches demand, outlook and skills with one htmx request; PDFs are cached by the SHA-256",
        "of their HTML (data and language).",
        "",
        f"| measure ({stamp}, load average {load:.1f}) | result | target |",
        "|---|---|---|",
        *[f"| {a} | {b} | {c} |" for a, b, c in rows],
        "",
    ]
    text = "\n".join(lines)
    print(text)
    if not args.no_write:
        current = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Benchmark results\n"
        if SECTION in current:
            start = current.index(SECTION)
            nxt = current.find("\n## ", start + len(SECTION))
            current = current[:start] + text + ("\n" + current[nxt + 1 :] if nxt != -1 else "")
        else:
            current = current.rstrip("\n") + "\n\n" + text
        RESULTS.write_text(current, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
