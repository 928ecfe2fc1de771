"""Pages of the Matchning module (mounted at ``/matchning/``)."""

from django.urls import path

from . import round_views, views

app_name = "matchning"
urlpatterns = [
    path("", views.home, name="home"),
    path("mojligheter/ny/", views.opportunity_create, name="opportunity_create"),
    path("mojligheter/<int:pk>/", views.opportunity_detail, name="opportunity"),
    path("mojligheter/<int:pk>/redigera/", views.opportunity_edit, name="opportunity_edit"),
    path("mojligheter/<int:pk>/status/", views.opportunity_transition, name="opportunity_transition"),
    path("mojligheter/<int:pk>/sok/", views.opportunity_apply, name="opportunity_apply"),
    path("ansokningar/<int:pk>/status/", views.application_transition, name="application_transition"),
    path("placeringar/<int:pk>/utfall/", views.outcome, name="outcome"),
    path("profil/", views.profile, name="profile"),
    path("registrera/", views.register, name="register"),
    path("kompetenser/", views.skill_search, name="skill_search"),
    path("statistik/", views.statistics, name="statistics"),
    path("omgangar/ny/", round_views.round_create, name="round_create"),
    path("omgangar/<int:pk>/", round_views.round_detail, name="round"),
    path("omgangar/<int:pk>/mojligheter/", round_views.round_opportunities, name="round_opportunities"),
    path("omgangar/<int:pk>/rangordning/", round_views.round_rank, name="round_rank"),
    path(
        "omgangar/<int:pk>/mojligheter/<int:opportunity_pk>/rangordning/",
        round_views.round_host_rank,
        name="round_host_rank",
    ),
    path("omgangar/<int:pk>/placering/", round_views.round_placement, name="round_placement"),
    path("omgangar/<int:pk>/kor/", round_views.round_run, name="round_run"),
    path("omgangar/<int:pk>/avsluta/", round_views.round_close, name="round_close"),
    path("omgangar/<int:pk>/students.csv", round_views.round_file, {"which": "students"}, name="round_students_csv"),
    path(
        "omgangar/<int:pk>/opportunities.csv",
        round_views.round_file,
        {"which": "opportunities"},
        name="round_opportunities_csv",
    ),
]
