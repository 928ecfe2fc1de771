"""Who sees the names behind dossier inputs (issue 8 item 8, issue 12 item 7), and the audit of a
recorded input (issue 8 item 9): the public sees organisation and role; names only for staff and
users with a role in the programme's institution; every input is audited in its transaction."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from kompetensbron.dossier import services
from kompetensbron.dossier.models import DossierInput
from kompetensbron.dossier.schemas import InputIn
from kompetensbron.samverkan.models import AuditEntry

pytestmark = pytest.mark.django_db

NAME, ORG = "Anna Bergqvist", "Region Västernorrland"


@pytest.fixture
def with_input(linked, user):
    services.add_input(
        actor=user,
        programme_id=linked.pk,
        data=InputIn(
            kind="employer", date=dt.date(2025, 3, 14), author_name=NAME, organisation=ORG, text="Fler platser behövs."
        ),
    )
    return linked


def _coordinator(programme):
    """A member of the Samverkan organisation of the programme's institution (education's rule)."""
    from kompetensbron.samverkan.models import Membership, Organisation

    u = get_user_model().objects.create_user(username="utbildningsledare", password="pw-test-123")
    institution = programme.institution
    if institution.organisation_id is None:
        institution.organisation = Organisation.objects.create(name=f"{institution.name} (org)", kind="university")
        institution.save(update_fields=["organisation"])
    Membership.objects.create(user=u, organisation=institution.organisation, role="member")
    return get_user_model().objects.get(pk=u.pk)


def test_the_public_sees_organisation_and_role_not_the_name(with_input, user) -> None:
    pk = with_input.pk
    for client in (Client(), _logged_in(user)):  # anonymous, and logged in without a role
        data = client.get(f"/api/v1/dossier/programmes/{pk}").json()
        (entry,) = data["inputs"]
        assert entry["author_name"] == "" and entry["recorded_by"] is None and entry["names_hidden"] is True
        assert entry["organisation"] == ORG and entry["kind"] == "employer"
        assert NAME not in str(data) and "programansvarig" not in str(data)
        html = client.get(f"/relevans/program/{pk}/").content.decode()
        assert ORG in html and NAME not in html and "registrerad av" not in html  # (the logout button names the reader)
        assert NAME.encode() not in client.get(f"/relevans/program/{pk}.xlsx").content


def test_staff_and_the_institutions_users_see_the_name(with_input) -> None:
    staff = get_user_model().objects.create_user(username="admin-personal", password="pw-test-123", is_staff=True)
    for viewer in (staff, _coordinator(with_input)):
        data = _logged_in(viewer).get(f"/api/v1/dossier/programmes/{with_input.pk}").json()
        assert data["inputs"][0]["author_name"] == NAME and data["inputs"][0]["names_hidden"] is False
        assert NAME in _logged_in(viewer).get(f"/relevans/program/{with_input.pk}/").content.decode()


def test_summary_never_names_the_person(with_input) -> None:
    staff = get_user_model().objects.create_user(username="admin-personal", is_staff=True)
    summary = " ".join(services.build_dossier(programme_id=with_input.pk, viewer=staff).summary)
    assert ORG in summary and NAME not in summary


def test_a_recorded_input_is_audited(with_input, user) -> None:
    x = DossierInput.objects.get(programme=with_input)
    entry = AuditEntry.objects.get(action="dossier.add_input", object_id=str(x.pk))
    assert (
        entry.actor == user and entry.model == "dossier.dossierinput" and entry.after["text"] == "Fler platser behövs."
    )


def test_audit_and_input_share_one_transaction(linked, user, monkeypatch) -> None:
    from kompetensbron.samverkan import audit

    def broken(**kwargs):
        raise RuntimeError("audit log unavailable")

    monkeypatch.setattr(audit, "record", broken)
    with pytest.raises(RuntimeError):
        services.add_input(
            actor=user,
            programme_id=linked.pk,
            data=InputIn(kind="employer", date=dt.date(2025, 3, 14), author_name=NAME, organisation=ORG, text="x"),
        )
    assert not DossierInput.objects.filter(programme=linked).exists()


def _logged_in(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def test_a_role_in_another_institution_does_not_show_the_name(with_input) -> None:
    """Issue 12 item 7: a role counts only in *that* programme's institution."""
    from kompetensbron.education.models import Institution
    from kompetensbron.samverkan.models import Membership, Organisation

    other_org = Organisation.objects.create(name="Annan högskola (test)", kind="university")
    Institution.objects.create(name="Annan högskola", organisation=other_org)
    u = get_user_model().objects.create_user(username="annan-samordnare", password="pw-test-123")
    Membership.objects.create(user=u, organisation=other_org, role="coordinator")
    client = _logged_in(get_user_model().objects.get(pk=u.pk))
    (entry,) = client.get(f"/api/v1/dossier/programmes/{with_input.pk}").json()["inputs"]
    assert entry["author_name"] == "" and entry["names_hidden"] is True and entry["organisation"] == ORG
    assert NAME not in client.get(f"/relevans/program/{with_input.pk}/").content.decode()
