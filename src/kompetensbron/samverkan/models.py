"""Samverkan data model.

Register: :class:`Organisation` (with :class:`Unit` and coordinator/member :class:`Membership`),
:class:`Agreement` between organisations with prioritised :class:`DevelopmentArea` s and
documents (an organisation becomes a party when its coordinator accepts a :class:`PartyInvitation`), :class:`Body` (council, steering group, working group, foundation board) with a
chair, members and a ``parent`` (working group → steering group).

Work: :class:`Activity` (in a life-cycle phase where the agreement uses the model; with areas and
units) moving along :data:`WORKFLOW` as the agreement's :class:`Governance` says (.models_governance);
:class:`Decision` s (on an activity, the agreement or a programme; meetings in :mod:`.models_meetings`);
:class:`FundingApplication` s (binding only where the agreement says so);
:class:`Indicator` s with yearly targets and values (:class:`IndicatorYear`).

Every change made through :mod:`.services` leaves an :class:`AuditEntry`.
Rows created by :mod:`.demo` carry ``is_demo=True`` and "(exempel)" in their names.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kompetensbron.input_types import validate_web_url

from .models_governance import WORKFLOW, ActivityApproval, ActivityStatus, ApprovalKind, Governance, Phase

__all__ = ["WORKFLOW", "ActivityApproval", "ActivityStatus", "ApprovalKind", "Governance", "Phase"]  # re-exported


class OrganisationKind(models.TextChoices):
    MUNICIPALITY = "municipality", _("Kommun")
    REGION = "region", _("Region")
    UNIVERSITY = "university", _("Lärosäte")
    COMPANY = "company", _("Företag")
    SCHOOL = "school", _("Skola")
    FOUNDATION = "foundation", _("Stiftelse")
    STUDENT_UNION = "student_union", _("Studentkår")
    HOUSING = "housing", _("Bostadsföretag")


class Organisation(models.Model):
    name = models.CharField(_("namn"), max_length=255, unique=True)
    kind = models.CharField(_("typ"), max_length=32, choices=OrganisationKind.choices)
    kommun = models.ForeignKey(
        "reference.Kommun", verbose_name=_("kommun"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    website = models.URLField(_("webbplats"), blank=True, validators=[validate_web_url])
    is_demo = models.BooleanField(_("exempeldata"), default=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        # unique regardless of case, in the database (the services say so first, with a message)
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                name="samverkan_organisation_name_ci",
                violation_error_message=_("Det finns redan en organisation med det namnet."),
            )
        ]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisationer")

    def __str__(self) -> str:
        return self.name


class Unit(models.Model):
    """A department, faculty or office of an organisation (förvaltning, institution, ...)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="units")
    name = models.CharField(_("namn"), max_length=255)
    is_demo = models.BooleanField(_("exempeldata"), default=False)

    class Meta:
        ordering = ["organisation__name", "name"]
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="samverkan_unit_unique_name")]
        verbose_name = _("enhet")
        verbose_name_plural = _("enheter")

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation})"


class MembershipRole(models.TextChoices):
    COORDINATOR = "coordinator", _("Samordnare")
    MEMBER = "member", _("Medlem")


