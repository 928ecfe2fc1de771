"""Refresh from the official services against recorded answers (``httpx.MockTransport``; no network):
the Yrkesbarometer JSON, a newer JobTech Taxonomy version (static files), the historical ads files."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from kompetensbron.cli import app
from kompetensbron.errors import ConnectorError, DataFileMalformed, ValidationFailed
from kompetensbron.sources import catalog
from kompetensbron.sources.data_fetch import is_valid
from kompetensbron.sources.data_status import data_status, live_status, upstream_taxonomy
from kompetensbron.sources.official_refresh import ads_path, ads_url, fetch_ads, fetch_barometer
from kompetensbron.sources.refresh_manifest import read_manifest
from kompetensbron.sources.taxonomy_refresh import fetch_taxonomy, static_url
from kompetensbron.sources.yrkesbarometer_json import parse_barometer_json, read_barometer_json
from kompetensbron.warehouse.records import iter_records

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
BAROMETER = FIXTURES / "yrkesbarometer" / "yrkesbarometer.json"
BAROMETER_URL = catalog.live("yrkesbarometer-json").url
runner = CliRunner()


def _serve(answers: dict[str, httpx.Response | bytes]) -> tuple[httpx.Client, list[str]]:
    seen: list[str] = []

    def handle(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        answer = answers.get(str(request.url))
        if answer is None:
            return httpx.Response(404)
        return answer if isinstance(answer, httpx.Response) else httpx.Response(200, content=answer)

    return httpx.Client(transport=httpx.MockTransport(handle)), seen


# --- the Yrkesbarometer JSON ----------------------------------------------------------------


def test_the_recorded_barometer_parses_per_occupation_and_area():
    parsed = read_barometer_json(BAROMETER)
    assert (parsed.round, parsed.data_date, parsed.taxonomy_version, len(parsed.rows)) == ("2026-1", "2026-06", 29, 9)
    [cooks] = parsed.for_ssyk("5120")
    assert (cooks.lan, cooks.opportunities, cooks.recruitment, cooks.outlook) == ("00", "stora", "brist", "öka")
    [devs] = parsed.for_ssyk("2512", "22")
    assert (devs.recruitment, devs.outlook) == ("överskott", "minska")
    [paradox] = parsed.for_ssyk("2512")
    assert paradox.recruitment == "paradox" and paradox.paradox
    [unassessed] = parsed.for_ssyk("2512", "01")
    assert unassessed.opportunities is None and unassessed.recruitment is None


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"rekryteringssituation": "stor brist"}, "'rekryteringssituation' is 'stor brist'"),
        ({"ssyk": "51"}, "not an SSYK-4 code"),
        ({"lan": "Stockholm"}, "not a länskod"),
        ({"omgang": "våren 2026"}, "is not YYYY-1 or YYYY-2"),
        ({"paradox": "text"}, "'paradox' is not a list"),
    ],
)
def test_a_changed_publication_is_refused_naming_row_and_field(change, message):
    rows = json.loads(BAROMETER.read_text(encoding="utf-8"))
    rows[3].update(change)
    with pytest.raises(DataFileMalformed, match=message) as err:
        parse_barometer_json(rows, BAROMETER)
    assert err.value.line == 4


def test_two_rounds_in_one_file_are_refused():
    rows = json.loads(BAROMETER.read_text(encoding="utf-8"))
    rows[0]["omgang"] = "2025-2"
    with pytest.raises(DataFileMalformed, match="several rounds"):
        parse_barometer_json(rows, BAROMETER)


def test_fetch_barometer_writes_checks_and_records_the_round(tmp_path):
    client, seen = _serve({BAROMETER_URL: BAROMETER.read_bytes()})
    parsed = fetch_barometer(tmp_path, client=client)
    assert seen == [BAROMETER_URL] and parsed.round == "2026-1"
    target = tmp_path / catalog.live("yrkesbarometer-json").path
    assert target.read_bytes() == BAROMETER.read_bytes()
    entry = read_manifest(tmp_path)["yrkesbarometer-json"]
    assert (entry.version, entry.data_date, entry.url, entry.size) == (
        "2026-1",
        "2026-1",
        BAROMETER_URL,
        target.stat().st_size,
    )
    [row] = [r for r in live_status(tmp_path) if r.key == "yrkesbarometer-json"]
    assert (row.version, row.data_date, row.fetched) == ("2026-1", "2026-1", (entry.path,))


@pytest.mark.parametrize(
    "answer",
    [
        httpx.Response(200, content=b"<html>maintenance</html>"),
        httpx.Response(200, content=b'[{"yb_yrke": "x"}]'),
        httpx.Response(404),
    ],
    ids=["not-json", "not-the-shape", "404"],
)
def test_a_bad_answer_keeps_the_previous_barometer(tmp_path, answer):
    client, _ = _serve({BAROMETER_URL: BAROMETER.read_bytes()})
    fetch_barometer(tmp_path, client=client)
    target = tmp_path / catalog.live("yrkesbarometer-json").path
    before = target.read_bytes()
    bad, _ = _serve({BAROMETER_URL: answer})
    with pytest.raises(ConnectorError, match="yrkesbarometer-json from https://data.arbetsformedlingen.se"):
        fetch_barometer(tmp_path, client=bad)
    assert target.read_bytes() == before
    assert [p.name for p in target.parent.iterdir()] == ["yrkesbarometer.json"]  # no .part left


def test_fetch_barometer_from_a_directory_mirror(tmp_path):
    mirror = tmp_path / "mirror"
    (mirror / "af-yrkesbarometer").mkdir(parents=True)
    (mirror / "af-yrkesbarometer" / "yrkesbarometer.json").write_bytes(BAROMETER.read_bytes())
    result = runner.invoke(app, ["fetch-barometer", "--data-dir", str(tmp_path / "data"), "--mirror", str(mirror)])
    assert result.exit_code == 0, result.output
    assert "round 2026-1" in result.output and "3 occupations × 3 areas" in result.output


# --- a newer JobTech Taxonomy version ---------------------------------------------------------

_RECORDED = {
    "ssyk-1": "ssyk_level_1",
    "ssyk-2": "ssyk_level_2",
    "ssyk-4": "ssyk_level_4",
    "ssyk-hierarchy": "ssyk_hierarchy_with_occupations",
    "ssyk-isco": "ssyk_level_4_with_related_isco_level_4",
    "skills": "skills",
    "sun-levels": "sun_level_hierarchy",
    "sun-fields": "sun_field_hierarchy",
}


class _Versions:
    """The Taxonomy API's version list (the only API call of a static-file refresh)."""

    base_url = "https://taxonomy.example/v1/taxonomy"

    def versions(self):
        from kompetensbron.sources.jobtech_taxonomy import TaxonomyVersion

        return [TaxonomyVersion(28, "2025-06-01T00:00:00Z"), TaxonomyVersion(29, "2026-03-02T10:00:00Z")]

    def close(self):  # pragma: no cover - injected clients are not closed
        raise AssertionError


