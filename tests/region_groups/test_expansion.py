"""Graduates over overlapping regions count once: regions are expanded to their set of kommuner,
then each programme in it counts once (checked against a count made here from the rows)."""

from __future__ import annotations

from collections import Counter

import pytest

from kompetensbron.education.models import Institution, OccupationLink, Programme, ProgrammeYear
from kompetensbron.reference.models import Kommun
from kompetensbron.region_groups.analysis import group_analysis
from kompetensbron.region_groups.expansion import graduates_in, kommuner_of
from kompetensbron.region_groups.models import RegionGroup
from kompetensbron.samverkan.models import Organisation
from kompetensbron.ssyk_levels import SsykSelection

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_db")]

GRADUATES = {"0180": 120, "0184": 30, "0380": 90, "2281": 61}  # Stockholm, Solna, Uppsala, Sundsvall


@pytest.fixture
def programmes(db):
    inst = Institution.objects.create(name="Testhögskolan")
    out = {}
    for kommun, n in GRADUATES.items():
        p = Programme.objects.create(institution=inst, code=f"P{kommun}", name=f"Program {kommun}", kommun_id=kommun)
        ProgrammeYear.objects.create(programme=p, year=2023, graduates=n - 5)
        ProgrammeYear.objects.create(programme=p, year=2024, graduates=n)
        for ssyk in ("2221", "2512"):  # two occupations: still one programme
            OccupationLink.objects.create(
                programme=p, ssyk_id=ssyk, provenance="official_ssyk_sun", score=1.0, status="confirmed"
            )
        out[kommun] = p
    return out


def _independent(kommuner: set[str]) -> int:
    """Latest graduates of the distinct programmes studying in ``kommuner``, read from the rows."""
    total = 0
    for p in Programme.objects.filter(kommun_id__in=kommuner):
        total += p.years.order_by("-year").first().graduates
    return total


def test_a_lan_and_a_kommun_within_it_and_its_fa_region_count_once(programmes) -> None:
    stockholm_fa = Kommun.objects.get(code="0180").fa_region_id
    regions = [("lan", "01"), ("kommun", "0180"), ("fa", stockholm_fa), ("kommun", "0380")]
    expected = {k.code for k in Kommun.objects.all() if k.lan_id == "01" or k.fa_region_id == stockholm_fa} | {
        "0180",
        "0380",
    }
    once = graduates_in(regions, SsykSelection.parse(""))
    assert once.kommuner == expected
    assert once.graduates == _independent(expected) == 120 + 30 + 90
    assert once.programmes == {programmes[k].pk for k in ("0180", "0184", "0380")}
    assert once.years == (2024, 2024)
    # summing the regions one by one would count Stockholm's graduates three times
    naive = sum(graduates_in([r]).graduates or 0 for r in regions)
    assert naive > once.graduates
    assert graduates_in([("kommun", "0114")]).graduates is None  # Upplands Väsby: no programme


def test_fa_region_crossing_a_lan_border(programmes) -> None:
    lan_of = dict(Kommun.objects.values_list("code", "lan_id"))
    fa_lans = Counter()
    for code, fa in Kommun.objects.exclude(fa_region=None).values_list("code", "fa_region_id"):
        fa_lans[(fa, lan_of[code])] += 1
    crossing = sorted({fa for fa, _ in fa_lans if sum(1 for f, _ in fa_lans if f == fa) > 1})
    assert crossing, "FA15 has regions that cross län borders"
    fa = crossing[0]
    lans = sorted(lan for f, lan in fa_lans if f == fa)
    union = kommuner_of([("fa", fa), ("lan", lans[0])])
    independent = {k for k, lan in lan_of.items() if lan == lans[0]} | set(
        Kommun.objects.filter(fa_region_id=fa).values_list("code", flat=True)
    )
    assert union == independent
    assert len(union) < len(kommuner_of([("fa", fa)])) + len(kommuner_of([("lan", lans[0])]))  # they overlap


def test_group_total_counts_each_programme_once(programmes) -> None:
    org = Organisation.objects.create(name="Region Testland", kind="region")
    g = RegionGroup.objects.create(
        name="Tre kommuner", level="kommun", codes=["0180", "0184", "2281"], organisation=org
    )
    a = group_analysis(key=f"g{g.pk}")
    assert a.total.graduates == sum(m.graduates or 0 for m in a.members) == _independent({"0180", "0184", "2281"})
    assert a.total.graduate_programmes == 3
    assert "once" in a.supply_method