class Membership(models.Model):
    """A user belongs to an organisation; coordinators may edit the organisation's data."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="samverkan_memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    role = models.CharField(_("roll"), max_length=16, choices=MembershipRole.choices, default=MembershipRole.MEMBER)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "organisation"], name="samverkan_membership_unique")]
        verbose_name = _("medlemskap")
        verbose_name_plural = _("medlemskap")

    def __str__(self) -> str:
        return f"{self.user} – {self.organisation} ({self.get_role_display()})"


class DevelopmentArea(models.Model):
    """A jointly prioritised development area (samhällsbyggnad, kompetensförsörjning, ...)."""

    name = models.CharField(_("namn"), max_length=255, unique=True)
    description = models.TextField(_("beskrivning"), blank=True)
    is_demo = models.BooleanField(_("exempeldata"), default=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("utvecklingsområde")
        verbose_name_plural = _("utvecklingsområden")

    def __str__(self) -> str:
        return self.name


class Agreement(models.Model):
    title = models.CharField(_("titel"), max_length=255, unique=True)
    purpose = models.TextField(_("syfte"), blank=True)
    parties = models.ManyToManyField(Organisation, verbose_name=_("parter"), related_name="agreements")
    period_start = models.DateField(_("giltigt från"))
    period_end = models.DateField(_("giltigt till"), null=True, blank=True)
    areas = models.ManyToManyField(
        DevelopmentArea, verbose_name=_("prioriterade utvecklingsområden"), blank=True, related_name="agreements"
    )
    governance = models.CharField(
        _("beslutsordning"), max_length=16, choices=Governance.choices, default=Governance.STEERING_GROUP
    )
    binds_funding = models.BooleanField(
        _("binder finansiering"), null=True, blank=True, help_text=_("Tomt: avtalet säger inget om finansiering.")
    )
    uses_lifecycle = models.BooleanField(_("använder livscykelmodellen"), default=True)
    is_demo = models.BooleanField(_("exempeldata"), default=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title"]
        # unique regardless of case, in the database (the services say so first, with a message)
        constraints = [
            models.UniqueConstraint(
                Lower("title"),
                name="samverkan_agreement_title_ci",
                violation_error_message=_("Det finns redan ett avtal med den titeln."),
            )
        ]
        verbose_name = _("samverkansavtal")
        verbose_name_plural = _("samverkansavtal")

    def __str__(self) -> str:
        return self.title


class InvitationStatus(models.TextChoices):
    PENDING = "pending", _("Väntar på svar")
    ACCEPTED = "accepted", _("Accepterad")
    DECLINED = "declined", _("Avböjd")


class PartyInvitation(models.Model):
    """An organisation invited to become a party to an agreement.

    Only the invited organisation's coordinator (or an administrator) accepts; acceptance
    adds the organisation to ``Agreement.parties``.
    """

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="party_invitations")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="party_invitations")
    status = models.CharField(
        _("status"), max_length=16, choices=InvitationStatus.choices, default=InvitationStatus.PENDING
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "organisation"],
                condition=models.Q(status="pending"),
                name="samverkan_partyinvitation_one_pending",
            )
        ]
        verbose_name = _("inbjudan att bli avtalspart")
        verbose_name_plural = _("inbjudningar att bli avtalspart")

    def __str__(self) -> str:
        return f"{self.organisation} → {self.agreement} ({self.get_status_display()})"


class AgreementDocument(models.Model):
    """An agreement's document: an uploaded file or a link (or both)."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("titel"), max_length=255)
    url = models.URLField(_("länk"), blank=True, validators=[validate_web_url])
    file = models.FileField(_("fil"), upload_to="samverkan/avtal/", blank=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("avtalsdokument")
        verbose_name_plural = _("avtalsdokument")

    def __str__(self) -> str:
        return self.title


class BodyKind(models.TextChoices):
    COUNCIL = "council", _("Råd")
    STEERING_GROUP = "steering_group", _("Styrgrupp")
    WORKING_GROUP = "working_group", _("Arbetsgrupp")
    FOUNDATION_BOARD = "foundation_board", _("Stiftelsestyrelse")


class Body(models.Model):
    """A council, steering group, working group or foundation board."""

    name = models.CharField(_("namn"), max_length=255, unique=True)
    kind = models.CharField(_("typ"), max_length=32, choices=BodyKind.choices)
    agreement = models.ForeignKey(
        Agreement, verbose_name=_("avtal"), null=True, blank=True, on_delete=models.SET_NULL, related_name="bodies"
    )
    areas = models.ManyToManyField(
        DevelopmentArea, verbose_name=_("utvecklingsområden"), blank=True, related_name="bodies"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("överordnat organ"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
    )
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ordförande"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    chair_title = models.CharField(_("ordförandens befattning"), max_length=255, blank=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="BodyMembership", verbose_name=_("ledamöter"), related_name="samverkan_bodies"
    )
    organisations = models.ManyToManyField(
        Organisation, verbose_name=_("deltagande organisationer"), blank=True, related_name="bodies"
    )
    units = models.ManyToManyField(Unit, verbose_name=_("deltagande enheter"), blank=True, related_name="bodies")
    governance = models.CharField(
        _("beslutsordning"), max_length=16, choices=Governance.choices, blank=True, help_text=_("Tomt: avtalets.")
    )
    is_demo = models.BooleanField(_("exempeldata"), default=False)

    class Meta:
        ordering = ["name"]
        # unique regardless of case, in the database (the services say so first, with a message)
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                name="samverkan_body_name_ci",
                violation_error_message=_("Det finns redan ett organ med det namnet."),
            )
        ]
        verbose_name = _("organ")
        verbose_name_plural = _("organ")

    def __str__(self) -> str:
        return self.name