def _static_files(version: int, broken: str | None = None) -> dict[str, httpx.Response | bytes]:
    out: dict[str, httpx.Response | bytes] = {}
    for key, name in _RECORDED.items():
        body = (FIXTURES / "taxonomy_api" / f"{name}.json").read_bytes()
        out[static_url(key, version)] = b'{"data": {"concepts": []}}' if key == broken else body
    return out


def test_static_urls_follow_the_publishers_layout():
    assert static_url("ssyk-4", 29) == (
        "https://data.jobtechdev.se/taxonomy/version/29/query/ssyk-level-4-groups/ssyk-level-4-groups.json"
    )


def test_fetch_taxonomy_takes_the_newest_version_records_it_and_fetch_data_keeps_it(tmp_path):
    client, seen = _serve(_static_files(29))
    result = fetch_taxonomy(tmp_path, api=_Versions(), client=client)  # type: ignore[arg-type]
    assert (result.version, result.published, len(result.paths)) == (29, "2026-03-02T10:00:00Z", 8)
    assert sorted(seen) == sorted(static_url(k, 29) for k in _RECORDED)
    rows = {r.key: r for r in data_status(tmp_path)}
    assert (rows["ssyk-4"].state, rows["ssyk-4"].version, rows["ssyk-4"].data_date) == ("refreshed", "29", "2026-03-02")
    assert rows["ssyk-4"].ok and is_valid(tmp_path, catalog.dataset("ssyk-4"))
    assert not any(p.name.startswith(".taxonomy-") for p in tmp_path.iterdir())  # staging removed
    up = upstream_taxonomy(_Versions(), tmp_path)
    assert (up.current_version, up.newer) == (29, False)
    (tmp_path / catalog.dataset("ssyk-4").path).write_text("{}")  # edited by hand: no longer the recorded file
    assert not is_valid(tmp_path, catalog.dataset("ssyk-4"))


