"""Site-wide pages (start page)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from kompetensbron.reference.services import reference_counts


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "home.html", {"counts": reference_counts()})
