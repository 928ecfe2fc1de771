"""Housing pages: public reading, coordinator-only changes, audited, refused with 403/422."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from kompetensbron.housing import services
from kompetensbron.housing.models import HousingProject
from kompetensbron.housing.schemas import ProgrammeCreate, ProjectCreate
from kompetensbron.samverkan.models import AuditEntry
from tests.web.table_exports import assert_exports_equal_tables

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme(world):
    return services.create_programme(
        actor=world.region_coordinator,
        data=ProgrammeCreate(
            name="Sthlm test",
            owner_id=world.region.pk,
            lan_code="01",
            baseline_year=2013,
            target_year=2017,
            target_value=6000,
        ),
    )


def _project(world, **kw):
    data = {
        "name": "Lärkan",
        "owner_id": world.company.pk,
        "kommun_code": "0180",
        "homes": 200,
        "home_type": "studio",
        "expected_completion_year": 2016,
    }
    data.update(kw)
    return services.create_project(actor=world.company_coordinator, data=ProjectCreate(**data))


def test_public_pages_render(client, world, programme):
    project = _project(world)
    for url in (
        "/studentbostader/",
        f"/studentbostader/program/{programme.pk}/",
        "/studentbostader/projekt/",
        f"/studentbostader/projekt/{project.pk}/",
        "/studentbostader/kostatistik/",
        "/studentbostader/simulator/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
    page = client.get(f"/studentbostader/program/{programme.pk}/").content.decode()
    assert "housing-progress-data" in page and "/api/v1/regions/kommuner.geojson" in page
    xlsx = client.get(f"/studentbostader/program/{programme.pk}/rapport.xlsx")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"


def test_pdf_report(client, world, programme):
    pdf = client.get(f"/studentbostader/program/{programme.pk}/rapport.pdf")
    assert pdf.status_code == 200 and pdf.content[:4] == b"%PDF"


def test_coordinator_registers_and_completes_a_project_and_progress_changes(client, world, programme):
    client.force_login(world.company_coordinator)
    form = client.get("/studentbostader/projekt/nytt/").content.decode()
    assert '<a class="form-cancel" href="/studentbostader/projekt/">Avbryt</a>' in form  # back to the list
    response = client.post(
        "/studentbostader/projekt/nytt/",
        {
            "name": "Kvarteret Lärkan",
            "owner": world.company.pk,
            "kommun": "0180",
            "homes": 240,
            "home_type": "corridor_room",
            "status": "under_construction",
            "status_date": "2015-03-01",
            "expected_completion_year": 2016,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    project = HousingProject.objects.get(name="Kvarteret Lärkan")
    before = services.programme_progress(programme)
    assert before.completed == 0 and before.under_construction == 240
    response = client.post(
        f"/studentbostader/projekt/{project.pk}/status/",
        {"to_status": "completed", "date": "2016-08-01", "actual_completion_year": 2016},
    )
    assert response.status_code == 302
    after = services.programme_progress(programme)
    assert after.completed == 240 and after.under_construction == 0
    assert [y.completed for y in after.years if y.year == 2016] == [240]
    assert AuditEntry.objects.filter(
        model="housing.housingproject", object_id=str(project.pk), action="status"
    ).exists()
    # a completed project cannot move again
    again = client.post(f"/studentbostader/projekt/{project.pk}/status/", {"to_status": "cancelled"})
    assert again.status_code == 422


def test_others_cannot_change_a_project(client, world):
    project = _project(world)
    client.force_login(world.outsider)
    response = client.post(f"/studentbostader/projekt/{project.pk}/status/", {"to_status": "detailed_plan"})
    assert response.status_code == 403
    assert client.get(f"/studentbostader/projekt/{project.pk}/redigera/").status_code == 403
    client.force_login(world.company_member)
    assert (
        client.post(f"/studentbostader/projekt/{project.pk}/status/", {"to_status": "detailed_plan"}).status_code == 403
    )
    project.refresh_from_db()
    assert project.status == "idea"


def test_anonymous_is_sent_to_login_and_get_never_writes(client, world):
    project = _project(world)
    assert (
        client.post(f"/studentbostader/projekt/{project.pk}/status/", {"to_status": "detailed_plan"}).status_code == 302
    )
    response = client.get(f"/studentbostader/projekt/{project.pk}/status/")
    assert response.status_code == 302 and response["Location"].startswith("/konto/logga-in/")
    client.force_login(world.company_coordinator)
    assert client.get(f"/studentbostader/projekt/{project.pk}/status/").status_code == 405
    project.refresh_from_db()
    assert project.status == "idea"


def test_region_coordinator_edits_the_programme_others_not(client, world, programme):
    client.force_login(world.company_coordinator)
    assert client.get(f"/studentbostader/program/{programme.pk}/redigera/").status_code == 403
    client.force_login(world.region_coordinator)
    response = client.post(
        f"/studentbostader/program/{programme.pk}/redigera/",
        {
            "name": "Sthlm test",
            "baseline_year": 2013,
            "target_year": 2018,
            "target_kind": "absolute",
            "target_value": 6000,
        },
    )
    assert response.status_code == 302
    programme.refresh_from_db()
    assert programme.target_year == 2018
    bad = client.post(
        f"/studentbostader/program/{programme.pk}/redigera/",
        {
            "name": "Sthlm test",
            "baseline_year": 2013,
            "target_year": 2001,
            "target_kind": "absolute",
            "target_value": 6000,
        },
    )
    assert bad.status_code == 422


def test_simulator_runs_scenarios_side_by_side(client):
    base = {"rules": "sgs", "homes": 80, "arrivals_per_year": 90, "years": 1, "seed": 1}
    assert client.post("/studentbostader/simulator/kor/", {**base, "label": "Som idag"}).status_code == 302
    assert (
        client.post(
            "/studentbostader/simulator/kor/",
            {**base, "label": "Nej kostar kötiden", "decline_penalty_kind": "reset", "decline_penalty_after": 1},
        ).status_code
        == 302
    )
    page = client.get("/studentbostader/simulator/").content.decode()
    assert "Som idag" in page and "Nej kostar kötiden" in page and "sgs-ändrad" in page
    too_big = client.post("/studentbostader/simulator/kor/", {**base, "homes": 10**6})
    assert too_big.status_code == 422
    assert client.get("/studentbostader/simulator/kor/").status_code == 405


def test_english_from_the_apps_own_locale(client, world, programme, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(f"/studentbostader/program/{programme.pk}/").content.decode()
    assert "By municipality" in page and "Report as Excel" in page
    simulator = client.get("/studentbostader/simulator/").content.decode()
    assert "Scenarios side by side" in simulator and "SSSB (Stockholm): credit days" in simulator
    report = client.get(f"/studentbostader/program/{programme.pk}/rapport.xlsx")
    book = load_workbook(io.BytesIO(report.content))
    assert book.sheetnames[0] == "Overview" and book["Overview"]["A1"].value.endswith(": how far have we got?")


def test_personal_data_export_and_erase(world):
    from kompetensbron.privacy import erase_all, export_all

    project = _project(world)
    assert export_all(world.company_coordinator)["housing"]["status_changes"][0]["project"] == project.name
    assert erase_all(world.company_coordinator)["housing"] == 1
    assert project.status_changes.get().actor is None and project.status_changes.count() == 1


def test_web_import_all_or_nothing(client, world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from kompetensbron.housing.models import QueueStatistic

    client.force_login(world.company_coordinator)
    header = (
        "organisation,year,home_type,people_in_queue,homes_offered,median_wait_days,p90_wait_days,declines,source\n"
    )
    good = f"{header}Studentbostäder i Stockholm,2018,studio,,1100,1100,1500,450,årsredovisning\n"
    bad = f"{header}Studentbostäder i Stockholm,2019,studio,,1100,1100,1500,450,x\nStudentbostäder i Stockholm,20x9,studio,,1,1,1,1,x\n"
    response = client.post(
        "/studentbostader/import/", {"kind": "queue", "file": SimpleUploadedFile("q.csv", bad.encode())}
    )
    assert response.status_code == 422 and "rad 3, kolumn year" in response.content.decode()
    assert not QueueStatistic.objects.exists()
    response = client.post(
        "/studentbostader/import/", {"kind": "queue", "file": SimpleUploadedFile("q.csv", good.encode())}
    )
    assert response.status_code == 302 and QueueStatistic.objects.count() == 1
    stock = "kommunkod,year,homes,source\n0180,2013,10000,x\n"
    refused = client.post(
        "/studentbostader/import/", {"kind": "stock", "file": SimpleUploadedFile("s.csv", stock.encode())}
    )
    assert refused.status_code == 403


def test_region_coordinator_sets_a_kommun_target(client, world, programme):
    client.force_login(world.region_coordinator)
    assert "Spara kommunmål" in client.get(f"/studentbostader/program/{programme.pk}/").content.decode()
    response = client.post(
        f"/studentbostader/program/{programme.pk}/kommunmal/", {"kommun": "0184", "target_homes": 800}
    )
    assert response.status_code == 302
    assert programme.kommun_targets.get().target_homes == 800
    assert (
        client.post(
            f"/studentbostader/program/{programme.pk}/kommunmal/", {"kommun": "0380", "target_homes": 1}
        ).status_code
        == 422
    )
    client.force_login(world.company_coordinator)
    assert "Spara kommunmål" not in client.get(f"/studentbostader/program/{programme.pk}/").content.decode()
    assert (
        client.post(
            f"/studentbostader/program/{programme.pk}/kommunmal/", {"kommun": "0184", "target_homes": 1}
        ).status_code
        == 403
    )
    assert programme.kommun_targets.get().target_homes == 800


@pytest.mark.parametrize("language", ["sv", "en"])
def test_project_list_and_progress_tables_as_csv_and_excel(client, world, programme, language):
    """Issue 14: the project register and a programme's progress per year and per kommun
    download as shown; the printed report carries no download links."""
    _project(world)
    _project(world, name="=Formeln", kommun_code="0114", homes=40, expected_completion_year=None)
    assert assert_exports_equal_tables(client, "/studentbostader/projekt/", HTTP_ACCEPT_LANGUAGE=language) == 1
    url = f"/studentbostader/program/{programme.pk}/"
    assert assert_exports_equal_tables(client, url, HTTP_ACCEPT_LANGUAGE=language) == 2
    csv = client.get("/studentbostader/projekt/?format=csv&table=projekt").content.decode("utf-8-sig")
    assert "'=Formeln" in csv and "Lärkan" in csv
