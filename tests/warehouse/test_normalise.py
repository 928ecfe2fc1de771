"""The normalisation rules of one ad, by example (toy taxonomy)."""

from __future__ import annotations

from datetime import datetime

import pytest

from kompetensbron.warehouse.normalise import AdNormaliser, InvalidAd, RemovalStub
from kompetensbron.warehouse.schema import NORMALISED_COLUMNS


def _norm(toy_taxonomy, **ad) -> dict:
    ad.setdefault("id", "x")
    ad.setdefault("publication_date", "2024-01-02T03:04:05")
    return dict(zip(NORMALISED_COLUMNS, AdNormaliser(toy_taxonomy).normalise(ad), strict=True))


def test_concept_ids_give_ssyk_and_place(toy_taxonomy) -> None:
    row = _norm(
        toy_taxonomy,
        occupation={"concept_id": "rQds_YGd_quU"},
        workplace_address={"municipality_concept_id": "AvNB_uwa_6n6"},
    )
    assert (row["ssyk4"], row["occupation_group_concept_id"]) == ("2512", "DJh5_yyF_hEM")
    assert (row["kommunkod"], row["lanskod"], row["region_concept_id"]) == ("0180", "01", "CifL_Rzy_Mku")
    assert row["publication_date"] == datetime(2024, 1, 2, 3, 4, 5) and row["pub_year"] == 2024


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        ({"municipality_code": "0380"}, ("0380", "03")),  # a kommunkod
        ({"municipality_code": "1"}, ("0114", "01")),  # a legacy AMS municipality id
        ({"region_code": "14"}, (None, "14")),  # a länskod only
        ({"region_concept_id": "NvUF_SP1_1zo"}, (None, "22")),
        ({"municipality_code": "9999"}, (None, None)),
    ],
)
def test_place_rules(toy_taxonomy, address, expected) -> None:
    row = _norm(toy_taxonomy, workplace_address=address)
    assert (row["kommunkod"], row["lanskod"]) == expected


@pytest.mark.parametrize(
    ("fields", "ssyk"),
    [
        ({"occupation": {"legacy_ams_taxonomy_id": "80"}}, "2512"),
        ({"occupation_group": {"concept_id": "Z8ci_bBE_tmx"}}, "2221"),
        ({"occupation_group": {"legacy_ams_taxonomy_id": "2512"}}, "2512"),  # SSYK code as legacy id
        ({"occupation_group": {"legacy_ams_taxonomy_id": "1402"}}, "2512"),  # AMS internal id
        ({"occupation_group": {"legacy_ams_taxonomy_id": "1210", "label": "Flygmekaniker m.fl."}}, "7232"),
        ({"occupation_group": {"legacy_ams_taxonomy_id": "1210"}}, "1210"),
        ({}, None),
    ],
)
def test_occupation_rules(toy_taxonomy, fields, ssyk) -> None:
    assert _norm(toy_taxonomy, **fields)["ssyk4"] == ssyk


@pytest.mark.parametrize(
    ("value", "expected"), [(3, 3), ("2", 2), (None, None), (-1, None), ("många", None), (True, None)]
)
def test_vacancies(toy_taxonomy, value, expected) -> None:
    assert _norm(toy_taxonomy, number_of_vacancies=value)["number_of_vacancies"] == expected


def test_dates_accept_dates_zulu_and_offsets(toy_taxonomy) -> None:
    assert _norm(toy_taxonomy, publication_date="2019-06-01")["publication_date"] == datetime(2019, 6, 1)
    assert _norm(toy_taxonomy, publication_date="2019-06-01T10:00:00Z")["pub_year"] == 2019
    assert _norm(toy_taxonomy, publication_date="2019-06-01T10:00:00.123+02:00")["publication_date"] == datetime(
        2019, 6, 1, 10, 0, 0
    )


@pytest.mark.parametrize(
    ("ad", "reason"),
    [
        ({"publication_date": "2024-01-01"}, "missing id"),
        ({"id": "x"}, "missing publication_date"),
        ({"id": "x", "publication_date": "igår"}, "unreadable publication_date: 'igår'"),
        ({"id": "x", "publication_date": "1899-01-01"}, "implausible publication_date: '1899-01-01'"),
    ],
)
def test_invalid_ads(toy_taxonomy, ad, reason) -> None:
    with pytest.raises(InvalidAd, match=reason):
        AdNormaliser(toy_taxonomy).normalise(ad)


