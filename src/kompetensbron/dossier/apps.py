from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DossierConfig(AppConfig):
    name = "kompetensbron.dossier"
    label = "dossier"
    verbose_name = _("Relevansunderlag")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import privacy

        privacy.register()
