"""Build the relevance dossier of one programme (MERUT) — one typed :class:`~.schemas.Dossier`.

What goes in, and from where:

* **target occupations** — the programme's ``confirmed`` and ``manual`` occupation links;
  when it has none, its ``suggested`` links (the dossier says which). A programme with no
  links at all is mapped on demand (:meth:`OccupationMapper.map_programme` over the
  learning outcomes of its courses, official SSYK↔SUN links first) and the suggestions are
  stored as ``suggested`` links (:func:`store_programme_suggestions`), so the next dossier
  reads them from the database;
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
* **inputs** — programme-council and employer input (:class:`~.models.DossierInput`);
* **summary** — Swedish sentences built only from these figures (:mod:`.summary`).

Caching: a built dossier is kept in Django's cache under a version key made of the
programme's, its links', courses' and inputs' change times and counts, so any change to
them builds a new one. The costly figures (demand, outlook, skills) are cached apart, keyed
by the target occupations, the place and the courses, so a new input rebuilds only the
inputs and the summary. The warehouse snapshot is not in the keys: a new statistics import
shows within :data:`CACHE_SECONDS`. The skill extractor, the Yrkesbarometer files and (for
on-demand mapping) the occupation mapper are loaded once per process.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from types import SimpleNamespace

from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, Max
from django.utils import timezone

from kompetensbron.config import get_settings
from kompetensbron.education.models import LinkProvenance, LinkStatus, OccupationLink, Programme, ProgrammeCourse
from kompetensbron.education.services import get_programme_model
from kompetensbron.errors import KompetensbronError, NotFound, ValidationFailed
from kompetensbron.labour_market.schemas import ProvenanceOut
from kompetensbron.reference import models as ref

from .models import DossierInput, InputKind
from .schemas import (
    DemandRow,
    Dossier,
    InputIn,
    InputOut,
    OutlookRow,
    ProgrammeFacts,
    SkillCoverage,
    SkillRef,
    SourceOut,
    TargetOccupation,
)
from .summary import build_summary

__all__ = [
    "CACHE_SECONDS",
    "MAX_TEXT",
    "TOP_AD_SKILLS",
    "build_dossier",
    "dossier_version",
    "add_input",
    "ensure_mapping",
    "skill_extractor",
    "validate_input",
]

log = logging.getLogger(__name__)

CACHE_SECONDS = 15 * 60
MAX_TEXT = 5000
TOP_AD_SKILLS = 10
MAPPING_TOP = 5
PROFILE_SOURCE_SV = {"definition": "SSYK-definition", "occupation_name": "yrkesbenämningar", "job_ads": "jobbannonser"}


# --- heavy artefacts, loaded once per process ------------------------------------------


@lru_cache(maxsize=2)
def _extractor(data_dir: Path, var_dir: Path):
    from kompetensbron.enrich import load_enricher

    return load_enricher(get_settings()).extractor


def skill_extractor():
    """The enricher's skill extractor for the current settings, loaded once per process."""
    s = get_settings()
    return _extractor(Path(s.data_dir), Path(s.var_dir))


@lru_cache(maxsize=2)
def _balance_data(data_dir: Path):
    from kompetensbron.analysis import balance as bal

    return bal.load_balance_data(data_dir)


@lru_cache(maxsize=1)
def _mapper(data_dir: Path, var_dir: Path):
    """The occupation mapper with all syllabi in the database as IDF background (≈5 s, once)."""
    from kompetensbron.analysis.occupation_mapping import OccupationMapper, course_text
    from kompetensbron.analysis.occupation_profiles import load_ad_skill_counts
    from kompetensbron.education.models import Course
    from kompetensbron.sources.reference_files import read_reference_snapshot

    background: dict[str, object] = {}
    for code, title, subject, ilos, outcomes, level in Course.objects.order_by("code", "institution_id").values_list(
        "code", "title", "subject", "ilos", "learning_outcomes", "level"
    ):
        background.setdefault(code, course_text(code, title, subject, ilos or (), outcomes, level))
    return OccupationMapper.create(
        read_reference_snapshot(data_dir), skill_extractor(), background=list(background.values()), ad_skills=_ad_skill_counts() or None
    )


