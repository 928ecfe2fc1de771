"""The dossier's written summary: templated sentences built only from its figures, in the
active language (Swedish msgids, English in the app's catalogue).

Every number in a sentence is a field of the :class:`~.schemas.Dossier`, formatted the active
language's way (Swedish ``12 345`` and ``4,2 %``, English ``12,345`` and ``4.2%``); nothing is
estimated or invented here. A sentence whose figures are missing is left out, and a missing
block is said to be missing. The cached dossier is shared by every language, so the summary is
built again on every read (:func:`kompetensbron.dossier.services.localised`).

>>> from django.utils import translation
>>> with translation.override("sv"):
...     number(12345), percent(0.04213)
('12\\xa0345', '4,2\\xa0%')
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils import translation
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from kompetensbron.labour_market.label_texts import balance_text, barometer_text, uncertainty_text

if TYPE_CHECKING:
    from .schemas import Dossier

__all__ = ["build_summary", "number", "percent", "decimal"]

KIND_TEXT = {
    "programme_council": gettext_lazy("programrådet"),
    "employer": gettext_lazy("en arbetsgivare"),
    "other": gettext_lazy("annan"),
}
RECRUITMENT_TEXT = {
    "brist": gettext_lazy("brist"),
    "paradox": gettext_lazy("paradox"),
    "balans": gettext_lazy("balans"),
    "överskott": gettext_lazy("överskott"),
}
NBSP = "\u00a0"


def _format(x: float, digits: int) -> str:
    return number_format(round(x, digits), digits, use_l10n=True, force_grouping=True)


def number(n: int | float | None) -> str:
    if n is None:
        return "–"
    return _format(n, 0)


def percent(share: float | None, digits: int = 1) -> str:
    if share is None:
        return "–"
    sign = "%" if (translation.get_language() or "sv").startswith("en") else NBSP + "%"
    return _format(share * 100, digits) + sign


def decimal(x: float | None, digits: int = 2) -> str:
    if x is None:
        return "–"
    return _format(x, digits)


def _names(items: list[str], limit: int = 3) -> str:
    shown = items[:limit]
    if len(shown) == 1:
        text = shown[0]
    else:
        text = _("%(first)s och %(last)s") % {"first": ", ".join(shown[:-1]), "last": shown[-1]}
    if len(items) > limit:
        text += " " + _("(och %(n)s till)") % {"n": len(items) - limit}
    return text


def build_summary(d: Dossier) -> list[str]:
    """The summary paragraph of a dossier in the active language, one sentence per string."""
    p = d.programme
    out: list[str] = []
    where_prog = {"name": p.name, "institution": p.institution}
    if not d.occupations:
        out.append(
            _(
                "%(name)s vid %(institution)s har inga målyrken ännu, så arbetsmarknadens efterfrågan kan inte beskrivas."
            )
            % where_prog
        )
    else:
        names = _names([f"{o.label} ({o.ssyk})" for o in d.occupations])
        if d.target_basis == "confirmed":
            text = _("%(name)s vid %(institution)s har %(n)s målyrken, bekräftade: %(names)s.")
        else:
            text = _(
                "%(name)s vid %(institution)s har %(n)s målyrken, föreslagna av kartläggningen men ännu inte bekräftade: %(names)s."
            )
        out.append(text % (where_prog | {"n": len(d.occupations), "names": names}))
    if p.graduates is not None:
        values = {"graduates": number(p.graduates), "year": p.graduates_year}
        if p.admitted is not None:
            values |= {"admitted": number(p.admitted), "admitted_year": p.admitted_year}
            out.append(
                _(
                    "Programmet examinerade %(graduates)s studenter år %(year)s och antog %(admitted)s år %(admitted_year)s."
                )
                % values
            )
        else:
            out.append(_("Programmet examinerade %(graduates)s studenter år %(year)s.") % values)
    elif p.admitted is not None:
        out.append(
            _("Programmet antog %(admitted)s studenter år %(year)s.")
            % {"admitted": number(p.admitted), "year": p.admitted_year}
        )
    out.extend(_demand_sentences(d))
    out.extend(_outlook_sentences(d))
    out.extend(_skills_and_inputs_sentences(d))
    return out


def _demand_sentences(d: Dossier) -> list[str]:
    p = d.programme
    out: list[str] = []
    with_demand = [r for r in d.demand if r.national is not None]
    if with_demand:
        top = with_demand[0]
        sentence = _("Under 2024 publicerades %(n)s jobbannonser för %(label)s i hela Sverige") % {
            "n": number(top.national),
            "label": top.label,
        }
        if top.lan is not None and p.lan:
            sentence += _(", varav %(n)s (%(share)s) i %(lan)s") % {
                "n": number(top.lan),
                "share": percent(top.lan_share),
                "lan": p.lan.label,
            }
        if top.fa is not None and p.fa_region:
            sentence += _(" och %(n)s (%(share)s) i FA-regionen %(fa)s") % {
                "n": number(top.fa),
                "share": percent(top.fa_share),
                "fa": p.fa_region.label,
            }
        out.append(sentence + ".")
        if len(with_demand) > 1:
            total = sum(r.national or 0 for r in with_demand)
            sentence = _("Alla %(n)s målyrken tillsammans hade %(total)s annonser nationellt") % {
                "n": len(with_demand),
                "total": number(total),
            }
            if p.lan and all(r.lan is not None for r in with_demand):
                sentence += _(" och %(n)s i %(lan)s") % {
                    "n": number(sum(r.lan or 0 for r in with_demand)),
                    "lan": p.lan.label,
                }
            out.append(sentence + ".")
    elif d.occupations:
        out.append(_("Annonsstatistik för målyrkena saknas i kunskapsbasen."))
    return out


def _outlook_sentences(d: Dossier) -> list[str]:
    p = d.programme
    out: list[str] = []
    current = [r for r in d.outlook if r.current_recruitment]
    if current and d.current_round:
        counts_now = {k: sum(1 for r in current if r.current_recruitment == k) for k in RECRUITMENT_TEXT}
        out.append(
            _(
                "Arbetsförmedlingens Yrkesbarometer, omgång %(round)s (data från %(date)s), ger för %(n)s av "
                "%(total)s målyrken i %(where)s eller nationellt rekryteringsläget: %(counts)s."
            )
            % {
                "round": d.current_round,
                "date": d.current_date,
                "n": len(current),
                "total": len(d.outlook),
                "where": p.lan.label if p.lan else _("hela landet"),
                "counts": ", ".join(
                    f"{counts_now[k]} {RECRUITMENT_TEXT[k]}" for k in RECRUITMENT_TEXT if counts_now[k]
                ),
            }
        )
    rated = [r for r in d.outlook if r.balance]
    if rated and p.lan:
        counts = {k: sum(1 for r in rated if r.balance == k) for k in ("shortage", "balance", "surplus")}
        parts = [f"{counts[k]} {balance_text(k)}" for k in ("shortage", "balance", "surplus") if counts[k]]
        dated = ""
        if d.outlook_date:
            dated = " " + (_("(data från %(date)s, gammal data)") if d.outlook_old else _("(data från %(date)s)")) % {
                "date": d.outlook_date
            }
        older = (
            _("Den äldre ettårsprognosen") if current and d.current_newer else _("Arbetsförmedlingens ettårsprognos")
        )
        out.append(
            _("%(older)s%(dated)s för %(lan)s ger för %(n)s av %(total)s målyrken: %(parts)s.")
            % {
                "older": older,
                "dated": dated,
                "lan": p.lan.label,
                "n": len(rated),
                "total": len(d.outlook),
                "parts": ", ".join(parts),
            }
        )
        r = rated[0]
        sentence = _(
            "För %(label)s är bristindex %(index)s (%(text)s), vilket läses som %(balance)s med %(uncertainty)s osäkerhet"
        ) % {
            "label": r.label,
            "index": decimal(r.lan_index),
            "text": barometer_text(r.lan_text) if r.lan_text else _("ingen text"),
            "balance": balance_text(r.balance or "balance"),
            "uncertainty": uncertainty_text(r.uncertainty),
        }
        if r.probability is not None:
            sentence += _(
                ": sådana bedömningar höll i %(share)s av %(cases)s fall när de jämfördes med femårsprognosen"
            ) % {"share": percent(r.probability, 0), "cases": number(r.cases)}
        if r.five_year_index is not None:
            sentence += _("; femårsindex för hela landet är %(index)s (%(label)s)") % {
                "index": decimal(r.five_year_index),
                "label": balance_text(r.five_year_label),
            }
        out.append(sentence + ".")
    elif d.occupations:
        out.append(_("Arbetsförmedlingen har ingen ettårsprognos för målyrkena i programmets län."))
    return out


def _skills_and_inputs_sentences(d: Dossier) -> list[str]:
    out: list[str] = []
    s = d.skills
    if s.demanded:
        sentence = _(
            "Lärandemålen täcker %(covered)s av %(demanded)s efterfrågade kompetenser i målyrkena (%(share)s)"
        ) % {"covered": number(len(s.covered)), "demanded": number(len(s.demanded)), "share": percent(s.coverage, 0)}
        if s.missing:
            sentence += _("; bland dem som saknas finns %(names)s") % {"names": _names([m.label for m in s.missing])}
        out.append(sentence + ".")
    if d.inputs:
        last = d.inputs[0]
        who = str(KIND_TEXT.get(last.kind, KIND_TEXT["other"])) + (
            f", {last.organisation}" if last.organisation else ""
        )
        out.append(
            ngettext(
                "%(n)s synpunkt från programråd och arbetsgivare har registrerats; den senaste lämnades %(date)s av %(who)s.",
                "%(n)s synpunkter från programråd och arbetsgivare har registrerats; den senaste lämnades %(date)s av %(who)s.",
                len(d.inputs),
            )
            % {"n": number(len(d.inputs)), "date": last.date.isoformat(), "who": who}  # never a name
        )
    else:
        out.append(_("Inga synpunkter från programråd eller arbetsgivare har registrerats ännu."))
    return out
