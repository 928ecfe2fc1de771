"""Streaming records out of JSON Lines and JSON array files, with line numbers."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from kompetensbron.warehouse import records
from kompetensbron.warehouse.records import iter_records


def _items(path: Path) -> list[tuple[int, str | None, str | None]]:
    return [(line, rec["id"] if rec else None, reason) for line, rec, reason in iter_records(path)]


def test_jsonl_skips_blank_lines_and_reports_bad_ones(tmp_path: Path) -> None:
    path = tmp_path / "ads.jsonl"
    path.write_text('{"id": "a"}\n\n{"id": \n[1, 2]\n{"id": "b"}\n', encoding="utf-8")
    items = _items(path)
    assert [(line, ident) for line, ident, _ in items] == [(1, "a"), (3, None), (4, None), (5, "b")]
    assert items[1][2].startswith("invalid JSON") and items[2][2] == "expected a JSON object, got list"


def test_array_elements_carry_the_line_they_start_on(tmp_path: Path) -> None:
    path = tmp_path / "ads.json"
    path.write_text(json.dumps([{"id": "a"}, {"id": "b", "x": [1, 2]}, 7], indent=2), encoding="utf-8")
    assert [(line, ident) for line, ident, _ in _items(path)] == [(2, "a"), (5, "b"), (12, None)]


def test_array_larger_than_the_read_block_streams(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(records, "_BLOCK", 64)  # force many refills mid-element
    path = tmp_path / "ads.json"
    ads = [{"id": str(i), "text": "å" * (i % 50)} for i in range(300)]
    path.write_text("[\n" + ",\n".join(json.dumps(a, ensure_ascii=False) for a in ads) + "\n]\n", encoding="utf-8")
    items = _items(path)
    assert [ident for _, ident, _ in items] == [str(i) for i in range(300)]
    assert [line for line, _, _ in items] == list(range(2, 302))


def test_truncated_array_reports_its_line_and_stops(tmp_path: Path) -> None:
    path = tmp_path / "ads.json"
    path.write_text('[\n{"id": "a"},\n{"id": "b",\n "x": ', encoding="utf-8")
    items = _items(path)
    assert items[0] == (2, "a", None)
    line, ident, reason = items[1]
    assert (line, ident) == (4, None) and "rest of file skipped" in reason  # where the JSON breaks


def test_gzip_files_are_read_transparently(tmp_path: Path) -> None:
    path = tmp_path / "ads.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.write('{"id": "a"}\n{"id": "b"}\n')
    assert [ident for _, ident, _ in _items(path)] == ["a", "b"]


def test_byte_order_mark_and_empty_array(tmp_path: Path) -> None:
    jsonl = tmp_path / "bom.jsonl"
    jsonl.write_bytes(b'\xef\xbb\xbf{"id": "a"}\n')
    assert _items(jsonl) == [(1, "a", None)]
    array = tmp_path / "bom.json"
    array.write_bytes(b'\xef\xbb\xbf [ {"id": "a"} ]')
    assert _items(array) == [(1, "a", None)]
    empty = tmp_path / "empty.json"
    empty.write_text("[]\n", encoding="utf-8")
    assert _items(empty) == []


def _lines(n: int) -> bytes:
    return b"".join(json.dumps({"id": f"a{i}", "headline": "x" * 50}).encode() + b"\n" for i in range(n))


def test_a_truncated_gzip_names_the_file_and_the_line_reached(tmp_path: Path) -> None:
    import pytest

    from kompetensbron.errors import DataFileMalformed

    path = tmp_path / "ads.jsonl.gz"
    whole = gzip.compress(_lines(2000))
    path.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(
        DataFileMalformed, match=r"ads\.jsonl\.gz: truncated or not a gzip file after line \d+"
    ) as caught:
        list(iter_records(path))
    assert "\n" not in str(caught.value)


def test_a_plain_file_named_gz_is_refused(tmp_path: Path) -> None:
    import pytest

    from kompetensbron.errors import DataFileMalformed

    path = tmp_path / "ads.gz"
    path.write_bytes(_lines(3))
    with pytest.raises(DataFileMalformed, match=r"ads\.gz: truncated or not a gzip file \(Not a gzipped file"):
        list(iter_records(path))


def test_an_array_file_that_is_not_utf8_is_refused_with_its_line(tmp_path: Path) -> None:
    import pytest

    from kompetensbron.errors import DataFileMalformed

    path = tmp_path / "ads.json"
    path.write_bytes(b'[\n{"id": "a", "headline": "\xff\xfe"}\n]\n')
    with pytest.raises(DataFileMalformed, match=r"ads\.json, line 1: not UTF-8 text \(invalid start byte\)"):
        list(iter_records(path))


def test_a_jsonl_line_that_is_not_utf8_is_skipped_with_a_clear_reason(tmp_path: Path) -> None:
    path = tmp_path / "ads.jsonl"
    path.write_bytes(b'{"id": "a"}\n{"id": "b", "headline": "\xff"}\n')
    items = _items(path)
    assert (
        items[0][:2] == (1, "a") and items[1][0] == 2 and items[1][2].startswith("not UTF-8 text (invalid start byte")
    )


def test_a_deeply_nested_array_is_refused_not_a_recursion_error(tmp_path: Path) -> None:
    import pytest

    from kompetensbron.errors import DataFileMalformed

    path = tmp_path / "deep.json"
    path.write_text("[\n" + "[" * 100_000 + "]" * 100_000 + "\n]", encoding="utf-8")
    with pytest.raises(DataFileMalformed, match=r"deep\.json, line 2: JSON nested too deeply"):
        list(iter_records(path))