def _ad_skill_counts() -> dict:
    from kompetensbron.analysis.occupation_profiles import load_ad_skill_counts

    warehouse = get_settings().warehouse_dir
    if not Path(warehouse).is_dir():
        return {}
    try:
        return load_ad_skill_counts(warehouse)
    except Exception as exc:  # an empty or unreadable warehouse: profiles from the taxonomy alone
        log.info("no job-ad skills for the dossier: %s", exc)
        return {}


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
            programme.pk, programme.updated_at, links["n"], links["t"], inputs["n"], inputs["t"], courses["n"], courses["t"],
            s.data_dir, s.var_dir,
        )
    )
    return hashlib.sha1(raw.encode()).hexdigest()[:16]


def _cache_key(programme_id: int, version: str) -> str:
    return f"dossier:{programme_id}:{version}"


def build_dossier(*, programme_id: int, use_cache: bool = True, build_mapping: bool = True) -> Dossier:
    """The relevance dossier of one programme; :class:`NotFound` for an unknown id.

    ``build_mapping``: map a programme without any occupation link on demand (and store the
    suggestions). ``use_cache``: reuse a dossier built for the same version.
    """
    programme = get_programme_model(programme_id)
    if build_mapping and not OccupationLink.objects.filter(programme=programme).exists():
        ensure_mapping(programme)
        mapped_now = True
    else:
        mapped_now = False
    version = dossier_version(programme)
    key = _cache_key(programme.pk, version)
    if use_cache:
        found = cache.get(key)
        if found is not None:
            return found
    dossier = _build(programme, version, mapped_now=mapped_now)
    cache.set(key, dossier, CACHE_SECONDS)
    return dossier


# --- target occupations ----------------------------------------------------------------


def ensure_mapping(programme: Programme) -> int:
    """Suggest occupation links of a programme that has none; returns the links created."""
    from kompetensbron.analysis.occupation_mapping import course_text
    from kompetensbron.education.mapping_service import store_programme_suggestions

    if OccupationLink.objects.filter(programme=programme).exists():
        return 0
    texts = [
        course_text(c.code, c.title, c.subject, c.ilos or (), c.learning_outcomes, c.level)
        for c in (pc.course for pc in programme.programme_courses.select_related("course"))
    ]
    if not texts and not programme.sun_field_id:
        return 0
    s = get_settings()
    mapper = _mapper(Path(s.data_dir), Path(s.var_dir))
    mapping = mapper.map_programme(programme.sun_field_id, texts, code=programme.code, top=MAPPING_TOP)
    return store_programme_suggestions(programme=programme, mapping=mapping).created


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
                ssyk=x.ssyk_id, label=x.ssyk.label, provenance=x.provenance, provenance_label=str(x.get_provenance_display()),
                score=round(x.score, 4), rank=x.rank, status=x.status, status_label=str(x.get_status_display()), link_id=x.pk,
            )  # fmt: skip
        )
    return basis, out


# --- demand ----------------------------------------------------------------------------


def _demand(targets: Sequence[TargetOccupation], lan: str | None, fa: str | None) -> tuple[list[DemandRow], list[ProvenanceOut], list[str]]:
    from kompetensbron.labour_market.services import demand_map

    rows: list[DemandRow] = []
    provenance: dict[str, ProvenanceOut] = {}
    notes: list[str] = []
    for t in targets:
        national = lan_n = fa_n = None
        try:
            by_lan = demand_map(ssyk=t.ssyk, region_level="lan")
        except KompetensbronError as exc:
            notes.append(f"Efterfrågan saknas för {t.ssyk}: {exc}")
            by_lan = None
        if by_lan is None or by_lan.statistics is None:
            if by_lan is not None and by_lan.status.message and not any("import-statistics" in n for n in notes):
                notes.append("Annonsstatistiken 2024 saknas i lagret: kör 'kompetensbron import-statistics'.")
            rows.append(DemandRow(ssyk=t.ssyk, label=t.label, national=None, lan=None, fa=None))
            continue
        stats = by_lan.statistics
        national = stats.country_total
        provenance.setdefault("lan", stats.provenance)
        if lan:
            lan_n = next((r.ads for r in stats.rows if r.code == lan), 0)
        if fa:
            by_fa = demand_map(ssyk=t.ssyk, region_level="fa")
            if by_fa.statistics is not None:
                provenance.setdefault("fa", by_fa.statistics.provenance)
                fa_n = next((r.ads for r in by_fa.statistics.rows if r.code == fa), 0)
        rows.append(
            DemandRow(
                ssyk=t.ssyk, label=t.label, national=national, lan=lan_n,
                lan_share=round(lan_n / national, 4) if national and lan_n is not None else None,
                fa=fa_n, fa_share=round(fa_n / national, 4) if national and fa_n is not None else None,
            )  # fmt: skip
        )
    return rows, list(provenance.values()), notes


