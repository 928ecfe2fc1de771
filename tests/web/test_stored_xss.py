"""Stored XSS: script payloads written into every writable text field of Samverkan, education
and the dossier inputs are rendered inert on every page that shows them, in the JSON and in
the exports (issue 8, item 2 and "done when").

Payloads: a ``<script>`` element, an ``<img onerror=…>`` attribute and a ``javascript:`` URL.
A page is inert when no payload appears unescaped, no ``href``/``src`` starts with
``javascript:``, and the escaped payload *is* there (so the check cannot pass by omission).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from html import escape

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from openpyxl import load_workbook

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_db")]

SCRIPT = '<script>alert("xss")</script>'
ONERROR = "<img src=x onerror=alert(1)>"
JS_URL = "javascript:alert(document.cookie)"
PAYLOADS = (SCRIPT, ONERROR, JS_URL)


def _p(label: str, i: int = 0) -> str:
    """A payload-carrying text that is unique per field (names are unique in the register)."""
    return f"{label} {PAYLOADS[i % 3]}"


@pytest.fixture
def stored(db):
    """Every writable text field filled with payloads, through the services and the API."""
    from kompetensbron.dossier.schemas import InputIn
    from kompetensbron.dossier.services import add_input
    from kompetensbron.education.links import add_manual_link
    from kompetensbron.education.models import Institution
    from kompetensbron.education.schemas import ProgrammeIn
    from kompetensbron.education.services import create_programme
    from kompetensbron.samverkan import services
    from kompetensbron.samverkan.models import AgreementDocument, Organisation
    from kompetensbron.samverkan.schemas import (
        ActivityCreate,
        AgreementCreate,
        BodyCreate,
        DocumentIn,
        FundingCreate,
        IndicatorCreate,
        IndicatorYearIn,
        OrganisationCreate,
    )

    User = get_user_model()
    admin = User.objects.create_superuser(
        "xss-admin", "xss-admin@example.se", None, first_name=_p("Förnamn", 0), last_name=_p("Efternamn", 1)
    )
    org = services.create_organisation(
        actor=admin, data=OrganisationCreate(name=_p("Org", 0), kind="municipality", website="https://example.se")
    )
    partner = services.create_organisation(
        actor=admin, data=OrganisationCreate(name=_p("Partner", 1), kind="university")
    )
    services.create_unit(actor=admin, organisation=org, name=_p("Enhet", 2))
    services.set_membership(actor=admin, user=admin, organisation=org, role="coordinator")
    agreement = services.create_agreement(
        actor=admin,
        data=AgreementCreate(
            title=_p("Avtal", 1),
            purpose=_p("Syfte", 2),
            party_ids=[org.pk, partner.pk],
            period_start=dt.date(2025, 1, 1),
            area_names=[_p("Område", 0)],
            documents=[DocumentIn(title=_p("Dokument", 1), url="https://example.se/avtal.pdf")],
        ),
    )
    # stored before the URL rule (or by a database write): must still be inert
    Organisation.objects.filter(pk=partner.pk).update(website=JS_URL)
    AgreementDocument.objects.create(agreement=agreement, title=_p("Gammalt dokument", 0), url=JS_URL)
    steering = services.create_body(
        actor=admin,
        data=BodyCreate(
            name=_p("Styrgrupp", 2),
            kind="steering_group",
            agreement_id=agreement.pk,
            chair_id=admin.pk,
            chair_title=_p("Ordförande", 0),
            area_names=[_p("Organområde", 1)],
        ),
    )
    working = services.create_body(
        actor=admin,
        data=BodyCreate(
            name=_p("Arbetsgrupp", 0), kind="working_group", agreement_id=agreement.pk, parent_id=steering.pk
        ),
    )
    services.add_body_member(actor=admin, body=working, user=admin, organisation=org)
    services.add_body_member(actor=admin, body=steering, user=admin, organisation=org)
    activity = services.propose_activity(
        actor=admin,
        data=ActivityCreate(
            title=_p("Aktivitet", 1),
            description=_p("Beskrivning", 2),
            phase="stimulate",
            target_group=_p("Målgrupp", 0),
            owner_id=org.pk,
            partner_ids=[partner.pk],
            agreement_id=agreement.pk,
            working_group_id=working.pk,
            period_start=dt.date(2025, 3, 1),
            period_end=dt.date(2025, 9, 1),
            place=_p("Plats", 1),
            expected_participants=5,
        ),
    )
    # the proposer never decides, and a decision never predates its proposal
    from kompetensbron.samverkan.models import Activity

    Activity.objects.filter(pk=activity.pk).update(proposed_at=dt.datetime(2025, 3, 1, 9, 0, tzinfo=dt.UTC))
    activity.refresh_from_db()
    decider = User.objects.create_superuser("xss-decider", "xss-decider@example.se", None)
    services.add_body_member(actor=admin, body=steering, user=decider, organisation=org)
    services.decide_activity(
        actor=decider,
        activity=activity,
        decision="approve",
        justification=_p("Motivering", 2),
        date=dt.date(2025, 3, 2),
    )
    activity.refresh_from_db()
    services.transition_activity(actor=admin, activity=activity, to_status="running")
    services.transition_activity(actor=admin, activity=activity, to_status="completed", actual_participants=4)
    services.transition_activity(actor=admin, activity=activity, to_status="evaluated", evaluation=_p("Utvärdering", 0))
    services.create_funding_application(
        actor=admin,
        activity=activity,
        data=FundingCreate(
            funder=_p("Finansiär", 1),
            programme=_p("Utlysning", 2),
            amount_applied=1000,
            note=_p("Anteckning", 0),
            deadline=dt.date(2025, 5, 1),
        ),
    )
    indicator = services.create_indicator(
        actor=admin,
        agreement=agreement,
        data=IndicatorCreate(name=_p("Indikator", 1), unit="st", description=_p("Indikatorbeskrivning", 2)),
    )
    services.set_indicator_year(
        actor=admin, indicator=indicator, year=2025, data=IndicatorYearIn(target=5, value=4, comment=_p("Kommentar", 0))
    )

    institution = Institution.objects.create(name="XSS-högskolan", short_name="XH")
    programme = create_programme(
        actor=admin,
        data=ProgrammeIn(
            institution_id=institution.pk,
            code="XSS-1",
            name=_p("Program", 1),
            degree=_p("Examen", 2)[:128],
            description=_p("Programbeskrivning", 0),
        ),
    )
    add_manual_link(actor=admin, ssyk="2221", reason=_p("Kopplingsmotivering", 1), programme=programme)
    add_input(
        actor=admin,
        programme_id=programme.pk,
        data=InputIn(
            date=dt.date(2025, 1, 10),
            author_name=_p("Lämnad av", 2),
            organisation=_p("Inputorg", 0),
            text=_p("Synpunkt", 1),
        ),
    )
    client = Client()
    client.force_login(admin)
    return {"client": client, "agreement": agreement, "activity": activity, "programme": programme, "org": org}


def _assert_inert(html: str, where: str) -> None:
    lowered = html.lower()
    for payload in (SCRIPT, ONERROR):
        assert payload not in html, f"{where}: unescaped {payload}"
    assert not re.search(r"""(href|src|action|formaction)\s*=\s*["']?\s*javascript:""", lowered), (
        f"{where}: javascript: link"
    )
    # outside quoted attribute values (where Django escapes every quote), no live tag or handler
    unquoted = re.sub(r'"[^"]*"', '""', lowered)
    assert not re.search(r"<script>\s*alert|<[a-z][^<>]*\sonerror\s*=", unquoted), f"{where}: live payload"
    assert escape(SCRIPT) in html or escape(ONERROR) in html or JS_URL in html, f"{where}: payload not shown at all"


