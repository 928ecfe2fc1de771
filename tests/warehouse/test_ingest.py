"""Ingest into the Parquet warehouse: idempotence, bad records, crashes, versions, hooks."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from kompetensbron.errors import DataFileMissing, IngestError
from kompetensbron.warehouse import ingest_ads, open_reader, read_current
from kompetensbron.warehouse.taxonomy import TaxonomyLookup


def _count(warehouse_dir: Path) -> int:
    return open_reader(warehouse_dir).execute("SELECT count(*) FROM ads").fetchone()[0]


def _row(warehouse_dir: Path, ad_id: str, columns: str) -> tuple[Any, ...]:
    con = open_reader(warehouse_dir)
    return con.execute(f"SELECT {columns} FROM ads WHERE ad_id = ?", [ad_id]).fetchone()


def test_ingest_lands_valid_ads_and_reports_bad_lines(warehouse_dir, fixtures_dir, toy_taxonomy):
    path = fixtures_dir / "jobsearch_ads.jsonl"
    result = ingest_ads(path, taxonomy=toy_taxonomy)

    assert result.read == 8
    assert result.skipped_total == 2
    assert [(s.path, s.line) for s in result.skipped] == [(path, 5), (path, 6)]
    assert "invalid JSON" in result.skipped[0].reason
    assert result.skipped[1].reason == "missing publication_date"
    assert (result.new, result.updated, result.written) == (5, 0, 5)
    assert result.duplicates == 1  # the older version of 24791234 on line 1
    assert result.published and result.snapshot == "000001"
    assert _count(warehouse_dir) == 5


def test_reingesting_the_same_file_changes_nothing(warehouse_dir, fixtures_dir, toy_taxonomy):
    path = fixtures_dir / "jobsearch_ads.jsonl"
    first = ingest_ads(path, taxonomy=toy_taxonomy)
    second = ingest_ads(path, taxonomy=toy_taxonomy)

    assert second.written == 0 and second.duplicates == 6 and not second.published
    assert second.snapshot == first.snapshot == read_current(warehouse_dir).id
    assert _count(warehouse_dir) == 5


def test_latest_version_of_an_ad_wins(warehouse_dir, fixtures_dir, toy_taxonomy, tmp_path):
    ingest_ads(fixtures_dir / "jobsearch_ads.jsonl", taxonomy=toy_taxonomy)
    assert _row(warehouse_dir, "24791234", "number_of_vacancies, source_line") == (3, 4)

    # An older version (smaller timestamp) ingested later does not win ...
    lines = (fixtures_dir / "jobsearch_ads.jsonl").read_text(encoding="utf-8").splitlines()
    older = tmp_path / "older.jsonl"
    older.write_text(lines[0] + "\n", encoding="utf-8")
    assert ingest_ads(older, taxonomy=toy_taxonomy).written == 0
    # ... a newer one does, and moves the ad to its new year's partition.
    ad = json.loads(lines[3])
    ad.update(timestamp=ad["timestamp"] + 1, publication_date="2024-01-02T00:00:00", number_of_vacancies=5)
    newer = tmp_path / "newer.jsonl"
    newer.write_text(json.dumps(ad) + "\n", encoding="utf-8")
    result = ingest_ads(newer, taxonomy=toy_taxonomy)
    assert (result.updated, result.years_rewritten) == (1, (2023, 2024))
    assert _row(warehouse_dir, "24791234", "number_of_vacancies, pub_year") == (5, 2024)
    assert _count(warehouse_dir) == 5


def test_crash_mid_batch_leaves_the_published_warehouse_unchanged(warehouse_dir, fixtures_dir, toy_taxonomy):
    ingest_ads(fixtures_dir / "historical_legacy.json", taxonomy=toy_taxonomy)
    before = read_current(warehouse_dir)
    calls = []

    def failing_hook(frame: pd.DataFrame) -> pd.DataFrame:
        calls.append(len(frame))
        if len(calls) == 2:
            raise RuntimeError("classifier crashed")
        return frame

    with pytest.raises(RuntimeError, match="classifier crashed"):
        ingest_ads(fixtures_dir / "jobsearch_ads.jsonl", taxonomy=toy_taxonomy, enrich=failing_hook, chunk_size=2)

    assert len(calls) == 2
    after = read_current(warehouse_dir)
    assert after.id == before.id and after.manifest == before.manifest
    assert _count(warehouse_dir) == 3
    assert not any((warehouse_dir / "staging").iterdir())  # the staging snapshot is gone
    # The next ingest works normally.
    assert ingest_ads(fixtures_dir / "jobsearch_ads.jsonl", taxonomy=toy_taxonomy).new == 5


def test_reader_sees_only_published_data(warehouse_dir, fixtures_dir, toy_taxonomy):
    ingest_ads(fixtures_dir / "historical_legacy.json", taxonomy=toy_taxonomy)
    seen_during_ingest = []

    def spying_hook(frame: pd.DataFrame) -> pd.DataFrame:
        seen_during_ingest.append(_count(warehouse_dir))
        return frame

    reader_before = open_reader(warehouse_dir)
    ingest_ads(fixtures_dir / "jobsearch_ads.jsonl", taxonomy=toy_taxonomy, enrich=spying_hook, chunk_size=2)

    assert seen_during_ingest and set(seen_during_ingest) == {3}
    assert reader_before.execute("SELECT count(*) FROM ads").fetchone()[0] == 3  # still its snapshot
    assert _count(warehouse_dir) == 8  # a new reader sees the new snapshot


def test_legacy_ids_are_translated(warehouse_dir, fixtures_dir, real_taxonomy):
    result = ingest_ads(fixtures_dir / "historical_legacy.json", taxonomy=real_taxonomy)
    assert (result.read, result.written, result.skipped_total) == (3, 3, 0)
    con = open_reader(warehouse_dir)
    rows = con.execute(
        "SELECT ad_id, occupation_concept_id, occupation_group_concept_id, ssyk4, kommunkod, lanskod, "
        "municipality_concept_id, source_skill_ids, number_of_vacancies FROM ads ORDER BY ad_id"
    ).fetchall()
    assert rows == [
        # occupation-name legacy 7296 -> bXNH_MNX_dUR (Sjuksköterska, grundutbildad) -> 2221
        ("2006-0001", "bXNH_MNX_dUR", "Z8ci_bBE_tmx", "2221", "0180", "01", "AvNB_uwa_6n6", None, 1),
        # AMS group id 1402 -> DJh5_yyF_hEM (2512); legacy municipality 1 = Upplands Väsby (0114)
        ("2006-0002", None, "DJh5_yyF_hEM", "2512", "0114", "01", "XWKY_c49_5nv", ["jCsR_WQX_CKD"], 2),
        # 1210 is both an SSYK code and an AMS id: the ad's label picks SSYK 1210
        ("2006-0003", None, "mZsb_A1K_Gec", "1210", None, "14", None, None, 1),
    ]


def test_enrich_hook_columns_are_stored(warehouse_dir, fixtures_dir, toy_taxonomy):
    def hook(frame: pd.DataFrame) -> pd.DataFrame:
        assert frame["description"].notna().all()  # the hook sees the text ...
        out = frame.copy()
        out["ssyk_pred"] = "2512"
        out["occupation_concept_pred"] = "rQds_YGd_quU"
        out["occupation_score"] = 0.75
        out["skill_ids"] = [["jCsR_WQX_CKD", "DHhX_uVf_y6X"]] * len(frame)
        return out

    hook.version = "toy-classifier-1"  # type: ignore[attr-defined]
    ingest_ads(fixtures_dir / "jobsearch_ads.jsonl", taxonomy=toy_taxonomy, enrich=hook)
    row = _row(
        warehouse_dir,
        "24795510",
        "ssyk_pred, occupation_concept_pred, occupation_score, skill_ids, enrich_version, description",
    )
    # ... but the warehouse does not keep it unless keep_text=True.
    assert row == ("2512", "rQds_YGd_quU", 0.75, ["jCsR_WQX_CKD", "DHhX_uVf_y6X"], "toy-classifier-1", None)

    # Re-ingesting without a hook keeps the enrichment; a new hook version rewrites it.
    assert ingest_ads(fixtures_dir / "jobsearch_ads.jsonl", taxonomy=toy_taxonomy).written == 0
    hook.version = "toy-classifier-2"  # type: ignore[attr-defined]
    assert ingest_ads(fixtures_dir / "jobsearch_ads.jsonl", taxonomy=toy_taxonomy, enrich=hook).updated == 5


def test_enrich_hook_that_drops_rows_is_an_ingest_error(warehouse_dir, fixtures_dir, toy_taxonomy):
    with pytest.raises(IngestError, match="returned 1 rows for a chunk of 6"):
        ingest_ads(fixtures_dir / "jobsearch_ads.jsonl", taxonomy=toy_taxonomy, enrich=lambda df: df.head(1))
    assert read_current(warehouse_dir) is None


def test_keep_text_stores_the_description(warehouse_dir, fixtures_dir, toy_taxonomy):
    ingest_ads(fixtures_dir / "jobsearch_ads.jsonl", taxonomy=toy_taxonomy, keep_text=True)
    assert _row(warehouse_dir, "24795510", "description")[0].startswith("Sjuksköterska till akuten")


def test_jobstream_removal_notices_mark_stored_ads_removed(warehouse_dir, fixtures_dir, toy_taxonomy):
    ingest_ads(fixtures_dir / "jobsearch_ads.jsonl", taxonomy=toy_taxonomy)
    result = ingest_ads(fixtures_dir / "jobstream_changes.jsonl", taxonomy=toy_taxonomy)
    assert (result.new, result.removed, result.duplicates, result.skipped_total) == (1, 1, 1, 0)
    removed, removed_date = _row(warehouse_dir, "24791301", "removed, removed_date")
    assert removed is True and str(removed_date) == "2024-02-15 00:00:00"
    assert _count(warehouse_dir) == 6
    assert ingest_ads(fixtures_dir / "jobstream_changes.jsonl", taxonomy=toy_taxonomy).published is False


def test_unchanged_partitions_are_hard_linked_not_copied(warehouse_dir, fixtures_dir, toy_taxonomy):
    ingest_ads(fixtures_dir / "historical_legacy.json", taxonomy=toy_taxonomy)  # year 2006
    first = read_current(warehouse_dir)
    ingest_ads(fixtures_dir / "jobsearch_ads.jsonl", taxonomy=toy_taxonomy)  # 2023, 2024
    second = read_current(warehouse_dir)
    old = first.path / first.table("ads")["partitions"]["2006"]["files"][0]
    new = second.path / second.table("ads")["partitions"]["2006"]["files"][0]
    assert os.stat(old).st_ino == os.stat(new).st_ino
    assert sorted(second.table("ads")["partitions"]) == ["2006", "2023", "2024"]


def test_progress_reports_every_record(warehouse_dir, fixtures_dir, toy_taxonomy):
    steps: list[int] = []
    result = ingest_ads(
        [fixtures_dir / "jobsearch_ads.jsonl", fixtures_dir / "historical_legacy.json"],
        taxonomy=toy_taxonomy,
        progress=steps.append,
        chunk_size=3,
    )
    assert sum(steps) == result.read == 11 and len(steps) > 1


def test_missing_file_is_refused_before_anything_is_read(warehouse_dir, fixtures_dir, toy_taxonomy):
    with pytest.raises(DataFileMissing):
        ingest_ads([fixtures_dir / "jobsearch_ads.jsonl", fixtures_dir / "nope.jsonl"], taxonomy=toy_taxonomy)
    assert read_current(warehouse_dir) is None


def test_default_taxonomy_comes_from_the_data_dir(warehouse_dir, fixtures_dir, real_taxonomy: TaxonomyLookup):
    result = ingest_ads(fixtures_dir / "jobsearch_ads.jsonl")
    assert result.new == 5
    assert _row(warehouse_dir, "24796001", "ssyk4, kommunkod, lanskod") == ("2221", "2280", "22")


def test_ads_fetched_from_jobstream_can_be_ingested(warehouse_dir, fixtures_dir, toy_taxonomy, tmp_path):
    import httpx

    from kompetensbron.sources.jobtech_ads import JobStreamClient, write_jsonl

    recorded = [json.loads(line) for line in (fixtures_dir / "jobstream_changes.jsonl").read_text().splitlines()]
    client = JobStreamClient(httpx.Client(transport=httpx.MockTransport(lambda r: httpx.Response(200, json=recorded))))
    path = tmp_path / "stream.jsonl"
    assert write_jsonl(client.stream("2024-06-01T00:00:00"), path) == 3
    result = ingest_ads(path, taxonomy=toy_taxonomy)
    assert (result.new, result.removed, result.duplicates) == (1, 0, 2)  # nothing stored yet to remove


def test_a_file_of_removal_notices_only(warehouse_dir, fixtures_dir, toy_taxonomy, tmp_path):
    ingest_ads(fixtures_dir / "jobsearch_ads.jsonl", taxonomy=toy_taxonomy)
    path = tmp_path / "removed.jsonl"
    path.write_text('{"id": "24795510", "removed": true, "removed_date": "2024-03-01T00:00:00"}\n', encoding="utf-8")
    result = ingest_ads(path, taxonomy=toy_taxonomy)
    assert (result.read, result.written, result.removed, result.years_rewritten) == (1, 0, 1, (2024,))
    assert _row(warehouse_dir, "24795510", "removed")[0] is True
    assert _count(warehouse_dir) == 5
