from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReferenceConfig(AppConfig):
    name = "kompetensbron.reference"
    label = "reference"
    verbose_name = _("Referensdata")
    default_auto_field = "django.db.models.BigAutoField"
