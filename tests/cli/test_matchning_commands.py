"""``kompetensbron match-round``: files in, OUTPUT.csv out; bad files name file, line and column."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kompetensbron.cli import app

runner = CliRunner()


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_round_is_allocated_and_written(tmp_path):
    students = _write(tmp_path / "students.csv", "student_id,preferences\ns1,o1;o2\ns2,o1\ns3,o2;o1\n")
    opps = _write(tmp_path / "opps.csv", "opportunity_id,capacity,preferences\no1,1,s2;s1;s3\no2,1,s3;s1\n")
    out = tmp_path / "out.csv"
    result = runner.invoke(app, ["match-round", str(students), str(opps), str(out)])
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(out.open(encoding="utf-8")))
    assert rows == [["student_id", "opportunity_id"], ["s2", "o1"], ["s3", "o2"]]  # s1 loses both, is left out
    assert "Matched 2 of 3" in result.output


@pytest.mark.parametrize(
    ("students", "opps", "bad_file", "line", "column"),
    [
        (
            "student_id,preferences\ns1,o1;o9\n",
            "opportunity_id,capacity,preferences\no1,1,s1\n",
            "students.csv",
            2,
            "preferences",
        ),
        (
            "student_id,preferences\ns1,o1\n",
            "opportunity_id,capacity,preferences\no1,many,s1\n",
            "opps.csv",
            2,
            "capacity",
        ),
        (
            "student_id,preferences\ns1,o1\ns1,o1\n",
            "opportunity_id,capacity,preferences\no1,1,s1\n",
            "students.csv",
            3,
            "student_id",
        ),
        (
            "student_id,preferences\ns1,o1;o1\n",
            "opportunity_id,capacity,preferences\no1,1,s1\n",
            "students.csv",
            2,
            "preferences",
        ),
        (
            "student_id,preferences\ns1,o1\n",
            "opportunity_id,capacity,preferences\no1,1,s1;s7\n",
            "opps.csv",
            2,
            "preferences",
        ),
        (
            "student_id,preferences\n,o1\n",
            "opportunity_id,capacity,preferences\no1,1,s1\n",
            "students.csv",
            2,
            "student_id",
        ),
        ("student_id,prefs\ns1,o1\n", "opportunity_id,capacity,preferences\no1,1,s1\n", "students.csv", 1, None),
        (
            "student_id,preferences\ns1,o1\n",
            "opportunity_id,capacity,preferences\no1,-1,s1\n",
            "opps.csv",
            2,
            "capacity",
        ),
    ],
)
def test_bad_files_exit_2_naming_file_line_and_column(tmp_path, students, opps, bad_file, line, column):
    s = _write(tmp_path / "students.csv", students)
    o = _write(tmp_path / "opps.csv", opps)
    out = tmp_path / "out.csv"
    result = runner.invoke(app, ["match-round", str(s), str(o), str(out)])
    assert result.exit_code == 2
    text = " ".join(result.output.split())
    assert bad_file in text and f"line {line}" in text
    if column:
        assert column in text
    assert not out.exists()


def test_missing_file_exits_2(tmp_path):
    result = runner.invoke(
        app, ["match-round", str(tmp_path / "nope.csv"), str(tmp_path / "x.csv"), str(tmp_path / "o.csv")]
    )
    assert result.exit_code == 2
    assert "nope.csv" in " ".join(result.output.split())
