"""Gap pages and JSON routes: same figures, uncertainty and sources shown, 404 on unknown codes."""

from __future__ import annotations

import pytest

from kompetensbron.labour_market import gap_services

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_db")]

API = "/api/v1/gap"


def test_balance_json_matches_the_page(client, stats_var, use_var) -> None:
    use_var(stats_var)
    data = client.get(f"{API}/balance", {"ssyk": "2221", "region_level": "lan"}).json()
    assert data["ssyk"] == "2221" and len(data["rows"]) == 21 and data["ads_known"]
    stockholm = next(r for r in data["rows"] if r["region_code"] == "01")
    assert stockholm["label"] == "shortage" and stockholm["probability"] > 0.5 and stockholm["ads_2024"] > 0
    assert stockholm["supply_note"] == "supply unknown" and data["supply_known"] is False
    assert data["backtest"]["rates"] and data["assessment_backtest"]["rates"]
    assert {p["table"] for p in data["provenance"]} >= {"1-ar (1-ar.xlsx)", "5-ar (5-ar.xlsx)", "stat_job_ads"}

    page = client.get("/efterfragan/balans/", {"ssyk": "2221"})
    assert page.status_code == 200
    html = page.content.decode()
    assert 'id="gap-map"' in html and 'id="gap-map-data"' in html and 'id="hit-rate-table"' in html
    assert "Stockholms län" in html and "utbud okänt" in html
    assert "1-ar.xlsx" in html and "Period:" in html
    assert f"{API}/balance?" in html


def test_balance_overall_share_and_fa_level(client, stats_var, use_var) -> None:
    use_var(stats_var)
    data = client.get(f"{API}/balance").json()
    assert data["ssyk"] is None and len(data["regions"]) == 21 and data["rows"] == []
    assert all(0 <= r["value"] <= 1 for r in data["regions"])
    fa = client.get(f"{API}/balance", {"ssyk": "2221", "region_level": "fa"}).json()
    assert len(fa["rows"]) == 60
    page = client.get("/efterfragan/balans/?ssyk=2221&level=fa").content.decode()
    assert 'id="gap-map"' in page and fa["rows"][0]["region_name"] in page
    assert 'data-geojson="/api/v1/regions/fa.geojson"' in page and 'data-kind="fa"' in page


def test_unknown_codes_answer_404(client, stats_var, use_var) -> None:
    use_var(stats_var)
    assert client.get(f"{API}/balance", {"ssyk": "0000"}).status_code == 404
    assert client.get(f"{API}/balance", {"region_level": "kommun"}).status_code == 404
    assert client.get(f"{API}/forecasts/nope").status_code == 404
    assert client.get(f"{API}/forecasts/1JfT_7TR_tqA", {"measure": "wages"}).status_code == 404
    assert client.get("/efterfragan/balans/?ssyk=0000").status_code == 404


def test_forecast_backtest_json_and_page(client, stats_var, use_var) -> None:
    use_var(stats_var)
    data = client.get(f"{API}/forecasts/backtest").json()
    assert data["origins"] == [2017, 2018] and data["series"] == 522
    for choice in data["choices"]:
        assert choice["mae"] <= choice["naive_mae"]
    chosen = [e for e in data["overall"] if e["chosen"] and e["horizon"] == 0]
    assert {e["measure"] for e in chosen} == {"demand", "entrants", "retirements"}
    assert data["groups"] and all(g["chosen"] for g in data["groups"])

    page = client.get("/efterfragan/prognos/", {"yrke": "1JfT_7TR_tqA", "matt": "retirements"})
    assert page.status_code == 200
    html = page.content.decode()
    assert 'id="backtest-table"' in html and 'id="group-table"' in html and 'id="forecast-chart"' in html
    assert "historik.csv" in html and "1JfT_7TR_tqA" in html
    choices = html.split('id="method-choices"', 1)[1].split("</ul>", 1)[0]
    assert "lägst MAE" in choices  # retirements: a trend method beat naive
    assert "naiv behålls" in choices or "ingen metod slog" in choices

    one = client.get(f"{API}/forecasts/1JfT_7TR_tqA", {"measure": "retirements"}).json()
    assert one["history"][-1][0] == 2018 and one["forecast"][-1]["year"] == 2026
    assert one["method"] == next(c["method"] for c in data["choices"] if c["measure"] == "retirements")
    # issue 14: one sentence says where the data ends and how far to trust the curve; the
    # back-test tables sit behind the "Metod" section
    summary = html.split('id="forecast-summary"', 1)[1].split("</p>", 1)[0]
    assert "till och med 2018" in summary and f"{one['forecast'][0]['year']}–2026" in summary
    assert "i bakåttestet missade den valda metoden" in summary
    method = html.split('<details class="method"', 1)[1].split("</details>", 1)[0]
    assert 'id="backtest-table"' in method and 'id="group-table"' in method
    assert html.index('id="forecast-chart"') < html.index('<details class="method"')
    assert (
        f"{one['forecast'][0]['value']:.3f}".replace(".", ",") in html or f"{one['forecast'][0]['value']:.3f}" in html
    )


def test_label_backtests_route(client, stats_var, use_var) -> None:
    use_var(stats_var)
    data = client.get(f"{API}/label-backtests").json()
    assert [d["key"] for d in data] == ["one_to_five_year", "assessment_2024_to_2026"]
    assert data == [b.model_dump(mode="json") for b in gap_services.label_backtests()]


def test_without_statistics_the_labels_still_show(client, tmp_path, use_var) -> None:
    use_var(tmp_path)  # empty var dir: no warehouse
    data = client.get(f"{API}/balance", {"ssyk": "2221"}).json()
    assert data["ads_known"] is False and data["rows"][0]["ads_2024"] is None
    assert any("Inga annonsantal för 2024" in n for n in data["notes"])  # in words for users, no command
    assert client.get("/efterfragan/balans/?ssyk=2221").status_code == 200
