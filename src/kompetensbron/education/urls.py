"""Pages of the education supply under /utbildning/."""

from django.urls import path

from kompetensbron.web import converters  # noqa: F401 - registers <id:…> and <year:…>

from . import views

app_name = "education"
urlpatterns = [
    path("", views.programme_list, name="programmes"),
    path("program/ny/", views.programme_create, name="programme_create"),
    path("program/<id:pk>/", views.programme_detail, name="programme"),
    path("program/<id:pk>/redigera/", views.programme_edit, name="programme_edit"),
    path("program/<id:pk>/kopplingar/ny/", views.link_add, name="link_add"),
    path("kopplingar/<id:pk>/bekrafta/", views.link_decide, {"decision": "confirm"}, name="link_confirm"),
    path("kopplingar/<id:pk>/avvisa/", views.link_decide, {"decision": "reject"}, name="link_reject"),
    path("importera/", views.template_import, name="import"),
    path("kurser/", views.course_list, name="courses"),
    path("kurser/<str:code>/", views.course_detail, name="course"),
]
