"""Education rights (django-rules, scoped to the user's institution) and the audit of every change.

Issue 8, item 3: a user who may only add programmes renamed an existing programme and deleted
its course rows through ``/utbildning/importera/``; item 9: education changes were never audited.
"""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from kompetensbron.samverkan.models import AuditEntry

from .conftest import TEMPLATE_EXAMPLE, make_user, member_of

HEADER = TEMPLATE_EXAMPLE.read_text(encoding="utf-8").splitlines()[0]


def _upload(client, text: str):
    return client.post("/utbildning/importera/", {"file": SimpleUploadedFile("mall.csv", text.encode())})


def _overwrite(institution: str = "Mittuniversitetet") -> str:
    # the example programme renamed, with one course row left (the others would be deleted)
    return HEADER + f"\n{institution},EX-SSK,Omdöpt,,,,campus,,,,OM083G,,,1,ja,,,\n"


@pytest.mark.django_db
def test_import_cannot_overwrite_another_institutions_programme(client, programme, other_coordinator):
    """The reported case: a user who may add programmes (here even with the old model permission)."""
    from django.contrib.auth.models import Permission

    other_coordinator.user_permissions.add(
        Permission.objects.get(content_type__app_label="education", codename="add_programme")
    )
    rows_before = programme.programme_courses.count()
    client.force_login(other_coordinator)
    response = _upload(client, _overwrite())
    assert response.status_code == 403
    programme.refresh_from_db()
    assert programme.name == "Sjuksköterskeprogrammet (exempel)"
    assert programme.programme_courses.count() == rows_before > 1


@pytest.mark.django_db
def test_import_cannot_change_a_programme_without_the_change_right(client, programme, miun, other_coordinator):
    """A member of a *second* institution may add there, never change the first one's programme."""
    from kompetensbron.education.models import Institution

    second = Institution.objects.get(name="Annat universitet")
    client.force_login(other_coordinator)
    text = (
        HEADER
        + "\nAnnat universitet,NY-1,Nytt program,,,,campus,,,,,,,,,2024,10,\n"
        + _overwrite().splitlines()[1]
        + "\n"
    )
    assert _upload(client, text).status_code == 403
    assert not second.programmes.exists()  # all or nothing
    ok = _upload(client, HEADER + "\nAnnat universitet,NY-1,Nytt program,,,,campus,,,,,,,,,2024,10,\n")
    assert ok.status_code == 200
    assert second.programmes.get().name == "Nytt program"


@pytest.mark.django_db
def test_import_may_not_create_institutions_except_staff(client, staff, coordinator):
    text = HEADER + "\nOkänd högskola,NY-2,Nytt program,,,,campus,,,,,,,,,2024,10,\n"
    client.force_login(coordinator)
    assert _upload(client, text).status_code == 403
    client.force_login(staff)
    assert _upload(client, text).status_code == 200


@pytest.mark.django_db
def test_import_by_own_coordinator_changes_and_is_audited(client, programme, coordinator):
    client.force_login(coordinator)
    assert _upload(client, _overwrite()).status_code == 200
    programme.refresh_from_db()
    assert programme.name == "Omdöpt" and programme.programme_courses.count() == 1
    entries = AuditEntry.objects.filter(model="education.programme", object_id=str(programme.pk), actor=coordinator)
    assert {e.action for e in entries} == {"update", "import"}
    update = entries.get(action="update")
    assert (update.before["name"], update.after["name"]) == ("Sjuksköterskeprogrammet (exempel)", "Omdöpt")
    imported = entries.get(action="import")
    assert len(imported.before["courses"]) > 1 and imported.after["courses"] == ["OM083G"]


@pytest.mark.django_db
def test_user_without_institution_may_not_import(client, reader):
    client.force_login(reader)
    assert client.get("/utbildning/importera/").status_code == 403
    assert _upload(client, _overwrite()).status_code == 403


@pytest.mark.django_db
def test_a_model_permission_alone_grants_nothing(programme):
    """One mechanism: the old Django model permission no longer opens the write paths."""
    from django.contrib.auth.models import Permission

    from kompetensbron.education.permissions import can_add, can_change

    user = make_user("modellratt", perms=("change_programme", "add_programme"))
    assert Permission.objects.filter(user=user).count() == 2
    assert not can_add(user) and not can_change(user, programme)


def _api_programme(miun, code="API-1"):
    return {"institution_id": miun.pk, "code": code, "name": "API-programmet", "form": "campus"}


@pytest.mark.django_db
def test_api_create_programme_only_for_own_institution(miun, coordinator, other_coordinator):
    client = Client()
    client.force_login(other_coordinator)
    response = client.post("/api/v1/education/programmes", _api_programme(miun), content_type="application/json")
    assert response.status_code == 403
    client.force_login(coordinator)
    response = client.post("/api/v1/education/programmes", _api_programme(miun), content_type="application/json")
    assert response.status_code == 201
    entry = AuditEntry.objects.get(model="education.programme", object_id=str(response.json()["id"]))
    assert (entry.action, entry.actor, entry.after["code"]) == ("create", coordinator, "API-1")


