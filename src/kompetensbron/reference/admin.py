"""The Django admin over the reference data, for staff."""

from django.contrib import admin

from . import models as m


class ReadOnlyWhenLoaded(admin.ModelAdmin):
    """Reference rows come from official files: staff may look and search, edits go through init."""

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(m.DataLoad)
class DataLoadAdmin(ReadOnlyWhenLoaded):
    list_display = ("dataset", "title", "version", "source_file", "loaded_at")
    readonly_fields = [f.name for f in m.DataLoad._meta.fields]


class OccupationNameInline(admin.TabularInline):
    model = m.OccupationName
    fields = ("concept_id", "label")
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(m.SsykGroup)
class SsykGroupAdmin(ReadOnlyWhenLoaded):
    list_display = ("code", "label", "level", "concept_id")
    list_filter = ("level",)
    search_fields = ("code", "label", "search_text")
    readonly_fields = ("code", "level", "concept_id", "parent", "load")
    filter_horizontal = ("isco_groups",)
    inlines = [OccupationNameInline]


@admin.register(m.OccupationName)
class OccupationNameAdmin(ReadOnlyWhenLoaded):
    list_display = ("label", "concept_id", "ssyk")
    search_fields = ("label", "search_text", "concept_id")
    list_select_related = ("ssyk",)
    raw_id_fields = ("ssyk",)


@admin.register(m.IscoGroup)
class IscoGroupAdmin(ReadOnlyWhenLoaded):
    list_display = ("code", "label", "concept_id")
    search_fields = ("code", "label")


@admin.register(m.Skill)
class SkillAdmin(ReadOnlyWhenLoaded):
    list_display = ("label", "concept_id")
    search_fields = ("label", "search_text", "concept_id")


@admin.register(m.EscoSkill)
class EscoSkillAdmin(ReadOnlyWhenLoaded):
    list_display = ("label_sv", "uri")
    search_fields = ("label_sv", "uri")


@admin.register(m.EscoSkillMapping)
class EscoSkillMappingAdmin(ReadOnlyWhenLoaded):
    list_display = ("esco", "match_type", "jobtech_concept_id", "jobtech_label")
    list_filter = ("match_type",)
    search_fields = ("esco__label_sv", "jobtech_label")
    raw_id_fields = ("esco", "skill")


@admin.register(m.SunLevel)
class SunLevelAdmin(ReadOnlyWhenLoaded):
    list_display = ("code", "label", "level")
    list_filter = ("level",)
    search_fields = ("code", "label")


@admin.register(m.SunField)
class SunFieldAdmin(ReadOnlyWhenLoaded):
    list_display = ("code", "label", "level")
    list_filter = ("level",)
    search_fields = ("code", "label")


@admin.register(m.SsykSunLink)
class SsykSunLinkAdmin(ReadOnlyWhenLoaded):
    list_display = ("ssyk", "sun_field")
    raw_id_fields = ("ssyk", "sun_field")


@admin.register(m.Lan)
class LanAdmin(ReadOnlyWhenLoaded):
    list_display = ("code", "name", "letter", "population")
    exclude = ("geometry",)


@admin.register(m.Kommun)
class KommunAdmin(ReadOnlyWhenLoaded):
    list_display = ("code", "name", "lan", "fa_region", "population")
    list_filter = ("lan",)
    search_fields = ("code", "name")
    exclude = ("geometry",)


@admin.register(m.FaRegion)
class FaRegionAdmin(ReadOnlyWhenLoaded):
    list_display = ("code", "name")
    exclude = ("geometry",)