# --- outlook ---------------------------------------------------------------------------


def _outlook(targets: Sequence[TargetOccupation], lan: str | None) -> tuple[list[OutlookRow], list[ProvenanceOut], float | None, list[str]]:
    from kompetensbron.sources.yrkesbarometer import FILES

    notes: list[str] = []
    try:
        data = _balance_data(Path(get_settings().data_dir))
    except KompetensbronError as exc:
        return [OutlookRow(ssyk=t.ssyk, label=t.label) for t in targets], [], None, [f"Yrkesbarometern kunde inte läsas: {exc}"]
    texts = {(r.lan_code, r.ssyk): r.text for r in data.one_year}
    rows = []
    for t in targets:
        code = data.rated(t.ssyk).code
        if code is None or not lan:
            rows.append(OutlookRow(ssyk=t.ssyk, label=t.label))
            continue
        result = data.balance(region_level="lan", ssyk=code)
        row = next((r for r in result.rows if r.region_code == lan), None)
        if row is None:
            rows.append(OutlookRow(ssyk=t.ssyk, label=t.label, barometer_code=code))
            continue
        ci = row.interval
        rows.append(
            OutlookRow(
                ssyk=t.ssyk, label=t.label, barometer_code=code,
                lan_index=round(row.index, 2) if row.index is not None else None, lan_text=texts.get((lan, code)),
                balance=row.label, borderline=row.borderline, leaning=row.leaning,
                probability=round(row.probability, 3) if row.probability is not None else None,
                low=round(ci[0], 3) if ci else None, high=round(ci[1], 3) if ci else None, cases=row.cases,
                uncertainty=row.uncertainty, five_year_index=row.five_year_index, five_year_label=row.five_year_label,
            )  # fmt: skip
        )
    if any(r.barometer_code and r.barometer_code != r.ssyk for r in rows):
        notes.append(
            "Där Arbetsförmedlingen bedömer yrket i en större grupp (en sammanslagen grupp eller SSYK-3-gruppen) "
            "visas den gruppens index."
        )
    provenance = [
        ProvenanceOut(
            source=FILES[k].title, table=f"af-yrkesbarometer/{FILES[k].name}", snapshot=None, period=FILES[k].period, method=m
        )
        for k, m in (
            ("1-ar", "label: AF class limits (<2.9 surplus, 2.9–3.29 balance, ≥3.3 shortage); within 0.1 of a limit → balance, high uncertainty; probability = back-test hit rate of such labels"),
            ("5-ar", "national 5-year index of the same SSYK"),
        )
    ]
    return rows, provenance, data.one_to_five.overall.rate, notes


# --- skills ----------------------------------------------------------------------------


def _profiles(codes: Sequence[str], extractor, ad_skills: dict):
    from kompetensbron.analysis.occupation_profiles import build_occupation_profiles

    groups = list(ref.SsykGroup.objects.filter(code__in=codes, level=4).values_list("code", "label", "definition"))
    names = ref.OccupationName.objects.filter(ssyk_id__in=codes).values_list("ssyk_id", "label")
    snapshot = SimpleNamespace(
        ssyk=[SimpleNamespace(code=c, label=lab, level=4, definition=d) for c, lab, d in groups],
        occupation_names=[SimpleNamespace(ssyk_code=c, label=lab) for c, lab in names],
    )
    wanted = {c: ad_skills[c] for c in codes if c in ad_skills}
    ids = {sid for _, counts in wanted.values() for sid in counts}
    labels = dict(ref.Skill.objects.filter(concept_id__in=ids).values_list("concept_id", "label")) if ids else {}
    labels.update(ref.EscoSkill.objects.filter(uri__in=ids).values_list("uri", "label_sv") if ids else [])
    return build_occupation_profiles(snapshot, extractor, ad_skills=wanted or None, skill_labels=labels)


