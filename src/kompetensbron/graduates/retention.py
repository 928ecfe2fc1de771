"""Stay rates from the Saco study and applicants per place from UHR (plain Python, no Django).

Stay rates per län (Saco 2015: students who began higher education HT2000–VT2003, where they
lived ten years later):

* *from the län* (students who went to gymnasium there, ``view="from"``): ``share_living_home``
  = (studied at home and live at home + studied away and live at home) / all;
  ``share_stayed`` = of those who studied in the home län, the share living there;
  ``share_returned`` = of those who studied elsewhere, the share living in the home län;
* *in the län* (students who studied there, ``view="in"``): ``share_living_in_study_lan`` =
  students of the län (from home or elsewhere) living there ten years later / all;
  ``share_incomers_stayed`` = of those who came from another län, the share living there.

University region: the län of each institution's seat (:data:`UNIVERSITY_SEAT_LAN`), whose
"in the län" rate is the institution's regional stay rate — a simplification for institutions
with campuses in several län (Mittuniversitetet: Sundsvall and Östersund; Linnéuniversitetet:
Växjö and Kalmar), which the page says.

Applicants per place (UHR): first-hand applicants per admitted student (UHR's own pressure
measure), and all applicants per admitted; ``None`` where nobody was admitted.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from kompetensbron.sources.graduate_files import SacoFlow, UhrTerm

__all__ = [
    "UNIVERSITY_SEAT_LAN",
    "LanRetention",
    "ProgrammeAdmissions",
    "TermFigures",
    "admissions_by_programme",
    "lan_retention",
]

#: Institution (as the UHR statistics name it) → länskod of its seat (UKÄ's list of higher
#: education institutions; one seat each).
UNIVERSITY_SEAT_LAN: dict[str, str] = {
    "Blekinge tekniska högskola": "10",
    "Chalmers tekniska högskola": "14",
    "Enskilda högskolan stockholm": "01",
    "Försvarshögskolan stockholm": "01",
    "Gymnastik- och idrottshögskolan": "01",
    "Göteborgs universitet": "14",
    "Högskolan dalarna": "20",
    "Högskolan i borås": "14",
    "Högskolan i gävle": "21",
    "Högskolan i halmstad": "13",
    "Högskolan i skövde": "14",
    "Högskolan kristianstad": "12",
    "Högskolan väst": "14",
    "Jönköping university": "06",
    "Karlstads universitet": "17",
    "Karolinska institutet": "01",
    "Kungliga tekniska högskolan": "01",
    "Linköpings universitet": "05",
    "Linnéuniversitetet": "07",
    "Luleå tekniska universitet": "25",
    "Lunds universitet": "12",
    "Malmö universitet": "12",
    "Marie cederschiöld högskola": "01",
    "Mittuniversitetet": "22",
    "Mälardalens universitet": "19",
    "Sophiahemmet högskola": "01",
    "Stockholms universitet": "01",
    "Sveriges lantbruksuniversitet": "03",
    "Södertörns högskola": "01",
    "Umeå universitet": "24",
    "Uppsala universitet": "03",
    "Örebro universitet": "18",
}


@dataclass(frozen=True, slots=True)
class LanRetention:
    lan_name: str
    # students from the län (gymnasium there)
    from_total: int
    studied_home: int
    stayed: int  # studied at home, live at home
    returned: int  # studied away, live at home
    # students in the län (studied there)
    in_total: int
    in_from_home: int
    in_from_away: int
    in_living_here: int
    incomers_stayed: int

    @property
    def share_living_home(self) -> float | None:
        return _share(self.stayed + self.returned, self.from_total)

    @property
    def share_stayed(self) -> float | None:
        return _share(self.stayed, self.studied_home)

    @property
    def share_returned(self) -> float | None:
        return _share(self.returned, self.from_total - self.studied_home)

    @property
    def share_living_in_study_lan(self) -> float | None:
        return _share(self.in_living_here, self.in_total)

    @property
    def share_incomers_stayed(self) -> float | None:
        return _share(self.incomers_stayed, self.in_from_away)


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def lan_retention(flows: Iterable[SacoFlow]) -> dict[str, LanRetention]:
    """``{län name: LanRetention}`` from the flows of both Saco files."""
    v: dict[str, dict[tuple[str, str, str], int]] = defaultdict(dict)
    totals: dict[tuple[str, str], int] = {}
    for f in flows:
        v[f.home][(f.view, f.source_id, f.target_id)] = f.value
        totals[(f.home, f.view)] = f.total
    out = {}
    for home, x in sorted(v.items()):
        g = lambda *k: x.get(k, 0)  # noqa: B023 - used in this iteration only
        out[home] = LanRetention(
            home,
            totals.get((home, "from"), 0),
            g("from", "home", "study_home"),
            g("from", "study_home", "live_home"),
            g("from", "study_away", "live_home"),
            totals.get((home, "in"), 0),
            g("in", "origin_home", "live_home") + g("in", "origin_home", "live_away"),
            g("in", "origin_away", "live_home") + g("in", "origin_away", "live_away"),
            g("in", "origin_home", "live_home") + g("in", "origin_away", "live_home"),
            g("in", "origin_away", "live_home"),
        )
    return out


@dataclass(frozen=True, slots=True)
class TermFigures:
    year: int
    term: str
    applicants: int
    first_hand_applicants: int
    admitted: int

    @property
    def first_hand_per_place(self) -> float | None:
        return round(self.first_hand_applicants / self.admitted, 2) if self.admitted else None

    @property
    def applicants_per_place(self) -> float | None:
        return round(self.applicants / self.admitted, 2) if self.admitted else None


@dataclass(frozen=True, slots=True)
class ProgrammeAdmissions:
    key: str
    code: str
    name: str
    university: str
    lanskod: str | None
    terms: tuple[TermFigures, ...]  # oldest first

    @property
    def latest(self) -> TermFigures:
        return self.terms[-1]


def admissions_by_programme(terms: Iterable[UhrTerm]) -> list[ProgrammeAdmissions]:
    """UHR rows grouped by programme key, terms in time order (VT before HT in a year)."""
    grouped: dict[str, list[UhrTerm]] = defaultdict(list)
    for t in terms:
        grouped[t.key].append(t)
    out = []
    for key, rows in grouped.items():
        first = rows[0]
        figures = tuple(
            TermFigures(r.year, r.term, r.applicants, r.first_hand_applicants, r.admitted)
            for r in sorted(rows, key=lambda r: (r.year, r.term != "VT"))
        )
        out.append(
            ProgrammeAdmissions(
                key, first.code, first.name, first.university, UNIVERSITY_SEAT_LAN.get(first.university), figures
            )
        )
    out.sort(key=lambda p: (p.name.casefold(), p.university))
    return out
