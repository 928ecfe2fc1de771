"""Pages of the reference data (Swedish paths; the language is chosen by cookie, not URL)."""

from django.urls import path

from . import views

app_name = "reference"
urlpatterns = [
    path("yrken/", views.occupation_search, name="occupations"),
    path("yrken/<str:code>/", views.occupation_detail, name="occupation"),
    path("regioner/", views.region_map, name="regions"),
    path("regioner/kommun/<str:code>/", views.kommun_panel, name="kommun"),
    path("regioner/lan/<str:code>/", views.lan_panel, name="lan"),
    path("regioner/fa/<str:code>/", views.fa_panel, name="fa_region"),
]
