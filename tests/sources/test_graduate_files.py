"""Saco retention and UHR admission files: figures against an independent reading, bad files refused."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from kompetensbron.config import get_settings
from kompetensbron.errors import DataFileMalformed
from kompetensbron.graduates.retention import admissions_by_programme, lan_retention
from kompetensbron.sources.graduate_files import read_saco_flows, read_uhr_admissions

GRADUATES = get_settings().data_dir / "graduates"
FROM = GRADUATES / "saco2015_follow_students_from_county.csv"
IN = GRADUATES / "saco2015_follow_students_in_county.csv"
UHR = GRADUATES / "uhr_antagningsstatistik_2010-2022_scraped.json"
needs_files = pytest.mark.skipif(not FROM.is_file(), reason="no graduates/ files in the data directory")


@needs_files
def test_stay_rates_equal_an_independent_count_of_the_files():
    flows = read_saco_flows(FROM, "from") + read_saco_flows(IN, "in")
    rates = lan_retention(flows)
    assert len(rates) == 21
    # independent: plain csv over the raw rows
    with open(FROM, encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r["home"] == "Västernorrlands län"]
    live_home = sum(int(r["value"]) for r in rows if r["target_id"] == "live_home")
    total = int(rows[0]["total"])
    vn = rates["Västernorrlands län"]
    assert vn.share_living_home == round(live_home / total, 4)
    studied_home = sum(int(r["value"]) for r in rows if r["source_id"] == "home" and r["target_id"] == "study_home")
    stayed = next(int(r["value"]) for r in rows if r["source_id"] == "study_home" and r["target_id"] == "live_home")
    assert vn.share_stayed == round(stayed / studied_home, 4)
    with open(IN, encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r["home"] == "Västernorrlands län"]
    assert vn.share_living_in_study_lan == round(
        sum(int(r["value"]) for r in rows if r["target_id"] == "live_home") / int(rows[0]["total"]), 4
    )
    # Blekinge, by hand from the file's first lines (281 + 586 of 2,148 live at home)
    assert rates["Blekinge län"].share_living_home == round((281 + 586) / 2148, 4)


@needs_files
def test_applicants_per_place_equal_an_independent_reading_of_the_uhr_file():
    programmes = {p.key: p for p in admissions_by_programme(read_uhr_admissions(UHR))}
    raw = json.loads(UHR.read_text(encoding="utf-8"))
    assert len(programmes) == len(raw) == 729
    assert sum(len(p.terms) for p in programmes.values()) == 3427
    entry = raw["3D-animation och visualisering"]
    last = max(entry["statistics"], key=lambda s: (s["year"], s["term"] == "HT"))
    latest = programmes["3D-animation och visualisering"].latest
    assert (latest.year, latest.admitted) == (last["year"], last["admitted"])
    assert latest.first_hand_per_place == round(last["first_hand_applicants"] / last["admitted"], 2)


HEADER = "home,source_name,source_id,source_class,target_name,target_id,target_class,value,total\n"
GOOD = (
    "X län,X län,home,home,X län,study_home,home,4,10\n"
    "X län,X län,home,home,Övriga län,study_away,away,6,10\n"
    "X län,X län,study_home,home,X län,live_home,home,3,10\n"
    "X län,X län,study_home,home,Övriga län,live_away,away,1,10\n"
    "X län,Övriga län,study_away,away,X län,live_home,home,2,10\n"
    "X län,Övriga län,study_away,away,Övriga län,live_away,away,4,10\n"
)


@pytest.mark.parametrize(
    ("text", "line", "key"),
    [
        (HEADER + GOOD.replace(",3,10", ",three,10"), 4, "value"),
        (HEADER + GOOD.replace("live_home,home,2,10", "live_home,home,2,11"), 7, "total"),
        (HEADER + GOOD.replace("live_home,home,2", "live_home,home,5"), 7, "value"),  # flows ≠ total
        (HEADER + GOOD.replace("study_away,away,X län,live_home", "study_away,away,X län,study_home"), 6, "target_id"),
        (HEADER.replace(",total", ",sum") + GOOD, 1, "total"),
    ],
)
def test_bad_saco_files_are_refused_with_line_and_column(tmp_path: Path, text, line, key):
    path = tmp_path / "saco.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataFileMalformed) as err:
        read_saco_flows(path, "from")
    assert (err.value.line, err.value.key) == (line, key)
    assert str(path) in str(err.value)


def test_toy_saco_file_gives_the_shares_by_hand(tmp_path: Path):
    path = tmp_path / "saco.csv"
    path.write_text(HEADER + GOOD, encoding="utf-8")
    (x,) = lan_retention(read_saco_flows(path, "from")).values()
    assert (x.share_living_home, x.share_stayed, x.share_returned) == (0.5, 0.75, round(2 / 6, 4))


@pytest.mark.parametrize(
    ("entry", "key"),
    [
        (
            {
                "university": "U",
                "statistics": [
                    {"year": 2020, "term": "HT", "applicants": -1, "first_hand_applicants": 1, "admitted": 1}
                ],
            },
            "applicants",
        ),
        (
            {
                "university": "U",
                "statistics": [
                    {"year": 2020, "term": "ST", "applicants": 1, "first_hand_applicants": 1, "admitted": 1}
                ],
            },
            "term",
        ),
        ({"statistics": []}, "university"),
        ({"university": "U"}, "statistics"),
    ],
)
def test_bad_uhr_entries_are_refused_with_entry_and_key(tmp_path: Path, entry, key):
    good = {
        "university": "U",
        "statistics": [{"year": 2020, "term": "HT", "applicants": 3, "first_hand_applicants": 2, "admitted": 1}],
    }
    path = tmp_path / "uhr.json"
    path.write_text(json.dumps({"A": good, "B": entry}), encoding="utf-8")
    with pytest.raises(DataFileMalformed) as err:
        read_uhr_admissions(path)
    assert (err.value.line, err.value.key) == (2, key)