@pytest.mark.django_db
def test_link_decisions_only_for_own_institution_and_audited(suggested, coordinator, other_coordinator):
    official, overlap = suggested
    client = Client()
    client.force_login(other_coordinator)
    assert (
        client.post(f"/api/v1/education/links/{official.pk}/confirm", {}, content_type="application/json").status_code
        == 403
    )
    response = client.post(f"/utbildning/kopplingar/{overlap.pk}/avvisa/", {"reason": "Nej."})
    assert response.status_code == 403
    client.force_login(coordinator)
    assert (
        client.post(f"/api/v1/education/links/{official.pk}/confirm", {}, content_type="application/json").status_code
        == 200
    )
    assert (
        client.post(
            f"/api/v1/education/links/{overlap.pk}/reject", {"reason": "Fel yrke."}, content_type="application/json"
        ).status_code
        == 200
    )
    actions = dict(AuditEntry.objects.filter(model="education.occupationlink").values_list("object_id", "action"))
    assert actions == {str(official.pk): "confirm", str(overlap.pk): "reject"}
    rejected = AuditEntry.objects.get(object_id=str(overlap.pk), model="education.occupationlink")
    assert (rejected.before["status"], rejected.after["status"], rejected.after["reason"]) == (
        "suggested",
        "rejected",
        "Fel yrke.",
    )


@pytest.mark.django_db
def test_manual_link_and_programme_edit_pages_are_scoped_and_audited(client, programme, coordinator, other_coordinator):
    client.force_login(other_coordinator)
    assert (
        client.post(f"/utbildning/program/{programme.pk}/kopplingar/ny/", {"ssyk": "2221", "reason": "x"}).status_code
        == 403
    )
    assert client.get(f"/utbildning/program/{programme.pk}/redigera/").status_code == 403
    client.force_login(coordinator)
    response = client.post(
        f"/utbildning/program/{programme.pk}/kopplingar/ny/", {"ssyk": "2221", "reason": "Leder till legitimation."}
    )
    assert response.status_code == 302
    entry = AuditEntry.objects.get(model="education.occupationlink", action="create")
    assert entry.actor == coordinator and entry.after["provenance"] == "manual"


@pytest.mark.django_db
def test_programme_form_offers_only_own_institutions(client, programme, coordinator, other_coordinator, staff):
    from kompetensbron.education.forms import ProgrammeForm
    from kompetensbron.education.models import Institution

    assert list(ProgrammeForm(user=other_coordinator).fields["institution"].queryset) == [
        Institution.objects.get(name="Annat universitet")
    ]
    assert list(ProgrammeForm(user=coordinator).fields["institution"].queryset) == [programme.institution]
    assert ProgrammeForm(user=staff).fields["institution"].queryset.count() == Institution.objects.count()


@pytest.mark.django_db
def test_mapping_store_is_audited(programme, staff):
    from kompetensbron.analysis.occupation_mapping import CourseMapping, LinkEvidence, OccupationSuggestion
    from kompetensbron.education.mapping_service import store_course_suggestions, store_programme_suggestions

    mapping = CourseMapping(
        programme.code,
        (OccupationSuggestion("2221", "Sjuksköterskor", 1, 1.0, "official_ssyk_sun", LinkEvidence(sun_field="723a")),),
    )
    store_programme_suggestions(programme=programme, mapping=mapping, actor=staff)
    entry = AuditEntry.objects.get(model="education.programme", action="map_occupations")
    assert entry.actor == staff and entry.after["created"] == 1
    store_programme_suggestions(programme=programme, mapping=mapping, actor=staff)  # unchanged: no entry
    assert AuditEntry.objects.filter(action="map_occupations").count() == 1
    course_mapping = CourseMapping(
        "AK001U", (OccupationSuggestion("4410", "Arkiv", 1, 0.3, "skill_overlap", LinkEvidence(0.4, 0.2)),)
    )
    store_course_suggestions(suggestions=[course_mapping])
    bulk = AuditEntry.objects.get(model="education.occupationlink", action="map_occupations")
    assert bulk.after["created"] == 1 and bulk.object_repr.startswith("1 kurser")


@pytest.mark.django_db
def test_member_role_also_changes_its_institutions_programmes(programme):
    from kompetensbron.education.permissions import can_change

    member = member_of(make_user("medlem"), programme.institution, role="member")
    assert can_change(member, programme)


@pytest.mark.django_db
def test_cli_import_stays_operator_level_and_is_audited(tmp_path):
    """The CLI (no actor) may create institutions and change any programme; it is audited without actor."""
    from kompetensbron.education.template_import import import_programme_template

    path = tmp_path / "mall.csv"
    path.write_text(
        HEADER + "\nOperatörshögskolan,OP-1,Operatörsprogrammet,,,,campus,,,,,,,,,2024,10,\n", encoding="utf-8"
    )
    report = import_programme_template(path)
    assert report.programmes_created == 1
    entries = AuditEntry.objects.filter(actor__isnull=True, action__in=["create", "import"])
    assert {e.model for e in entries} >= {"education.programme", "education.institution"}


@pytest.mark.django_db
def test_course_links_follow_the_course_institution(coordinator, other_coordinator):
    from kompetensbron.education.links import suggest_link
    from kompetensbron.education.models import Course
    from kompetensbron.education.permissions import require
    from kompetensbron.errors import PermissionDenied

    course = Course.objects.get(code="AK001U", institution__name="Mittuniversitetet")
    link, _ = suggest_link(course=course, ssyk="4410", provenance="skill_overlap", score=0.3)
    require(coordinator, "decide_link", link)
    with pytest.raises(PermissionDenied):
        require(other_coordinator, "decide_link", link)
