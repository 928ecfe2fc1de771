"""Snapshot publication, garbage collection and schema-version checks."""

from __future__ import annotations

import json

import pytest

from kompetensbron.errors import DataFileMalformed
from kompetensbron.warehouse import open_reader, read_current
from kompetensbron.warehouse.snapshots import KEEP_SNAPSHOTS, write_snapshot


def test_empty_warehouse_has_no_snapshot_and_typed_empty_views(warehouse_dir) -> None:
    assert read_current(warehouse_dir) is None
    con = open_reader(warehouse_dir)
    assert con.execute("SELECT count(*) FROM ads").fetchone() == (0,)
    assert "ssyk4" in [c[0] for c in con.execute("DESCRIBE ads").fetchall()]
    assert con.execute("SELECT snapshot FROM warehouse_meta").fetchone() == (None,)


def test_body_that_does_not_publish_leaves_nothing(warehouse_dir) -> None:
    with write_snapshot(warehouse_dir) as writer:
        writer.new_file("ads/x.parquet").write_bytes(b"half written")
    assert read_current(warehouse_dir) is None
    assert not any((warehouse_dir / "staging").iterdir())


def test_old_snapshots_are_collected(warehouse_dir) -> None:
    for _ in range(KEEP_SNAPSHOTS + 2):
        with write_snapshot(warehouse_dir) as writer:
            writer.carry_over_tables(except_tables=set())
            writer.publish(event={"kind": "test"})
    names = sorted(p.name for p in (warehouse_dir / "snapshots").iterdir())
    assert names == [f"{n:06d}" for n in range(3, KEEP_SNAPSHOTS + 3)]
    current = read_current(warehouse_dir)
    assert current.id == "000005" and [h["snapshot"] for h in current.manifest["history"]][-2:] == ["000004", "000005"]


def test_a_newer_schema_version_is_refused(warehouse_dir) -> None:
    with write_snapshot(warehouse_dir) as writer:
        snap = writer.publish(event={"kind": "test"})
    manifest = snap.path / "manifest.json"
    data = json.loads(manifest.read_text())
    data["schema_version"] = 99
    manifest.write_text(json.dumps(data))
    with pytest.raises(DataFileMalformed, match="schema version 99"):
        read_current(warehouse_dir)


def test_shared_reader_follows_new_snapshots(warehouse_dir, fixtures_dir, toy_taxonomy) -> None:
    from kompetensbron.warehouse import close_shared_readers, ingest_ads, shared_reader

    try:
        empty = shared_reader(warehouse_dir)
        assert empty.execute("SELECT count(*) FROM ads").fetchone() == (0,)
        ingest_ads(fixtures_dir / "historical_legacy.json", taxonomy=toy_taxonomy)
        first = shared_reader(warehouse_dir)
        assert first.execute("SELECT count(*), any_value(m.snapshot) FROM ads, warehouse_meta m").fetchone() == (
            3,
            "000001",
        )
        again = shared_reader(warehouse_dir)
        assert again.execute("SELECT count(*) FROM ads").fetchone() == (3,)
    finally:
        close_shared_readers()
