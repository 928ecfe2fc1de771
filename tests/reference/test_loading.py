"""Loading the real reference snapshot: counts, idempotence, bad input, rollback."""

from __future__ import annotations

import json

import pytest

from kompetensbron.errors import DataFileMalformed, DataFileMissing
from kompetensbron.reference import models as m
from kompetensbron.reference.loading import load_reference_data
from kompetensbron.reference.services import reference_counts

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_db")]

EXPECTED = {
    "ssyk_level_1": 10,
    "ssyk_level_2": 46,
    "ssyk_level_3": 147,
    "ssyk_level_4": 400,
    "occupation_names": 2412,
    "isco_groups": 412,
    "skills": 6657,
    "esco_skills": 13485,
    "sun_levels": 71,  # SUN 2020: 7 + 14 + 50
    "sun_fields": 531,  # SUN 2020: 10 + 26 + 118 + 377
    "ssyk_sun_links": 64,
    "lan": 21,
    "kommuner": 290,
    "fa_regions": 60,
}


def test_real_snapshot_counts():
    counts = reference_counts()
    for key, value in EXPECTED.items():
        assert counts[key] == value, key
    assert counts["esco_mappings"] > 20_000


def test_every_kommun_has_lan_fa_region_shape_and_population():
    assert m.Kommun.objects.filter(fa_region__isnull=True).count() == 0
    assert m.Kommun.objects.filter(geometry__isnull=True).count() == 0
    assert m.Kommun.objects.filter(population__isnull=True).count() == 0
    assert m.Lan.objects.filter(geometry__isnull=True).count() == 0
    assert all(k.code.startswith(k.lan_id) for k in m.Kommun.objects.only("code", "lan_id"))
    sundsvall = m.Kommun.objects.get(code="2281")
    assert (sundsvall.name, sundsvall.lan.name, sundsvall.fa_region.name) == (
        "Sundsvall",
        "Västernorrlands län",
        "Sundsvall",
    )


def test_ssyk_links_and_provenance():
    nurse = m.SsykGroup.objects.get(code="2221")
    assert nurse.label == "Grundutbildade sjuksköterskor"
    assert nurse.definition
    assert nurse.parent_id == "222"
    assert list(nurse.isco_groups.values_list("code", flat=True)) == ["2221"]
    assert nurse.occupation_names.filter(label="Sjuksköterska, grundutbildad").exists()
    assert nurse.load.dataset == "ssyk-4" or nurse.load.dataset.startswith("ssyk")
    assert nurse.load.sha256 and nurse.load.version
    # the official ESCO mapping keeps the SKOS match type
    types = set(m.EscoSkillMapping.objects.values_list("match_type", flat=True))
    assert {"skos:exactMatch", "skos:broadMatch", "skos:narrowMatch", "skos:closeMatch"} <= types


def test_sun_links_resolve():
    fields = m.SsykGroup.objects.get(code="2142").sun_fields.all()
    assert "582a" in {f.code for f in fields}
    assert all(f.level == 4 for f in fields)


def test_reload_is_idempotent(data_dir):
    before = reference_counts()
    report = load_reference_data(data_dir)
    assert not report.changed
    assert all(t.created == t.updated == t.deleted == 0 for t in report.tables)
    assert reference_counts() == before


def test_reload_reports_a_changed_definition(data_dir, data_copy):
    payload = json.loads((data_dir / "jobtech/taxonomy/ssyk-level-4-groups.json").read_text(encoding="utf-8"))
    for concept in payload["data"]["concepts"]:
        if concept["ssyk_code_2012"] == "2221":
            concept["definition"] = "Ny definition."
    changed = data_copy({"jobtech/taxonomy/ssyk-level-4-groups.json": json.dumps(payload).encode()})
    report = load_reference_data(changed)
    by_table = {t.table: t for t in report.tables}
    assert by_table["reference_ssykgroup"].updated == 1
    assert m.SsykGroup.objects.get(code="2221").definition == "Ny definition."


