"""Pages of the demand analytics, under ``/efterfragan/``."""

from django.urls import path

from . import views

app_name = "labour_market"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("sok-yrke/", views.occupation_hits, name="occupation_hits"),
    path("yrke/<str:ssyk>/", views.occupation, name="occupation"),
    path("region/<str:kind>/<str:code>/", views.region, name="region"),
]
