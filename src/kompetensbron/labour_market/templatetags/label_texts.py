"""Template filters for the one text of a balance label and an uncertainty level
(:mod:`kompetensbron.labour_market.label_texts`): ``{{ o.label|balance_text }}``,
``{{ o.uncertainty|uncertainty_text }}``; and a provenance text (a source's title, period or
method: Swedish msgids from the source registry and the warehouse) in the page's language:
``{{ prov.method|source_text }}`` (a text that is no msgid, e.g. a file name, is shown as it is)."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext

from kompetensbron.labour_market import label_texts

register = template.Library()


@register.filter
def balance_text(value: str | None) -> str:
    return label_texts.balance_text(value)


@register.filter
def uncertainty_text(value: str | None) -> str:
    return label_texts.uncertainty_text(value)


@register.filter
def source_text(value: str | None) -> str:
    return gettext(value) if value else ""
