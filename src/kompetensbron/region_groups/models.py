"""A region group an organisation defines: a named set of län or kommuner analysed as one.

The members are reference codes (länskod / kommunkod) of one level, checked against the
reference tables by the service; the organisation owns the group (its members may change it).
Predefined groups (Stockholm–Mälaren) are not rows: they are
:data:`kompetensbron.region_levels.PREDEFINED_GROUPS`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kompetensbron.region_levels import RegionGroup as RegionGroupSpec
from kompetensbron.region_levels import RegionLevel


class GroupLevel(models.TextChoices):
    LAN = RegionLevel.LAN.value, _("län")
    KOMMUN = RegionLevel.KOMMUN.value, _("kommuner")


class RegionGroup(models.Model):
    name = models.CharField(_("namn"), max_length=100)
    level = models.CharField(_("nivå"), max_length=8, choices=GroupLevel.choices, default=GroupLevel.LAN)
    codes = models.JSONField(_("regioner"), default=list, help_text=_("länskoder eller kommunkoder"))
    description = models.CharField(_("beskrivning"), max_length=500, blank=True)
    organisation = models.ForeignKey(
        "samverkan.Organisation", verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="region_groups"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "pk"]
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="region_group_name_per_org")]
        verbose_name = _("regiongrupp")
        verbose_name_plural = _("regiongrupper")

    def __str__(self) -> str:
        return self.name

    @property
    def key(self) -> str:
        return f"g{self.pk}"

    def spec(self) -> RegionGroupSpec:
        return RegionGroupSpec(
            key=self.key,
            name=self.name,
            level=RegionLevel(self.level),
            codes=tuple(self.codes),
            predefined=False,
            description=self.description,
        )
