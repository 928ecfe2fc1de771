"""A warehouse that cannot be read is a logged, typed error — never "no data"."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from kompetensbron.errors import WarehouseUnavailable
from kompetensbron.warehouse import reading


@pytest.mark.parametrize("shared", [True, False])
def test_an_empty_warehouse_reads_as_empty(tmp_path: Path, shared: bool) -> None:
    with reading(tmp_path, shared=shared) as con:
        assert con.execute("SELECT count(*) FROM ads").fetchone() == (0,)


@pytest.mark.parametrize("shared", [True, False])
def test_a_failing_query_is_logged_and_raised_typed(tmp_path: Path, shared: bool, caplog) -> None:
    with caplog.at_level(logging.ERROR, logger="kompetensbron.warehouse.duck"):
        with pytest.raises(WarehouseUnavailable, match="cannot be read"):
            with reading(tmp_path, shared=shared) as con:
                con.execute("SELECT * FROM no_such_table")
    assert "warehouse query failed" in caplog.text