def _assert_unchanged(before: dict[str, int]) -> None:
    assert reference_counts() == before
    assert m.SsykGroup.objects.get(code="2221").label == "Grundutbildade sjuksköterskor"


def test_bad_fa_region_kml_names_the_file(data_copy, data_dir):
    before = reference_counts()
    kml = (data_dir / "af-yrkesbarometer/fa_regioner_tillvaxtverket.kml").read_bytes()
    broken = data_copy({"af-yrkesbarometer/fa_regioner_tillvaxtverket.kml": kml[: len(kml) // 3]})
    with pytest.raises(DataFileMalformed) as err:
        load_reference_data(broken)
    assert "fa_regioner_tillvaxtverket.kml" in str(err.value) and "KML" in str(err.value)
    _assert_unchanged(before)


def test_missing_file_names_it_and_keeps_database(data_copy):
    before = reference_counts()
    broken = data_copy({"geo/swedish_municipalities.geojson": None})
    with pytest.raises(DataFileMissing) as err:
        load_reference_data(broken)
    assert "swedish_municipalities.geojson" in str(err.value)
    _assert_unchanged(before)


def test_truncated_json_names_file_and_line(data_copy, data_dir):
    before = reference_counts()
    original = (data_dir / "jobtech/taxonomy/ssyk-level-4-groups.json").read_bytes()
    broken = data_copy({"jobtech/taxonomy/ssyk-level-4-groups.json": original[: len(original) // 2]})
    with pytest.raises(DataFileMalformed) as err:
        load_reference_data(broken)
    message = str(err.value)
    assert "ssyk-level-4-groups.json" in message and "line 1" in message and "JSON" in message
    _assert_unchanged(before)


def test_missing_key_is_named(data_copy, data_dir):
    before = reference_counts()
    payload = json.loads((data_dir / "jobtech/taxonomy/ssyk-level-4-groups.json").read_text(encoding="utf-8"))
    del payload["data"]["concepts"][5]["ssyk_code_2012"]
    broken = data_copy({"jobtech/taxonomy/ssyk-level-4-groups.json": json.dumps(payload).encode()})
    with pytest.raises(DataFileMalformed) as err:
        load_reference_data(broken)
    assert "key 'ssyk_code_2012'" in str(err.value) and "concept #6" in str(err.value)
    _assert_unchanged(before)


def test_malformed_csv_row_names_line(data_copy, data_dir):
    before = reference_counts()
    text = (data_dir / "svensktext/platser_kommuner.csv").read_text(encoding="utf-8").splitlines()
    text[10] = text[10].replace(text[10].split(",")[3], "många", 1)  # population not a number
    broken = data_copy({"svensktext/platser_kommuner.csv": ("\n".join(text) + "\n").encode()})
    with pytest.raises(DataFileMalformed) as err:
        load_reference_data(broken)
    assert "platser_kommuner.csv" in str(err.value) and "line 11" in str(err.value) and "population" in str(err.value)
    _assert_unchanged(before)


def test_failure_while_writing_rolls_back_everything(data_copy, data_dir, monkeypatch):
    """A crash after some tables were written leaves all of them as they were."""
    payload = json.loads((data_dir / "jobtech/taxonomy/ssyk-level-4-groups.json").read_text(encoding="utf-8"))
    payload["data"]["concepts"][0]["definition"] = "Ändrad"
    changed = data_copy({"jobtech/taxonomy/ssyk-level-4-groups.json": json.dumps(payload).encode()})
    code = payload["data"]["concepts"][0]["ssyk_code_2012"]
    old_definition = m.SsykGroup.objects.get(code=code).definition
    from kompetensbron.reference import loading

    real = loading.sync_rows

    def crash_on_kommun(model, rows, **kw):
        if model is m.Kommun:
            raise RuntimeError("disk full")
        return real(model, rows, **kw)

    monkeypatch.setattr(loading, "sync_rows", crash_on_kommun)
    with pytest.raises(RuntimeError):
        load_reference_data(changed)
    assert m.SsykGroup.objects.get(code=code).definition == old_definition
