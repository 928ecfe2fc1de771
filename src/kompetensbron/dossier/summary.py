"""The dossier's written summary: templated Swedish sentences built only from its figures.

Every number in a sentence is a field of the :class:`~.schemas.Dossier` (formatted the
Swedish way: ``12 345``, ``4,2 %``); nothing is estimated or invented here. A sentence
whose figures are missing is left out, and a missing block is said to be missing.

>>> number(12345), percent(0.04213)
('12\\xa0345', '4,2\\xa0%')
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from django.utils import translation

from kompetensbron.labour_market.label_texts import BALANCE_TEXT, UNCERTAINTY_TEXT

if TYPE_CHECKING:
    from .schemas import Dossier

__all__ = ["build_summary", "number", "percent", "decimal"]


def _sv(words: Mapping[str, object], key: str | None, default: str = "–") -> str:
    """A label's word in Swedish, from the one table (:mod:`kompetensbron.labour_market.label_texts`)."""
    with translation.override("sv"):
        return str(words.get(key or "", default))


KIND_SV = {"programme_council": "programrådet", "employer": "en arbetsgivare", "other": "annan"}
NBSP = "\u00a0"


def number(n: int | float | None) -> str:
    if n is None:
        return "–"
    return f"{n:,.0f}".replace(",", NBSP)


def percent(share: float | None, digits: int = 1) -> str:
    if share is None:
        return "–"
    return f"{share * 100:.{digits}f}".replace(".", ",") + NBSP + "%"


def decimal(x: float | None, digits: int = 2) -> str:
    if x is None:
        return "–"
    return f"{x:.{digits}f}".replace(".", ",")


def _names(items: list[str], limit: int = 3) -> str:
    shown = items[:limit]
    if len(shown) == 1:
        text = shown[0]
    else:
        text = ", ".join(shown[:-1]) + " och " + shown[-1]
    return text + (f" (och {len(items) - limit} till)" if len(items) > limit else "")


def build_summary(d: Dossier) -> list[str]:
    """The summary paragraph of a dossier, one sentence per string."""
    p = d.programme
    out: list[str] = []
    if not d.occupations:
        out.append(
            f"{p.name} vid {p.institution} har inga målyrken ännu, så arbetsmarknadens efterfrågan kan inte beskrivas."
        )
    else:
        basis = (
            "bekräftade" if d.target_basis == "confirmed" else "föreslagna av kartläggningen men ännu inte bekräftade"
        )
        out.append(
            f"{p.name} vid {p.institution} har {len(d.occupations)} målyrken, {basis}: "
            f"{_names([f'{o.label} ({o.ssyk})' for o in d.occupations])}."
        )
    if p.graduates is not None:
        out.append(
            f"Programmet examinerade {number(p.graduates)} studenter år {p.graduates_year}"
            + (f" och antog {number(p.admitted)} år {p.admitted_year}." if p.admitted is not None else ".")
        )
    elif p.admitted is not None:
        out.append(f"Programmet antog {number(p.admitted)} studenter år {p.admitted_year}.")

    with_demand = [r for r in d.demand if r.national is not None]
    if with_demand:
        top = with_demand[0]
        sentence = f"Under 2024 publicerades {number(top.national)} jobbannonser för {top.label} i hela Sverige"
        if top.lan is not None and p.lan:
            sentence += f", varav {number(top.lan)} ({percent(top.lan_share)}) i {p.lan.label}"
        if top.fa is not None and p.fa_region:
            sentence += f" och {number(top.fa)} ({percent(top.fa_share)}) i FA-regionen {p.fa_region.label}"
        out.append(sentence + ".")
        if len(with_demand) > 1:
            total = sum(r.national or 0 for r in with_demand)
            sentence = f"Alla {len(with_demand)} målyrken tillsammans hade {number(total)} annonser nationellt"
            if p.lan and all(r.lan is not None for r in with_demand):
                sentence += f" och {number(sum(r.lan or 0 for r in with_demand))} i {p.lan.label}"
            out.append(sentence + ".")
    elif d.occupations:
        out.append("Annonsstatistik för målyrkena saknas i kunskapsbasen.")

    current = [r for r in d.outlook if r.current_recruitment]
    if current and d.current_round:
        kinds = ("brist", "paradox", "balans", "överskott")
        counts_now = {k: sum(1 for r in current if r.current_recruitment == k) for k in kinds}
        where = p.lan.label if p.lan else "hela landet"
        out.append(
            f"Arbetsförmedlingens Yrkesbarometer, omgång {d.current_round} (data från {d.current_date}), ger för "
            f"{len(current)} av {len(d.outlook)} målyrken i {where} eller nationellt rekryteringsläget: "
            + ", ".join(f"{counts_now[k]} {k}" for k in kinds if counts_now[k])
            + "."
        )
    rated = [r for r in d.outlook if r.balance]
    if rated and p.lan:
        counts = {k: sum(1 for r in rated if r.balance == k) for k in ("shortage", "balance", "surplus")}
        parts = [f"{counts[k]} {_sv(BALANCE_TEXT, k)}" for k in ("shortage", "balance", "surplus") if counts[k]]
        dated = f" (data från {d.outlook_date}{', gammal data' if d.outlook_old else ''})" if d.outlook_date else ""
        older = "Den äldre ettårsprognosen" if current and d.current_newer else "Arbetsförmedlingens ettårsprognos"
        out.append(
            f"{older}{dated} för {p.lan.label} ger för {len(rated)} av {len(d.outlook)} målyrken: {', '.join(parts)}."
        )
        r = rated[0]
        sentence = (
            f"För {r.label} är bristindex {decimal(r.lan_index)} ({r.lan_text or 'ingen text'}), "
            f"vilket läses som {_sv(BALANCE_TEXT, r.balance or 'balance')} med {_sv(UNCERTAINTY_TEXT, r.uncertainty, r.uncertainty)} osäkerhet"
        )
        if r.probability is not None:
            sentence += f": sådana bedömningar höll i {percent(r.probability, 0)} av {number(r.cases)} fall när de jämfördes med femårsprognosen"
        if r.five_year_index is not None:
            sentence += f"; femårsindex för hela landet är {decimal(r.five_year_index)} ({_sv(BALANCE_TEXT, r.five_year_label)})"
        out.append(sentence + ".")
    elif d.occupations:
        out.append("Arbetsförmedlingen har ingen ettårsprognos för målyrkena i programmets län.")

    s = d.skills
    if s.demanded:
        sentence = (
            f"Lärandemålen täcker {number(len(s.covered))} av {number(len(s.demanded))} efterfrågade kompetenser i målyrkena "
            f"({percent(s.coverage, 0)})"
        )
        if s.missing:
            sentence += f"; bland dem som saknas finns {_names([m.label for m in s.missing])}"
        out.append(sentence + ".")
    if d.inputs:
        last = d.inputs[0]
        who = KIND_SV.get(last.kind, "annan") + (f", {last.organisation}" if last.organisation else "")  # never a name
        out.append(
            f"{number(len(d.inputs))} synpunkter från programråd och arbetsgivare har registrerats; den senaste lämnades {last.date.isoformat()} av {who}."
        )
    else:
        out.append("Inga synpunkter från programråd eller arbetsgivare har registrerats ännu.")
    return out
