from django.urls import path

from . import views

app_name = "dossier"

urlpatterns = [
    path("program/<int:pk>/", views.dossier_page, name="programme"),
    path("program/<int:pk>.pdf", views.dossier_pdf, name="programme_pdf"),
    path("program/<int:pk>.xlsx", views.dossier_xlsx, name="programme_xlsx"),
    path("program/<int:pk>/synpunkter/", views.input_add, name="input_add"),
    path("program/<int:pk>/malyrken/", views.suggest_occupations, name="suggest_occupations"),
]
