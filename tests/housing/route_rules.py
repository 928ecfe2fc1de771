"""Studentbostäder's write routes → the rule each enforces (read by tests/web/test_permission_matrix.py).

The rules live beside Samverkan's as ``samverkan.*_housing_*``. ``setup(w)`` adds a region and
a housing company (no one of the matrix is their member), a project and a programme. The
simulator page keeps its scenarios in the visitor's own session (``public``, like the language
switch); the simulator API runs for any logged-in user (``authenticated``).
"""

API = "/api/v1/housing"
PAGES = "/studentbostader"

PROJECT = {
    "name": "Matrishuset",
    "kommun_code": "0180",
    "homes": 100,
    "home_type": "studio",
    "expected_completion_year": 2028,
}
PROJECT_FORM = {
    "name": "Matrishuset",
    "kommun": "0180",
    "homes": 100,
    "home_type": "studio",
    "status": "idea",
    "expected_completion_year": 2028,
}
PROGRAMME = {
    "lan_code": "01",
    "baseline_year": 2020,
    "target_year": 2030,
    "target_kind": "absolute",
    "target_value": 1000,
}
PROGRAMME_FORM = {
    "name": "Matrisprogram 2",
    "lan": "01",
    "baseline_year": 2020,
    "target_year": 2030,
    "target_kind": "absolute",
    "target_value": 1000,
}
QUEUE = {"year": 2024, "home_type": "all", "people_in_queue": 1000}
SIMULATION = {"rules": "sssb", "homes": 10, "arrivals_per_year": 10, "years": 1, "seed": 1}


def _stock_file() -> dict:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return {
        "kind": "stock",
        "file": SimpleUploadedFile("bestand.csv", b"kommun_code,year,homes\n0180,2024,100\n", content_type="text/csv"),
    }


def setup(w):
    from kompetensbron.housing import services
    from kompetensbron.housing.schemas import ProgrammeCreate, ProjectCreate
    from kompetensbron.samverkan import services as sv
    from kompetensbron.samverkan.schemas import OrganisationCreate

    w.h_region = sv.create_organisation(actor=w.admin, data=OrganisationCreate(name="Matrisregionen", kind="region"))
    w.h_company = sv.create_organisation(actor=w.admin, data=OrganisationCreate(name="Matrisbostäder", kind="housing"))
    w.h_project = services.create_project(actor=w.admin, data=ProjectCreate(owner_id=w.h_company.pk, **PROJECT))
    w.h_programme = services.create_programme(
        actor=w.admin, data=ProgrammeCreate(name="Matrisprogrammet", owner_id=w.h_region.pk, **PROGRAMME)
    )


ROUTES = {
    # ---------------------------------------------------------------- API
    f"POST {API}/projects": {
        "rule": "samverkan.add_housing_project",
        "path": f"{API}/projects",
        "body": lambda w: PROJECT | {"owner_id": w.h_company.pk},
    },
    f"PATCH {API}/projects/{{project_id}}": {
        "rule": "samverkan.change_housing_project",
        "path": lambda w: f"{API}/projects/{w.h_project.pk}",
        "body": {"homes": 120},
    },
    f"POST {API}/projects/{{project_id}}/status": {
        "rule": "samverkan.change_housing_project",
        "path": lambda w: f"{API}/projects/{w.h_project.pk}/status",
        "body": {"to_status": "detailed_plan"},
    },
    f"POST {API}/programmes": {
        "rule": "samverkan.add_housing_programme",
        "path": f"{API}/programmes",
        "body": lambda w: PROGRAMME | {"name": "Matrisprogram 2", "owner_id": w.h_region.pk},
    },
    f"PATCH {API}/programmes/{{programme_id}}": {
        "rule": "samverkan.change_housing_programme",
        "path": lambda w: f"{API}/programmes/{w.h_programme.pk}",
        "body": {"target_value": 1200},
    },
    f"PUT {API}/programmes/{{programme_id}}/kommun-targets": {
        "rule": "samverkan.change_housing_programme",
        "path": lambda w: f"{API}/programmes/{w.h_programme.pk}/kommun-targets",
        "body": {"kommun_code": "0180", "target_homes": 300},
    },
    f"POST {API}/queue-statistics": {
        "rule": "samverkan.change_queue_statistics",
        "path": f"{API}/queue-statistics",
        "body": lambda w: QUEUE | {"organisation_id": w.h_company.pk},
    },
    f"POST {API}/simulator/run": {"rule": "authenticated", "path": f"{API}/simulator/run", "body": SIMULATION},
    # ---------------------------------------------------------------- pages
    "POST housing:programme_create": {
        "rule": "samverkan.add_housing_programme",
        "path": f"{PAGES}/program/nytt/",
        "body": lambda w: PROGRAMME_FORM | {"owner": w.h_region.pk},
    },
    "POST housing:programme_edit": {
        "rule": "samverkan.change_housing_programme",
        "path": lambda w: f"{PAGES}/program/{w.h_programme.pk}/redigera/",
        "body": {k: v for k, v in PROGRAMME_FORM.items() if k != "lan"},
    },
    "POST housing:kommun_target": {
        "rule": "samverkan.change_housing_programme",
        "path": lambda w: f"{PAGES}/program/{w.h_programme.pk}/kommunmal/",
        "body": {"kommun": "0180", "target_homes": 300},
    },
    # a stock file is for administrators; project and queue files follow the per-row rules above
    "POST housing:import": {
        "rule": "samverkan.import_housing_stock",
        "path": f"{PAGES}/import/",
        "body": lambda w: _stock_file(),
    },
    "POST housing:project_create": {
        "rule": "samverkan.add_housing_project",
        "path": f"{PAGES}/projekt/nytt/",
        "body": lambda w: PROJECT_FORM | {"owner": w.h_company.pk},
    },
    "POST housing:project_edit": {
        "rule": "samverkan.change_housing_project",
        "path": lambda w: f"{PAGES}/projekt/{w.h_project.pk}/redigera/",
        "body": PROJECT_FORM,
    },
    "POST housing:project_status": {
        "rule": "samverkan.change_housing_project",
        "path": lambda w: f"{PAGES}/projekt/{w.h_project.pk}/status/",
        "body": {"to_status": "detailed_plan"},
    },
    "POST housing:queue_create": {
        "rule": "samverkan.change_queue_statistics",
        "path": f"{PAGES}/kostatistik/ny/",
        "body": lambda w: QUEUE | {"organisation": w.h_company.pk},
    },
    "POST housing:simulator_run": {"rule": "public", "path": f"{PAGES}/simulator/kor/", "body": SIMULATION},
    "POST housing:simulator_clear": {"rule": "public", "path": f"{PAGES}/simulator/rensa/"},
}
