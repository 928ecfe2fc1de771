"""The costly figures of a relevance dossier: demand, outlook and skill coverage of its target
occupations (see :mod:`.services` for what each block holds and where it comes from).

Demand is :func:`kompetensbron.labour_market.services.demand_map`; the outlook is the one
Yrkesbarometer cache (:func:`kompetensbron.analysis.barometer_data.barometer_data`) with the one
rated-code rule (``BalanceData.rated``); skills compare the courses' learning outcomes with the
occupations' profiles. :func:`figures` caches the three blocks apart from the inputs, keyed by the
targets, the place, the courses and the Yrkesbarometer files' fingerprint.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from types import SimpleNamespace

from django.core.cache import cache
from django.db.models import Count, Max
from django.utils.translation import gettext_noop

from kompetensbron.analysis.barometer_data import barometer_fingerprint
from kompetensbron.config import get_settings
from kompetensbron.education.models import Programme, ProgrammeCourse
from kompetensbron.errors import KompetensbronError, WarehouseUnavailable
from kompetensbron.labour_market.schemas import ProvenanceOut
from kompetensbron.reference import models as ref
from kompetensbron.region_levels import RegionLevel
from kompetensbron.sources.catalog import live
from kompetensbron.sources.file_cache import fingerprint

from .schemas import DemandRow, OutlookRow, ProgrammeFacts, SkillCoverage, SkillRef, TargetOccupation

__all__ = [
    "CACHE_SECONDS",
    "TOP_AD_SKILLS",
    "skill_extractor",
    "ad_skill_counts",
    "demand_rows",
    "outlook_rows",
    "figures",
]

log = logging.getLogger(__name__)

# The dossier's notes are Swedish msgids, stored so in the cached copy (shared by every language)
# and translated on every read (services.localised); no operator detail reaches the page.
NOTE_NO_DEMAND = gettext_noop("Efterfrågan saknas för ett eller flera målyrken.")
NOTE_NO_AD_STATISTICS = gettext_noop("Annonsstatistiken 2024 saknas i kunskapsbasen.")
NOTE_NO_BAROMETER = gettext_noop("Yrkesbarometern kunde inte läsas.")
NOTE_WIDER_GROUP = gettext_noop(
    "Där Arbetsförmedlingen bedömer yrket i en större grupp (en sammanslagen grupp eller SSYK-3-gruppen) "
    "visas den gruppens index."
)

CACHE_SECONDS = 15 * 60
TOP_AD_SKILLS = 10
PROFILE_SOURCE_SV = {
    "definition": "SSYK-definition",
    "occupation_name": "yrkesbenämningar",
    "job_ads": "jobbannonser",
    "esco_essential": "ESCO, väsentlig",
    "esco_optional": "ESCO, valfri",
}
#: The heaviest ESCO skills of each target occupation's profile that the dossier demands.
ESCO_SKILLS_PER_OCCUPATION = 15


# --- heavy artefacts, loaded once per process ------------------------------------------


@lru_cache(maxsize=2)
def _extractor(data_dir: Path, models_dir: Path):
    from kompetensbron.enrich import load_skill_extractor

    return load_skill_extractor(get_settings())


def skill_extractor():
    """The skill extractor for the current settings (no occupation classifier is built), loaded
    once per process."""
    s = get_settings()
    return _extractor(Path(s.data_dir), Path(s.model_cache_dir))


def _balance_data(data_dir: Path):
    """The parsed Yrkesbarometer files (the one data-file cache, keyed by the files' fingerprints)."""
    from kompetensbron.analysis.barometer_data import barometer_data

    return barometer_data(data_dir)


def ad_skill_counts() -> dict:
    from kompetensbron.analysis.occupation_profiles import load_ad_skill_counts

    warehouse = get_settings().warehouse_dir
    if not Path(warehouse).is_dir():
        return {}
    try:
        return load_ad_skill_counts(warehouse)
    except WarehouseUnavailable as exc:  # profiles from the taxonomy alone; the skills block says so
        log.warning("no job-ad skills for the dossier: %s", exc)
        return {}


# --- demand ----------------------------------------------------------------------------


def demand_rows(
    targets: Sequence[TargetOccupation], lan: str | None, fa: str | None
) -> tuple[list[DemandRow], list[ProvenanceOut], list[str]]:
    from kompetensbron.labour_market.services import demand_map

    rows: list[DemandRow] = []
    provenance: dict[str, ProvenanceOut] = {}
    notes: list[str] = []
    for t in targets:
        national = lan_n = fa_n = None
        try:
            by_lan = demand_map(ssyk=t.ssyk, region_level=RegionLevel.LAN)
        except KompetensbronError as exc:
            log.warning("dossier: no demand for %s: %s", t.ssyk, exc)
            if NOTE_NO_DEMAND not in notes:
                notes.append(NOTE_NO_DEMAND)
            by_lan = None
        if by_lan is None or by_lan.statistics is None:
            if by_lan is not None and by_lan.status.message and NOTE_NO_AD_STATISTICS not in notes:
                notes.append(NOTE_NO_AD_STATISTICS)
            rows.append(DemandRow(ssyk=t.ssyk, label=t.label, national=None, lan=None, fa=None))
            continue
        stats = by_lan.statistics
        national = stats.country_total
        provenance.setdefault("lan", stats.provenance)
        if lan:
            lan_n = next((r.ads for r in stats.rows if r.code == lan), 0)
        if fa:
            by_fa = demand_map(ssyk=t.ssyk, region_level=RegionLevel.FA)
            if by_fa.statistics is not None:
                provenance.setdefault("fa", by_fa.statistics.provenance)
                fa_n = next((r.ads for r in by_fa.statistics.rows if r.code == fa), 0)
        rows.append(
            DemandRow(
                ssyk=t.ssyk,
                label=t.label,
                national=national,
                lan=lan_n,
                lan_share=round(lan_n / national, 4) if national and lan_n is not None else None,
                fa=fa_n,
                fa_share=round(fa_n / national, 4) if national and fa_n is not None else None,
            )
        )
    return rows, list(provenance.values()), notes


# --- outlook ---------------------------------------------------------------------------


def _workbook_rows(data, targets: Sequence[TargetOccupation], lan: str | None, texts: dict) -> list[OutlookRow]:  # type: ignore[no-untyped-def]
    """The 1-year workbook's index and label of each target in ``lan`` (with the back-test)."""
    rows: list[OutlookRow] = []
    for t in targets:
        code = data.rated(t.ssyk).code
        if code is None or not lan:
            rows.append(OutlookRow(ssyk=t.ssyk, label=t.label))
            continue
        result = data.balance(region_level=RegionLevel.LAN, ssyk=code)
        row = next((r for r in result.rows if r.region_code == lan), None)
        if row is None:
            rows.append(OutlookRow(ssyk=t.ssyk, label=t.label, barometer_code=code))
            continue
        ci = row.interval
        rows.append(
            OutlookRow(
                ssyk=t.ssyk,
                label=t.label,
                barometer_code=code,
                lan_index=round(row.index, 2) if row.index is not None else None,
                lan_text=texts.get((lan, code)),
                balance=row.label,
                borderline=row.borderline,
                leaning=row.leaning,
                probability=round(row.probability, 3) if row.probability is not None else None,
                low=round(ci[0], 3) if ci else None,
                high=round(ci[1], 3) if ci else None,
                cases=row.cases,
                uncertainty=row.uncertainty,
                five_year_index=row.five_year_index,
                five_year_label=row.five_year_label,
            )
        )
    return rows


def _with_current(row: OutlookRow, lan: str | None) -> OutlookRow:
    """``row`` with the open-data Yrkesbarometer round's assessment (in ``lan``, else Sweden), if fetched."""
    from kompetensbron.analysis.current_barometer import BALANCE_OF, newest_barometer

    current = newest_barometer(Path(get_settings().data_dir))
    found = current.row(row.ssyk, lan) if current else None
    if current is None or found is None:
        return row
    return row.model_copy(
        update={
            "current_round": current.round.round,
            "current_area": found.lan,
            "current_occupation": found.occupation,
            "current_opportunities": found.opportunities,
            "current_recruitment": found.recruitment,
            "current_balance": BALANCE_OF.get(found.recruitment or ""),
            "current_outlook": found.outlook,
            "current_text": found.recruitment_text or found.opportunities_text or None,
        }
    )


def outlook_rows(
    targets: Sequence[TargetOccupation], lan: str | None
) -> tuple[list[OutlookRow], list[ProvenanceOut], float | None, list[str]]:
    from kompetensbron.sources.yrkesbarometer import FILES

    notes: list[str] = []
    try:
        data = _balance_data(Path(get_settings().data_dir))
    except KompetensbronError as exc:
        log.warning("dossier: the Yrkesbarometer could not be read: %s", exc)
        return (
            [OutlookRow(ssyk=t.ssyk, label=t.label) for t in targets],
            [],
            None,
            [NOTE_NO_BAROMETER],
        )
    texts = {(r.lan_code, r.ssyk): r.text for r in data.one_year}
    rows = [_with_current(r, lan) for r in _workbook_rows(data, targets, lan, texts)]
    if any(r.barometer_code and r.barometer_code != r.ssyk for r in rows):
        notes.append(NOTE_WIDER_GROUP)
    provenance = [
        ProvenanceOut(
            source=FILES[k].title,
            table=f"af-yrkesbarometer/{FILES[k].name}",
            snapshot=None,
            period=FILES[k].period,
            method=m,
        )
        for k, m in (
            (
                "1-ar",
                "label: AF class limits (<2.9 surplus, 2.9–3.29 balance, ≥3.3 shortage); within 0.1 of a limit → balance, high uncertainty; probability = back-test hit rate of such labels",
            ),
            ("5-ar", "national 5-year index of the same SSYK"),
        )
    ]
    from kompetensbron.analysis.current_barometer import newest_barometer

    current = newest_barometer(Path(get_settings().data_dir))
    if current is not None:
        provenance.insert(
            0,
            ProvenanceOut(
                source=f"Arbetsförmedlingen, Yrkesbarometer (öppna data), omgång {current.round.round}",
                table=live("yrkesbarometer-json").path,
                snapshot=None,
                period=f"omgång {current.round.round}",
                method="AF's assessment per barometer occupation in the län (else Sweden), as published: "
                "job opportunities, recruitment situation, 5-year direction",
                datasets=["yrkesbarometer-json"],
                data_date=current.round.round,
                data_old=current.old,
            ),
        )
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
    return build_occupation_profiles(
        snapshot, extractor, ad_skills=wanted or None, skill_labels=labels, esco=_esco(codes)
    )


def _esco(codes: Sequence[str]) -> dict | None:
    """The ESCO skill profiles of the target occupations (built once per process by
    :mod:`kompetensbron.analysis.occupation_profiles`), or ``None`` without the ESCO files."""
    from kompetensbron.analysis.occupation_profiles import esco_group_profiles
    from kompetensbron.errors import KompetensbronError

    try:
        return esco_group_profiles(codes, limit=ESCO_SKILLS_PER_OCCUPATION) or None
    except (KompetensbronError, OSError):
        return None


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
    ad_skills = ad_skill_counts()
    profiles = _profiles(codes, extractor, ad_skills)
    demanded: dict[str, SkillRef] = {}
    for p in sorted(profiles.profiles, key=lambda p: codes.index(p.ssyk)):
        for s in p.skills:
            ref_ = demanded.setdefault(s.skill_id, SkillRef(skill_id=s.skill_id, label=s.label))
            ref_.origins.append(f"{p.ssyk} ({', '.join(PROFILE_SOURCE_SV.get(x, x) for x in s.sources)})")
    provenance = [
        "Lärandemål: kursplanernas lärandemål (education/kursplaner_miun.jsonl), kompetenser enligt Kompetensbrons kompetensextraktor (JobTech + ESCO).",
        "Efterfrågade kompetenser: yrkesprofiler per SSYK-4 (SSYK-definition, yrkesbenämningar"
        + (", berikade jobbannonser" if ad_skills else "")
        + (
            f", ESCO v1.1.1: de {ESCO_SKILLS_PER_OCCUPATION} tyngsta kompetenserna per yrke, väsentliga före valfria"
            if any(
                "esco_essential" in s.sources or "esco_optional" in s.sources
                for p in profiles.profiles
                for s in p.skills
            )
            else ""
        )
        + ").",
    ]
    ads_used = bool(ad_skills)
    from kompetensbron.labour_market.services import occupation_skills, warehouse_status

    try:
        has_enriched = warehouse_status().has_enriched_ads
    except WarehouseUnavailable as exc:
        log.warning("the dossier's skills leave out the job ads: %s", exc)
        has_enriched = False
        provenance.append(
            "Jobbannonslagret kunde inte läsas just nu: kompetenser ur jobbannonser ingår inte i jämförelsen."
        )
    if has_enriched:
        for code in codes:
            top = occupation_skills(code, limit=TOP_AD_SKILLS)
            for r in top.rows:
                ref_ = demanded.setdefault(r.skill_id, SkillRef(skill_id=r.skill_id, label=r.label))
                ref_.origins.append(f"{code} (jobbannonser: {r.ads} annonser)")
        ads_used = True
        provenance.append(
            f"Plus de {TOP_AD_SKILLS} vanligaste kompetenserna i berikade jobbannonser per yrke (lagret)."
        )
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


# --- the cached block -------------------------------------------------------------------


def figures(
    p: Programme, facts: ProgrammeFacts, targets: list[TargetOccupation], *, compute: bool = True
) -> dict | None:
    """Demand, outlook and skills: the costly part, cached apart from the inputs so that
    recording an input rebuilds only the cheap rest (key: targets, place, courses).

    ``compute=False``: only the cached block, or ``None`` when it is not built yet (the page's
    first view answers at once and fetches the figures apart)."""
    courses = ProgrammeCourse.objects.filter(programme=p).aggregate(n=Count("id"), t=Max("course__updated_at"))
    s = get_settings()
    raw = "|".join(
        [
            *(f"{t.ssyk}:{t.provenance}:{t.status}:{t.score}" for t in targets),
            str(facts.kommun),
            str(courses["n"]),
            str(courses["t"]),
            str(s.data_dir),
            str(s.var_dir),
            str(barometer_fingerprint(Path(s.data_dir))),
            str(fingerprint([Path(s.data_dir) / live("yrkesbarometer-json").path])),
        ]
    )
    key = "dossier-figures:" + hashlib.sha1(raw.encode()).hexdigest()[:20]
    found = cache.get(key)
    if found is not None or not compute:
        return found
    lan = facts.lan.code if facts.lan else None
    fa = facts.fa_region.code if facts.fa_region else None
    figures = {
        "demand": demand_rows(targets, lan, fa),
        "outlook": outlook_rows(targets, lan),
        "skills": _skills(p, targets)
        if targets
        else (SkillCoverage(outcome_skills=[], demanded=[], covered=[], missing=[]), []),
    }
    cache.set(key, figures, CACHE_SECONDS)
    return figures
