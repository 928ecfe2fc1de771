"""Matchning data model.

Hosts are Samverkan organisations (employers, municipal departments as :class:`Unit` s,
universities); their members post :class:`Opportunity` s, which move along
:data:`OPPORTUNITY_WORKFLOW` (draft → in review → published → filled / closed); a coordinator of a
university or the region publishes.

Students have a :class:`StudentProfile` (their own role: having a profile *is* the student role),
registered by invitation or by themselves with an e-mail address in an :class:`AllowedEmailDomain`.
They apply (:class:`Application`, rolling: applied → shortlisted → offered → accepted / declined /
withdrawn / rejected) or take part in a :class:`Round` (students and hosts rank, the round is
allocated by deferred acceptance, :mod:`.allocation`). Either way a match is one
:class:`Placement`, whose :class:`Outcome` feeds the aggregates (:mod:`.aggregates`).

Skills are JobTech concept ids (or ESCO URIs where only ESCO has the skill), stored as JSON lists.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

__all__ = [
    "APPLICATION_WORKFLOW",
    "OPPORTUNITY_WORKFLOW",
    "AllowedEmailDomain",
    "Application",
    "ApplicationStatus",
    "Opportunity",
    "OpportunityKind",
    "OpportunityStatus",
    "Outcome",
    "Placement",
    "Round",
    "RoundHostRank",
    "RoundStatus",
    "RoundStudentRank",
    "StudentProfile",
]

MAX_SKILLS = 60


class AllowedEmailDomain(models.Model):
    """An e-mail domain whose holders may register themselves as students of ``university``."""

    domain = models.CharField(_("e-postdomän"), max_length=253, unique=True)
    university = models.ForeignKey(
        "samverkan.Organisation", verbose_name=_("lärosäte"), on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["domain"]
        verbose_name = _("tillåten e-postdomän")
        verbose_name_plural = _("tillåtna e-postdomäner")

    def __str__(self) -> str:
        return self.domain


class OpportunityKind(models.TextChoices):
    DEGREE_PROJECT = "degree_project", _("Examensarbete")
    PLACEMENT = "placement", _("Praktik / VFU")
    SUMMER_INTERNSHIP = "summer_internship", _("Sommarpraktik")
    MENTORSHIP = "mentorship", _("Mentorskap")
    TRAINEE = "trainee", _("Traineetjänst")
    SUMMER_JOB = "summer_job", _("Sommarjobb")
    RESEARCH_QUESTION = "research_question", _("Forskningsfråga från praktiken")


class DegreeLevel(models.TextChoices):
    FIRST = "first", _("Grundnivå (kandidat)")
    SECOND = "second", _("Avancerad nivå (magister/master)")


class WorkMode(models.TextChoices):
    ON_SITE = "on_site", _("På plats")
    REMOTE = "remote", _("På distans")
    HYBRID = "hybrid", _("Delvis på distans")


class OpportunityStatus(models.TextChoices):
    DRAFT = "draft", _("Utkast")
    IN_REVIEW = "in_review", _("Granskas")
    PUBLISHED = "published", _("Publicerad")
    FILLED = "filled", _("Tillsatt")
    CLOSED = "closed", _("Stängd")


#: Allowed next statuses of an opportunity.
OPPORTUNITY_WORKFLOW: dict[str, tuple[str, ...]] = {
    OpportunityStatus.DRAFT: (OpportunityStatus.IN_REVIEW, OpportunityStatus.CLOSED),
    OpportunityStatus.IN_REVIEW: (OpportunityStatus.PUBLISHED, OpportunityStatus.DRAFT, OpportunityStatus.CLOSED),
    OpportunityStatus.PUBLISHED: (OpportunityStatus.FILLED, OpportunityStatus.CLOSED),
    OpportunityStatus.FILLED: (OpportunityStatus.CLOSED,),
    OpportunityStatus.CLOSED: (),
}


class Opportunity(models.Model):
    host = models.ForeignKey(
        "samverkan.Organisation",
        verbose_name=_("värdorganisation"),
        on_delete=models.PROTECT,
        related_name="matchning_opportunities",
    )
    unit = models.ForeignKey(
        "samverkan.Unit", verbose_name=_("enhet"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(_("typ"), max_length=32, choices=OpportunityKind.choices)
    title = models.CharField(_("rubrik"), max_length=200)
    description = models.TextField(_("beskrivning"), max_length=10000)
    level = models.CharField(_("nivå"), max_length=8, choices=DegreeLevel.choices, blank=True)
    credits = models.PositiveSmallIntegerField(_("högskolepoäng"), null=True, blank=True)
    required_skills = models.JSONField(_("krav (kompetenser)"), default=list, blank=True)
    desirable_skills = models.JSONField(_("meriterande kompetenser"), default=list, blank=True)
    ssyk = models.ForeignKey(
        "reference.SsykGroup",
        verbose_name=_("yrkesgrupp (SSYK-4)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    kommun = models.ForeignKey(
        "reference.Kommun", verbose_name=_("kommun"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    period_start = models.DateField(_("från"), null=True, blank=True)
    period_end = models.DateField(_("till"), null=True, blank=True)
    capacity = models.PositiveSmallIntegerField(_("antal platser"), default=1)
    work_mode = models.CharField(_("arbetssätt"), max_length=8, choices=WorkMode.choices, default=WorkMode.ON_SITE)
    pay = models.CharField(_("ersättning"), max_length=200, blank=True)
    dual_report_note = models.TextField(
        _("två rapporter"),
        max_length=2000,
        blank=True,
        help_text=_("En akademisk rapport och en för värden: hur ni delar upp dem."),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=OpportunityStatus.choices, default=OpportunityStatus.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(_("publicerad"), null=True, blank=True)
    is_demo = models.BooleanField(_("exempeldata"), default=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-published_at", "title"]
        indexes = [
            models.Index(fields=["status", "kind"], name="matchning_opp_status_kind"),
            models.Index(fields=["status", "updated_at"], name="matchning_opp_status_changed"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(capacity__gte=1) & Q(capacity__lte=500), name="matchning_opp_capacity_range"
            ),
            models.CheckConstraint(
                condition=Q(period_end__isnull=True)
                | Q(period_start__isnull=True)
                | Q(period_end__gte=models.F("period_start")),
                name="matchning_opp_period_order",
            ),
        ]
        verbose_name = _("möjlighet")
        verbose_name_plural = _("möjligheter")

    def __str__(self) -> str:
        return self.title


class StudentProfile(models.Model):
    """A student: the profile is the role. Skills = derived (courses) − removed + added."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="matchning_student")
    university = models.ForeignKey(
        "samverkan.Organisation",
        verbose_name=_("lärosäte"),
        on_delete=models.PROTECT,
        related_name="matchning_students",
    )
    programme = models.ForeignKey(
        "education.Programme",
        verbose_name=_("program"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    programme_name = models.CharField(_("program (fritext)"), max_length=200, blank=True)
    completed_courses = models.ManyToManyField(
        "education.Course", verbose_name=_("avklarade kurser"), blank=True, related_name="+"
    )
    derived_skills = models.JSONField(_("kompetenser från kurser"), default=list, blank=True)
    added_skills = models.JSONField(_("tillagda kompetenser"), default=list, blank=True)
    removed_skills = models.JSONField(_("borttagna kompetenser"), default=list, blank=True)
    preferred_kommuner = models.ManyToManyField(
        "reference.Kommun", verbose_name=_("önskade kommuner"), blank=True, related_name="+"
    )
    preferred_kinds = models.JSONField(_("önskade typer"), default=list, blank=True)
    available_from = models.DateField(_("tillgänglig från"), null=True, blank=True)
    available_to = models.DateField(_("tillgänglig till"), null=True, blank=True)
    consent_matching = models.BooleanField(_("samtycke till matchning"), default=False)
    consent_followup = models.BooleanField(_("samtycke till uppföljning"), default=False)
    consent_changed_at = models.DateTimeField(null=True, blank=True)
    is_demo = models.BooleanField(_("exempeldata"), default=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("studentprofil")
        verbose_name_plural = _("studentprofiler")

    def __str__(self) -> str:
        return f"Student {self.pk}"

    @property
    def skills(self) -> list[str]:
        removed = set(self.removed_skills)
        out = [s for s in self.derived_skills if s not in removed]
        out += [s for s in self.added_skills if s not in removed and s not in out]
        return out


class ApplicationStatus(models.TextChoices):
    APPLIED = "applied", _("Ansökt")
    SHORTLISTED = "shortlisted", _("Utvald för intervju")
    OFFERED = "offered", _("Erbjuden plats")
    ACCEPTED = "accepted", _("Accepterad")
    DECLINED = "declined", _("Tackat nej")
    WITHDRAWN = "withdrawn", _("Återkallad")
    REJECTED = "rejected", _("Ej aktuell")


#: Moves of the host (shortlist, offer, reject) and of the student (accept, decline, withdraw).
APPLICATION_WORKFLOW: dict[str, dict[str, tuple[str, ...]]] = {
    "host": {
        ApplicationStatus.APPLIED: (
            ApplicationStatus.SHORTLISTED,
            ApplicationStatus.OFFERED,
            ApplicationStatus.REJECTED,
        ),
        ApplicationStatus.SHORTLISTED: (ApplicationStatus.OFFERED, ApplicationStatus.REJECTED),
    },
    "student": {
        ApplicationStatus.APPLIED: (ApplicationStatus.WITHDRAWN,),
        ApplicationStatus.SHORTLISTED: (ApplicationStatus.WITHDRAWN,),
        ApplicationStatus.OFFERED: (ApplicationStatus.ACCEPTED, ApplicationStatus.DECLINED),
    },
}


class Application(models.Model):
    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="applications")
    student = models.ForeignKey(StudentProfile, on_delete=models.CASCADE, related_name="applications")
    status = models.CharField(
        _("status"), max_length=16, choices=ApplicationStatus.choices, default=ApplicationStatus.APPLIED
    )
    message = models.TextField(_("meddelande"), max_length=4000, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["opportunity", "student"], name="matchning_application_unique")]
        verbose_name = _("ansökan")
        verbose_name_plural = _("ansökningar")

    def __str__(self) -> str:
        return f"Ansökan {self.pk} ({self.opportunity})"


class RoundStatus(models.TextChoices):
    OPEN = "open", _("Öppen för rangordning")
    ALLOCATED = "allocated", _("Fördelad")
    CLOSED = "closed", _("Avslutad")


class Round(models.Model):
    """A cohort allocation: students and hosts rank, the coordinator locks and runs it."""

    title = models.CharField(_("namn"), max_length=200)
    organiser = models.ForeignKey(
        "samverkan.Organisation", verbose_name=_("arrangör"), on_delete=models.PROTECT, related_name="matchning_rounds"
    )
    opportunities = models.ManyToManyField(
        Opportunity, verbose_name=_("möjligheter"), blank=True, related_name="rounds"
    )
    status = models.CharField(_("status"), max_length=16, choices=RoundStatus.choices, default=RoundStatus.OPEN)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    allocated_at = models.DateTimeField(null=True, blank=True)
    is_demo = models.BooleanField(_("exempeldata"), default=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("omgång")
        verbose_name_plural = _("omgångar")

    def __str__(self) -> str:
        return self.title


class RoundStudentRank(models.Model):
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="student_ranks")
    student = models.ForeignKey(StudentProfile, on_delete=models.CASCADE, related_name="round_ranks")
    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="+")
    rank = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["round", "student", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["round", "student", "opportunity"], name="matchning_srank_unique_opp"),
            models.UniqueConstraint(fields=["round", "student", "rank"], name="matchning_srank_unique_rank"),
        ]