def _skills(programme: Programme, targets: Sequence[TargetOccupation]) -> tuple[SkillCoverage, list[str]]:
    extractor = skill_extractor()
    outcome: dict[str, SkillRef] = {}
    for pc in programme.programme_courses.select_related("course").order_by("term", "order", "course__code"):
        c = pc.course
        text = "\n".join(str(x) for x in (c.ilos or []) if x) or c.learning_outcomes
        for m in extractor.extract(text or ""):
            if not m.skill_id:
                continue
            ref_ = outcome.setdefault(m.skill_id, SkillRef(skill_id=m.skill_id, label=m.label))
            if c.code not in ref_.origins:
                ref_.origins.append(c.code)
    codes = [t.ssyk for t in targets]
    ad_skills = _ad_skill_counts()
    profiles = _profiles(codes, extractor, ad_skills)
    demanded: dict[str, SkillRef] = {}
    for p in sorted(profiles.profiles, key=lambda p: codes.index(p.ssyk)):
        for s in p.skills:
            ref_ = demanded.setdefault(s.skill_id, SkillRef(skill_id=s.skill_id, label=s.label))
            ref_.origins.append(f"{p.ssyk} ({', '.join(PROFILE_SOURCE_SV.get(x, x) for x in s.sources)})")
    provenance = [
        "Lärandemål: kursplanernas lärandemål (education/kursplaner_miun.jsonl), kompetenser enligt Kompetensbrons kompetensextraktor (JobTech + ESCO).",
        "Efterfrågade kompetenser: yrkesprofiler per SSYK-4 (SSYK-definition, yrkesbenämningar"
        + (", berikade jobbannonser" if ad_skills else "") + ").",
    ]  # fmt: skip
    ads_used = bool(ad_skills)
    from kompetensbron.labour_market.services import occupation_skills, warehouse_status

    try:
        has_enriched = warehouse_status().has_enriched_ads
    except Exception:  # no warehouse at all
        has_enriched = False
    if has_enriched:
        for code in codes:
            top = occupation_skills(code, limit=TOP_AD_SKILLS)
            for r in top.rows:
                ref_ = demanded.setdefault(r.skill_id, SkillRef(skill_id=r.skill_id, label=r.label))
                ref_.origins.append(f"{code} (jobbannonser: {r.ads} annonser)")
        ads_used = True
        provenance.append(f"Plus de {TOP_AD_SKILLS} vanligaste kompetenserna i berikade jobbannonser per yrke (lagret).")
    covered = [s for sid, s in demanded.items() if sid in outcome]
    missing = [s for sid, s in demanded.items() if sid not in outcome]
    coverage = SkillCoverage(
        outcome_skills=sorted(outcome.values(), key=lambda s: s.label.casefold()),
        demanded=list(demanded.values()),
        covered=covered,
        missing=missing,
        coverage=round(len(covered) / len(demanded), 4) if demanded else None,
        ads_skills_used=ads_used,
    )
    return coverage, provenance


# --- inputs ----------------------------------------------------------------------------


def _input_out(x: DossierInput) -> InputOut:
    by = None
    if x.author_id:
        by = x.author.get_full_name() or x.author.get_username()
    return InputOut(
        id=x.pk, kind=x.kind, kind_label=str(x.get_kind_display()), date=x.date, author_name=x.author_name,
        organisation=x.organisation, text=x.text, recorded_by=by, recorded_at=x.created_at,
    )  # fmt: skip


def validate_input(data: InputIn) -> dict[str, str]:
    errors: dict[str, str] = {}
    if data.kind not in InputKind.values:
        errors["kind"] = f"Okänd typ ”{data.kind}” ({', '.join(InputKind.values)})."
    if data.date > timezone.localdate():
        errors["date"] = "Datumet får inte ligga i framtiden."
    if data.date < dt.date(1990, 1, 1):
        errors["date"] = "Datumet är orimligt tidigt."
    if not data.author_name.strip():
        errors["author_name"] = "Ange vem som lämnade synpunkten."
    if not data.text.strip():
        errors["text"] = "Skriv synpunkten."
    elif len(data.text) > MAX_TEXT:
        errors["text"] = f"Högst {MAX_TEXT} tecken."
    if len(data.author_name) > 255:
        errors["author_name"] = "Högst 255 tecken."
    if len(data.organisation) > 255:
        errors["organisation"] = "Högst 255 tecken."
    return errors


