"""Education supply: institutions, programmes with their courses and yearly figures, course
syllabi, and the links of programmes and courses to SSYK-4 occupations.

- :class:`Institution` — a university (lärosäte), seated in a kommun, with campus kommuner,
  linked to the Samverkan organisation whose people may change its data (:mod:`.permissions`).
- :class:`Programme` — a programme (utbildningsprogram) classified by SUN 2020 level and field;
  :class:`ProgrammeYear` holds admitted students and graduates per year;
  :class:`ProgrammeCourse` its courses by term.
- :class:`Course` — a course syllabus (kursplan) with learning outcomes; imported syllabi
  point to the :class:`~kompetensbron.reference.models.DataLoad` and the line they came from.
- :class:`OccupationLink` — a programme *or* a course linked to an SSYK-4 group, with its
  provenance (official SSYK–SUN key, skill overlap, manual), score, rank and review status.
  The mapping code suggests links; people confirm or reject them (with a reason).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kompetensbron import provenance


class Institution(models.Model):
    name = models.CharField(_("namn"), max_length=255, unique=True)
    short_name = models.CharField(_("kortnamn"), max_length=32, blank=True)
    kommun = models.ForeignKey(
        "reference.Kommun", verbose_name=_("kommun"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    campus_kommuner = models.ManyToManyField(
        "reference.Kommun", verbose_name=_("campusorter (kommuner)"), blank=True, related_name="+"
    )
    org_number = models.CharField(_("organisationsnummer"), max_length=16, blank=True)
    organisation = models.ForeignKey(
        "samverkan.Organisation",
        verbose_name=_("organisation i samverkansregistret"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="institutions",
        help_text=_("Organisationens samordnare och medlemmar får ändra lärosätets program och yrkeskopplingar."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("lärosäte")
        verbose_name_plural = _("lärosäten")

    def __str__(self) -> str:
        return self.name


class StudyForm(models.TextChoices):
    CAMPUS = "campus", _("campus")
    DISTANCE = "distance", _("distans")


class CourseLevel(models.TextChoices):
    BASIC = "GR", _("grundnivå")
    ADVANCED = "AV", _("avancerad nivå")
    DOCTORAL = "FO", _("forskarnivå")
    PREPARATORY = "BE", _("behörighetsgivande förutbildning")
    UNPLACED = "X", _("utan nivåplacering")


class Programme(models.Model):
    institution = models.ForeignKey(
        Institution, verbose_name=_("lärosäte"), on_delete=models.PROTECT, related_name="programmes"
    )
    code = models.CharField(_("programkod"), max_length=32)
    name = models.CharField(_("namn"), max_length=255)
    degree = models.CharField(
        _("examen"), max_length=128, blank=True, help_text=_("t.ex. kandidatexamen, sjuksköterskeexamen")
    )
    sun_level = models.ForeignKey(
        "reference.SunLevel",
        verbose_name=_("SUN 2020-nivå"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    sun_field = models.ForeignKey(
        "reference.SunField",
        verbose_name=_("SUN 2020-inriktning"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    form = models.CharField(_("studieform"), max_length=16, choices=StudyForm.choices, default=StudyForm.CAMPUS)
    places = models.PositiveIntegerField(_("utbildningsplatser"), null=True, blank=True)
    kommun = models.ForeignKey(
        "reference.Kommun",
        verbose_name=_("studieort (kommun)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    credits = models.DecimalField(_("högskolepoäng"), max_digits=6, decimal_places=1, null=True, blank=True)
    description = models.TextField(_("beskrivning"), blank=True)
    is_demo = models.BooleanField(_("exempeldata"), default=False)
    search_text = models.TextField(editable=False, blank=True)
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)

    class Meta:
        ordering = ["name", "code"]
        constraints = [
            models.UniqueConstraint(fields=["institution", "code"], name="unique_programme_code_per_institution"),
            models.CheckConstraint(
                condition=Q(credits__isnull=True) | Q(credits__gt=0), name="programme_credits_positive"
            ),
        ]
        verbose_name = _("utbildningsprogram")
        verbose_name_plural = _("utbildningsprogram")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class ProgrammeYear(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="years")
    year = models.PositiveSmallIntegerField(_("år"))
    admitted = models.PositiveIntegerField(_("antagna"), null=True, blank=True)
    graduates = models.PositiveIntegerField(_("examinerade"), null=True, blank=True)

    class Meta:
        ordering = ["programme", "year"]
        constraints = [models.UniqueConstraint(fields=["programme", "year"], name="unique_programme_year")]
        verbose_name = _("programår")
        verbose_name_plural = _("programår")

    def __str__(self) -> str:
        return f"{self.programme} {self.year}"


class Course(models.Model):
    institution = models.ForeignKey(
        Institution, verbose_name=_("lärosäte"), on_delete=models.PROTECT, related_name="courses"
    )
    code = models.CharField(_("kurskod"), max_length=16)
    title = models.CharField(_("benämning"), max_length=255)
    level = models.CharField(_("nivå"), max_length=2, choices=CourseLevel.choices, blank=True)
    credits = models.DecimalField(_("högskolepoäng"), max_digits=5, decimal_places=1)
    subject = models.CharField(_("ämne"), max_length=255, blank=True)
    subject_group_code = models.CharField(_("ämnesgruppskod"), max_length=16, blank=True)
    subject_group = models.CharField(_("ämnesgrupp"), max_length=255, blank=True)
    depth_code = models.CharField(_("fördjupningskod"), max_length=8, blank=True)
    learning_outcomes = models.TextField(_("lärandemål"), blank=True)
    learning_outcomes_en = models.TextField(_("lärandemål (engelska)"), blank=True)
    ilos = models.JSONField(_("lärandemål (lista)"), default=list, blank=True)
    eligibility = models.TextField(_("särskild behörighet"), blank=True)
    valid_from = models.DateField(_("gäller från"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), null=True, blank=True)
    search_text = models.TextField(editable=False, blank=True)
    load = models.ForeignKey(
        "reference.DataLoad",
        verbose_name=_("dataladdning"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    source_file = models.CharField(_("källfil"), max_length=512, blank=True)
    source_line = models.PositiveIntegerField(_("rad i källfilen"), null=True, blank=True)
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)

    class Meta:
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["institution", "code"], name="unique_course_code_per_institution"),
            models.CheckConstraint(condition=Q(credits__gt=0), name="course_credits_positive"),
        ]
        verbose_name = _("kurs")
        verbose_name_plural = _("kurser")

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class ProgrammeCourse(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="programme_courses")
    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="programme_courses")
    term = models.PositiveSmallIntegerField(_("termin"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(_("ordning"), default=0)
    mandatory = models.BooleanField(_("obligatorisk"), default=True)

    class Meta:
        ordering = ["programme", "term", "order", "course__code"]
        constraints = [models.UniqueConstraint(fields=["programme", "course"], name="unique_course_in_programme")]
        verbose_name = _("kurs i program")
        verbose_name_plural = _("kurser i program")

    def __str__(self) -> str:
        return f"{self.programme.code}: {self.course.code}"


class LinkProvenance(models.TextChoices):
    OFFICIAL = provenance.LinkProvenance.OFFICIAL.value, _("officiell SSYK–SUN-nyckel")
    SKILL_OVERLAP = provenance.LinkProvenance.SKILL_OVERLAP.value, _("kompetensöverlapp")
    MANUAL = provenance.LinkProvenance.MANUAL.value, _("manuell")


class LinkStatus(models.TextChoices):
    SUGGESTED = "suggested", _("föreslagen")
    CONFIRMED = "confirmed", _("bekräftad")
    REJECTED = "rejected", _("avvisad")


class OccupationLink(models.Model):
    """A programme or a course (exactly one) linked to an SSYK-4 group."""

    course = models.ForeignKey(Course, null=True, blank=True, on_delete=models.CASCADE, related_name="occupation_links")
    programme = models.ForeignKey(
        Programme, null=True, blank=True, on_delete=models.CASCADE, related_name="occupation_links"
    )
    ssyk = models.ForeignKey(
        "reference.SsykGroup",
        verbose_name=_("SSYK-4"),
        on_delete=models.CASCADE,
        related_name="+",
        limit_choices_to={"level": 4},
    )
    provenance = models.CharField(_("ursprung"), max_length=32, choices=LinkProvenance.choices)
    score = models.FloatField(_("poäng"), default=0.0)
    rank = models.PositiveIntegerField(_("rang"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=LinkStatus.choices, default=LinkStatus.SUGGESTED)
    reason = models.TextField(_("motivering"), blank=True)
    evidence = models.JSONField(_("underlag"), default=dict, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("beslutad av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("beslutad"), null=True, blank=True)
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)

    class Meta:
        ordering = ["provenance", "rank", "-score"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(course__isnull=False) & Q(programme__isnull=True))
                | (Q(course__isnull=True) & Q(programme__isnull=False)),
                name="occupation_link_course_xor_programme",
            ),
            models.CheckConstraint(condition=Q(score__gte=0) & Q(score__lte=1), name="occupation_link_score_0_1"),
            models.CheckConstraint(
                condition=(~Q(provenance=LinkProvenance.MANUAL) & ~Q(status=LinkStatus.REJECTED)) | ~Q(reason=""),
                name="occupation_link_reason_required",
            ),
            models.UniqueConstraint(
                fields=["course", "ssyk", "provenance"],
                condition=Q(course__isnull=False),
                name="unique_course_occupation_link",
            ),
            models.UniqueConstraint(
                fields=["programme", "ssyk", "provenance"],
                condition=Q(programme__isnull=False),
                name="unique_programme_occupation_link",
            ),
        ]
        verbose_name = _("yrkeskoppling")
        verbose_name_plural = _("yrkeskopplingar")

    def __str__(self) -> str:
        subject = self.programme or self.course
        return f"{subject} → {self.ssyk_id} ({self.provenance}, {self.status})"
