"""Cross-links from an occupation or a region to the analysis pages that have something on it.

The reference pages (``/yrken/<ssyk>/``, ``/regioner/…``) call these at request time, so the
reference app does not import this app at import; a link is offered only where its page
answers (a balance map only for an SSYK-4 group the Yrkesbarometer rates, by the one rule
:func:`kompetensbron.analysis.outlook.rated_code` behind ``gap_map``).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from kompetensbron.config import get_settings
from kompetensbron.errors import KompetensbronError

from . import gap_services


@dataclass(frozen=True)
class RelatedLink:
    label: Promise
    url: str


def _rated(ssyk: str) -> bool:
    try:
        data = gap_services.balance_data(get_settings().data_dir)
        rated = data.rated(ssyk)
    except (KompetensbronError, OSError):  # no Yrkesbarometer files: no balance link
        return False
    return rated is not None and rated.code is not None


def occupation_links(ssyk: str, *, level: int) -> list[RelatedLink]:
    """Demand, balance and forecast pages, programmes and courses, the site search for one SSYK group."""
    if level != 4:
        return [RelatedLink(_("Efterfrågan, alla yrken"), reverse("labour_market:overview"))]
    links = [
        RelatedLink(_("Efterfrågan: platsannonser per region"), reverse("labour_market:occupation", args=[ssyk])),
        RelatedLink(_("Efterfrågan på kartan"), reverse("labour_market:overview") + "?" + urlencode({"ssyk": ssyk})),
    ]
    if _rated(ssyk):
        links.append(
            RelatedLink(
                _("Brist eller balans per län"), reverse("labour_market:gap_balance") + "?" + urlencode({"ssyk": ssyk})
            )
        )
    links.append(RelatedLink(_("Prognoser (Arbetsförmedlingens prognosyrken)"), reverse("labour_market:gap_forecast")))
    links.append(RelatedLink(_("Utbildningar som leder hit"), "#programmes-leading-here"))
    return links


def region_links(kind: str, code: str) -> list[RelatedLink]:
    """Demand in a län, kommun or FA-region, and the balance map at its level."""
    links = [RelatedLink(_("Vanligaste yrkena i platsannonserna"), reverse("labour_market:region", args=[kind, code]))]
    if kind in gap_services.GAP_REGION_LEVELS:
        links.append(
            RelatedLink(
                _("Brist och balans på kartan"), reverse("labour_market:gap_balance") + "?" + urlencode({"level": kind})
            )
        )
    links.append(RelatedLink(_("Utexaminerade och kvarstannande"), reverse("graduates:retention")))
    return links
