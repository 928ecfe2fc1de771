"""One data-file cache for the Yrkesbarometer files (issue 9, defect 3): every surface — the
occupation page, the gap map, the dossier's outlook — sees a replaced file on its next call,
without any cache being cleared (as a running server must after ``init`` in another process)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from kompetensbron.config import get_settings
from kompetensbron.dossier import figures as dossier_figures
from kompetensbron.dossier.schemas import TargetOccupation

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_db")]

LAN, SSYK = "22", "2221"


def _copy_of_data_dir(real: Path, tmp: Path) -> Path:
    """Symlinks to the real snapshot, except a copy of ``af-yrkesbarometer/1-ar.xlsx``."""
    data = tmp / "data"
    data.mkdir()
    for entry in real.iterdir():
        if entry.name != "af-yrkesbarometer":
            (data / entry.name).symlink_to(entry)
    af = data / "af-yrkesbarometer"
    af.mkdir()
    for entry in (real / "af-yrkesbarometer").iterdir():
        if entry.name == "1-ar.xlsx":
            shutil.copy2(entry, af / entry.name)
        else:
            (af / entry.name).symlink_to(entry)
    return data


def _set_index(path: Path, lan: str, ssyk: str, value: float) -> None:
    wb = load_workbook(path)
    ws = wb.worksheets[0]
    header = [str(c.value).strip() if c.value is not None else "" for c in ws[1]]
    i_lan, i_ssyk, i_index = header.index("Län"), header.index("SSYK"), header.index("(18H Om 1 år)")
    for row in ws.iter_rows(min_row=2):
        if str(row[i_lan].value or "").startswith(lan + " ") and str(row[i_ssyk].value).strip() == ssyk:
            row[i_index].value = value
            break
    else:
        raise AssertionError(f"no row {lan} × {ssyk}")
    wb.save(path)
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 2_000_000_000))  # a later mtime even on coarse clocks


def _indices(client) -> tuple[float, float, float]:
    page = client.get(f"/api/v1/demand/occupations/{SSYK}").json()
    occupation = next(r for r in page["statistics"]["rows"] if r["code"] == LAN)["outlook"]["index"]
    gap = client.get(f"/api/v1/gap/balance?ssyk={SSYK}").json()
    gap_index = next(r for r in gap["rows"] if r["region_code"] == LAN)["index"]
    target = TargetOccupation(
        ssyk=SSYK,
        label="x",
        provenance="manual",
        provenance_label="",
        score=1,
        rank=1,
        status="confirmed",
        status_label="",
        link_id=1,
    )
    dossier = dossier_figures.outlook_rows([target], LAN)[0][0].lan_index
    return occupation, gap_index, dossier


def test_a_replaced_file_is_seen_by_every_surface_without_clearing_a_cache(
    client, stats_var, use_var, data_dir, tmp_path, monkeypatch
) -> None:
    use_var(stats_var)
    data = _copy_of_data_dir(data_dir, tmp_path)
    monkeypatch.setenv("KOMPETENSBRON_DATA_DIR", str(data))
    get_settings.cache_clear()

    before = _indices(client)
    assert before[0] != 1.25 and before[0] == pytest.approx(before[1], abs=1e-3) == pytest.approx(before[2], abs=0.01)

    _set_index(data / "af-yrkesbarometer" / "1-ar.xlsx", LAN, SSYK, 1.25)
    after = _indices(client)
    assert after == (pytest.approx(1.25), pytest.approx(1.25), pytest.approx(1.25))
    html = client.get(f"/efterfragan/yrke/{SSYK}/").content.decode()
    assert "1,25" in html or "1.25" in html
