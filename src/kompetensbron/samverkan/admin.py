"""Django admin for every Samverkan model. The audit log is read-only.

Note: changes made here bypass :mod:`.services` (and its audit log); the admin is the
administrators' tool for corrections, the pages and the API are the everyday path.
"""

from django.contrib import admin

from . import models


class UnitInline(admin.TabularInline):
    model = models.Unit
    extra = 0


class MembershipInline(admin.TabularInline):
    model = models.Membership
    extra = 0
    autocomplete_fields = ["user"]


class DocumentInline(admin.TabularInline):
    model = models.AgreementDocument
    extra = 0


class BodyMembershipInline(admin.TabularInline):
    model = models.BodyMembership
    extra = 0
    autocomplete_fields = ["user"]


class DecisionInline(admin.TabularInline):
    model = models.Decision
    extra = 0


class FundingInline(admin.TabularInline):
    model = models.FundingApplication
    extra = 0


class IndicatorYearInline(admin.TabularInline):
    model = models.IndicatorYear
    extra = 0


@admin.register(models.Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "kommun", "is_demo"]
    list_filter = ["kind", "is_demo"]
    search_fields = ["name"]
    raw_id_fields = ["kommun"]
    inlines = [UnitInline, MembershipInline]


@admin.register(models.DevelopmentArea)
class DevelopmentAreaAdmin(admin.ModelAdmin):
    search_fields = ["name"]


@admin.register(models.Agreement)
class AgreementAdmin(admin.ModelAdmin):
    list_display = ["title", "period_start", "period_end", "is_demo"]
    search_fields = ["title"]
    filter_horizontal = ["parties", "areas"]
    inlines = [DocumentInline]


@admin.register(models.Body)
class BodyAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "parent", "agreement", "is_demo"]
    list_filter = ["kind"]
    search_fields = ["name"]
    filter_horizontal = ["organisations", "areas"]
    inlines = [BodyMembershipInline]


@admin.register(models.Activity)
class ActivityAdmin(admin.ModelAdmin):
    list_display = ["title", "phase", "status", "owner", "working_group", "period_start", "is_demo"]
    list_filter = ["phase", "status", "is_demo"]
    search_fields = ["title"]
    filter_horizontal = ["partners"]
    inlines = [DecisionInline, FundingInline]


@admin.register(models.Decision)
class DecisionAdmin(admin.ModelAdmin):
    list_display = ["date", "activity", "outcome", "body"]


@admin.register(models.FundingApplication)
class FundingApplicationAdmin(admin.ModelAdmin):
    list_display = ["activity", "funder", "programme", "amount_applied", "amount_granted", "status", "deadline"]
    list_filter = ["status"]


@admin.register(models.Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["name", "agreement", "unit"]
    inlines = [IndicatorYearInline]


admin.site.register(models.Unit)
admin.site.register(models.Membership)
admin.site.register(models.BodyMembership)
admin.site.register(models.AgreementDocument)
admin.site.register(models.IndicatorYear)


@admin.register(models.AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["at", "actor", "action", "model", "object_id", "object_repr"]
    list_filter = ["action", "model"]
    search_fields = ["object_repr", "object_id"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
