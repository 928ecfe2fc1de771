"""A region group chosen on the balance page like a län: its members one by one and its aggregate,
which equals the sum of the members computed here from the plain län map (issue 15)."""

from __future__ import annotations

import pytest

from kompetensbron.education.models import Institution, OccupationLink, Programme, ProgrammeYear
from kompetensbron.region_groups.models import RegionGroup
from kompetensbron.region_levels import STOCKHOLM_MALAREN
from kompetensbron.samverkan.models import Organisation

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_db")]

API = "/api/v1/gap/balance"


@pytest.fixture
def linked(db):
    """2221 (nurses), confirmed: Uppsala 90 graduates, Stockholm 35, Sundsvall (outside the group) 61."""
    inst = Institution.objects.create(name="Testhögskolan")
    for code, kommun, n in (("U", "0380", 90), ("S", "0180", 35), ("N", "2281", 61)):
        p = Programme.objects.create(institution=inst, code=code, name=f"Program {code}", kommun_id=kommun)
        ProgrammeYear.objects.create(programme=p, year=2024, graduates=n)
        OccupationLink.objects.create(
            programme=p, ssyk_id="2221", provenance="official_ssyk_sun", score=1.0, status="confirmed"
        )


def test_group_aggregate_equals_its_members(client, stats_var, use_var, linked) -> None:
    use_var(stats_var)
    plain = client.get(API, {"ssyk": "2221", "region_level": "lan"}).json()
    by_lan = {r["region_code"]: r for r in plain["rows"]}
    members = STOCKHOLM_MALAREN.codes

    data = client.get(API, {"ssyk": "2221", "group": "stockholm-malaren"}).json()
    g = data["group"]
    assert g["codes"] == list(members) and "Gävleborgs län" in g["names"]
    assert [r["region_code"] for r in data["rows"]] == sorted(members)
    assert {r["code"] for r in data["regions"]} == set(members)
    assert g["ads_2024"] == sum(by_lan[c]["ads_2024"] for c in members) > 0
    assert g["graduates"] == 125 and g["supply_programmes"] == 2  # Sundsvall is outside the group
    indices = [by_lan[c]["index"] for c in members if by_lan[c]["index"] is not None]
    assert g["index_mean"] == pytest.approx(sum(indices) / len(indices), abs=1e-3)
    assert sum(g["label_counts"].values()) == sum(1 for c in members if by_lan[c]["label"])
    assert "sum" in g["provenance"]["method"] and g["provenance"] in data["provenance"]
    assert {r["lanskod"] for r in data["graduates"]["rows"]} == set(members)

    # all occupations: the share in shortage over the members' labelled cells
    every = client.get(API, {"region_level": "lan"}).json()["regions"]
    cells = [(r["shortage_share"], r["labelled"]) for r in every if r["code"] in members and r["labelled"]]
    shortage = sum(round(s * n) for s, n in cells)
    labelled = sum(n for _, n in cells)
    all_of_group = client.get(API, {"group": "stockholm-malaren"}).json()
    assert all_of_group["rated_ssyk"] is None  # not the last region's code
    g_all = all_of_group["group"]
    assert g_all["labelled"] == labelled > 0
    assert g_all["shortage_share"] == pytest.approx(shortage / labelled, abs=1e-4)


def test_own_groups_unknown_and_kommun_groups(client, stats_var, use_var, linked) -> None:
    use_var(stats_var)
    org = Organisation.objects.create(name="Region Testland", kind="region")
    own = RegionGroup.objects.create(name="Norr och Stockholm", level="lan", codes=["22", "01"], organisation=org)
    kommuner = RegionGroup.objects.create(name="Två kommuner", level="kommun", codes=["0180", "2281"], organisation=org)

    data = client.get(API, {"ssyk": "2221", "group": f"g{own.pk}"}).json()
    assert data["group"]["graduates"] == 96 and data["group"]["predefined"] is False
    assert data["group"]["ads_2024"] == sum(r["ads_2024"] for r in data["rows"])
    assert client.get(API, {"group": f"g{kommuner.pk}"}).status_code == 422
    assert client.get(API, {"group": "g999999"}).status_code == 404

    page = client.get("/efterfragan/balans/", {"ssyk": "2221", "grupp": "stockholm-malaren"})
    html = page.content.decode()
    assert page.status_code == 200 and 'id="gap-group-total"' in html
    assert "Gävleborgs län" in html and "Norr och Stockholm" in html  # the user's group is offered
    assert "Två kommuner" not in html  # kommun groups are not on the balance map
    assert client.get("/efterfragan/balans/", {"grupp": f"g{kommuner.pk}"}).status_code == 422
    unknown = client.get("/efterfragan/balans/", {"grupp": "nej"})
    assert unknown.status_code == 404
    assert "Okänd regiongrupp: &#x27;nej&#x27;" in unknown.content.decode()  # said once, no "Okänd kod:" before it
    assert "Okänd kod:" not in unknown.content.decode()


def test_ssyk_levels_on_the_balance_map(client, stats_var, use_var) -> None:
    """Only occupations that normally need a higher education (SSYK 1–3): the share in shortage per
    län counted here from the balance rows, and the group's share over its members."""
    from kompetensbron.analysis.barometer_data import barometer_data
    from kompetensbron.config import get_settings

    use_var(stats_var)
    rows = barometer_data(get_settings().data_dir).balance(region_level="lan", ssyk=None).rows
    counted: dict[str, list[int]] = {}
    for r in rows:
        if r.label is not None and r.ssyk[0] in "123":
            c = counted.setdefault(r.region_code, [0, 0])
            c[0] += r.label == "shortage"
            c[1] += 1
    data = client.get(API, {"region_level": "lan", "ssyk_level": "higher-education"}).json()
    assert data["ssyk_level"] == "higher-education"
    assert all(code[0] in "123" for code, _ in data["occupations"])
    for reg in data["regions"]:
        k, n = counted[reg["code"]]
        assert reg["labelled"] == n and reg["shortage_share"] == pytest.approx(k / n)
    every = client.get(API, {"region_level": "lan"}).json()["regions"]
    assert sum(r["labelled"] for r in data["regions"]) < sum(r["labelled"] for r in every)

    g = client.get(API, {"group": "stockholm-malaren", "ssyk_level": "higher-education"}).json()["group"]
    members = STOCKHOLM_MALAREN.codes
    assert g["labelled"] == sum(counted[c][1] for c in members)
    assert g["shortage_share"] == pytest.approx(sum(counted[c][0] for c in members) / g["labelled"], abs=1e-4)

    assert client.get(API, {"ssyk_level": "2512"}).status_code == 422  # SSYK-4 is not a level 1–3 code
    page = client.get("/efterfragan/balans/", {"ssyk_level": "higher-education", "grupp": "stockholm-malaren"})
    assert page.status_code == 200 and 'value="higher-education"' in page.content.decode()
    assert "ssyk_level=higher-education" in page.content.decode()
