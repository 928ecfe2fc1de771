"""Region-group pages under /regiongrupper/."""

from django.urls import path

from . import views

app_name = "region_groups"
urlpatterns = [
    path("", views.group_list, name="list"),
    path("ny/", views.group_add, name="add"),
    path("<slug:key>/", views.group_page, name="group"),
    path("<slug:key>.xlsx", views.group_xlsx, name="group_xlsx"),
    path("<slug:key>.csv", views.group_csv, name="group_csv"),
    path("<slug:key>/andra/", views.group_change, name="change"),
    path("<slug:key>/ta-bort/", views.group_delete, name="delete"),
]
