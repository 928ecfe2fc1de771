"""The dossier names the date of every figure's data: the 2019 one-year workbook is dated and
flagged as old, and a fetched open-data Yrkesbarometer round is shown as the newest."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from kompetensbron.config import get_settings
from kompetensbron.dossier.exports import dossier_xlsx
from kompetensbron.dossier.services import build_dossier

pytestmark = pytest.mark.django_db
FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "yrkesbarometer" / "yrkesbarometer.json"


def test_the_workbook_forecast_is_dated_and_flagged_old(linked, client):
    d = build_dossier(programme_id=linked.pk, use_cache=False)
    assert (d.outlook_date, d.outlook_old, d.current_round) == ("2019-06", True, None)
    assert any("ettårsprognos (data från 2019-06, gammal data)" in s for s in d.summary)
    one_year = next(s for s in d.sources if s.detail.endswith("1-ar.xlsx"))
    assert (one_year.data_date, one_year.data_old) == ("2019-06", True)
    assert all(p.data_date for p in d.demand_provenance + d.outlook_provenance)
    html = client.get(f"/relevans/program/{linked.pk}/").content.decode()
    assert "Data från 2019-06" in html and "gammal data" in html
    api = client.get(f"/api/v1/dossier/programmes/{linked.pk}").json()
    assert api["outlook_date"] == "2019-06" and api["outlook_provenance"][0]["data_old"] is True
    sheet = load_workbook(io.BytesIO(dossier_xlsx(d)))["Källor"]
    assert sheet["E1"].value == "Data från"
    assert "2019-06 (gammal data)" in [c.value for c in sheet["E"]]


def _data_dir_with_round(real: Path, tmp: Path) -> Path:
    """Symlinks to the snapshot plus a fetched ``yrkesbarometer.json`` rating 2221 in Västernorrland."""
    data = tmp / "data"
    data.mkdir()
    for entry in real.iterdir():
        if entry.name != "af-yrkesbarometer":
            (data / entry.name).symlink_to(entry)
    (data / "af-yrkesbarometer").mkdir()
    for entry in (real / "af-yrkesbarometer").iterdir():
        (data / "af-yrkesbarometer" / entry.name).symlink_to(entry)
    rows = json.loads(FIXTURE.read_text(encoding="utf-8"))
    for row in rows:
        if row["ssyk"] == "5120":
            row.update(ssyk="2221", yb_yrke="Grundutbildade sjuksköterskor", ssyk_text="Grundutbildade sjuksköterskor")
    (data / "af-yrkesbarometer" / "yrkesbarometer.json").write_text(json.dumps(rows, ensure_ascii=False))
    return data


def test_a_fetched_round_leads_as_the_newest(linked, client, data_dir, tmp_path, monkeypatch):
    monkeypatch.setenv("KOMPETENSBRON_DATA_DIR", str(_data_dir_with_round(data_dir, tmp_path)))
    get_settings.cache_clear()
    d = build_dossier(programme_id=linked.pk, use_cache=False)
    assert (d.current_round, d.current_date, d.current_newer) == ("2026-1", "2026-06", True)
    nurses = next(r for r in d.outlook if r.ssyk == "2221")
    assert (nurses.current_area, nurses.current_recruitment, nurses.current_balance) == ("22", "balans", "balance")
    assert nurses.current_outlook == "vara oförändrad" and nurses.lan_index is not None  # the workbook's too
    assert d.summary[[i for i, s in enumerate(d.summary) if "omgång 2026-1" in s][0] + 1].startswith(
        "Den äldre ettårsprognosen (data från 2019-06, gammal data)"
    )
    assert d.outlook_provenance[0].data_date == "2026-1" and not d.outlook_provenance[0].data_old
    assert any(s.data_date == "2026-1" and "omgång 2026-1" in s.title for s in d.sources)
    html = client.get(f"/relevans/program/{linked.pk}/").content.decode()
    assert "Yrkesbarometern 2026-1" in html and "balans" in html and "(nyast)" in html
