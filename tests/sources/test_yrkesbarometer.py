"""Readers of the Yrkesbarometer files: real files parse; bad input names file, line and column."""

from __future__ import annotations

from pathlib import Path

import pytest

from kompetensbron.errors import DataFileMalformed, DataFileMissing
from kompetensbron.sources.yrkesbarometer import FILES, read_assessments, read_five_year, read_history, read_one_year

HEADER = "\ufeffar;antalEFT;antalPEN;antalTILL;antalEFTprognos;antalTILLprognos;antalPENprognos;conceptidprognosyrke\n"


def test_real_files_parse(yrkesbarometer_dir: Path) -> None:
    history = read_history(FILES["historik"].path(yrkesbarometer_dir))
    assert len({r.occupation_id for r in history}) == 174
    first = next(r for r in history if r.occupation_id == "1JfT_7TR_tqA" and r.year == 2016)
    assert (first.demand, first.retirements, first.entrants) == (1.21, 1.13, 1.04)

    assessments = read_assessments(FILES["bedomning"].path(yrkesbarometer_dir))
    national = [a for a in assessments if a.fa_region == 0]
    assert len(national) == 174 and all(a.assessment_1y in (1, 2, 3) for a in national)
    assert all(a.assessment_1y is None for a in assessments if a.fa_region != 0)

    one = read_one_year(FILES["1-ar"].path(yrkesbarometer_dir))
    revisorer = next(r for r in one if r.lan_code == "01" and r.ssyk == "2411")
    # the first of the two "(18H Om 1 år)" columns is the index, not its class
    assert revisorer.index == pytest.approx(3.42545) and revisorer.text == "Viss brist"
    assert {r.lan_code for r in one} >= {"01", "25"} and len({r.lan_code for r in one}) == 21

    five = read_five_year(FILES["5-ar"].path(yrkesbarometer_dir))
    assert any(f.ssyk_codes == ("5321", "5322") for f in five) and len(five) == 189


def test_bad_number_names_line_and_column(tmp_path: Path) -> None:
    bad = tmp_path / "historik.csv"
    bad.write_text(HEADER + "2015;1,00;1,00;1,00;;;;abc\n2016;1,2x;1,00;1,00;;;;abc\n", encoding="utf-8")
    with pytest.raises(DataFileMalformed) as exc:
        read_history(bad)
    assert exc.value.line == 3 and exc.value.key == "antalEFT" and "historik.csv" in str(exc.value)


def test_missing_column_and_short_row(tmp_path: Path) -> None:
    bad = tmp_path / "historik.csv"
    bad.write_text("\ufeffar;antalEFT\n2015;1\n", encoding="utf-8")
    with pytest.raises(DataFileMalformed, match="missing column") as exc:
        read_history(bad)
    assert exc.value.line == 1
    short = tmp_path / "short.csv"
    short.write_text(HEADER + "2015;1,00\n", encoding="utf-8")
    with pytest.raises(DataFileMalformed) as exc:
        read_history(short)
    assert exc.value.line == 2


def test_assessment_out_of_scale(tmp_path: Path, yrkesbarometer_dir: Path) -> None:
    lines = FILES["bedomning"].path(yrkesbarometer_dir).read_text(encoding="utf-8-sig").splitlines()
    cells = lines[1].split(";")
    cells[2] = "7"  # bedömning24
    bad = tmp_path / "bedomning.csv"
    bad.write_text("\n".join([lines[0], ";".join(cells)]) + "\n", encoding="utf-8")
    with pytest.raises(DataFileMalformed) as exc:
        read_assessments(bad)
    assert exc.value.line == 2 and exc.value.key == "bedömning24"


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(DataFileMissing):
        read_one_year(tmp_path / "1-ar.xlsx")
