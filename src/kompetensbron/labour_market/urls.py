"""Pages of the demand analytics, under ``/efterfragan/``."""

from django.urls import path

from . import compare_views, gap_views, views

app_name = "labour_market"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("sok-yrke/", views.occupation_hits, name="occupation_hits"),
    path("yrke/<str:ssyk>/", views.occupation, name="occupation"),
    path("region/<str:kind>/<str:code>/", views.region, name="region"),
    path("jamfor/", compare_views.compare, name="compare"),
    path("balans/", gap_views.balance_map, name="gap_balance"),
    path("prognos/", gap_views.forecasts, name="gap_forecast"),
]
