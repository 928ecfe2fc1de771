"""The one translated text of each balance label and uncertainty level (Swedish msgids, English in
the shared catalogue). Every page, export and summary words a label through these tables — the
occupation and region pages, the gap map, the relevance dossier and its PDF/Excel."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from kompetensbron.analysis.labels import Balance, Uncertainty

__all__ = ["AF_CLASS_TEXT", "BALANCE_TEXT", "UNCERTAINTY_TEXT", "af_class_text", "balance_text", "uncertainty_text"]

BALANCE_TEXT: dict[str, Promise] = {
    Balance.SHORTAGE: _("brist"),
    Balance.BALANCE: _("balans"),
    Balance.SURPLUS: _("överskott"),
}
UNCERTAINTY_TEXT: dict[str, Promise] = {
    Uncertainty.LOW: _("låg"),
    Uncertainty.MEDIUM: _("medelhög"),
    Uncertainty.HIGH: _("hög"),
    Uncertainty.UNKNOWN: _("okänd"),
}

#: Arbetsförmedlingen's five class texts of the 1-year bristindex (``1-ar.xlsx``), as published
#: (Swedish) and in English
AF_CLASS_TEXT: dict[str, Promise] = {
    "Mer påtagligt överskott": _("Mer påtagligt överskott"),
    "Visst överskott": _("Visst överskott"),
    "Balans": _("Balans"),
    "Viss brist": _("Viss brist"),
    "Mer påtaglig brist": _("Mer påtaglig brist"),
}


def af_class_text(text: str) -> str:
    """AF's class text of a bristindex in the active language (another text as published)."""
    return str(AF_CLASS_TEXT.get(text.strip(), text))


def balance_text(value: str | None, default: str = "–") -> str:
    """The word of a balance label in the active language (``default`` for none)."""
    return str(BALANCE_TEXT.get(value or "", default))


def uncertainty_text(value: str | None, default: str = "–") -> str:
    """The word of an uncertainty level in the active language."""
    return str(UNCERTAINTY_TEXT.get(value or "", UNCERTAINTY_TEXT[Uncertainty.UNKNOWN] if value else default))
