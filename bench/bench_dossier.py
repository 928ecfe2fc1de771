"""Benchmark of the relevance dossier (issue 4): time to build one dossier, the page, the exports.

    .venv/bin/python bench/bench_dossier.py [--requests 100] [--no-write]

Sets up a temporary var dir the documented way (``kompetensbron init`` then
``kompetensbron import-programmes docs/programme_template.csv``; the enricher cache of the
developer's ``var/models`` is copied in when present, so ``init`` does not rebuild it), then:

1. in this process: the mapping action of the example programme (no occupation links yet; the
   explicit POST stores suggested links) and its first dossier, a rebuild with the caches cleared (mapping
   exists, artefacts loaded), warm builds from the cache, and a rebuild after a new input;
2. the page, the PDF and the Excel file through Django's test client;
3. over HTTP against ``kompetensbron serve`` (gunicorn, 1 worker): the first page of a fresh
   server (mapping exists; loads the skill extractor and the Yrkesbarometer files) and
   sequential warm requests.

Appends/replaces the section ``## Relevance dossier (issue 4)`` of ``bench/RESULTS.md``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "RESULTS.md"
SECTION = "## Relevance dossier (issue 4)"
CLI = str(Path(sys.executable).with_name("kompetensbron"))


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms" if seconds >= 0.01 else f"{seconds * 1000:.1f} ms"


def _pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def _timed(fn, n: int) -> list[float]:
    out = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return out


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> tuple[int, int]:
    with urllib.request.urlopen(url, timeout=120) as r:
        return r.status, len(r.read())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=100, help="warm requests per measure")
    parser.add_argument("--no-write", action="store_true", help="print only; leave bench/RESULTS.md alone")
    parser.add_argument("--keep", action="store_true", help="keep the temporary var dir")
    args = parser.parse_args()

    var = Path(tempfile.mkdtemp(prefix="bench-dossier-"))
    env = {**os.environ, "KOMPETENSBRON_VAR_DIR": str(var)}
    models = ROOT / "var" / "models"
    if models.is_dir():
        shutil.copytree(models, var / "models")
    rows: list[tuple[str, str, str]] = []
    try:
        t = time.perf_counter()
        subprocess.run([CLI, "init"], env=env, check=True, capture_output=True)
        init_s = time.perf_counter() - t
        t = time.perf_counter()
        subprocess.run(
            [CLI, "import-programmes", str(ROOT / "docs" / "programme_template.csv")],
            env=env,
            check=True,
            capture_output=True,
        )
        import_s = time.perf_counter() - t
        rows.append(("`init` (reference data, syllabi, 2024 statistics into a fresh var dir)", f"{init_s:.1f} s", ""))
        rows.append(("`import-programmes docs/programme_template.csv`", f"{import_s:.1f} s", ""))

        os.environ["KOMPETENSBRON_VAR_DIR"] = str(var)
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kompetensbron.web.settings")
        import django

        django.setup()
        from django.core.cache import cache
        from django.test import Client
        from django.test.utils import setup_test_environment

        from kompetensbron.dossier.schemas import InputIn
        from kompetensbron.dossier.services import add_input, build_dossier
        from kompetensbron.education.models import OccupationLink, Programme

        setup_test_environment()
        programme = Programme.objects.get(code="EX-SSK")
        pk = programme.pk
        assert not OccupationLink.objects.filter(programme=programme).exists()

        from kompetensbron.dossier import services

        t = time.perf_counter()
        services.skill_extractor()
        extractor_s = time.perf_counter() - t
        rows.append(
            ("load the skill extractor (from its cache; rebuilt when the enrich code changed)", _ms(extractor_s), "")
        )
        from django.contrib.auth import get_user_model

        staff = get_user_model().objects.create_user(username="bench-staff", password="bench-pw-123", is_staff=True)
        t = time.perf_counter()
        services.suggest_target_occupations(actor=staff, programme_id=pk)
        first = build_dossier(programme_id=pk)
        first_s = time.perf_counter() - t
        links = OccupationLink.objects.filter(programme=programme).count()
        rows.append(
            (
                f"mapping action (POST; {links} links stored, audited) + first dossier (extractor loaded)",
                _ms(first_s),
                "",
            )
        )
        cache.clear()
        t = time.perf_counter()
        d = build_dossier(programme_id=pk)
        rebuild_s = time.perf_counter() - t
        rows.append(("rebuild, mapping exists, caches cleared (artefacts loaded)", _ms(rebuild_s), ""))
        warm = _timed(lambda: build_dossier(programme_id=pk), args.requests)
        rows.append(
            (
                f"build, warm (cached), median / p95 of {args.requests}",
                f"{_ms(statistics.median(warm))} / {_ms(_pct(warm, 0.95))}",
                "< 300 ms",
            )
        )

        user = get_user_model().objects.create_user(username="bench", password="bench-pw-123")
        add_input(
            actor=user,
            programme_id=pk,
            data=InputIn(kind="employer", date=first.built_at.date(), author_name="Bench", text="Benchmark input."),
        )
        t = time.perf_counter()
        build_dossier(programme_id=pk)
        after_input_s = time.perf_counter() - t
        rows.append(
            ("rebuild after a new input (figures cached, inputs and summary rebuilt)", _ms(after_input_s), "< 300 ms")
        )

        client = Client()
        url = f"/relevans/program/{pk}/"
        cache.clear()
        t = time.perf_counter()
        r = client.get(url)
        page_cold = time.perf_counter() - t
        assert r.status_code == 200, r.status_code
        page_warm = _timed(lambda: client.get(url), args.requests)
        rows.append(("page via test client, caches cleared", _ms(page_cold), ""))
        rows.append(
            (
                f"page via test client, warm, median / p95 of {args.requests}",
                f"{_ms(statistics.median(page_warm))} / {_ms(_pct(page_warm, 0.95))}",
                "< 300 ms",
            )
        )
        t = time.perf_counter()
        r = client.get(f"/relevans/program/{pk}.pdf")
        pdf_first = time.perf_counter() - t
        pdf_bytes = len(r.content)
        pdf = _timed(lambda: client.get(f"/relevans/program/{pk}.pdf"), 5)
        xlsx = _timed(lambda: client.get(f"/relevans/program/{pk}.xlsx"), 10)
        xlsx_bytes = len(client.get(f"/relevans/program/{pk}.xlsx").content)
        pages = "?"
        if shutil.which("pdfinfo"):
            pdf_path = var / "d.pdf"
            pdf_path.write_bytes(r.content)
            info = subprocess.run(["pdfinfo", str(pdf_path)], capture_output=True, text=True).stdout
            pages = next((line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")), "?")
        rows.append(
            (
                f"PDF export (WeasyPrint, {pages} A4 pages, {pdf_bytes / 1024:.0f} KiB): first / median of 5",
                f"{_ms(pdf_first)} / {_ms(statistics.median(pdf))}",
                "",
            )
        )
        rows.append(
            (
                f"Excel export (xlsxwriter, 7 sheets, {xlsx_bytes / 1024:.0f} KiB): median of 10",
                _ms(statistics.median(xlsx)),
                "",
            )
        )

        port = _free_port()
        server = subprocess.Popen(
            [CLI, "serve", "--port", str(port), "--workers", "1", "--threads", "4"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            base = f"http://127.0.0.1:{port}"
            for _ in range(200):
                try:
                    _get(base + "/utbildning/")
                    break
                except OSError:
                    time.sleep(0.1)
            t = time.perf_counter()
            status, _ = _get(base + url)
            http_first = time.perf_counter() - t
            assert status == 200
            http_warm = _timed(lambda: _get(base + url), args.requests)
            rows.append(
                ("HTTP (gunicorn, 1 worker): first page of a fresh server, mapping exists", _ms(http_first), "")
            )
            rows.append(
                (
                    f"HTTP: page, warm, median / p95 of {args.requests} sequential",
                    f"{_ms(statistics.median(http_warm))} / {_ms(_pct(http_warm, 0.95))}",
                    "< 300 ms",
                )
            )
            t = time.perf_counter()
            _get(base + f"/api/v1/dossier/programmes/{pk}")
            rows.append(("HTTP: JSON `GET /api/v1/dossier/programmes/{id}`, warm", _ms(time.perf_counter() - t), ""))
        finally:
            server.terminate()
            server.wait(timeout=30)
    finally:
        if not args.keep:
            shutil.rmtree(var, ignore_errors=True)

    top = d.demand[0] if d.demand else None
    load = os.getloadavg()[0]
    stamp = datetime.now().strftime("%Y-%m-%d %H:%M")
    lines = [
        SECTION,
        "",
        "Command: `.venv/bin/python bench/bench_dossier.py` (temporary var dir: `kompetensbron init`, then",
        "`kompetensbron import-programmes docs/programme_template.csv`; the example nursing programme of",
        "15 real MIUN courses in Sundsvall). The dossier is cached per programme under a version key",
        "(programme, links, courses, inputs); demand/outlook/skills are cached apart from the inputs.",
        "",
        f"| measure ({stamp}, load average {load:.1f}) | result | target |",
        "|---|---|---|",
        *[f"| {a} | {b} | {c} |" for a, b, c in rows],
        "",
    ]
    if top is not None:
        lines += [
            f"Figures of the example dossier: {len(d.occupations)} target occupations ({d.target_basis}); top "
            f"{top.ssyk} {top.label}: {top.national:,} ads in Sweden 2024, {top.lan:,} in "
            f"{d.programme.lan.label if d.programme.lan else '–'}, {top.fa:,} in FA-region "
            f"{d.programme.fa_region.label if d.programme.fa_region else '–'}; skills covered "
            f"{len(d.skills.covered)} of {len(d.skills.demanded)} demanded.",
            "",
        ]
    lines += [
        "Cold time is loading, once per process: the skill extractor (a few seconds from its cache; about a",
        "minute when its cache is stale and it is rebuilt), the Yrkesbarometer files with their label back-test",
        "(≈1.2 s) and, for a programme without links, the occupation mapper (reference snapshot, profiles,",
        "IDF over all syllabi: seconds). With those loaded, a rebuild without the cache takes 0.4–1 s (ten",
        "demand queries over the warehouse, skill extraction of the outcomes): above the 300 ms target, so",
        "the target holds for cached dossiers (every repeat view, and a view after a new input), not for the",
        "first view after the programme's links or courses change.",
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
