from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LabourMarketConfig(AppConfig):
    name = "kompetensbron.labour_market"
    label = "labour_market"
    verbose_name = _("Efterfrågan på arbetsmarknaden")
    default_auto_field = "django.db.models.BigAutoField"