def add_input(*, actor, programme_id: int, data: InputIn) -> InputOut:
    """Record a council/employer input; needs a logged-in user; ValidationFailed with per-field errors."""
    from kompetensbron.errors import PermissionDenied

    if actor is None or not getattr(actor, "is_authenticated", False):
        raise PermissionDenied("Logga in för att registrera synpunkter.")
    programme = get_programme_model(programme_id)
    errors = validate_input(data)
    if errors:
        raise ValidationFailed("Synpunkten kunde inte sparas.", errors)
    with transaction.atomic():
        x = DossierInput.objects.create(
            programme=programme, kind=data.kind, date=data.date, author_name=data.author_name.strip(),
            organisation=data.organisation.strip(), text=data.text.strip(), author=actor,
        )  # fmt: skip
    return _input_out(DossierInput.objects.select_related("author").get(pk=x.pk))


# --- facts and sources -----------------------------------------------------------------


def _facts(p: Programme) -> ProgrammeFacts:
    from kompetensbron.education.schemas import CodeLabel

    kommun = ref.Kommun.objects.select_related("lan", "fa_region").filter(pk=p.kommun_id).first() if p.kommun_id else None
    courses = list(p.programme_courses.select_related("course"))
    with_outcomes = [pc.course for pc in courses if pc.course.ilos or pc.course.learning_outcomes]
    years = [y for y in p.years.order_by("-year") if y.admitted is not None or y.graduates is not None]
    latest_admitted = next((y for y in years if y.admitted is not None), None)
    latest_graduates = next((y for y in years if y.graduates is not None), None)
    return ProgrammeFacts(
        id=p.pk, code=p.code, name=p.name, institution=p.institution.name, degree=p.degree,
        sun_level=CodeLabel(code=p.sun_level.code, label=p.sun_level.label) if p.sun_level else None,
        sun_field=CodeLabel(code=p.sun_field.code, label=p.sun_field.label) if p.sun_field else None,
        form_label=str(p.get_form_display()), places=p.places, credits=float(p.credits) if p.credits is not None else None,
        kommun=CodeLabel(code=kommun.code, label=kommun.name) if kommun else None,
        lan=CodeLabel(code=kommun.lan.code, label=kommun.lan.name) if kommun else None,
        fa_region=CodeLabel(code=kommun.fa_region.code, label=kommun.fa_region.name) if kommun and kommun.fa_region else None,
        courses=len(courses), courses_with_outcomes=len(with_outcomes),
        learning_outcomes=sum(len(c.ilos or []) or (1 if c.learning_outcomes else 0) for c in with_outcomes),
        admitted_year=latest_admitted.year if latest_admitted else None,
        admitted=latest_admitted.admitted if latest_admitted else None,
        graduates_year=latest_graduates.year if latest_graduates else None,
        graduates=latest_graduates.graduates if latest_graduates else None,
        is_demo=p.is_demo,
    )  # fmt: skip


def _file_date(path: Path) -> str | None:
    try:
        return dt.date.fromtimestamp(path.stat().st_mtime).isoformat()
    except OSError:
        return None


