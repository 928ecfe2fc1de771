"""Graduate supply services: stay rates (Saco), applicants per place (UHR), imported UKÄ/SCB figures.

Snapshot files are read once while they are unchanged (the data-file cache); imports are parsed whole first
and then written in one transaction (a bad file leaves the database as it was).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext as _

from kompetensbron.config import get_settings
from kompetensbron.errors import NotFound, ValidationFailed
from kompetensbron.reference.search_text import search_key
from kompetensbron.sources.catalog import DATASETS, resolve
from kompetensbron.sources.file_cache import cached

from .models import GraduateFigure, GraduateImport
from .retention import LanRetention, admissions_by_programme, lan_retention
from .schemas import (
    AdmissionsResult,
    FiguresResult,
    GraduateFigureOut,
    GraduateImportOut,
    LanRetentionOut,
    ProgrammeAdmissionsOut,
    RetentionOverview,
    SourceOut,
    TermOut,
    UniversityRegionOut,
)

__all__ = [
    "COHORT",
    "imported_figures",
    "import_graduate_file",
    "lan_retention_detail",
    "retention_overview",
    "search_admissions",
]

#: the cohort of the retention figures (a Swedish msgid, translated where shown)
COHORT = gettext_noop("Nybörjare i högskolan HT2000–VT2003, bostadslän tio år senare (Saco 2015, SCB:s register)")
MAX_LIMIT = 200


def source_out(key: str, note: str = "") -> SourceOut:
    from kompetensbron.sources.data_dates import date_of

    ds = DATASETS[key]
    dated = date_of([key])
    return SourceOut(
        key=key,
        title=f"{gettext(ds.title)} ({ds.publisher}, {gettext(ds.version)})",
        file=ds.path,
        note=note,
        data_date=dated.date if dated else None,
        data_old=bool(dated and dated.old),
    )


def retention_of(data_dir: str) -> tuple[dict[str, LanRetention], dict[str, str]]:
    """Saco's stay rates per län and the län codes by name, read once while the files are unchanged
    (the one data-file cache, keyed by the files' fingerprints)."""
    from kompetensbron.sources.graduate_files import read_saco_flows
    from kompetensbron.sources.region_records import read_lan

    base = Path(data_dir)
    paths = [resolve(base, "saco-from-county"), resolve(base, "saco-in-county"), resolve(base, "lan")]

    def load() -> tuple[dict[str, LanRetention], dict[str, str]]:
        flows = read_saco_flows(paths[0], "from") + read_saco_flows(paths[1], "in")
        codes = {r.name: r.code for r in read_lan(paths[2])}
        return lan_retention(flows), codes

    return cached("graduates.retention", paths, load)


def admissions_of(data_dir: str) -> list:
    """UHR's admissions per programme, read once while the file is unchanged (the data-file cache)."""
    from kompetensbron.sources.graduate_files import read_uhr_admissions

    path = resolve(Path(data_dir), "uhr-admissions")
    return cached("graduates.admissions", [path], lambda: admissions_by_programme(read_uhr_admissions(path)))


def graduates_data_dir() -> str:
    return str(get_settings().data_dir.resolve())


def _lan_out(r: LanRetention, code: str | None) -> LanRetentionOut:
    return LanRetentionOut(
        lanskod=code,
        lan=r.lan_name,
        from_total=r.from_total,
        studied_home=r.studied_home,
        stayed=r.stayed,
        returned=r.returned,
        share_living_home=r.share_living_home,
        share_stayed=r.share_stayed,
        share_returned=r.share_returned,
        in_total=r.in_total,
        in_from_away=r.in_from_away,
        in_living_here=r.in_living_here,
        share_living_in_study_lan=r.share_living_in_study_lan,
        share_incomers_stayed=r.share_incomers_stayed,
    )


def retention_sources() -> list[SourceOut]:
    return [source_out("saco-from-county"), source_out("saco-in-county"), source_out("lan")]


def retention_overview() -> RetentionOverview:
    """Stay rates of every län (both views) and of every UHR institution's seat län."""
    from .retention import UNIVERSITY_SEAT_LAN

    rows, codes = retention_of(graduates_data_dir())
    lan = [_lan_out(r, codes.get(name)) for name, r in sorted(rows.items(), key=lambda kv: codes.get(kv[0], "99"))]
    by_code = {x.lanskod: x for x in lan if x.lanskod}
    programmes = admissions_of(graduates_data_dir())
    counts: dict[str, int] = {}
    for p in programmes:
        counts[p.university] = counts.get(p.university, 0) + 1
    universities = [
        UniversityRegionOut(
            university=u,
            lanskod=code,
            lan=by_code[code].lan if code in by_code else code,
            share_living_in_study_lan=by_code[code].share_living_in_study_lan if code in by_code else None,
            programmes=counts.get(u, 0),
        )
        for u, code in sorted(UNIVERSITY_SEAT_LAN.items(), key=lambda kv: kv[0].casefold())
    ]
    return RetentionOverview(
        cohort=COHORT, lan=lan, universities=universities, sources=retention_sources() + [source_out("uhr-admissions")]
    )


def lan_retention_detail(lan: str) -> LanRetentionOut:
    """One län by länskod ("22") or name ("Västernorrlands län"); :class:`NotFound` otherwise."""
    rows, codes = retention_of(graduates_data_dir())
    key = lan.strip()[:100]
    for name, r in rows.items():
        if key in (codes.get(name), name) or key.casefold() == name.casefold():
            return _lan_out(r, codes.get(name))
    raise NotFound(_("Inga uppgifter om kvarstannande för länet %(key)r.") % {"key": key})


def _term_out(t) -> TermOut:
    return TermOut(
        year=t.year,
        term=t.term,
        applicants=t.applicants,
        first_hand_applicants=t.first_hand_applicants,
        admitted=t.admitted,
        first_hand_per_place=t.first_hand_per_place,
        applicants_per_place=t.applicants_per_place,
    )


def search_admissions(q: str = "", *, university: str = "", limit: int = 50) -> AdmissionsResult:
    """Programmes whose name or code contains ``q`` (both folded by the one folding: case and
    diacritics), optionally at one institution."""
    if not 1 <= limit <= MAX_LIMIT:
        raise ValidationFailed(_("limit ska vara 1–%(most)s.") % {"most": MAX_LIMIT}, {"limit": f"1–{MAX_LIMIT}"})
    q, university = q.strip()[:200], university.strip()[:200]
    programmes = admissions_of(graduates_data_dir())
    needle = search_key(q)
    hits = [
        p
        for p in programmes
        if (not needle or any(needle in search_key(text) for text in (p.name, p.code, p.key)))
        and (not university or p.university == university)
    ]
    return AdmissionsResult(
        query=q,
        university=university,
        total=len(hits),
        programmes=[
            ProgrammeAdmissionsOut(
                key=p.key,
                code=p.code,
                name=p.name,
                university=p.university,
                lanskod=p.lanskod,
                latest=_term_out(p.latest),
                terms=[_term_out(t) for t in p.terms],
            )
            for p in hits[:limit]
        ],
        universities=sorted({p.university for p in programmes}, key=str.casefold),
        sources=[
            source_out(
                "uhr-admissions", "Programmes with the same name at several institutions share one key in the scrape."
            )
        ],
    )


# ------------------------------------------------------------------------------ imports
def _import_out(i: GraduateImport, replaced: bool = False) -> GraduateImportOut:
    return GraduateImportOut(
        id=i.pk,
        kind=i.kind,
        file_name=i.file_name,
        sha256=i.sha256,
        title=i.title,
        rows=i.rows,
        first_year=i.first_year,
        last_year=i.last_year,
        imported_at=i.imported_at,
        replaced=replaced,
    )


def import_graduate_file(*, path: Path, kind: str, title: str = "") -> GraduateImportOut:
    """Parse a UKÄ CSV (``kind="uka"``) or SCB PxWeb file (``"scb"``) whole, then store it in
    one transaction; the same file imported again replaces its earlier import."""
    from kompetensbron.sources.graduate_imports import read_scb_pxweb, read_uka_graduates_csv

    readers = {"uka": read_uka_graduates_csv, "scb": read_scb_pxweb}
    if kind not in readers:
        raise ValidationFailed("kind must be 'uka' or 'scb'", {"kind": "uka | scb"})
    path = Path(path)
    figures = readers[kind](path)  # raises DataFileMalformed naming file, line and column
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    years = [f.year for f in figures]
    with transaction.atomic():
        replaced, _ = GraduateImport.objects.filter(kind=kind, sha256=digest).delete()
        record = GraduateImport.objects.create(
            kind=kind,
            file_name=path.name[:255],
            sha256=digest,
            title=title.strip()[:255],
            rows=len(figures),
            first_year=min(years),
            last_year=max(years),
        )
        GraduateFigure.objects.bulk_create(
            [
                GraduateFigure(
                    data_import=record,
                    year=f.year,
                    value=f.value,
                    region_code=f.region_code[:4],
                    region_name=f.region_name[:120],
                    institution=f.institution[:200],
                    programme=f.programme[:400],
                    measure=f.measure[:400],
                    line=f.line,
                )
                for f in figures
            ],
            batch_size=1000,
        )
    return _import_out(record, replaced=bool(replaced))


def imported_figures(*, source: str = "", region: str = "", year: int | None = None, limit: int = 100) -> FiguresResult:
    if not 1 <= limit <= MAX_LIMIT * 5:
        raise ValidationFailed(
            _("limit ska vara 1–%(most)s.") % {"most": MAX_LIMIT * 5}, {"limit": f"1–{MAX_LIMIT * 5}"}
        )
    rows = GraduateFigure.objects.select_related("data_import").order_by("data_import_id", "line", "year")
    if source:
        rows = rows.filter(data_import__kind=source[:8])
    if region:
        rows = rows.filter(region_code=region.strip()[:4])
    if year is not None:
        rows = rows.filter(year=year)
    total = rows.count()
    return FiguresResult(
        total=total,
        figures=[
            GraduateFigureOut(
                source=f.data_import.kind,
                year=f.year,
                value=f.value,
                region_code=f.region_code,
                region_name=f.region_name,
                institution=f.institution,
                programme=f.programme,
                measure=f.measure,
                file_name=f.data_import.file_name,
            )
            for f in rows[:limit]
        ],
        imports=[_import_out(i) for i in GraduateImport.objects.all()],
    )
