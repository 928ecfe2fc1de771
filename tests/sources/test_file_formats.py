"""CSV reading errors name the file, the line and what is wrong with the row."""

from __future__ import annotations

import pytest

from kompetensbron.errors import DataFileMalformed
from kompetensbron.sources.file_formats import read_csv


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("1,2", "row has 2 fields, expected 3"),  # short: DictReader pads with None
        ("1,2,3,4,5", "row has 5 fields, expected 3"),  # long: extras under the key None
    ],
)
def test_a_row_with_the_wrong_number_of_fields_says_how_many_it_has(tmp_path, row, message):
    path = tmp_path / "t.csv"
    path.write_text(f"a,b,c\n1,2,3\n{row}\n", encoding="utf-8")
    with pytest.raises(DataFileMalformed) as err:
        list(read_csv(path, ["a", "b", "c"]))
    assert str(err.value) == f"{path}, line 3: {message}"