def test_removal_notice(toy_taxonomy) -> None:
    with pytest.raises(RemovalStub) as info:
        AdNormaliser(toy_taxonomy).normalise({"id": 42, "removed": True, "removed_date": "2024-02-15T00:00:00"})
    assert (info.value.ad_id, info.value.removed_date) == ("42", datetime(2024, 2, 15))


def test_skills_from_must_and_nice_to_have(toy_taxonomy) -> None:
    row = _norm(
        toy_taxonomy,
        must_have={"skills": [{"concept_id": "jCsR_WQX_CKD"}, {"legacy_ams_taxonomy_id": "608334"}]},
        nice_to_have={"skills": [{"concept_id": "jCsR_WQX_CKD"}, {"label": "okänd"}]},
    )
    assert row["source_skill_ids"] == ["jCsR_WQX_CKD", "MR4H_FFT_mTj"]


def test_synthetic_marker(toy_taxonomy) -> None:
    assert _norm(toy_taxonomy, synthetic=True)["is_synthetic"] is True
    assert _norm(toy_taxonomy)["is_synthetic"] is False


def test_personal_identity_numbers_are_not_stored_as_organisation_numbers():
    from kompetensbron.warehouse.normalise import organisation_number

    assert organisation_number("556016-0680") == "556016-0680"  # aktiebolag
    assert organisation_number("2120001124") == "2120001124"  # a municipality
    assert organisation_number("198001011234") is None  # a sole trader = a person
    assert organisation_number("800101-1234") is None
    assert organisation_number(None) is None and organisation_number("") is None


@pytest.mark.parametrize(
    ("value", "expected"), [(True, True), (False, False), (None, False), ("false", False), ("True", True)]
)
def test_removed_is_a_strict_boolean(toy_taxonomy, value, expected) -> None:
    """``"removed": "false"`` is not removed (it used to be stored as removed: bool("false"))."""
    assert _norm(toy_taxonomy, removed=value)["removed"] is expected


@pytest.mark.parametrize("value", ["no", "0", 0, 1, {}, []])
def test_unclear_flags_are_refused_not_guessed(toy_taxonomy, value) -> None:
    with pytest.raises(InvalidAd, match="removed: expected true or false"):
        _norm(toy_taxonomy, removed=value)
    with pytest.raises(InvalidAd, match="synthetic: expected true or false"):
        _norm(toy_taxonomy, synthetic=value)


def test_a_removal_notice_with_removed_as_text_is_still_a_notice(toy_taxonomy) -> None:
    with pytest.raises(RemovalStub):
        AdNormaliser(toy_taxonomy).normalise({"id": "x", "removed": "true"})


def test_ads_flattened_to_dotted_keys_read_as_nested(toy_taxonomy) -> None:
    """The real-shaped devops sample (``jobtech/ads-sample-devops``) flattens nested fields."""
    from dataclasses import replace

    from kompetensbron.warehouse.normalise import unflatten_dotted_keys

    taxonomy = replace(toy_taxonomy, kommunkod_of_name={"stockholm": "0180"})
    flat = {
        "id": "a1",
        "publication_date": "2021-10-19T14:58:17",
        "headline": "DevOps Engineer",
        "occupation.concept_id": "rQds_YGd_quU",
        "workplace_address.municipality": "Stockholm",
        "must_have.skills": [{"weight": 10, "concept_id": "jCsR_WQX_CKD", "label": "Java"}],
        "nice_to_have.skills": [{"legacy_ams_taxonomy_id": "608334"}],
    }
    row = dict(zip(NORMALISED_COLUMNS, AdNormaliser(taxonomy).normalise(flat), strict=True))
    assert (row["ssyk4"], row["kommunkod"], row["lanskod"]) == ("2512", "0180", "01")
    assert row["source_skill_ids"] == ["jCsR_WQX_CKD", "MR4H_FFT_mTj"]
    assert unflatten_dotted_keys({"a": 1, "a.b": 2}) == {"a": 1, "a.b": 2}  # a plain value is not overwritten
    nested = {"id": "x"}
    assert unflatten_dotted_keys(nested) is nested
