"""Every figure names the date of its data: the gap pages, their JSON and the occupation page
carry the registry's data date, and old data is flagged."""

from __future__ import annotations

import pytest

from kompetensbron.labour_market.schemas import ProvenanceOut
from kompetensbron.sources import catalog
from kompetensbron.sources.data_dates import date_of, keys_named_in
from kompetensbron.sources.data_status import is_old

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_db")]


def test_the_helper_finds_the_dataset_and_flags_old_kinds():
    assert keys_named_in("Arbetsförmedlingen · af-yrkesbarometer/1-ar.xlsx") == ("yrkesbarometer-1-ar",)
    one_year = date_of(["yrkesbarometer-1-ar"])
    assert one_year is not None and (one_year.date, one_year.old) == ("2019-06", True)
    ssyk = date_of(text="ssyk-level-4-groups.json")
    assert ssyk is not None and (ssyk.date, ssyk.old) == ("2025-12", False)
    assert date_of(text="no file named here") is None


def test_provenance_fills_its_data_date_from_the_files_it_names():
    prov = ProvenanceOut(
        source="JobTech statistics file ssyk_salary.json", table="stat_salary", snapshot=None, period="x", method="m"
    )
    salary_old = is_old(catalog.dataset("statistics-salary"))
    assert (prov.datasets, prov.data_date, prov.data_old) == (["statistics-salary"], "2023", salary_old)
    ads = ProvenanceOut(
        source="JobTech historical ads", table="ads", snapshot=None, period="2023-01–2023-12", method="m"
    )
    assert ads.data_date == "2023-01–2023-12" and not ads.data_old  # ingested data: its own period


def test_the_balance_page_and_json_carry_the_date_of_their_data(client, stats_var, use_var):
    use_var(stats_var)
    data = client.get("/api/v1/gap/balance", {"ssyk": "2221", "region_level": "lan"}).json()
    dates = {p["table"]: (p["data_date"], p["data_old"]) for p in data["provenance"]}
    assert dates["1-ar (1-ar.xlsx)"] == ("2019-06", True)
    assert dates["stat_job_ads"][0] == "2024"
    html = client.get("/efterfragan/balans/", {"ssyk": "2221"}).content.decode()
    assert "Data från 2019-06" in html and "gammal data" in html and "Data från 2024" in html


def test_the_occupation_page_names_the_date_of_each_block(client, stats_var, use_var):
    use_var(stats_var)
    html = client.get("/efterfragan/yrke/2221/").content.decode()
    assert "Data från 2019-06" in html and "gammal data" in html
    assert "Data från 2024" in html  # the 2024 ad counts
