from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HousingConfig(AppConfig):
    name = "kompetensbron.housing"
    label = "housing"
    verbose_name = _("Studentbostäder")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Registers the housing rules with django-rules (no other side effect).
        from . import permissions  # noqa: F401
