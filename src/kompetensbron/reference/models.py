"""Official Swedish classifications stored for the web application and the API.

Natural codes are primary keys (SSYK code, kommunkod, concept id, ESCO URI), so links stay
readable and re-loading a snapshot updates rows in place. Every row points to the
:class:`DataLoad` that wrote it: source file, dataset version and checksum.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class DataLoad(models.Model):
    """One dataset as loaded by ``init``: which file, which version, when, with what result."""

    dataset = models.CharField(_("dataset"), max_length=64, unique=True)
    title = models.CharField(_("titel"), max_length=255)
    source_file = models.CharField(_("källfil"), max_length=512)
    version = models.CharField(_("version"), max_length=255)
    publisher = models.CharField(_("utgivare"), max_length=255)
    licence = models.CharField(_("licens"), max_length=255)
    sha256 = models.CharField(max_length=64)
    loaded_at = models.DateTimeField(_("laddad"))

    class Meta:
        ordering = ["dataset"]
        verbose_name = _("dataladdning")
        verbose_name_plural = _("dataladdningar")

    def __str__(self) -> str:
        return f"{self.dataset} ({self.version})"


class SsykGroup(models.Model):
    """An SSYK 2012 group at level 1 (major) to 4 (unit group)."""

    code = models.CharField(_("SSYK-kod"), max_length=4, primary_key=True)
    level = models.PositiveSmallIntegerField(_("nivå"), db_index=True)
    concept_id = models.CharField(_("begrepps-id"), max_length=32, null=True, blank=True)
    label = models.CharField(_("benämning"), max_length=255)
    definition = models.TextField(_("definition"), blank=True)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="children")
    search_text = models.TextField(editable=False, blank=True)
    isco_groups = models.ManyToManyField("IscoGroup", blank=True, related_name="ssyk_groups")
    load = models.ForeignKey(DataLoad, on_delete=models.PROTECT)

    class Meta:
        ordering = ["code"]
        verbose_name = _("SSYK-grupp")
        verbose_name_plural = _("SSYK-grupper")

    def __str__(self) -> str:
        return f"{self.code} {self.label}"


class OccupationName(models.Model):
    """A JobTech occupation-name (yrkesbenämning) under an SSYK-4 group."""

    concept_id = models.CharField(_("begrepps-id"), max_length=32, primary_key=True)
    label = models.CharField(_("benämning"), max_length=255)
    ssyk = models.ForeignKey(SsykGroup, on_delete=models.CASCADE, related_name="occupation_names")
    search_text = models.TextField(editable=False, blank=True)
    load = models.ForeignKey(DataLoad, on_delete=models.PROTECT)

    class Meta:
        ordering = ["label"]
        verbose_name = _("yrkesbenämning")
        verbose_name_plural = _("yrkesbenämningar")

    def __str__(self) -> str:
        return self.label


class IscoGroup(models.Model):
    """An ISCO-08 unit group linked to SSYK-4 groups."""

    code = models.CharField(_("ISCO-kod"), max_length=4, primary_key=True)
    concept_id = models.CharField(_("begrepps-id"), max_length=32)
    label = models.CharField(_("benämning"), max_length=255)
    load = models.ForeignKey(DataLoad, on_delete=models.PROTECT)

    class Meta:
        ordering = ["code"]
        verbose_name = _("ISCO-grupp")
        verbose_name_plural = _("ISCO-grupper")

    def __str__(self) -> str:
        return f"{self.code} {self.label}"


class Skill(models.Model):
    """A JobTech skill concept (kompetens)."""

    concept_id = models.CharField(_("begrepps-id"), max_length=32, primary_key=True)
    label = models.CharField(_("benämning"), max_length=255)
    search_text = models.TextField(editable=False, blank=True)
    load = models.ForeignKey(DataLoad, on_delete=models.PROTECT)

    class Meta:
        ordering = ["label"]
        verbose_name = _("kompetens")
        verbose_name_plural = _("kompetenser")

    def __str__(self) -> str:
        return self.label


class EscoSkill(models.Model):
    """An ESCO skill with its Swedish preferred label."""

    uri = models.CharField(_("ESCO-URI"), max_length=255, primary_key=True)
    label_sv = models.CharField(_("svensk benämning"), max_length=512)
    load = models.ForeignKey(DataLoad, on_delete=models.PROTECT)

    class Meta:
        ordering = ["label_sv"]
        verbose_name = _("ESCO-kompetens")
        verbose_name_plural = _("ESCO-kompetenser")

    def __str__(self) -> str:
        return self.label_sv


class EscoSkillMapping(models.Model):
    """A link of the official ESCO ↔ JobTech mapping, with its SKOS match type."""

    MATCH_TYPES = [
        (t, t)
        for t in (
            "skos:exactMatch",
            "skos:closeMatch",
            "skos:broadMatch",
            "skos:narrowMatch",
            "skos:relatedMatch",
            "no relation",
        )
    ]
    esco = models.ForeignKey(EscoSkill, on_delete=models.CASCADE, related_name="mappings")
    skill = models.ForeignKey(
        Skill, null=True, blank=True, on_delete=models.CASCADE, related_name="esco_mappings", db_constraint=False
    )
    jobtech_concept_id = models.CharField(max_length=32, blank=True)
    jobtech_label = models.CharField(max_length=255, blank=True)
    match_type = models.CharField(_("matchningstyp"), max_length=32, choices=MATCH_TYPES)
    load = models.ForeignKey(DataLoad, on_delete=models.PROTECT)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["esco", "jobtech_concept_id"], name="unique_esco_jobtech_link")]
        verbose_name = _("ESCO-koppling")
        verbose_name_plural = _("ESCO-kopplingar")

    def __str__(self) -> str:
        return f"{self.esco_id} {self.match_type} {self.jobtech_concept_id}"


class SunLevel(models.Model):
    """A SUN 2020 education level (nivå), 1–3 digits."""

    code = models.CharField(_("SUN-nivåkod"), max_length=8, primary_key=True)
    level = models.PositiveSmallIntegerField(_("nivå"))
    concept_id = models.CharField(max_length=32, null=True, blank=True)
    label = models.CharField(_("benämning"), max_length=255)
    definition = models.TextField(_("definition"), blank=True)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="children")
    load = models.ForeignKey(DataLoad, on_delete=models.PROTECT)

    class Meta:
        ordering = ["code"]
        verbose_name = _("SUN-nivå")
        verbose_name_plural = _("SUN-nivåer")

    def __str__(self) -> str:
        return f"{self.code} {self.label}"


class SunField(models.Model):
    """A SUN 2020 field of education (inriktning), 1–4 characters."""

    code = models.CharField(_("SUN-inriktningskod"), max_length=8, primary_key=True)
    level = models.PositiveSmallIntegerField(_("nivå"))
    concept_id = models.CharField(max_length=32, null=True, blank=True)
    label = models.CharField(_("benämning"), max_length=255)
    definition = models.TextField(_("definition"), blank=True)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="children")
    ssyk_groups = models.ManyToManyField(SsykGroup, through="SsykSunLink", related_name="sun_fields")
    load = models.ForeignKey(DataLoad, on_delete=models.PROTECT)

    class Meta:
        ordering = ["code"]
        verbose_name = _("SUN-inriktning")
        verbose_name_plural = _("SUN-inriktningar")

    def __str__(self) -> str:
        return f"{self.code} {self.label}"


class SsykSunLink(models.Model):
    """A row of the official SSYK ↔ SUN 2020 linking table."""

    ssyk = models.ForeignKey(SsykGroup, on_delete=models.CASCADE, related_name="sun_links")
    sun_field = models.ForeignKey(SunField, on_delete=models.CASCADE, related_name="ssyk_links")
    load = models.ForeignKey(DataLoad, on_delete=models.PROTECT)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["ssyk", "sun_field"], name="unique_ssyk_sun")]
        verbose_name = _("SSYK–SUN-koppling")
        verbose_name_plural = _("SSYK–SUN-kopplingar")


class FaRegion(models.Model):
    """A functional labour-market region (FA-region, Tillväxtverket FA15)."""

    code = models.CharField(_("FA-kod"), max_length=2, primary_key=True)
    name = models.CharField(_("namn"), max_length=255)
    geometry = models.JSONField(_("geometri"), null=True, blank=True)
    load = models.ForeignKey(DataLoad, on_delete=models.PROTECT)

    class Meta:
        ordering = ["code"]
        verbose_name = _("FA-region")
        verbose_name_plural = _("FA-regioner")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Lan(models.Model):
    """A county (län) with its official two-digit code."""

    code = models.CharField(_("länskod"), max_length=2, primary_key=True)
    name = models.CharField(_("namn"), max_length=255)
    letter = models.CharField(_("länsbokstav"), max_length=2, blank=True)
    population = models.PositiveIntegerField(_("folkmängd"), null=True, blank=True)
    concept_id = models.CharField(max_length=32, null=True, blank=True)
    geometry = models.JSONField(_("geometri"), null=True, blank=True)
    load = models.ForeignKey(DataLoad, on_delete=models.PROTECT)

    class Meta:
        ordering = ["code"]
        verbose_name = _("län")
        verbose_name_plural = _("län")

    def __str__(self) -> str:
        return self.name


class Kommun(models.Model):
    """A municipality (kommun) with its official four-digit kommunkod."""

    code = models.CharField(_("kommunkod"), max_length=4, primary_key=True)
    name = models.CharField(_("namn"), max_length=255)
    lan = models.ForeignKey(Lan, on_delete=models.PROTECT, related_name="kommuner")
    fa_region = models.ForeignKey(FaRegion, null=True, blank=True, on_delete=models.SET_NULL, related_name="kommuner")
    population = models.PositiveIntegerField(_("folkmängd"), null=True, blank=True)
    area_km2 = models.FloatField(_("area (km²)"), null=True, blank=True)
    concept_id = models.CharField(max_length=32, null=True, blank=True)
    geometry = models.JSONField(_("geometri"), null=True, blank=True)
    search_text = models.TextField(editable=False, blank=True)
    load = models.ForeignKey(DataLoad, on_delete=models.PROTECT)

    class Meta:
        ordering = ["code"]
        verbose_name = _("kommun")
        verbose_name_plural = _("kommuner")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"
