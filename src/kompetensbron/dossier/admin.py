from django.contrib import admin

from .models import DossierInput


@admin.register(DossierInput)
class DossierInputAdmin(admin.ModelAdmin):
    list_display = ("programme", "kind", "date", "author_name", "organisation", "author")
    list_filter = ("kind",)
    search_fields = ("text", "author_name", "organisation", "programme__name", "programme__code")
    raw_id_fields = ("programme", "author")
    readonly_fields = ("created_at", "updated_at")
