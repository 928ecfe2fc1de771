"""The site-wide flow of an HTML form page, and the refused page.

:func:`form_page` is the one way a page creates or changes something through a service:

* GET shows the form (200);
* POST with an invalid form shows it again with its errors (422);
* POST with a valid form calls ``save(cleaned_data)`` — the service call, which returns the
  URL to go to — then shows ``success`` (when given) and redirects there;
* the service's :class:`~kompetensbron.errors.PermissionDenied` becomes the refused page
  (403), its :class:`~kompetensbron.errors.NotFound` the not-found page (404), and its
  :class:`~kompetensbron.errors.ValidationFailed` errors land on the form's
  fields (``field_names`` maps the service's field names to the form's), answered 422.

The page renders ``samverkan/form.html`` with a :class:`~kompetensbron.samverkan.page_contexts.FormPage`
(the form-fields partial of every app) unless the caller gives its own ``template`` and
``context``, and the refused page ``samverkan/refused.html`` unless it gives ``refused_template``
(an app's refused page links back to the app). ``cancel`` names the page the form is left
for without saving ("Avbryt"): a URL name of the app and its arguments, reversed here — never a
``next`` parameter or the Referer, so the link cannot lead off the site.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from kompetensbron.errors import NotFound, PermissionDenied, ValidationFailed
from kompetensbron.samverkan.page_contexts import FormPage

__all__ = [
    "FORM_TEMPLATE",
    "REFUSED_TEMPLATE",
    "Cancel",
    "cancel_url",
    "errors_on_form",
    "form_page",
    "refused",
    "submitted",
]

#: Where "Avbryt" leads: a URL name, or a URL name and its arguments ("" for no link).
Cancel = str | tuple[Any, ...]

FORM_TEMPLATE = "samverkan/form.html"
REFUSED_TEMPLATE = "samverkan/refused.html"


def refused(request: HttpRequest, exc: Exception | str, status: int, template: str = REFUSED_TEMPLATE) -> HttpResponse:
    """The refused / not-found page with the error's message."""
    return render(request, template, {"message": str(exc)}, status=status)


def cancel_url(cancel: Cancel) -> str:
    """The path of ``cancel`` (a URL name, or a URL name and its arguments); "" for none."""
    if not cancel:
        return ""
    name, *args = (cancel,) if isinstance(cancel, str) else cancel
    return reverse(name, args=args)


def errors_on_form(form: forms.Form, exc: ValidationFailed, field_names: Mapping[str, str] | None = None) -> None:
    """Put a service's :class:`ValidationFailed` errors on the form: on the field of that name
    (after ``field_names``), else on the form as a whole."""
    for key, message in (exc.errors or {"": str(exc)}).items():
        name = (field_names or {}).get(key, key)
        form.add_error(name if name in form.fields else None, message)


def submitted(
    request: HttpRequest,
    form: forms.Form,
    save: Callable[[dict[str, Any]], str],
    *,
    success: str | None,
    field_names: Mapping[str, str] | None = None,
    refused_template: str = REFUSED_TEMPLATE,
) -> HttpResponse | None:
    """The POST half of :func:`form_page`, for a form shown inside another page: the redirect
    (after ``save``), the refused page (403/404), or None when the form now carries its errors
    (the caller shows its page again with them, status 422)."""
    if not form.is_valid():
        return None
    try:
        target = save(form.cleaned_data)
    except PermissionDenied as exc:
        return refused(request, exc, 403, refused_template)
    except NotFound as exc:
        return refused(request, exc, 404, refused_template)
    except ValidationFailed as exc:
        errors_on_form(form, exc, field_names)
        return None
    if success:
        messages.success(request, success)
    return redirect(target)


def form_page(
    request: HttpRequest,
    *,
    form: forms.Form,
    save: Callable[[dict[str, Any]], str],
    success: str | None,
    title: str = "",
    submit: str = "",
    field_names: Mapping[str, str] | None = None,
    template: str = FORM_TEMPLATE,
    context: Callable[[forms.Form], dict[str, Any]] | None = None,
    refused_template: str = REFUSED_TEMPLATE,
    cancel: Cancel = "",
) -> HttpResponse:
    """GET shows ``form``; a valid POST calls ``save`` and redirects to the URL it returns (see the module).

    ``success`` is the message shown after saving (None: none); ``context(form)`` builds the
    context of ``template`` (default: a ``FormPage`` of ``title``, ``submit`` and the ``cancel``
    link)."""
    status = 200
    if request.method == "POST":
        response = submitted(
            request, form, save, success=success, field_names=field_names, refused_template=refused_template
        )
        if response is not None:
            return response
        status = 422
    if context is None:
        page = FormPage(title=title, form=form, submit_label=submit, cancel_url=cancel_url(cancel))
        page_context: dict[str, Any] = {"page": page}
    else:
        page_context = context(form)
    return render(request, template, page_context, status=status)
