"""URL map: pages (i18n-aware), the REST API under /api/v1/, admin, auth and language switch."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from . import views
from .api import api

urlpatterns = [
    path("", views.home, name="home"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
    path("konto/logga-in/", auth_views.LoginView.as_view(), name="login"),
    path("konto/logga-ut/", auth_views.LogoutView.as_view(), name="logout"),
    # password reset by e-mail: Django's own views, our templates (web/templates/registration/)
    path(
        "konto/nytt-losenord/",
        # a plain-text e-mail (not HTML: no escaping in it)
        auth_views.PasswordResetView.as_view(email_template_name="registration/password_reset_email.txt"),
        name="password_reset",
    ),
    path("konto/nytt-losenord/skickat/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "konto/nytt-losenord/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("konto/nytt-losenord/klart/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("samverkan/", include("kompetensbron.samverkan.urls")),
    path("efterfragan/", include("kompetensbron.labour_market.urls")),
    path("utbildning/", include("kompetensbron.education.urls")),
    path("relevans/", include("kompetensbron.dossier.urls")),
    path("matchning/", include("kompetensbron.matchning.urls")),
    path("studentbostader/", include("kompetensbron.housing.urls")),
    path("utexaminerade/", include("kompetensbron.graduates.urls")),
    path("sok/", include("kompetensbron.search.urls")),
    path("regiongrupper/", include("kompetensbron.region_groups.urls")),
    path("", include("kompetensbron.reference.urls")),
]
