"""How an activity is decided, per agreement (or body), and the records of the two ways that
are not a steering group's decision.

:class:`Governance`:

- ``steering_group`` (Härnösand): idea → proposed by a working group → decided by the steering
  group above it (:class:`~.models.Decision`);
- ``direct`` (Huddinge's departments ↔ the university's institutions): the parties' coordinators
  agree directly; each party's :class:`ActivityApproval` is recorded, and when every party of
  the agreement has approved, the activity is decided (one party declining rejects it);
- ``council_notes`` (Högskolerådet): a council discusses and notes an activity
  (:class:`ActivityApproval` of kind ``note``) but decides nothing; the parties start it.

The statuses and the life-cycle phases live here too; :data:`WORKFLOW` is each status's allowed
next statuses (``services.governance`` narrows it per governance).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Governance(models.TextChoices):
    STEERING_GROUP = "steering_group", _("Styrgrupp beslutar")
    DIRECT = "direct", _("Parterna kommer överens direkt")
    COUNCIL_NOTES = "council_notes", _("Rådet noterar, parterna startar")


class Phase(models.TextChoices):
    """The life-cycle phases of the Härnösand model, in order."""

    ATTRACT = "attract", _("Attrahera")
    STIMULATE = "stimulate", _("Stimulera")
    RETAIN = "retain", _("Behålla")
    DEVELOP = "develop", _("Utveckla")


class ActivityStatus(models.TextChoices):
    IDEA = "idea", _("Idé")
    PROPOSED = "proposed", _("Föreslagen")
    DECIDED = "decided", _("Beslutad")
    REJECTED = "rejected", _("Avslagen")
    RUNNING = "running", _("Pågår")
    COMPLETED = "completed", _("Genomförd")
    EVALUATED = "evaluated", _("Utvärderad")


#: The allowed status transitions of an activity. ``proposed → decided / rejected`` happens
#: only through a decision (steering group) or the parties' approvals (direct); a rejected
#: activity may be reworked as an idea; under ``council_notes`` an idea is started directly.
WORKFLOW: dict[str, tuple[str, ...]] = {
    ActivityStatus.IDEA: (ActivityStatus.PROPOSED, ActivityStatus.RUNNING),
    ActivityStatus.PROPOSED: (ActivityStatus.DECIDED, ActivityStatus.REJECTED),
    ActivityStatus.DECIDED: (ActivityStatus.RUNNING,),
    ActivityStatus.REJECTED: (ActivityStatus.IDEA,),
    ActivityStatus.RUNNING: (ActivityStatus.COMPLETED,),
    ActivityStatus.COMPLETED: (ActivityStatus.EVALUATED,),
    ActivityStatus.EVALUATED: (),
}


class ApprovalKind(models.TextChoices):
    APPROVE = "approve", _("Godkänner")
    DECLINE = "decline", _("Avböjer")
    NOTE = "note", _("Noterat av rådet")


class ActivityApproval(models.Model):
    """A party's approval (or refusal) of an activity under direct governance, or a council's note."""

    activity = models.ForeignKey("samverkan.Activity", on_delete=models.CASCADE, related_name="approvals")
    kind = models.CharField(_("typ"), max_length=16, choices=ApprovalKind.choices)
    organisation = models.ForeignKey(
        "samverkan.Organisation",
        verbose_name=_("part"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    body = models.ForeignKey(
        "samverkan.Body", verbose_name=_("råd"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("av"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    date = models.DateField(_("datum"))
    comment = models.TextField(_("kommentar"), blank=True)
    #: False once the activity went back to an idea (rejected → idea): a new round of approvals
    is_current = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["date", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "organisation"],
                condition=models.Q(organisation__isnull=False, is_current=True),
                name="samverkan_approval_one_per_party",
            )
        ]
        verbose_name = _("godkännande")
        verbose_name_plural = _("godkännanden")

    def __str__(self) -> str:
        who = self.organisation or self.body
        return f"{self.date}: {self.get_kind_display()} – {who} – {self.activity}"
