from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SamverkanConfig(AppConfig):
    name = "kompetensbron.samverkan"
    label = "samverkan"
    verbose_name = _("Samverkan")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Registers the object-level rules with django-rules and the personal-data handlers.
        from . import permissions, privacy  # noqa: F401

        privacy.register()
