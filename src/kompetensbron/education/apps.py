from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EducationConfig(AppConfig):
    name = "kompetensbron.education"
    label = "education"
    verbose_name = _("Utbildningsutbud")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Registers the education rules with django-rules and the personal-data handlers.
        from . import permissions, privacy  # noqa: F401

        privacy.register()
