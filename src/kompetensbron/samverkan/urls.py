"""Pages of the Samverkan module (mounted at ``/samverkan/``)."""

from django.urls import path

from kompetensbron.web import converters  # noqa: F401 - registers <id:…> and <year:…>

from . import views

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
    path("konto/aktivera/<str:uidb64>/<str:token>/", views.activate, name="activate"),
]
