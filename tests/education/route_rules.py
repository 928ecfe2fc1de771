"""Education's write routes → the rule each enforces (read by tests/web/test_permission_matrix.py)."""

API = "/api/v1/education"
PROGRAMME = lambda w: {"institution_id": w.institution.pk, "code": "NY-1", "name": "Nytt program", "form": "campus"}  # noqa: E731
PROGRAMME_FORM = lambda w: {"institution": w.institution.pk, "code": "NY-1", "name": "Nytt program", "form": "campus"}  # noqa: E731

ROUTES = {
    f"POST {API}/programmes": {"rule": "education.add_programme", "path": f"{API}/programmes", "body": PROGRAMME},
    f"POST {API}/links/{{link_id}}/confirm": {
        "rule": "education.decide_link",
        "path": lambda w: f"{API}/links/{w.link.pk}/confirm",
        "body": {},
    },
    f"POST {API}/links/{{link_id}}/reject": {
        "rule": "education.decide_link",
        "path": lambda w: f"{API}/links/{w.link.pk}/reject",
        "body": {"reason": "Fel yrke."},
    },
    "POST education:programme_create": {
        "rule": "education.add_programme",
        "path": "/utbildning/program/ny/",
        "body": PROGRAMME_FORM,
    },
    "POST education:programme_edit": {
        "rule": "education.change_programme",
        "path": lambda w: f"/utbildning/program/{w.programme.pk}/redigera/",
        "body": PROGRAMME_FORM,
    },
    "POST education:link_add": {
        "rule": "education.change_programme",
        "path": lambda w: f"/utbildning/program/{w.programme.pk}/kopplingar/ny/",
        "body": {"ssyk": "2221", "reason": "Leder dit."},
    },
    "POST education:link_confirm": {
        "rule": "education.decide_link",
        "path": lambda w: f"/utbildning/kopplingar/{w.link.pk}/bekrafta/",
    },
    "POST education:link_reject": {
        "rule": "education.decide_link",
        "path": lambda w: f"/utbildning/kopplingar/{w.link.pk}/avvisa/",
        "body": {"reason": "Fel yrke."},
    },
    "POST education:import": {"rule": "education.import_programmes", "path": "/utbildning/importera/"},
}
