from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HousingConfig(AppConfig):
    name = "kompetensbron.housing"
    label = "housing"
    verbose_name = _("Studentbostäder")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Registers the housing rules with django-rules and the personal-data handlers.
        from kompetensbron.privacy import register_personal_data

        from . import permissions  # noqa: F401
        from .personal_data import erase_person, export_person

        register_personal_data("housing", export=export_person, erase=erase_person)
