"""The audit log's model (written by :mod:`.audit`)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

__all__ = ["AuditEntry"]


class AuditEntry(models.Model):
    """One accepted change: who, when, what, and the object before and after (JSON)."""

    at = models.DateTimeField(_("tidpunkt"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("utförd av"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(_("åtgärd"), max_length=64)
    model = models.CharField(_("objekttyp"), max_length=64)
    object_id = models.CharField(_("objekt-id"), max_length=64)
    object_repr = models.CharField(_("objekt"), max_length=255)
    before = models.JSONField(_("före"), null=True, blank=True)
    after = models.JSONField(_("efter"), null=True, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["model", "object_id"])]
        verbose_name = _("loggpost")
        verbose_name_plural = _("ändringslogg")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.model}:{self.object_id}"
