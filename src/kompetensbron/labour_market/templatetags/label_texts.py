"""Template filters for the one text of a balance label and an uncertainty level
(:mod:`kompetensbron.labour_market.label_texts`): ``{{ o.label|balance_text }}``,
``{{ o.uncertainty|uncertainty_text }}``."""

from __future__ import annotations

from django import template

from kompetensbron.labour_market import label_texts

register = template.Library()


@register.filter
def balance_text(value: str | None) -> str:
    return label_texts.balance_text(value)


@register.filter
def uncertainty_text(value: str | None) -> str:
    return label_texts.uncertainty_text(value)
