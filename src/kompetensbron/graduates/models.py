"""Imported graduate statistics (UKÄ CSV, SCB PxWeb): one row per import, one per figure.

The Saco study and the UHR admissions are snapshot files read by :mod:`.services`; what users
download themselves (``kompetensbron import-graduates``) is stored here with its provenance.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class GraduateImport(models.Model):
    class Kind(models.TextChoices):
        UKA = "uka", _("UKÄ examensstatistik (CSV)")
        SCB = "scb", _("SCB regional statistik (PxWeb)")

    kind = models.CharField(_("typ"), max_length=8, choices=Kind.choices)
    file_name = models.CharField(_("fil"), max_length=255)
    sha256 = models.CharField(max_length=64)
    title = models.CharField(_("titel"), max_length=255, blank=True)
    rows = models.PositiveIntegerField(_("rader"), default=0)
    first_year = models.PositiveSmallIntegerField(_("första år"), null=True)
    last_year = models.PositiveSmallIntegerField(_("sista år"), null=True)
    imported_at = models.DateTimeField(_("importerad"), default=timezone.now)

    class Meta:
        ordering = ["-imported_at"]
        constraints = [models.UniqueConstraint(fields=["kind", "sha256"], name="graduates_import_unique_file")]
        verbose_name = _("import av examensstatistik")
        verbose_name_plural = _("importer av examensstatistik")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.file_name}"


class GraduateFigure(models.Model):
    data_import = models.ForeignKey(GraduateImport, on_delete=models.CASCADE, related_name="figures")
    year = models.PositiveSmallIntegerField(_("år"))
    value = models.FloatField(_("värde"), null=True)
    region_code = models.CharField(_("regionkod"), max_length=4, blank=True, db_index=True)
    region_name = models.CharField(_("region"), max_length=120, blank=True)
    institution = models.CharField(_("lärosäte"), max_length=200, blank=True)
    programme = models.CharField(_("examen/program"), max_length=400, blank=True)
    measure = models.CharField(_("mått"), max_length=400, blank=True)
    line = models.PositiveIntegerField(_("rad i filen"), default=0)

    class Meta:
        ordering = ["data_import", "line", "year"]
        verbose_name = _("examensuppgift")
        verbose_name_plural = _("examensuppgifter")
