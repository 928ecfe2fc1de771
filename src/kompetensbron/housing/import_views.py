"""Upload of housing files from the web (the same all-or-nothing imports as the command line).

``/studentbostader/import/``: a logged-in user uploads a stock file (administrators), a project
file (projects of organisations the user coordinates) or a queue-statistics file (likewise).
Files are bounded to :data:`MAX_BYTES`; every problem is listed by row and column and nothing
is stored then."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kompetensbron.errors import DataError, PermissionDenied
from kompetensbron.samverkan.page_contexts import FormPage
from kompetensbron.sources.programme_template import TemplateInvalid
from kompetensbron.web.form_pages import refused

from . import importing

MAX_BYTES = 5 * 1024 * 1024
SUFFIXES = {".csv", ".txt", ".xlsx", ".json"}
_KINDS = [
    ("stock", gettext_lazy("Bestånd (SCB BO0104T7 eller mall)")),
    ("projects", gettext_lazy("Projekt (mall)")),
    ("queue", gettext_lazy("Köstatistik (mall)")),
]


class ImportForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Vad filen innehåller"), choices=_KINDS)
    file = forms.FileField(
        label=gettext_lazy("Fil (CSV, Excel eller JSON-stat)"), help_text=gettext_lazy("Se docs/housing_template.md.")
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("Filen är för stor (högst 5 MB)."))
        if Path(upload.name).suffix.lower() not in SUFFIXES:
            raise forms.ValidationError(_("Filen ska vara .csv, .xlsx eller .json."))
        return upload


@login_required
def import_file(request: HttpRequest) -> HttpResponse:
    posted = request.method == "POST"  # an empty POST is bound too: its missing fields are errors
    form = ImportForm(request.POST if posted else None, request.FILES if posted else None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            upload = form.cleaned_data["file"]
            action = {
                "stock": importing.import_stock_file,
                "projects": importing.import_projects_file,
                "queue": importing.import_queue_file,
            }[form.cleaned_data["kind"]]
            with tempfile.TemporaryDirectory() as tmp:
                path = Path(tmp) / Path(upload.name).name
                with open(path, "wb") as fh:
                    fh.writelines(upload.chunks())
                try:
                    report = action(path, actor=request.user)
                except PermissionDenied as exc:
                    return refused(request, exc, 403)
                except TemplateInvalid as exc:
                    for problem in exc.problems[:50]:
                        form.add_error(None, str(problem))
                except DataError as exc:
                    form.add_error("file", exc.message)
                else:
                    messages.success(
                        request,
                        _("Importerat: %(rows)s rader (%(created)s nya, %(updated)s uppdaterade).")
                        % report.model_dump(),
                    )
                    return redirect("housing:start")
        status = 422
    page = FormPage(title=_("Importera en fil"), form=form, submit_label=_("Importera"))
    return render(request, "housing/import.html", {"page": page}, status=status)
