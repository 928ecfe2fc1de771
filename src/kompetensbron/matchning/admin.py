"""Django admin of Matchning: the administrators' tool for corrections, audited like Samverkan's.

The allowed self-registration e-mail domains are configured here (or through
``POST /api/v1/matchning/domains``). Everyday work goes through the pages and the API.
"""

from django.contrib import admin

from kompetensbron.samverkan.admin import AuditedAdminMixin

from . import models


@admin.register(models.AllowedEmailDomain)
class AllowedEmailDomainAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ("domain", "university", "created_at")
    search_fields = ("domain", "university__name")
    autocomplete_fields = ("university",)


@admin.register(models.Opportunity)
class OpportunityAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ("title", "host", "kind", "status", "capacity", "published_at", "is_demo")
    list_filter = ("status", "kind", "is_demo")
    search_fields = ("title", "host__name")
    raw_id_fields = ("host", "unit", "ssyk", "kommun", "created_by", "published_by")


@admin.register(models.Round)
class RoundAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ("title", "organiser", "status", "allocated_at", "is_demo")
    list_filter = ("status",)
    raw_id_fields = ("organiser", "created_by")
    filter_horizontal = ("opportunities",)
