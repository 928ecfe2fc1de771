"""Studentbostäder data model.

Register: :class:`HousingProject` (owned by a Samverkan organisation, usually of kind
``housing``, in a kommun and so a län and FA-region) with a dated :class:`ProjectStatusChange`
history. Stock: :class:`StockFigure` (student homes per kommun and year) from a
:class:`HousingSource`. Targets: :class:`Programme` (a region's programme with an absolute or a
percentage target over its baseline year) with optional :class:`KommunTarget` s. Queues:
:class:`QueueStatistic` per housing organisation, year and home type.

Every figure keeps its source (a :class:`HousingSource`: an imported file with its SHA-256,
a form entry or the demo). Rows created by :mod:`.demo` carry ``is_demo=True``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

MIN_YEAR, MAX_YEAR = 1950, 2100
MAX_HOMES = 100_000


class HomeType(models.TextChoices):
    CORRIDOR_ROOM = "corridor_room", _("Korridorrum")
    STUDIO = "studio", _("Studentetta")
    APARTMENT = "apartment", _("Lägenhet")


class ProjectStatus(models.TextChoices):
    IDEA = "idea", _("Idé")
    DETAILED_PLAN = "detailed_plan", _("Detaljplan")
    BUILDING_PERMIT = "building_permit", _("Bygglov")
    UNDER_CONSTRUCTION = "under_construction", _("Under byggnad")
    COMPLETED = "completed", _("Färdigställt")
    CANCELLED = "cancelled", _("Avbrutet")


#: The order of the pipeline; a project moves forward (steps may be skipped) or is cancelled.
PIPELINE = [
    ProjectStatus.IDEA,
    ProjectStatus.DETAILED_PLAN,
    ProjectStatus.BUILDING_PERMIT,
    ProjectStatus.UNDER_CONSTRUCTION,
    ProjectStatus.COMPLETED,
]
PLANNED_STATUSES = (ProjectStatus.IDEA, ProjectStatus.DETAILED_PLAN, ProjectStatus.BUILDING_PERMIT)


def allowed_transitions(status: str) -> list[str]:
    """Statuses a project in ``status`` may move to: any later pipeline step, or cancelled."""
    if status in (ProjectStatus.COMPLETED, ProjectStatus.CANCELLED):
        return []
    later = PIPELINE[PIPELINE.index(ProjectStatus(status)) + 1 :]
    return [s.value for s in later] + [ProjectStatus.CANCELLED.value]


class SourceKind(models.TextChoices):
    SCB = "scb", _("SCB BO0104T7")
    PXWEB = "pxweb", _("SCB PxWeb-API")
    TEMPLATE = "template", _("Importmall")
    FORM = "form", _("Inmatat i formulär")
    DEMO = "demo", _("Exempeldata")


class HousingSource(models.Model):
    """Where figures came from: an imported file (name + SHA-256) or an entry."""

    kind = models.CharField(_("typ"), max_length=16, choices=SourceKind.choices)
    title = models.CharField(_("källa"), max_length=255)
    file_name = models.CharField(_("fil"), max_length=255, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    rows = models.PositiveIntegerField(_("rader"), default=0)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    imported_at = models.DateTimeField(default=timezone.now)
    is_demo = models.BooleanField(_("exempeldata"), default=False)

    class Meta:
        ordering = ["-imported_at"]
        verbose_name = _("källa")
        verbose_name_plural = _("källor")

    def __str__(self) -> str:
        return self.title


class HousingProject(models.Model):
    name = models.CharField(_("namn"), max_length=255)
    owner = models.ForeignKey(
        "samverkan.Organisation", verbose_name=_("ägare"), on_delete=models.PROTECT, related_name="housing_projects"
    )
    kommun = models.ForeignKey("reference.Kommun", verbose_name=_("kommun"), on_delete=models.PROTECT, related_name="+")
    homes = models.PositiveIntegerField(_("antal bostäder"))
    home_type = models.CharField(_("bostadstyp"), max_length=16, choices=HomeType.choices)
    status = models.CharField(_("status"), max_length=24, choices=ProjectStatus.choices, default=ProjectStatus.IDEA)
    status_date = models.DateField(_("statusdatum"), default=timezone.localdate)
    expected_completion_year = models.PositiveSmallIntegerField(_("förväntat färdigställt år"), null=True, blank=True)
    actual_completion_year = models.PositiveSmallIntegerField(_("färdigställt år"), null=True, blank=True)
    description = models.TextField(_("beskrivning"), blank=True)
    source = models.ForeignKey(HousingSource, null=True, blank=True, on_delete=models.SET_NULL, related_name="projects")
    is_demo = models.BooleanField(_("exempeldata"), default=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["kommun__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "name"], name="housing_project_unique_name"),
            models.CheckConstraint(condition=models.Q(homes__gte=1), name="housing_project_homes_positive"),
        ]
        verbose_name = _("bostadsprojekt")
        verbose_name_plural = _("bostadsprojekt")

    def __str__(self) -> str:
        return self.name


class ProjectStatusChange(models.Model):
    """One dated step of a project's status history (the first row is its registration)."""

    project = models.ForeignKey(HousingProject, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=24, choices=ProjectStatus.choices, blank=True)
    to_status = models.CharField(max_length=24, choices=ProjectStatus.choices)
    date = models.DateField(_("datum"))
    note = models.CharField(_("kommentar"), max_length=500, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["date", "pk"]
        verbose_name = _("statusändring")
        verbose_name_plural = _("statusändringar")

    def __str__(self) -> str:
        return f"{self.project}: {self.from_status or '–'} → {self.to_status} ({self.date})"


class StockFigure(models.Model):
    """Student homes in a kommun at the end of a year (SCB: special housing for students)."""

    kommun = models.ForeignKey("reference.Kommun", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("år"))
    homes = models.PositiveIntegerField(_("studentbostäder"))
    source = models.ForeignKey(HousingSource, on_delete=models.PROTECT, related_name="stock_figures")
    is_demo = models.BooleanField(_("exempeldata"), default=False)

    class Meta:
        ordering = ["kommun__name", "year"]
        constraints = [models.UniqueConstraint(fields=["kommun", "year"], name="housing_stock_unique_kommun_year")]
        verbose_name = _("bestånd")
        verbose_name_plural = _("bestånd")

    def __str__(self) -> str:
        return f"{self.kommun_id} {self.year}: {self.homes}"


class TargetKind(models.TextChoices):
    ABSOLUTE = "absolute", _("Antal nya bostäder")
    PERCENT = "percent", _("Procent över basåret")


class Programme(models.Model):
    """A regional programme (e.g. Sthlm6000+): more student homes in a län between two years."""

    name = models.CharField(_("namn"), max_length=255, unique=True)
    owner = models.ForeignKey(
        "samverkan.Organisation",
        verbose_name=_("ansvarig organisation"),
        on_delete=models.PROTECT,
        related_name="housing_programmes",
    )
    lan = models.ForeignKey("reference.Lan", verbose_name=_("län"), on_delete=models.PROTECT, related_name="+")
    baseline_year = models.PositiveSmallIntegerField(_("basår"))
    target_year = models.PositiveSmallIntegerField(_("målår"))
    target_kind = models.CharField(_("måltyp"), max_length=16, choices=TargetKind.choices, default=TargetKind.ABSOLUTE)
    target_value = models.PositiveIntegerField(_("mål"))
    description = models.TextField(_("beskrivning"), blank=True)
    is_demo = models.BooleanField(_("exempeldata"), default=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("program")
        verbose_name_plural = _("program")

    def __str__(self) -> str:
        return self.name


class KommunTarget(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="kommun_targets")
    kommun = models.ForeignKey("reference.Kommun", on_delete=models.PROTECT, related_name="+")
    target_homes = models.PositiveIntegerField(_("mål (nya bostäder)"))

    class Meta:
        ordering = ["kommun__name"]
        constraints = [models.UniqueConstraint(fields=["programme", "kommun"], name="housing_kommun_target_unique")]
        verbose_name = _("kommunmål")
        verbose_name_plural = _("kommunmål")

    def __str__(self) -> str:
        return f"{self.programme}: {self.kommun_id} {self.target_homes}"


class QueueHomeType(models.TextChoices):
    ALL = "all", _("Alla")
    CORRIDOR_ROOM = "corridor_room", _("Korridorrum")
    STUDIO = "studio", _("Studentetta")
    APARTMENT = "apartment", _("Lägenhet")


class QueueStatistic(models.Model):
    """A housing organisation's queue in one year, for one home type (or all)."""

    organisation = models.ForeignKey(
        "samverkan.Organisation", on_delete=models.PROTECT, related_name="queue_statistics"
    )
    year = models.PositiveSmallIntegerField(_("år"))
    home_type = models.CharField(
        _("bostadstyp"), max_length=16, choices=QueueHomeType.choices, default=QueueHomeType.ALL
    )
    people_in_queue = models.PositiveIntegerField(_("personer i kön"), null=True, blank=True)
    homes_offered = models.PositiveIntegerField(_("erbjudna bostäder"), null=True, blank=True)
    median_wait_days = models.PositiveIntegerField(_("median kötid vid kontrakt (dagar)"), null=True, blank=True)
    p90_wait_days = models.PositiveIntegerField(_("90:e percentilen kötid (dagar)"), null=True, blank=True)
    declines = models.PositiveIntegerField(_("tackat nej"), null=True, blank=True)
    source = models.ForeignKey(HousingSource, on_delete=models.PROTECT, related_name="queue_statistics")
    is_demo = models.BooleanField(_("exempeldata"), default=False)

    class Meta:
        ordering = ["organisation__name", "year", "home_type"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "year", "home_type"], name="housing_queue_unique")
        ]
        verbose_name = _("köstatistik")
        verbose_name_plural = _("köstatistik")

    def __str__(self) -> str:
        return f"{self.organisation} {self.year} {self.home_type}"
