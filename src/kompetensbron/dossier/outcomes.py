"""The outcome block of the dossier: what became of the graduates, where data exists.

* **staying in the region** — the Saco study's share of the students of the programme's län
  living there ten years later (a län figure, not the programme's own);
* **applicants per place** — UHR's first-hand applicants per admitted student of the programme
  (matched by admission code, else by name at the same institution), latest term;
* **establishment on the labour market** and a kommun's **graduates still living there** —
  imported SCB figures (``kompetensbron import-graduates``) whose measure names them.

Every missing figure is a row that says so (``missing``), never a guess. The fixed titles and
reasons are stored in Swedish (the cached dossier is shared by every language) and translated
where they are shown (:mod:`.tables`).
"""

from __future__ import annotations

from django.utils.translation import gettext_noop as N_

from kompetensbron.errors import KompetensbronError

from .schemas import OutcomeRow, ProgrammeFacts

__all__ = ["dossier_outcomes"]

_SACO = "Saco (2015), Följ studenterna – SCB:s registerdata"
_UHR = "UHR antagningsstatistik 2010–2022"


def _stay(facts: ProgrammeFacts) -> OutcomeRow:
    from kompetensbron.graduates.regional import graduate_context

    title = N_("Studenter i länet som bor kvar där tio år senare")
    if facts.lan is None:
        return OutcomeRow(key="stay_in_lan", title=title, missing=N_("Programmet saknar studieort."))
    ctx = graduate_context([facts.lan.code])
    row = ctx.rows[0]
    if row.stay_share is None:
        return OutcomeRow(
            key="stay_in_lan", title=title, region=facts.lan.label, missing=ctx.note or N_("Data saknas.")
        )
    return OutcomeRow(
        key="stay_in_lan",
        title=title,
        value=row.stay_share,
        numerator=row.stayed,
        denominator=row.students,
        unit="andel",
        region=facts.lan.label,
        period=ctx.cohort,
        source=_SACO,
    )


def _applicants(facts: ProgrammeFacts) -> OutcomeRow:
    from kompetensbron.graduates.regional import programme_admissions

    title = N_("Förstahandssökande per antagen")
    p = programme_admissions(code=facts.code, name=facts.name, institution=facts.institution)
    if p is None:
        return OutcomeRow(
            key="applicants_per_place", title=title, missing=N_("Programmet finns inte i UHR:s antagningsstatistik.")
        )
    t = p.latest
    return OutcomeRow(
        key="applicants_per_place",
        title=title,
        value=t.first_hand_per_place,
        numerator=t.first_hand_applicants,
        denominator=t.admitted,
        unit="kvot",
        region=p.university,
        period=f"{t.term} {t.year}",
        source=f"{_UHR} ({p.code})",
    )


def _imported(facts: ProgrammeFacts, key: str, title: str, words: tuple[str, ...]) -> OutcomeRow:
    from kompetensbron.graduates.indicators import latest_imported_figure

    for code in [c.code for c in (facts.kommun, facts.lan) if c is not None]:
        for word in words:
            row = latest_imported_figure(code, word)
            if row is not None:
                return OutcomeRow(
                    key=key,
                    title=row.measure[:200] or title,
                    value=row.value,
                    region=row.region_name or code,
                    period=str(row.year),
                    source=f"SCB, importerad fil {row.data_import.file_name}",
                )
    return OutcomeRow(
        key=key,
        title=title,
        missing=N_("Ingen sådan uppgift är importerad (SCB:s regionala statistik)."),
    )


def dossier_outcomes(facts: ProgrammeFacts) -> list[OutcomeRow]:
    """The outcome rows of a programme's dossier (see the module docstring)."""
    rows = []
    for build in (_stay, _applicants):
        try:
            rows.append(build(facts))
        except KompetensbronError as exc:  # a snapshot without the graduate files
            rows.append(OutcomeRow(key=build.__name__.strip("_"), title=build.__name__, missing=str(exc)))
    rows.append(_imported(facts, "establishment", N_("Etablering på arbetsmarknaden"), ("etabler",)))
    rows.append(_imported(facts, "stay_in_kommun", N_("Examinerade som bor kvar i kommunen"), ("kvar",)))
    return rows
