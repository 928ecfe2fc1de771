"""The words of the dossier's sources block, in the reader's language.

The cached dossier is shared by every language, so a source built by the dossier itself keeps
what it is about — its ``kind`` and the values (``name``, ``on``, ``count``) — and
:func:`worded` writes its title, detail, version and period from them on every read
(:func:`~.services.localised`). A source without a kind (a file's or a data load's own title,
the statistics provenance of the demand block) and a frozen version from before these fields
keep the text they were stored with.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from .schemas import SourceOut

__all__ = ["worded"]


def worded(s: SourceOut) -> SourceOut:
    """``s`` with the words its kind gives, in the active language."""
    on = s.on or "–"
    if s.kind == "programme":
        update = {
            "title": _("Utbildningsprogram %(name)s") % {"name": s.name},
            "detail": _("Kompetensbron, utbildningsutbud (kurser, år, yrkeskopplingar)"),
            "version": _("ändrad %(date)s") % {"date": on},
        }
    elif s.kind == "load":
        update = {"period": _("laddad %(date)s") % {"date": on}}
    elif s.kind == "barometer":
        update = {"version": _("fil daterad %(date)s") % {"date": on}}
    elif s.kind == "inputs":
        update = {
            "title": _("Synpunkter från programråd och arbetsgivare"),
            "detail": _("%(count)s registrerade i Kompetensbron") % {"count": s.count or 0},
        }
    else:
        return s
    return s.model_copy(update=update)
