"""Django admin for every education model.

Changes made here bypass the services' checks (the database constraints still hold); the
pages, the API and the template import are the everyday path. Every save and delete is
audited like the Samverkan admin's (:class:`~kompetensbron.samverkan.admin.AuditedAdminMixin`).
"""

from django.contrib import admin

from kompetensbron.samverkan.admin import AuditedAdminMixin

from . import models


class ProgrammeCourseInline(admin.TabularInline):
    model = models.ProgrammeCourse
    extra = 0
    raw_id_fields = ["course"]


class ProgrammeYearInline(admin.TabularInline):
    model = models.ProgrammeYear
    extra = 0


@admin.register(models.Institution)
class InstitutionAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["name", "short_name", "kommun", "org_number", "organisation"]
    search_fields = ["name", "short_name"]
    raw_id_fields = ["kommun", "organisation"]
    filter_horizontal = ["campus_kommuner"]


@admin.register(models.Programme)
class ProgrammeAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = [
        "code",
        "name",
        "institution",
        "degree",
        "sun_level",
        "sun_field",
        "form",
        "places",
        "kommun",
        "is_demo",
    ]
    list_filter = ["institution", "form", "is_demo"]
    search_fields = ["code", "name", "degree"]
    raw_id_fields = ["sun_level", "sun_field", "kommun"]
    readonly_fields = ["created_at", "updated_at"]
    inlines = [ProgrammeCourseInline, ProgrammeYearInline]


@admin.register(models.ProgrammeYear)
class ProgrammeYearAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["programme", "year", "admitted", "graduates"]
    list_filter = ["year"]
    raw_id_fields = ["programme"]


@admin.register(models.Course)
class CourseAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["code", "title", "institution", "level", "credits", "subject", "valid_from", "version"]
    list_filter = ["institution", "level"]
    search_fields = ["code", "title", "subject"]
    readonly_fields = ["load", "source_file", "source_line", "created_at", "updated_at"]


@admin.register(models.ProgrammeCourse)
class ProgrammeCourseAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["programme", "course", "term", "mandatory"]
    raw_id_fields = ["programme", "course"]


@admin.register(models.OccupationLink)
class OccupationLinkAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["__str__", "ssyk", "provenance", "score", "rank", "status", "author", "decided_at"]
    list_filter = ["provenance", "status"]
    search_fields = ["ssyk__code", "ssyk__label", "programme__name", "course__code"]
    raw_id_fields = ["course", "programme", "ssyk", "author"]
    readonly_fields = ["created_at", "updated_at"]
