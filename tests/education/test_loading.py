"""The syllabi reader and loader on the real Mid Sweden University file and on broken copies."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from kompetensbron.errors import DataFileMalformed
from kompetensbron.sources.syllabi import SYLLABI_PATH, read_syllabi

pytestmark = pytest.mark.usefixtures("syllabi_db")

#: lines of the 2025 snapshot; every course code occurs once (no older versions to drop)
MIUN_SYLLABI = 3586


def _line(**overrides) -> str:
    obj = {
        "Kurskod": "TE001G",
        "NivaForkortning": "GR",
        "KursplanBenamning": "Test GR (A), Testkurs, 7,5 hp",
        "hp": "7.5",
        "GallerFrom": "2020-01-01 00:00:00.000",
        "MajorVersion": "1",
        "AmneBeskrivning": "Test",
        "AmnesgruppKod": "TE1",
        "AmnesgruppBeskrivning": "Testämnen",
        "FordjupningKod": "G1N",
        "UtbildningMal": "Efter kursen ska studenten kunna - testa",
        "UtbildningMalEngelsk": None,
        "SarskildBehorighet": "Grundläggande behörighet",
        "ilos": ["testa"],
    }
    obj.update(overrides)
    return json.dumps(obj, ensure_ascii=False)


def test_real_file_has_3586_distinct_courses(data_dir):
    parsed = read_syllabi(data_dir / SYLLABI_PATH)
    assert parsed.lines == MIUN_SYLLABI
    assert parsed.distinct_codes == MIUN_SYLLABI
    assert parsed.superseded == 0
    first = parsed.records[0]
    assert first.code == "AK001A" and first.level == "AV" and first.credits == Decimal("7.5")
    assert first.valid_from.isoformat() == "2013-08-15" and first.version == 5 and first.line == 1
    assert first.ilos[0].startswith("självständigt redogöra")
    assert {r.level for r in parsed.records} == {"GR", "AV", "FO", "BE", "X"}


def test_bad_line_names_file_line_and_key(tmp_path):
    path = tmp_path / "kursplaner.jsonl"
    path.write_text(
        "\n".join([_line(), _line(Kurskod="TE002G", hp="sju"), _line(Kurskod="TE003G")]) + "\n", encoding="utf-8"
    )
    with pytest.raises(DataFileMalformed) as err:
        read_syllabi(path)
    assert err.value.path == path and err.value.line == 2 and err.value.key == "hp"
    assert str(err.value).startswith(f"{path}, line 2, key 'hp'")


def test_truncated_json_and_missing_key(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text(_line() + "\n" + _line()[:40] + "\n", encoding="utf-8")
    with pytest.raises(DataFileMalformed) as err:
        read_syllabi(path)
    assert err.value.line == 2 and "invalid JSON" in str(err.value)
    obj = json.loads(_line())
    del obj["ilos"]
    path.write_text(json.dumps(obj) + "\n", encoding="utf-8")
    with pytest.raises(DataFileMalformed) as err:
        read_syllabi(path)
    assert (err.value.line, err.value.key) == (1, "ilos")


def test_several_versions_keep_the_latest(tmp_path):
    path = tmp_path / "v.jsonl"
    path.write_text(
        "\n".join(
            [
                _line(MajorVersion="2", KursplanBenamning="ny"),
                _line(MajorVersion="1", KursplanBenamning="gammal"),
                _line(GallerFrom="2024-01-01 00:00:00.000", MajorVersion="1", KursplanBenamning="nyast"),
            ]
        ),
        encoding="utf-8",
    )
    parsed = read_syllabi(path)
    assert parsed.lines == 3 and parsed.distinct_codes == 1 and parsed.superseded == 2
    assert parsed.records[0].title == "nyast" and parsed.records[0].line == 3


@pytest.mark.django_db
def test_import_counts_and_reimport_changes_nothing(data_dir):
    from kompetensbron.education.loading import load_syllabi
    from kompetensbron.education.models import Course

    # this module's database holds the syllabi (syllabi_db): start this test from no courses
    Course.objects.filter(institution__name="Mittuniversitetet").delete()
    first = load_syllabi(data_dir)
    assert (first.lines, first.distinct_codes, first.created, first.updated) == (
        MIUN_SYLLABI,
        MIUN_SYLLABI,
        MIUN_SYLLABI,
        0,
    )
    assert Course.objects.filter(institution__name="Mittuniversitetet").count() == MIUN_SYLLABI
    again = load_syllabi(data_dir)
    assert (again.created, again.updated, again.unchanged, again.not_in_file) == (0, 0, MIUN_SYLLABI, 0)
    assert not again.changed


@pytest.mark.django_db
def test_imported_course_keeps_provenance_and_institution_kommuner(miun):
    from kompetensbron.education.models import Course

    assert miun.kommun_id == "2281"
    assert set(miun.campus_kommuner.values_list("code", flat=True)) == {"2281", "2380"}
    course = Course.objects.select_related("load").get(institution=miun, code="AK001U")
    assert course.load.dataset == "miun-syllabi" and course.load.sha256
    assert (course.source_file, course.source_line) == (SYLLABI_PATH, 2)
    assert course.level == "GR" and course.credits == Decimal("7.5") and len(course.ilos) == 4


@pytest.mark.django_db
def test_bad_file_leaves_database_as_it_was(tmp_path, data_dir):
    from kompetensbron.education.loading import load_syllabi
    from kompetensbron.education.models import Course

    path = tmp_path / "bad.jsonl"
    path.write_text(
        _line(Kurskod="AK001A", KursplanBenamning="ÄNDRAD") + "\n" + _line(NivaForkortning="XX") + "\n",
        encoding="utf-8",
    )
    with pytest.raises(DataFileMalformed) as err:
        load_syllabi(data_dir, path=path)
    assert (err.value.line, err.value.key) == (2, "NivaForkortning")
    assert Course.objects.get(code="AK001A").title.startswith("Arkiv- och informationsvetenskap")