def test_a_refresh_with_one_empty_file_changes_nothing(tmp_path):
    client, _ = _serve(_static_files(28, broken="skills"))
    with pytest.raises(ConnectorError, match="skills from https://data.jobtechdev.se/.*no concepts"):
        fetch_taxonomy(tmp_path, version=28, api=_Versions(), client=client)  # type: ignore[arg-type]
    assert not (tmp_path / "jobtech").exists() and read_manifest(tmp_path) == {}


def test_an_unpublished_version_is_refused(tmp_path):
    with pytest.raises(ConnectorError, match="version 31 is not published; newest is 29"):
        fetch_taxonomy(tmp_path, version=31, api=_Versions())  # type: ignore[arg-type]


# --- historical ads files -----------------------------------------------------------------------


def _ads_zip() -> bytes:
    lines = (FIXTURES / "ads" / "jobsearch_ads.jsonl").read_bytes()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("2023_beta1_1_percent.jsonl", lines)
    return buf.getvalue()


def test_fetch_ads_downloads_the_sample_verified_into_a_file_ingest_reads(tmp_path):
    body = _ads_zip()
    client, seen = _serve({ads_url(2023): body})
    progress: list[int] = []
    path = fetch_ads(tmp_path, 2023, client=client, progress=lambda _k, n, _t: progress.append(n))
    assert seen == ["https://data.jobtechdev.se/annonser/historiska/berikade/exempel/2023_beta1_1_percent_jsonl.zip"]
    assert path == ads_path(tmp_path, 2023) and path.read_bytes() == body and sum(progress) == len(body)
    plain = list(iter_records(FIXTURES / "ads" / "jobsearch_ads.jsonl"))
    assert list(iter_records(path)) == plain and len(plain) >= 7  # the same records, bad line and all
    assert read_manifest(tmp_path)["ads-historical:sample-2023"].version == "1 % sample 2023"


def test_full_years_come_from_the_yearly_files():
    assert ads_url(2019, sample=False) == "https://data.jobtechdev.se/annonser/historiska/2019.jsonl.zip"


def test_a_corrupt_or_cut_zip_leaves_nothing(tmp_path):
    body = bytearray(_ads_zip())
    body[60] ^= 0xFF  # a flipped byte inside the compressed member: the CRC check fails
    client, _ = _serve({ads_url(2023): bytes(body)})
    with pytest.raises(ConnectorError, match="ads-historical:sample-2023 .*not usable"):
        fetch_ads(tmp_path, 2023, client=client)
    cut, _ = _serve({ads_url(2023): httpx.Response(200, content=bytes(body[:100]), headers={"content-length": "900"})})
    with pytest.raises(ConnectorError):
        fetch_ads(tmp_path, 2023, client=cut)
    assert not ads_path(tmp_path, 2023).exists() and list(ads_path(tmp_path, 2023).parent.iterdir()) == []


def test_years_without_files_are_refused(tmp_path):
    with pytest.raises(ValidationFailed, match="official 1 % samples exist for 2016"):
        fetch_ads(tmp_path, 2010)
    result = runner.invoke(app, ["fetch-ads", "--year", "2010", "--data-dir", str(tmp_path)])
    assert result.exit_code == 2 and "2016" in result.output
