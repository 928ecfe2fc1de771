from django.urls import path

from kompetensbron.web import converters  # noqa: F401 - registers <id:…> and <year:…>

from . import version_views, views

app_name = "dossier"

urlpatterns = [
    path("program/<id:pk>/", views.dossier_page, name="programme"),
    path("program/<id:pk>/siffror/", views.dossier_figures, name="programme_figures"),
    path("program/<id:pk>.pdf", views.dossier_pdf, name="programme_pdf"),
    path("program/<id:pk>.xlsx", views.dossier_xlsx, name="programme_xlsx"),
    path("program/<id:pk>/synpunkter/", views.input_add, name="input_add"),
    path("program/<id:pk>/malyrken/", views.suggest_occupations, name="suggest_occupations"),
    path("program/<id:pk>/versioner/", version_views.version_list, name="versions"),
    path("program/<id:pk>/frys/", version_views.freeze, name="freeze"),
    path("version/<id:version_id>/", version_views.version_page, name="version"),
    path("version/<id:version_id>.pdf", version_views.version_pdf, name="version_pdf"),
    path("version/<id:version_id>.xlsx", version_views.version_xlsx, name="version_xlsx"),
    path("jamfor/", version_views.compare_page, name="compare"),
]
