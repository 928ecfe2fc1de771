"""SCB BO0104T7 readers: the real Uppsala län extract, PxWeb's wide CSV and JSON-stat."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kompetensbron.config import get_settings
from kompetensbron.errors import DataFileMalformed
from kompetensbron.sources.scb_housing import read_scb_student_homes

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "housing"
REAL = "housing/scb_bo0104t7_specialbostader_uppsala_lan_2013-2024.csv"


def _by(records):
    return {(r.name or r.region, r.year): r.homes for r in records}


def test_real_extract_sums_student_homes_over_area_classes():
    path = get_settings().data_dir / REAL
    if not path.is_file():
        pytest.skip(f"no {REAL} in the data directory")
    stock = read_scb_student_homes(path)
    assert stock.fmt == "scb-csv-long"
    figures = _by(stock.records)
    assert len(figures) == 8 * 12  # 8 kommuner, 2013–2024
    assert figures[("Uppsala", 2013)] == 10_488  # as SOURCES.md states
    assert figures[("Uppsala", 2024)] == 13_644
    assert stock.records[0].code is None  # the extract names kommuner without codes


def test_pxweb_wide_csv_and_json_stat_give_the_same_figures():
    wide = read_scb_student_homes(FIXTURES / "bo0104t7_pxweb_wide.csv")
    stat = read_scb_student_homes(FIXTURES / "bo0104t7_jsonstat2.json")
    assert wide.fmt == "scb-csv-wide" and stat.fmt == "json-stat"
    expected = {("Uppsala", 2013): 10_488, ("Uppsala", 2024): 13_644, ("Knivsta", 2013): 4, ("Knivsta", 2024): 5}
    assert _by(wide.records) == expected
    assert _by(stat.records) == expected
    assert {r.code for r in stat.records} == {"0330", "0380"}


def test_json_stat_1_wrapper_and_missing_cells(tmp_path):
    payload = json.loads((FIXTURES / "bo0104t7_jsonstat2.json").read_text(encoding="utf-8"))
    size = payload["size"]
    # Knivsta (region 0), studentbostad (type 1), first area, 2013: mark as not available
    flat = 0 * (3 * 7 * 2) + 1 * (7 * 2) + 0 * 2 + 0
    payload["value"][flat] = None
    payload["status"] = {str(flat): ".."}
    path = tmp_path / "v1.json"
    path.write_text(json.dumps({"dataset": payload}), encoding="utf-8")
    stock = read_scb_student_homes(path)
    assert ("0330 Knivsta", 2013) in stock.missing
    assert ("Knivsta", 2013) not in _by(stock.records)
    assert size == [2, 3, 7, 1, 2]


def test_bad_cell_names_file_line_and_column(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(
        '"region","typ av specialbostad","bostadsarea","år","Antal"\n'
        '"Uppsala","studentbostad","< 11 kvm","2013",23\n'
        '"Uppsala","studentbostad","11-20 kvm","2013",sex\n',
        encoding="utf-8",
    )
    with pytest.raises(DataFileMalformed) as err:
        read_scb_student_homes(path)
    assert err.value.line == 3 and err.value.key == "Antal" and "bad.csv" in str(err.value)


def test_bad_year_and_wrong_table(tmp_path):
    bad_year = tmp_path / "year.csv"
    bad_year.write_text(
        '"region","typ av specialbostad","bostadsarea","år","Antal"\n"Uppsala","studentbostad","< 11 kvm","20x3",1\n',
        encoding="utf-8",
    )
    with pytest.raises(DataFileMalformed, match="year") as err:
        read_scb_student_homes(bad_year)
    assert err.value.line == 2 and err.value.key == "år"
    other = tmp_path / "other.csv"
    other.write_text('"region","hustyp","år","Antal"\n"Uppsala","flerbostadshus","2013",1\n', encoding="utf-8")
    with pytest.raises(DataFileMalformed, match="typ av specialbostad"):
        read_scb_student_homes(other)
