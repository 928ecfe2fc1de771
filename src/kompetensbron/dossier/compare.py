"""Two dossiers side by side — two frozen versions, a version and today's, or two programmes.

:func:`compare_dossiers` lines up the figures of two typed :class:`~.schemas.Dossier` results
by what they are about (programme facts, target occupations, demand and outlook per SSYK,
skills, outcomes, data dates) and marks each row that differs. :func:`resolve` reads the
references the page and the API take: ``v<id>`` (a frozen version) or ``p<id>`` (today's
dossier of a programme). :func:`comparison_table` is the same comparison as one
:class:`~kompetensbron.web.tables.Table` (the page's ``?format=xlsx|csv``, the API's
``/compare.xlsx`` and ``kompetensbron dossier-versions compare --xlsx``); its column heads and
file name carry both dates.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from kompetensbron.education.models import LinkProvenance, LinkStatus
from kompetensbron.errors import NotFound
from kompetensbron.labour_market.label_texts import balance_text
from kompetensbron.web.tables import Column, Table

from .schemas import Dossier
from .source_words import worded
from .version_schemas import ComparisonRow, DossierComparison

__all__ = ["compare_dossiers", "comparison_table", "resolve"]


def resolve(ref: str, *, viewer=None) -> Dossier:
    """``v<id>`` → a frozen version; ``p<id>`` → today's dossier; :class:`NotFound` otherwise."""
    from .services import build_dossier
    from .versions import version_dossier

    ref = (ref or "").strip()[:20]
    if len(ref) > 1 and ref[1:].isdigit() and 0 < int(ref[1:]) < 2**63:
        if ref[0] == "v":
            return version_dossier(version_id=int(ref[1:]))
        if ref[0] == "p":
            return build_dossier(programme_id=int(ref[1:]), viewer=viewer)
    raise NotFound(f"no dossier {ref!r} (expected v<version id> or p<programme id>)")


def _fmt(value) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.3f}".rstrip("0").rstrip(".")
    return str(value)


def _title(d: Dossier) -> str:
    p = d.programme
    if d.frozen:
        when = _("version %(date)s") % {"date": d.frozen.version_date.isoformat()}
    else:
        when = _("i dag (%(date)s)") % {"date": d.built_at.date().isoformat()}
    return f"{p.code} {p.name}, {when}"


def _basis(basis: str) -> str:
    words = {"confirmed": _("bekräftade"), "suggested": _("föreslagna"), "none": _("inga")}
    return words.get(basis, basis)


def _facts(d: Dossier) -> dict[tuple[str, str], str]:
    """The rows of one dossier by (section, item), worded in the active language (the page's;
    Swedish for the API and the command line)."""
    p = d.programme
    programme, targets, skills = _("Programmet"), _("Målyrken"), _("Kompetenser")
    out = {
        (programme, _("Lärosäte")): p.institution,
        (programme, _("Studieort")): p.kommun.label if p.kommun else "–",
        (programme, _("Utbildningsplatser")): _fmt(p.places),
        (programme, _("Antagna")): f"{_fmt(p.admitted)} ({_fmt(p.admitted_year)})",
        (programme, _("Examinerade")): f"{_fmt(p.graduates)} ({_fmt(p.graduates_year)})",
        (programme, _("Lärandemål")): _fmt(p.learning_outcomes),
        (targets, _("Underlag")): _basis(d.target_basis),
    }
    for o in d.occupations:
        status, provenance = LinkStatus(o.status).label, LinkProvenance(o.provenance).label
        out[(targets, f"{o.ssyk} {o.label}")] = f"{status} · {provenance} · {_fmt(o.score)}"
    demand = _("Efterfrågan 2024")
    for r in d.demand:
        out[(demand, f"{r.ssyk} {r.label}")] = _("Sverige %(national)s · län %(lan)s · FA %(fa)s") % {
            "national": _fmt(r.national),
            "lan": _fmt(r.lan),
            "fa": _fmt(r.fa),
        }
    for r in d.outlook:
        out[(_("Prognos"), f"{r.ssyk} {r.label}")] = _("index %(index)s · %(balance)s · 5 år %(five)s") % {
            "index": _fmt(r.lan_index),
            "balance": balance_text(r.balance),
            "five": _fmt(r.five_year_index),
        }
    s = d.skills
    out[(skills, _("Täckning"))] = _fmt(s.coverage)
    out[(skills, _("Täcks"))] = ", ".join(sorted(x.label for x in s.covered)) or "–"
    out[(skills, _("Saknas"))] = ", ".join(sorted(x.label for x in s.missing)) or "–"
    for o in d.outcomes:
        out[(_("Utfall"), _(o.title))] = _(o.missing) if o.missing else f"{_fmt(o.value)} ({o.region}, {o.period})"
    out[(_("Synpunkter"), _("Antal"))] = str(len(d.inputs))
    for s_ in map(worded, d.sources):
        out[(_("Datadatum"), s_.title)] = " · ".join(x for x in (s_.version, s_.period) if x) or "–"
    return out


def compare_dossiers(left: Dossier, right: Dossier) -> DossierComparison:
    a, b = _facts(left), _facts(right)
    keys = list(dict.fromkeys([*a, *b]))
    rows = [
        ComparisonRow(section=k[0], item=k[1], left=a.get(k, "–"), right=b.get(k, "–"), changed=a.get(k) != b.get(k))
        for k in keys
    ]
    return DossierComparison(
        left_title=_title(left),
        right_title=_title(right),
        left_date=(left.frozen.version_date if left.frozen else left.built_at.date()).isoformat(),
        right_date=(right.frozen.version_date if right.frozen else right.built_at.date()).isoformat(),
        rows=rows,
        changed=sum(r.changed for r in rows),
    )


def comparison_table(c: DossierComparison) -> Table:
    """The comparison as one table: section, item, the two sides (headed by their titles and
    dates) and whether the row differs — the page shows it and its files hold it (the words of
    the heads in the active language; Swedish for the API and the command line)."""
    return Table(
        key="jamforelse",
        title=_("Jämförelse"),
        columns=[
            Column(label=_("Avsnitt")),
            Column(label=_("Uppgift")),
            Column(label=c.left_title),
            Column(label=c.right_title if c.right_title != c.left_title else f"{c.right_title} ({_('höger')})"),
            Column(label=_("Skiljer sig")),
        ],
        rows=[[r.section, r.item, r.left, r.right, _("ja") if r.changed else _("nej")] for r in c.rows],
        row_keys=["changed" if r.changed else "same" for r in c.rows],
        filename=f"relevansunderlag-jamforelse-{c.left_date}-{c.right_date}",
    )