class BodyMembership(models.Model):
    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="samverkan_body_memberships"
    )
    organisation = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["body", "user"], name="samverkan_bodymembership_unique")]
        verbose_name = _("ledamot")
        verbose_name_plural = _("ledamöter")

    def __str__(self) -> str:
        return f"{self.user} i {self.body}"


class Activity(models.Model):
    title = models.CharField(_("titel"), max_length=255)
    description = models.TextField(_("beskrivning"), blank=True)
    phase = models.CharField(_("fas"), max_length=16, choices=Phase.choices, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=ActivityStatus.choices, default=ActivityStatus.IDEA)
    target_group = models.CharField(_("målgrupp"), max_length=255, blank=True)
    owner = models.ForeignKey(
        Organisation, verbose_name=_("ägare"), on_delete=models.PROTECT, related_name="owned_activities"
    )
    owner_unit = models.ForeignKey(
        Unit, verbose_name=_("ägande enhet"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    areas = models.ManyToManyField(DevelopmentArea, verbose_name=_("områden"), blank=True, related_name="activities")
    units = models.ManyToManyField(Unit, verbose_name=_("enheter"), blank=True, related_name="activities")
    partners = models.ManyToManyField(
        Organisation, verbose_name=_("partner"), blank=True, related_name="partner_activities"
    )
    agreement = models.ForeignKey(
        Agreement, verbose_name=_("avtal"), null=True, blank=True, on_delete=models.SET_NULL, related_name="activities"
    )
    working_group = models.ForeignKey(
        Body, verbose_name=_("arbetsgrupp"), null=True, blank=True, on_delete=models.PROTECT, related_name="activities"
    )
    period_start = models.DateField(_("startdatum"), null=True, blank=True)
    period_end = models.DateField(_("slutdatum"), null=True, blank=True)
    place = models.CharField(_("plats"), max_length=255, blank=True)
    expected_participants = models.PositiveIntegerField(_("förväntat antal deltagare"), null=True, blank=True)
    actual_participants = models.PositiveIntegerField(_("faktiskt antal deltagare"), null=True, blank=True)
    evaluation = models.TextField(_("utvärdering"), blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    proposed_at = models.DateTimeField(null=True, blank=True)
    is_demo = models.BooleanField(_("exempeldata"), default=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["phase", "period_start", "title"]
        indexes = [models.Index(fields=["phase", "status"])]
        verbose_name = _("aktivitet")
        verbose_name_plural = _("aktiviteter")

    def __str__(self) -> str:
        return self.title


class DecisionOutcome(models.TextChoices):
    APPROVE = "approve", _("Bifall")
    REJECT = "reject", _("Avslag")


class DecisionSubject(models.TextChoices):
    ACTIVITY = "activity", _("Aktivitet")
    AGREEMENT = "agreement", _("Avtalet / modellen")
    PROGRAMME = "programme", _("Programs inrättande")


class Decision(models.Model):
    """A decision: a steering group's on a proposed activity, or one taken at a meeting — on an
    activity, on the agreement (the model) itself, or on a programme's adoption."""

    subject = models.CharField(
        _("beslutet gäller"), max_length=16, choices=DecisionSubject.choices, default=DecisionSubject.ACTIVITY
    )
    activity = models.ForeignKey(Activity, null=True, blank=True, on_delete=models.CASCADE, related_name="decisions")
    agreement = models.ForeignKey(
        Agreement, verbose_name=_("avtal"), null=True, blank=True, on_delete=models.CASCADE, related_name="decisions"
    )
    _optional = {"null": True, "blank": True, "related_name": "samverkan_decisions"}
    programme = models.ForeignKey("education.Programme", on_delete=models.CASCADE, **_optional)
    meeting = models.ForeignKey("samverkan.Meeting", on_delete=models.SET_NULL, **_optional)
    del _optional
    body = models.ForeignKey(
        Body, verbose_name=_("beslutande organ"), on_delete=models.PROTECT, related_name="decisions"
    )
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    date = models.DateField(_("beslutsdatum"))
    outcome = models.CharField(_("beslut"), max_length=16, choices=DecisionOutcome.choices)
    justification = models.TextField(_("motivering"))
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(subject="activity", activity__isnull=False)
                | models.Q(subject="agreement", agreement__isnull=False)
                | models.Q(subject="programme", programme__isnull=False),
                name="samverkan_decision_subject_set",
            )
        ]
        verbose_name = _("beslut")
        verbose_name_plural = _("beslut")

    @property
    def subject_title(self) -> str:
        return str(getattr(self, self.subject, None) or "")  # the activity, agreement or programme

    def __str__(self) -> str:
        return f"{self.date}: {self.get_outcome_display()} – {self.subject_title}"


class FundingStatus(models.TextChoices):
    PLANNED = "planned", _("Planerad")
    SUBMITTED = "submitted", _("Inskickad")
    GRANTED = "granted", _("Beviljad")
    REJECTED = "rejected", _("Avslagen")
    WITHDRAWN = "withdrawn", _("Återtagen")


class FundingApplication(models.Model):
    """An application for money for one activity. Nothing is binding until granted."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="funding_applications")
    funder = models.CharField(_("finansiär"), max_length=255)
    programme = models.CharField(_("program / utlysning"), max_length=255, blank=True)
    amount_applied = models.DecimalField(_("sökt belopp (kr)"), max_digits=14, decimal_places=2)
    amount_granted = models.DecimalField(
        _("beviljat belopp (kr)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    deadline = models.DateField(_("sista ansökningsdag"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=FundingStatus.choices, default=FundingStatus.PLANNED)
    note = models.TextField(_("anteckning"), blank=True)
    areas = models.ManyToManyField(DevelopmentArea, verbose_name=_("områden"), blank=True, related_name="+")
    units = models.ManyToManyField(Unit, verbose_name=_("enheter"), blank=True, related_name="+")
    is_demo = models.BooleanField(_("exempeldata"), default=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["deadline", "id"]
        verbose_name = _("finansieringsansökan")
        verbose_name_plural = _("finansieringsansökningar")

    def __str__(self) -> str:
        return f"{self.funder} – {self.activity}"


class Indicator(models.Model):
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="indicators")
    name = models.CharField(_("namn"), max_length=255)
    unit = models.CharField(_("enhet"), max_length=64, blank=True)
    description = models.TextField(_("beskrivning"), blank=True)
    higher_is_better = models.BooleanField(_("högre är bättre"), default=True)
    areas = models.ManyToManyField(DevelopmentArea, verbose_name=_("områden"), blank=True, related_name="+")
    units = models.ManyToManyField(Unit, verbose_name=_("enheter"), blank=True, related_name="+")
    is_demo = models.BooleanField(_("exempeldata"), default=False)

    class Meta:
        ordering = ["agreement__title", "name"]
        constraints = [models.UniqueConstraint(fields=["agreement", "name"], name="samverkan_indicator_unique_name")]
        verbose_name = _("indikator")
        verbose_name_plural = _("indikatorer")

    def __str__(self) -> str:
        return self.name


class IndicatorYear(models.Model):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="years")
    year = models.PositiveSmallIntegerField(_("år"))
    target = models.DecimalField(_("mål"), max_digits=14, decimal_places=2, null=True, blank=True)
    value = models.DecimalField(_("utfall"), max_digits=14, decimal_places=2, null=True, blank=True)
    comment = models.TextField(_("kommentar"), blank=True)

    class Meta:
        ordering = ["indicator", "year"]
        constraints = [models.UniqueConstraint(fields=["indicator", "year"], name="samverkan_indicatoryear_unique")]
        verbose_name = _("indikatorvärde")
        verbose_name_plural = _("indikatorvärden")

    def __str__(self) -> str:
        return f"{self.indicator} {self.year}"


# The audit log, meeting, competence-need and knowledge-link models live in their own modules.
from .models_audit import *  # noqa: E402, F403
from .models_links import *  # noqa: E402, F403
from .models_meetings import *  # noqa: E402, F403
from .models_needs import *  # noqa: E402, F403
