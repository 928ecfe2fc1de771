"""Route-table rows of editing needs, areas and units of funding and indicators, and removing
knowledge links and computed sources (merged into ``ROUTES`` by tests/samverkan/route_rules.py;
same row format; the objects come from route_rules_meetings' ``setup``)."""

API = "/api/v1/samverkan"

ROUTES = {
    f"PATCH {API}/needs/{{need_id}}": {
        "rule": "samverkan.change_competence_need",
        "path": lambda w: f"{API}/needs/{w.need.pk}",
        "body": {"headcount": 4},
    },
    "POST samverkan:need_edit": {
        "rule": "samverkan.change_competence_need",
        "path": lambda w: f"/samverkan/behov/{w.need.pk}/andra/",
        "body": {"title": "Sjuksköterskor", "headcount": 4, "status": "open"},
    },
    f"PATCH {API}/indicators/{{indicator_id}}": {
        "rule": "samverkan.change_indicator",
        "path": lambda w: f"{API}/indicators/{w.indicator.pk}",
        "body": {"name": "Omdöpt indikator"},
    },
    "POST samverkan:indicator_edit": {
        "rule": "samverkan.change_indicator",
        "path": lambda w: f"/samverkan/indikatorer/{w.indicator.pk}/andra/",
        "body": {"name": "Omdöpt indikator"},
    },
}
