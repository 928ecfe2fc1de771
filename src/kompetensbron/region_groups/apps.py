from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegionGroupsConfig(AppConfig):
    name = "kompetensbron.region_groups"
    label = "region_groups"
    verbose_name = _("Regiongrupper")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import permissions  # noqa: F401 - registers the rules
