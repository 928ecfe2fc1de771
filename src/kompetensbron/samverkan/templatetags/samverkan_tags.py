"""Template filters of the Samverkan pages: look-ups, safe links and the number formats
(money in whole kronor with the language's thousands separator, counts without decimals,
"ej rapporterat" for a figure nobody reported)."""

from decimal import Decimal

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def get_item(mapping: dict, key: str):
    """``{{ counts|get_item:code }}``: a dict value by a key held in a variable."""
    return mapping.get(key, "") if mapping else ""


@register.filter
def safe_href(url: str) -> str:
    """``href="{{ url|safe_href }}"``: the URL when it is http(s) or mailto, else "" (no link).

    Input is refused at entry (kompetensbron.input_types); this keeps a row stored before that
    rule inert: a ``javascript:`` URL is never rendered as a link.
    """
    from kompetensbron.input_types import LINK_SCHEMES, is_safe_url

    url = (url or "").strip()
    return url if url and is_safe_url(url, LINK_SCHEMES) else ""


def _grouped(value, decimals: int) -> str:
    return number_format(value, decimals, use_l10n=True, force_grouping=True)


@register.filter
def money(value) -> str:
    """``{{ amount|money }}``: 1150000 → "1 150 000 kr" (sv) / "1,150,000 kr" (en); öre only when
    there are any; "–" for none."""
    if value is None or value == "":
        return "–"
    amount = Decimal(str(value))
    if amount == amount.to_integral_value():
        return _grouped(int(amount), 0) + " kr"
    return _grouped(amount.quantize(Decimal("0.01")), 2) + " kr"


@register.filter
def amount(value) -> str:
    """``{{ figure|amount }}``: a number without needless decimals (11.00 → "11", 2.50 → "2,5"),
    grouped by the language; "–" for none."""
    if value is None or value == "":
        return "–"
    number = Decimal(str(value)).normalize()
    decimals = max(0, -number.as_tuple().exponent)
    if decimals == 0:
        return _grouped(int(number), 0)
    return _grouped(number, min(decimals, 4))


@register.filter
def reported(value) -> str:
    """``{{ count|reported }}``: the count grouped, or "ej rapporterat" when none was reported."""
    if value is None or value == "":
        return _("ej rapporterat")
    return amount(value)
