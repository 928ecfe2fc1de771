"""Samverkan ↔ the knowledge base and Matchning.

:class:`KnowledgeLink`: an activity or a decision names a programme, a course (education app),
an occupation (an SSYK 2012 group of the reference tables) or a region (a kommun or a län).
The programme and occupation pages list the collaboration around them from these rows.

:class:`IndicatorSource`: an indicator whose yearly values are *computed* from platform data —
Matchning outcomes, programme graduates, imported statistics — instead of typed; its source and
data date are shown beside each value (``services/computed_indicators.py``).
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

__all__ = ["LinkKind", "KnowledgeLink", "SourceKind", "IndicatorSource"]


class LinkKind(models.TextChoices):
    PROGRAMME = "programme", _("Program")
    COURSE = "course", _("Kurs")
    OCCUPATION = "occupation", _("Yrke (SSYK 2012)")
    REGION = "region", _("Region")


class KnowledgeLink(models.Model):
    activity = models.ForeignKey(
        "samverkan.Activity", null=True, blank=True, on_delete=models.CASCADE, related_name="knowledge_links"
    )
    decision = models.ForeignKey(
        "samverkan.Decision", null=True, blank=True, on_delete=models.CASCADE, related_name="knowledge_links"
    )
    kind = models.CharField(_("typ"), max_length=16, choices=LinkKind.choices)
    programme = models.ForeignKey(
        "education.Programme", null=True, blank=True, on_delete=models.CASCADE, related_name="samverkan_links"
    )
    course = models.ForeignKey(
        "education.Course", null=True, blank=True, on_delete=models.CASCADE, related_name="samverkan_links"
    )
    ssyk = models.ForeignKey(
        "reference.SsykGroup", null=True, blank=True, on_delete=models.CASCADE, related_name="samverkan_links"
    )
    kommun = models.ForeignKey(
        "reference.Kommun", null=True, blank=True, on_delete=models.CASCADE, related_name="samverkan_links"
    )
    lan = models.ForeignKey(
        "reference.Lan", null=True, blank=True, on_delete=models.CASCADE, related_name="samverkan_links"
    )

    class Meta:
        ordering = ["kind", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(activity__isnull=False) & Q(decision__isnull=True))
                | (Q(activity__isnull=True) & Q(decision__isnull=False)),
                name="samverkan_knowledgelink_one_owner",
            ),
            models.CheckConstraint(
                condition=(Q(kind="programme") & Q(programme__isnull=False))
                | (Q(kind="course") & Q(course__isnull=False))
                | (Q(kind="occupation") & Q(ssyk__isnull=False))
                | (Q(kind="region") & (Q(kommun__isnull=False) | Q(lan__isnull=False))),
                name="samverkan_knowledgelink_target_of_kind",
            ),
        ]
        verbose_name = _("koppling till kunskapsbasen")
        verbose_name_plural = _("kopplingar till kunskapsbasen")

    @property
    def target(self):
        return self.programme or self.course or self.ssyk or self.kommun or self.lan

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.target}"


class SourceKind(models.TextChoices):
    MATCHNING_PLACEMENTS = "matchning:placements", _("Matchning: placeringar")
    MATCHNING_DEGREE_PROJECTS = (
        "matchning:degree_projects_local",
        _("Matchning: examensarbeten hos lokala arbetsgivare"),
    )
    MATCHNING_HIRES = "matchning:hires", _("Matchning: anställda efter placering")
    MATCHNING_FILL_RATE = "matchning:fill_rate", _("Matchning: andel tillsatta platser (%)")
    GRADUATES = "graduates", _("Examina från program (UKÄ-statistik)")
    STATISTICS = "statistics", _("Importerad statistik (SCB)")


class IndicatorSource(models.Model):
    """How an indicator computes itself. Which fields count depends on ``kind``:
    Matchning kinds use ``organisation``; graduates ``institution_contains`` and
    ``programme_contains``; statistics ``region_code`` and ``measure_contains``."""

    indicator = models.OneToOneField("samverkan.Indicator", on_delete=models.CASCADE, related_name="source")
    kind = models.CharField(_("källa"), max_length=40, choices=SourceKind.choices)
    organisation = models.ForeignKey(
        "samverkan.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    institution_contains = models.CharField(_("lärosäte (innehåller)"), max_length=200, blank=True)
    programme_contains = models.CharField(_("examen/program (innehåller)"), max_length=200, blank=True)
    region_code = models.CharField(_("regionkod"), max_length=4, blank=True)
    measure_contains = models.CharField(_("mått (innehåller)"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("beräknad indikatorkälla")
        verbose_name_plural = _("beräknade indikatorkällor")

    def __str__(self) -> str:
        return f"{self.indicator}: {self.get_kind_display()}"
