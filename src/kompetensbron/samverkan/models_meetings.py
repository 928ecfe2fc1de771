"""Meetings of a body (Högskolerådet, Studentbostadsgruppen, a steering group, ...).

A :class:`Meeting` has a date, an agenda, minutes, :class:`MeetingAttendee` s (a user or a named
person, with the organisation they represent), :class:`MeetingDocument` s (an http(s) link or an
uploaded file of a bounded size and type), :class:`MeetingIdea` s presented at it (an idea
becomes an activity in one step and then points at it) and the decisions taken at it
(:class:`~.models.Decision` with ``meeting`` set: on an activity, on the agreement or model
itself, or on a programme's adoption).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kompetensbron.input_types import validate_web_url

__all__ = ["Meeting", "MeetingAttendee", "MeetingDocument", "MeetingIdea"]


class Meeting(models.Model):
    body = models.ForeignKey(
        "samverkan.Body", verbose_name=_("organ"), on_delete=models.CASCADE, related_name="meetings"
    )
    agreement = models.ForeignKey(
        "samverkan.Agreement",
        verbose_name=_("avtal"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meetings",
        help_text=_("Avtalet vars årsrapport mötet hör till (organets avtal om inget anges)."),
    )
    date = models.DateField(_("datum"))
    title = models.CharField(_("rubrik"), max_length=255, blank=True)
    place = models.CharField(_("plats"), max_length=255, blank=True)
    agenda = models.TextField(_("dagordning"), blank=True)
    minutes = models.TextField(_("protokoll / minnesanteckningar"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_demo = models.BooleanField(_("exempeldata"), default=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["body", "date"])]
        verbose_name = _("möte")
        verbose_name_plural = _("möten")

    def __str__(self) -> str:
        return f"{self.body} {self.date:%Y-%m-%d}" + (f": {self.title}" if self.title else "")


class MeetingAttendee(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendees")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    name = models.CharField(_("namn"), max_length=255, blank=True)
    role = models.CharField(_("roll"), max_length=255, blank=True)
    organisation = models.ForeignKey(
        "samverkan.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "user"], condition=models.Q(user__isnull=False), name="samverkan_attendee_once"
            )
        ]
        verbose_name = _("deltagare")
        verbose_name_plural = _("deltagare")

    def __str__(self) -> str:
        return self.name or str(self.user or "")


class MeetingDocument(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("titel"), max_length=255)
    url = models.URLField(_("länk"), blank=True, validators=[validate_web_url])
    file = models.FileField(_("fil"), upload_to="samverkan/moten/", blank=True)

    class Meta:
        ordering = ["title", "pk"]
        verbose_name = _("mötesdokument")
        verbose_name_plural = _("mötesdokument")

    def __str__(self) -> str:
        return self.title


class MeetingIdea(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="ideas")
    title = models.CharField(_("idé"), max_length=255)
    description = models.TextField(_("beskrivning"), blank=True)
    presented_by = models.CharField(_("presenterad av"), max_length=255, blank=True)
    organisation = models.ForeignKey(
        "samverkan.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    activity = models.OneToOneField(
        "samverkan.Activity",
        verbose_name=_("blev aktivitet"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="from_idea",
    )

    class Meta:
        ordering = ["pk"]
        verbose_name = _("idé från möte")
        verbose_name_plural = _("idéer från möten")

    def __str__(self) -> str:
        return self.title
