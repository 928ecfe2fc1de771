"""One rated code per occupation (issue 9, defect 1): the occupation page, the gap map and the
relevance dossier show the same Yrkesbarometer group for every SSYK-4 group."""

from __future__ import annotations

import pytest

from kompetensbron.dossier import figures as dossier_figures
from kompetensbron.dossier.schemas import TargetOccupation
from kompetensbron.errors import UnknownConcept
from kompetensbron.labour_market import gap_services, outlook_cells, services
from kompetensbron.reference import models as ref

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_db")]

LAN = "22"  # Västernorrlands län


def _target(ssyk: str, label: str) -> TargetOccupation:
    return TargetOccupation(
        ssyk=ssyk,
        label=label,
        provenance="manual",
        provenance_label="manuell",
        score=1.0,
        rank=1,
        status="confirmed",
        status_label="bekräftad",
        link_id=1,
    )


def _gap_rated(ssyk: str) -> str | None:
    try:
        result = gap_services.gap_map(ssyk=ssyk, region_level="lan")
    except UnknownConcept:
        return None
    return result.rated_ssyk if result.rows else None


def test_every_ssyk4_group_gets_the_same_rated_code_on_every_surface(stats_var, use_var) -> None:
    use_var(stats_var)
    groups = list(ref.SsykGroup.objects.filter(level=4).order_by("code").values_list("code", "label"))
    assert len(groups) >= 400
    dossier_rows, _, _, _ = dossier_figures.outlook_rows([_target(c, lab) for c, lab in groups], LAN)
    dossier = {r.ssyk: r.barometer_code for r in dossier_rows}
    combined = 0
    for code, _label in groups:
        page = services.occupation_demand(code).outlook.rated_ssyk
        assert dossier[code] == page, code
        assert _gap_rated(code) == page, code
        combined += page is not None and page != code
    assert combined >= 10  # 2225, 2226, 2227, 2228, 2231–2234, 2239 and the SSYK-3 groups


@pytest.mark.parametrize("ssyk, rated", [("2226", "2223"), ("2239", "2224"), ("2233", "2224")])
def test_a_group_rated_together_with_others_shows_that_groups_index(client, stats_var, use_var, ssyk, rated) -> None:
    use_var(stats_var)
    gap = client.get(f"/api/v1/gap/balance?ssyk={ssyk}")
    assert gap.status_code == 200
    body = gap.json()
    assert body["ssyk"] == ssyk and body["rated_ssyk"] == rated and body["rows"]
    assert any(ssyk in n and "tillsammans" in n for n in body["notes"])  # Swedish: the default language
    page = client.get(f"/api/v1/demand/occupations/{ssyk}").json()
    lan_cell = next(r for r in page["statistics"]["rows"] if r["code"] == LAN)["outlook"]
    gap_row = next(r for r in body["rows"] if r["region_code"] == LAN)
    assert lan_cell["rated_ssyk"] == rated and lan_cell["index"] == pytest.approx(gap_row["index"], abs=1e-3)
    dossier_row = dossier_figures.outlook_rows([_target(ssyk, "x")], LAN)[0][0]
    assert dossier_row.barometer_code == rated and dossier_row.lan_index == pytest.approx(gap_row["index"], abs=0.01)


def test_a_group_nobody_rates_has_no_forecast_anywhere(client, stats_var, use_var) -> None:
    use_var(stats_var)
    rated = {r.ssyk for r in outlook_cells.outlook_data().one_year}
    unrated = next(
        c
        for c in ref.SsykGroup.objects.filter(level=4).order_by("code").values_list("code", flat=True)
        if c not in rated
        and c[:3] not in rated
        and not any(c in f.ssyk_codes for f in outlook_cells.outlook_data().five_year)
    )
    assert client.get(f"/api/v1/gap/balance?ssyk={unrated}").status_code == 404
    assert client.get(f"/api/v1/demand/occupations/{unrated}").json()["outlook"]["rated_ssyk"] is None
    assert dossier_figures.outlook_rows([_target(unrated, "x")], LAN)[0][0].barometer_code is None
