"""Pages of Studentbostäder (mounted at ``/studentbostader/``)."""

from django.urls import path

from . import import_views, simulator_views, views

app_name = "housing"
urlpatterns = [
    path("", views.start, name="start"),
    path("program/nytt/", views.programme_create, name="programme_create"),
    path("program/<int:pk>/", views.progress, name="progress"),
    path("program/<int:pk>/redigera/", views.programme_edit, name="programme_edit"),
    path("program/<int:pk>/kommunmal/", views.kommun_target, name="kommun_target"),
    path("program/<int:pk>/rapport.pdf", views.progress, {"fmt": "pdf"}, name="progress_pdf"),
    path("program/<int:pk>/rapport.xlsx", views.progress, {"fmt": "xlsx"}, name="progress_xlsx"),
    path("projekt/", views.project_list, name="projects"),
    path("projekt/nytt/", views.project_create, name="project_create"),
    path("projekt/<int:pk>/", views.project_detail, name="project"),
    path("projekt/<int:pk>/redigera/", views.project_edit, name="project_edit"),
    path("projekt/<int:pk>/status/", views.project_status, name="project_status"),
    path("kostatistik/", views.queue_statistics, name="queue"),
    path("kostatistik/ny/", views.queue_statistic_create, name="queue_create"),
    path("import/", import_views.import_file, name="import"),
    path("simulator/", simulator_views.simulator, name="simulator"),
    path("simulator/kor/", simulator_views.simulator_run, name="simulator_run"),
    path("simulator/rensa/", simulator_views.simulator_clear, name="simulator_clear"),
]
