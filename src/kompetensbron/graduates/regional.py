"""Graduate context of a set of län, shown beside demand (region groups, balance, dossier).

Per län: the Saco stay rate (students of the län living there ten years later) and UHR's
first-hand applicants per admitted student over the programmes of the institutions seated in
the län, in the latest year of the UHR file. Each figure names its data period and source;
a län the files do not cover has ``None`` figures (never a guess).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from pydantic import BaseModel, Field

from kompetensbron.errors import KompetensbronError
from kompetensbron.sources.catalog import resolve
from kompetensbron.sources.file_cache import cached

from .schemas import SourceOut
from .services import COHORT, admissions_of, graduates_data_dir, retention_of, retention_sources, source_out

__all__ = ["LanGraduateContext", "GraduateContext", "applicants_by_lan", "graduate_context", "programme_admissions"]


class LanGraduateContext(BaseModel):
    lanskod: str
    lan: str
    stay_share: float | None = Field(None, description="students of the län living there ten years later (Saco)")
    stayed: int | None = None
    students: int | None = None
    uhr_year: int | None = Field(None, description="latest year of the UHR file")
    first_hand_applicants: int | None = None
    admitted: int | None = None
    first_hand_per_place: float | None = None


class GraduateContext(BaseModel):
    rows: list[LanGraduateContext]
    cohort: str = COHORT
    uhr_period: str | None = None
    sources: list[SourceOut]
    note: str | None = Field(None, description="why figures are missing, when they are")


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def applicants_by_lan(data_dir: str) -> tuple[int | None, dict[str, tuple[int, int]]]:
    """UHR's newest year and, per län of the programmes' institutions, (first-hand applicants,
    admitted) that year; summed once while the file is unchanged (the data-file cache), not per
    request of the balance page."""
    path = resolve(Path(data_dir), "uhr-admissions")

    def load() -> tuple[int | None, dict[str, tuple[int, int]]]:
        programmes = admissions_of(data_dir)
        year = max((t.year for p in programmes for t in p.terms), default=None)
        sums: dict[str, tuple[int, int]] = {}
        for p in programmes:
            first, admitted = sums.get(p.lanskod, (0, 0))
            for t in p.terms:
                if t.year == year:
                    first, admitted = first + t.first_hand_applicants, admitted + t.admitted
            sums[p.lanskod] = (first, admitted)
        return year, sums

    return cached("graduates.applicants_by_lan", [path], load)


def graduate_context(lan_codes: Iterable[str]) -> GraduateContext:
    """Stay rates and applicants per place of the given län (länskod), in the given order."""
    codes = list(dict.fromkeys(lan_codes))
    try:
        retention, names = retention_of(graduates_data_dir())
        year, applicants = applicants_by_lan(graduates_data_dir())
    except KompetensbronError as exc:  # the snapshot lacks the graduate files
        return GraduateContext(
            rows=[LanGraduateContext(lanskod=c, lan=c) for c in codes], sources=[], note=f"Data saknas: {exc}"
        )
    by_code = {names[name]: r for name, r in retention.items() if name in names}
    rows = []
    for code in codes:
        r = by_code.get(code)
        a = applicants.get(code)
        rows.append(
            LanGraduateContext(
                lanskod=code,
                lan=r.lan_name if r else code,
                stay_share=r.share_living_in_study_lan if r else None,
                stayed=r.in_living_here if r else None,
                students=r.in_total if r else None,
                uhr_year=year if a else None,
                first_hand_applicants=a[0] if a else None,
                admitted=a[1] if a else None,
                first_hand_per_place=_share(a[0], a[1]) if a and a[1] else None,
            )
        )
    missing = [r.lanskod for r in rows if r.stay_share is None]
    return GraduateContext(
        rows=rows,
        uhr_period=str(year) if year else None,
        sources=retention_sources()
        + [source_out("uhr-admissions", "programmes of the institutions seated in the län")],
        note=f"Inga kvarboendetal för län {', '.join(missing)}." if missing else None,
    )


def programme_admissions(*, code: str, name: str, institution: str):
    """The UHR admissions of a programme: by admission code (``HV-91110``), else by name at the
    same institution (both case-folded); ``None`` when the file has no such programme."""
    try:
        programmes = admissions_of(graduates_data_dir())
    except KompetensbronError:
        return None
    code_k, name_k, inst_k = code.strip().casefold(), name.strip().casefold(), institution.strip().casefold()
    by_code = [p for p in programmes if code_k and p.code.casefold() == code_k]
    if by_code:
        return by_code[0]
    return next(
        (p for p in programmes if p.name.casefold() == name_k and p.university.casefold() == inst_k and name_k), None
    )
