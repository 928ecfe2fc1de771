"""The operator's names file of AF's prognosis occupations: every row checked, absence is no error."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from kompetensbron.errors import DataFileMalformed
from kompetensbron.sources import catalog
from kompetensbron.sources.prognosis_names import NAMES_KEY, prognosis_names, read_prognosis_names

KNOWN = {"2221", "2222", "2512", "5321"}
HEADER = "conceptidprognosyrke;namn;ssyk;name_en\n"
DOC = Path(__file__).resolve().parents[2] / "docs" / "prognosyrken_template.md"


def _write(tmp_path: Path, text: str, *, bom: bool = False) -> Path:
    path = tmp_path / "prognosyrken.csv"
    path.write_text(("\ufeff" if bom else "") + text, encoding="utf-8")
    return path


@pytest.mark.parametrize("bom", [True, False])
def test_names_and_codes_are_read_with_or_without_bom(tmp_path: Path, bom: bool) -> None:
    path = _write(
        tmp_path,
        HEADER + "aaaa_bbb_ccc;Sjuksköterskor; 2221 , 2222 ;Nurses\nxxxx_yyy_zzz;Undersköterskor;5321;\n",
        bom=bom,
    )
    names = read_prognosis_names(path, KNOWN)
    assert names["aaaa_bbb_ccc"].ssyk == ("2221", "2222") and names["aaaa_bbb_ccc"].label("en") == "Nurses"
    assert names["xxxx_yyy_zzz"].name_en is None and names["xxxx_yyy_zzz"].label("en") == "Undersköterskor"
    assert names["aaaa_bbb_ccc"].label("sv") == "Sjuksköterskor"


def test_the_english_column_is_optional(tmp_path: Path) -> None:
    path = _write(tmp_path, "conceptidprognosyrke;namn;ssyk\naaaa_bbb_ccc;Sjuksköterskor;2221\n")
    assert read_prognosis_names(path, KNOWN)["aaaa_bbb_ccc"].name_en is None


@pytest.mark.parametrize(
    ("row", "line", "key", "message"),
    [
        ("aaaa_bbb_ccc;Sjuksköterskor;9999;", 3, "ssyk", "unknown SSYK 2012 unit group '9999'"),
        ("aaaa_bbb_ccc;Sjuksköterskor;222;", 3, "ssyk", "4-digit SSYK codes"),
        ("aaaa_bbb_ccc;Sjuksköterskor;2221;2222;", 3, None, "fields"),
        ("aaaa_bbb_ccc;;2221;", 3, "namn", "empty"),
        (";Sjuksköterskor;2221;", 3, "conceptidprognosyrke", "empty"),
        ("xxxx_yyy_zzz;Annat yrke;2512;", 3, "conceptidprognosyrke", "given twice (first on line 2)"),
        ("aaaa_bbb_ccc;Sjuksköterskor;2221,2221;", 3, "ssyk", "given twice"),
    ],
)
def test_a_bad_row_names_file_line_and_column(
    tmp_path: Path, row: str, line: int, key: str | None, message: str
) -> None:
    path = _write(tmp_path, HEADER + "xxxx_yyy_zzz;Undersköterskor;5321;\n" + row + "\n")
    with pytest.raises(DataFileMalformed) as err:
        read_prognosis_names(path, KNOWN)
    assert (err.value.path, err.value.line, err.value.key) == (path, line, key)
    assert message in str(err.value) and "line 3" in str(err.value)


def test_a_missing_column_or_no_rows_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(DataFileMalformed, match="missing column"):
        read_prognosis_names(_write(tmp_path, "conceptidprognosyrke;namn\nx;y\n"), KNOWN)
    with pytest.raises(DataFileMalformed, match="no data rows"):
        read_prognosis_names(_write(tmp_path, HEADER), KNOWN)


def _toy_data_dir(tmp_path: Path, codes: list[str]) -> Path:
    ssyk = tmp_path / catalog.dataset("ssyk-4").path
    ssyk.parent.mkdir(parents=True)
    concepts = [{"id": f"id{c}", "preferred_label": f"Grupp {c}", "ssyk_code_2012": c} for c in codes]
    ssyk.write_text(json.dumps({"data": {"concepts": concepts}}), encoding="utf-8")
    return tmp_path


def test_the_data_directory_file_is_checked_against_the_taxonomy(tmp_path: Path) -> None:
    data = _toy_data_dir(tmp_path, ["2221"])
    assert prognosis_names(data) == {}  # absent: no names, no error
    path = catalog.operator_path(data, NAMES_KEY)
    path.parent.mkdir(parents=True)
    path.write_text(HEADER + "aaaa_bbb_ccc;Sjuksköterskor;2221;\n", encoding="utf-8")
    assert prognosis_names(data)["aaaa_bbb_ccc"].ssyk == ("2221",)
    path.write_text(HEADER + "aaaa_bbb_ccc;Sjuksköterskor;2512;Nurses\n", encoding="utf-8")
    with pytest.raises(DataFileMalformed, match="unknown SSYK"):
        prognosis_names(data)  # a changed file is read again (size changed)


def test_the_documented_example_is_a_valid_file(tmp_path: Path) -> None:
    example = re.search(r"```\n(conceptidprognosyrke;.*?)```", DOC.read_text(encoding="utf-8"), re.S)
    assert example, "docs/prognosyrken_template.md has an example block"
    names = read_prognosis_names(_write(tmp_path, example.group(1)), KNOWN)
    assert len(names) >= 2
    assert catalog.OPERATOR[NAMES_KEY].doc == "docs/prognosyrken_template.md"
