"""The Stockholm–Mälaren group (the seven län of En Bättre Matchning, Mälardalsrådet): demand and
supply of its län in one view, and the sum equals the län shown one by one (issue 15, "done when")."""

from __future__ import annotations

import pytest

from kompetensbron.education.models import Institution, OccupationLink, Programme, ProgrammeYear
from kompetensbron.errors import NotFound, ValidationFailed
from kompetensbron.labour_market.services import demand_map
from kompetensbron.reference.models import SsykGroup
from kompetensbron.region_groups.analysis import group_analysis
from kompetensbron.region_levels import STOCKHOLM_MALAREN

pytestmark = pytest.mark.django_db

SEVEN_LAN = {
    "01": "Stockholms län",
    "03": "Uppsala län",
    "04": "Södermanlands län",
    "05": "Östergötlands län",
    "18": "Örebro län",
    "19": "Västmanlands län",
    "21": "Gävleborgs län",
}


def _programme(inst, code: str, kommun: str, graduates: dict[int, int]) -> Programme:
    p = Programme.objects.create(institution=inst, code=code, name=f"Program {code}", kommun_id=kommun)
    for year, n in graduates.items():
        ProgrammeYear.objects.create(programme=p, year=year, graduates=n)
    return p


@pytest.fixture
def programmes(db):
    """Confirmed links: a nursing programme in Uppsala (2221, 90 graduates 2024), a computer science
    programme in Stockholm linked to 2512 and 2514 (120 graduates, counted once), and an assistant
    nurse programme in Örebro (5321, 40) outside SSYK 1–3; Sundsvall (not in the group, 2221: 61)."""
    inst = Institution.objects.create(name="Testhögskolan")
    ssk = _programme(inst, "U-SSK", "0380", {2023: 80, 2024: 90})
    dv = _programme(inst, "S-DV", "0180", {2024: 120})
    usk = _programme(inst, "O-USK", "1880", {2024: 40})
    sundsvall = _programme(inst, "N-SSK", "2281", {2024: 61})
    for p, ssyk in ((ssk, "2221"), (dv, "2512"), (dv, "2514"), (usk, "5321"), (sundsvall, "2221")):
        OccupationLink.objects.create(
            programme=p, ssyk_id=ssyk, provenance="official_ssyk_sun", score=1.0, status="confirmed"
        )


def test_group_sum_equals_seven_lan_one_by_one(programmes) -> None:
    a = group_analysis(key="stockholm-malaren")
    assert [m.code for m in a.members] == list(STOCKHOLM_MALAREN.codes)
    assert {m.code: m.name for m in a.members} == SEVEN_LAN

    one_by_one = {r.code: r.ads for r in demand_map(region_level="lan").statistics.rows}
    for m in a.members:
        assert m.ads_2024 == one_by_one[m.code] > 0
    assert a.total.ads_2024 == sum(one_by_one[c] for c in SEVEN_LAN)

    # supply: each programme once, in the län of its study kommun; Sundsvall outside the group
    assert {m.code: m.graduates for m in a.members} == {
        "01": 120,
        "03": 90,
        "04": None,
        "05": None,
        "18": 40,
        "19": None,
        "21": None,
    }
    assert a.total.graduates == 250
    assert a.total.graduate_programmes == 3
    assert a.graduates_years == "2024"


def test_ssyk_levels_select_occupations(programmes) -> None:
    higher = group_analysis(key="stockholm-malaren", ssyk_level="higher-education")
    assert higher.total.graduates == 210  # the assistant nurses (5321) are outside SSYK 1–3
    assert higher.ssyk_level == "higher-education"
    assert 0 < higher.total.ads_2024 < group_analysis(key="stockholm-malaren").total.ads_2024

    # a minor group (SSYK-3 222): the sum of its SSYK-4 groups' ads in the seven län, one by one
    minor = group_analysis(key="stockholm-malaren", ssyk_level="222")
    codes = SsykGroup.objects.filter(level=4, code__startswith="222").values_list("code", flat=True)
    expected = 0
    for code in codes:
        rows = {r.code: r.ads for r in demand_map(ssyk=code, region_level="lan").statistics.rows}
        expected += sum(rows.get(c, 0) for c in SEVEN_LAN)
    assert minor.total.ads_2024 == expected > 0
    assert minor.total.graduates == 90

    with pytest.raises(ValidationFailed):
        group_analysis(key="stockholm-malaren", ssyk_level="2221")  # SSYK-4 is not a level 1–3 code
    with pytest.raises(NotFound):
        group_analysis(key="g999999")
