"""The site-wide form-page flow (web/form_pages.py) on a toy form, without any app's models."""

from __future__ import annotations

from django import forms
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.test import RequestFactory

from kompetensbron.errors import PermissionDenied, ValidationFailed
from kompetensbron.web.form_pages import form_page


class ToyForm(forms.Form):
    title = forms.CharField(max_length=20)


def _request(method: str, data: dict | None = None):
    factory = RequestFactory()
    request = factory.post("/toy/", data or {}) if method == "POST" else factory.get("/toy/")
    request.user = AnonymousUser()
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    return request


def _page(request, save):
    form = ToyForm(request.POST or None)
    return form_page(
        request, form=form, title="Toy", submit="Spara", save=save, success="Sparat.", field_names={"name": "title"}
    )


def _never(cleaned: dict) -> str:
    raise AssertionError("save called")


def test_get_shows_the_form_and_an_invalid_post_answers_422() -> None:
    assert _page(_request("GET"), _never).status_code == 200
    response = _page(_request("POST", {"title": ""}), _never)
    assert response.status_code == 422


def test_a_valid_post_calls_the_service_then_redirects_with_a_message() -> None:
    saved: list[dict] = []
    request = _request("POST", {"title": "Ny"})
    response = _page(request, lambda cleaned: saved.append(cleaned) or "/toy/1/")
    assert (response.status_code, response["Location"]) == (302, "/toy/1/")
    assert saved == [{"title": "Ny"}]
    assert [str(m) for m in get_messages(request)] == ["Sparat."]


def test_service_refusals_become_403_and_form_errors_422() -> None:
    def refuse(cleaned: dict) -> str:
        raise PermissionDenied("Inte din organisation.")

    response = _page(_request("POST", {"title": "Ny"}), refuse)
    assert response.status_code == 403 and "Inte din organisation." in response.content.decode()

    def invalid(cleaned: dict) -> str:
        raise ValidationFailed("Ogiltigt.", {"name": "Namnet finns redan.", "other": "Fel i helheten."})

    response = _page(_request("POST", {"title": "Ny"}), invalid)
    body = response.content.decode()
    assert response.status_code == 422
    assert "Namnet finns redan." in body and "Fel i helheten." in body
