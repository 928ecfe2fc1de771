"""Route-table rows of editing needs, areas and units of funding and indicators, and removing
knowledge links and computed sources (merged into ``ROUTES`` by tests/samverkan/route_rules.py;
same row format; the objects come from route_rules_meetings' ``setup``)."""

API = "/api/v1/samverkan"


def setup(w):
    """A link of the proposed activity and a computed source of the indicator (to remove)."""
    from kompetensbron.samverkan import services
    from kompetensbron.samverkan.schemas_meetings import IndicatorSourceIn, LinkIn

    data = LinkIn(kind="programme", ref=str(w.programme.pk))
    w.activity_link = services.add_activity_link(actor=w.wg_member, activity=w.proposed, data=data)
    source = IndicatorSourceIn(kind="matchning:placements", organisation_id=w.kommun.pk)
    services.set_indicator_source(actor=w.coordinator, indicator=w.indicator, data=source)


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
    f"DELETE {API}/links/{{link_id}}": {
        "rule": "samverkan.change_activity",
        "path": lambda w: f"{API}/links/{w.activity_link.pk}",
        "body": {},
    },
    f"DELETE {API}/indicators/{{indicator_id}}/source": {
        "rule": "samverkan.change_indicator",
        "path": lambda w: f"{API}/indicators/{w.indicator.pk}/source",
        "body": {},
    },
    "POST samverkan:link_remove": {
        "rule": "samverkan.change_activity",
        "path": lambda w: f"/samverkan/kopplingar/{w.activity_link.pk}/ta-bort/",
        "body": {},
    },
    "POST samverkan:indicator_source_remove": {
        "rule": "samverkan.change_indicator",
        "path": lambda w: f"/samverkan/indikatorer/{w.indicator.pk}/kalla/ta-bort/",
        "body": {},
    },
}