def _sources(p: Programme, demand_prov: list[ProvenanceOut], inputs: list[InputOut]) -> list[SourceOut]:
    from kompetensbron.sources.yrkesbarometer import FILES, yrkesbarometer_path

    out = [
        SourceOut(
            title=f"Utbildningsprogram {p.code} {p.name}", detail="Kompetensbron, utbildningsutbud (kurser, år, yrkeskopplingar)",
            version=f"ändrad {timezone.localtime(p.updated_at).date().isoformat()}",
        )
    ]
    datasets = {"ssyk-4", "ssyk-hierarchy", "ssyk-sun", "skills", "esco-jobtech", "kommuner", "lan", "fa-regions"}
    loads = set(p.programme_courses.exclude(course__load=None).values_list("course__load__dataset", flat=True))
    for d in ref.DataLoad.objects.filter(dataset__in=datasets | loads).order_by("dataset"):
        out.append(
            SourceOut(
                title=d.title, detail=f"{d.publisher}; {d.source_file}".strip("; "), version=d.version,
                period=f"laddad {timezone.localtime(d.loaded_at).date().isoformat()}",
            )  # fmt: skip
        )
    for prov in demand_prov:
        out.append(SourceOut(title=prov.source, detail=f"{prov.table}; {prov.method}", period=prov.period, version=prov.snapshot))
    data_dir = Path(get_settings().data_dir)
    for key in ("1-ar", "5-ar"):
        f = FILES[key]
        out.append(SourceOut(title=f.title, detail=f"af-yrkesbarometer/{f.name}", period=f.period, version=f"fil daterad {_file_date(yrkesbarometer_path(data_dir, key))}"))
    if inputs:
        out.append(
            SourceOut(
                title="Synpunkter från programråd och arbetsgivare", detail=f"{len(inputs)} registrerade i Kompetensbron",
                period=f"{min(i.date for i in inputs).isoformat()} – {max(i.date for i in inputs).isoformat()}",
            )  # fmt: skip
        )
    return out


# --- the dossier -----------------------------------------------------------------------


def _figures(p: Programme, facts: ProgrammeFacts, targets: list[TargetOccupation]) -> dict:
    """Demand, outlook and skills: the costly part, cached apart from the inputs so that
    recording an input rebuilds only the cheap rest (key: targets, place, courses)."""
    courses = ProgrammeCourse.objects.filter(programme=p).aggregate(n=Count("id"), t=Max("course__updated_at"))
    s = get_settings()
    raw = "|".join(
        [
            *(f"{t.ssyk}:{t.provenance}:{t.status}:{t.score}" for t in targets),
            str(facts.kommun), str(courses["n"]), str(courses["t"]), str(s.data_dir), str(s.var_dir),
        ]
    )  # fmt: skip
    key = "dossier-figures:" + hashlib.sha1(raw.encode()).hexdigest()[:20]
    found = cache.get(key)
    if found is not None:
        return found
    lan = facts.lan.code if facts.lan else None
    fa = facts.fa_region.code if facts.fa_region else None
    figures = {
        "demand": _demand(targets, lan, fa),
        "outlook": _outlook(targets, lan),
        "skills": _skills(p, targets) if targets else (SkillCoverage(outcome_skills=[], demanded=[], covered=[], missing=[]), []),
    }
    cache.set(key, figures, CACHE_SECONDS)
    return figures


def _build(p: Programme, version: str, *, mapped_now: bool) -> Dossier:
    facts = _facts(p)
    basis, targets = _targets(p)
    notes: list[str] = []
    if basis == "suggested":
        notes.append("Inga yrkeskopplingar är bekräftade ännu: målyrkena är mappningens förslag.")
    elif basis == "none":
        notes.append("Programmet saknar yrkeskopplingar och kurser med lärandemål att kartlägga.")
    if mapped_now:
        notes.append("Yrkesförslagen skapades när underlaget byggdes (kompetensöverlapp och SSYK–SUN-nyckel).")
    if facts.kommun is None:
        notes.append("Programmet saknar studieort: regional efterfrågan och prognos kan inte visas.")
    figures = _figures(p, facts, targets)
    demand, demand_prov, demand_notes = figures["demand"]
    outlook, outlook_prov, bt_rate, outlook_notes = figures["outlook"]
    skills, skills_prov = figures["skills"]
    inputs = [_input_out(x) for x in DossierInput.objects.filter(programme=p).select_related("author")]
    dossier = Dossier(
        programme=facts, built_at=timezone.now(), version=version, target_basis=basis, mapping_built=mapped_now,  # type: ignore[arg-type]
        occupations=targets, demand=demand, demand_provenance=demand_prov, outlook=outlook,
        outlook_provenance=outlook_prov, backtest_rate=round(bt_rate, 3) if bt_rate is not None else None,
        skills=skills, skills_provenance=skills_prov, inputs=inputs, summary=[], sources=_sources(p, demand_prov, inputs),
        notes=notes + demand_notes + outlook_notes,
    )  # fmt: skip
    return dossier.model_copy(update={"summary": build_summary(dossier)})

