"""The source registry is the one catalogue: complete, consistent, and the only place paths are written."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kompetensbron.config import get_settings
from kompetensbron.sources import catalog
from kompetensbron.sources.data_status import data_status
from kompetensbron.sources.jobtech_statistics import STATISTICS_FILES
from kompetensbron.sources.yrkesbarometer import FILES as BAROMETER_FILES

SRC = Path(__file__).resolve().parents[2] / "src" / "kompetensbron"
DATA_PATH = re.compile(
    r"""["'](?:jobtech|esco|scb-sun|svensktext|af-yrkesbarometer|geo|education|graduates|housing)/[^"'{}\s]+\.(?:jsonl?|csv|xlsx|kml|geojson|gz)["']"""
)


def test_every_entry_is_complete():
    for ds in catalog.DATASETS.values():
        assert re.fullmatch(r"[0-9a-f]{64}", ds.sha256) and ds.size > 0, ds.key
        assert ds.title and ds.publisher and ds.version and ds.licence and ds.data_date, ds.key
        assert ds.url is None or ds.url.startswith("https://"), ds.key
    assert len({ds.path for ds in catalog.DATASETS.values()}) == len(catalog.DATASETS)


def test_no_data_path_is_written_outside_the_registry():
    offenders = [
        f"{path.relative_to(SRC)}: {m.group(0)}"
        for path in SRC.rglob("*.py")
        if not path.name.startswith("catalog")  # the registry: catalog.py and its catalog_*.py entries
        for m in DATA_PATH.finditer(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_the_other_readers_take_their_paths_from_the_registry(tmp_path):
    registered = {ds.path for ds in catalog.DATASETS.values()}
    for f in STATISTICS_FILES.values():
        assert str(f.path(tmp_path).relative_to(tmp_path)) in registered
    for f in BAROMETER_FILES.values():
        assert str(f.path(tmp_path).relative_to(tmp_path)) in registered


def test_the_snapshot_matches_the_registry():
    data_dir = get_settings().data_dir
    if not (data_dir / "jobtech").is_dir():
        pytest.skip("no data snapshot")
    wrong = [(row.key, row.state) for row in data_status(data_dir) if not row.ok]
    assert wrong == []


def test_old_data_is_flagged_by_its_kind():
    from datetime import date

    from kompetensbron.sources.data_status import is_old

    one_year = catalog.dataset("yrkesbarometer-1-ar")
    assert one_year.data_date == "2019-06"
    assert is_old(one_year, date(2026, 1, 1)) and not is_old(one_year, date(2020, 6, 1))
    ads = catalog.dataset("statistics-ads-2024-lan")
    assert not is_old(ads, date(2026, 6, 1)) and is_old(ads, date(2027, 12, 1))
    assert not is_old(catalog.dataset("ssyk-1"), date(2040, 1, 1))  # no renewal interval declared
    for key in ("lan", "kommuner"):  # SCB's yearly population: the snapshot's 2016/2018 figures are old
        population = catalog.dataset(key)
        assert population.renewed_every_years == 1
        assert is_old(population, date(2026, 1, 1)) and not is_old(population, date(2018, 6, 1))


def _taxonomy_api(newest: str):
    import httpx

    from kompetensbron.config import Settings
    from kompetensbron.sources.jobtech_taxonomy import TaxonomyClient

    def handle(request: httpx.Request) -> httpx.Response:
        assert request.url.path.endswith("/main/versions")
        return httpx.Response(
            200,
            json=[
                {"taxonomy/version": 28, "taxonomy/timestamp": "2025-06-01T00:00:00Z"},
                {"taxonomy/version": 29, "taxonomy/timestamp": newest},
            ],
        )

    settings = Settings(taxonomy_api_url="https://taxonomy.example/v1/taxonomy")
    return TaxonomyClient(
        httpx.Client(transport=httpx.MockTransport(handle), base_url=settings.taxonomy_api_url), settings=settings
    )


@pytest.mark.parametrize(("newest", "newer"), [("2026-03-02T10:00:00Z", True), ("2025-12-01T00:00:00Z", False)])
def test_a_newer_published_taxonomy_is_noticed(newest, newer):
    from kompetensbron.sources.data_status import upstream_taxonomy

    up = upstream_taxonomy(_taxonomy_api(newest))
    assert (up.version, up.snapshot_date, up.newer) == (29, "2025-12", newer)
    assert "ssyk-4" in up.keys


def test_public_copies_are_pinned_to_a_commit_or_say_why_not():
    unpinned = [
        ds.key
        for ds in catalog.DATASETS.values()
        if ds.url
        and ds.url.startswith("https://raw.githubusercontent.com/")
        and not re.search(r"/[0-9a-f]{40}/", ds.url)
        and "commit not determined" not in ds.url_note
    ]
    assert unpinned == []


def test_live_sources_name_the_publishers_url_and_a_refresh_command():
    for src in catalog.LIVE.values():
        assert src.url.startswith("https://") and src.command.startswith("kompetensbron "), src.key
    assert catalog.live("yrkesbarometer-json").url == "https://data.arbetsformedlingen.se/prognoser/yrkesbarometer.json"
