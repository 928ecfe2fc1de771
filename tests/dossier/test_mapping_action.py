"""Reading a dossier never writes (issue 8, item 11): a programme without occupation links gets a
dossier that offers the mapping, and the mapping is an explicit POST for users who may change
programmes, audited."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from kompetensbron.dossier.services import build_dossier, suggest_target_occupations
from kompetensbron.education.models import OccupationLink
from kompetensbron.errors import PermissionDenied
from kompetensbron.samverkan.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_reading_a_programme_without_links_writes_nothing(programme, client) -> None:
    pk = programme.pk
    data = client.get(f"/api/v1/dossier/programmes/{pk}").json()
    page = client.get(f"/relevans/program/{pk}/")
    xlsx = client.get(f"/relevans/program/{pk}.xlsx")
    assert page.status_code == 200 and xlsx.status_code == 200
    assert not OccupationLink.objects.filter(programme=programme).exists()
    assert data["target_basis"] == "none" and data["occupations"] == []
    html = page.content.decode()
    assert "Inga målyrken ännu — föreslå dem." in html
    assert f'action="/relevans/program/{pk}/malyrken/"' not in html  # anonymous: no button


def test_the_mapping_action_needs_the_right_to_change_programmes(programme, user) -> None:
    pk = programme.pk
    anonymous = Client()
    assert anonymous.post(f"/api/v1/dossier/programmes/{pk}/mapping").status_code == 401
    assert anonymous.post(f"/relevans/program/{pk}/malyrken/").status_code == 302  # to the login page
    member = Client()
    member.force_login(user)
    assert member.post(f"/api/v1/dossier/programmes/{pk}/mapping").status_code == 403
    assert member.post(f"/relevans/program/{pk}/malyrken/").status_code == 403
    assert member.get(f"/relevans/program/{pk}/malyrken/").status_code == 405
    with pytest.raises(PermissionDenied):
        suggest_target_occupations(actor=user, programme_id=pk)
    assert not OccupationLink.objects.filter(programme=programme).exists()
    assert not AuditEntry.objects.filter(action="dossier.suggest_occupations").exists()


def test_staff_see_the_button(programme) -> None:
    staff = get_user_model().objects.create_user(username="samordnare", password="pw-test-123", is_staff=True)
    c = Client()
    c.force_login(staff)
    html = c.get(f"/relevans/program/{programme.pk}/").content.decode()
    assert f'action="/relevans/program/{programme.pk}/malyrken/"' in html


@pytest.mark.slow
def test_the_mapping_action_suggests_links_and_audits_them(programme) -> None:
    staff = get_user_model().objects.create_user(username="samordnare", password="pw-test-123", is_staff=True)
    result = suggest_target_occupations(actor=staff, programme_id=programme.pk)
    stored = OccupationLink.objects.filter(programme=programme)
    assert 1 <= result.created == stored.count() <= 5
    entry = AuditEntry.objects.get(action="dossier.suggest_occupations", object_id=str(programme.pk))
    assert entry.actor == staff and sorted(entry.after["suggested_ssyk"]) == sorted(
        stored.values_list("ssyk_id", flat=True)
    )
    d = build_dossier(programme_id=programme.pk)
    assert d.target_basis == "suggested" and {o.ssyk for o in d.occupations} == set(
        stored.values_list("ssyk_id", flat=True)
    )
    assert any(o.ssyk.startswith("222") for o in d.occupations)  # nursing outcomes: a nursing group
    assert suggest_target_occupations(actor=staff, programme_id=programme.pk).created == 0  # already linked


def test_the_mapping_button_shows_progress_and_htmx_gets_a_redirect(programme, user) -> None:
    """The 15–90 s mapping POST (issue 14): with htmx the button is disabled and a spinner with a
    status text shows while it runs; the answer redirects to the page with the suggestions (and a
    refusal lands in the form's alert); without JavaScript it stays a plain POST."""
    pk = programme.pk
    staff = get_user_model().objects.create_user(username="samordnare", password="pw-test-123", is_staff=True)
    c = Client()
    c.force_login(staff)
    html = c.get(f"/relevans/program/{pk}/").content.decode()
    url = f"/relevans/program/{pk}/malyrken/"
    assert f'action="{url}" hx-post="{url}" hx-indicator="#mapping-progress" hx-disabled-elt="find button"' in html
    assert 'id="mapping-progress" class="htmx-indicator' in html and 'class="spinner"' in html
    assert 'role="status">Kartlägger' in html and 'id="mapping-result"' in html
    member = Client()
    member.force_login(user)
    refused = member.post(url, HTTP_HX_REQUEST="true")
    assert refused.status_code == 200 and refused["HX-Retarget"] == "#mapping-result"
    assert refused.content.decode().strip() and not OccupationLink.objects.filter(programme=programme).exists()


@pytest.mark.slow
def test_the_htmx_mapping_post_redirects_to_the_suggestions(programme) -> None:
    staff = get_user_model().objects.create_user(username="samordnare", password="pw-test-123", is_staff=True)
    c = Client()
    c.force_login(staff)
    response = c.post(f"/relevans/program/{programme.pk}/malyrken/", HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and response["HX-Redirect"] == f"/relevans/program/{programme.pk}/#yrken"
    assert OccupationLink.objects.filter(programme=programme).exists()
