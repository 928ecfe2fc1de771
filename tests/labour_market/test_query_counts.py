"""SQL queries per demand page and route (issue 9, defect 2): a fixed number, not one or more per
row. Each route is fetched with few rows and with many: the number of database queries must not
grow, and stays under a cap (the Yrkesbarometer cells of the rows are computed in one batch)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kompetensbron.reference import models as ref

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_db")]

API = "/api/v1/demand"
MAX_QUERIES = 12


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


def _fa_code() -> str:
    return ref.Kommun.objects.get(code="0180").fa_region_id


@pytest.mark.parametrize("kind", ["lan", "kommun", "fa"])
def test_top_occupations_make_as_many_queries_for_100_rows_as_for_2(client, ads_var, use_var, kind) -> None:
    use_var(ads_var)
    code = {"lan": "01", "kommun": "0180", "fa": _fa_code()}[kind]
    url = f"{API}/regions/{kind}/{code}/top-occupations?limit="
    client.get(url + "2")  # warm the per-process caches (Yrkesbarometer files, reader)
    few, many = _queries(client, url + "2"), _queries(client, url + "100")
    data = client.get(url + "100").json()
    assert len(data["statistics"]["rows"]) > 50  # the many-rows case really has many rows
    assert many == few, f"{kind}: {few} queries for 2 rows, {many} for 100"
    assert many <= MAX_QUERIES


@pytest.mark.parametrize("kind", ["lan", "kommun", "fa"])
def test_region_page_query_count_is_fixed(client, ads_var, use_var, kind) -> None:
    use_var(ads_var)
    code = {"lan": "01", "kommun": "0180", "fa": _fa_code()}[kind]
    client.get(f"/efterfragan/region/{kind}/{code}/")
    assert _queries(client, f"/efterfragan/region/{kind}/{code}/") <= MAX_QUERIES


def test_occupation_page_makes_as_many_queries_for_290_kommuner_as_for_21_lan(client, ads_var, use_var) -> None:
    use_var(ads_var)
    client.get("/efterfragan/yrke/2221/")
    lan = _queries(client, "/efterfragan/yrke/2221/?level=lan")
    kommun = _queries(client, "/efterfragan/yrke/2221/?level=kommun")
    fa = _queries(client, "/efterfragan/yrke/2221/?level=fa")
    # 290 kommun rows against 21 län rows: at most the one kommun → län look-up more; an
    # FA-region adds its kommun → FA-region mapping, not a query per region
    assert kommun <= lan + 1 and fa <= lan + 5, (lan, kommun, fa)
    assert max(lan, kommun, fa) <= MAX_QUERIES
