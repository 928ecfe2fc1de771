"""The explicit mapping action of the dossier: suggest target occupations of a programme that has
none (a POST; reading a dossier never writes). The mapper is loaded once per process."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kompetensbron.config import get_settings
from kompetensbron.education.models import OccupationLink
from kompetensbron.education.services import get_programme_model

from .figures import ad_skill_counts, skill_extractor
from .schemas import MappingOut

__all__ = ["MAPPING_TOP", "occupation_mapper", "suggest_target_occupations"]

MAPPING_TOP = 5


@lru_cache(maxsize=1)
def _mapper(data_dir: Path, var_dir: Path):
    """The occupation mapper with all syllabi in the database as IDF background (≈5 s, once)."""
    from kompetensbron.analysis.occupation_mapping import OccupationMapper, course_text
    from kompetensbron.education.models import Course
    from kompetensbron.sources.reference_files import read_reference_snapshot

    background: dict[str, object] = {}
    for code, title, subject, ilos, outcomes, level in Course.objects.order_by("code", "institution_id").values_list(
        "code", "title", "subject", "ilos", "learning_outcomes", "level"
    ):
        background.setdefault(code, course_text(code, title, subject, ilos or (), outcomes, level))
    return OccupationMapper.create(
        read_reference_snapshot(data_dir),
        skill_extractor(),
        background=list(background.values()),
        ad_skills=ad_skill_counts() or None,
    )


def occupation_mapper():
    """The mapper of the current settings, built once per process (the server's warm-up builds it
    at start, :mod:`kompetensbron.web.warmup`)."""
    s = get_settings()
    return _mapper(Path(s.data_dir), Path(s.var_dir))


def suggest_target_occupations(*, actor, programme_id: int) -> MappingOut:
    """Map a programme without occupation links (the explicit POST action of the dossier) and store
    the suggestions as ``suggested`` links; needs the right to change programmes. The mapper runs
    before the transaction; the links and their audit entry are written in one."""
    from kompetensbron.analysis.occupation_mapping import course_text
    from kompetensbron.education.mapping_service import store_programme_suggestions
    from kompetensbron.education.permissions import require
    from kompetensbron.samverkan import audit

    programme = get_programme_model(programme_id)
    require(actor, "change_programme", programme, _("Du får inte ändra det här programmet."))
    if OccupationLink.objects.filter(programme=programme).exists():
        return MappingOut(programme_id=programme.pk, created=0, message=_("Programmet har redan yrkeskopplingar."))
    texts = [
        course_text(c.code, c.title, c.subject, c.ilos or (), c.learning_outcomes, c.level)
        for c in (pc.course for pc in programme.programme_courses.select_related("course"))
    ]
    if not texts and not programme.sun_field_id:
        return MappingOut(
            programme_id=programme.pk,
            created=0,
            message=_("Programmet saknar kurser med lärandemål och SUN-inriktning att kartlägga."),
        )
    mapping = occupation_mapper().map_programme(programme.sun_field_id, texts, code=programme.code, top=MAPPING_TOP)
    with transaction.atomic():
        created = store_programme_suggestions(programme=programme, mapping=mapping).created
        links = sorted(OccupationLink.objects.filter(programme=programme).values_list("ssyk_id", flat=True))
        audit.record(actor=actor, action="dossier.suggest_occupations", obj=programme, after={"suggested_ssyk": links})
    return MappingOut(
        programme_id=programme.pk,
        created=created,
        message=ngettext("%(n)s yrkesförslag skapades.", "%(n)s yrkesförslag skapades.", created) % {"n": created},
    )
