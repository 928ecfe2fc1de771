"""Competence needs and the universities' answers (Härnösand's *Utveckla*, Huddinge's staff
development).

An employer or a department (:class:`CompetenceNeed`: organisation and unit) registers what it
needs, for how many people, from when and where (a kommun or län code from the reference
tables). Universities answer (:class:`NeedAnswer`): commissioned education, a course from the
catalogue, a distance offer or a study hub. Both follow their own small workflow
(:data:`NEED_WORKFLOW`, :data:`ANSWER_WORKFLOW`), every step audited like an activity's.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kompetensbron.input_types import validate_web_url

__all__ = [
    "NeedStatus",
    "NEED_WORKFLOW",
    "CompetenceNeed",
    "AnswerKind",
    "AnswerStatus",
    "ANSWER_WORKFLOW",
    "ANSWER_STEPS_OF_NEED_OWNER",
    "NeedAnswer",
]


class NeedStatus(models.TextChoices):
    OPEN = "open", _("Öppet")
    ANSWERED = "answered", _("Besvarat")
    IN_PROGRESS = "in_progress", _("Under genomförande")
    MET = "met", _("Tillgodosett")
    CLOSED = "closed", _("Stängt")


#: ``answered`` is set by the first answer; the need's organisation moves it on from there.
NEED_WORKFLOW: dict[str, tuple[str, ...]] = {
    NeedStatus.OPEN: (NeedStatus.CLOSED,),
    NeedStatus.ANSWERED: (NeedStatus.IN_PROGRESS, NeedStatus.CLOSED),
    NeedStatus.IN_PROGRESS: (NeedStatus.MET, NeedStatus.CLOSED),
    NeedStatus.MET: (),
    NeedStatus.CLOSED: (NeedStatus.OPEN,),
}


class CompetenceNeed(models.Model):
    organisation = models.ForeignKey(
        "samverkan.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="competence_needs",
    )
    unit = models.ForeignKey(
        "samverkan.Unit", verbose_name=_("enhet"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    agreement = models.ForeignKey(
        "samverkan.Agreement",
        verbose_name=_("avtal"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="competence_needs",
    )
    title = models.CharField(_("vad behövs"), max_length=255)
    description = models.TextField(_("beskrivning"), blank=True)
    headcount = models.PositiveIntegerField(_("antal personer"))
    needed_from = models.DateField(_("behövs från"), null=True, blank=True)
    needed_until = models.DateField(_("behövs till"), null=True, blank=True)
    kommun = models.ForeignKey(
        "reference.Kommun", verbose_name=_("kommun"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    lan = models.ForeignKey(
        "reference.Lan", verbose_name=_("län"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    ssyk = models.ForeignKey(
        "reference.SsykGroup",
        verbose_name=_("yrke (SSYK 2012)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    #: the agreement's development areas the need belongs to (followed up per area in the yearly report)
    areas = models.ManyToManyField(
        "samverkan.DevelopmentArea", verbose_name=_("områden"), blank=True, related_name="competence_needs"
    )
    status = models.CharField(_("status"), max_length=16, choices=NeedStatus.choices, default=NeedStatus.OPEN)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_demo = models.BooleanField(_("exempeldata"), default=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("kompetensbehov")
        verbose_name_plural = _("kompetensbehov")

    def __str__(self) -> str:
        return self.title


class AnswerKind(models.TextChoices):
    COMMISSIONED = "commissioned", _("Uppdragsutbildning")
    COURSE = "course", _("Kurs ur katalogen")
    DISTANCE = "distance", _("Distansutbildning")
    STUDY_HUB = "study_hub", _("Studiecentrum / lärcentrum")


class AnswerStatus(models.TextChoices):
    OFFERED = "offered", _("Erbjudet")
    ACCEPTED = "accepted", _("Antaget")
    DECLINED = "declined", _("Avböjt")
    RUNNING = "running", _("Pågår")
    COMPLETED = "completed", _("Genomfört")
    WITHDRAWN = "withdrawn", _("Återtaget")


#: who moves an answer: the need's organisation accepts or declines; the answering university
#: runs, completes or withdraws it (see ``permissions_meetings``).
ANSWER_WORKFLOW: dict[str, tuple[str, ...]] = {
    AnswerStatus.OFFERED: (AnswerStatus.ACCEPTED, AnswerStatus.DECLINED, AnswerStatus.WITHDRAWN),
    AnswerStatus.ACCEPTED: (AnswerStatus.RUNNING, AnswerStatus.WITHDRAWN),
    AnswerStatus.DECLINED: (),
    AnswerStatus.RUNNING: (AnswerStatus.COMPLETED,),
    AnswerStatus.COMPLETED: (),
    AnswerStatus.WITHDRAWN: (),
}
#: the steps the need's own organisation takes; the others are the answering organisation's
ANSWER_STEPS_OF_NEED_OWNER = (AnswerStatus.ACCEPTED, AnswerStatus.DECLINED)


class NeedAnswer(models.Model):
    need = models.ForeignKey(CompetenceNeed, on_delete=models.CASCADE, related_name="answers")
    organisation = models.ForeignKey(
        "samverkan.Organisation", verbose_name=_("lärosäte"), on_delete=models.PROTECT, related_name="need_answers"
    )
    kind = models.CharField(_("typ av svar"), max_length=16, choices=AnswerKind.choices)
    title = models.CharField(_("erbjudande"), max_length=255)
    description = models.TextField(_("beskrivning"), blank=True)
    course = models.ForeignKey(
        "education.Course", verbose_name=_("kurs"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    url = models.URLField(_("länk"), blank=True, validators=[validate_web_url])
    places = models.PositiveIntegerField(_("antal platser"), null=True, blank=True)
    starts = models.DateField(_("start"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=AnswerStatus.choices, default=AnswerStatus.OFFERED)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_demo = models.BooleanField(_("exempeldata"), default=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("svar på kompetensbehov")
        verbose_name_plural = _("svar på kompetensbehov")

    def __str__(self) -> str:
        return f"{self.title} ({self.organisation})"
