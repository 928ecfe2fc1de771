"""The dossier's write routes → the rule each enforces (read by tests/web/test_permission_matrix.py).

Recording a programme-council or employer input is open to every logged-in user (the input is
dated and attributed); anonymous requests and requests without the CSRF token are refused.
"""

INPUT = {"kind": "employer", "date": "2025-05-20", "author_name": "Arbetsgivare", "text": "Mer praktik."}

ROUTES = {
    "POST /api/v1/dossier/programmes/{programme_id}/inputs": {
        "rule": "authenticated",
        "path": lambda w: f"/api/v1/dossier/programmes/{w.programme.pk}/inputs",
        "body": INPUT,
    },
    # the explicit mapping action writes suggested occupation links: the programme's own rule
    "POST /api/v1/dossier/programmes/{programme_id}/mapping": {
        "rule": "education.change_programme",
        "path": lambda w: f"/api/v1/dossier/programmes/{w.programme.pk}/mapping",
    },
    "POST dossier:suggest_occupations": {
        "rule": "education.change_programme",
        "path": lambda w: f"/relevans/program/{w.programme.pk}/malyrken/",
    },
    "POST dossier:input_add": {
        "rule": "authenticated",
        "path": lambda w: f"/relevans/program/{w.programme.pk}/synpunkter/",
        "body": INPUT,
    },
    # freezing a dated version of the dossier: the programme owner's rule
    "POST /api/v1/dossier/programmes/{programme_id}/versions": {
        "rule": "education.change_programme",
        "path": lambda w: f"/api/v1/dossier/programmes/{w.programme.pk}/versions",
        "body": {"label": "UKÄ-granskning"},
    },
    "POST dossier:freeze": {
        "rule": "education.change_programme",
        "path": lambda w: f"/relevans/program/{w.programme.pk}/frys/",
        "body": {"label": "UKÄ-granskning"},
        "form": True,
    },
}
