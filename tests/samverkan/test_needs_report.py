"""The yearly report's section on competence needs (issue 12, point 6: needs and answers
"followed up like activities"), per area of the agreement, on the page, in JSON and in Excel.

The expected figures are counted by hand from the fixture below, not by the code under test.
"""

from __future__ import annotations

import datetime as dt
import io

from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook

from kompetensbron.samverkan import services
from kompetensbron.samverkan.models import CompetenceNeed, DevelopmentArea, NeedAnswer
from kompetensbron.samverkan.schemas_meetings import AnswerCreate, NeedCreate

N = services.needs


def _at(year: int, month: int, day: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime(year, month, day, 12))


def _need(world, title, headcount, created, areas=(), agreement=True):
    need = N.create_need(
        actor=world.wg_member,
        data=NeedCreate(
            organisation_id=world.kommun.pk,
            agreement_id=world.agreement.pk if agreement else None,
            title=title,
            headcount=headcount,
            area_ids=[a.pk for a in areas],
        ),
    )
    CompetenceNeed.objects.filter(pk=need.pk).update(created_at=created)
    return need


def _answer(world, need, created, *steps):
    answer = N.answer_need(
        actor=world.sg_member,
        need=need,
        data=AnswerCreate(organisation_id=world.uni.pk, kind="distance", title=f"Svar på {need.title}"),
    )
    for step in steps:
        actor = world.coordinator if step in ("accepted", "declined") else world.sg_member
        N.transition_answer(actor=actor, answer=answer, to_status=step)
    NeedAnswer.objects.filter(pk=answer.pk).update(created_at=created)
    return answer


def _fixture(world):
    """2025: need 1 (area A, 12 people) with one accepted answer; need 2 (areas A and B, 5 people)
    with a running and a declined answer; need 3 (no area, registered 2024) answered in 2025;
    need 4 (area B) registered and answered in 2024 only; need 5 without an agreement."""
    a = DevelopmentArea.objects.get(name="Kompetensförsörjning")
    b = DevelopmentArea.objects.create(name="Samhällsbyggnad")
    world.agreement.areas.add(b)
    n1 = _need(world, "Sjuksköterskor", 12, _at(2025, 3, 1), [a])
    _answer(world, n1, _at(2025, 4, 1), "accepted")
    n2 = _need(world, "Planarkitekter", 5, _at(2025, 6, 1), [a, b])
    _answer(world, n2, _at(2025, 7, 1), "accepted", "running")
    _answer(world, n2, _at(2025, 8, 1), "declined")
    n3 = _need(world, "Lärare i svenska som andraspråk", 3, _at(2024, 11, 1))
    _answer(world, n3, _at(2025, 1, 20))
    n4 = _need(world, "Ingenjörer", 7, _at(2024, 2, 1), [b])
    _answer(world, n4, _at(2024, 3, 1), "accepted")
    _need(world, "Utan avtal", 40, _at(2025, 5, 1), agreement=False)
    return a, b


ROW = ("registered", "headcount", "answered", "answers", "accepted")


def test_needs_section_per_area(world):
    a, b = _fixture(world)
    report = services.yearly_report(actor=world.coordinator, agreement=world.agreement, year=2025)
    section = report.needs
    assert section is not None
    rows = {r.area: tuple(getattr(r, k) for k in ROW) for r in section.rows}
    assert rows == {
        "Kompetensförsörjning": (2, 17, 2, 3, 2),
        "Samhällsbyggnad": (1, 5, 1, 2, 1),
        "Utan område": (0, 0, 1, 1, 0),
    }
    assert tuple(getattr(section.total, k) for k in ROW) == (2, 17, 3, 4, 2)
    listed = {n.title: (n.registered_this_year, n.answers_this_year) for n in section.needs}
    assert listed == {
        "Sjuksköterskor": (True, 1),
        "Planarkitekter": (True, 2),
        "Lärare i svenska som andraspråk": (False, 1),
    }
    earlier = services.yearly_report(actor=world.coordinator, agreement=world.agreement, year=2024).needs
    assert earlier is not None
    assert tuple(getattr(earlier.total, k) for k in ROW) == (2, 10, 1, 1, 1)  # needs 3 and 4; need 4's answer
    assert services.yearly_report(actor=world.coordinator, agreement=world.agreement, year=2023).needs is None


def test_needs_section_on_the_page_in_json_and_in_excel(world):
    _fixture(world)
    client = Client()
    client.force_login(world.coordinator)
    page = client.get(f"/samverkan/avtal/{world.agreement.pk}/arsrapport/2025/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'id="needs-per-area"' in html and "Planarkitekter" in html and "Utan avtal" not in html
    book = load_workbook(io.BytesIO(client.get(f"/samverkan/avtal/{world.agreement.pk}/arsrapport/2025.xlsx").content))
    sheet = book["Kompetensbehov"]
    values = [[c.value for c in row] for row in sheet.iter_rows(min_row=2, max_row=5)]
    assert values == [
        ["Kompetensförsörjning", 2, 17, 2, 3, 2],
        ["Samhällsbyggnad", 1, 5, 1, 2, 1],
        ["Utan område", 0, 0, 1, 1, 0],
        ["Summa", 2, 17, 3, 4, 2],
    ]
    api = client.get(f"/api/v1/samverkan/agreements/{world.agreement.pk}/report/2025").json()
    assert api["needs"]["total"] | {"area": None} == {
        "area_id": None,
        "area": None,
        "registered": 2,
        "headcount": 17,
        "answered": 3,
        "answers": 4,
        "accepted": 2,
    }
