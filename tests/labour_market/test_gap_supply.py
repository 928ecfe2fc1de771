"""Supply in the balance: graduates of linked programmes per SSYK-4 × län / FA-region."""

from __future__ import annotations

import pytest

from kompetensbron.education.models import Institution, OccupationLink, Programme, ProgrammeYear
from kompetensbron.education.supply import graduates_by_ssyk_region
from kompetensbron.reference.models import Kommun
from tests.web.table_exports import page_tables

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_db")]

API = "/api/v1/gap"
SUNDSVALL = "2281"  # Västernorrlands län (22)
STOCKHOLM = "0180"


def _programme(institution: Institution, code: str, kommun: str, years: dict[int, int | None]) -> Programme:
    p = Programme.objects.create(institution=institution, code=code, name=f"Program {code}", kommun_id=kommun)
    for year, graduates in years.items():
        ProgrammeYear.objects.create(programme=p, year=year, graduates=graduates, admitted=80)
    return p


@pytest.fixture
def linked(db):
    """2221: a confirmed programme in Sundsvall (latest graduates 2024: 61) and a suggested one in
    Stockholm (ignored: 2221 has a confirmed link); 2512: only a suggested programme in Stockholm."""
    inst = Institution.objects.create(name="Testhögskolan")
    ssk = _programme(inst, "T-SSK", SUNDSVALL, {2022: 55, 2023: 58, 2024: 61, 2025: None})
    sthlm = _programme(inst, "T-STH", STOCKHOLM, {2024: 300})
    data = _programme(inst, "T-DV", STOCKHOLM, {2023: 40})
    OccupationLink.objects.create(
        programme=ssk, ssyk_id="2221", provenance="official_ssyk_sun", score=1.0, status="confirmed"
    )
    OccupationLink.objects.create(programme=sthlm, ssyk_id="2221", provenance="skill_overlap", score=0.4)
    OccupationLink.objects.create(programme=data, ssyk_id="2512", provenance="skill_overlap", score=0.6)
    return ssk, sthlm, data


def test_graduates_by_ssyk_region(linked) -> None:
    ssk, sthlm, data = linked
    kommun = Kommun.objects.get(code=SUNDSVALL)
    lan = graduates_by_ssyk_region(level="lan")
    cell = lan.cell("2221", kommun.lan_id)
    assert kommun.lan_id == "22" and cell is not None
    assert (cell.graduates, cell.year_from, cell.year_to, cell.programmes) == (61, 2024, 2024, (ssk.pk,))
    assert lan.by_ssyk["2221"].basis == "confirmed" and lan.cell("2221", "01") is None  # suggested one ignored
    assert lan.by_ssyk["2512"].basis == "suggested" and lan.cell("2512", "01").graduates == 40
    fa = graduates_by_ssyk_region(level="fa")
    assert kommun.fa_region_id and fa.cell("2221", kommun.fa_region_id).graduates == 61
    assert fa.supply_mapping()["2221"] == {kommun.fa_region_id: 61}


def test_supply_in_balance_json_and_page(client, stats_var, use_var, linked) -> None:
    use_var(stats_var)
    data = client.get(f"{API}/balance", {"ssyk": "2221", "region_level": "lan"}).json()
    assert (
        data["supply_known"] is True and data["supply_years"] == [2024, 2024] and data["supply_basis"] == ["confirmed"]
    )
    rows = {r["region_code"]: r for r in data["rows"]}
    vn = rows["22"]
    assert (vn["graduates"], vn["graduates_year"], vn["supply_basis"], vn["supply_programmes"], vn["supply_note"]) == (
        61,
        2024,
        "confirmed",
        1,
        None,
    )
    assert rows["01"]["graduates"] is None and rows["01"]["supply_note"] == "supply unknown"
    assert any("ProgrammeYear" in p["table"] for p in data["provenance"])

    fa_code = Kommun.objects.get(code=SUNDSVALL).fa_region_id
    fa = client.get(f"{API}/balance", {"ssyk": "2221", "region_level": "fa"}).json()
    fa_rows = {r["region_code"]: r for r in fa["rows"]}
    assert fa_rows[fa_code]["graduates"] == 61
    assert sum(r["graduates"] or 0 for r in fa["rows"]) == 61

    html = client.get("/efterfragan/balans/", {"ssyk": "2221"}).content.decode()
    tables, _ = page_tables(html)
    by_region = {row[0][:2]: row for row in tables["bedomning"][1:]}
    header = tables["bedomning"][0]
    supply_row = by_region["22"]
    assert supply_row[header.index("Examinerade")] == "61"
    assert "2024" in supply_row[-1] and "bekräftade kopplingar" in supply_row[-1]
    assert by_region["01"][-1] == "utbud okänt"  # the other län
    assert 'id="supply-basis"' in html

    suggested = client.get(f"{API}/balance", {"ssyk": "2512"}).json()
    assert {r["region_code"]: r["graduates"] for r in suggested["rows"] if r["graduates"]} == {"01": 40}
    assert suggested["supply_basis"] == ["suggested"]
    assert "föreslagna kopplingar" in client.get("/efterfragan/balans/", {"ssyk": "2512"}).content.decode()


def test_no_link_means_supply_unknown(client, stats_var, use_var, linked) -> None:
    use_var(stats_var)
    data = client.get(f"{API}/balance", {"ssyk": "2411"}).json()
    assert data["supply_known"] is False and data["supply_years"] is None
    assert all(r["graduates"] is None and r["supply_note"] == "supply unknown" for r in data["rows"])
    html = client.get("/efterfragan/balans/", {"ssyk": "2411"}).content.decode()
    assert "utbud okänt" in html and "61 examinerade" not in html


def test_rejected_link_gives_no_supply(client, stats_var, use_var, linked) -> None:
    use_var(stats_var)
    ssk, _, _ = linked
    OccupationLink.objects.filter(programme=ssk).update(status="rejected", reason="fel yrke")
    rows = client.get(f"{API}/balance", {"ssyk": "2221"}).json()["rows"]
    # the Stockholm programme's suggested link now stands alone
    assert {r["region_code"]: r["graduates"] for r in rows if r["graduates"]} == {"01": 300}
