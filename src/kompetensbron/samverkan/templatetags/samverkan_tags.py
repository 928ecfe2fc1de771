"""Template filters of the Samverkan pages."""

from django import template

register = template.Library()


@register.filter
def get_item(mapping: dict, key: str):
    """``{{ counts|get_item:code }}``: a dict value by a key held in a variable."""
    return mapping.get(key, "") if mapping else ""
