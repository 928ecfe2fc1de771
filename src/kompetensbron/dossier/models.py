"""Programme-council and employer input to a programme's relevance dossier.

:class:`DossierInput` — one recorded opinion (programrådets synpunkt, an employer's input, or
other) on a programme, with the date it was given, who gave it (name and organisation) and
the logged-in user who recorded it. Inputs are shown, dated and attributed, in the dossier
and its exports; they never change a figure.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class InputKind(models.TextChoices):
    PROGRAMME_COUNCIL = "programme_council", _("programråd")
    EMPLOYER = "employer", _("arbetsgivare")
    OTHER = "other", _("annan")


class DossierInput(models.Model):
    programme = models.ForeignKey(
        "education.Programme",
        verbose_name=_("utbildningsprogram"),
        on_delete=models.CASCADE,
        related_name="dossier_inputs",
    )
    kind = models.CharField(_("typ"), max_length=32, choices=InputKind.choices, default=InputKind.PROGRAMME_COUNCIL)
    date = models.DateField(_("datum"))
    author_name = models.CharField(_("lämnad av"), max_length=255)
    organisation = models.CharField(_("organisation"), max_length=255, blank=True)
    text = models.TextField(_("synpunkt"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registrerad av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("registrerad"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)

    class Meta:
        ordering = ["-date", "-created_at"]
        constraints = [
            models.CheckConstraint(condition=~Q(text=""), name="dossier_input_text_required"),
            models.CheckConstraint(condition=~Q(author_name=""), name="dossier_input_author_required"),
        ]
        verbose_name = _("synpunkt på relevans")
        verbose_name_plural = _("synpunkter på relevans")

    def __str__(self) -> str:
        return f"{self.programme_id} {self.date} {self.author_name}"


class DossierVersion(models.Model):
    """A frozen, dated version of a programme's dossier (for a UKÄ review).

    ``snapshot`` is the typed :class:`~.schemas.Dossier` as JSON — every figure, input, target
    occupation and source with its data date — so the version reads the same later whatever
    the live data becomes. Names of the people behind inputs are never frozen (the snapshot is
    the public view). ``sha256`` is the snapshot's digest, checked when it is read.
    """

    programme = models.ForeignKey(
        "education.Programme",
        verbose_name=_("utbildningsprogram"),
        on_delete=models.CASCADE,
        related_name="dossier_versions",
    )
    version_date = models.DateField(_("versionsdatum"))
    frozen_at = models.DateTimeField(_("fryst"), auto_now_add=True)
    label = models.CharField(_("benämning"), max_length=200, blank=True)
    frozen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("fryst av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    snapshot = models.JSONField(_("underlag"))
    data_dates = models.JSONField(_("datadatum"), default=dict)
    sha256 = models.CharField(max_length=64)

    class Meta:
        ordering = ["-frozen_at", "-pk"]
        verbose_name = _("fryst version av relevansunderlag")
        verbose_name_plural = _("frysta versioner av relevansunderlag")

    def __str__(self) -> str:
        return f"{self.programme_id} {self.version_date}"