PAGES = [
    "/samverkan/",
    "/samverkan/organisationer/",
    "/samverkan/organ/",
    "/samverkan/avtal/{agreement}/",
    "/samverkan/avtal/{agreement}/arsrapport/2025/",
    "/samverkan/aktiviteter/{activity}/",
    "/samverkan/organisationer/{org}/redigera/",
    "/utbildning/",
    "/utbildning/?q=Program",
    "/utbildning/program/{programme}/",
    "/utbildning/program/{programme}/redigera/",
    "/relevans/program/{programme}/",
]


def _format(path: str, stored: dict) -> str:
    return path.format(**{k: getattr(v, "pk", v) for k, v in stored.items() if k != "client"})


def test_pages_render_the_payloads_inert(stored):
    for template in PAGES:
        path = _format(template, stored)
        response = stored["client"].get(path)
        assert response.status_code == 200, (path, response.status_code)
        _assert_inert(response.content.decode(), path)


def test_admin_pages_render_the_payloads_inert(stored):
    for path in (
        "/admin/samverkan/organisation/",
        "/admin/samverkan/activity/",
        f"/admin/samverkan/activity/{stored['activity'].pk}/change/",
    ):
        response = stored["client"].get(path)
        assert response.status_code == 200, path
        assert SCRIPT not in response.content.decode() and ONERROR not in response.content.decode()