class RoundHostRank(models.Model):
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="host_ranks")
    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="+")
    student = models.ForeignKey(StudentProfile, on_delete=models.CASCADE, related_name="+")
    rank = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["round", "opportunity", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["round", "opportunity", "student"], name="matchning_hrank_unique_student"),
            models.UniqueConstraint(fields=["round", "opportunity", "rank"], name="matchning_hrank_unique_rank"),
        ]


class PlacementSource(models.TextChoices):
    APPLICATION = "application", _("Ansökan")
    ROUND = "round", _("Omgång")
    MANUAL = "manual", _("Manuell placering")


class Placement(models.Model):
    """A match of a student to an opportunity; kept (without the person) after an erasure."""

    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="placements")
    student = models.ForeignKey(
        StudentProfile, null=True, blank=True, on_delete=models.SET_NULL, related_name="placements"
    )
    university = models.ForeignKey(
        "samverkan.Organisation", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    source = models.CharField(_("ursprung"), max_length=16, choices=PlacementSource.choices)
    round = models.ForeignKey(Round, null=True, blank=True, on_delete=models.CASCADE, related_name="placements")
    application = models.OneToOneField(
        Application, null=True, blank=True, on_delete=models.SET_NULL, related_name="placement"
    )
    locked = models.BooleanField(_("låst"), default=False)
    choice_rank = models.PositiveSmallIntegerField(_("studentens val nr"), null=True, blank=True)
    matched_at = models.DateTimeField(default=timezone.now)
    days_to_match = models.PositiveIntegerField(null=True, blank=True)
    is_demo = models.BooleanField(_("exempeldata"), default=False)

    class Meta:
        ordering = ["-matched_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "student"],
                condition=Q(round__isnull=False, student__isnull=False),
                name="matchning_placement_once_per_round",
            ),
        ]
        verbose_name = _("placering")
        verbose_name_plural = _("placeringar")

    def __str__(self) -> str:
        return f"Placering {self.pk} ({self.opportunity})"


class Outcome(models.Model):
    """How a placement went; the stayed_* answers only with the student's follow-up consent."""

    placement = models.OneToOneField(Placement, on_delete=models.CASCADE, related_name="outcome")
    completed = models.BooleanField(_("genomförd"), null=True, blank=True)
    grade = models.CharField(_("betyg"), max_length=16, blank=True)
    hired = models.BooleanField(_("anställd av värden"), null=True, blank=True)
    stayed_kommun_1y = models.BooleanField(_("kvar i kommunen efter 1 år"), null=True, blank=True)
    stayed_region_1y = models.BooleanField(_("kvar i regionen efter 1 år"), null=True, blank=True)
    stayed_kommun_3y = models.BooleanField(_("kvar i kommunen efter 3 år"), null=True, blank=True)
    stayed_region_3y = models.BooleanField(_("kvar i regionen efter 3 år"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("utfall")
        verbose_name_plural = _("utfall")

    def __str__(self) -> str:
        return f"Utfall {self.pk}"
