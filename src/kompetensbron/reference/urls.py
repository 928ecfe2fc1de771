from django.urls import path

from . import views

app_name = "reference"
urlpatterns = [
    path("yrken/", views.occupation_search, name="occupations"),
    path("yrken/<str:code>/", views.occupation_detail, name="occupation"),
    path("regioner/", views.region_map, name="regions"),
]
