"""Pages of graduate supply and retention under /utexaminerade/."""

from django.urls import path

from . import views

app_name = "graduates"
urlpatterns = [
    path("", views.retention, name="retention"),
    path("antagning/", views.admissions, name="admissions"),
    path("importer/", views.imports, name="imports"),
]
