from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GraduatesConfig(AppConfig):
    name = "kompetensbron.graduates"
    label = "graduates"
    verbose_name = _("Utexaminerade och kvarboende")
    default_auto_field = "django.db.models.BigAutoField"
