"""Site-wide pages (start page): call the services, build the page context, render."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from kompetensbron.config import get_settings
from kompetensbron.reference.page_contexts import HomePage
from kompetensbron.reference.services import list_data_sources, reference_counts
from kompetensbron.sources.data_status import data_status
from kompetensbron.web.tables import export_response


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    page = HomePage.build(
        counts=reference_counts(), sources=list_data_sources(), datasets=data_status(get_settings().data_dir)
    )
    return export_response(request, page.tables) or render(request, "home.html", {"page": page})
