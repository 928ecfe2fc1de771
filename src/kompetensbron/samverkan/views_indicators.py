"""An agreement's indicators with their yearly targets and values: listed for everyone who sees
the agreement; added and followed up by the parties' coordinators (``samverkan.change_indicator``)
through the services the API uses."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kompetensbron.errors import NotFound, PermissionDenied
from kompetensbron.web.form_pages import form_page, submitted
from kompetensbron.web.tables import export_response

from . import record_tables, services
from . import views as base
from .forms import SERVICE_FIELDS
from .forms_editing import IndicatorForm, IndicatorYearForm, indicator_fields, indicator_initial
from .schemas import IndicatorCreate, IndicatorYearIn
from .schemas_governance import IndicatorUpdate

__all__ = ["indicator_list", "indicator_edit", "indicator_year"]


def _render(request, agreement, *, form=None, year_form=None, year_indicator=None, status=200) -> HttpResponse:
    can_change = request.user.has_perm("samverkan.change_indicator", agreement)
    indicators = [services.public.indicator(i) for i in services.reads.indicators_of(agreement)]
    this_year = timezone.localdate().year
    page = {
        "agreement": services.public.agreement(agreement),
        "indicators": indicators,
        "can_change": can_change,
        "form": (form or IndicatorForm(agreement=agreement)) if can_change else None,
        "year_forms": {
            i.id: (
                year_form
                if year_indicator == i.id
                else IndicatorYearForm(initial={"year": this_year}, prefix=f"i{i.id}")
            )
            for i in indicators
        }
        if can_change
        else {},
        "sections": [(i, record_tables.indicator_years_table(i)) for i in indicators],
    }
    if request.method != "POST" and (exported := export_response(request, [t for _i, t in page["sections"]])):
        return exported
    return render(request, "samverkan/indicator_list.html", {"page": page}, status=status)


@login_required
def indicator_list(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the indicators of a visible agreement; POST: add one (the parties' coordinators)."""
    try:
        agreement = services.get_visible_agreement(actor=request.user, pk=pk)
    except NotFound as exc:
        return base._refused(request, exc, 404 if request.method == "GET" else 403)
    if request.method != "POST":
        return _render(request, agreement)
    if not request.user.has_perm("samverkan.change_indicator", agreement):
        return base._refused(
            request, PermissionDenied(_("Endast avtalsparternas samordnare lägger upp indikatorer.")), 403
        )
    form = IndicatorForm(request.POST, agreement=agreement)

    def save(d) -> str:
        services.create_indicator(actor=request.user, agreement=agreement, data=IndicatorCreate(**indicator_fields(d)))
        return reverse("samverkan:indicators", args=[pk])

    response = submitted(request, form, save, success=_("Indikatorn är tillagd."), field_names=SERVICE_FIELDS)
    if response is not None:
        return response
    return _render(request, agreement, form=form, status=422)


def _changeable(request: HttpRequest, pk: int, refusal: str):
    """The indicator, or the refusal page: 404 unknown, 403 without ``change_indicator``."""
    try:
        indicator = services.find_indicator(pk)
    except NotFound as exc:
        return None, base._refused(request, exc, 404)
    if not request.user.has_perm("samverkan.change_indicator", indicator.agreement):
        return None, base._refused(request, PermissionDenied(refusal), 403)
    return indicator, None


@login_required
@require_POST
def indicator_year(request: HttpRequest, pk: int) -> HttpResponse:
    """Set one year's target and value of an indicator."""
    indicator, refusal = _changeable(request, pk, _("Endast avtalsparternas samordnare följer upp indikatorer."))
    if refusal is not None:
        return refusal
    agreement = indicator.agreement
    form = IndicatorYearForm(request.POST, prefix=f"i{pk}")

    def save(d) -> str:
        data = IndicatorYearIn(target=d["target"], value=d["value"], comment=d["comment"])
        services.set_indicator_year(actor=request.user, indicator=indicator, year=d["year"], data=data)
        messages.success(request, _("Värdet för %(year)s är sparat.") % {"year": d["year"]})
        return reverse("samverkan:indicators", args=[agreement.pk])

    response = submitted(request, form, save, success=None, field_names=SERVICE_FIELDS)
    if response is not None:
        return response
    return _render(request, agreement, year_form=form, year_indicator=pk, status=422)


@login_required
def indicator_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change an indicator's name, unit, description, areas and units (the parties' coordinators)."""
    indicator, refusal = _changeable(request, pk, _("Endast avtalsparternas samordnare ändrar indikatorer."))
    if refusal is not None:
        return refusal
    agreement = indicator.agreement
    form = IndicatorForm(request.POST or None, agreement=agreement, initial=indicator_initial(indicator))

    def save(d) -> str:
        data = IndicatorUpdate(**indicator_fields(d))
        services.update_indicator(actor=request.user, indicator=indicator, data=data)
        return reverse("samverkan:indicators", args=[agreement.pk])

    return form_page(
        request,
        cancel=("samverkan:indicators", agreement.pk),
        form=form,
        title=_("Ändra indikator"),
        submit=_("Spara"),
        save=save,
        success=_("Indikatorn är ändrad."),
        field_names=SERVICE_FIELDS,
    )