API_ROUTES = [
    "/api/v1/samverkan/organisations",
    "/api/v1/samverkan/agreements/{agreement}",
    "/api/v1/samverkan/activities/{activity}",
    "/api/v1/samverkan/activities/{activity}/funding",
    "/api/v1/samverkan/agreements/{agreement}/report/2025",
    "/api/v1/samverkan/bodies",
    "/api/v1/education/programmes/{programme}",
    "/api/v1/dossier/programmes/{programme}",
]


def test_json_carries_the_text_as_data_never_as_html(stored):
    for template in API_ROUTES:
        path = _format(template, stored)
        response = stored["client"].get(path)
        assert response.status_code == 200, path
        assert response["Content-Type"].startswith("application/json")
        assert response["X-Content-Type-Options"] == "nosniff"
        assert SCRIPT in json.dumps(response.json(), ensure_ascii=False) or ONERROR in json.dumps(
            response.json(), ensure_ascii=False
        ), path


def test_exports_render_the_payloads_inert(stored):
    client = stored["client"]
    agreement, programme = stored["agreement"].pk, stored["programme"].pk
    for path in (f"/samverkan/avtal/{agreement}/arsrapport/2025.xlsx", f"/relevans/program/{programme}.xlsx"):
        response = client.get(path)
        assert response.status_code == 200, path
        book = load_workbook(io.BytesIO(response.content))
        cells = [c for sheet in book for row in sheet.iter_rows() for c in row if c.value is not None]
        assert not [c.coordinate for c in cells if c.data_type == "f"], path
        assert any(isinstance(c.value, str) and (SCRIPT in c.value or ONERROR in c.value) for c in cells), path
        assert not any(c.hyperlink for c in cells), path
    # the PDFs are drawn from the escaped print templates (WeasyPrint runs no script)
    for template in ("samverkan/yearly_report_print.html", "dossier/print.html"):
        assert "|safe" not in _template_source(template) and "autoescape off" not in _template_source(template)


def _template_source(name: str) -> str:
    from django.template.loader import get_template

    return get_template(name).template.source


def test_no_template_marks_user_text_safe():
    """``|safe`` or ``autoescape off`` on user text would undo the escaping the checks above see."""
    from pathlib import Path

    src = Path(__file__).resolve().parents[2] / "src" / "kompetensbron"
    offenders = [
        f"{p.relative_to(src)}: {line.strip()}"
        for p in src.rglob("templates/**/*.html")
        for line in p.read_text(encoding="utf-8").splitlines()
        if re.search(r"\|\s*safe\b|autoescape\s+off", line)
    ]
    assert not offenders, offenders
