from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchningConfig(AppConfig):
    name = "kompetensbron.matchning"
    label = "matchning"
    verbose_name = _("Matchning")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Registers the object-level rules and the personal-data handlers (no other side effect).
        from kompetensbron.privacy import register_personal_data

        from . import permissions  # noqa: F401
        from .privacy import erase, export

        register_personal_data("matchning", export=export, erase=erase)
