"""The simulator page: run a bounded scenario from a form (POST) and compare up to
:data:`MAX_SCENARIOS` runs side by side (kept in the visitor's session, nothing stored)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from kompetensbron.errors import ValidationFailed
from kompetensbron.web.tables import export_response

from .forms import SimulationForm
from .page_contexts import SimulatorPage
from .simulation_runs import WEB_LIMITS, SimulationIn, run_simulation
from .simulator import BUILT_IN_RULES, CALIBRATION

SESSION_KEY = "housing_scenarios"
MAX_SCENARIOS = 4


def _page(request: HttpRequest, form: SimulationForm) -> SimulatorPage:
    return SimulatorPage(
        form=form,
        scenarios=request.session.get(SESSION_KEY, []),
        rule_sets=list(BUILT_IN_RULES.values()),
        calibration=CALIBRATION,
        limits=WEB_LIMITS,
    )


@require_safe
def simulator(request: HttpRequest) -> HttpResponse:
    page = _page(request, SimulationForm(initial={"rules": "sssb"}))
    return export_response(request, page.tables) or render(request, "housing/simulator.html", {"page": page})


@require_POST
def simulator_run(request: HttpRequest) -> HttpResponse:
    form = SimulationForm(request.POST)
    if form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if v not in (None, "")}
        try:
            result = run_simulation(SimulationIn(**data))
        except ValidationFailed as exc:
            for key, message in (exc.errors or {"": str(exc)}).items():
                form.add_error(key if key in form.fields else None, message)
        else:
            entry = result.to_dict()
            entry["label"] = (
                data.get("label")
                or f"{_(result.rules_title)}, {result.homes} {_('bostäder')}, {result.arrivals_per_year} {_('nya/år')}"
            )
            entry.pop("calibration", None)
            scenarios = (request.session.get(SESSION_KEY, []) + [entry])[-MAX_SCENARIOS:]
            request.session[SESSION_KEY] = scenarios
            messages.success(request, _("Scenariot är kört."))
            return redirect("housing:simulator")
    return render(request, "housing/simulator.html", {"page": _page(request, form)}, status=422)


@require_POST
def simulator_clear(request: HttpRequest) -> HttpResponse:
    request.session.pop(SESSION_KEY, None)
    return redirect("housing:simulator")
