"""Pages of the Samverkan module (mounted at ``/samverkan/``)."""

from django.urls import path

from kompetensbron.web import converters  # noqa: F401 - registers <id:…> and <year:…>

from . import views, views_bodies, views_editing, views_governance, views_indicators

app_name = "samverkan"
urlpatterns = [
    path("", views.board, name="board"),
    path("aktiviteter/ny/", views.activity_create, name="activity_create"),
    path("aktiviteter/<id:pk>/", views.activity_detail, name="activity"),
    path("aktiviteter/<id:pk>/foresla/", views.activity_propose, name="activity_propose"),
    path("aktiviteter/<id:pk>/beslut/", views.activity_decide, name="activity_decide"),
    path("aktiviteter/<id:pk>/status/", views.activity_transition, name="activity_transition"),
    path("aktiviteter/<id:pk>/finansiering/", views.activity_funding, name="activity_funding"),
    path("avtal/nytt/", views.agreement_create, name="agreement_create"),
    path("avtal/<id:pk>/", views.agreement_detail, name="agreement"),
    path("avtal/<id:pk>/arsrapport/<year:year>/", views.yearly_report, name="yearly_report"),
    path("avtal/<id:pk>/arsrapport/<year:year>.xlsx", views.yearly_report, {"fmt": "xlsx"}, name="yearly_report_xlsx"),
    path("avtal/<id:pk>/arsrapport/<year:year>.pdf", views.yearly_report, {"fmt": "pdf"}, name="yearly_report_pdf"),
    path("organisationer/", views.organisation_list, name="organisations"),
    path("organisationer/<id:pk>/redigera/", views.organisation_edit, name="organisation_edit"),
    path(
        "inbjudningar/<id:pk>/acceptera/",
        views.party_invitation_decide,
        {"decision": "accept"},
        name="party_invitation_accept",
    ),
    path(
        "inbjudningar/<id:pk>/avboj/",
        views.party_invitation_decide,
        {"decision": "decline"},
        name="party_invitation_decline",
    ),
    path("organ/", views.body_list, name="bodies"),
    # issue 12: governance steps and the coordinators' editing pages
    path("aktiviteter/<id:pk>/redigera/", views_editing.activity_edit, name="activity_edit"),
    path("aktiviteter/<id:pk>/godkann/", views_governance.activity_approve, name="activity_approve"),
    path("aktiviteter/<id:pk>/notera/", views_governance.activity_note, name="activity_note"),
    path("finansiering/<id:pk>/status/", views_governance.funding_status, name="funding_status"),
    path("avtal/<id:pk>/redigera/", views_editing.agreement_edit, name="agreement_edit"),
    path("avtal/<id:pk>/dokument/nytt/", views_editing.agreement_document_add, name="agreement_document_add"),
    path(
        "avtal/<id:pk>/dokument/<id:doc>/ta-bort/",
        views_editing.agreement_document_remove,
        name="agreement_document_remove",
    ),
    path("avtal/<id:pk>/indikatorer/", views_indicators.indicator_list, name="indicators"),
    path("indikatorer/<id:pk>/ar/", views_indicators.indicator_year, name="indicator_year"),
    path("indikatorer/<id:pk>/andra/", views_indicators.indicator_edit, name="indicator_edit"),
    path("organ/<id:pk>/", views_bodies.body_detail, name="body"),
    path("organ/<id:pk>/redigera/", views_bodies.body_edit, name="body_edit"),
    path("organ/<id:pk>/ledamoter/", views_bodies.body_member_add, name="body_member_add"),
    path("organ/<id:pk>/ledamoter/<id:user_id>/ta-bort/", views_bodies.body_member_remove, name="body_member_remove"),
    path("konto/aktivera/<str:uidb64>/<str:token>/", views.activate, name="activate"),
]

# meetings, ideas → activities, knowledge links, computed indicators and competence needs
from . import views_meetings as vm  # noqa: E402
from . import views_needs as vn  # noqa: E402
from . import views_unlink as vu  # noqa: E402

urlpatterns += [
    path("organ/<id:pk>/moten/", vm.meeting_list, name="meetings"),
    path("moten/<id:pk>/", vm.meeting_detail, name="meeting"),
    path("moten/<id:pk>/redigera/", vm.meeting_edit, name="meeting_edit"),
    path("moten/<id:pk>/deltagare/", vm.meeting_attendee, name="meeting_attendee"),
    path("moten/<id:pk>/dokument/", vm.meeting_document, name="meeting_document"),
    path("moten/<id:pk>/ideer/", vm.meeting_idea, name="meeting_idea"),
    path("moten/<id:pk>/beslut/", vm.meeting_decision, name="meeting_decision"),
    path("ideer/<id:pk>/aktivitet/", vm.idea_activity, name="idea_activity"),
    path("aktiviteter/<id:pk>/kopplingar/", vm.activity_links, name="activity_links"),
    path("beslut/<id:pk>/kopplingar/", vm.decision_links, name="decision_links"),
    path("indikatorer/<id:pk>/kalla/", vm.indicator_source, name="indicator_source"),
    path("indikatorer/<id:pk>/kalla/ta-bort/", vu.indicator_source_remove, name="indicator_source_remove"),
    path("kopplingar/<id:pk>/ta-bort/", vu.link_remove, name="link_remove"),
    path("behov/", vn.need_list, name="needs"),
    path("behov/nytt/", vn.need_create, name="need_create"),
    path("behov/<id:pk>/", vn.need_detail, name="need"),
    path("behov/<id:pk>/andra/", vn.need_edit, name="need_edit"),
    path("behov/<id:pk>/status/", vn.need_transition, name="need_transition"),
    path("behov/<id:pk>/svar/", vn.need_answer, name="need_answer"),
    path("svar/<id:pk>/status/", vn.answer_transition, name="answer_transition"),
]
