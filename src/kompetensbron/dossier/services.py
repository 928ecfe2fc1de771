"""Build the relevance dossier of one programme (MERUT) — one typed :class:`~.schemas.Dossier`.

What goes in, and from where:

* **target occupations** — the programme's ``confirmed`` and ``manual`` occupation links;
  when it has none, its ``suggested`` links (the dossier says which). A programme with no
  links at all gets none here — reading never writes; :func:`suggest_target_occupations` (a
  POST, for users who may change programmes) runs :meth:`OccupationMapper.map_programme` over
  the learning outcomes of its courses (official SSYK↔SUN links first) and stores the
  suggestions as ``suggested`` links, audited;
* **demand** — 2024 job ads per occupation for Sweden, the programme's län and its FA-region
  (:func:`kompetensbron.labour_market.services.demand_map`: JobTech statistics in the
  warehouse; FA-region = sum over its kommuner);
* **outlook** — Arbetsförmedlingen's 1-year bristindex in the programme's län and the national
  5-year index, labelled with :mod:`kompetensbron.analysis.balance` (AF's limits, borderline
  → balance) with the back-test hit rate of such labels and its uncertainty;
* **skills** — skills the extractor finds in the courses' learning outcomes against the skills
  of the target occupations' profiles (:func:`build_occupation_profiles`: SSYK definition,
  occupation-names, enriched job ads when the warehouse has any) plus the top skills of
  enriched ads; covered = demanded ∩ outcomes, missing = demanded − outcomes;
* **inputs** — programme-council and employer input (:class:`~.models.DossierInput`); the names
  of the people behind them only for viewers who may see them (:func:`may_see_input_names`);
* **summary** — Swedish sentences built only from these figures (:mod:`.summary`).

Caching: a built dossier is kept in Django's cache under a version key made of the
programme's, its links', courses' and inputs' change times and counts, so any change to
them builds a new one. The costly figures (demand, outlook, skills) are cached apart, keyed
by the target occupations, the place, the courses and the Yrkesbarometer files' fingerprint, so a
new input rebuilds only the
inputs and the summary. The warehouse snapshot is not in the keys: a new statistics import
shows within :data:`CACHE_SECONDS`. The skill extractor, the Yrkesbarometer files and (for
on-demand mapping) the occupation mapper are loaded once per process.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

from django.core.cache import cache
from django.db.models import Count, Max
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop

from kompetensbron.config import get_settings
from kompetensbron.education.models import LinkProvenance, LinkStatus, OccupationLink, Programme, ProgrammeCourse
from kompetensbron.education.services import get_programme_model
from kompetensbron.labour_market.schemas import ProvenanceOut
from kompetensbron.reference import models as ref

from .figures import CACHE_SECONDS, TOP_AD_SKILLS, figures, skill_extractor
from .inputs import MAX_TEXT, add_input, for_viewer, input_out, may_see_input_names, validate_input
from .mapping import suggest_target_occupations
from .models import DossierInput, InputKind
from .outcomes import dossier_outcomes
from .schemas import Dossier, InputOut, ProgrammeFacts, SkillCoverage, SourceOut, TargetOccupation
from .source_words import worded
from .summary import build_summary

__all__ = [
    "CACHE_SECONDS",
    "MAX_TEXT",
    "TOP_AD_SKILLS",
    "build_dossier",
    "dossier_version",
    "localised",
    "add_input",
    "suggest_target_occupations",
    "skill_extractor",
    "validate_input",
    "may_see_input_names",
]


# --- versions and cache ----------------------------------------------------------------


def dossier_version(programme: Programme) -> str:
    """A key that changes whenever the programme, its courses, links or inputs change."""
    links = OccupationLink.objects.filter(programme=programme).aggregate(n=Count("id"), t=Max("updated_at"))
    inputs = DossierInput.objects.filter(programme=programme).aggregate(n=Count("id"), t=Max("updated_at"))
    courses = ProgrammeCourse.objects.filter(programme=programme).aggregate(n=Count("id"), t=Max("course__updated_at"))
    s = get_settings()
    raw = "|".join(
        str(x)
        for x in (
            programme.pk,
            programme.updated_at,
            links["n"],
            links["t"],
            inputs["n"],
            inputs["t"],
            courses["n"],
            courses["t"],
            s.data_dir,
            s.var_dir,
            _current_barometer_fingerprint(s.data_dir),  # a newly fetched Yrkesbarometer round
        )
    )
    return hashlib.sha1(raw.encode()).hexdigest()[:16]


def _current_barometer_fingerprint(data_dir: Path) -> str:
    from kompetensbron.sources.catalog import live
    from kompetensbron.sources.file_cache import fingerprint

    return str(fingerprint([Path(data_dir) / live("yrkesbarometer-json").path]))


def _cache_key(programme_id: int, version: str) -> str:
    return f"dossier:{programme_id}:{version}"


def build_dossier(*, programme_id: int, viewer=None, use_cache: bool = True, wait: bool = True) -> Dossier:
    """The relevance dossier of one programme as ``viewer`` may see it; :class:`NotFound` for an
    unknown id.

    The names of the people behind the inputs (who gave them, who recorded them) are shown only
    to a viewer who may see them (:func:`may_see_input_names`); everyone else sees the
    organisation and the role (programme council, employer, other).

    Reading never writes: a programme without occupation links gets a dossier without target
    occupations, which offers :func:`suggest_target_occupations` as an explicit action.
    ``use_cache``: reuse a dossier built for the same version.

    ``wait=False`` (the page's first view): when the costly figures (demand, outlook, skills) are
    not built yet, answer at once with a dossier marked ``pending`` — programme, target
    occupations, inputs and sources, without figures or summary — which is not cached; the page
    then fetches the figures apart (a second request with ``wait=True``).
    """
    programme = get_programme_model(programme_id)
    version = dossier_version(programme)
    key = _cache_key(programme.pk, version)
    if use_cache:
        found = cache.get(key)
        if found is not None:
            return for_viewer(localised(found), may_see_input_names(viewer, programme))
    dossier = _build(programme, version, compute=wait)
    if not dossier.pending:
        cache.set(key, dossier, CACHE_SECONDS)
    return for_viewer(localised(dossier), may_see_input_names(viewer, programme))


def localised(d: Dossier) -> Dossier:
    """The dossier with its display words (link status and provenance, input kind, study form),
    notes and summary in the active language. The cached copy is shared by every language, so
    these words are set here, on every read, from the codes, msgids and figures the dossier
    stores — never taken from the cached copy."""
    from kompetensbron.education.models import StudyForm

    occupations = [
        o.model_copy(
            update={
                "provenance_label": str(LinkProvenance(o.provenance).label),
                "status_label": str(LinkStatus(o.status).label),
            }
        )
        for o in d.occupations
    ]
    inputs = [i.model_copy(update={"kind_label": str(InputKind(i.kind).label)}) for i in d.inputs]
    programme = d.programme.model_copy(update={"form_label": str(StudyForm(d.programme.form).label)})
    notes = [gettext(n) for n in d.notes]  # Swedish msgids; a note without a msgid stays as it is
    sources = [worded(s) for s in d.sources]  # the block's own words; a file's title stays as it is
    localised = d.model_copy(
        update={
            "occupations": occupations,
            "inputs": inputs,
            "programme": programme,
            "notes": notes,
            "sources": sources,
        }
    )
    return localised if d.pending else localised.model_copy(update={"summary": build_summary(localised)})


# --- target occupations ----------------------------------------------------------------


def _targets(programme: Programme) -> tuple[str, list[TargetOccupation]]:
    links = list(
        OccupationLink.objects.filter(programme=programme)
        .exclude(status=LinkStatus.REJECTED)
        .select_related("ssyk")
        .order_by("provenance", "rank", "-score", "ssyk_id")
    )
    decided = [x for x in links if x.status == LinkStatus.CONFIRMED or x.provenance == LinkProvenance.MANUAL]
    basis = "confirmed" if decided else ("suggested" if links else "none")
    chosen = decided or links
    order = {v: i for i, v in enumerate(LinkProvenance.values)}
    chosen.sort(key=lambda x: (order.get(x.provenance, 9), x.rank or 999, -x.score, x.ssyk_id))
    seen: set[str] = set()
    out = []
    for x in chosen:
        if x.ssyk_id in seen:  # one row per occupation (the same group can come from two provenances)
            continue
        seen.add(x.ssyk_id)
        out.append(
            TargetOccupation(
                ssyk=x.ssyk_id,
                label=x.ssyk.label,
                provenance=x.provenance,
                provenance_label=str(x.get_provenance_display()),
                score=round(x.score, 4),
                rank=x.rank,
                status=x.status,
                status_label=str(x.get_status_display()),
                link_id=x.pk,
            )
        )
    return basis, out


# --- facts and sources -----------------------------------------------------------------


def _facts(p: Programme) -> ProgrammeFacts:
    from kompetensbron.education.schemas import CodeLabel

    kommun = (
        ref.Kommun.objects.select_related("lan", "fa_region").filter(pk=p.kommun_id).first() if p.kommun_id else None
    )
    courses = list(p.programme_courses.select_related("course"))
    with_outcomes = [pc.course for pc in courses if pc.course.ilos or pc.course.learning_outcomes]
    years = [y for y in p.years.order_by("-year") if y.admitted is not None or y.graduates is not None]
    latest_admitted = next((y for y in years if y.admitted is not None), None)
    latest_graduates = next((y for y in years if y.graduates is not None), None)
    return ProgrammeFacts(
        id=p.pk,
        code=p.code,
        name=p.name,
        institution=p.institution.name,
        degree=p.degree,
        sun_level=CodeLabel(code=p.sun_level.code, label=p.sun_level.label) if p.sun_level else None,
        sun_field=CodeLabel(code=p.sun_field.code, label=p.sun_field.label) if p.sun_field else None,
        form=p.form,
        form_label=str(p.get_form_display()),
        places=p.places,
        credits=float(p.credits) if p.credits is not None else None,
        kommun=CodeLabel(code=kommun.code, label=kommun.name) if kommun else None,
        lan=CodeLabel(code=kommun.lan.code, label=kommun.lan.name) if kommun else None,
        fa_region=CodeLabel(code=kommun.fa_region.code, label=kommun.fa_region.name)
        if kommun and kommun.fa_region
        else None,
        courses=len(courses),
        courses_with_outcomes=len(with_outcomes),
        learning_outcomes=sum(len(c.ilos or []) or (1 if c.learning_outcomes else 0) for c in with_outcomes),
        admitted_year=latest_admitted.year if latest_admitted else None,
        admitted=latest_admitted.admitted if latest_admitted else None,
        graduates_year=latest_graduates.year if latest_graduates else None,
        graduates=latest_graduates.graduates if latest_graduates else None,
        is_demo=p.is_demo,
    )


def _file_date(path: Path) -> str | None:
    try:
        return dt.date.fromtimestamp(path.stat().st_mtime).isoformat()
    except OSError:
        return None


def _sources(
    p: Programme, demand_prov: list[ProvenanceOut], outlook_prov: list[ProvenanceOut], inputs: list[InputOut]
) -> list[SourceOut]:
    from kompetensbron.sources.catalog import DATASETS
    from kompetensbron.sources.data_dates import date_of
    from kompetensbron.sources.yrkesbarometer import FILES, yrkesbarometer_path

    out = [
        SourceOut(
            title="",
            detail="",
            kind="programme",
            name=f"{p.code} {p.name}",
            on=timezone.localtime(p.updated_at).date().isoformat(),
        )
    ]
    datasets = {"ssyk-4", "ssyk-hierarchy", "ssyk-sun", "skills", "esco-jobtech", "kommuner", "lan", "fa-regions"}
    loads = set(p.programme_courses.exclude(course__load=None).values_list("course__load__dataset", flat=True))
    for d in ref.DataLoad.objects.filter(dataset__in=datasets | loads).order_by("dataset"):
        dated = date_of([d.dataset] if d.dataset in DATASETS else (), text=d.source_file or "")
        out.append(
            SourceOut(
                title=d.title,
                detail=f"{d.publisher}; {d.source_file}".strip("; "),
                version=d.version,
                kind="load",
                on=timezone.localtime(d.loaded_at).date().isoformat(),
                data_date=dated.date if dated else None,
                data_old=bool(dated and dated.old),
            )
        )
    for prov in demand_prov:
        out.append(
            SourceOut(
                title=prov.source,
                detail=f"{prov.table}; {prov.method}",
                period=prov.period,
                version=prov.snapshot,
                data_date=prov.data_date,
                data_old=prov.data_old,
            )
        )
    data_dir = Path(get_settings().data_dir)
    for key in ("1-ar", "5-ar"):
        f = FILES[key]
        dated = date_of([f"yrkesbarometer-{key}"])
        out.append(
            SourceOut(
                title=f.title,
                detail=f"af-yrkesbarometer/{f.name}",
                period=f.period,
                kind="barometer",
                on=_file_date(yrkesbarometer_path(data_dir, key)),
                data_date=dated.date if dated else None,
                data_old=bool(dated and dated.old),
            )
        )
    for prov in outlook_prov:
        if "yrkesbarometer-json" in prov.datasets:
            out.insert(
                len(out) - 2,
                SourceOut(
                    title=prov.source,
                    detail=prov.table,
                    period=prov.period,
                    data_date=prov.data_date,
                    data_old=prov.data_old,
                ),
            )
    if inputs:
        out.append(
            SourceOut(
                title="",
                detail="",
                kind="inputs",
                count=len(inputs),
                period=f"{min(i.date for i in inputs).isoformat()} – {max(i.date for i in inputs).isoformat()}",
            )
        )
    return out


# --- the dossier -----------------------------------------------------------------------


def _outlook_dates(outlook_prov: list[ProvenanceOut]) -> dict[str, object]:
    """The data dates of the outlook block: the 1-year workbook's, and the open-data round's if fetched."""
    from kompetensbron.analysis.current_barometer import newest_barometer
    from kompetensbron.sources.data_dates import date_of

    workbook = date_of(["yrkesbarometer-1-ar"])
    current = newest_barometer(Path(get_settings().data_dir))
    return {
        "outlook_date": workbook.date if workbook else None,
        "outlook_old": bool(workbook and workbook.old),
        "current_round": current.round.round if current else None,
        "current_date": current.data_date if current else None,
        "current_newer": bool(current and current.newer_than_workbook),
    }


def _build(p: Programme, version: str, *, compute: bool = True) -> Dossier:
    facts = _facts(p)
    basis, targets = _targets(p)
    notes: list[str] = []
    if basis == "suggested":
        notes.append(gettext_noop("Inga yrkeskopplingar är bekräftade ännu: målyrkena är mappningens förslag."))
    elif basis == "none":
        notes.append(
            gettext_noop(
                "Programmet har inga målyrken ännu: föreslå dem med kartläggningen (kompetensöverlapp och SSYK–SUN-nyckel)."
            )
        )
    if facts.kommun is None:
        notes.append(gettext_noop("Programmet saknar studieort: regional efterfrågan och prognos kan inte visas."))
    figures_ = figures(p, facts, targets, compute=compute)
    if figures_ is None:
        inputs = [input_out(x) for x in DossierInput.objects.filter(programme=p).select_related("author")]
        return Dossier(
            programme=facts,
            built_at=timezone.now(),
            version=version,
            target_basis=basis,
            occupations=targets,
            demand=[],
            demand_provenance=[],
            outlook=[],
            outlook_provenance=[],
            skills=SkillCoverage(outcome_skills=[], demanded=[], covered=[], missing=[]),
            skills_provenance=[],
            inputs=inputs,
            summary=[],
            sources=_sources(p, [], [], inputs),
            notes=notes,
            pending=True,
        )
    demand, demand_prov, demand_notes = figures_["demand"]
    outlook, outlook_prov, bt_rate, outlook_notes = figures_["outlook"]
    skills, skills_prov = figures_["skills"]
    inputs = [input_out(x) for x in DossierInput.objects.filter(programme=p).select_related("author")]
    dossier = Dossier(
        programme=facts,
        built_at=timezone.now(),
        version=version,
        target_basis=basis,
        occupations=targets,
        demand=demand,
        demand_provenance=demand_prov,
        outlook=outlook,
        outlook_provenance=outlook_prov,
        backtest_rate=round(bt_rate, 3) if bt_rate is not None else None,
        **_outlook_dates(outlook_prov),
        skills=skills,
        skills_provenance=skills_prov,
        inputs=inputs,
        summary=[],
        sources=_sources(p, demand_prov, outlook_prov, inputs),
        notes=notes + demand_notes + outlook_notes,
        outcomes=dossier_outcomes(facts),
    )
    return dossier.model_copy(update={"summary": build_summary(dossier)})
