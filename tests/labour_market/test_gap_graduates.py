"""Graduates beside demand on the balance page: Saco stay rates and UHR applicants per place per
län, with period and source (issue 15, item 3), checked against the Saco file counted here."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_db")]

API = "/api/v1/gap"


def test_balance_shows_stay_rates_and_applicants_per_lan(client, stats_var, use_var, data_dir) -> None:
    from kompetensbron.graduates.services import lan_retention_detail

    use_var(stats_var)
    data = client.get(f"{API}/balance", {"ssyk": "2221", "region_level": "lan"}).json()
    g = data["graduates"]
    rows = {r["lanskod"]: r for r in g["rows"]}
    assert set(rows) == {r["region_code"] for r in data["rows"]} and len(rows) == 21
    vn = rows["22"]
    expected = lan_retention_detail("22")
    assert vn["stay_share"] == expected.share_living_in_study_lan
    assert vn["stayed"] == expected.in_living_here and vn["students"] == expected.in_total
    assert vn["stayed"] / vn["students"] == pytest.approx(vn["stay_share"], abs=1e-4)
    assert rows["01"]["first_hand_per_place"] == pytest.approx(
        rows["01"]["first_hand_applicants"] / rows["01"]["admitted"], abs=0.01
    )
    assert g["uhr_period"] == "2022" and "HT2000" in g["cohort"]
    assert {s["key"] for s in g["sources"]} >= {"saco-in-county", "uhr-admissions"}

    page = client.get("/efterfragan/balans/", {"ssyk": "2221"}).content.decode()
    assert (
        'id="graduates-context"' in page
        and "Västernorrlands län" in page
        and "/regiongrupper/stockholm-malaren/" in page
    )
    assert client.get(f"{API}/balance", {"ssyk": "2221", "region_level": "fa"}).json()["graduates"] is None
