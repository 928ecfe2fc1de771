"""``{% collaboration_around programme=id %}`` / ``{% collaboration_around ssyk=code %}``: the
Samverkan activities and decisions around a programme or an occupation, for the knowledge-base
pages (only what the logged-in user may see; nothing for anonymous visitors)."""

from __future__ import annotations

from django import template

from ..services.knowledge import collaboration_around as _around

register = template.Library()


@register.inclusion_tag("samverkan/_collaboration_around.html", takes_context=True)
def collaboration_around(context, programme: int | None = None, ssyk: str | None = None) -> dict:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"rows": [], "show": False}
    rows = _around(actor=user, programme_id=programme, ssyk=ssyk) if (programme or ssyk) else []
    return {"rows": rows, "show": True}
