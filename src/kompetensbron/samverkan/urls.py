"""Pages of the Samverkan module (mounted at ``/samverkan/``)."""

from django.urls import path

from . import views

app_name = "samverkan"
urlpatterns = [
    path("", views.board, name="board"),
    path("aktiviteter/ny/", views.activity_create, name="activity_create"),
    path("aktiviteter/<int:pk>/", views.activity_detail, name="activity"),
    path("aktiviteter/<int:pk>/foresla/", views.activity_propose, name="activity_propose"),
    path("aktiviteter/<int:pk>/beslut/", views.activity_decide, name="activity_decide"),
    path("aktiviteter/<int:pk>/status/", views.activity_transition, name="activity_transition"),
    path("aktiviteter/<int:pk>/finansiering/", views.activity_funding, name="activity_funding"),
    path("avtal/nytt/", views.agreement_create, name="agreement_create"),
    path("avtal/<int:pk>/", views.agreement_detail, name="agreement"),
    path("avtal/<int:pk>/arsrapport/<int:year>/", views.yearly_report, name="yearly_report"),
    path("avtal/<int:pk>/arsrapport/<int:year>.xlsx", views.yearly_report, {"fmt": "xlsx"}, name="yearly_report_xlsx"),
    path("avtal/<int:pk>/arsrapport/<int:year>.pdf", views.yearly_report, {"fmt": "pdf"}, name="yearly_report_pdf"),
    path("organisationer/", views.organisation_list, name="organisations"),
    path("organisationer/<int:pk>/redigera/", views.organisation_edit, name="organisation_edit"),
    path("inbjudningar/<int:pk>/acceptera/", views.party_invitation_decide, {"decision": "accept"}, name="party_invitation_accept"),
    path("inbjudningar/<int:pk>/avboj/", views.party_invitation_decide, {"decision": "decline"}, name="party_invitation_decline"),
    path("organ/", views.body_list, name="bodies"),
    path("konto/aktivera/<str:uidb64>/<str:token>/", views.activate, name="activate"),
]
