"""The programme form's validation messages (the same checks as the services)."""

from __future__ import annotations

import pytest


def _data(miun, **overrides) -> dict:
    data = dict(
        institution=miun.pk,
        code="EX-NY",
        name="Nytt program",
        degree="kandidatexamen",
        sun_level="536",
        sun_field="723a",
        form="campus",
        places="30",
        kommun="2380",
        credits="180",
        description="",
        is_demo="",
    )
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_valid_form(miun):
    from kompetensbron.education.forms import ProgrammeForm

    form = ProgrammeForm(_data(miun))
    assert form.is_valid(), form.errors
    schema = form.to_schema()
    assert (schema.sun_level, schema.sun_field, schema.kommun, schema.places) == ("536", "723a", "2380", 30)


@pytest.mark.django_db
def test_messages(miun, programme):
    from kompetensbron.education.forms import ProgrammeForm

    form = ProgrammeForm(
        _data(miun, places="-1", credits="0", sun_level="206", sun_field="nope", kommun="9999", name="")
    )
    assert not form.is_valid()
    assert form.errors["places"] == ["Värdet får inte vara negativt."]
    assert form.errors["credits"] == ["Värdet måste vara större än 0."]
    assert form.errors["sun_level"] == [
        "SUN-nivån ”206 Grundskoleutbildning, årskurs 7–9 (10)” är inte eftergymnasial (nivå 4, 5 eller 6)."
    ]
    assert form.errors["sun_field"] == ["Okänd SUN 2020-inriktning."]
    assert form.errors["kommun"] == ["Okänd kommun."]
    assert form.errors["name"] == ["Detta fält måste fyllas i."]
    duplicate = ProgrammeForm(_data(miun, code=programme.code))
    assert not duplicate.is_valid()
    assert dict(duplicate.errors) == {"code": ["Lärosätet har redan ett program med koden ”EX-SSK”."]}
    assert ProgrammeForm(_data(miun, code=programme.code, name="Nytt namn"), instance=programme).is_valid()


@pytest.mark.django_db
def test_manual_link_form(db):
    from kompetensbron.education.forms import ManualLinkForm

    form = ManualLinkForm({"ssyk": "22", "reason": ""})
    assert not form.is_valid()
    assert form.errors["ssyk"] == ["SSYK-koden ”22” är inte på nivå 4 (undergrupp)."]
    assert "reason" in form.errors
