"""Template filters of the Samverkan pages."""

from django import template

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
