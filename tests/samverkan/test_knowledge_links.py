"""Links to the knowledge base (programmes, courses, occupations, regions), the collaboration
around a programme or occupation on their pages, and indicators computed from platform data."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

from kompetensbron.errors import PermissionDenied, ValidationFailed
from kompetensbron.samverkan import services
from kompetensbron.samverkan.schemas import IndicatorCreate, IndicatorYearIn
from kompetensbron.samverkan.schemas_meetings import IndicatorSourceIn, LinkIn

from .meeting_fixtures import toy_reference


@pytest.fixture
def programme(world):
    from kompetensbron.education.models import Institution, Programme

    institution = Institution.objects.create(name="Testhögskolan", organisation=world.uni)
    return Programme.objects.create(institution=institution, code="LÄR", name="Förskollärarprogrammet")


def test_an_activity_names_programmes_occupations_and_regions(world, programme):
    toy_reference()
    activity = services.create_activity(actor=world.wg_member, data=world.activity_data())
    for kind, ref in (("programme", str(programme.pk)), ("occupation", "2343"), ("region", "0126"), ("region", "01")):
        services.add_activity_link(actor=world.wg_member, activity=activity, data=LinkIn(kind=kind, ref=ref))
    labels = [
        (k.kind, k.code, k.label)
        for k in map(services.meetings_public.link, services.knowledge.links_of(activity=activity))
    ]
    assert ("occupation", "2343", "Förskollärare") in labels and ("region", "01", "Stockholms län") in labels
    for kind, ref in (
        ("occupation", "9999"),
        ("region", "99"),
        ("programme", "999999"),
        ("course", "abc"),
        ("programme", str(programme.pk)),
    ):
        with pytest.raises(ValidationFailed):  # unknown codes, and the same link twice
            services.add_activity_link(actor=world.wg_member, activity=activity, data=LinkIn(kind=kind, ref=ref))
    with pytest.raises(PermissionDenied):
        services.add_activity_link(actor=world.outsider, activity=activity, data=LinkIn(kind="occupation", ref="2343"))


def test_programme_and_occupation_pages_list_the_collaboration_to_those_who_may_see_it(world, programme):
    toy_reference()
    activity = services.create_activity(actor=world.wg_member, data=world.activity_data(title="Praktik i förskolan"))
    services.add_activity_link(
        actor=world.wg_member, activity=activity, data=LinkIn(kind="programme", ref=str(programme.pk))
    )
    services.add_activity_link(actor=world.wg_member, activity=activity, data=LinkIn(kind="occupation", ref="2343"))
    member, outsider = Client(), Client()
    member.force_login(world.wg_member)
    outsider.force_login(world.outsider)
    programme_url = f"/{_prefix('education:programme', programme.pk)}"
    occupation_url = f"/{_prefix('reference:occupation', '2343')}"
    for url in (programme_url, occupation_url):
        page = member.get(url)
        assert page.status_code == 200 and "Praktik i förskolan".encode() in page.content, url
        assert "Praktik i förskolan".encode() not in outsider.get(url).content
        assert b'id="collaboration"' not in Client().get(url).content  # anonymous: nothing
    rows = member.get("/api/v1/samverkan/occupations/2343/collaboration").json()
    assert [r["title"] for r in rows] == ["Praktik i förskolan"]


def _prefix(name, arg):
    from django.urls import reverse

    return reverse(name, args=[arg]).lstrip("/")


def _placements(world, n: int, *, hired: int = 0):
    from kompetensbron.matchning.models import Opportunity, Outcome, Placement

    opp = Opportunity.objects.create(
        host=world.kommun, kind="degree_project", title="Exjobb", description="x", capacity=n
    )
    for i in range(n):
        p = Placement.objects.create(opportunity=opp, university=world.uni, source="manual")
        Outcome.objects.create(placement=p, hired=i < hired)


def test_an_indicator_computed_from_matchning_outcomes_appears_in_the_yearly_report(world):
    year = timezone.localdate().year
    indicator = services.create_indicator(
        actor=world.coordinator, agreement=world.agreement, data=IndicatorCreate(name="Anställda via Matchning")
    )
    services.set_indicator_year(
        actor=world.coordinator,
        indicator=indicator,
        year=year,
        data=IndicatorYearIn(target=Decimal(2), value=Decimal(99)),
    )
    with pytest.raises(ValidationFailed):  # not a party of the agreement
        services.set_indicator_source(
            actor=world.coordinator,
            indicator=indicator,
            data=IndicatorSourceIn(kind="matchning:hires", organisation_id=world.other.pk),
        )
    with pytest.raises(PermissionDenied):
        services.set_indicator_source(
            actor=world.outsider,
            indicator=indicator,
            data=IndicatorSourceIn(kind="matchning:hires", organisation_id=world.uni.pk),
        )
    services.set_indicator_source(
        actor=world.coordinator,
        indicator=indicator,
        data=IndicatorSourceIn(kind="matchning:hires", organisation_id=world.uni.pk),
    )
    _placements(world, 4, hired=3)
    report = services.yearly_report(actor=world.coordinator, agreement=world.agreement, year=year)
    row = next(r for r in report.indicators if r.id == indicator.pk)
    assert row.computed and row.value == Decimal(3)  # computed, not the typed 99
    assert row.target == Decimal(2) and row.reached is True and row.previous_value == Decimal(0)
    assert "Matchning" in row.source and "Testuniversitetet" in row.source
    assert row.data_date == timezone.localdate()
    c = Client()
    c.force_login(world.coordinator)
    page = c.get(f"/samverkan/avtal/{world.agreement.pk}/arsrapport/{year}/").content.decode()
    assert "Beräknat ur" in page and "Testuniversitetet" in page
    assert c.get(f"/samverkan/indikatorer/{indicator.pk}/kalla/").status_code == 200
    from openpyxl import load_workbook

    xlsx = c.get(f"/samverkan/avtal/{world.agreement.pk}/arsrapport/{year}.xlsx").content
    sheet = load_workbook(io.BytesIO(xlsx))["Indikatorer"]
    rows = {r[0]: r for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows["Anställda via Matchning"][3] == 3 and "Matchning" in rows["Anställda via Matchning"][7]
    assert c.get(f"/api/v1/samverkan/indicators/{indicator.pk}/computed/{year}").json()["value"] == "3"


def test_indicators_computed_from_graduates_and_imported_statistics(world):
    from kompetensbron.graduates.models import GraduateFigure, GraduateImport

    toy_reference()
    uka = GraduateImport.objects.create(kind="uka", file_name="uka_examina.csv", sha256="a" * 64)
    scb = GraduateImport.objects.create(kind="scb", file_name="scb_kvar.px", sha256="b" * 64)
    for value, programme in ((40, "Förskollärarexamen"), (25, "Förskollärarexamen"), (7, "Juristexamen")):
        GraduateFigure.objects.create(
            data_import=uka, year=2024, value=value, institution="Testuniversitetet", programme=programme
        )
    GraduateFigure.objects.create(
        data_import=scb, year=2024, value=61.5, region_code="0126", measure="Andel kvar i kommunen efter 3 år"
    )
    grads = services.create_indicator(
        actor=world.coordinator, agreement=world.agreement, data=IndicatorCreate(name="Examinerade förskollärare")
    )
    stay = services.create_indicator(
        actor=world.coordinator, agreement=world.agreement, data=IndicatorCreate(name="Kvar i kommunen")
    )
    services.set_indicator_source(
        actor=world.coordinator,
        indicator=grads,
        data=IndicatorSourceIn(
            kind="graduates", institution_contains="Testuniversitetet", programme_contains="förskollärar"
        ),
    )
    with pytest.raises(ValidationFailed):
        services.set_indicator_source(
            actor=world.coordinator,
            indicator=stay,
            data=IndicatorSourceIn(kind="statistics", region_code="9999", measure_contains="kvar"),
        )
    services.set_indicator_source(
        actor=world.coordinator,
        indicator=stay,
        data=IndicatorSourceIn(kind="statistics", region_code="0126", measure_contains="kvar i kommunen"),
    )
    grads.refresh_from_db()
    stay.refresh_from_db()
    g = services.computed_value(grads.source, 2024)
    s = services.computed_value(stay.source, 2024)
    assert g.value == Decimal("65.00") and "uka_examina.csv" in g.source and g.data_date is not None
    assert s.value == Decimal("61.50") and "scb_kvar.px" in s.source
    assert services.computed_value(grads.source, 2023).value is None
    report = services.yearly_report(actor=world.coordinator, agreement=world.agreement, year=2024)
    assert {r.name: r.value for r in report.indicators if r.computed} == {
        "Examinerade förskollärare": Decimal("65.00"),
        "Kvar i kommunen": Decimal("61.50"),
    }
